//! Time-stamped bundles around a document (usually a `.p7m`): `.tsd` (RFC 5544 TimeStampedData)
//! and `.m7m` (the Italian MIME bundle of a `.p7m` and its `.tsr`, made by Dike, Aruba and
//! others). Each is opened here into the inner file (streamed to a temporary file while it is
//! hashed) and its tokens with the digests they must cover; [`crate::verify`] then checks the
//! tokens and the inner file.
//!
//! The MIME of an `.m7m` is split here line by line rather than by a mail-parsing crate: the
//! bundle is one multipart/mixed level of two parts in Base64 (or binary), and a line reader
//! streams a document of any size with every line and header capped, where the mail crates
//! hold the whole message in memory.

use crate::ber::{self, Counting};
use crate::oids::{DigestAlg, Hasher};
use crate::parse::{self, elements};
use crate::timestamp::Digests;
use crate::{CadesError, Result, malformed, oids, tst};
use base64::Engine;
use std::io::{BufRead, Read, Write};

/// The kind of bundle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContainerKind {
    /// RFC 5544 TimeStampedData.
    Tsd,
    /// MIME multipart bundle of a signed file and its time-stamp.
    M7m,
}

/// A bundle opened: the inner file, and each token with the digests of what it must cover.
pub struct Opened {
    pub inner: tempfile::NamedTempFile,
    pub tokens: Vec<(Vec<u8>, Digests)>,
    /// The inner file's name, when the bundle gives it (`.tsd` metaData, MIME part name).
    pub file_name: Option<String>,
}

const ALL: [DigestAlg; 4] = [DigestAlg::Sha1, DigestAlg::Sha256, DigestAlg::Sha384, DigestAlg::Sha512];
/// Evidence (tokens and CRLs) of a `.tsd`: real ones hold one to a few tokens.
const MAX_EVIDENCE: u64 = 8 * 1024 * 1024;
/// metaData of a `.tsd`: a file name, a media type, a few attributes.
const MAX_METADATA: u64 = 64 * 1024;
/// A MIME header or line looked at (Base64 lines are 76 characters).
const MAX_LINE: u64 = 64 * 1024;
const MAX_HEADERS: usize = 64;
const MAX_PARTS: usize = 8;

/// Which bundle `prefix` (the file's first bytes) starts, if any.
pub fn sniff(prefix: &[u8]) -> Option<ContainerKind> {
    let mut r = Counting::new(prefix);
    if let Ok(h) = r.header()
        && h.tag == ber::TAG_SEQUENCE
        && let Ok((oh, tlv)) = r.tlv(128, "content type")
        && oh.tag == 0x06
        && oid_of(&tlv).is_some_and(|o| o == oids::TIMESTAMPED_DATA)
    {
        return Some(ContainerKind::Tsd);
    }
    let text = String::from_utf8_lossy(&prefix[..prefix.len().min(2048)]).to_ascii_lowercase();
    let text = text.trim_start();
    if (text.starts_with("mime-version:") || text.starts_with("content-type:")) && text.contains("multipart/")
    {
        return Some(ContainerKind::M7m);
    }
    None
}

fn oid_of(tlv: &[u8]) -> Option<der::asn1::ObjectIdentifier> {
    use der::Decode;
    der::asn1::ObjectIdentifier::from_der(tlv).ok()
}

/// Hashes under every algorithm and copies to the inner file.
struct Sink {
    file: tempfile::NamedTempFile,
    hashers: Vec<(DigestAlg, Hasher)>,
}

impl Sink {
    fn new(prefix: &[u8]) -> Result<Sink> {
        let mut hashers: Vec<(DigestAlg, Hasher)> = ALL.iter().map(|a| (*a, a.hasher())).collect();
        for (_, h) in hashers.iter_mut() {
            h.update(prefix);
        }
        Ok(Sink { file: tempfile::NamedTempFile::new()?, hashers })
    }

