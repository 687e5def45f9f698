//! The authentication certificate (EF.C_Carta, `3F00/1100/1101`) and its link with the card.
//!
//! [`CertSummary::from_der`] turns the certificate file into the facts a card manager shows: the
//! CNS common name split into codice fiscale / card serial / personal-data hash, issuer, validity,
//! key size, key usage and policies, fingerprint. [`CertSummary::profile_findings`] lists where
//! the certificate departs from the CNS authentication-certificate profile v1.1 (§5); those are
//! informational, real cards are not always conforming. [`check_consistency`] compares the CN
//! with what the card's other files say, and [`expiry_status`] / [`ends_before_card`] turn the
//! validity into something a user can act on.
//!
//! Pure code: no I/O, no clock (the caller passes "today"), no panics on any input.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use sha1::{Digest as _, Sha1};
use sha2::Sha256;
use time::{Date, OffsetDateTime, UtcOffset};
use x509_parser::asn1_rs::{Oid, Tag};
use x509_parser::extensions::ParsedExtension;
use x509_parser::objects::{oid_registry, oid2abbrev, oid2sn};
use x509_parser::prelude::{FromDer as _, X509Certificate, X509Error, X509Name};
use x509_parser::public_key::PublicKey;
use x509_parser::x509::AttributeTypeAndValue;

/// The CNS policy every CNS authentication certificate must carry since May 2005.
pub const OID_CNS_POLICY: &str = "1.3.76.16.2.1";
/// Lombardy CRS-SISS policies that the profile accepts in place of [`OID_CNS_POLICY`].
pub const OID_CRS_LOMBARDY_POLICIES: [&str; 2] = ["1.3.159.6.1.3.2.10", "1.3.76.12.1.1.10.2.2.10"];
/// TLS WWW client authentication.
pub const OID_CLIENT_AUTH: &str = "1.3.6.1.5.5.7.3.2";
/// How close to `not_after` [`expiry_status`] starts warning.
pub const EXPIRY_WARNING_DAYS: i64 = 30;
/// EF.Dati_personali starts with 6 ASCII hex digits giving the used length.
pub const PERSONAL_DATA_HEADER_LEN: usize = 6;

const OID_KEY_USAGE: &str = "2.5.29.15";
const OID_EXT_KEY_USAGE: &str = "2.5.29.37";
const OID_CERT_POLICIES: &str = "2.5.29.32";
const OID_BASIC_CONSTRAINTS: &str = "2.5.29.19";
const OID_CRL_DP: &str = "2.5.29.31";
const OID_AKI: &str = "2.5.29.35";
const OID_SKI: &str = "2.5.29.14";
const OID_AIA: &str = "1.3.6.1.5.5.7.1.1";

/// Why a certificate file could not be summarised.
#[derive(Debug, thiserror::Error)]
pub enum CertError {
    /// OpenSC saw certificate files that exist but hold only zeros; say so rather than "invalid".
    #[error("no certificate: the data is empty or all zeros")]
    Empty,
    #[error("not a DER certificate: the data does not start with a SEQUENCE with a definite length")]
    NotDer,
    #[error("certificate truncated: its DER header announces {needed} bytes, only {available} are present")]
    Truncated { needed: usize, available: usize },
    #[error("invalid X.509 certificate")]
    Parse(#[source] X509Error),
}

/// Total length (header included) of the DER SEQUENCE whose first bytes are `prefix`, so that a
/// reader can stop at the end of the certificate instead of reading the whole zero-padded file.
///
/// Needs at most 6 bytes (`30 84 LL LL LL LL`); 4 are enough for any real certificate. Returns
/// `None` if `prefix` does not start with a SEQUENCE tag, uses the indefinite length (not DER),
/// a length of more than 4 bytes, or is too short to hold the length. A non-minimal long form
/// (`30 81 05`) is accepted: the length is still unambiguous, and the X.509 parser then gives a
/// clearer error than "unknown length" would.
pub fn der_total_length(prefix: &[u8]) -> Option<usize> {
    let (&tag, rest) = prefix.split_first()?;
    if tag != 0x30 {
        return None;
    }
    let (&first, rest) = rest.split_first()?;
    if first < 0x80 {
        return Some(2 + usize::from(first));
    }
    let n = usize::from(first & 0x7F);
    if n == 0 || n > 4 {
        return None;
    }
    let len = rest.get(..n)?.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
    usize::try_from(len).ok()?.checked_add(2 + n)
}

/// The CNS common name `CODICEFISCALE/IDCARTA.hash` (profile §5.1), split.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CnParts {
    pub fiscal_code: String,
    pub card_serial: String,
    /// Base64 SHA-1 of EF.Dati_personali as written in the CN.
    pub hash: String,
}

impl CnParts {
    /// Splits at the first '/' and the first '.' after it; `None` unless all three parts are
    /// non-empty. The Base64 hash never contains '.', the codice fiscale never '/'.
    pub fn parse(cn: &str) -> Option<CnParts> {
        let (fiscal_code, rest) = cn.split_once('/')?;
        let (card_serial, hash) = rest.split_once('.')?;
        if fiscal_code.is_empty() || card_serial.is_empty() || hash.is_empty() {
            return None;
        }
        Some(CnParts {
            fiscal_code: fiscal_code.to_owned(),
            card_serial: card_serial.to_owned(),
            hash: hash.to_owned(),
        })
    }
}

/// Public key algorithm and size.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct KeyInfo {
    /// "RSA", "EC", "DSA", or the algorithm's name/OID for anything else.
    pub algorithm: String,
    /// Modulus bits for RSA, field size for EC, 0 when unknown.
    pub bits: u32,
}

/// One Key Usage bit (RFC 5280 §4.2.1.3), in bit order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub enum KeyUsageFlag {
    DigitalSignature,
    NonRepudiation,
    KeyEncipherment,
    DataEncipherment,
    KeyAgreement,
    KeyCertSign,
    CrlSign,
    EncipherOnly,
    DecipherOnly,
}

impl KeyUsageFlag {
    /// The RFC 5280 / OpenSSL config name.
    pub fn name(self) -> &'static str {
        match self {
            KeyUsageFlag::DigitalSignature => "digitalSignature",
            KeyUsageFlag::NonRepudiation => "nonRepudiation",
            KeyUsageFlag::KeyEncipherment => "keyEncipherment",
            KeyUsageFlag::DataEncipherment => "dataEncipherment",
            KeyUsageFlag::KeyAgreement => "keyAgreement",
            KeyUsageFlag::KeyCertSign => "keyCertSign",
            KeyUsageFlag::CrlSign => "cRLSign",
            KeyUsageFlag::EncipherOnly => "encipherOnly",
            KeyUsageFlag::DecipherOnly => "decipherOnly",
        }
    }
}

