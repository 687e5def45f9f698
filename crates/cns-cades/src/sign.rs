//! Making CAdES-BES signatures: attached (`.p7m`), detached (`.p7s`), and a further signer on an
//! existing `.p7m`.

use crate::ber::{self, Counting, tlv_len, write_header};
use crate::ess::SigningCertificateV2;
use crate::oids::{self, DigestAlg};
use crate::parse::{self, Envelope};
use crate::{CHUNK, CadesError, DigestSigner, Result};
use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::CmsVersion;
use cms::signed_data::{CertificateSet, SignedAttributes, SignerIdentifier, SignerInfo, SignerInfos};
use der::asn1::{OctetString, SetOfVec};
use der::{Any, Decode, Encode, Sequence};
use rsa::traits::PublicKeyParts;
use spki::{AlgorithmIdentifierOwned, DecodePublicKey};
use std::io::{Read, Write};
use std::path::Path;
use std::time::SystemTime;
use x509_cert::Certificate;
use x509_cert::attr::Attribute;
use x509_cert::time::Time;

/// How to sign.
#[derive(Debug, Clone)]
pub struct SignOptions {
    /// The signing-time attribute (the signer's clock: CAdES-BES has no trusted time).
    pub signing_time: SystemTime,
    /// [`add_signer`]: the SHA-256 the existing file's content must have (the document the
    /// user has in hand); checked before the signer is asked.
    pub expect_content_sha256: Option<Vec<u8>>,
}

impl Default for SignOptions {
    fn default() -> Self {
        SignOptions { signing_time: SystemTime::now(), expect_content_sha256: None }
    }
}

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignSummary {
    pub content_len: u64,
    /// SHA-256 of the content.
    pub content_sha256: Vec<u8>,
    /// Signers in the file after this operation.
    pub signers: usize,
}

/// `DigestInfo ::= SEQUENCE { digestAlgorithm, digest OCTET STRING }` (RFC 8017 §9.2)
#[derive(Sequence)]
struct DigestInfo {
    algorithm: AlgorithmIdentifierOwned,
    digest: OctetString,
}

/// The DER DigestInfo for a SHA-256 hash: what the card's PSO COMPUTE DIGITAL SIGNATURE takes.
pub fn sha256_digest_info(hash: &[u8]) -> Result<Vec<u8>> {
    Ok(DigestInfo {
        algorithm: AlgorithmIdentifierOwned { oid: oids::SHA256, parameters: Some(Any::null()) },
        digest: OctetString::new(hash)?,
    }
    .to_der()?)
}

/// The signer's certificate, checked for use.
struct Signer {
    cert: Certificate,
    der: Vec<u8>,
    key: rsa::PublicKey,
    modulus_len: usize,
}

impl Signer {
    fn new(cert_der: &[u8]) -> Result<Signer> {
        let cert = Certificate::from_der(cert_der)
            .map_err(|e| CadesError::Certificate(format!("not a certificate: {e}")))?;
        let spki = cert.tbs_certificate().subject_public_key_info();
        if spki.algorithm.oid != oids::RSA_ENCRYPTION {
            return Err(CadesError::Certificate("only RSA keys are supported".into()));
        }
        let key = rsa::PublicKey::from_public_key_der(&spki.to_der()?)
            .map_err(|e| CadesError::Certificate(format!("RSA key: {e}")))?;
        let modulus_len = key.size();
        Ok(Signer { cert, der: cert_der.to_vec(), key, modulus_len })
    }

    fn signed_attrs(&self, time: SystemTime, digest: &[u8]) -> Result<SignedAttributes> {
        let time = Time::try_from(time)?;
        let attr = |oid, value: Any| -> Result<Attribute> {
            Ok(Attribute { oid, values: SetOfVec::try_from(vec![value])? })
        };
        let attrs = vec![
            attr(oids::CONTENT_TYPE, Any::encode_from(&oids::DATA)?)?,
            attr(oids::SIGNING_TIME, Any::encode_from(&time)?)?,
            attr(oids::MESSAGE_DIGEST, Any::encode_from(&OctetString::new(digest)?)?)?,
            attr(
                oids::SIGNING_CERTIFICATE_V2,
                Any::encode_from(&SigningCertificateV2::for_certificate(&self.cert, &self.der)?)?,
            )?,
        ];
        Ok(SetOfVec::try_from(attrs)?)
    }

