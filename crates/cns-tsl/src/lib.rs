//! EU trusted lists (ETSI TS 119 612), as published by AgID for Italy: which CAs issue qualified
//! certificates and which services issue qualified timestamps.
//!
//! [`verify`] is the only way to a [`TrustedList`] that may be trusted: the size is capped, a
//! DOCTYPE refused, the signature's shape checked ([`envelope`]), the signature checked by
//! `xmlsec1` with the key of a pinned signer certificate only ([`xmlsec`]), every certificate
//! the signature embeds compared with that signer, and only then the list read ([`list`]).

pub mod envelope;
pub mod list;
pub mod xmlsec;

pub use list::{Service, TrustedList, parse};

use sha2::{Digest, Sha256};

/// A trusted list larger than this is refused before anything else (Italy's is about 2 MB; the
/// largest national lists are under 10 MB).
pub const MAX_TSL_BYTES: usize = 16 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("the file is larger than {} MiB: not a trusted list", max / (1024 * 1024))]
    TooLarge { max: usize },
    #[error("not a trusted list: {0}")]
    Malformed(String),
    #[error("the trusted list is not signed")]
    Unsigned,
    #[error("the signature does not cover the list as it is read ({0})")]
    Wrapped(String),
    #[error("the signature does not verify with the trusted list's signer certificate")]
    BadSignature,
    #[error("the signature carries a certificate other than the trusted list's signer")]
    OtherSigner,
    #[error("no signer certificate is configured for trusted lists")]
    NoSigner,
    #[error("the xmlsec1 program is not installed")]
    XmlsecMissing,
    #[error("{0}")]
    Io(#[source] std::io::Error),
}

/// A list whose signature verified, and which pinned certificate signed it.
#[derive(Debug, Clone)]
pub struct Verified {
    pub list: TrustedList,
    /// SHA-256 (lower-case hex) of the pinned certificate that verified the signature.
    pub signer_sha256: String,
}

pub fn sha256_hex(der: &[u8]) -> String {
    Sha256::digest(der).iter().map(|b| format!("{b:02x}")).collect()
}

/// Checks the list's signature against the pinned signer certificates (DER) and reads it.
pub fn verify(xml: &[u8], pinned: &[Vec<u8>]) -> Result<Verified, Error> {
    if xml.len() > MAX_TSL_BYTES {
        return Err(Error::TooLarge { max: MAX_TSL_BYTES });
    }
    if pinned.is_empty() {
        return Err(Error::NoSigner);
    }
    // Before xmlsec1 sees it: libxml2 would read an external DTD named there.
    if contains(xml, b"<!DOCTYPE") || contains(xml, b"<!ENTITY") {
        return Err(Error::Malformed("a DOCTYPE (not allowed in a trusted list)".into()));
    }
    let doc = list::document(xml)?;
    // The shape first too: an XSLT or XPath transform never reaches xmlsec1.
    let envelope = envelope::check(&doc)?;
    let mut signer = None;
    for der in pinned {
        if xmlsec::verifies_with(xml, der)? {
            signer = Some(der);
            break;
        }
    }
    let signer = signer.ok_or(Error::BadSignature)?;
    if envelope.embedded_certificates.iter().any(|c| c != signer) {
        return Err(Error::OtherSigner);
    }
    let list = list::parse_document(&doc)?;
    Ok(Verified { list, signer_sha256: sha256_hex(signer) })
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle))
}
