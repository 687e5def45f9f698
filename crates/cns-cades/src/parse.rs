//! Streaming reader of a CMS SignedData envelope (RFC 5652 §5.1), DER or BER: the content goes
//! chunk by chunk to a sink, the bounded parts are kept as stored (BER indefinite lengths
//! included) and turned into DER for `cms`/`x509-cert` only when they are not DER already.

use crate::ber::{self, Counting, Header};
use crate::{Result, malformed, oids};
use cms::content_info::CmsVersion;
use der::Decode;
use der::asn1::ObjectIdentifier;
use spki::AlgorithmIdentifierOwned;
use std::io::Read;

/// Caps on the bounded parts: far above any real signed file, far below harm.
const MAX_OID: u64 = 128;
const MAX_SMALL: u64 = 64;
const MAX_DIGEST_ALGS: u64 = 4 * 1024;
const MAX_CERTS: u64 = 8 * 1024 * 1024;
const MAX_SIGNER_INFOS: u64 = 4 * 1024 * 1024;
const MAX_NESTING: usize = 16;

/// The SignedData around the content.
#[derive(Debug, Clone)]
pub struct Envelope {
    pub version: CmsVersion,
    pub digest_algs: Vec<AlgorithmIdentifierOwned>,
    pub econtent_type: ObjectIdentifier,
    /// `None`: detached (no content inside).
    pub content_len: Option<u64>,
    /// Each element of `certificates`, as stored (DER, or BER: see [`ber::to_der`]).
    pub certs: Vec<Vec<u8>>,
    /// Each SignerInfo, as stored (DER, or BER).
    pub signer_infos: Vec<Vec<u8>>,
}

/// Where a container ends: a position (definite length) or an end-of-contents (indefinite).
struct Frame {
    end: Option<u64>,
}

impl Frame {
    fn open<R: Read>(r: &Counting<R>, h: &Header) -> Frame {
        Frame { end: h.len.map(|l| r.pos + l) }
    }

    /// The next element's header, or `None` at the end of the container.
    fn next<R: Read>(&self, r: &mut Counting<R>) -> Result<Option<Header>> {
        match self.end {
            Some(end) if r.pos == end => Ok(None),
            Some(end) if r.pos > end => Err(malformed("an element overruns its container")),
            Some(_) => Ok(Some(r.header()?)),
            None => {
                let h = r.header()?;
                Ok(if h.is_end_of_contents() { None } else { Some(h) })
            }
        }
    }

    fn close<R: Read>(&self, r: &mut Counting<R>) -> Result<()> {
        match self.next(r)? {
            None => Ok(()),
            Some(h) => Err(malformed(format!("unexpected element (tag {:02X})", h.tag))),
        }
    }
}

fn oid<R: Read>(r: &mut Counting<R>, what: &'static str) -> Result<ObjectIdentifier> {
    let (h, tlv) = r.tlv(MAX_OID, what)?;
    if h.tag != 0x06 {
        return Err(malformed(format!("{what}: not an object identifier")));
    }
    Ok(ObjectIdentifier::from_der(&tlv)?)
}

/// Splits the value of a SET/SEQUENCE TLV held in memory into its elements' TLVs, each as
/// stored (BER or DER).
pub fn elements(tlv: &[u8], what: &'static str) -> Result<Vec<Vec<u8>>> {
    let mut r = Counting::new(tlv);
    let h = r.header()?;
    let frame = Frame::open(&r, &h);
    let mut out = Vec::new();
    while let Some(e) = frame.next(&mut r)? {
        out.push(r.value_tlv(&e, tlv.len() as u64, what)?);
    }
    if !r.at_eof()? {
        return Err(malformed(format!("{what}: trailing bytes")));
    }
    Ok(out)
}

/// True when `prefix` (the first bytes of some content) starts a CMS SignedData in DER/BER.
pub fn looks_like_signed_data(prefix: &[u8]) -> bool {
    let mut r = Counting::new(prefix);
    let Ok(h) = r.header() else { return false };
    if h.tag != ber::TAG_SEQUENCE {
        return false;
    }
    matches!(r.tlv(MAX_OID, "content type"), Ok((h, tlv)) if h.tag == 0x06
        && ObjectIdentifier::from_der(&tlv).is_ok_and(|o| o == oids::SIGNED_DATA))
}

/// Receives the content of an envelope as it streams by.
pub trait ContentSink {
    /// The digest algorithms the file announces, before any content.
    fn digest_algorithms(&mut self, _algs: &[AlgorithmIdentifierOwned]) -> Result<()> {
        Ok(())
    }
    fn content(&mut self, chunk: &[u8]) -> Result<()>;
}

impl<F: FnMut(&[u8]) -> Result<()>> ContentSink for F {
    fn content(&mut self, chunk: &[u8]) -> Result<()> {
        self(chunk)
    }
}