    fn signer_info(&self, attrs: SignedAttributes, signature: Vec<u8>) -> Result<SignerInfo> {
        let tbs = self.cert.tbs_certificate();
        Ok(SignerInfo {
            version: CmsVersion::V1,
            sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
                issuer: tbs.issuer().clone(),
                serial_number: tbs.serial_number().clone(),
            }),
            digest_alg: AlgorithmIdentifierOwned { oid: oids::SHA256, parameters: None },
            signed_attrs: Some(attrs),
            signature_algorithm: AlgorithmIdentifierOwned {
                oid: oids::RSA_ENCRYPTION,
                parameters: Some(Any::null()),
            },
            signature: OctetString::new(signature)?,
            unsigned_attrs: None,
        })
    }

    /// The SignerInfo with placeholders of the final sizes: its length is the real one's.
    fn template(&self, time: SystemTime) -> Result<SignerInfo> {
        self.signer_info(self.signed_attrs(time, &[0u8; 32])?, vec![0u8; self.modulus_len])
    }

    /// Signs the signed attributes through `signer` and checks the answer against the certificate.
    fn sign<S: DigestSigner>(&self, time: SystemTime, digest: &[u8], signer: &mut S) -> Result<SignerInfo> {
        let attrs = self.signed_attrs(time, digest)?;
        // The signature covers the DER of the attributes as a SET OF (RFC 5652 §5.4).
        let hash = DigestAlg::Sha256.digest(&attrs.to_der()?);
        let di = sha256_digest_info(&hash)?;
        let mut sig = signer.sign_digest_info(&di).map_err(|e| CadesError::Signer(Box::new(e)))?;
        if sig.len() > self.modulus_len {
            return Err(CadesError::Certificate("the signature is longer than the key".into()));
        }
        // I2OSP: a signature is exactly as long as the modulus.
        while sig.len() < self.modulus_len {
            sig.insert(0, 0);
        }
        self.key.verify(DigestAlg::Sha256.pkcs1v15(), &hash, &sig).map_err(|_| {
            CadesError::Certificate("the signature does not match the certificate's key".into())
        })?;
        self.signer_info(attrs, sig)
    }
}

fn sha256_alg() -> AlgorithmIdentifierOwned {
    AlgorithmIdentifierOwned { oid: oids::SHA256, parameters: None }
}

/// Writes the ContentInfo/SignedData envelope with definite lengths: the head, the content
/// (streamed by `content`), then the certificates and the signer infos that `finish` produces
/// once the content has gone by. `signer_infos_len` must be the exact DER length `finish` will
/// return (checked).
#[allow(clippy::too_many_arguments)]
fn write_envelope(
    out: &mut dyn Write,
    version: CmsVersion,
    digest_algs: &SetOfVec<AlgorithmIdentifierOwned>,
    content_len: Option<u64>,
    content: &mut dyn FnMut(&mut dyn Write) -> Result<u64>,
    certs: &CertificateSet,
    signer_infos_len: u64,
    finish: &mut dyn FnMut() -> Result<Vec<u8>>,
) -> Result<()> {
    let version = version.to_der()?;
    let digest_algs = digest_algs.to_der()?;
    let data_oid = oids::DATA.to_der()?;
    let signed_oid = oids::SIGNED_DATA.to_der()?;
    // [0] IMPLICIT SET OF: the SET's encoding with the context tag.
    let mut certs = certs.to_der()?;
    if let Some(t) = certs.first_mut() {
        *t = ber::TAG_CONTEXT_0;
    }
    let eci_inner = data_oid.len() as u64 + content_len.map_or(0, |l| tlv_len(tlv_len(l)));
    let sd_inner = version.len() as u64
        + digest_algs.len() as u64
        + tlv_len(eci_inner)
        + certs.len() as u64
        + signer_infos_len;
    let ci_inner = signed_oid.len() as u64 + tlv_len(tlv_len(sd_inner));

    write_header(out, ber::TAG_SEQUENCE, ci_inner)?;
    out.write_all(&signed_oid)?;
    write_header(out, ber::TAG_CONTEXT_0, tlv_len(sd_inner))?;
    write_header(out, ber::TAG_SEQUENCE, sd_inner)?;
    out.write_all(&version)?;
    out.write_all(&digest_algs)?;
    write_header(out, ber::TAG_SEQUENCE, eci_inner)?;
    out.write_all(&data_oid)?;
    if let Some(len) = content_len {
        write_header(out, ber::TAG_CONTEXT_0, tlv_len(len))?;
        write_header(out, ber::TAG_OCTET_STRING, len)?;
        let written = content(out)?;
        if written != len {
            return Err(CadesError::Io(std::io::Error::other(format!(
                "the document changed while it was being signed ({len} bytes expected, {written} read)"
            ))));
        }
    }
    out.write_all(&certs)?;
    let signer_infos = finish()?;
    if signer_infos.len() as u64 != signer_infos_len {
        return Err(CadesError::Malformed("internal: signer info length changed".into()));
    }
    out.write_all(&signer_infos)?;
    out.flush()?;
    Ok(())
}

