//! Verifying `.p7m`/`.p7s` files made by anyone: DER or Base64, nested envelopes, several
//! signers; the content streams through the digests (and to the extracted file).

use crate::ber::{self, Counting};
use crate::container::{self, ContainerKind};
use crate::ess::{SigningCertificate, SigningCertificateV2};
use crate::keys::{self, PublicKey};
use crate::names::same_name;
use crate::oids::{self, DigestAlg, Hasher};
use crate::parse::{self, ContentSink, Envelope};
use crate::timestamp::{self, TimestampKind, TimestampReport};
use crate::trust::{self, CrlAnswer, TrustStore, Validity};
use crate::{CadesError, Result};
use cms::signed_data::{SignerIdentifier, SignerInfo};
use der::asn1::OctetString;
use der::{Decode, Encode};
use spki::AlgorithmIdentifierOwned;
use std::io::{BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;
use x509_cert::Certificate;
use x509_cert::crl::CertificateList;
use x509_cert::ext::pkix::SubjectKeyIdentifier;
use x509_cert::time::Time;

/// Envelopes inside envelopes (`x.pdf.p7m.p7m`) are followed this deep.
const MAX_LAYERS: usize = 8;
/// Bytes looked at to decide whether the content is itself a signed file.
const SNIFF: usize = 96;
/// Signers checked per envelope; the others are counted and reported as not checked. Real
/// documents carry a handful; a hostile one could carry thousands (each costs RSA checks).
pub const MAX_SIGNERS: usize = 64;
/// RSA public-key operations allowed for one file, all envelopes together: a real file needs a
/// few per signer (its signature, 1-3 chain links, a CRL). Past it, what is left is reported as
/// not checked, never as valid.
pub const MAX_SIGNATURE_CHECKS: u32 = 2048;

/// Downloads a CRL from a distribution point URL.
pub type CrlFetcher<'a> = &'a dyn Fn(&str) -> std::result::Result<Vec<u8>, String>;

/// What to check against.
pub struct VerifyOptions<'a> {
    pub trust: &'a TrustStore,
    /// CRLs the user gave (DER or PEM).
    pub crls: Vec<Vec<u8>>,
    /// Fetches a CRL from a distribution point: only set when the user asked for it.
    pub fetch_crl: Option<CrlFetcher<'a>>,
    /// The original document of a detached signature.
    pub detached_content: Option<PathBuf>,
    /// Where the innermost document goes (streamed), if wanted.
    pub extract_to: Option<&'a mut dyn Write>,
    /// Bytes of content hashed so far (for a progress bar).
    pub progress: Option<&'a mut dyn FnMut(u64)>,
}

/// The whole answer.
#[derive(Debug, Clone)]
pub struct VerifyReport {
    /// Outermost first.
    pub layers: Vec<Layer>,
    /// RSA signature checks done (signatures, certificate chains, CRLs), at most
    /// [`MAX_SIGNATURE_CHECKS`].
    pub signature_checks: u32,
    /// The time-stamped bundle (`.tsd`, `.m7m`) the layers were inside, if any.
    pub container: Option<Container>,
}

/// A time-stamped bundle: its tokens over the file inside, and whether that file is signed
/// (when not, it is the document itself and there are no layers).
#[derive(Debug, Clone)]
pub struct Container {
    pub kind: ContainerKind,
    pub timestamps: Vec<TimestampReport>,
    /// The inner file's name, when the bundle gives it.
    pub file_name: Option<String>,
    pub inner_signed: bool,
}

#[derive(Debug, Clone)]
pub struct Layer {
    /// Size of the signed content (of the original document for a detached signature).
    pub content_len: u64,
    pub detached: bool,
    /// The first [`MAX_SIGNERS`] signers.
    pub signers: Vec<SignerReport>,
    /// Signers past [`MAX_SIGNERS`]: not checked at all.
    pub unchecked_signers: usize,
}

/// The verdict a person (or a script, through the exit code) needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verdict {
    /// Every signature intact, every certificate valid and trusted.
    Valid,
    /// Signatures intact, but a certificate is expired, revoked or not trusted, or a revocation
    /// check that was asked for could not be made.
    NotTrusted,
    /// A signature this tool cannot check (an algorithm it does not support, the signer's
    /// certificate not in the file, too many signers): neither shown broken nor confirmed.
    Unverifiable,
    /// A signature is broken or the content was altered.
    Invalid,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CertValidity {
    Valid,
    Expired,
    NotYetValid,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrustStatus {
    /// Chains to a CA the user trusts: its common name, and the SHA-256 of its certificate (hex,
    /// lower case), which names it in the trust folders and in an imported trusted list.
    Trusted { anchor: String, anchor_sha256: String },
    /// No trusted CA issued it.
    NotTrusted,
    /// Chains to a trusted CA, but a certificate on the way was not valid at signing time.
    ChainInvalid { at: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Revocation {
    /// No CRL was given or fetched.
    NotChecked,
    Good {
        /// The CRL's thisUpdate.
        crl_date: SystemTime,
        /// The CRL's nextUpdate (checked: not past).
        next_update: Option<SystemTime>,
    },
    Revoked {
        date: SystemTime,
    },
    /// A check was asked for (`crls` or `fetch_crl`) but could not be made: no CRL of this issuer,
    /// the CRL expired (nextUpdate past), a bad signature, the download failed.
    Unavailable {
        reasons: Vec<RevocationGap>,
    },
}

/// Why a revocation check that was asked for could not be made. Data, not words: the
/// application says it in the user's language; `Display` is the English of logs and JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RevocationGap {
    /// The CRLs given are from other issuers (their common names).
    CrlOfAnotherIssuer { crl_issuers: Vec<String>, cert_issuer: String },
    /// The issuer is not among the trusted CAs, so no CRL signature can be checked.
    IssuerNotTrusted,
    /// The CRL is past its nextUpdate.
    CrlExpired { next_update: SystemTime },
    /// The CRL is not signed by the issuer, or cannot be read (the technical detail).
    CrlInvalid(String),
    /// `fetch_crl` was allowed, but the certificate names no http:// distribution point.
    NoDistributionPoint,
    /// The download failed (address, technical detail).
    DownloadFailed { url: String, error: String },
}

impl std::fmt::Display for RevocationGap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::CrlOfAnotherIssuer { crl_issuers, cert_issuer } => write!(
                f,
                "the CRL given is from {}, not from the certificate's issuer {cert_issuer}",
                crl_issuers.join(", ")
            ),
            Self::IssuerNotTrusted => {
                f.write_str("the issuer's certificate is not trusted, so its CRL cannot be checked")
            }
            Self::CrlExpired { next_update } => write!(
                f,
                "the CRL expired on {} (its nextUpdate): it says nothing about later revocations, get a current one",
                trust::utc_text(*next_update)
            ),
            Self::CrlInvalid(e) => f.write_str(e),
            Self::NoDistributionPoint => {
                f.write_str("the certificate names no http:// CRL distribution point")
            }
            Self::DownloadFailed { url, error } => write!(f, "download of {url} failed: {error}"),
        }
    }
}

