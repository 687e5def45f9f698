//! CAdES-BES signatures for the TS-CNS card manager: `.p7m` (content attached) and `.p7s`
//! (detached), SHA-256, with the signed attributes content-type, message-digest, signing-time and
//! signing-certificate-v2 (ETSI EN 319 122-1 baseline B).
//!
//! * **No transport of its own.** The private-key operation goes through [`DigestSigner`]: the card
//!   (through any `CardTransport`, see [`card::CardSigner`]), the
//!   simulated card or a test key give back a PKCS#1 v1.5 signature of a DigestInfo.
//! * **Streaming.** Content is hashed and copied in 64 KiB chunks; nothing proportional to the
//!   document is ever held in memory. The envelope around the content is written DER-correct with
//!   definite lengths computed up front from the content's size.
//! * **Hostile input.** Every length read from a file is checked against a cap before anything is
//!   allocated; errors are values, never panics.
//!
//! The bounded parts (certificates, signer infos, attributes) are encoded and decoded with
//! RustCrypto's `cms`/`der`/`x509-cert`. Only the outer envelope's tag-length headers, which must
//! stream and may exceed `der`'s 4 GiB length limit, are read and written by [`ber`].

pub mod ber;
pub mod card;
pub mod container;
pub mod ess;
pub mod http;
pub mod input;
pub mod keys;
pub mod names;
pub mod oids;
pub mod parse;
pub mod sign;
pub mod timestamp;
pub mod trust;
pub mod tst;
pub mod verify;

pub use sign::{SignOptions, SignSummary, add_signer, sign_attached, sign_detached};
pub use timestamp::{TimestampKind, TimestampReport};
pub use trust::{Period, TrustStore};
pub use verify::{
    CertValidity, Finding, QcStatements, Revocation, RevocationGap, SignerReport, TrustStatus, Verdict,
    VerifyOptions, VerifyReport, verify,
};

/// Chunk size for streaming content.
pub const CHUNK: usize = 64 * 1024;

/// Signs a SHA-256 DigestInfo: the card's PSO COMPUTE DIGITAL SIGNATURE, a simulated card, or a
/// software key in tests. The answer is the raw RSA signature (PKCS#1 v1.5 type 1 padding done by
/// the signer), as many bytes as the modulus.
pub trait DigestSigner {
    type Error: std::error::Error + Send + Sync + 'static;
    fn sign_digest_info(&mut self, digest_info: &[u8]) -> Result<Vec<u8>, Self::Error>;
}

/// What can go wrong while signing or reading a signed file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CadesError {
    #[error("I/O error: {0}")]
    Io(std::io::Error),
    /// The file is not a CMS/PKCS#7 signed file, or is damaged.
    #[error("the file is not a valid signed file: {0}")]
    Malformed(String),
    /// A structure inside the file is larger than any real signed file needs.
    #[error("the file is not a valid signed file: {what} is too large ({len} bytes)")]
    TooLarge { what: &'static str, len: u64 },
    /// Valid CMS, but a feature this tool does not handle.
    #[error("unsupported: {0}")]
    Unsupported(String),
    /// The signature is detached and the original document was not given.
    #[error("the signature is detached: the original document is needed")]
    DetachedContentMissing,
    /// Adding a signature: the signed file holds another document than the one given.
    #[error("the signed file holds a different document")]
    ContentMismatch,
    /// The signer's certificate cannot be used to sign.
    #[error("the signer's certificate cannot be used: {0}")]
    Certificate(String),
    /// The signer (card, key) failed; the source says why.
    #[error("the signature could not be computed")]
    Signer(#[source] Box<dyn std::error::Error + Send + Sync>),
    #[error("encoding error: {0}")]
    Der(#[from] der::Error),
}

impl From<std::io::Error> for CadesError {
    fn from(e: std::io::Error) -> Self {
        // The Base64 decoder reports text that is not Base64 as a read error; for the user it is
        // a file that is not a signed file (neither DER nor Base64), not a disk problem.
        if e.get_ref().is_some_and(|inner| inner.is::<base64::DecodeError>()) {
            return malformed(format!("neither DER nor Base64 ({e})"));
        }
        CadesError::Io(e)
    }
}

pub type Result<T, E = CadesError> = std::result::Result<T, E>;

pub(crate) fn malformed(msg: impl Into<String>) -> CadesError {
    CadesError::Malformed(msg.into())
}