/// Copies `len` bytes from `input` to `out`, hashing them; `progress` gets the running total.
fn copy_hashing(
    input: &mut dyn Read,
    out: Option<&mut dyn Write>,
    hasher: &mut crate::oids::Hasher,
    progress: &mut dyn FnMut(u64),
) -> Result<u64> {
    let mut out = out;
    let mut buf = vec![0u8; CHUNK];
    let mut total = 0u64;
    loop {
        let n = match input.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e.into()),
        };
        hasher.update(&buf[..n]);
        if let Some(o) = out.as_deref_mut() {
            o.write_all(&buf[..n])?;
        }
        total += n as u64;
        progress(total);
    }
    Ok(total)
}

/// Signs `content` (exactly `content_len` bytes: a file's size) into an attached `.p7m` written
/// to `out`, in one pass: the envelope's lengths are known from the size, the content is copied
/// and hashed chunk by chunk, and `signer` is asked once, at the end.
///
/// On error `out` holds a partial file: write to a temporary file and rename on success.
pub fn sign_attached<S: DigestSigner>(
    content: &mut dyn Read,
    content_len: u64,
    out: &mut dyn Write,
    cert_der: &[u8],
    options: &SignOptions,
    signer: &mut S,
    progress: &mut dyn FnMut(u64),
) -> Result<SignSummary> {
    let me = Signer::new(cert_der)?;
    let time = options.signing_time;
    let si_len = SignerInfos::try_from(vec![me.template(time)?])?.to_der()?.len() as u64;
    let certs = CertificateSet::try_from(vec![CertificateChoices::Certificate(me.cert.clone())])?;
    let mut hasher = Some(DigestAlg::Sha256.hasher());
    let digest = std::cell::RefCell::new(Vec::new());
    write_envelope(
        out,
        CmsVersion::V1,
        &SetOfVec::try_from(vec![sha256_alg()])?,
        Some(content_len),
        &mut |w| {
            let mut h = hasher.take().unwrap_or_else(|| DigestAlg::Sha256.hasher());
            let n =
                copy_hashing(&mut content.take(content_len.saturating_add(1)), Some(w), &mut h, progress)?;
            *digest.borrow_mut() = h.finish();
            Ok(n)
        },
        &certs,
        si_len,
        &mut || Ok(SignerInfos::try_from(vec![me.sign(time, &digest.borrow(), signer)?])?.to_der()?),
    )?;
    Ok(SignSummary { content_len, content_sha256: digest.into_inner(), signers: 1 })
}

/// Signs `content` into a detached `.p7s` (the document itself is not included).
pub fn sign_detached<S: DigestSigner>(
    content: &mut dyn Read,
    out: &mut dyn Write,
    cert_der: &[u8],
    options: &SignOptions,
    signer: &mut S,
    progress: &mut dyn FnMut(u64),
) -> Result<SignSummary> {
    let me = Signer::new(cert_der)?;
    let time = options.signing_time;
    let mut h = DigestAlg::Sha256.hasher();
    let content_len = copy_hashing(content, None, &mut h, progress)?;
    let digest = h.finish();
    let si = SignerInfos::try_from(vec![me.sign(time, &digest, signer)?])?.to_der()?;
    let certs = CertificateSet::try_from(vec![CertificateChoices::Certificate(me.cert.clone())])?;
    let mut done = Some(si);
    let len = done.as_ref().map_or(0, |s| s.len() as u64);
    write_envelope(
        out,
        CmsVersion::V1,
        &SetOfVec::try_from(vec![sha256_alg()])?,
        None,
        &mut |_| Ok(0),
        &certs,
        len,
        &mut || Ok(done.take().unwrap_or_default()),
    )?;
    Ok(SignSummary { content_len, content_sha256: digest, signers: 1 })
}