/// Why a signature is broken, or cannot be checked at all. Data, not words (see
/// [`RevocationGap`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// The SignerInfo cannot be decoded (the decoder's detail).
    SignerInfoUnreadable(String),
    DigestUnsupported(String),
    DigestNotAnnounced(&'static str),
    NoMessageDigest,
    ContentAltered,
    ContentTypeMismatch,
    AttributesNotEncodable,
    CertificateMissing,
    SignatureAlgorithmUnsupported(String),
    KeyUnsupported(String),
    /// An RSA key shorter than [`keys::MIN_RSA_BITS`] (its size in bits): too weak to be relied
    /// on, so not checked.
    KeyTooShort(usize),
    /// The work bound was reached before this signature was checked.
    TooManyChecks,
    /// The work bound was reached before the issuer was checked.
    TooManyChecksForIssuer,
    SignatureDoesNotVerify,
    SigningCertificateMismatch,
    /// The signed attributes have no content-type (RFC 5652 §5.3 requires it): a defect of the
    /// signing program, which says nothing about the document (it matches its message-digest).
    ContentTypeMissing,
    /// The signing-certificate attribute cannot be decoded (the decoder's detail).
    SigningCertificateUnreadable(String),
    /// A time-stamp token cannot be read (the decoder's detail).
    TimestampUnreadable(String),
    /// A time-stamp token's message imprint is not the digest of what it claims to time-stamp.
    ImprintMismatch,
    /// The TSA's certificate is not a time-stamping certificate (no critical extendedKeyUsage
    /// id-kp-timeStamping, RFC 3161 §2.3).
    TsaNotForTimestamping,
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::SignerInfoUnreadable(e) => write!(f, "signer info: {e}"),
            Self::DigestUnsupported(a) => write!(f, "digest algorithm {a} not supported"),
            Self::DigestNotAnnounced(a) => write!(f, "digest algorithm {a} not announced in the file"),
            Self::NoMessageDigest => f.write_str("no message-digest attribute"),
            Self::ContentAltered => f.write_str("the content does not match the signature (altered)"),
            Self::ContentTypeMismatch => {
                f.write_str("content-type attribute different from the content's type")
            }
            Self::AttributesNotEncodable => f.write_str("the signed attributes cannot be encoded"),
            Self::CertificateMissing => f.write_str("the signer's certificate is not in the file"),
            Self::SignatureAlgorithmUnsupported(a) => write!(f, "signature algorithm {a} not supported"),
            Self::KeyUnsupported(e) => write!(f, "the certificate's key is not supported ({e})"),
            Self::KeyTooShort(bits) => write!(
                f,
                "the certificate's RSA key has {bits} bits, too short to be relied on (at least {})",
                keys::MIN_RSA_BITS
            ),
            Self::TooManyChecks => {
                f.write_str("too many signatures and certificates in the file: not checked")
            }
            Self::TooManyChecksForIssuer => {
                f.write_str("too many signatures and certificates in the file: the issuer was not checked")
            }
            Self::SignatureDoesNotVerify => f.write_str("the signature does not verify"),
            Self::SigningCertificateMismatch => {
                f.write_str("the signing-certificate attribute names another certificate")
            }
            Self::ContentTypeMissing => f.write_str(
                "no content-type attribute, as the standard requires (the document matches the signature)",
            ),
            Self::SigningCertificateUnreadable(e) => write!(f, "signing-certificate attribute: {e}"),
            Self::TimestampUnreadable(e) => write!(f, "time-stamp token: {e}"),
            Self::ImprintMismatch => f.write_str(
                "the time-stamp does not cover this signature or document (message imprint differs)",
            ),
            Self::TsaNotForTimestamping => {
                f.write_str("the TSA's certificate is not a time-stamping certificate (extendedKeyUsage)")
            }
        }
    }
}

/// `items` in English, joined with "; " (logs, JSON).
pub fn joined<T: std::fmt::Display>(items: &[T]) -> String {
    items.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")
}

/// One signer.
#[derive(Debug, Clone)]
pub struct SignerReport {
    /// Full subject, RFC 4514.
    pub subject: Option<String>,
    pub common_name: Option<String>,
    pub given_name: Option<String>,
    pub surname: Option<String>,
    /// From the CNS CN (`CF/serial.hash`) or the serialNumber (`TINIT-CF`), checked.
    pub fiscal_code: Option<String>,
    pub organization: Option<String>,
    pub issuer: Option<String>,
    pub issuer_cn: Option<String>,
    pub serial_hex: Option<String>,
    pub not_before: Option<SystemTime>,
    pub not_after: Option<SystemTime>,
    pub signing_time: Option<SystemTime>,
    pub digest_algorithm: Option<&'static str>,
    /// The content's digest equals the signed message-digest.
    pub content_intact: bool,
    /// The signature verifies with the certificate's key.
    pub signature_valid: bool,
    /// Why the two above are false (empty: nothing wrong was found).
    pub problems: Vec<Finding>,
    /// Why the signature could not be checked at all (algorithm not supported, certificate not
    /// in the file, too many checks); empty when it was checked. Set only when nothing showed
    /// the signature broken.
    pub unverifiable: Vec<Finding>,
    /// signing-certificate(-v2) present and matching (`None`: absent).
    pub signing_certificate_attr: Option<bool>,
    pub cert_validity: CertValidity,
    pub trust: TrustStatus,
    pub revocation: Revocation,
    /// The certificate's qualified-certificate statements (ETSI EN 319 412-5).
    pub qc: QcStatements,
    /// Signature time-stamps (CAdES-T): tokens over this signature's value.
    pub timestamps: Vec<TimestampReport>,
    /// The earliest genTime of a time-stamp that can be relied on: the certificate's validity and
    /// revocation are judged at it (a third party vouches that the signature existed then).
    pub vouched_time: Option<SystemTime>,
    /// Countersignatures (RFC 5652 §11.4): signers of this signature's value.
    pub countersigners: Vec<SignerReport>,
    /// Unsigned attributes of later CAdES levels present but not checked (archive time-stamps,
    /// CAdES-C/X references, certificate and revocation values), by name.
    pub not_checked: Vec<&'static str>,
}

