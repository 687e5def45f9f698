//! What the CLI and the window say about trusted lists, from the message catalog (trust.ftl).

use super::{ImportError, Index, Qualified};
use crate::i18n::{Lang, msg};

/// "certificato qualificato, certificatore accreditato: InfoCert S.p.A. (dispositivo sicuro di
/// firma)": the qualified part only if the certificate declares QcCompliance, the device part
/// only with QcSSCD.
pub fn qualified_words(lang: Lang, q: &Qualified) -> String {
    let mut parts = Vec::new();
    if q.qc_compliance {
        parts.push(lang.tr(msg::qualified_certificate()));
    }
    parts.push(lang.tr(msg::accredited_authority(q.tsp.clone())));
    if q.qscd {
        parts.push(lang.tr(msg::secure_signature_device()));
    }
    parts.join(" ")
}

/// The report's line for a signer whose CA is a qualified CA of an imported trusted list:
/// "Qualifica: certificato qualificato, certificatore accreditato: InfoCert S.p.A.".
pub fn qualified_line(lang: Lang, s: &cns_cades::verify::SignerReport) -> Option<String> {
    let q = super::qualified_signer(s)?;
    Some(format!("{}: {}", lang.tr(msg::label_qualification()), qualified_words(lang, &q)))
}

fn day(iso: &str) -> &str {
    iso.get(..10).unwrap_or(iso)
}

/// "Elenco di fiducia IT n. 141 del 2019-09-04 (prossimo aggiornamento 2020-02-27): 52 autorità
/// qualificate e 10 servizi di marca temporale qualificati ora fidati."
pub fn import_words(lang: Lang, i: &Index) -> String {
    let next = i.next_update.as_deref().map(day).unwrap_or("-");
    // Numbers as written in the list, not formatted by the catalog.
    let now = lang.tr(msg::TslImported {
        cas: i.qualified_cas().to_string().into(),
        date: (day(&i.issue_date)).into(),
        next: next.into(),
        number: i.sequence_number.to_string().into(),
        territory: i.territory.clone().into(),
        tsas: i.timestamp_services().to_string().into(),
    });
    match i.past_only() {
        0 => now,
        past => format!("{now} {}", lang.tr(msg::tsl_imported_past(past))),
    }
}

/// The warning for a list past its NextUpdate (imported all the same: it is the newest the user has).
pub fn stale_words(lang: Lang, i: &Index) -> Option<String> {
    if !i.is_stale() {
        return None;
    }
    let next = i.next_update.as_deref().map(day).unwrap_or("-");
    Some(lang.tr(msg::TslStale { next: next.into(), url: (super::AGID_URL).into() }))
}

/// Why an import was refused, for a citizen: nothing was trusted.
pub fn import_error_words(lang: Lang, e: &ImportError) -> String {
    use cns_tsl::Error as T;
    lang.tr(match e {
        ImportError::Tsl(T::TooLarge { max }) => msg::tsl_too_large((max / (1024 * 1024)).to_string()),
        ImportError::Tsl(T::Malformed(why)) => msg::tsl_malformed(why.to_string()),
        ImportError::Tsl(t @ (T::Unsigned | T::Wrapped(_) | T::BadSignature | T::OtherSigner)) => {
            let reason = lang.tr(match t {
                T::Unsigned => msg::tsl_reason_unsigned(),
                T::Wrapped(_) => msg::tsl_reason_wrapped(),
                T::OtherSigner => msg::tsl_reason_other_signer(),
                _ => msg::tsl_reason_bad_signature(),
            });
            msg::tsl_bad_signature(reason)
        }
        ImportError::Tsl(T::NoSigner) => msg::tsl_no_signer(),
        ImportError::Tsl(T::XmlsecMissing) => msg::tsl_xmlsec_missing(),
        ImportError::Older { have, given } => crate::i18n::Message::from(msg::TslOlder {
            given: given.to_string().into(),
            have: have.to_string().into(),
            url: (super::AGID_URL).into(),
        }),
        ImportError::NoConfigDir | ImportError::Tsl(T::Io(_)) | ImportError::Io(_) => {
            msg::tsl_import_failed(e.to_string())
        }
    })
}
