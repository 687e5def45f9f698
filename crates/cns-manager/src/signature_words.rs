//! What the verification found, in the user's language: cns-cades reports its findings as data
//! ([`Finding`], [`RevocationGap`]) so that the window and the terminal say them in Italian or
//! English alike. Technical details the library carries (a decoder's message, an HTTP error)
//! stay as they are, after the words.

use std::time::SystemTime;

use cns_cades::verify::{Revocation, SignerReport, Verdict};
use cns_cades::{CadesError, Finding, RevocationGap};

use crate::i18n::{Lang, msg};

/// A date and time in Italian time, as the verification pages show them.
pub fn human_time(t: SystemTime) -> String {
    let it = cns_core::italian_time::to_italian(time::OffsetDateTime::from(t));
    format!("{:02}/{:02}/{} {:02}:{:02}", it.day(), u8::from(it.month()), it.year(), it.hour(), it.minute())
}

/// A date in Italian time.
pub fn human_date(t: SystemTime) -> String {
    let it = cns_core::italian_time::to_italian(time::OffsetDateTime::from(t));
    format!("{:02}/{:02}/{}", it.day(), u8::from(it.month()), it.year())
}

pub fn finding(f: &Finding, lang: Lang) -> String {
    use Finding as F;
    let m = match f {
        F::SignerInfoUnreadable(e) => msg::finding_signer_info_unreadable(e.to_string()),
        F::DigestUnsupported(a) => msg::finding_digest_unsupported(a.to_string()),
        F::DigestNotAnnounced(a) => msg::finding_digest_not_announced(a.to_string()),
        F::NoMessageDigest => msg::finding_no_message_digest(),
        F::ContentAltered => msg::finding_content_altered(),
        F::ContentTypeMismatch => msg::finding_content_type_mismatch(),
        F::ContentTypeMissing => msg::finding_content_type_missing(),
        F::SigningCertificateUnreadable(e) => msg::finding_signing_certificate_unreadable(e.to_string()),
        F::AttributesNotEncodable => msg::finding_attributes_not_encodable(),
        F::CertificateMissing => msg::finding_certificate_missing(),
        F::SignatureAlgorithmUnsupported(a) => msg::finding_signature_algorithm_unsupported(a.to_string()),
        F::KeyUnsupported(e) => msg::finding_key_unsupported(e.to_string()),
        F::KeyTooShort(bits) => msg::finding_key_too_short(*bits),
        F::TooManyChecks => msg::finding_too_many_checks(),
        F::TooManyChecksForIssuer => msg::finding_too_many_checks_for_issuer(),
        F::SignatureDoesNotVerify => msg::finding_signature_does_not_verify(),
        F::SigningCertificateMismatch => msg::finding_signing_certificate_mismatch(),
        F::TimestampUnreadable(e) => msg::finding_timestamp_unreadable(e.to_string()),
        F::ImprintMismatch => msg::finding_imprint_mismatch(),
        F::TsaNotForTimestamping => msg::finding_tsa_not_for_timestamping(),
    };
    lang.tr(m)
}

pub fn revocation_gap(g: &RevocationGap, lang: Lang) -> String {
    use RevocationGap as G;
    let m = match g {
        G::CrlOfAnotherIssuer { crl_issuers, cert_issuer } => {
            crate::i18n::Message::from(msg::RevocationGapCrlOfAnotherIssuer {
                cert_issuer: cert_issuer.clone().into(),
                crl_issuers: (crl_issuers.join(", ")).into(),
            })
        }
        G::IssuerNotTrusted => msg::revocation_gap_issuer_not_trusted(),
        G::CrlExpired { next_update } => msg::revocation_gap_crl_expired(human_time(*next_update)),
        G::CrlInvalid(e) => msg::revocation_gap_crl_invalid(e.to_string()),
        G::NoDistributionPoint => msg::revocation_gap_no_distribution_point(),
        G::DownloadFailed { url, error } => crate::i18n::Message::from(msg::RevocationGapDownloadFailed {
            error: error.to_string().into(),
            url: url.clone().into(),
        }),
    };
    lang.tr(m)
}

/// A failure in the user's words, and apart from them the library's own text, which only the
/// technical details show (in the window: behind "Dettagli tecnici"; on the terminal: in
/// brackets on the next line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub words: String,
    pub detail: Option<String>,
}