impl fmt::Display for KeyUsageFlag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One extension as present in the certificate, parsed or not.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ExtensionInfo {
    pub oid: String,
    /// Short name from x509-parser's registry ("keyUsage", …), if known.
    pub name: Option<String>,
    pub critical: bool,
}

/// Which accepted CNS policy OID the certificate carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CnsPolicy {
    /// 1.3.76.16.2.1.
    Cns,
    /// One of the Lombardy CRS-SISS OIDs the profile lists as equivalent.
    LombardyCrs,
}

/// A departure from the CNS authentication-certificate profile v1.1 §5.2. Informational:
/// the card still works, but the user (or a relying party) may want to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ProfileFinding {
    CommonNameNotCnsForm,
    KeyUsageMissing,
    KeyUsageNotCritical,
    DigitalSignatureMissing,
    NonRepudiationSet,
    ExtendedKeyUsageMissing,
    ClientAuthMissing,
    CnsPolicyMissing,
    CrlDistributionPointsMissing,
    AuthorityKeyIdMissing,
    SubjectKeyIdMissing,
    BasicConstraintsPresent,
    /// An extension the profile says must not be critical is marked critical.
    MarkedCritical {
        extension: &'static str,
    },
}

impl fmt::Display for ProfileFinding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProfileFinding::CommonNameNotCnsForm => {
                f.write_str("common name is not in the form CODICEFISCALE/IDCARTA.hash")
            }
            ProfileFinding::KeyUsageMissing => f.write_str("Key Usage extension missing"),
            ProfileFinding::KeyUsageNotCritical => f.write_str("Key Usage is not marked critical"),
            ProfileFinding::DigitalSignatureMissing => f.write_str("Key Usage lacks digitalSignature"),
            ProfileFinding::NonRepudiationSet => {
                f.write_str("Key Usage has nonRepudiation, which an authentication key must not")
            }
            ProfileFinding::ExtendedKeyUsageMissing => f.write_str("Extended Key Usage extension missing"),
            ProfileFinding::ClientAuthMissing => {
                f.write_str("Extended Key Usage lacks clientAuth (1.3.6.1.5.5.7.3.2)")
            }
            ProfileFinding::CnsPolicyMissing => {
                f.write_str("no CNS certificate policy (1.3.76.16.2.1 or the Lombardy CRS ones)")
            }
            ProfileFinding::CrlDistributionPointsMissing => {
                f.write_str("CRL Distribution Points extension missing")
            }
            ProfileFinding::AuthorityKeyIdMissing => {
                f.write_str("Authority Key Identifier extension missing")
            }
            ProfileFinding::SubjectKeyIdMissing => f.write_str("Subject Key Identifier extension missing"),
            ProfileFinding::BasicConstraintsPresent => {
                f.write_str("Basic Constraints present, the profile forbids it")
            }
            ProfileFinding::MarkedCritical { extension } => {
                write!(f, "{extension} is marked critical, the profile says it must not be")
            }
        }
    }
}

/// What a card manager shows about the authentication certificate.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CertSummary {
    /// RFC 4514 style: most specific attribute first ("CN=…, OU=…, O=…, C=IT").
    pub subject: String,
    pub subject_cn: Option<String>,
    pub cn_parts: Option<CnParts>,
    /// Same style as `subject`.
    pub issuer: String,
    pub issuer_cn: Option<String>,
    pub issuer_o: Option<String>,
    /// Uppercase hex without separators or leading zero bytes, as `openssl x509 -serial`.
    pub serial: String,
    #[serde(serialize_with = "serialize_rfc3339")]
    pub not_before: OffsetDateTime,
    #[serde(serialize_with = "serialize_rfc3339")]
    pub not_after: OffsetDateTime,
    pub key: KeyInfo,
    /// Short name ("sha256WithRSAEncryption") or dotted OID.
    pub signature_algorithm: String,
    /// Empty when the extension is absent (see `extensions`).
    pub key_usage: Vec<KeyUsageFlag>,
    pub key_usage_critical: bool,
    /// "clientAuth", "serverAuth", … or dotted OIDs for the others.
    pub extended_key_usage: Vec<String>,
    /// Policy OIDs, dotted.
    pub policies: Vec<String>,
    pub extensions: Vec<ExtensionInfo>,
    /// Uppercase, colon-separated, as `openssl x509 -fingerprint -sha256`.
    pub sha256_fingerprint: String,
    #[serde(skip)]
    der: Vec<u8>,
}

/// The subject names the holder (codice fiscale in the CN): wiped when dropped.
impl Drop for CertSummary {
    fn drop(&mut self) {
        use zeroize::Zeroize;
        self.subject.zeroize();
        self.subject_cn.zeroize();
        if let Some(p) = &mut self.cn_parts {
            p.fiscal_code.zeroize();
            p.card_serial.zeroize();
            p.hash.zeroize();
        }
        self.der.zeroize();
    }
}

impl CertSummary {
    /// Parses a certificate file. Bytes after the DER structure (the zero fill of EF.C_Carta)
    /// are ignored; [`CertSummary::der`] keeps exactly the certificate.
    pub fn from_der(data: &[u8]) -> Result<CertSummary, CertError> {
        if data.iter().all(|&b| b == 0) {
            return Err(CertError::Empty);
        }
        let total = der_total_length(data).ok_or(CertError::NotDer)?;
        let der = data.get(..total).ok_or(CertError::Truncated { needed: total, available: data.len() })?;
        let (_, cert) = X509Certificate::from_der(der).map_err(|e| {
            CertError::Parse(match e {
                x509_parser::nom::Err::Error(e) | x509_parser::nom::Err::Failure(e) => e,
                x509_parser::nom::Err::Incomplete(_) => X509Error::InvalidCertificate,
            })
        })?;
        Ok(summarise(&cert, der))
    }

    /// Exactly the certificate's DER bytes.
    pub fn der(&self) -> &[u8] {
        &self.der
    }

    /// Standard PEM: 64-column Base64 lines between the CERTIFICATE armour, final newline.
    pub fn to_pem(&self) -> String {
        let body = BASE64.encode(&self.der);
        let mut out = String::with_capacity(body.len() + body.len() / 64 + 64);
        out.push_str("-----BEGIN CERTIFICATE-----\n");
        for (i, c) in body.chars().enumerate() {
            if i > 0 && i % 64 == 0 {
                out.push('\n');
            }
            out.push(c);
        }
        out.push_str("\n-----END CERTIFICATE-----\n");
        out
    }

    /// The accepted CNS policy found, the national one taking precedence.
    pub fn cns_policy(&self) -> Option<CnsPolicy> {
        if self.policies.iter().any(|p| p == OID_CNS_POLICY) {
            Some(CnsPolicy::Cns)
        } else if self.policies.iter().any(|p| OID_CRS_LOMBARDY_POLICIES.contains(&p.as_str())) {
            Some(CnsPolicy::LombardyCrs)
        } else {
            None
        }
    }

