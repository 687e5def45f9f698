//! Trusted issuers, certificate chains and CRLs. Nothing is trusted unless the user gave it.

use crate::keys::{self, PublicKey};
use crate::names::same_name;
use crate::{Result, malformed, oids};
use der::{Decode, Encode};
use spki::AlgorithmIdentifierOwned;
use std::time::{Duration, SystemTime};
use x509_cert::Certificate;
use x509_cert::crl::CertificateList;
use x509_cert::name::Name;
use x509_cert::time::Time;

/// Largest certificate or CRL file read into memory.
pub const MAX_FILE: u64 = 64 * 1024 * 1024;

/// The CA certificates the user trusts.
#[derive(Debug, Clone, Default)]
pub struct TrustStore {
    anchors: Vec<Certificate>,
    /// Per anchor (same index): when it may be relied on; `None`: always. A trusted list's CA
    /// is trusted for the times its service was granted, so a CA since withdrawn still vouches
    /// for what a time-stamp shows was signed while it was granted.
    periods: Vec<Option<Vec<Period>>>,
}

/// A stretch of time an anchor may be relied on: from `from`, until `until` (open: still).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: SystemTime,
    pub until: Option<SystemTime>,
}

impl Period {
    pub fn contains(&self, t: SystemTime) -> bool {
        t >= self.from && self.until.is_none_or(|u| t < u)
    }
}

impl TrustStore {
    pub fn new() -> Self {
        TrustStore::default()
    }

    /// Adds every certificate in `bytes` (DER, or PEM with one or more certificates).
    pub fn add(&mut self, bytes: &[u8]) -> Result<usize> {
        let certs = parse_certificates(bytes)?;
        let n = certs.len();
        self.periods.extend(std::iter::repeat_n(None, n));
        self.anchors.extend(certs);
        Ok(n)
    }

    /// Adds the certificates of `bytes`, to be relied on only within `periods` (see
    /// [`TrustStore::usable_at`]).
    pub fn add_for_periods(&mut self, bytes: &[u8], periods: &[Period]) -> Result<usize> {
        let certs = parse_certificates(bytes)?;
        let n = certs.len();
        self.periods.extend(std::iter::repeat_n(Some(periods.to_vec()), n));
        self.anchors.extend(certs);
        Ok(n)
    }

    pub fn anchors(&self) -> &[Certificate] {
        &self.anchors
    }

    /// The anchors that may be relied on at `t`: those without periods, and those with a period
    /// holding `t`.
    pub fn usable_at(&self, t: SystemTime) -> impl Iterator<Item = &Certificate> {
        self.anchors.iter().zip(&self.periods).filter_map(move |(a, p)| match p {
            None => Some(a),
            Some(periods) => periods.iter().any(|p| p.contains(t)).then_some(a),
        })
    }

    pub fn is_empty(&self) -> bool {
        self.anchors.is_empty()
    }
}

/// Certificates from DER or PEM bytes.
pub fn parse_certificates(bytes: &[u8]) -> Result<Vec<Certificate>> {
    let trimmed = trim_start(bytes);
    if trimmed.starts_with(b"-----BEGIN") {
        let certs =
            Certificate::load_pem_chain(trimmed).map_err(|e| malformed(format!("PEM certificate: {e}")))?;
        if certs.is_empty() {
            return Err(malformed("no certificate in the file"));
        }
        Ok(certs)
    } else {
        Ok(vec![Certificate::from_der(bytes).map_err(|e| malformed(format!("certificate: {e}")))?])
    }
}

/// A CRL from DER or PEM bytes.
pub fn parse_crl(bytes: &[u8]) -> Result<CertificateList> {
    let trimmed = trim_start(bytes);
    if trimmed.starts_with(b"-----BEGIN") {
        let (label, der) = der::pem::decode_vec(trimmed).map_err(|e| malformed(format!("PEM CRL: {e}")))?;
        if label != "X509 CRL" {
            return Err(malformed(format!("PEM block {label}, not a CRL")));
        }
        Ok(CertificateList::from_der(&der).map_err(|e| malformed(format!("CRL: {e}")))?)
    } else {
        Ok(CertificateList::from_der(bytes).map_err(|e| malformed(format!("CRL: {e}")))?)
    }
}