/// What a certificate's qcStatements extension declares (ETSI EN 319 412-5): the issuer's
/// claims, worth as much as the trust in the issuer (a trusted list says which CAs are qualified).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct QcStatements {
    /// QcCompliance: an EU qualified certificate.
    pub compliance: bool,
    /// QcSSCD: its private key is in a qualified signature creation device (a smartcard, an HSM).
    pub qscd: bool,
}

impl QcStatements {
    /// Reads the qcStatements extension (RFC 3739); absent or unreadable: nothing declared.
    pub fn of(cert: &Certificate) -> QcStatements {
        let mut qc = QcStatements::default();
        let Some(ext) = cert
            .tbs_certificate()
            .extensions()
            .and_then(|exts| exts.iter().find(|e| e.extn_id == oids::QC_STATEMENTS))
        else {
            return qc;
        };
        // QCStatements ::= SEQUENCE OF QCStatement; QCStatement ::= SEQUENCE { statementId OID,
        // statementInfo ANY OPTIONAL }
        let Ok(statements) = Vec::<der::Any>::from_der(ext.extn_value.as_bytes()) else { return qc };
        for st in statements {
            let Ok(fields) = st.decode_as::<Vec<der::Any>>() else { continue };
            let Some(id) = fields.first().and_then(|f| f.decode_as::<der::asn1::ObjectIdentifier>().ok())
            else {
                continue;
            };
            if id == oids::QCS_COMPLIANCE {
                qc.compliance = true;
            } else if id == oids::QCS_SSCD {
                qc.qscd = true;
            }
        }
        qc
    }
}

impl SignerReport {
    /// A signer nothing is known about yet: not intact, not valid, no certificate.
    pub fn unknown() -> SignerReport {
        SignerReport {
            subject: None,
            common_name: None,
            given_name: None,
            surname: None,
            fiscal_code: None,
            organization: None,
            issuer: None,
            issuer_cn: None,
            serial_hex: None,
            not_before: None,
            not_after: None,
            signing_time: None,
            digest_algorithm: None,
            content_intact: false,
            signature_valid: false,
            problems: Vec::new(),
            unverifiable: Vec::new(),
            signing_certificate_attr: None,
            cert_validity: CertValidity::Valid,
            trust: TrustStatus::NotTrusted,
            revocation: Revocation::NotChecked,
            qc: QcStatements::default(),
            timestamps: Vec::new(),
            vouched_time: None,
            countersigners: Vec::new(),
            not_checked: Vec::new(),
        }
    }
}

impl SignerReport {
    /// The signer's own verdict, then its time-stamps' and countersigners'. A time-stamp that
    /// cannot be relied on (broken, unreadable, untrusted) keeps the verdict from `Valid` but
    /// never makes it `Invalid`: the signature stands on its own, only the time is not vouched
    /// for. A countersigner counts like a signer.
    pub fn verdict(&self) -> Verdict {
        let own = if !self.unverifiable.is_empty() {
            Verdict::Unverifiable
        } else if !self.content_intact
            || !self.signature_valid
            || self.signing_certificate_attr == Some(false)
        {
            Verdict::Invalid
        } else if self.cert_validity != CertValidity::Valid
            || !matches!(self.trust, TrustStatus::Trusted { .. })
            || matches!(self.revocation, Revocation::Unavailable { .. })
            || (matches!(self.revocation, Revocation::Revoked { .. }) && !self.revoked_after_timestamp())
        {
            Verdict::NotTrusted
        } else {
            Verdict::Valid
        };
        let stamps = if self.timestamps.iter().any(|t| t.verdict() != Verdict::Valid) {
            Verdict::NotTrusted
        } else {
            Verdict::Valid
        };
        self.countersigners.iter().map(SignerReport::verdict).fold(own.max(stamps), Verdict::max)
    }

    /// A revoked certificate whose revocation date is after a time-stamp that can be relied on:
    /// the signature was made while the certificate was good, which a third party vouches for.
    pub fn revoked_after_timestamp(&self) -> bool {
        matches!((&self.revocation, self.vouched_time), (Revocation::Revoked { date }, Some(t)) if *date > t)
    }

    /// For a revoked certificate with a signing-time: whether the revocation date is after it.
    /// The signing-time is stated by the signer's computer, not certified, so a signature dated
    /// before the revocation still cannot be relied on (the verdict stays "not trusted").
    pub fn revoked_after_signing(&self) -> Option<bool> {
        match (&self.revocation, self.signing_time) {
            (Revocation::Revoked { date }, Some(t)) => Some(*date > t),
            _ => None,
        }
    }
}

impl VerifyReport {
    /// The worst of the signers', and of a bundle's time-stamps: a bundle's token is the only
    /// evidence for its document, so one shown broken (the document is not what was
    /// time-stamped) makes the file `Invalid`.
    pub fn verdict(&self) -> Verdict {
        let mut v = Verdict::Valid;
        if let Some(c) = &self.container {
            for t in &c.timestamps {
                v = v.max(t.verdict());
            }
        }
        for layer in &self.layers {
            if layer.signers.is_empty() {
                return Verdict::Invalid;
            }
            for s in &layer.signers {
                v = v.max(s.verdict());
            }
            if layer.unchecked_signers > 0 {
                v = v.max(Verdict::Unverifiable);
            }
        }
        v
    }

    /// Every signer of every layer, outermost first.
    pub fn signers(&self) -> impl Iterator<Item = &SignerReport> {
        self.layers.iter().flat_map(|l| l.signers.iter())
    }
}