    pub fn has_cns_policy(&self) -> bool {
        self.cns_policy().is_some()
    }

    pub fn has_client_auth(&self) -> bool {
        self.extended_key_usage.iter().any(|e| e == "clientAuth" || e == OID_CLIENT_AUTH)
    }

    pub fn has_key_usage(&self, flag: KeyUsageFlag) -> bool {
        self.key_usage.contains(&flag)
    }

    fn extension(&self, oid: &str) -> Option<&ExtensionInfo> {
        self.extensions.iter().find(|e| e.oid == oid)
    }

    /// Departures from the CNS authentication-certificate profile v1.1 §5, in a stable order.
    pub fn profile_findings(&self) -> Vec<ProfileFinding> {
        let mut out = Vec::new();
        if self.cn_parts.is_none() {
            out.push(ProfileFinding::CommonNameNotCnsForm);
        }
        if self.extension(OID_KEY_USAGE).is_none() {
            out.push(ProfileFinding::KeyUsageMissing);
        } else {
            if !self.key_usage_critical {
                out.push(ProfileFinding::KeyUsageNotCritical);
            }
            if !self.has_key_usage(KeyUsageFlag::DigitalSignature) {
                out.push(ProfileFinding::DigitalSignatureMissing);
            }
            if self.has_key_usage(KeyUsageFlag::NonRepudiation) {
                out.push(ProfileFinding::NonRepudiationSet);
            }
        }
        if self.extension(OID_EXT_KEY_USAGE).is_none() {
            out.push(ProfileFinding::ExtendedKeyUsageMissing);
        } else if !self.has_client_auth() {
            out.push(ProfileFinding::ClientAuthMissing);
        }
        if !self.has_cns_policy() {
            out.push(ProfileFinding::CnsPolicyMissing);
        }
        if self.extension(OID_CRL_DP).is_none() {
            out.push(ProfileFinding::CrlDistributionPointsMissing);
        }
        if self.extension(OID_AKI).is_none() {
            out.push(ProfileFinding::AuthorityKeyIdMissing);
        }
        if self.extension(OID_SKI).is_none() {
            out.push(ProfileFinding::SubjectKeyIdMissing);
        }
        if self.extension(OID_BASIC_CONSTRAINTS).is_some() {
            out.push(ProfileFinding::BasicConstraintsPresent);
        }
        for (oid, extension) in [
            (OID_EXT_KEY_USAGE, "Extended Key Usage"),
            (OID_CERT_POLICIES, "Certificate Policies"),
            (OID_CRL_DP, "CRL Distribution Points"),
            (OID_AKI, "Authority Key Identifier"),
            (OID_SKI, "Subject Key Identifier"),
            (OID_AIA, "Authority Info Access"),
        ] {
            if self.extension(oid).is_some_and(|e| e.critical) {
                out.push(ProfileFinding::MarkedCritical { extension });
            }
        }
        out
    }

    /// [`expiry_status`] of this certificate.
    pub fn expiry(&self, today: Date) -> Expiry {
        expiry_status(self.not_after, today)
    }
}

fn summarise(cert: &X509Certificate<'_>, der: &[u8]) -> CertSummary {
    let subject_cn = first_attr(cert.subject().iter_common_name());
    let cn_parts = subject_cn.as_deref().and_then(CnParts::parse);

    let mut key_usage = Vec::new();
    let mut key_usage_critical = false;
    let mut extended_key_usage = Vec::new();
    let mut policies = Vec::new();
    let mut extensions = Vec::new();
    // First occurrence wins: a duplicated extension is malformed, but a card manager should
    // still show what it can.
    let (mut seen_ku, mut seen_eku, mut seen_cp) = (false, false, false);
    for ext in cert.iter_extensions() {
        extensions.push(ExtensionInfo {
            oid: oid_string(&ext.oid),
            name: oid2sn(&ext.oid, oid_registry()).ok().map(str::to_owned),
            critical: ext.critical,
        });
        match ext.parsed_extension() {
            ParsedExtension::KeyUsage(ku) if !seen_ku => {
                seen_ku = true;
                key_usage_critical = ext.critical;
                let bits = [
                    (ku.digital_signature(), KeyUsageFlag::DigitalSignature),
                    (ku.non_repudiation(), KeyUsageFlag::NonRepudiation),
                    (ku.key_encipherment(), KeyUsageFlag::KeyEncipherment),
                    (ku.data_encipherment(), KeyUsageFlag::DataEncipherment),
                    (ku.key_agreement(), KeyUsageFlag::KeyAgreement),
                    (ku.key_cert_sign(), KeyUsageFlag::KeyCertSign),
                    (ku.crl_sign(), KeyUsageFlag::CrlSign),
                    (ku.encipher_only(), KeyUsageFlag::EncipherOnly),
                    (ku.decipher_only(), KeyUsageFlag::DecipherOnly),
                ];
                key_usage = bits.iter().filter(|(set, _)| *set).map(|&(_, f)| f).collect();
            }
            ParsedExtension::ExtendedKeyUsage(eku) if !seen_eku => {
                seen_eku = true;
                let known = [
                    (eku.any, "anyExtendedKeyUsage"),
                    (eku.server_auth, "serverAuth"),
                    (eku.client_auth, "clientAuth"),
                    (eku.code_signing, "codeSigning"),
                    (eku.email_protection, "emailProtection"),
                    (eku.time_stamping, "timeStamping"),
                    (eku.ocsp_signing, "OCSPSigning"),
                ];
                extended_key_usage = known
                    .iter()
                    .filter(|(set, _)| *set)
                    .map(|&(_, n)| n.to_owned())
                    .chain(eku.other.iter().map(oid_string))
                    .collect();
            }
            ParsedExtension::CertificatePolicies(cp) if !seen_cp => {
                seen_cp = true;
                policies = cp.iter().map(|p| oid_string(&p.policy_id)).collect();
            }
            _ => {}
        }
    }

    let signature_algorithm = {
        let oid = &cert.signature_algorithm.algorithm;
        oid2sn(oid, oid_registry()).map(str::to_owned).unwrap_or_else(|_| oid_string(oid))
    };

    CertSummary {
        subject: name_to_string(cert.subject()),
        subject_cn,
        cn_parts,
        issuer: name_to_string(cert.issuer()),
        issuer_cn: first_attr(cert.issuer().iter_common_name()),
        issuer_o: first_attr(cert.issuer().iter_organization()),
        serial: serial_hex(cert.raw_serial()),
        not_before: cert.validity().not_before.to_datetime(),
        not_after: cert.validity().not_after.to_datetime(),
        key: key_info(cert),
        signature_algorithm,
        key_usage,
        key_usage_critical,
        extended_key_usage,
        policies,
        extensions,
        sha256_fingerprint: colon_hex(&Sha256::digest(der)),
        der: der.to_vec(),
    }
}

