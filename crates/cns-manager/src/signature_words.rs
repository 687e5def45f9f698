//! What the verification found, in the user's language: cns-cades reports its findings as data
//! ([`Finding`], [`RevocationGap`]) so that the window and the terminal say them in Italian or
//! English alike. Technical details the library carries (a decoder's message, an HTTP error)
//! stay as they are, after the words.

use std::time::SystemTime;

use cns_cades::{CadesError, Finding, RevocationGap};

use crate::i18n::Lang;

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
    match f {
        F::SignerInfoUnreadable(e) => lang.s(
            format!("i dati della firma non si possono leggere ({e})"),
            format!("the signature's data cannot be read ({e})"),
        ),
        F::DigestUnsupported(a) => lang.s(
            format!("algoritmo di impronta {a} non supportato"),
            format!("digest algorithm {a} not supported"),
        ),
        F::DigestNotAnnounced(a) => lang.s(
            format!("algoritmo di impronta {a} non dichiarato nel file"),
            format!("digest algorithm {a} not announced in the file"),
        ),
        F::NoMessageDigest => lang.s(
            "manca l'impronta del documento firmato (attributo message-digest)".into(),
            "the signed document's digest is missing (message-digest attribute)".into(),
        ),
        F::ContentAltered => lang.s(
            "il documento non corrisponde alla firma (modificato)".into(),
            "the content does not match the signature (altered)".into(),
        ),
        F::ContentTypeMismatch => lang.s(
            "il tipo di contenuto firmato è diverso da quello del documento (attributo content-type)".into(),
            "the signed content type differs from the document's (content-type attribute)".into(),
        ),
        F::ContentTypeMissing => lang.s(
            "il documento corrisponde alla firma, ma il programma di firma ha omesso l'attributo content-type \
             che lo standard richiede: la firma non è conforme"
                .into(),
            "the document matches the signature, but the signing program left out the content-type attribute \
             the standard requires: the signature does not conform"
                .into(),
        ),
        F::SigningCertificateUnreadable(e) => lang.s(
            format!("l'attributo che indica il certificato del firmatario non si può leggere ({e})"),
            format!("the attribute naming the signer's certificate cannot be read ({e})"),
        ),
        F::AttributesNotEncodable => lang.s(
            "gli attributi firmati non si possono ricodificare".into(),
            "the signed attributes cannot be encoded".into(),
        ),
        F::CertificateMissing => lang.s(
            "il certificato del firmatario non è nel file".into(),
            "the signer's certificate is not in the file".into(),
        ),
        F::SignatureAlgorithmUnsupported(a) => lang.s(
            format!("algoritmo di firma {a} non supportato da questo programma"),
            format!("signature algorithm {a} not supported by this program"),
        ),
        F::KeyUnsupported(e) => lang.s(
            format!("il tipo di chiave del certificato non è supportato ({e})"),
            format!("the certificate's key type is not supported ({e})"),
        ),
        F::TooManyChecks => lang.s(
            "troppe firme e certificati nel file: questa firma non è stata controllata".into(),
            "too many signatures and certificates in the file: this signature was not checked".into(),
        ),
        F::TooManyChecksForIssuer => lang.s(
            "troppe firme e certificati nel file: l'emittente non è stato controllato".into(),
            "too many signatures and certificates in the file: the issuer was not checked".into(),
        ),
        F::SignatureDoesNotVerify => lang.s(
            "la firma non corrisponde alla chiave del certificato".into(),
            "the signature does not verify".into(),
        ),
        F::SigningCertificateMismatch => lang.s(
            "la firma indica un certificato diverso da quello allegato (signing-certificate)".into(),
            "the signature names another certificate than the one attached (signing-certificate)".into(),
        ),
        F::TimestampUnreadable(e) => lang.s(
            format!("la marca temporale non si può leggere ({e})"),
            format!("the timestamp cannot be read ({e})"),
        ),
        F::ImprintMismatch => lang.s(
            "la marca temporale non riguarda questa firma o questo documento (impronta diversa)".into(),
            "the timestamp does not cover this signature or document (different imprint)".into(),
        ),
        F::TsaNotForTimestamping => lang.s(
            "il certificato dell'ente non è un certificato per marche temporali".into(),
            "the authority's certificate is not a timestamping certificate".into(),
        ),
    }
}