/// Verifies the signed file at `path`: a `.p7m`/`.p7s`, or a time-stamped bundle around one
/// (`.tsd`, `.m7m`), whose tokens are checked before the file inside.
pub fn verify(path: &Path, mut options: VerifyOptions<'_>) -> Result<VerifyReport> {
    let crls: Vec<CertificateList> =
        options.crls.iter().map(|c| trust::parse_crl(c)).collect::<Result<_>>()?;
    let mut budget = trust::Budget::new(MAX_SIGNATURE_CHECKS);
    let mut prefix = Vec::new();
    std::fs::File::open(path)?.take(2048).read_to_end(&mut prefix)?;
    let Some(kind) = container::sniff(&prefix) else {
        let layers = verify_layers(path, &mut options, &crls, &mut budget, None)?;
        return Ok(VerifyReport { layers, signature_checks: budget.used, container: None });
    };
    let mut file = BufReader::new(std::fs::File::open(path)?);
    let opened = match kind {
        ContainerKind::Tsd => container::open_tsd(&mut Counting::new(file))?,
        ContainerKind::M7m => container::open_m7m(&mut file)?,
    };
    let ctx = timestamp::Ctx { options: &options, crls: &crls, pool: &[] };
    let timestamps: Vec<TimestampReport> = opened
        .tokens
        .iter()
        .map(|(token, covered)| {
            timestamp::check_token(TimestampKind::Document, token, covered, &ctx, &mut budget, 1)
        })
        .collect();
    let inner_signed = readable_envelope(opened.inner.path())?;
    // The bundle's token covers the signed file whole: its signatures existed at its genTime.
    let vouched = timestamp::earliest_valid(&timestamps);
    let layers = if inner_signed {
        verify_layers(opened.inner.path(), &mut options, &crls, &mut budget, vouched)?
    } else {
        // Not a signed file: the time-stamped document itself.
        if let Some(out) = options.extract_to.as_deref_mut() {
            std::io::copy(&mut std::fs::File::open(opened.inner.path())?, out)?;
        }
        Vec::new()
    };
    let container = Container { kind, timestamps, file_name: opened.file_name, inner_signed };
    Ok(VerifyReport { layers, signature_checks: budget.used, container: Some(container) })
}

/// The layers of the signed file at `path`, outermost first.
fn verify_layers(
    path: &Path,
    options: &mut VerifyOptions<'_>,
    crls: &[CertificateList],
    budget: &mut trust::Budget,
    vouched: Option<SystemTime>,
) -> Result<Vec<Layer>> {
    let mut layers = Vec::new();
    let mut current: Option<tempfile::NamedTempFile> = None;
    let mut source = path.to_path_buf();
    for depth in 0..MAX_LAYERS {
        let file = BufReader::new(std::fs::File::open(&source)?);
        let mut reader = Counting::new(crate::input::decoded(file)?);
        let (layer, nested) = verify_layer(&mut reader, options, crls, depth > 0, budget, vouched)?;
        layers.push(layer);
        match nested {
            Some(tmp) if readable_envelope(tmp.path())? => {
                source = tmp.path().to_path_buf();
                current = Some(tmp);
            }
            Some(tmp) => {
                // Looked like a signed file but is not one: it is the document the signers signed.
                if let Some(out) = options.extract_to.as_deref_mut() {
                    std::io::copy(&mut std::fs::File::open(tmp.path())?, out)?;
                }
                return Ok(layers);
            }
            None => {
                drop(current);
                return Ok(layers);
            }
        }
    }
    Err(CadesError::Unsupported(format!("more than {MAX_LAYERS} nested signatures")))
}

/// Whether the content of a layer, sniffed as a signed file, reads to the end as one. Read once
/// before it is verified (so twice), because verifying streams the inner document to the
/// extraction target, which cannot be taken back if the envelope turns out broken at its end.
fn readable_envelope(path: &Path) -> Result<bool> {
    let file = BufReader::new(std::fs::File::open(path)?);
    let parsed = crate::input::decoded(file)
        .and_then(|r| parse::read_envelope(&mut Counting::new(r), &mut |_: &[u8]| Ok(())));
    match parsed {
        Ok(_) => Ok(true),
        Err(CadesError::Io(e)) => Err(CadesError::Io(e)),
        Err(_) => Ok(false),
    }
}

/// Where the content of a layer goes: undecided until its first bytes are seen, then a temporary
/// file (a nested signed file), the extraction target, or nowhere.
enum Dest {
    Undecided(Vec<u8>),
    Nested(tempfile::NamedTempFile),
    Out,
    Discard,
}

fn looks_nested(prefix: &[u8]) -> bool {
    if parse::looks_like_signed_data(prefix) {
        return true;
    }
    // Base64 of a SignedData (possibly PEM-armoured).
    let text: Vec<u8> = prefix.iter().copied().filter(|b| !b.is_ascii_whitespace()).collect();
    let body = if text.starts_with(b"-----BEGIN") {
        let Some(i) = prefix.iter().position(|b| *b == b'\n') else { return false };
        prefix[i..].iter().copied().filter(|b| !b.is_ascii_whitespace()).collect::<Vec<_>>()
    } else {
        text
    };
    let usable = body.len() / 4 * 4;
    use base64::Engine;
    base64::engine::general_purpose::STANDARD
        .decode(&body[..usable])
        .is_ok_and(|der| parse::looks_like_signed_data(&der))
}

/// The content of one layer as it streams by: digests, and where the bytes go.
struct LayerSink<'o> {
    hashers: Vec<(DigestAlg, Hasher)>,
    dest: Dest,
    total: u64,
    out: Option<&'o mut dyn Write>,
    progress: Option<&'o mut dyn FnMut(u64)>,
}

impl ContentSink for LayerSink<'_> {
    fn digest_algorithms(&mut self, algs: &[AlgorithmIdentifierOwned]) -> Result<()> {
        for a in algs {
            if let Some(d) = DigestAlg::from_oid(&a.oid)
                && !self.hashers.iter().any(|(x, _)| *x == d)
            {
                self.hashers.push((d, d.hasher()));
            }
        }
        Ok(())
    }

    fn content(&mut self, chunk: &[u8]) -> Result<()> {
        self.total += chunk.len() as u64;
        if let Some(p) = self.progress.as_deref_mut() {
            p(self.total);
        }
        for (_, h) in self.hashers.iter_mut() {
            h.update(chunk);
        }
        route(&mut self.dest, chunk, &mut self.out)
    }
}