fn trim_start(b: &[u8]) -> &[u8] {
    let skip = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[skip..]
}

pub fn to_system_time(t: &Time) -> SystemTime {
    SystemTime::UNIX_EPOCH + t.to_unix_duration()
}

/// Public-key operations allowed for one verification: a hostile file can hold thousands of
/// certificates and signers, and each check is an RSA operation; without a cap the work would be
/// signers × certificates × chain depth.
#[derive(Debug, Clone)]
pub struct Budget {
    left: u32,
    /// Signature checks (RSA public-key operations) done so far.
    pub used: u32,
    /// A check was refused because the budget was spent.
    pub exhausted: bool,
}

impl Budget {
    pub fn new(max: u32) -> Budget {
        Budget { left: max, used: 0, exhausted: false }
    }

    /// Takes one check from the budget; false (and `exhausted`) when none is left.
    pub fn take(&mut self) -> bool {
        if self.left == 0 {
            self.exhausted = true;
            return false;
        }
        self.left -= 1;
        self.used += 1;
        true
    }
}

/// Whether `signed` (DER) with signature `sig` under `alg` was made by `issuer`'s key. One check
/// from `budget` (false when spent).
pub fn signed_by(
    signed: &[u8],
    alg: &AlgorithmIdentifierOwned,
    sig: &[u8],
    issuer: &Certificate,
    budget: &mut Budget,
) -> bool {
    let Some((family, Some(digest))) = keys::signature_algorithm(&alg.oid) else { return false };
    let Ok(key) = PublicKey::of(issuer) else { return false };
    if key.family() != family || !key.supports(digest) || !budget.take() {
        return false;
    }
    key.verify(digest, &digest.digest(signed), sig)
}

/// Whether `issuer` can have issued `cert`, without any signature check: the names match and, when
/// both certificates carry key identifiers, so do they (authority key id = subject key id).
pub fn may_have_issued(cert: &Certificate, issuer: &Certificate) -> bool {
    use x509_cert::ext::pkix::{AuthorityKeyIdentifier, SubjectKeyIdentifier};
    if !same_name(cert.tbs_certificate().issuer(), issuer.tbs_certificate().subject()) {
        return false;
    }
    let aki = cert.tbs_certificate().get_extension::<AuthorityKeyIdentifier>().ok().flatten();
    let ski = issuer.tbs_certificate().get_extension::<SubjectKeyIdentifier>().ok().flatten();
    match (aki.and_then(|(_, a)| a.key_identifier), ski) {
        (Some(a), Some((_, s))) => a.as_bytes() == s.0.as_bytes(),
        _ => true,
    }
}

/// Whether `cert` was issued (signed) by `issuer`: one check from `budget` when the names (and
/// key identifiers) match, none otherwise.
pub fn issued_by(cert: &Certificate, issuer: &Certificate, budget: &mut Budget) -> bool {
    if !may_have_issued(cert, issuer) {
        return false;
    }
    let Ok(tbs) = cert.tbs_certificate().to_der() else { return false };
    let Some(sig) = cert.signature().as_bytes() else { return false };
    signed_by(&tbs, cert.signature_algorithm(), sig, issuer, budget)
}