impl From<String> for Failure {
    fn from(words: String) -> Failure {
        Failure { words, detail: None }
    }
}

/// A signed file that could not be read at all (damaged, hostile, not a signed file, a feature
/// this program does not handle), or could not be read from or written to disk.
pub fn file_failure(e: &CadesError, lang: Lang) -> Failure {
    let (words, detail) = match e {
        CadesError::Malformed(detail) => (msg::file_malformed(), Some(detail.to_string())),
        // The size as plain digits ("9000000 byte"), not a number Fluent would format.
        CadesError::TooLarge { what, len } => (
            crate::i18n::Message::from(msg::FileTooLarge {
                len: len.to_string().into(),
                what: what.to_string().into(),
            }),
            None,
        ),
        CadesError::Der(detail) => (msg::file_damaged(), Some(detail.to_string())),
        CadesError::Unsupported(detail) => (msg::file_unsupported(), Some(detail.to_string())),
        CadesError::Io(io) => (msg::file_io(), Some(io.to_string())),
        CadesError::DetachedContentMissing => (msg::file_detached_content_missing(), None),
        other => (msg::file_not_checkable(), Some(other.to_string())),
    };
    Failure { words: lang.tr(words), detail }
}

/// [`file_failure`] in one text, for the terminal: the words, then the technical detail in
/// brackets on a line of its own.
pub fn file_error(e: &CadesError, lang: Lang) -> String {
    let f = file_failure(e, lang);
    match f.detail {
        Some(d) => format!("{}\n({}: {d})", f.words, lang.tr(msg::technical_detail())),
        None => f.words,
    }
}

/// The one thing a person must know first about a checked file: its most serious problem, or
/// that all is well. A document shown altered outranks everything; a signature that cannot be
/// checked at all outranks what its certificate says; then revocation, validity in time, the
/// issuer, and last a revocation check that could not be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Headline {
    Valid,
    /// A `.tsd`/`.m7m` around a document that is not signed, its time-stamp valid.
    TimestampedDocument,
    Altered,
    /// A `.tsd`/`.m7m` whose time-stamp is not over the document inside (swapped or changed).
    BundleAltered,
    NotCheckable,
    Revoked,
    Expired,
    NotYetValid,
    /// Chains to a trusted authority through a certificate not valid at signing time.
    ChainNotValid,
    NotTrusted,
    /// Every signer is fine, but a time-stamp cannot be relied on.
    TimestampNotValid,
    RevocationUnknown,
}

/// Every signer of `r` with its countersigners (and theirs), outermost first.
pub fn all_signers(r: &cns_cades::VerifyReport) -> Vec<&cns_cades::verify::SignerReport> {
    fn walk<'a>(s: &'a cns_cades::verify::SignerReport, out: &mut Vec<&'a cns_cades::verify::SignerReport>) {
        out.push(s);
        for c in &s.countersigners {
            walk(c, out);
        }
    }
    let mut out = Vec::new();
    for s in r.signers() {
        walk(s, &mut out);
    }
    out
}

pub fn headline(r: &cns_cades::VerifyReport) -> Headline {
    use cns_cades::verify::{CertValidity, TrustStatus};
    let bundle_broken =
        r.container.as_ref().is_some_and(|c| c.timestamps.iter().any(|t| t.verdict() == Verdict::Invalid));
    match r.verdict() {
        Verdict::Valid if r.layers.is_empty() => return Headline::TimestampedDocument,
        Verdict::Valid => return Headline::Valid,
        Verdict::Invalid if bundle_broken && r.signers().all(|s| s.verdict() != Verdict::Invalid) => {
            return Headline::BundleAltered;
        }
        Verdict::Invalid => return Headline::Altered,
        Verdict::Unverifiable => return Headline::NotCheckable,
        Verdict::NotTrusted => {}
    }
    let all = all_signers(r);
    let any = |f: &dyn Fn(&cns_cades::verify::SignerReport) -> bool| all.iter().any(|s| f(s));
    let stamp_not_valid =
        |ts: &[cns_cades::TimestampReport]| ts.iter().any(|t| t.verdict() != Verdict::Valid);
    if any(&|s| matches!(s.revocation, Revocation::Revoked { .. }) && !s.revoked_after_timestamp()) {
        Headline::Revoked
    } else if any(&|s| s.cert_validity == CertValidity::Expired) {
        Headline::Expired
    } else if any(&|s| s.cert_validity == CertValidity::NotYetValid) {
        Headline::NotYetValid
    } else if any(&|s| matches!(s.trust, TrustStatus::ChainInvalid { .. })) {
        Headline::ChainNotValid
    } else if any(&|s| s.trust == TrustStatus::NotTrusted) {
        Headline::NotTrusted
    } else if any(&|s| stamp_not_valid(&s.timestamps))
        || r.container.as_ref().is_some_and(|c| stamp_not_valid(&c.timestamps))
    {
        Headline::TimestampNotValid
    } else {
        Headline::RevocationUnknown
    }
}