fn verify_layer<'a, R: Read>(
    r: &mut Counting<R>,
    options: &mut VerifyOptions<'a>,
    crls: &[CertificateList],
    inner: bool,
    budget: &mut trust::Budget,
    vouched: Option<SystemTime>,
) -> Result<(Layer, Option<tempfile::NamedTempFile>)> {
    let mut sink = LayerSink {
        hashers: Vec::new(),
        dest: Dest::Undecided(Vec::new()),
        total: 0,
        out: options.extract_to.take(),
        progress: options.progress.take(),
    };
    let env = parse::read_envelope(r, &mut sink);
    options.extract_to = sink.out.take();
    options.progress = sink.progress.take();
    let env = env?;
    sink.out = options.extract_to.take();
    let detached = env.content_len.is_none();
    if detached {
        // The original document comes from beside the signature (only for the outer layer).
        let path = match (&options.detached_content, inner) {
            (Some(p), false) => p.clone(),
            _ => return Err(CadesError::DetachedContentMissing),
        };
        let mut f = std::fs::File::open(path)?;
        let mut buf = vec![0u8; crate::CHUNK];
        loop {
            let n = match f.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e.into()),
            };
            sink.content(&buf[..n])?;
        }
    }
    let decided = decide(&mut sink.dest, &mut sink.out);
    options.extract_to = sink.out.take();
    decided?;
    let total = sink.total;
    let digests: Vec<(DigestAlg, Vec<u8>)> = sink.hashers.into_iter().map(|(a, h)| (a, h.finish())).collect();
    let nested = match sink.dest {
        Dest::Nested(f) => Some(f),
        _ => None,
    };
    let signers = check_signers(&env, &digests, options, crls, budget, vouched);
    let unchecked_signers = env.signer_infos.len().saturating_sub(MAX_SIGNERS);
    Ok((Layer { content_len: total, detached, signers, unchecked_signers }, nested))
}

fn route(dest: &mut Dest, chunk: &[u8], out: &mut Option<&mut dyn Write>) -> Result<()> {
    match dest {
        Dest::Undecided(buf) => {
            buf.extend_from_slice(chunk);
            if buf.len() >= SNIFF {
                decide(dest, out)?;
            }
            Ok(())
        }
        Dest::Nested(f) => Ok(f.write_all(chunk)?),
        Dest::Out => match out {
            Some(w) => Ok(w.write_all(chunk)?),
            None => Ok(()),
        },
        Dest::Discard => Ok(()),
    }
}

fn decide(dest: &mut Dest, out: &mut Option<&mut dyn Write>) -> Result<()> {
    let Dest::Undecided(buf) = dest else { return Ok(()) };
    let buf = std::mem::take(buf);
    *dest = if looks_nested(&buf) {
        let mut f = tempfile::NamedTempFile::new()?;
        f.write_all(&buf)?;
        Dest::Nested(f)
    } else if let Some(w) = out {
        w.write_all(&buf)?;
        Dest::Out
    } else {
        Dest::Discard
    };
    Ok(())
}

fn check_signers(
    env: &Envelope,
    digests: &[(DigestAlg, Vec<u8>)],
    options: &VerifyOptions<'_>,
    crls: &[CertificateList],
    budget: &mut trust::Budget,
    vouched: Option<SystemTime>,
) -> Vec<SignerReport> {
    let certs = decode_certs(&env.certs);
    let pool: Vec<Certificate> = certs.iter().map(|(c, _)| c.clone()).collect();
    let checked = Checked {
        content_type: Some(&env.econtent_type),
        certs: &certs,
        pool: &pool,
        digests,
        depth: 0,
        at: None,
        vouched,
    };
    env.signer_infos
        .iter()
        .take(MAX_SIGNERS)
        .map(|raw| check_raw_signer(raw, &checked, options, crls, budget))
        .collect()
}

/// Each certificate with its DER form (what the signing-certificate attribute hashes, as
/// OpenSSL re-encodes it): a BER one is read through it.
pub(crate) fn decode_certs(raw: &[Vec<u8>]) -> Vec<(Certificate, Vec<u8>)> {
    raw.iter()
        .filter_map(|raw| match Certificate::from_der(raw) {
            Ok(c) => Some((c, raw.clone())),
            Err(_) => {
                let der = ber::to_der(raw).ok()?;
                Certificate::from_der(&der).ok().map(|c| (c, der))
            }
        })
        .collect()
}

/// Checks the SignerInfo `raw` (as stored) against `env`.
pub(crate) fn check_raw_signer(
    raw: &[u8],
    env: &Checked<'_>,
    options: &VerifyOptions<'_>,
    crls: &[CertificateList],
    budget: &mut trust::Budget,
) -> SignerReport {
    match signer_info(raw) {
        Ok((si, der)) => {
            let stored = parse::stored_signed_attrs(&der).ok().flatten();
            check_signer(&si, stored.as_deref(), env, options, crls, budget)
        }
        Err(e) => broken(Finding::SignerInfoUnreadable(e)),
    }
}

/// The certificate of the SignerInfo `raw`, when it is among `certs`.
pub(crate) fn signer_certificate(raw: &[u8], certs: &[(Certificate, Vec<u8>)]) -> Option<Certificate> {
    let (si, _) = signer_info(raw).ok()?;
    find_cert(&si.sid, certs).map(|(c, _)| c.clone())
}

/// What a signer is checked against: the type and digests of what it signed, the certificates
/// at hand, how deep it hangs, and the time to judge its certificate at.
#[derive(Clone, Copy)]
pub(crate) struct Checked<'x> {
    /// `None`: a countersignature, which has no content-type (RFC 5652 §11.4).
    pub content_type: Option<&'x der::asn1::ObjectIdentifier>,
    pub certs: &'x [(Certificate, Vec<u8>)],
    pub pool: &'x [Certificate],
    pub digests: &'x [(DigestAlg, Vec<u8>)],
    /// Signatures this one hangs from: time-stamps and countersignatures are followed only
    /// [`MAX_DEPTH`] levels down.
    pub depth: usize,
    /// The time to judge the certificate at, when a token fixes it (its genTime).
    pub at: Option<SystemTime>,
    /// A time a valid token around the whole signed file vouches the signature existed at (a
    /// `.tsd`/`.m7m`'s), for signers and their countersigners.
    pub vouched: Option<SystemTime>,
}

/// Time-stamps and countersignatures hang this many levels below a document's signer at most.
const MAX_DEPTH: usize = 3;
/// Countersignatures checked per signer.
const MAX_COUNTERSIGNERS: usize = 8;

/// A SignerInfo and its DER form (BER ones are converted, keeping the stored element order).
fn signer_info(raw: &[u8]) -> std::result::Result<(SignerInfo, Vec<u8>), String> {
    if let Ok(si) = SignerInfo::from_der(raw) {
        return Ok((si, raw.to_vec()));
    }
    let der = ber::to_der(raw).map_err(|e| e.to_string())?;
    let si = SignerInfo::from_der(&der).map_err(|e| e.to_string())?;
    Ok((si, der))
}

fn broken(problem: Finding) -> SignerReport {
    SignerReport { problems: vec![problem], ..SignerReport::unknown() }
}