/// Whether `at` lies within the certificate's validity.
pub fn valid_at(cert: &Certificate, at: SystemTime) -> Validity {
    let v = cert.tbs_certificate().validity();
    if at < to_system_time(&v.not_before) {
        Validity::NotYetValid
    } else if at > to_system_time(&v.not_after) {
        Validity::Expired
    } else {
        Validity::Valid
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Validity {
    Valid,
    Expired,
    NotYetValid,
}

/// The outcome of building a chain to a trusted issuer.
#[derive(Debug, Clone)]
pub struct Chain {
    /// The trusted certificate the chain ends at, if any.
    pub anchor: Option<Certificate>,
    /// The certificate that issued the leaf (anchor or intermediate), if found and verified.
    pub issuer: Option<Certificate>,
    /// A certificate of the chain was not valid at the time asked.
    pub invalid_link: Option<String>,
}

/// Links followed from the signer's certificate towards a trusted CA.
pub const MAX_CHAIN_DEPTH: usize = 6;
/// At each link, certificates whose names (and key identifiers) match that are tried with a
/// signature check: a real chain has one, two during a CA's key rollover.
pub const MAX_CANDIDATES: usize = 4;

/// Walks from `leaf` up through `pool` (certificates in the signed file) to one of `trust`'s
/// anchors, checking each signature, and each certificate's validity at `at`. At most
/// [`MAX_CHAIN_DEPTH`] × [`MAX_CANDIDATES`] signature checks, each taken from `budget`.
/// The chain of `leaf` up to a trusted anchor, its certificates judged at `at`; an anchor with
/// trust periods counts only if one holds `trusted_at` (a time vouched for by a time-stamp, or
/// now: never the signer's own claim).
pub fn build_chain(
    leaf: &Certificate,
    pool: &[Certificate],
    trust: &TrustStore,
    at: SystemTime,
    trusted_at: SystemTime,
    budget: &mut Budget,
) -> Chain {
    let mut chain = Chain { anchor: None, issuer: None, invalid_link: None };
    if trust.usable_at(trusted_at).any(|a| a == leaf) {
        chain.anchor = Some(leaf.clone());
        return chain;
    }
    let mut current = leaf.clone();
    for depth in 0..MAX_CHAIN_DEPTH {
        // Trusted anchors first, then the file's certificates; names and key ids are compared
        // before any signature is checked.
        let candidates = trust
            .usable_at(trusted_at)
            .map(|c| (c, true))
            .chain(pool.iter().map(|c| (c, false)))
            .filter(|(c, _)| *c != &current && may_have_issued(&current, c))
            .take(MAX_CANDIDATES);
        let mut found = None;
        for (c, is_anchor) in candidates {
            if issued_by(&current, c, budget) {
                found = Some((c, is_anchor));
                break;
            }
        }
        let Some((next, is_anchor)) = found else { return chain };
        if depth == 0 {
            chain.issuer = Some(next.clone());
        }
        if valid_at(next, at) != Validity::Valid {
            chain.invalid_link = Some(name_cn(next.tbs_certificate().subject()));
        }
        if is_anchor {
            chain.anchor = Some(next.clone());
            return chain;
        }
        current = next.clone();
    }
    chain
}

/// SHA-256 of `der`, lower-case hex: how a trusted certificate is named on disk.
pub fn sha256_hex(der: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(der).iter().map(|b| format!("{b:02x}")).collect()
}

/// The common name of a Name, or the whole name when it has none.
pub fn name_cn(name: &Name) -> String {
    attr_string(name, &oids::AT_COMMON_NAME).unwrap_or_else(|| name.to_string())
}

/// The first attribute of type `oid` in a Name, as text.
pub fn attr_string(name: &Name, oid: &der::asn1::ObjectIdentifier) -> Option<String> {
    name.iter().find(|atv| atv.oid == *oid).and_then(|atv| any_text(&atv.value))
}

fn any_text(v: &der::Any) -> Option<String> {
    use der::{Tag, Tagged};
    match v.tag() {
        Tag::Utf8String | Tag::PrintableString | Tag::Ia5String | Tag::TeletexString | Tag::VisibleString => {
            Some(String::from_utf8_lossy(v.value()).into_owned())
        }
        Tag::BmpString => {
            let units: Vec<u16> =
                v.value().chunks(2).map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)])).collect();
            Some(String::from_utf16_lossy(&units))
        }
        _ => None,
    }
}