/// The headline in words.
pub fn headline_words(h: Headline, lang: Lang) -> String {
    lang.tr(match h {
        Headline::Valid => msg::headline_valid(),
        Headline::TimestampedDocument => msg::headline_timestamped_document(),
        Headline::BundleAltered => msg::headline_bundle_altered(),
        Headline::Altered => msg::headline_altered(),
        Headline::NotCheckable => msg::headline_not_checkable(),
        Headline::Revoked => msg::headline_revoked(),
        Headline::Expired => msg::headline_expired(),
        Headline::NotYetValid => msg::headline_not_yet_valid(),
        Headline::ChainNotValid => msg::headline_chain_not_valid(),
        Headline::NotTrusted => msg::headline_not_trusted(),
        Headline::TimestampNotValid => msg::headline_timestamp_not_valid(),
        Headline::RevocationUnknown => msg::headline_revocation_unknown(),
    })
}

/// One time-stamp in a line: "Marca temporale: 12/03/2020 10:15 (InfoCert TSA) ✓", or what
/// keeps it from being relied on. The time is Italian time, as signing-time is shown.
pub fn timestamp_line(t: &cns_cades::TimestampReport, lang: Lang) -> String {
    use cns_cades::verify::TrustStatus;
    let label = lang.tr(match t.kind {
        cns_cades::TimestampKind::Content => msg::timestamp_label_content(),
        _ => msg::timestamp_label(),
    });
    let when = t.gen_time.map(human_time).unwrap_or_else(|| "?".into());
    let tsa = t.tsa_name.clone().unwrap_or_else(|| lang.tr(msg::timestamp_unknown_authority()));
    let head = format!("{label}: {when} ({tsa})");
    match t.verdict() {
        Verdict::Valid => format!("{head} ✓"),
        Verdict::Invalid => {
            lang.tr(msg::TimestampNotValid { head: head.into(), why: (findings(&t.findings, lang)).into() })
        }
        Verdict::Unverifiable => lang.tr(msg::TimestampUnverifiable {
            label: label.into(),
            why: (findings(&t.findings, lang)).into(),
        }),
        Verdict::NotTrusted => {
            let mut why: Vec<String> = Vec::new();
            if !t.tsa_usage_ok {
                why.push(finding(&Finding::TsaNotForTimestamping, lang));
            }
            if !matches!(t.trust, TrustStatus::Trusted { .. }) {
                why.push(lang.tr(msg::timestamp_authority_not_trusted()));
            }
            if t.cert_validity != cns_cades::verify::CertValidity::Valid {
                why.push(lang.tr(msg::timestamp_authority_certificate_not_valid()));
            }
            match &t.revocation {
                Revocation::Revoked { .. } => {
                    why.push(lang.tr(msg::timestamp_authority_certificate_revoked()))
                }
                Revocation::Unavailable { reasons } => why.push(revocation_gaps(reasons, lang)),
                _ => {}
            }
            lang.tr(msg::TimestampNotTrusted { head: head.into(), why: (why.join("; ")).into() })
        }
    }
}

/// Under the time-stamps of a `.tsd`/`.m7m` whose document is not signed: the window and the
/// terminal say the same.
pub fn container_inner_not_signed(lang: Lang) -> String {
    lang.tr(msg::container_inner_not_signed())
}