fn find_cert<'c>(
    sid: &SignerIdentifier,
    certs: &'c [(Certificate, Vec<u8>)],
) -> Option<&'c (Certificate, Vec<u8>)> {
    certs.iter().find(|(c, _)| match sid {
        SignerIdentifier::IssuerAndSerialNumber(isn) => {
            c.tbs_certificate().serial_number() == &isn.serial_number
                && same_name(c.tbs_certificate().issuer(), &isn.issuer)
        }
        SignerIdentifier::SubjectKeyIdentifier(ski) => {
            matches!(c.tbs_certificate().get_extension::<SubjectKeyIdentifier>(), Ok(Some((_, s))) if &s == ski)
        }
    })
}

/// The single value of the signed attribute `oid`, if present.
fn attr<'a>(si: &'a SignerInfo, oid: &der::asn1::ObjectIdentifier) -> Option<&'a der::Any> {
    si.signed_attrs.as_ref()?.iter().find(|a| a.oid == *oid).and_then(|a| a.values.iter().next())
}

fn check_signer(
    si: &SignerInfo,
    stored_attrs: Option<&[u8]>,
    env: &Checked<'_>,
    options: &VerifyOptions<'_>,
    crls: &[CertificateList],
    budget: &mut trust::Budget,
) -> SignerReport {
    let (certs, pool, digests) = (env.certs, env.pool, env.digests);
    let mut report = SignerReport::unknown();
    // What shows the signature broken or the content altered.
    let mut problems: Vec<Finding> = Vec::new();
    // Why the signature cannot be checked at all; it counts only when nothing shows it broken.
    let mut cannot: Option<Finding> = None;
    // A defect of the signing program that shows nothing altered: like `cannot`, it keeps the
    // signature from being relied on, never makes it broken.
    let mut defect: Option<Finding> = None;

    let signing_time = attr(si, &oids::SIGNING_TIME)
        .and_then(|v| v.to_der().ok())
        .and_then(|d| Time::from_der(&d).ok())
        .map(|t| trust::to_system_time(&t));
    report.signing_time = signing_time;

    let digest_alg = DigestAlg::from_oid(&si.digest_alg.oid);
    report.digest_algorithm = digest_alg.map(DigestAlg::name);
    let content_digest =
        digest_alg.and_then(|a| digests.iter().find(|(d, _)| *d == a)).map(|(_, v)| v.clone());

    let found = find_cert(&si.sid, certs);
    if let Some((cert, _)) = found {
        describe_cert(&mut report, cert);
    }

    // Content: message-digest attribute (or, without signed attributes, the signature itself).
    // `covered`: the digests the signature may be over, the attributes as stored first.
    let mut covered: Vec<Vec<u8>> = Vec::new();
    let intact = match (&si.signed_attrs, &content_digest, digest_alg) {
        (Some(attrs), Some(d), Some(alg)) => {
            let md = attr(si, &oids::MESSAGE_DIGEST)
                .and_then(|v| v.to_der().ok())
                .and_then(|der| OctetString::from_der(&der).ok());
            let ct = attr(si, &oids::CONTENT_TYPE)
                .and_then(|v| v.to_der().ok())
                .and_then(|der| der::asn1::ObjectIdentifier::from_der(&der).ok());
            let digest_ok = md.as_ref().is_some_and(|m| m.as_bytes() == d.as_slice());
            if md.is_none() {
                problems.push(Finding::NoMessageDigest);
            } else if !digest_ok {
                problems.push(Finding::ContentAltered);
            }
            let type_ok = match (ct, env.content_type) {
                // A countersignature has no content-type (RFC 5652 §11.4).
                (_, None) => true,
                (None, Some(_)) => {
                    defect.get_or_insert(Finding::ContentTypeMissing);
                    true
                }
                (Some(t), Some(expected)) if t != *expected => {
                    problems.push(Finding::ContentTypeMismatch);
                    false
                }
                (Some(_), Some(_)) => true,
            };
            // OpenSSL hashes the attributes in the order stored; a signer may also have signed
            // them DER-sorted (as RFC 5652 asks) but stored them unsorted.
            covered.extend(stored_attrs.map(|a| alg.digest(a)));
            if let Ok(sorted) = attrs.to_der().map(|der| alg.digest(&der))
                && !covered.contains(&sorted)
            {
                covered.push(sorted);
            }
            if covered.is_empty() {
                problems.push(Finding::AttributesNotEncodable);
            }
            digest_ok && type_ok
        }
        (None, Some(d), Some(_)) => {
            covered.push(d.clone());
            true
        }
        _ => {
            cannot = Some(match digest_alg {
                None => Finding::DigestUnsupported(oids::algorithm_name(&si.digest_alg.oid).to_string()),
                Some(a) => Finding::DigestNotAnnounced(a.name()),
            });
            false
        }
    };
    report.content_intact = intact;

    let Some((cert, cert_der)) = found else {
        if problems.is_empty() {
            report.unverifiable = std::iter::once(Finding::CertificateMissing).chain(cannot).collect();
        }
        problems.push(Finding::CertificateMissing);
        report.problems = problems;
        return report;
    };

    // Signature: RSA PKCS#1 v1.5 and ECDSA P-256/P-384. Anything else is "cannot be checked",
    // never "broken".
    let sig_ok = match digest_alg {
        Some(alg) if cannot.is_none() && !covered.is_empty() => {
            let sig_alg = &si.signature_algorithm.oid;
            let named = keys::signature_algorithm(sig_alg);
            let unsupported =
                || Finding::SignatureAlgorithmUnsupported(oids::algorithm_name(sig_alg).to_string());
            match (named, PublicKey::of(cert)) {
                (None, _) => {
                    cannot = Some(unsupported());
                    false
                }
                (Some((_, Some(d))), _) if d != alg => {
                    cannot = Some(unsupported());
                    false
                }
                (_, Err(e)) => {
                    cannot = Some(match keys::rsa_bits(cert) {
                        Some(bits) if bits < keys::MIN_RSA_BITS => Finding::KeyTooShort(bits),
                        _ => Finding::KeyUnsupported(e),
                    });
                    false
                }
                (Some((family, _)), Ok(key)) if key.family() != family || !key.supports(alg) => {
                    cannot = Some(unsupported());
                    false
                }
                (_, Ok(key)) => {
                    let mut ok = false;
                    for hash in &covered {
                        if !budget.take() {
                            cannot = Some(Finding::TooManyChecks);
                            break;
                        }
                        if key.verify(alg, hash, si.signature.as_bytes()) {
                            ok = true;
                            break;
                        }
                    }
                    if !ok && cannot.is_none() {
                        problems.push(Finding::SignatureDoesNotVerify);
                    }
                    ok
                }
            }
        }
        _ => false,
    };
    report.signature_valid = sig_ok;

    // signing-certificate-v2 (or v1): must name this certificate when present.
    match signing_cert_matches(si, cert, cert_der) {
        Ok(matches) => report.signing_certificate_attr = matches,
        Err(why) => {
            cannot.get_or_insert(why);
        }
    }
    if report.signing_certificate_attr == Some(false) {
        problems.push(Finding::SigningCertificateMismatch);
    }

    // Time-stamps and countersignatures over this signature's value.
    if env.depth < MAX_DEPTH {
        unsigned_parts(si, &mut report, env, options, crls, budget);
    }
    report.vouched_time = timestamp::earliest_valid(&report.timestamps).into_iter().chain(env.vouched).min();

    // Certificate at the time a token vouches for, else at signing time (now, when the file does
    // not say).
    let at = env.at.or(report.vouched_time).or(signing_time).unwrap_or_else(SystemTime::now);
    report.cert_validity = match trust::valid_at(cert, at) {
        Validity::Valid => CertValidity::Valid,
        Validity::Expired => CertValidity::Expired,
        Validity::NotYetValid => CertValidity::NotYetValid,
    };
    // An anchor trusted only for some periods (a trusted list's CA since withdrawn) counts at a
    // time a token vouches for, else now: the signer's stated time could be anything.
    let trusted_at = env.at.or(report.vouched_time).unwrap_or_else(SystemTime::now);
    let chain = trust::build_chain(cert, pool, options.trust, at, trusted_at, budget);
    report.trust = match (&chain.anchor, &chain.invalid_link) {
        (Some(_), Some(at)) => TrustStatus::ChainInvalid { at: at.clone() },
        (Some(a), None) => TrustStatus::Trusted {
            anchor: trust::name_cn(a.tbs_certificate().subject()),
            anchor_sha256: a.to_der().map(|d| trust::sha256_hex(&d)).unwrap_or_default(),
        },
        (None, _) => TrustStatus::NotTrusted,
    };
    if chain.anchor.is_none() && budget.exhausted && cannot.is_none() {
        cannot = Some(Finding::TooManyChecksForIssuer);
    }
    report.revocation = revocation(cert, chain.issuer.as_ref(), options, crls, budget);
    let cannot: Vec<Finding> = cannot.into_iter().chain(defect).collect();
    if problems.is_empty() {
        report.unverifiable.extend(cannot.iter().cloned());
    }
    problems.extend(cannot);
    report.problems = problems;
    report
}