    fn write(&mut self, chunk: &[u8]) -> Result<()> {
        for (_, h) in self.hashers.iter_mut() {
            h.update(chunk);
        }
        Ok(self.file.write_all(chunk)?)
    }

    fn finish(self) -> Result<(tempfile::NamedTempFile, Digests)> {
        let mut file = self.file;
        file.flush()?;
        Ok((file, self.hashers.into_iter().map(|(a, h)| (a, h.finish())).collect()))
    }
}

/// Opens a `.tsd` (DER or BER). RFC 5544 §4: the first token covers the content, preceded by the
/// DER MetaData when that says `hashProtected`; each later token (a renewal) covers the DER of
/// the TimeStampAndCRL before it.
pub fn open_tsd<R: Read>(r: &mut Counting<R>) -> Result<Opened> {
    r.expect(ber::TAG_SEQUENCE, "ContentInfo")?;
    let (oh, otlv) = r.tlv(128, "content type")?;
    if oh.tag != 0x06 || oid_of(&otlv) != Some(oids::TIMESTAMPED_DATA) {
        return Err(malformed("not a TimeStampedData"));
    }
    r.expect(ber::TAG_CONTEXT_0, "ContentInfo content")?;
    r.expect(ber::TAG_SEQUENCE, "TimeStampedData")?;
    let (vh, vtlv) = r.tlv(16, "version")?;
    if vh.tag != 0x02 || vtlv.last() != Some(&1) || vtlv.len() != 3 {
        return Err(malformed("TimeStampedData: version is not 1"));
    }
    let mut h = r.header()?;
    if h.tag == 0x16 {
        // dataUri: where detached data lives; the data must be here all the same.
        r.skip_value(&h)?;
        h = r.header()?;
    }
    let mut prefix = Vec::new();
    let mut file_name = None;
    if h.tag == ber::TAG_SEQUENCE {
        let meta = ber::to_der(&r.value_tlv(&h, MAX_METADATA, "metaData")?)?;
        let fields = elements(&meta, "metaData")?;
        let protected = fields.first().is_some_and(|f| f.as_slice() == [0x01, 0x01, 0xFF]);
        file_name = fields
            .get(1)
            .filter(|f| f.first() == Some(&0x0C))
            .and_then(|f| f.get(2..))
            .map(|b| String::from_utf8_lossy(b).into_owned());
        if protected {
            prefix = meta;
        }
        h = r.header()?;
    }
    if h.tag != ber::TAG_OCTET_STRING && h.tag != ber::TAG_OCTET_STRING_CONSTRUCTED {
        return Err(CadesError::Unsupported("a .tsd whose data is not inside it".into()));
    }
    let mut sink = Sink::new(&prefix)?;
    parse::stream_octets(r, &h, &mut |chunk| sink.write(chunk), 0)?;
    let (inner, covered) = sink.finish()?;
    let ev = r.expect(ber::TAG_CONTEXT_0, "temporalEvidence")?;
    // [0] IMPLICIT SEQUENCE OF TimeStampAndCRL: split like a SEQUENCE.
    let evidence = r.value_tlv(&ev, MAX_EVIDENCE, "temporalEvidence")?;
    let mut tokens = Vec::new();
    let mut previous: Option<Vec<u8>> = None;
    for stamp in elements(&evidence, "temporalEvidence")?.into_iter().take(crate::timestamp::MAX_TOKENS) {
        let fields = elements(&stamp, "TimeStampAndCRL")?;
        let token = fields.first().ok_or_else(|| malformed("TimeStampAndCRL: no token"))?.clone();
        let digests = match &previous {
            None => covered.clone(),
            Some(p) => crate::timestamp::all_digests(&ber::to_der(p)?),
        };
        tokens.push((token, digests));
        previous = Some(stamp);
    }
    if tokens.is_empty() {
        return Err(malformed("TimeStampedData: no time-stamp"));
    }
    Ok(Opened { inner, tokens, file_name })
}