/// Adds a signer to an existing attached `.p7m` ("firma parallela": both sign the same
/// document), writing the new file to `out`. Two passes over `existing`: one to hash the content
/// and collect the envelope, one to copy the content into the new envelope. The existing
/// signatures are carried over byte for byte.
pub fn add_signer<S: DigestSigner>(
    existing: &Path,
    out: &mut dyn Write,
    cert_der: &[u8],
    options: &SignOptions,
    signer: &mut S,
    progress: &mut dyn FnMut(u64),
) -> Result<SignSummary> {
    let me = Signer::new(cert_der)?;
    let time = options.signing_time;

    // Pass 1: hash the content, collect the envelope.
    let mut h = DigestAlg::Sha256.hasher();
    let mut seen = 0u64;
    let env = read_existing(existing, |chunk| {
        h.update(chunk);
        seen += chunk.len() as u64;
        progress(seen);
        Ok(())
    })?;
    let Some(content_len) = env.content_len else {
        return Err(CadesError::Unsupported(
            "adding a signature to a detached signature (.p7s); sign the original document".into(),
        ));
    };
    if env.econtent_type != oids::DATA {
        return Err(CadesError::Unsupported(format!("content of type {}", env.econtent_type)));
    }
    let digest = h.finish();
    if options.expect_content_sha256.as_ref().is_some_and(|want| *want != digest) {
        return Err(CadesError::ContentMismatch);
    }

    let mut digest_algs = env.digest_algs.clone();
    if !digest_algs.iter().any(|a| a.oid == oids::SHA256) {
        digest_algs.push(sha256_alg());
    }
    let digest_algs = SetOfVec::try_from(digest_algs)?;
    let mut certs =
        env.certs.iter().map(|c| CertificateChoices::from_der(c)).collect::<der::Result<Vec<_>>>()?;
    if !env.certs.contains(&me.der) {
        certs.push(CertificateChoices::Certificate(me.cert.clone()));
    }
    let certs = CertificateSet::try_from(certs)?;
    let mut infos =
        env.signer_infos.iter().map(|s| SignerInfo::from_der(s)).collect::<der::Result<Vec<_>>>()?;
    infos.push(me.sign(time, &digest, signer)?);
    let signers = infos.len();
    let infos = SignerInfos::try_from(infos)?.to_der()?;
    let version = if env.version > CmsVersion::V1 { env.version } else { CmsVersion::V1 };

    // Pass 2: the new envelope around the same content.
    let mut done = Some(infos);
    let si_len = done.as_ref().map_or(0, |s| s.len() as u64);
    let mut again = DigestAlg::Sha256.hasher();
    write_envelope(
        out,
        version,
        &digest_algs,
        Some(content_len),
        &mut |w| {
            let mut n = 0u64;
            read_existing(existing, |chunk| {
                again.update(chunk);
                n += chunk.len() as u64;
                w.write_all(chunk)?;
                Ok(())
            })?;
            Ok(n)
        },
        &certs,
        si_len,
        &mut || Ok(done.take().unwrap_or_default()),
    )?;
    if again.finish() != digest {
        return Err(CadesError::Io(std::io::Error::other("the file changed while it was being signed")));
    }
    Ok(SignSummary { content_len, content_sha256: digest, signers })
}

/// Reads an existing signed file (DER or Base64) as a stream.
fn read_existing(path: &Path, mut sink: impl FnMut(&[u8]) -> Result<()>) -> Result<Envelope> {
    let file = std::io::BufReader::new(std::fs::File::open(path)?);
    let mut r = Counting::new(crate::input::decoded(file)?);
    parse::read_envelope(&mut r, &mut sink)
}