/// Reads the unsigned attributes: checks the signature time-stamps and the countersignatures,
/// names the later-level attributes that are not checked.
fn unsigned_parts(
    si: &SignerInfo,
    report: &mut SignerReport,
    env: &Checked<'_>,
    options: &VerifyOptions<'_>,
    crls: &[CertificateList],
    budget: &mut trust::Budget,
) {
    let ctx = timestamp::Ctx { options, crls, pool: env.pool };
    // Content time-stamps (signed attribute): over the content, like the message-digest.
    if env.content_type.is_some() {
        for v in si
            .signed_attrs
            .iter()
            .flat_map(|s| s.iter())
            .filter(|a| a.oid == oids::CONTENT_TIME_STAMP)
            .flat_map(|a| a.values.iter())
            .take(timestamp::MAX_TOKENS)
        {
            report.timestamps.push(match v.to_der() {
                Ok(der) => timestamp::check_token(
                    TimestampKind::Content,
                    &der,
                    env.digests,
                    &ctx,
                    budget,
                    env.depth + 1,
                ),
                Err(e) => TimestampReport {
                    kind: TimestampKind::Content,
                    ..TimestampReport::unreadable(e.to_string())
                },
            });
        }
    }
    let Some(attrs) = si.unsigned_attrs.as_ref() else { return };
    let covered = timestamp::all_digests(si.signature.as_bytes());
    for a in attrs.iter() {
        if a.oid == oids::SIGNATURE_TIME_STAMP {
            for v in a.values.iter().take(timestamp::MAX_TOKENS.saturating_sub(report.timestamps.len())) {
                report.timestamps.push(match v.to_der() {
                    Ok(der) => timestamp::check_token(
                        TimestampKind::Signature,
                        &der,
                        &covered,
                        &ctx,
                        budget,
                        env.depth + 1,
                    ),
                    Err(e) => TimestampReport::unreadable(e.to_string()),
                });
            }
        } else if a.oid == oids::COUNTER_SIGNATURE {
            let inner =
                Checked { content_type: None, digests: &covered, depth: env.depth + 1, at: None, ..*env };
            for v in a.values.iter().take(MAX_COUNTERSIGNERS.saturating_sub(report.countersigners.len())) {
                report.countersigners.push(match v.to_der() {
                    Ok(raw) => check_raw_signer(&raw, &inner, options, crls, budget),
                    Err(e) => broken(Finding::SignerInfoUnreadable(e.to_string())),
                });
            }
        } else if let Some((_, name)) = oids::READ_NOT_CHECKED.iter().find(|(o, _)| *o == a.oid)
            && !report.not_checked.contains(name)
        {
            report.not_checked.push(name);
        }
    }
}

/// Whether the signing-certificate(-v2) attribute names `cert` (`None`: no such attribute). The
/// hash of the whole certificate binds it; the serial number must agree. The issuer name is
/// not compared (as OpenSSL does not): the hash already covers it, and signing programs often
/// re-encode it. A hash algorithm this program does not compute, or an attribute it cannot
/// decode, is an `Err`: the binding cannot be checked, which shows nothing broken.
fn signing_cert_matches(
    si: &SignerInfo,
    cert: &Certificate,
    cert_der: &[u8],
) -> std::result::Result<Option<bool>, Finding> {
    let tbs = cert.tbs_certificate();
    let issuer_serial_ok = |is: &Option<crate::ess::IssuerSerial>| {
        is.as_ref().is_none_or(|is| is.serial_number == *tbs.serial_number())
    };
    let decoded = |v: &der::Any| -> std::result::Result<Vec<u8>, Finding> {
        v.to_der().map_err(|e| Finding::SigningCertificateUnreadable(e.to_string()))
    };
    let unreadable = |e: der::Error| Finding::SigningCertificateUnreadable(e.to_string());
    if let Some(v) = attr(si, &oids::SIGNING_CERTIFICATE_V2) {
        let sc = SigningCertificateV2::from_der(&decoded(v)?).map_err(unreadable)?;
        let Some(id) = sc.certs.first() else { return Ok(Some(false)) };
        let alg = DigestAlg::from_oid(&id.hash_oid())
            .ok_or_else(|| Finding::DigestUnsupported(oids::algorithm_name(&id.hash_oid())))?;
        return Ok(Some(
            alg.digest(cert_der) == id.cert_hash.as_bytes() && issuer_serial_ok(&id.issuer_serial),
        ));
    }
    if let Some(v) = attr(si, &oids::SIGNING_CERTIFICATE) {
        let sc = SigningCertificate::from_der(&decoded(v)?).map_err(unreadable)?;
        let Some(id) = sc.certs.first() else { return Ok(Some(false)) };
        return Ok(Some(
            DigestAlg::Sha1.digest(cert_der) == id.cert_hash.as_bytes()
                && issuer_serial_ok(&id.issuer_serial),
        ));
    }
    Ok(None)
}