/// One line read with its end (`\n`, `\r\n`) apart; `None` at the end of the input. A line
/// longer than [`MAX_LINE`] comes in pieces, `eol` empty on all but the last.
fn line<R: BufRead>(r: &mut R) -> Result<Option<(Vec<u8>, Vec<u8>)>> {
    let mut buf = Vec::new();
    r.by_ref().take(MAX_LINE).read_until(b'\n', &mut buf)?;
    if buf.is_empty() {
        return Ok(None);
    }
    let mut eol = Vec::new();
    if buf.last() == Some(&b'\n') {
        buf.pop();
        eol.push(b'\n');
        if buf.last() == Some(&b'\r') {
            buf.pop();
            eol.insert(0, b'\r');
        }
    }
    Ok(Some((buf, eol)))
}

/// Headers up to the blank line, unfolded, names in lower case.
fn headers<R: BufRead>(r: &mut R) -> Result<Vec<(String, String)>> {
    let mut out: Vec<(String, String)> = Vec::new();
    loop {
        let Some((l, _)) = line(r)? else { return Ok(out) };
        if l.is_empty() {
            return Ok(out);
        }
        let text = String::from_utf8_lossy(&l).into_owned();
        if text.starts_with([' ', '\t']) {
            if let Some(last) = out.last_mut() {
                last.1.push(' ');
                last.1.push_str(text.trim());
            }
            continue;
        }
        if out.len() >= MAX_HEADERS {
            return Err(malformed("MIME: too many headers"));
        }
        let (name, value) = text.split_once(':').ok_or_else(|| malformed("MIME: a header without ':'"))?;
        out.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
    }
}

fn header<'h>(hs: &'h [(String, String)], name: &str) -> Option<&'h str> {
    hs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}

/// A parameter of a header value (`boundary="x"`, `name=a.p7m`).
fn param(value: &str, name: &str) -> Option<String> {
    value.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        (k.trim().eq_ignore_ascii_case(name)).then(|| v.trim().trim_matches('"').to_string())
    })
}

enum Body {
    Document(Sink),
    Token(Vec<u8>),
}

/// Decodes Base64 text as it arrives, whitespace ignored.
struct Base64Lines {
    pending: Vec<u8>,
}

impl Base64Lines {
    fn push(&mut self, text: &[u8], out: &mut dyn FnMut(&[u8]) -> Result<()>) -> Result<()> {
        self.pending.extend(text.iter().copied().filter(|b| !b.is_ascii_whitespace()));
        let whole = self.pending.len() / 4 * 4;
        if whole >= 4096 {
            let rest = self.pending.split_off(whole);
            let chunk = std::mem::replace(&mut self.pending, rest);
            out(&decode(&chunk)?)?;
        }
        Ok(())
    }

    fn finish(self, out: &mut dyn FnMut(&[u8]) -> Result<()>) -> Result<()> {
        out(&decode(&self.pending)?)
    }
}

fn decode(text: &[u8]) -> Result<Vec<u8>> {
    base64::engine::general_purpose::STANDARD.decode(text).map_err(|e| malformed(format!("MIME part: {e}")))
}