/// Who signed, in plain words: the name (a CNS's common name is "CF/serial.hash", not a name),
/// then the codice fiscale; the certificate's subject when neither is there. The window and the
/// terminal name a signer and a countersigner alike.
pub fn signer_name(s: &SignerReport, lang: Lang) -> String {
    let name = match (&s.given_name, &s.surname) {
        // Surname first, as the codice fiscale and Italian registers write it.
        (Some(g), Some(f)) => Some(format!("{f} {g}")),
        _ => s.common_name.clone().filter(|cn| s.fiscal_code.as_deref() != cn.split('/').next()),
    };
    match (name, &s.fiscal_code) {
        (Some(n), Some(cf)) => format!("{n} – {} {cf}", lang.tr(msg::fiscal_code())),
        (None, Some(cf)) => format!("{} {cf}", lang.tr(msg::fiscal_code())),
        (Some(n), None) => n,
        (None, None) => s.subject.clone().unwrap_or_else(|| lang.tr(msg::signer_unknown())),
    }
}

/// A signature's or countersignature's verdict in a word or two, without a symbol: the
/// terminal and the window each put their own in front.
pub fn verdict_words(v: Verdict, lang: Lang) -> String {
    lang.tr(match v {
        Verdict::Valid => msg::verdict_valid(),
        Verdict::NotTrusted => msg::verdict_not_trusted(),
        Verdict::Unverifiable => msg::verdict_unverifiable(),
        Verdict::Invalid => msg::verdict_invalid(),
    })
}

/// A revoked certificate, the revocation placed against the signature's time: (whether the
/// signature still stands, the words). It stands only when revoked after a time-stamp, which
/// vouches that the signature existed before; the stated signing time is the signer's
/// computer's word, so a revocation after it leaves the signature unconfirmed.
pub fn revoked(s: &SignerReport, lang: Lang) -> Option<(bool, String)> {
    let Revocation::Revoked { date } = &s.revocation else { return None };
    let when = human_time(*date);
    if s.revoked_after_timestamp() {
        let stamp = s.vouched_time.map(human_time).unwrap_or_default();
        return Some((true, lang.tr(msg::RevokedAfterTimestamp { stamp: stamp.into(), when: when.into() })));
    }
    let words = match s.revoked_after_signing() {
        Some(true) => msg::revoked_after_signing(when),
        Some(false) => msg::revoked_before_signing(when),
        None => msg::revoked_on(when),
    };
    Some((false, lang.tr(words)))
}

/// `text` with its first letter upper-case, for words that open a line of their own in the
/// window but follow a label on the terminal ("Firmatario: codice fiscale …").
pub fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A document signed, with the signatures its file now holds: the window's banner and the
/// CLI's line.
pub fn document_signed(lang: Lang, path: &std::path::Path, signers: usize) -> String {
    lang.tr(msg::DocumentSigned {
        path: path.display().to_string().into(),
        signers: signers.to_string().into(),
    })
}

/// A wrong PIN while signing: not signed, then the tries left (and what one more mistake does)
/// in the words of every PIN screen. The window and the CLI say the same.
pub fn wrong_pin_not_signed(lang: Lang, tries_left: Option<u8>) -> String {
    let (_, detail) = crate::pin_words::wrong_secret(lang, cns_core::PinKind::Pin, tries_left);
    format!("{} {detail}", lang.tr(msg::sign_wrong_pin()))
}

/// Several findings, joined with "; ".
pub fn findings(fs: &[Finding], lang: Lang) -> String {
    fs.iter().map(|f| finding(f, lang)).collect::<Vec<_>>().join("; ")
}

