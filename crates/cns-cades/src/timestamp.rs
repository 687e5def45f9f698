//! Checking RFC 3161 time-stamp tokens: a signature time-stamp (CAdES-T, over a SignerInfo's
//! signature value) or a document time-stamp (`.tsd`, `.m7m`, over the document's bytes).
//!
//! A token is a SignedData like any signed file: its TSA signer goes through the same signer
//! check as a document's signers (attributes, RSA/ECDSA, signing-certificate binding, chain,
//! revocation), with its certificate judged at the token's genTime. On top: the message imprint
//! must equal the digest of what is time-stamped, and the TSA certificate must be meant for
//! time-stamping (extendedKeyUsage id-kp-timeStamping, critical: RFC 3161 §2.3).

use crate::oids::{self, DigestAlg};
use crate::trust::Budget;
use crate::tst::{self, TstInfo};
use crate::verify::{
    self, CertValidity, Finding, Revocation, SignerReport, TrustStatus, Verdict, VerifyOptions,
};
use der::Decode;
use std::time::SystemTime;
use x509_cert::Certificate;
use x509_cert::crl::CertificateList;
use x509_cert::ext::pkix::ExtendedKeyUsage;

/// Tokens checked per signer (or per `.tsd`): DSS files carry one or two.
pub const MAX_TOKENS: usize = 8;

/// What a token time-stamps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimestampKind {
    /// A signature's value (CAdES-T signature-time-stamp, unsigned): vouches that the
    /// signature existed at genTime.
    Signature,
    /// The signed content (content-time-stamp, a signed attribute): the content existed at
    /// genTime, before it was signed; says nothing about when the signature was made.
    Content,
    /// The document of a `.tsd`/`.m7m` bundle.
    Document,
}

/// One time-stamp token as checked.
#[derive(Debug, Clone)]
pub struct TimestampReport {
    pub kind: TimestampKind,
    /// The time the TSA vouches for (TSTInfo genTime).
    pub gen_time: Option<SystemTime>,
    /// The TSA: its certificate's common name (or organisation), else the token's `tsa` field.
    pub tsa_name: Option<String>,
    /// The token's serial number, upper-case hex.
    pub serial_hex: Option<String>,
    /// The message imprint's digest algorithm.
    pub hash_algorithm: Option<String>,
    /// The imprint equals the digest of what is time-stamped.
    pub imprint_ok: bool,
    /// The TSA's signature over the TSTInfo verifies (and names its certificate, when it does).
    pub signature_ok: bool,
    /// The TSA certificate carries a critical extendedKeyUsage with id-kp-timeStamping.
    pub tsa_usage_ok: bool,
    /// The TSA certificate at genTime.
    pub cert_validity: CertValidity,
    pub trust: TrustStatus,
    pub revocation: Revocation,
    /// What is wrong with the token, or why it could not be checked (empty: nothing).
    pub findings: Vec<Finding>,
}

impl TimestampReport {
    pub(crate) fn unreadable(why: String) -> TimestampReport {
        TimestampReport {
            kind: TimestampKind::Signature,
            gen_time: None,
            tsa_name: None,
            serial_hex: None,
            hash_algorithm: None,
            imprint_ok: false,
            signature_ok: false,
            tsa_usage_ok: false,
            cert_validity: CertValidity::Valid,
            trust: TrustStatus::NotTrusted,
            revocation: Revocation::NotChecked,
            findings: vec![Finding::TimestampUnreadable(why)],
        }
    }

    /// How far the token can be relied on, alone: `Invalid` when shown broken (imprint or
    /// signature), `Unverifiable` when it could not be read or checked, `NotTrusted` when its
    /// TSA is not trusted, not valid at genTime, revoked, or not a time-stamping certificate.
    pub fn verdict(&self) -> Verdict {
        let unreadable = self.findings.iter().any(|f| {
            matches!(
                f,
                Finding::TimestampUnreadable(_)
                    | Finding::DigestUnsupported(_)
                    | Finding::DigestNotAnnounced(_)
                    | Finding::CertificateMissing
                    | Finding::SignatureAlgorithmUnsupported(_)
                    | Finding::KeyUnsupported(_)
                    | Finding::KeyTooShort(_)
                    | Finding::TooManyChecks
            )
        });
        let shown_broken = self.findings.iter().any(|f| {
            matches!(
                f,
                Finding::ImprintMismatch
                    | Finding::SignatureDoesNotVerify
                    | Finding::ContentAltered
                    | Finding::SigningCertificateMismatch
                    | Finding::ContentTypeMismatch
            )
        });
        if shown_broken {
            Verdict::Invalid
        } else if unreadable || !self.imprint_ok || !self.signature_ok {
            Verdict::Unverifiable
        } else if !self.tsa_usage_ok
            || self.cert_validity != CertValidity::Valid
            || !matches!(self.trust, TrustStatus::Trusted { .. })
            || matches!(self.revocation, Revocation::Revoked { .. } | Revocation::Unavailable { .. })
        {
            Verdict::NotTrusted
        } else {
            Verdict::Valid
        }
    }
}

/// Digests of some bytes, by algorithm.
pub type Digests = Vec<(DigestAlg, Vec<u8>)>;