/// What a CRL says about a certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CrlAnswer {
    /// Not listed. `next_update`: when the CRL stops being current (a CRL past it says nothing
    /// about later revocations).
    Good {
        this_update: SystemTime,
        next_update: Option<SystemTime>,
    },
    Revoked {
        date: SystemTime,
    },
}

/// Looks `cert` up in `crl`, after checking that `issuer` signed the CRL (one check from
/// `budget`).
pub fn check_crl(
    cert: &Certificate,
    issuer: &Certificate,
    crl: &CertificateList,
    budget: &mut Budget,
) -> Result<CrlAnswer> {
    let tbs = &crl.tbs_cert_list;
    if !same_name(&tbs.issuer, cert.tbs_certificate().issuer()) {
        return Err(malformed("the CRL is from another issuer"));
    }
    let signed = tbs.to_der()?;
    let Some(sig) = crl.signature.as_bytes() else { return Err(malformed("CRL signature")) };
    if !signed_by(&signed, &crl.signature_algorithm, sig, issuer, budget) {
        return Err(malformed(if budget.exhausted {
            "too many signature checks in this file: the CRL was not checked"
        } else {
            "the CRL's signature is not the issuer's"
        }));
    }
    let serial = cert.tbs_certificate().serial_number();
    for entry in tbs.revoked_certificates.iter().flatten() {
        if &entry.serial_number == serial {
            return Ok(CrlAnswer::Revoked { date: to_system_time(&entry.revocation_date) });
        }
    }
    Ok(CrlAnswer::Good {
        this_update: to_system_time(&tbs.this_update),
        next_update: tbs.next_update.as_ref().map(to_system_time),
    })
}

/// The http:// CRL distribution points of a certificate.
pub fn crl_urls(cert: &Certificate) -> Vec<String> {
    use x509_cert::ext::pkix::CrlDistributionPoints;
    use x509_cert::ext::pkix::name::{DistributionPointName, GeneralName};
    let Ok(Some((_, dps))) = cert.tbs_certificate().get_extension::<CrlDistributionPoints>() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for dp in dps.0 {
        if let Some(DistributionPointName::FullName(names)) = dp.distribution_point {
            for n in names {
                if let GeneralName::UniformResourceIdentifier(uri) = n {
                    out.push(uri.to_string());
                }
            }
        }
    }
    out
}

/// Seconds since the Unix epoch, for reports.
pub fn unix_seconds(t: SystemTime) -> i64 {
    match t.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        Err(e) => -i64::try_from(e.duration().as_secs()).unwrap_or(i64::MAX),
    }
}

pub fn from_unix_seconds(s: i64) -> SystemTime {
    if s >= 0 {
        SystemTime::UNIX_EPOCH + Duration::from_secs(s.unsigned_abs())
    } else {
        SystemTime::UNIX_EPOCH - Duration::from_secs(s.unsigned_abs())
    }
}

/// A time as `YYYY-MM-DDTHH:MM:SSZ`, for reasons in reports.
pub fn utc_text(t: SystemTime) -> String {
    der::DateTime::from_system_time(t).map_or_else(|_| format!("{}", unix_seconds(t)), |d| d.to_string())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use cns_sim::HolderPreset;

    #[test]
    fn an_anchor_with_periods_is_usable_only_inside_them() {
        let at = |s: i64| from_unix_seconds(s);
        let granted = Period { from: at(1_000), until: Some(at(2_000)) };
        let mut store = TrustStore::new();
        store
            .add_for_periods(cns_sim::fixtures::ca_certificate(HolderPreset::BianchiGiulia), &[granted])
            .unwrap();
        store.add(cns_sim::fixtures::ca_certificate(HolderPreset::RossiMario)).unwrap();
        assert_eq!(store.usable_at(at(1_500)).count(), 2);
        for outside in [999, 2_000, 3_000] {
            assert_eq!(store.usable_at(at(outside)).count(), 1, "at {outside}");
        }
        assert!(Period { from: at(1_000), until: None }.contains(at(9_999_999)));
        assert_eq!(store.anchors().len(), 2);
    }
}