/// Opens an `.m7m`: the signed file's part and the time-stamp's part (a `.tsr` response or a bare
/// token), the token covering the signed file's bytes as embedded.
pub fn open_m7m<R: BufRead>(r: &mut R) -> Result<Opened> {
    let top = headers(r)?;
    let ctype = header(&top, "content-type").ok_or_else(|| malformed("MIME: no Content-Type"))?;
    if !ctype.to_ascii_lowercase().starts_with("multipart/") {
        return Err(malformed("MIME: not a multipart message"));
    }
    let boundary =
        param(ctype, "boundary").filter(|b| !b.is_empty()).ok_or_else(|| malformed("MIME: no boundary"))?;
    let delimiter = format!("--{boundary}").into_bytes();
    let is_delimiter = |l: &[u8]| l.starts_with(&delimiter);
    // Preamble.
    loop {
        let Some((l, _)) = line(r)? else { return Err(malformed("MIME: no part")) };
        if is_delimiter(&l) {
            break;
        }
    }
    let mut document: Option<(Sink, Option<String>)> = None;
    let mut token: Option<Vec<u8>> = None;
    for _ in 0..MAX_PARTS {
        let hs = headers(r)?;
        let ptype = header(&hs, "content-type").unwrap_or("application/octet-stream").to_ascii_lowercase();
        let name = header(&hs, "content-type")
            .and_then(|v| param(v, "name"))
            .or_else(|| header(&hs, "content-disposition").and_then(|v| param(v, "filename")));
        let lname = name.clone().unwrap_or_default().to_ascii_lowercase();
        let base64 =
            header(&hs, "content-transfer-encoding").is_some_and(|e| e.eq_ignore_ascii_case("base64"));
        let is_token = ptype.contains("timestamp") || lname.ends_with(".tsr") || lname.ends_with(".tst");
        let mut body = if is_token { Body::Token(Vec::new()) } else { Body::Document(Sink::new(&[])?) };
        let emit = |b: &mut Body, chunk: &[u8]| -> Result<()> {
            match b {
                Body::Document(s) => s.write(chunk),
                Body::Token(v) if v.len() + chunk.len() <= tst::MAX_TOKEN as usize => {
                    v.extend_from_slice(chunk);
                    Ok(())
                }
                Body::Token(_) => Err(CadesError::TooLarge { what: "time-stamp part", len: tst::MAX_TOKEN }),
            }
        };
        let mut b64 = Base64Lines { pending: Vec::new() };
        let mut held_eol: Vec<u8> = Vec::new();
        let mut at_line_start = true;
        let last = loop {
            let Some((l, eol)) = line(r)? else {
                return Err(malformed("MIME: the message ends inside a part"));
            };
            if at_line_start && is_delimiter(&l) {
                break l[delimiter.len()..].starts_with(b"--");
            }
            if base64 {
                b64.push(&l, &mut |c| emit(&mut body, c))?;
            } else {
                // Binary: the line end before the delimiter belongs to the delimiter.
                let held = std::mem::take(&mut held_eol);
                emit(&mut body, &held)?;
                emit(&mut body, &l)?;
                held_eol = eol.clone();
            }
            at_line_start = !eol.is_empty();
        };
        if base64 {
            b64.finish(&mut |c| emit(&mut body, c))?;
        }
        match body {
            Body::Token(t) if token.is_none() => token = Some(t),
            Body::Document(s) if document.is_none() => document = Some((s, name)),
            _ => {}
        }
        if last {
            break;
        }
    }
    let (sink, file_name) = document.ok_or_else(|| malformed("MIME: no signed file"))?;
    let token = token.ok_or_else(|| malformed("MIME: no time-stamp"))?;
    let (inner, covered) = sink.finish()?;
    Ok(Opened { inner, tokens: vec![(token, covered)], file_name })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mime_parameters_quoted_or_not() {
        assert_eq!(param("multipart/mixed; boundary=\"a b\"", "boundary").as_deref(), Some("a b"));
        assert_eq!(param("application/pkcs7-mime; NAME=x.p7m", "name").as_deref(), Some("x.p7m"));
        assert_eq!(param("multipart/mixed", "boundary"), None);
    }

    #[test]
    fn a_bundle_is_told_from_its_first_bytes() {
        assert_eq!(
            sniff(b"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=x\r\n"),
            Some(ContainerKind::M7m)
        );
        assert_eq!(sniff(b"Content-Type: text/plain\r\n"), None);
        assert_eq!(sniff(b"\x30\x80\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x07\x02"), None, "a signed file");
        assert_eq!(
            sniff(b"\x30\x80\x06\x0b\x2a\x86\x48\x86\xf7\x0d\x01\x09\x10\x01\x1f"),
            Some(ContainerKind::Tsd)
        );
    }
}