pub fn revocation_gap(g: &RevocationGap, lang: Lang) -> String {
    use RevocationGap as G;
    match g {
        G::CrlOfAnotherIssuer { crl_issuers, cert_issuer } => {
            let others = crl_issuers.join(", ");
            lang.s(
                format!(
                    "la lista di revoca data è di {others}, non dell'emittente del certificato {cert_issuer}"
                ),
                format!("the CRL given is from {others}, not from the certificate's issuer {cert_issuer}"),
            )
        }
        G::IssuerNotTrusted => lang.s(
            "l'emittente non è un'autorità fidata, quindi la sua lista di revoca non si può controllare"
                .into(),
            "the issuer is not a trusted authority, so its CRL cannot be checked".into(),
        ),
        G::CrlExpired { next_update } => {
            let d = human_time(*next_update);
            lang.s(
                format!(
                    "la lista di revoca è scaduta il {d}: non dice nulla delle revoche successive, procurane una aggiornata"
                ),
                format!("the CRL expired on {d}: it says nothing about later revocations, get a current one"),
            )
        }
        G::CrlInvalid(e) => lang.s(
            format!("la lista di revoca non è valida o non è firmata dall'emittente ({e})"),
            format!("the CRL is not valid or not signed by the issuer ({e})"),
        ),
        G::NoDistributionPoint => lang.s(
            "il certificato non indica da dove scaricare la lista di revoca (nessun indirizzo http://)"
                .into(),
            "the certificate names no place to download its CRL (no http:// address)".into(),
        ),
        G::DownloadFailed { url, error } => lang.s(
            format!("lo scaricamento di {url} non è riuscito ({error})"),
            format!("the download of {url} failed ({error})"),
        ),
    }
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
        CadesError::Malformed(detail) => (
            lang.t(
                "Il file non è un file firmato valido oppure è danneggiato.",
                "The file is not a valid signed file, or it is damaged.",
            )
            .to_owned(),
            Some(detail.to_string()),
        ),
        CadesError::TooLarge { what, len } => (
            lang.s(
                format!(
                    "Il file non è un file firmato valido: una sua parte ({what}) è più grande di quanto serva a \
                     qualsiasi file firmato vero ({len} byte)."
                ),
                format!(
                    "The file is not a valid signed file: one of its parts ({what}) is larger than any real signed \
                     file needs ({len} bytes)."
                ),
            ),
            None,
        ),
        CadesError::Der(detail) => {
            (lang.t("Il file firmato è danneggiato.", "The signed file is damaged.").to_owned(), Some(detail.to_string()))
        }
        CadesError::Unsupported(detail) => (
            lang.t(
                "Il file usa una funzione che questo programma non gestisce.",
                "The file uses a feature this program does not handle.",
            )
            .to_owned(),
            Some(detail.to_string()),
        ),
        CadesError::Io(io) => (
            lang.t("Errore di lettura o scrittura del file.", "Error reading or writing the file.").to_owned(),
            Some(io.to_string()),
        ),
        CadesError::DetachedContentMissing => (
            lang.t(
                "È una firma separata (.p7s): serve anche il documento originale.",
                "This is a detached signature (.p7s): the original document is needed too.",
            )
            .to_owned(),
            None,
        ),
        other => (
            lang.t("Il file firmato non si può controllare.", "The signed file cannot be checked.").to_owned(),
            Some(other.to_string()),
        ),
    };
    Failure { words, detail }
}