/// Several revocation gaps, joined with "; ".
pub fn revocation_gaps(gs: &[RevocationGap], lang: Lang) -> String {
    gs.iter().map(|g| revocation_gap(g, lang)).collect::<Vec<_>>().join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_librarys_words_stay_out_of_the_users_words() {
        let e = CadesError::Malformed("length field too long".into());
        let f = file_failure(&e, Lang::It);
        assert_eq!(f.words, "Il file non è un file firmato valido oppure è danneggiato.");
        assert_eq!(f.detail.as_deref(), Some("length field too long"));
        let f = file_failure(&CadesError::Unsupported("the file ends too early".into()), Lang::It);
        assert!(!f.words.contains("ends too early"), "{f:?}");
        // Said in the user's words alone, no detail to hide.
        let f = file_failure(&CadesError::DetachedContentMissing, Lang::En);
        assert_eq!(f.detail, None);
    }

    #[test]
    fn a_damaged_file_is_said_in_italian_with_the_detail_only_in_brackets() {
        let e = CadesError::Malformed("the file ends too early".into());
        let it = file_error(&e, Lang::It);
        assert!(it.starts_with("Il file non è un file firmato valido"), "{it}");
        assert!(!it.contains("not a valid signed file"), "{it}");
        let en = file_error(&e, Lang::En);
        assert_eq!(en.matches("not a valid signed file").count(), 1, "{en}");
        let big = file_error(&CadesError::TooLarge { what: "certificate", len: 9_000_000 }, Lang::It);
        assert!(big.contains("9000000 byte") && !big.contains("too large"), "{big}");
    }

    fn signer() -> cns_cades::verify::SignerReport {
        use cns_cades::verify::{SignerReport, TrustStatus};
        SignerReport {
            content_intact: true,
            signature_valid: true,
            trust: TrustStatus::Trusted { anchor: "CA".into(), anchor_sha256: "00".repeat(32) },
            ..SignerReport::unknown()
        }
    }

    fn report(signers: Vec<cns_cades::verify::SignerReport>) -> cns_cades::VerifyReport {
        let layer =
            cns_cades::verify::Layer { content_len: 1, detached: false, signers, unchecked_signers: 0 };
        cns_cades::VerifyReport { layers: vec![layer], signature_checks: 0, container: None }
    }

    #[test]
    fn each_reason_has_its_own_headline_and_the_most_serious_wins() {
        use cns_cades::verify::{CertValidity, Revocation, TrustStatus};
        let revoked = Revocation::Revoked { date: SystemTime::UNIX_EPOCH };
        let gap = Revocation::Unavailable { reasons: vec![RevocationGap::NoDistributionPoint] };
        let cases: Vec<(Headline, cns_cades::verify::SignerReport)> = vec![
            (Headline::Valid, signer()),
            (Headline::Altered, cns_cades::verify::SignerReport { content_intact: false, ..signer() }),
            (
                Headline::NotCheckable,
                cns_cades::verify::SignerReport {
                    unverifiable: vec![Finding::CertificateMissing],
                    ..signer()
                },
            ),
            (Headline::Revoked, cns_cades::verify::SignerReport { revocation: revoked.clone(), ..signer() }),
            (
                Headline::Expired,
                cns_cades::verify::SignerReport { cert_validity: CertValidity::Expired, ..signer() },
            ),
            (
                Headline::NotYetValid,
                cns_cades::verify::SignerReport { cert_validity: CertValidity::NotYetValid, ..signer() },
            ),
            (
                Headline::ChainNotValid,
                cns_cades::verify::SignerReport {
                    trust: TrustStatus::ChainInvalid { at: "X".into() },
                    ..signer()
                },
            ),
            (
                Headline::NotTrusted,
                cns_cades::verify::SignerReport { trust: TrustStatus::NotTrusted, ..signer() },
            ),
            (Headline::RevocationUnknown, cns_cades::verify::SignerReport { revocation: gap, ..signer() }),
        ];
        let mut seen = Vec::new();
        for (want, s) in cases {
            assert_eq!(headline(&report(vec![s])), want);
            let (it, en) = (headline_words(want, Lang::It), headline_words(want, Lang::En));
            assert_ne!(it, en, "{want:?}");
            assert!(!seen.contains(&it), "{want:?} says what another reason says");
            seen.push(it);
        }
        // An untrusted issuer and a revoked certificate: the revocation is what is said first;
        // with an altered document beside them, the alteration.
        let untrusted = cns_cades::verify::SignerReport { trust: TrustStatus::NotTrusted, ..signer() };
        let both = cns_cades::verify::SignerReport { revocation: revoked, ..untrusted.clone() };
        assert_eq!(headline(&report(vec![untrusted.clone(), both.clone()])), Headline::Revoked);
        let altered = cns_cades::verify::SignerReport { content_intact: false, ..signer() };
        assert_eq!(headline(&report(vec![both, altered, untrusted])), Headline::Altered);
    }

    #[test]
    fn a_bundle_has_its_own_headlines() {
        use cns_cades::container::ContainerKind;
        use cns_cades::verify::{CertValidity, Container, Revocation, TrustStatus};
        use cns_cades::{TimestampKind, TimestampReport};
        let stamp = |imprint_ok: bool| TimestampReport {
            kind: TimestampKind::Document,
            gen_time: Some(SystemTime::UNIX_EPOCH),
            tsa_name: Some("TSA".into()),
            serial_hex: Some("01".into()),
            hash_algorithm: Some("SHA-256".into()),
            imprint_ok,
            signature_ok: true,
            tsa_usage_ok: true,
            cert_validity: CertValidity::Valid,
            trust: TrustStatus::Trusted { anchor: "CA".into(), anchor_sha256: "00".repeat(32) },
            revocation: Revocation::NotChecked,
            findings: if imprint_ok { vec![] } else { vec![Finding::ImprintMismatch] },
        };
        let bundle = |imprint_ok: bool, layers: Vec<cns_cades::verify::Layer>| cns_cades::VerifyReport {
            layers,
            signature_checks: 0,
            container: Some(Container {
                kind: ContainerKind::Tsd,
                timestamps: vec![stamp(imprint_ok)],
                file_name: None,
                inner_signed: false,
            }),
        };
        assert_eq!(headline(&bundle(true, vec![])), Headline::TimestampedDocument);
        assert_eq!(headline(&bundle(false, vec![])), Headline::BundleAltered);
        let signed = report(vec![signer()]).layers;
        assert_eq!(headline(&bundle(true, signed.clone())), Headline::Valid);
        assert_eq!(headline(&bundle(false, signed)), Headline::BundleAltered);
        let line = timestamp_line(&stamp(false), Lang::It);
        assert!(line.starts_with("Marca temporale: 01/01/1970 01:00 (TSA) ✗ NON valida"), "{line}");
        assert!(timestamp_line(&stamp(true), Lang::En).ends_with("(TSA) ✓"));
        for h in [Headline::TimestampedDocument, Headline::BundleAltered, Headline::TimestampNotValid] {
            assert_ne!(headline_words(h, Lang::It), headline_words(h, Lang::En));
        }
    }

    #[test]
    fn each_finding_is_said_in_italian_and_english_differently() {
        let all = [
            Finding::SignerInfoUnreadable("x".into()),
            Finding::DigestUnsupported("md5".into()),
            Finding::DigestNotAnnounced("sha256"),
            Finding::NoMessageDigest,
            Finding::ContentAltered,
            Finding::ContentTypeMismatch,
            Finding::AttributesNotEncodable,
            Finding::CertificateMissing,
            Finding::SignatureAlgorithmUnsupported("ecdsa".into()),
            Finding::KeyUnsupported("ec".into()),
            Finding::KeyTooShort(512),
            Finding::TooManyChecks,
            Finding::TooManyChecksForIssuer,
            Finding::SignatureDoesNotVerify,
            Finding::SigningCertificateMismatch,
            Finding::ContentTypeMissing,
            Finding::SigningCertificateUnreadable("x".into()),
            Finding::TimestampUnreadable("x".into()),
            Finding::ImprintMismatch,
            Finding::TsaNotForTimestamping,
        ];
        for f in &all {
            let (it, en) = (finding(f, Lang::It), finding(f, Lang::En));
            assert_ne!(it, en, "{f:?}");
            assert_ne!(it, f.to_string(), "{f:?} has no Italian words");
        }
        let gaps = [
            RevocationGap::CrlOfAnotherIssuer { crl_issuers: vec!["A".into()], cert_issuer: "B".into() },
            RevocationGap::IssuerNotTrusted,
            RevocationGap::CrlExpired { next_update: SystemTime::UNIX_EPOCH },
            RevocationGap::CrlInvalid("bad".into()),
            RevocationGap::NoDistributionPoint,
            RevocationGap::DownloadFailed { url: "http://x/c.crl".into(), error: "refused".into() },
        ];
        for g in &gaps {
            let (it, en) = (revocation_gap(g, Lang::It), revocation_gap(g, Lang::En));
            assert_ne!(it, en, "{g:?}");
            assert_ne!(it, g.to_string(), "{g:?} has no Italian words");
        }
    }

    #[test]
    fn a_signer_is_named_alike_on_both_surfaces() {
        use cns_cades::verify::SignerReport;
        let cf = Some("RSSMRA80A01H501U".to_owned());
        let named = SignerReport {
            given_name: Some("MARIO".into()),
            surname: Some("ROSSI".into()),
            fiscal_code: cf.clone(),
            ..signer()
        };
        assert_eq!(signer_name(&named, Lang::It), "ROSSI MARIO – codice fiscale RSSMRA80A01H501U");
        assert_eq!(signer_name(&named, Lang::En), "ROSSI MARIO – fiscal code RSSMRA80A01H501U");
        // A CNS's common name is the codice fiscale and a serial, not a name.
        let cns = SignerReport {
            common_name: Some("RSSMRA80A01H501U/7420091000123456.abcd".into()),
            fiscal_code: cf,
            ..signer()
        };
        assert_eq!(signer_name(&cns, Lang::It), "codice fiscale RSSMRA80A01H501U");
        assert_eq!(sentence(&signer_name(&cns, Lang::It)), "Codice fiscale RSSMRA80A01H501U");
        let nobody = SignerReport { subject: None, common_name: None, ..signer() };
        assert_eq!(signer_name(&nobody, Lang::It), "sconosciuto");
        assert_eq!(sentence(""), "");
    }

    #[test]
    fn a_revocation_is_placed_against_the_timestamp_and_the_stated_time() {
        use cns_cades::verify::SignerReport;
        let at = |secs: u64| SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(secs);
        let revoked = |date, signing_time, vouched_time| SignerReport {
            revocation: Revocation::Revoked { date },
            signing_time,
            vouched_time,
            ..signer()
        };
        assert_eq!(revoked(at(0), None, None).revocation, Revocation::Revoked { date: at(0) });
        assert!(super::revoked(&signer(), Lang::It).is_none(), "not revoked, nothing to say");
        let (stands, words) =
            super::revoked(&revoked(at(86_400 * 10), None, Some(at(86_400))), Lang::It).unwrap_or_default();
        assert!(stands, "{words}");
        assert_eq!(
            words,
            "revocato il 11/01/1970 01:00, dopo la marca temporale del 02/01/1970 01:00: la firma era già stata fatta"
        );
        let (stands, words) =
            super::revoked(&revoked(at(86_400 * 10), Some(at(86_400)), None), Lang::En).unwrap_or_default();
        assert!(!stands);
        assert!(words.starts_with("REVOKED on 11/01/1970 01:00, after the signing time;"), "{words}");
        let (_, words) =
            super::revoked(&revoked(at(86_400), Some(at(86_400 * 10)), None), Lang::It).unwrap_or_default();
        assert_eq!(words, "REVOCATO il 02/01/1970 01:00, prima della data della firma");
    }

    #[test]
    fn the_verdicts_are_written_in_german_too() {
        let de = |m: crate::i18n::Message| m.in_language("de");
        assert_eq!(de(msg::headline_valid()), "Alle Signaturen sind gültig.");
        assert_eq!(de(msg::verdict_not_trusted()), "unversehrt, nicht vertrauenswürdig");
        assert_eq!(
            de(crate::i18n::Message::from(msg::UncheckedSigners { max: "64".into(), n: 1.into() })),
            "Eine weitere Signatur wurde NICHT geprüft: mehr als 64 Signaturen pro Umschlag."
        );
        assert_eq!(
            de(crate::i18n::Message::from(msg::UncheckedSigners { max: "64".into(), n: 3.into() })),
            "3 weitere Signaturen wurden NICHT geprüft: mehr als 64 Signaturen pro Umschlag."
        );
        // The Italian plural, new with the catalog.
        assert!(
            crate::i18n::Message::from(msg::UncheckedSigners { max: "64".into(), n: 1.into() })
                .in_language("it")
                .starts_with("Un'altra firma NON controllata")
        );
        assert!(
            crate::i18n::Message::from(msg::UncheckedSigners { max: "64".into(), n: 2.into() })
                .in_language("it")
                .starts_with("Altre 2 firme NON controllate")
        );
    }

    #[test]
    fn a_wrong_pin_while_signing_says_the_tries_left_as_every_pin_screen() {
        let two = wrong_pin_not_signed(Lang::It, Some(2));
        assert_eq!(two, "PIN errato: il documento non è stato firmato. Ti restano 2 tentativi.");
        let one = wrong_pin_not_signed(Lang::En, Some(1));
        assert!(one.starts_with("Wrong PIN: the document was not signed. Only one try left."), "{one}");
        assert!(one.contains(&crate::pin_words::last_try(Lang::En, cns_core::PinKind::Pin)), "{one}");
    }
}