/// Dotted form of an OID. asn1-rs 0.7 mis-decodes a first subidentifier above 127 (any `2.x`
/// with x >= 48, e.g. `2.999.1` comes out as `3.16.55.1`), so the arcs are decoded here.
fn oid_string(oid: &Oid<'_>) -> String {
    let bytes = oid.as_bytes();
    let mut out = String::new();
    let mut acc: u128 = 0;
    let mut first = true;
    for &b in bytes {
        acc = match acc.checked_mul(128) {
            Some(v) => v | u128::from(b & 0x7F),
            None => return oid.to_id_string(),
        };
        if b & 0x80 != 0 {
            continue;
        }
        if first {
            let (x, y) = match acc {
                0..40 => (0, acc),
                40..80 => (1, acc - 40),
                _ => (2, acc - 80),
            };
            out = format!("{x}.{y}");
            first = false;
        } else {
            out.push('.');
            out.push_str(&acc.to_string());
        }
        acc = 0;
    }
    if first || bytes.last().is_some_and(|b| b & 0x80 != 0) {
        return oid.to_id_string();
    }
    out
}

fn key_info(cert: &X509Certificate<'_>) -> KeyInfo {
    let spki = cert.public_key();
    let bits = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    match spki.parsed() {
        Ok(PublicKey::RSA(rsa)) => {
            KeyInfo { algorithm: "RSA".to_owned(), bits: bits(integer_bits(rsa.modulus)) }
        }
        Ok(PublicKey::EC(ec)) => KeyInfo { algorithm: "EC".to_owned(), bits: bits(ec.key_size()) },
        Ok(PublicKey::DSA(y)) => {
            KeyInfo { algorithm: "DSA".to_owned(), bits: bits(y.len().saturating_mul(8)) }
        }
        Ok(other) => {
            let oid = &spki.algorithm.algorithm;
            KeyInfo {
                algorithm: oid2sn(oid, oid_registry()).map(str::to_owned).unwrap_or_else(|_| oid_string(oid)),
                bits: bits(other.key_size()),
            }
        }
        Err(_) => KeyInfo { algorithm: oid_string(&spki.algorithm.algorithm), bits: 0 },
    }
}

/// Significant bits of a big-endian unsigned integer. x509-parser's own RSA `key_size` only
/// handles the one-leading-zero case, and 0 otherwise.
fn integer_bits(be: &[u8]) -> usize {
    let trimmed = strip_leading_zeros(be);
    match trimmed.first() {
        None => 0,
        Some(&top) => (trimmed.len() - 1).saturating_mul(8) + (8 - top.leading_zeros() as usize),
    }
}

fn strip_leading_zeros(be: &[u8]) -> &[u8] {
    let first = be.iter().position(|&b| b != 0).unwrap_or(be.len());
    be.get(first..).unwrap_or_default()
}

fn serial_hex(raw: &[u8]) -> String {
    let trimmed = strip_leading_zeros(raw);
    if trimmed.is_empty() && !raw.is_empty() {
        return "00".to_owned();
    }
    trimmed.iter().map(|b| format!("{b:02X}")).collect()
}

fn colon_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect::<Vec<_>>().join(":")
}

fn first_attr<'a, 'b: 'a>(mut it: impl Iterator<Item = &'a AttributeTypeAndValue<'b>>) -> Option<String> {
    it.next().map(attr_text)
}

/// The attribute as text whatever its ASN.1 string type: CNS issuers are Italian and some CAs
/// write names in BMPString or T61String.
fn attr_text(attr: &AttributeTypeAndValue<'_>) -> String {
    if let Ok(s) = attr.as_str() {
        return s.to_owned();
    }
    let value = attr.attr_value();
    let data = value.as_bytes();
    match value.tag() {
        Tag::BmpString => {
            let units = data.chunks(2).map(|c| match c {
                [hi, lo] => u16::from_be_bytes([*hi, *lo]),
                _ => 0xFFFD,
            });
            char::decode_utf16(units).map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER)).collect()
        }
        Tag::UniversalString => data
            .chunks(4)
            .map(|c| match c {
                [a, b, c, d] => char::from_u32(u32::from_be_bytes([*a, *b, *c, *d]))
                    .unwrap_or(char::REPLACEMENT_CHARACTER),
                _ => char::REPLACEMENT_CHARACTER,
            })
            .collect(),
        // T61/Teletex in practice carries Latin-1.
        Tag::T61String => data.iter().map(|&b| char::from(b)).collect(),
        _ => String::from_utf8_lossy(data).into_owned(),
    }
}

/// RFC 4514 order (last RDN first) and escaping, with the usual short names, else the registry's
/// abbreviation, else the dotted OID.
fn name_to_string(name: &X509Name<'_>) -> String {
    let rdns: Vec<String> = name
        .iter()
        .map(|rdn| {
            rdn.iter()
                .map(|attr| {
                    let oid = attr.attr_type();
                    let key = oid2abbrev(oid, oid_registry())
                        .map(str::to_owned)
                        .unwrap_or_else(|_| oid_string(oid));
                    format!("{key}={}", escape_rfc4514(&attr_text(attr)))
                })
                .collect::<Vec<_>>()
                .join("+")
        })
        .collect();
    rdns.into_iter().rev().collect::<Vec<_>>().join(", ")
}

fn escape_rfc4514(value: &str) -> String {
    let last = value.chars().count().saturating_sub(1);
    let mut out = String::with_capacity(value.len());
    for (i, c) in value.chars().enumerate() {
        let special = matches!(c, '"' | '+' | ',' | ';' | '<' | '>' | '\\')
            || (i == 0 && (c == '#' || c == ' '))
            || (i == last && c == ' ');
        if c == '\0' {
            out.push_str("\\00");
            continue;
        }
        if special {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn serialize_rfc3339<S: serde::Serializer>(t: &OffsetDateTime, s: S) -> Result<S::Ok, S::Error> {
    let text = t.format(&time::format_description::well_known::Rfc3339).map_err(serde::ser::Error::custom)?;
    s.serialize_str(&text)
}

fn serialize_date<S: serde::Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(d)
}

/// Base64 of SHA-1 over `bytes`: the hash the CN carries for EF.Dati_personali.
pub fn personal_data_hash(bytes: &[u8]) -> String {
    BASE64.encode(Sha1::digest(bytes))
}

/// Outcome of one comparison between the certificate and the card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Check {
    Match,
    Mismatch,
    /// One side is missing (CN not in CNS form, or the card value was not read).
    NotAvailable,
}

/// Which bytes of EF.Dati_personali the CN hash was computed over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HashCheck {
    /// SHA-1 over bytes `0..used_len`, the 6-byte length header included.
    MatchesWithHeader,
    /// SHA-1 over bytes `6..used_len`.
    MatchesWithoutHeader,
    Mismatch,
    NotAvailable,
}