/// Reads a ContentInfo holding a SignedData from `r`, sending the encapsulated content (if any)
/// to `sink` chunk by chunk.
pub fn read_envelope<R: Read>(r: &mut Counting<R>, sink: &mut dyn ContentSink) -> Result<Envelope> {
    let ci = r.expect(ber::TAG_SEQUENCE, "ContentInfo")?;
    let ci_frame = Frame::open(r, &ci);
    let content_type = oid(r, "content type")?;
    if content_type != oids::SIGNED_DATA {
        return Err(malformed(format!("the file holds CMS content of type {content_type}, not a signature")));
    }
    let wrap = r.expect(ber::TAG_CONTEXT_0, "ContentInfo content")?;
    let wrap_frame = Frame::open(r, &wrap);
    let sd = r.expect(ber::TAG_SEQUENCE, "SignedData")?;
    let sd_frame = Frame::open(r, &sd);

    let (vh, vtlv) = r.tlv(MAX_SMALL, "version")?;
    if vh.tag != 0x02 {
        return Err(malformed("SignedData version"));
    }
    let version = CmsVersion::from_der(&vtlv)?;
    let (dh, dtlv) = r.tlv(MAX_DIGEST_ALGS, "digest algorithms")?;
    if dh.tag != ber::TAG_SET {
        return Err(malformed("digest algorithms"));
    }
    let digest_algs = elements(&dtlv, "digest algorithms")?
        .iter()
        .map(|e| Ok(AlgorithmIdentifierOwned::from_der(&ber::to_der(e)?)?))
        .collect::<Result<Vec<_>>>()?;
    sink.digest_algorithms(&digest_algs)?;

    // EncapsulatedContentInfo: type, then the content in [0] EXPLICIT OCTET STRING, if attached.
    let eci = r.expect(ber::TAG_SEQUENCE, "EncapsulatedContentInfo")?;
    let eci_frame = Frame::open(r, &eci);
    let econtent_type = oid(r, "content type")?;
    let content_len = match eci_frame.next(r)? {
        None => None,
        Some(h) if h.tag == ber::TAG_CONTEXT_0 => {
            let f = Frame::open(r, &h);
            let os = f.next(r)?.ok_or_else(|| malformed("empty content wrapper"))?;
            let mut total = 0u64;
            stream_octets(
                r,
                &os,
                &mut |chunk| {
                    total += chunk.len() as u64;
                    sink.content(chunk)
                },
                0,
            )?;
            f.close(r)?;
            eci_frame.close(r)?;
            Some(total)
        }
        Some(h) => return Err(malformed(format!("EncapsulatedContentInfo: tag {:02X}", h.tag))),
    };

    let mut certs = Vec::new();
    let mut signer_infos = None;
    while let Some(h) = sd_frame.next(r)? {
        match h.tag {
            ber::TAG_CONTEXT_0 if signer_infos.is_none() && certs.is_empty() => {
                let tlv = r.value_tlv(&h, MAX_CERTS, "certificates")?;
                certs = elements(&tlv, "certificates")?;
            }
            // Embedded CRLs are not used: revocation comes from the user's CRLs.
            ber::TAG_CONTEXT_1 if signer_infos.is_none() => r.skip_value(&h)?,
            ber::TAG_SET if signer_infos.is_none() => {
                let tlv = r.value_tlv(&h, MAX_SIGNER_INFOS, "signer infos")?;
                signer_infos = Some(elements(&tlv, "signer infos")?);
            }
            t => return Err(malformed(format!("SignedData: unexpected tag {t:02X}"))),
        }
    }
    wrap_frame.close(r)?;
    ci_frame.close(r)?;
    let signer_infos = signer_infos.ok_or_else(|| malformed("no signer infos"))?;
    Ok(Envelope { version, digest_algs, econtent_type, content_len, certs, signer_infos })
}

/// An OCTET STRING, primitive or (BER) constructed from segments.
pub(crate) fn stream_octets<R: Read>(
    r: &mut Counting<R>,
    h: &Header,
    sink: &mut dyn FnMut(&[u8]) -> Result<()>,
    depth: usize,
) -> Result<()> {
    match h.tag {
        ber::TAG_OCTET_STRING => r.stream(h.len.unwrap_or(0), sink),
        ber::TAG_OCTET_STRING_CONSTRUCTED if depth < MAX_NESTING => {
            let f = Frame::open(r, h);
            while let Some(seg) = f.next(r)? {
                stream_octets(r, &seg, sink, depth + 1)?;
            }
            Ok(())
        }
        t => Err(malformed(format!("content: tag {t:02X} where an OCTET STRING belongs"))),
    }
}

/// The signed attributes of a SignerInfo (DER) in the order the signer stored them, with the
/// SET OF tag that the signature covers (RFC 5652 §5.4) in place of the `[0] IMPLICIT` one.
/// `None`: the SignerInfo has no signed attributes.
pub fn stored_signed_attrs(signer_info: &[u8]) -> Result<Option<Vec<u8>>> {
    let mut r = Counting::new(signer_info);
    let h = r.expect(ber::TAG_SEQUENCE, "SignerInfo")?;
    let f = Frame::open(&r, &h);
    for what in ["version", "signer identifier", "digest algorithm"] {
        let e = f.next(&mut r)?.ok_or_else(|| malformed(format!("SignerInfo: no {what}")))?;
        r.skip_value(&e)?;
    }
    match f.next(&mut r)? {
        Some(e) if e.tag == ber::TAG_CONTEXT_0 => {
            let mut tlv = r.value_tlv(&e, signer_info.len() as u64, "signed attributes")?;
            tlv[0] = ber::TAG_SET;
            Ok(Some(tlv))
        }
        _ => Ok(None),
    }
}