/// [`file_failure`] in one text, for the terminal: the words, then the technical detail in
/// brackets on a line of its own.
pub fn file_error(e: &CadesError, lang: Lang) -> String {
    let f = file_failure(e, lang);
    match f.detail {
        Some(d) => format!("{}\n({}: {d})", f.words, lang.t("dettaglio tecnico", "technical detail")),
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
    use cns_cades::verify::{CertValidity, Revocation, TrustStatus, Verdict};
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
pub fn headline_words(h: Headline, lang: Lang) -> &'static str {
    match h {
        Headline::Valid => lang.t("Tutte le firme sono valide.", "Every signature is valid."),
        Headline::TimestampedDocument => lang.t(
            "Marca temporale valida: il documento esisteva a quella data (il documento non è firmato).",
            "Valid timestamp: the document existed at that time (the document is not signed).",
        ),
        Headline::BundleAltered => lang.t(
            "La marca temporale NON riguarda il documento contenuto: il file è stato modificato o sostituito.",
            "The timestamp does NOT cover the document inside: the file was changed or swapped.",
        ),
        Headline::Altered => lang.t(
            "Una firma NON è valida: il documento è stato modificato o la firma è danneggiata.",
            "A signature is NOT valid: the document was changed or the signature is damaged.",
        ),
        Headline::NotCheckable => lang.t(
            "Una firma NON è verificabile con questo programma: non risulta alterata, ma non è confermata.",
            "A signature CANNOT be checked by this program: not shown altered, but not confirmed.",
        ),
        Headline::Revoked => lang.t(
            "Certificato REVOCATO: la firma è integra, ma il certificato del firmatario è stato revocato.",
            "Certificate REVOKED: the signature is intact, but the signer's certificate was revoked.",
        ),
        Headline::Expired => lang.t(
            "Certificato SCADUTO: la firma è integra, ma il certificato era scaduto alla data della firma.",
            "Certificate EXPIRED: the signature is intact, but the certificate had expired at signing time.",
        ),
        Headline::NotYetValid => lang.t(
            "Certificato non ancora valido alla data della firma: la firma è integra, ma non ci si può fidare.",
            "Certificate not yet valid at signing time: the signature is intact, but cannot be relied on.",
        ),
        Headline::ChainNotValid => lang.t(
            "Un certificato dell'autorità non era valido alla data della firma: la firma è integra, ma non ci \
             si può fidare.",
            "A certificate of the authority was not valid at signing time: the signature is intact, but cannot \
             be relied on.",
        ),
        Headline::NotTrusted => lang.t(
            "Autorità non fidata: la firma è integra, ma chi ha emesso il certificato non è tra le autorità di \
             cui ti fidi.",
            "Authority not trusted: the signature is intact, but whoever issued the certificate is not among the \
             authorities you trust.",
        ),
        Headline::TimestampNotValid => lang.t(
            "Marca temporale NON valida o non fidata: le firme sono integre, ma l'ora della marca non è garantita.",
            "Timestamp NOT valid or not trusted: the signatures are intact, but the timestamp's time is not \
             vouched for.",
        ),
        Headline::RevocationUnknown => lang.t(
            "Revoca non verificabile: la firma è integra, ma non si è potuto controllare se il certificato è \
             stato revocato.",
            "Revocation cannot be established: the signature is intact, but whether the certificate was revoked \
             could not be checked.",
        ),
    }
}

/// One time-stamp in a line: "Marca temporale: 12/03/2020 10:15 (InfoCert TSA) ✓", or what
/// keeps it from being relied on. The time is Italian time, as signing-time is shown.
pub fn timestamp_line(t: &cns_cades::TimestampReport, lang: Lang) -> String {
    use cns_cades::verify::{Revocation, TrustStatus, Verdict};
    let label = match t.kind {
        cns_cades::TimestampKind::Content => lang.t("Marca temporale del contenuto", "Content timestamp"),
        _ => lang.t("Marca temporale", "Timestamp"),
    };
    let when = t.gen_time.map(human_time).unwrap_or_else(|| "?".into());
    let tsa = t.tsa_name.clone().unwrap_or_else(|| lang.t("ente sconosciuto", "unknown authority").into());
    let head = format!("{label}: {when} ({tsa})");
    match t.verdict() {
        Verdict::Valid => format!("{head} ✓"),
        Verdict::Invalid => lang.s(
            format!("{head} ✗ NON valida: {}; l'ora non è garantita", findings(&t.findings, lang)),
            format!("{head} ✗ NOT valid: {}; the time is not vouched for", findings(&t.findings, lang)),
        ),
        Verdict::Unverifiable => {
            let why = findings(&t.findings, lang);
            lang.s(
                format!("{label}: ? non verificabile ({why})"),
                format!("{label}: ? cannot be checked ({why})"),
            )
        }
        Verdict::NotTrusted => {
            let mut why: Vec<String> = Vec::new();
            if !t.tsa_usage_ok {
                why.push(finding(&Finding::TsaNotForTimestamping, lang));
            }
            if !matches!(t.trust, TrustStatus::Trusted { .. }) {
                why.push(lang.t("ente non fidato", "authority not trusted").into());
            }
            if t.cert_validity != cns_cades::verify::CertValidity::Valid {
                why.push(
                    lang.t(
                        "certificato dell'ente non valido a quella data",
                        "authority's certificate not valid then",
                    )
                    .into(),
                );
            }
            match &t.revocation {
                Revocation::Revoked { .. } => why
                    .push(lang.t("certificato dell'ente revocato", "authority's certificate revoked").into()),
                Revocation::Unavailable { reasons } => why.push(revocation_gaps(reasons, lang)),
                _ => {}
            }
            let why = why.join("; ");
            lang.s(format!("{head} ⚠ non fidata: {why}"), format!("{head} ⚠ not trusted: {why}"))
        }
    }
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
}