fn describe_cert(report: &mut SignerReport, cert: &Certificate) {
    let tbs = cert.tbs_certificate();
    let subject = tbs.subject();
    report.subject = Some(subject.to_string());
    report.common_name = trust::attr_string(subject, &oids::AT_COMMON_NAME);
    report.given_name = trust::attr_string(subject, &oids::AT_GIVEN_NAME);
    report.surname = trust::attr_string(subject, &oids::AT_SURNAME);
    report.organization = trust::attr_string(subject, &oids::AT_ORGANIZATION);
    report.issuer = Some(tbs.issuer().to_string());
    report.issuer_cn = Some(trust::name_cn(tbs.issuer()));
    report.serial_hex = Some(tbs.serial_number().as_bytes().iter().map(|b| format!("{b:02X}")).collect());
    report.not_before = Some(trust::to_system_time(&tbs.validity().not_before));
    report.not_after = Some(trust::to_system_time(&tbs.validity().not_after));
    report.qc = QcStatements::of(cert);
    report.fiscal_code =
        fiscal_code(report.common_name.as_deref(), trust::attr_string(subject, &oids::AT_SERIAL_NUMBER));
}

/// The codice fiscale: CNS CN `CF/serial.hash`, or serialNumber `TINIT-CF` (qualified
/// certificates), or a CN that is a codice fiscale; only when its check character is right.
pub fn fiscal_code(cn: Option<&str>, serial_number: Option<String>) -> Option<String> {
    let candidates = [
        cn.and_then(cns_core::cert::CnParts::parse).map(|p| p.fiscal_code),
        serial_number
            .as_deref()
            .map(str::trim)
            .and_then(|s| s.strip_prefix("TINIT-").or_else(|| s.strip_prefix("IT:")))
            .map(str::to_string),
        cn.map(str::to_string),
    ];
    candidates
        .into_iter()
        .flatten()
        .find_map(|c| cns_core::codice_fiscale::parse(&c).ok().map(|cf| cf.as_str().to_string()))
}

/// Revocation of `cert`, only when the user asked (CRLs given, or fetching allowed). When asked,
/// the answer is "good" only from a CRL of the certificate's issuer, signed by it and still
/// current (nextUpdate not past); otherwise it says why it could not be established.
fn revocation(
    cert: &Certificate,
    issuer: Option<&Certificate>,
    options: &VerifyOptions<'_>,
    crls: &[CertificateList],
    budget: &mut trust::Budget,
) -> Revocation {
    if crls.is_empty() && options.fetch_crl.is_none() {
        return Revocation::NotChecked;
    }
    let cert_issuer = cert.tbs_certificate().issuer();
    let mut reasons = Vec::new();
    let matching: Vec<&CertificateList> =
        crls.iter().filter(|c| same_name(&c.tbs_cert_list.issuer, cert_issuer)).collect();
    if matching.is_empty() && !crls.is_empty() {
        reasons.push(RevocationGap::CrlOfAnotherIssuer {
            crl_issuers: crls.iter().map(|c| trust::name_cn(&c.tbs_cert_list.issuer)).collect(),
            cert_issuer: trust::name_cn(cert_issuer),
        });
    }
    let Some(issuer) = issuer else {
        reasons.push(RevocationGap::IssuerNotTrusted);
        return Revocation::Unavailable { reasons };
    };
    if let Some(answer) = consult(cert, issuer, &matching, budget, &mut reasons) {
        return answer;
    }
    if let Some(fetch) = options.fetch_crl {
        let urls = trust::crl_urls(cert);
        if urls.is_empty() {
            reasons.push(RevocationGap::NoDistributionPoint);
        }
        for url in urls.iter().take(4) {
            match fetch(url)
                .map_err(|e| e.to_string())
                .and_then(|b| trust::parse_crl(&b).map_err(|e| e.to_string()))
            {
                Ok(crl) => {
                    if let Some(answer) = consult(cert, issuer, &[&crl], budget, &mut reasons) {
                        return answer;
                    }
                }
                Err(error) => reasons.push(RevocationGap::DownloadFailed { url: url.clone(), error }),
            }
        }
    }
    Revocation::Unavailable { reasons }
}

/// What `crls` establish: revoked (by any of them, even one past its nextUpdate: a revocation is
/// final), or good by a current one; `None` with the reasons otherwise.
fn consult(
    cert: &Certificate,
    issuer: &Certificate,
    crls: &[&CertificateList],
    budget: &mut trust::Budget,
    reasons: &mut Vec<RevocationGap>,
) -> Option<Revocation> {
    let now = SystemTime::now();
    let mut good = None;
    for crl in crls.iter().take(4) {
        match trust::check_crl(cert, issuer, crl, budget) {
            Ok(CrlAnswer::Revoked { date }) => return Some(Revocation::Revoked { date }),
            Ok(CrlAnswer::Good { next_update: Some(n), .. }) if n < now => {
                reasons.push(RevocationGap::CrlExpired { next_update: n })
            }
            Ok(CrlAnswer::Good { this_update, next_update }) => {
                good.get_or_insert(Revocation::Good { crl_date: this_update, next_update });
            }
            Err(e) => reasons.push(RevocationGap::CrlInvalid(e.to_string())),
        }
    }
    good
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fiscal_code_is_found_in_a_serial_number_with_spaces_around_it() {
        for sn in [" IT:DSTLSN52A01C342F", "IT:DSTLSN52A01C342F ", "TINIT-DSTLSN52A01C342F"] {
            assert_eq!(fiscal_code(None, Some(sn.into())).as_deref(), Some("DSTLSN52A01C342F"), "{sn:?}");
        }
        assert_eq!(fiscal_code(None, Some(" IT:DSTLSN52A01C342X".into())), None, "wrong check character");
    }
}