/// The digest of `data` under every algorithm this crate computes: what a token's imprint is
/// compared with.
pub fn all_digests(data: &[u8]) -> Digests {
    [DigestAlg::Sha1, DigestAlg::Sha256, DigestAlg::Sha384, DigestAlg::Sha512]
        .into_iter()
        .map(|a| (a, a.digest(data)))
        .collect()
}

/// What the checks of one file share.
pub(crate) struct Ctx<'c, 'o> {
    pub options: &'c VerifyOptions<'o>,
    pub crls: &'c [CertificateList],
    /// Certificates of the envelope around the token, for the TSA's chain.
    pub pool: &'c [Certificate],
}

/// Checks the token `token` (DER or BER; a bare token or a `.tsr` response) over the data whose
/// digests are `covered` (see [`all_digests`]).
pub(crate) fn check_token(
    kind: TimestampKind,
    token: &[u8],
    covered: &[(DigestAlg, Vec<u8>)],
    ctx: &Ctx<'_, '_>,
    budget: &mut Budget,
    depth: usize,
) -> TimestampReport {
    let opened = tst::token_of(token).and_then(|t| tst::open_token(&t));
    let (env, content) = match opened {
        Ok(x) => x,
        Err(e) => return TimestampReport { kind, ..TimestampReport::unreadable(e.to_string()) },
    };
    let info: TstInfo = match tst::parse_tst_info(&content) {
        Ok(i) => i,
        Err(e) => return TimestampReport { kind, ..TimestampReport::unreadable(e.to_string()) },
    };
    let mut report = TimestampReport::unreadable(String::new());
    report.kind = kind;
    report.findings.clear();
    report.gen_time = Some(info.gen_time);
    report.serial_hex = Some(info.serial_hex.clone());
    report.tsa_name = info.tsa.clone();

    // The imprint.
    match DigestAlg::from_oid(&info.hash_algorithm) {
        Some(alg) => {
            report.hash_algorithm = Some(alg.name().to_string());
            match covered.iter().find(|(a, _)| *a == alg) {
                Some((_, d)) => {
                    report.imprint_ok = *d == info.hashed_message;
                    if !report.imprint_ok {
                        report.findings.push(Finding::ImprintMismatch);
                    }
                }
                None => report.findings.push(Finding::DigestNotAnnounced(alg.name())),
            }
        }
        None => {
            let name = oids::algorithm_name(&info.hash_algorithm);
            report.hash_algorithm = Some(name.clone());
            report.findings.push(Finding::DigestUnsupported(name));
        }
    }

    // The TSA's signature: RFC 3161 §2.4.2, exactly one signer.
    let certs = verify::decode_certs(&env.certs);
    let mut pool: Vec<Certificate> = certs.iter().map(|(c, _)| c.clone()).collect();
    pool.extend(ctx.pool.iter().cloned());
    let Some(raw) = env.signer_infos.first() else {
        report.findings.push(Finding::TimestampUnreadable("no signer".into()));
        return report;
    };
    let digests = all_digests(&content);
    let checked = verify::Checked {
        content_type: Some(&oids::TST_INFO),
        certs: &certs,
        pool: &pool,
        digests: &digests,
        depth,
        at: Some(info.gen_time),
        vouched: None,
    };
    let signer: SignerReport = verify::check_raw_signer(raw, &checked, ctx.options, ctx.crls, budget);
    report.signature_ok = signer.content_intact
        && signer.signature_valid
        && signer.signing_certificate_attr != Some(false)
        && signer.unverifiable.is_empty();
    report.cert_validity = signer.cert_validity;
    report.trust = signer.trust.clone();
    report.revocation = signer.revocation.clone();
    if let Some(n) = signer.common_name.clone().or(signer.organization.clone()) {
        report.tsa_name = Some(n);
    }
    report.findings.extend(signer.problems.iter().cloned());
    if let Some(cert) = verify::signer_certificate(raw, &certs) {
        report.tsa_usage_ok = for_timestamping(&cert);
        if !report.tsa_usage_ok {
            report.findings.push(Finding::TsaNotForTimestamping);
        }
    }
    report
}

/// RFC 3161 §2.3: the TSA certificate's extendedKeyUsage is critical and names timeStamping.
fn for_timestamping(cert: &Certificate) -> bool {
    let Some(ext) = cert
        .tbs_certificate()
        .extensions()
        .and_then(|exts| exts.iter().find(|e| e.extn_id == oids::EXTENDED_KEY_USAGE))
    else {
        return false;
    };
    ext.critical
        && ExtendedKeyUsage::from_der(ext.extn_value.as_bytes())
            .is_ok_and(|eku| eku.0.contains(&oids::KP_TIME_STAMPING))
}

/// The earliest genTime among the signature (or whole-file) time-stamps that can be relied on
/// (verdict `Valid`): the time a third party vouches the signature existed at. Content
/// time-stamps vouch only for the content.
pub fn earliest_valid(timestamps: &[TimestampReport]) -> Option<SystemTime> {
    timestamps
        .iter()
        .filter(|t| t.kind != TimestampKind::Content && t.verdict() == Verdict::Valid)
        .filter_map(|t| t.gen_time)
        .min()
}
