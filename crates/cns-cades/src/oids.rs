//! Object identifiers used here (RFC 5652, RFC 5035, RFC 8017, RFC 5280).

use der::asn1::ObjectIdentifier as Oid;

pub const DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.1");
pub const SIGNED_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.2");
pub const CONTENT_TYPE: Oid = Oid::new_unwrap("1.2.840.113549.1.9.3");
pub const MESSAGE_DIGEST: Oid = Oid::new_unwrap("1.2.840.113549.1.9.4");
pub const SIGNING_TIME: Oid = Oid::new_unwrap("1.2.840.113549.1.9.5");
pub const SIGNING_CERTIFICATE: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.2.12");
pub const QC_STATEMENTS: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.1.3");
pub const QCS_COMPLIANCE: Oid = Oid::new_unwrap("0.4.0.1862.1.1");
pub const QCS_SSCD: Oid = Oid::new_unwrap("0.4.0.1862.1.4");
pub const SIGNING_CERTIFICATE_V2: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.2.47");

/// RFC 3161 / CAdES-T: the unsigned attribute holding a time-stamp token over the signature value.
pub const SIGNATURE_TIME_STAMP: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.2.14");
/// CAdES content-time-stamp: a signed attribute holding a token over the content.
pub const CONTENT_TIME_STAMP: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.2.20");
/// RFC 5652 §11.4: an unsigned attribute holding SignerInfos over the signature value.
pub const COUNTER_SIGNATURE: Oid = Oid::new_unwrap("1.2.840.113549.1.9.6");
/// The content type of a time-stamp token's content.
pub const TST_INFO: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.1.4");
/// RFC 5544 TimeStampedData (`.tsd`).
pub const TIMESTAMPED_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.1.31");
pub const EXTENDED_KEY_USAGE: Oid = Oid::new_unwrap("2.5.29.37");
pub const KP_TIME_STAMPING: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.3.8");

/// Unsigned attributes of later CAdES levels that are read but not checked, with their names.
pub const READ_NOT_CHECKED: [(Oid, &str); 9] = [
    (Oid::new_unwrap("1.2.840.113549.1.9.16.2.48"), "archive-time-stamp (CAdES-A)"),
    (Oid::new_unwrap("0.4.0.1733.2.4"), "archive-time-stamp-v3 (CAdES-A)"),
    (Oid::new_unwrap("0.4.0.1733.2.2"), "ats-hash-index (CAdES-A)"),
    (Oid::new_unwrap("1.2.840.113549.1.9.16.2.21"), "complete-certificate-references (CAdES-C)"),
    (Oid::new_unwrap("1.2.840.113549.1.9.16.2.22"), "complete-revocation-references (CAdES-C)"),
    (Oid::new_unwrap("1.2.840.113549.1.9.16.2.23"), "certificate-values (CAdES-XL)"),
    (Oid::new_unwrap("1.2.840.113549.1.9.16.2.24"), "revocation-values (CAdES-XL)"),
    (Oid::new_unwrap("1.2.840.113549.1.9.16.2.25"), "CAdES-C-time-stamp (CAdES-X)"),
    (Oid::new_unwrap("1.2.840.113549.1.9.16.2.26"), "time-stamped-certs-crls-references (CAdES-X)"),
];

pub const SHA1: Oid = Oid::new_unwrap("1.3.14.3.2.26");
pub const SHA256: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.1");
pub const SHA384: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.2");
pub const SHA512: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.3");

pub const RSA_ENCRYPTION: Oid = Oid::new_unwrap("1.2.840.113549.1.1.1");
pub const SHA1_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.5");
pub const SHA256_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.11");
pub const SHA384_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.12");
pub const SHA512_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.13");

pub const ECDSA_WITH_SHA1: Oid = Oid::new_unwrap("1.2.840.10045.4.1");
pub const ECDSA_WITH_SHA256: Oid = Oid::new_unwrap("1.2.840.10045.4.3.2");
pub const ECDSA_WITH_SHA384: Oid = Oid::new_unwrap("1.2.840.10045.4.3.3");
pub const ECDSA_WITH_SHA512: Oid = Oid::new_unwrap("1.2.840.10045.4.3.4");

pub fn is_ecdsa_signature(oid: &Oid) -> bool {
    [ECDSA_WITH_SHA1, ECDSA_WITH_SHA256, ECDSA_WITH_SHA384, ECDSA_WITH_SHA512].contains(oid)
}