/// The certificate CN against the card's own files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Consistency {
    pub fiscal_code: Check,
    pub card_serial: Check,
    pub personal_data_hash: HashCheck,
}

/// Compares the CN parts with the card: codice fiscale (ASCII case-insensitive), card serial
/// (EF.ID_Carta, exact), and the hash of EF.Dati_personali.
///
/// `personal_data_raw` is the file content and its used length including the header, as found
/// by walking the fields (the header itself is not trusted); a `used_len` beyond the data is cut
/// to the data. Whether the header is hashed is not settled by the sources, so both are tried,
/// header first (project decision 4), and the answer says which one matched.
pub fn check_consistency(
    cert: &CertSummary,
    card_serial: Option<&str>,
    fiscal_code: Option<&str>,
    personal_data_raw: Option<(&[u8], usize)>,
) -> Consistency {
    let parts = cert.cn_parts.as_ref();
    let compare = |ours: Option<&str>, card: Option<&str>, same: fn(&str, &str) -> bool| match (ours, card) {
        (Some(a), Some(b)) if !b.trim().is_empty() => {
            if same(a.trim(), b.trim()) {
                Check::Match
            } else {
                Check::Mismatch
            }
        }
        _ => Check::NotAvailable,
    };
    let fiscal =
        compare(parts.map(|p| p.fiscal_code.as_str()), fiscal_code, |a, b| a.eq_ignore_ascii_case(b));
    let serial = compare(parts.map(|p| p.card_serial.as_str()), card_serial, |a, b| a == b);
    let hash = match (parts, personal_data_raw) {
        (Some(p), Some((raw, used_len))) => hash_check(&p.hash, raw, used_len),
        _ => HashCheck::NotAvailable,
    };
    Consistency { fiscal_code: fiscal, card_serial: serial, personal_data_hash: hash }
}

fn hash_check(expected: &str, raw: &[u8], used_len: usize) -> HashCheck {
    let used = raw.get(..used_len.min(raw.len())).unwrap_or_default();
    if used.is_empty() {
        return HashCheck::NotAvailable;
    }
    let expected = expected.trim();
    if personal_data_hash(used) == expected {
        return HashCheck::MatchesWithHeader;
    }
    match used.get(PERSONAL_DATA_HEADER_LEN..) {
        Some(body) if !body.is_empty() && personal_data_hash(body) == expected => {
            HashCheck::MatchesWithoutHeader
        }
        _ => HashCheck::Mismatch,
    }
}

/// Where the certificate stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Expiry {
    /// `since` is the UTC date of `not_after`.
    Expired {
        #[serde(serialize_with = "serialize_date")]
        since: Date,
    },
    /// 0 ..= [`EXPIRY_WARNING_DAYS`] days left; 0 means it ends today.
    ExpiresSoon {
        days_left: i64,
    },
    Valid {
        days_left: i64,
    },
}

/// Day-granular status of a certificate ending at `not_after`, seen on `today`.
///
/// Uses the UTC date of `not_after`: Italian CAs write midnight Italian time as 23:00Z (22:00Z
/// in summer) of the previous day, so the warning may come one day early, never late. Time-of-day
/// precision is not worth a time-zone database here.
pub fn expiry_status(not_after: OffsetDateTime, today: Date) -> Expiry {
    let end = utc_date(not_after);
    let days_left = (end - today).whole_days();
    if days_left < 0 {
        Expiry::Expired { since: end }
    } else if days_left <= EXPIRY_WARNING_DAYS {
        Expiry::ExpiresSoon { days_left }
    } else {
        Expiry::Valid { days_left }
    }
}

/// True when the certificate ends more than one day before the card's expiry date (from
/// EF.Dati_personali). The one-day slack absorbs the Italian-midnight-as-23:00Z convention: a
/// 2025 card expiring 25/12/2031 had a certificate ending 2031-12-24T23:00:00Z.
pub fn ends_before_card(not_after: OffsetDateTime, card_expiry: Date) -> bool {
    (card_expiry - utc_date(not_after)).whole_days() > 1
}

fn utc_date(t: OffsetDateTime) -> Date {
    t.checked_to_offset(UtcOffset::UTC).map_or_else(|| t.date(), |u| u.date())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::{date, datetime};

    const CONFORMING: &[u8] = include_bytes!("../tests/fixtures/cns-conforming.der");
    const NONCONFORMING: &[u8] = include_bytes!("../tests/fixtures/cns-nonconforming.der");
    const LOMBARDY_EC: &[u8] = include_bytes!("../tests/fixtures/crs-lombardy-ec.der");
    const TEST_CA: &[u8] = include_bytes!("../tests/fixtures/test-ca.der");

    // `openssl x509 -inform DER -noout -fingerprint -sha256`, as printed by make-certs.sh.
    const CONFORMING_SHA256: &str =
        "93:83:02:3C:96:5F:6F:35:45:1B:5E:A4:B3:44:DC:DD:2F:C3:77:CB:08:73:21:2E:BE:2C:C1:D6:9F:6D:50:0D";
    const NONCONFORMING_SHA256: &str =
        "4B:D2:82:F1:D9:7E:B1:5C:3D:FC:EA:46:36:27:6C:D8:D3:C9:6F:27:3C:75:07:E3:DF:7C:77:7E:B6:32:36:03";
    const LOMBARDY_EC_SHA256: &str =
        "AA:06:E9:B6:B9:0A:A0:10:1C:73:27:C5:6F:5C:D7:75:E5:45:8D:56:6F:7F:77:91:FB:06:43:F8:8F:05:13:76";
    const TEST_CA_SHA256: &str =
        "5D:0B:3E:1A:22:E1:75:60:F0:1D:16:1D:89:FB:43:90:8B:D4:87:B3:77:1D:12:80:19:5B:AD:60:F9:E8:85:CA";

    /// The 111 used bytes of the worked example in cns-facts §2.2 (ROSSI MARIO).
    fn example_personal_data() -> Vec<u8> {
        let fields = [
            "00006F",
            "04",
            "6030",
            "08",
            "01022020",
            "08",
            "01022026",
            "05",
            "ROSSI",
            "05",
            "MARIO",
            "08",
            "01011980",
            "01",
            "M",
            "00",
            "10",
            "RSSMRA80A01F205X",
            "00",
            "04",
            "F205",
            "00",
            "00",
            "04",
            "F205",
            "0A",
            "VIA ROMA 1",
            "00",
        ];
        fields.concat().into_bytes()
    }

    /// The whole 400-byte file: used part, then 00 fill.
    fn example_file() -> Vec<u8> {
        let mut f = example_personal_data();
        f.resize(400, 0);
        f
    }

    fn conforming() -> CertSummary {
        CertSummary::from_der(CONFORMING).expect("conforming fixture parses")
    }

    #[test]
    fn der_length_forms() {
        assert_eq!(der_total_length(&[0x30, 0x82, 0x05, 0x41]), Some(4 + 0x0541));
        assert_eq!(der_total_length(&[0x30, 0x81, 0x90]), Some(3 + 0x90));
        assert_eq!(der_total_length(&[0x30, 0x05]), Some(7));
        assert_eq!(der_total_length(&[0x30, 0x00]), Some(2));
        assert_eq!(der_total_length(&[0x30, 0x83, 0x01, 0x00, 0x00]), Some(5 + 0x010000));
        assert_eq!(der_total_length(&[0x30, 0x84, 0x00, 0x00, 0x01, 0x00]), Some(6 + 0x100));
    }

    #[test]
    fn der_length_rejects() {
        assert_eq!(der_total_length(&[]), None);
        assert_eq!(der_total_length(&[0x30]), None);
        assert_eq!(der_total_length(&[0x31, 0x05]), None, "SET, not SEQUENCE");
        assert_eq!(der_total_length(&[0x00, 0x00, 0x00, 0x00]), None);
        assert_eq!(der_total_length(&[0x30, 0x80]), None, "indefinite length");
        assert_eq!(der_total_length(&[0x30, 0x82, 0x05]), None, "short prefix");
        assert_eq!(der_total_length(&[0x30, 0x85, 1, 2, 3, 4, 5]), None);
        assert_eq!(der_total_length(&[0x30, 0xFF]), None);
    }

    #[test]
    fn der_length_of_fixtures() {
        for der in [CONFORMING, NONCONFORMING, LOMBARDY_EC, TEST_CA] {
            assert_eq!(der_total_length(&der[..4]), Some(der.len()));
        }
    }

    #[test]
    fn conforming_subject_and_cn() {
        let c = conforming();
        assert_eq!(
            c.subject,
            "CN=RSSMRA80A01F205X/6030123456789008.4sqHRp5QrtN1NQ0zzCW1zoNo97c=, \
             OU=Servizio Sanitario, O=Regione Toscana, C=IT"
        );
        assert_eq!(
            c.subject_cn.as_deref(),
            Some("RSSMRA80A01F205X/6030123456789008.4sqHRp5QrtN1NQ0zzCW1zoNo97c=")
        );
        assert_eq!(
            c.cn_parts,
            Some(CnParts {
                fiscal_code: "RSSMRA80A01F205X".into(),
                card_serial: "6030123456789008".into(),
                hash: "4sqHRp5QrtN1NQ0zzCW1zoNo97c=".into(),
            })
        );
    }

    #[test]
    fn conforming_issuer_serial_validity() {
        let c = conforming();
        assert_eq!(c.issuer, "CN=Test CA Cittadini, O=CNS Manager test, C=IT");
        assert_eq!(c.issuer_cn.as_deref(), Some("Test CA Cittadini"));
        assert_eq!(c.issuer_o.as_deref(), Some("CNS Manager test"));
        assert_eq!(c.serial, "1D56");
        assert_eq!(c.not_before, datetime!(2025-01-10 09:30:00 UTC));
        assert_eq!(c.not_after, datetime!(2031-01-10 09:30:00 UTC));
        assert_eq!(c.signature_algorithm, "sha256WithRSAEncryption");
    }

    #[test]
    fn conforming_key_and_extensions() {
        let c = conforming();
        assert_eq!(c.key, KeyInfo { algorithm: "RSA".into(), bits: 2048 });
        assert_eq!(c.key_usage, vec![KeyUsageFlag::DigitalSignature]);
        assert!(c.key_usage_critical);
        assert_eq!(c.extended_key_usage, vec!["clientAuth".to_owned()]);
        assert!(c.has_client_auth());
        assert_eq!(c.policies, vec![OID_CNS_POLICY.to_owned(), "2.999.1.1".to_owned()]);
        assert_eq!(c.cns_policy(), Some(CnsPolicy::Cns));
        assert!(c.has_cns_policy());
        let oids: Vec<&str> = c.extensions.iter().map(|e| e.oid.as_str()).collect();
        assert_eq!(
            oids,
            [OID_KEY_USAGE, OID_EXT_KEY_USAGE, OID_CERT_POLICIES, OID_SKI, OID_AKI, OID_CRL_DP, OID_AIA]
        );
        assert_eq!(c.extensions[0].name.as_deref(), Some("keyUsage"));
        assert!(c.extensions[0].critical);
        assert!(c.extensions[1..].iter().all(|e| !e.critical));
    }

    #[test]
    fn conforming_has_no_findings() {
        assert_eq!(conforming().profile_findings(), vec![]);
    }

    #[test]
    fn fingerprints_match_openssl() {
        for (der, fp) in [
            (CONFORMING, CONFORMING_SHA256),
            (NONCONFORMING, NONCONFORMING_SHA256),
            (LOMBARDY_EC, LOMBARDY_EC_SHA256),
            (TEST_CA, TEST_CA_SHA256),
        ] {
            assert_eq!(CertSummary::from_der(der).unwrap().sha256_fingerprint, fp);
        }
    }

    #[test]
    fn trailing_zero_fill_is_ignored() {
        let mut file = CONFORMING.to_vec();
        file.resize(2048, 0);
        let c = CertSummary::from_der(&file).unwrap();
        assert_eq!(c.der(), CONFORMING);
        assert_eq!(c, conforming());
    }

    #[test]
    fn pem_round_trip() {
        let c = conforming();
        let pem = c.to_pem();
        assert!(pem.starts_with("-----BEGIN CERTIFICATE-----\n"));
        assert!(pem.ends_with("\n-----END CERTIFICATE-----\n"));
        let body: Vec<&str> = pem.lines().filter(|l| !l.starts_with("-----")).collect();
        let (last, full) = body.split_last().unwrap();
        assert!(full.iter().all(|l| l.len() == 64));
        assert!(!last.is_empty() && last.len() <= 64);
        let der = BASE64.decode(body.concat()).unwrap();
        assert_eq!(der, CONFORMING);
        assert_eq!(CertSummary::from_der(&der).unwrap(), c);
        // An independent PEM reader agrees.
        let (_, parsed) = x509_parser::pem::parse_x509_pem(pem.as_bytes()).unwrap();
        assert_eq!(parsed.label, "CERTIFICATE");
        assert_eq!(parsed.contents, CONFORMING);
    }

    #[test]
    fn nonconforming_fields() {
        let c = CertSummary::from_der(NONCONFORMING).unwrap();
        assert_eq!(c.subject, "CN=ROSSI MARIO, O=CNS Manager test, C=IT");
        assert_eq!(c.subject_cn.as_deref(), Some("ROSSI MARIO"));
        assert_eq!(c.cn_parts, None);
        assert_eq!(c.serial, "8A3F01", "leading 00 of the DER INTEGER dropped");
        assert_eq!(c.not_before, datetime!(2020-03-01 00:00:00 UTC));
        assert_eq!(c.not_after, datetime!(2023-03-01 00:00:00 UTC));
        assert_eq!(c.key.algorithm, "RSA");
        assert_eq!(c.key.bits, 1024);
        assert_eq!(c.key_usage, vec![KeyUsageFlag::NonRepudiation, KeyUsageFlag::KeyEncipherment]);
        assert!(!c.key_usage_critical);
        assert_eq!(c.extended_key_usage, vec!["emailProtection".to_owned()]);
        assert!(!c.has_client_auth());
        assert_eq!(c.policies, vec!["2.999.1.2".to_owned()]);
        assert!(!c.has_cns_policy());
    }

    #[test]
    fn nonconforming_findings() {
        let c = CertSummary::from_der(NONCONFORMING).unwrap();
        assert_eq!(
            c.profile_findings(),
            vec![
                ProfileFinding::CommonNameNotCnsForm,
                ProfileFinding::KeyUsageNotCritical,
                ProfileFinding::DigitalSignatureMissing,
                ProfileFinding::NonRepudiationSet,
                ProfileFinding::ClientAuthMissing,
                ProfileFinding::CnsPolicyMissing,
                ProfileFinding::CrlDistributionPointsMissing,
                ProfileFinding::BasicConstraintsPresent,
            ]
        );
    }

    #[test]
    fn ca_certificate_findings() {
        let c = CertSummary::from_der(TEST_CA).unwrap();
        assert_eq!(c.subject, c.issuer);
        assert_eq!(c.serial, "01");
        assert_eq!(c.key_usage, vec![KeyUsageFlag::KeyCertSign, KeyUsageFlag::CrlSign]);
        let f = c.profile_findings();
        for expected in [
            ProfileFinding::CommonNameNotCnsForm,
            ProfileFinding::DigitalSignatureMissing,
            ProfileFinding::ExtendedKeyUsageMissing,
            ProfileFinding::CnsPolicyMissing,
            ProfileFinding::AuthorityKeyIdMissing,
            ProfileFinding::BasicConstraintsPresent,
        ] {
            assert!(f.contains(&expected), "{expected:?} missing from {f:?}");
        }
        assert!(!f.contains(&ProfileFinding::KeyUsageNotCritical));
    }

    #[test]
    fn lombardy_ec_certificate() {
        let c = CertSummary::from_der(LOMBARDY_EC).unwrap();
        assert_eq!(c.key, KeyInfo { algorithm: "EC".into(), bits: 256 });
        assert_eq!(c.serial, "0ABCDEF0");
        assert_eq!(c.policies, vec!["1.3.76.12.1.1.10.2.2.10".to_owned()]);
        assert_eq!(c.cns_policy(), Some(CnsPolicy::LombardyCrs));
        assert!(c.has_cns_policy());
        assert_eq!(c.profile_findings(), vec![]);
        assert_eq!(c.not_before, datetime!(2025-12-29 13:45:54 UTC));
        assert_eq!(c.not_after, datetime!(2031-12-24 23:00:00 UTC));
        assert!(!ends_before_card(c.not_after, date!(2031 - 12 - 25)));
    }

    #[test]
    fn errors() {
        assert!(matches!(CertSummary::from_der(&[]), Err(CertError::Empty)));
        assert!(matches!(CertSummary::from_der(&[0u8; 2048]), Err(CertError::Empty)));
        assert!(matches!(CertSummary::from_der(&[0xFF; 16]), Err(CertError::NotDer)));
        assert!(matches!(
            CertSummary::from_der(&CONFORMING[..1000]),
            Err(CertError::Truncated {
                needed,
                available: 1000
            }) if needed == CONFORMING.len()
        ));
        let err = CertSummary::from_der(&[0x30, 0x03, 0x02, 0x01, 0x00]).unwrap_err();
        assert!(matches!(err, CertError::Parse(_)));
        assert!(std::error::Error::source(&err).is_some());
    }

    #[test]
    fn cn_parts_parse() {
        assert_eq!(
            CnParts::parse("DMMRNT63H14H501T/123322123123.cd3fdfdfeH2Duoewf5oasookDHo="),
            Some(CnParts {
                fiscal_code: "DMMRNT63H14H501T".into(),
                card_serial: "123322123123".into(),
                hash: "cd3fdfdfeH2Duoewf5oasookDHo=".into(),
            })
        );
        // The '.' is searched only after the '/'.
        assert_eq!(
            CnParts::parse("A.B/C.D/E").map(|p| (p.fiscal_code, p.card_serial, p.hash)),
            Some(("A.B".into(), "C".into(), "D/E".into()))
        );
        assert_eq!(CnParts::parse("RSSMRA80A01F205X"), None);
        assert_eq!(CnParts::parse("RSSMRA80A01F205X/6030123456789008"), None);
        assert_eq!(CnParts::parse("/6030.x"), None);
        assert_eq!(CnParts::parse("CF/.x"), None);
        assert_eq!(CnParts::parse("CF/6030."), None);
    }

    #[test]
    fn worked_example_hash() {
        let used = example_personal_data();
        assert_eq!(used.len(), 111);
        assert_eq!(personal_data_hash(&used), "4sqHRp5QrtN1NQ0zzCW1zoNo97c=");
    }

    #[test]
    fn consistency_all_match_with_header() {
        let c = conforming();
        let file = example_file();
        let r = check_consistency(&c, Some("6030123456789008"), Some("rssmra80a01f205x"), Some((&file, 111)));
        assert_eq!(
            r,
            Consistency {
                fiscal_code: Check::Match,
                card_serial: Check::Match,
                personal_data_hash: HashCheck::MatchesWithHeader,
            }
        );
    }

    #[test]
    fn consistency_without_header() {
        // The Lombardy fixture's CN hash is SHA-1 over bytes 6..111 of the worked example.
        let c = CertSummary::from_der(LOMBARDY_EC).unwrap();
        let file = example_file();
        assert_eq!(personal_data_hash(&file[6..111]), c.cn_parts.as_ref().unwrap().hash);
        let r = check_consistency(&c, Some("6030123456789008"), Some("RSSMRA80A01F205X"), Some((&file, 111)));
        assert_eq!(
            r,
            Consistency {
                fiscal_code: Check::Mismatch,
                card_serial: Check::Mismatch,
                personal_data_hash: HashCheck::MatchesWithoutHeader,
            }
        );
    }

    #[test]
    fn consistency_mismatch_and_missing() {
        let c = conforming();
        let mut file = example_file();
        file[40] = b'X'; // ROSSI -> ROXSI
        let r = check_consistency(&c, None, Some(" "), Some((&file, 111)));
        assert_eq!(
            r,
            Consistency {
                fiscal_code: Check::NotAvailable,
                card_serial: Check::NotAvailable,
                personal_data_hash: HashCheck::Mismatch,
            }
        );
        // Hashing the zero fill too is a mismatch, not a match.
        let r = check_consistency(&c, None, None, Some((&example_file(), 400)));
        assert_eq!(r.personal_data_hash, HashCheck::Mismatch);
        // A used length beyond the data is cut to the data.
        let used = example_personal_data();
        let r = check_consistency(&c, None, None, Some((&used, 4000)));
        assert_eq!(r.personal_data_hash, HashCheck::MatchesWithHeader);
        let r = check_consistency(&c, None, None, Some((&used, 0)));
        assert_eq!(r.personal_data_hash, HashCheck::NotAvailable);
        // No CNS-form CN: nothing to compare.
        let bad = CertSummary::from_der(NONCONFORMING).unwrap();
        let r =
            check_consistency(&bad, Some("6030123456789008"), Some("RSSMRA80A01F205X"), Some((&used, 111)));
        assert_eq!(
            r,
            Consistency {
                fiscal_code: Check::NotAvailable,
                card_serial: Check::NotAvailable,
                personal_data_hash: HashCheck::NotAvailable,
            }
        );
    }

    #[test]
    fn expiry_states() {
        let end = datetime!(2031-01-10 09:30:00 UTC);
        assert_eq!(
            expiry_status(end, date!(2025 - 06 - 01)),
            Expiry::Valid { days_left: (date!(2031 - 01 - 10) - date!(2025 - 06 - 01)).whole_days() }
        );
        assert_eq!(expiry_status(end, date!(2030 - 12 - 10)), Expiry::Valid { days_left: 31 });
        assert_eq!(expiry_status(end, date!(2030 - 12 - 11)), Expiry::ExpiresSoon { days_left: 30 });
        assert_eq!(expiry_status(end, date!(2031 - 01 - 10)), Expiry::ExpiresSoon { days_left: 0 });
        assert_eq!(
            expiry_status(end, date!(2031 - 01 - 11)),
            Expiry::Expired { since: date!(2031 - 01 - 10) }
        );
        // A non-UTC offset is brought back to UTC first.
        let rome = datetime!(2031-12-25 00:00:00 +01:00);
        assert_eq!(
            expiry_status(rome, date!(2031 - 12 - 25)),
            Expiry::Expired { since: date!(2031 - 12 - 24) }
        );
        assert_eq!(
            conforming().expiry(date!(2031 - 01 - 11)),
            Expiry::Expired { since: date!(2031 - 01 - 10) }
        );
    }

    #[test]
    fn ends_before_card_slack() {
        let real = datetime!(2031-12-24 23:00:00 UTC);
        assert!(!ends_before_card(real, date!(2031 - 12 - 25)));
        assert!(!ends_before_card(real, date!(2031 - 12 - 24)));
        assert!(!ends_before_card(real, date!(2030 - 01 - 01)));
        assert!(ends_before_card(real, date!(2031 - 12 - 26)));
        assert!(ends_before_card(datetime!(2028-12-24 23:00:00 UTC), date!(2031 - 12 - 25)));
    }

    #[test]
    fn serializes_to_json() {
        let v = serde_json::to_value(conforming()).unwrap();
        assert_eq!(v["not_before"], "2025-01-10T09:30:00Z");
        assert_eq!(v["key_usage"][0], "digitalSignature");
        assert_eq!(v["cn_parts"]["card_serial"], "6030123456789008");
        assert!(v.get("der").is_none());
        let e = serde_json::to_value(Expiry::Expired { since: date!(2031 - 01 - 10) }).unwrap();
        assert_eq!(e, serde_json::json!({"status": "expired", "since": "2031-01-10"}));
        let f = serde_json::to_value(ProfileFinding::MarkedCritical { extension: "Subject Key Identifier" })
            .unwrap();
        assert_eq!(f["kind"], "marked_critical");
    }

    #[test]
    fn rfc4514_escaping() {
        assert_eq!(escape_rfc4514("a,b+c"), "a\\,b\\+c");
        assert_eq!(escape_rfc4514(" #x "), "\\ #x\\ ");
        assert_eq!(escape_rfc4514("#x"), "\\#x");
        assert_eq!(escape_rfc4514("A/B.C="), "A/B.C=");
    }

    #[test]
    fn bits_of_integers() {
        assert_eq!(integer_bits(&[]), 0);
        assert_eq!(integer_bits(&[0, 0]), 0);
        assert_eq!(integer_bits(&[0x00, 0x80, 0x00]), 16);
        assert_eq!(integer_bits(&[0x01, 0x00]), 9);
        assert_eq!(integer_bits(&[0x00, 0x00, 0x7F]), 7);
    }

    #[test]
    fn oid_strings() {
        let oid = |b: &'static [u8]| Oid::new(std::borrow::Cow::Borrowed(b));
        assert_eq!(oid_string(&oid(&[0x55, 0x1D, 0x0F])), "2.5.29.15");
        assert_eq!(
            oid_string(&oid(&[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0B])),
            "1.2.840.113549.1.1.11"
        );
        assert_eq!(oid_string(&oid(&[0x88, 0x37, 0x01, 0x01])), "2.999.1.1");
        assert_eq!(oid_string(&oid(&[0x2B, 0x4C, 0x10, 0x02, 0x01])), OID_CNS_POLICY);
        // Malformed encodings fall back to asn1-rs rather than failing.
        let _ = oid_string(&oid(&[]));
        let _ = oid_string(&oid(&[0x88]));
        let _ = oid_string(&oid(&[0xFF; 40]));
    }

    proptest! {
        #[test]
        fn der_total_length_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..16)) {
            let _ = der_total_length(&bytes);
        }

        #[test]
        fn from_der_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
            let _ = CertSummary::from_der(&bytes);
        }

        #[test]
        fn from_der_never_panics_on_sequence_prefix(
            len in 0usize..1500,
            body in proptest::collection::vec(any::<u8>(), 0..1600),
        ) {
            let mut data = vec![0x30, 0x82, (len >> 8) as u8, len as u8];
            data.extend_from_slice(&body);
            let _ = CertSummary::from_der(&data);
        }

        #[test]
        fn from_der_never_panics_on_damaged_cert(
            flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
            cut in any::<prop::sample::Index>(),
            der_choice in 0usize..4,
        ) {
            let src = [CONFORMING, NONCONFORMING, LOMBARDY_EC, TEST_CA][der_choice];
            let mut data = src.to_vec();
            for (at, x) in flips {
                let i = at.index(data.len());
                data[i] ^= x;
            }
            let _ = CertSummary::from_der(&data);
            let _ = CertSummary::from_der(&data[..cut.index(data.len() + 1)]);
            if let Ok(c) = CertSummary::from_der(&data) {
                let _ = c.profile_findings();
                let _ = c.to_pem();
                let _ = check_consistency(&c, Some(""), Some("x"), Some((&data, 3000)));
            }
        }
    }
}