/// Names of algorithms met in signed files that this tool does not check, for messages.
pub fn algorithm_name(oid: &Oid) -> String {
    let name = match oid.to_string().as_str() {
        "1.2.840.113549.1.1.10" => "RSASSA-PSS",
        "1.2.840.10045.2.1" => "ECDSA (EC key)",
        "1.2.840.10045.4.1" => "ECDSA with SHA-1",
        "1.2.840.10045.4.3.2" => "ECDSA with SHA-256",
        "1.2.840.10045.4.3.3" => "ECDSA with SHA-384",
        "1.2.840.10045.4.3.4" => "ECDSA with SHA-512",
        "1.3.101.112" => "Ed25519",
        "1.3.101.113" => "Ed448",
        "1.2.840.10040.4.1" | "1.2.840.10040.4.3" | "2.16.840.1.101.3.4.3.2" => "DSA",
        "1.2.840.113549.2.5" => "MD5",
        "2.16.840.1.101.3.4.2.8" | "2.16.840.1.101.3.4.2.9" | "2.16.840.1.101.3.4.2.10" => "SHA-3",
        _ => return oid.to_string(),
    };
    format!("{name} ({oid})")
}

/// X.520 serialNumber: "TINIT-<codice fiscale>" in Italian qualified certificates.
pub const AT_SERIAL_NUMBER: Oid = Oid::new_unwrap("2.5.4.5");
pub const AT_COMMON_NAME: Oid = Oid::new_unwrap("2.5.4.3");
pub const AT_SURNAME: Oid = Oid::new_unwrap("2.5.4.4");
pub const AT_GIVEN_NAME: Oid = Oid::new_unwrap("2.5.4.42");
pub const AT_ORGANIZATION: Oid = Oid::new_unwrap("2.5.4.10");

/// The digest algorithms we can compute, by OID.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DigestAlg {
    Sha1,
    Sha256,
    Sha384,
    Sha512,
}

impl DigestAlg {
    pub fn from_oid(oid: &Oid) -> Option<DigestAlg> {
        Some(match *oid {
            SHA1 => DigestAlg::Sha1,
            SHA256 => DigestAlg::Sha256,
            SHA384 => DigestAlg::Sha384,
            SHA512 => DigestAlg::Sha512,
            _ => return None,
        })
    }

    /// The digest named by a signature algorithm (`sha256WithRSAEncryption`,
    /// `ecdsa-with-SHA256`...).
    pub fn from_signature_oid(oid: &Oid) -> Option<DigestAlg> {
        Some(match *oid {
            SHA1_WITH_RSA | ECDSA_WITH_SHA1 => DigestAlg::Sha1,
            SHA256_WITH_RSA | ECDSA_WITH_SHA256 => DigestAlg::Sha256,
            SHA384_WITH_RSA | ECDSA_WITH_SHA384 => DigestAlg::Sha384,
            SHA512_WITH_RSA | ECDSA_WITH_SHA512 => DigestAlg::Sha512,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            DigestAlg::Sha1 => "SHA-1",
            DigestAlg::Sha256 => "SHA-256",
            DigestAlg::Sha384 => "SHA-384",
            DigestAlg::Sha512 => "SHA-512",
        }
    }

    pub fn hasher(self) -> Hasher {
        use sha2::Digest;
        match self {
            DigestAlg::Sha1 => Hasher::Sha1(sha1::Sha1::new()),
            DigestAlg::Sha256 => Hasher::Sha256(sha2::Sha256::new()),
            DigestAlg::Sha384 => Hasher::Sha384(sha2::Sha384::new()),
            DigestAlg::Sha512 => Hasher::Sha512(sha2::Sha512::new()),
        }
    }

    pub fn digest(self, data: &[u8]) -> Vec<u8> {
        let mut h = self.hasher();
        h.update(data);
        h.finish()
    }

    /// PKCS#1 v1.5 verification parameters (DigestInfo prefix) for this digest.
    pub fn pkcs1v15(self) -> rsa::Pkcs1v15Sign {
        match self {
            DigestAlg::Sha1 => rsa::Pkcs1v15Sign::new::<sha1::Sha1>(),
            DigestAlg::Sha256 => rsa::Pkcs1v15Sign::new::<sha2::Sha256>(),
            DigestAlg::Sha384 => rsa::Pkcs1v15Sign::new::<sha2::Sha384>(),
            DigestAlg::Sha512 => rsa::Pkcs1v15Sign::new::<sha2::Sha512>(),
        }
    }
}

/// A running digest of one of the [`DigestAlg`]s.
#[derive(Clone)]
pub enum Hasher {
    Sha1(sha1::Sha1),
    Sha256(sha2::Sha256),
    Sha384(sha2::Sha384),
    Sha512(sha2::Sha512),
}

impl Hasher {
    pub fn update(&mut self, data: &[u8]) {
        use sha2::Digest;
        match self {
            Hasher::Sha1(h) => h.update(data),
            Hasher::Sha256(h) => h.update(data),
            Hasher::Sha384(h) => h.update(data),
            Hasher::Sha512(h) => h.update(data),
        }
    }

    pub fn finish(self) -> Vec<u8> {
        use sha2::Digest;
        match self {
            Hasher::Sha1(h) => h.finalize().to_vec(),
            Hasher::Sha256(h) => h.finalize().to_vec(),
            Hasher::Sha384(h) => h.finalize().to_vec(),
            Hasher::Sha512(h) => h.finalize().to_vec(),
        }
    }
}
