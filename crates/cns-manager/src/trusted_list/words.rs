//! What the CLI and the window say about trusted lists, in Italian and English.

use super::{ImportError, Index, Qualified};
use crate::i18n::Lang;

/// "certificato qualificato, certificatore accreditato: InfoCert S.p.A. (dispositivo sicuro di
/// firma)": the qualified part only if the certificate declares QcCompliance, the device part
/// only with QcSSCD.
pub fn qualified_words(lang: Lang, q: &Qualified) -> String {
    let mut s = String::new();
    if q.qc_compliance {
        s.push_str(lang.t("certificato qualificato, ", "qualified certificate, "));
    }
    s.push_str(lang.t("certificatore accreditato: ", "accredited certification authority: "));
    s.push_str(&q.tsp);
    if q.qscd {
        s.push_str(lang.t(" (dispositivo sicuro di firma)", " (secure signature creation device)"));
    }
    s
}

/// The report's line for a signer whose CA is a qualified CA of an imported trusted list:
/// "Qualifica: certificato qualificato, certificatore accreditato: InfoCert S.p.A.".
pub fn qualified_line(lang: Lang, s: &cns_cades::verify::SignerReport) -> Option<String> {
    let q = super::qualified_signer(s)?;
    Some(format!("{}: {}", lang.t("Qualifica", "Qualification"), qualified_words(lang, &q)))
}

fn day(iso: &str) -> &str {
    iso.get(..10).unwrap_or(iso)
}

/// "Elenco di fiducia IT n. 141 del 2019-09-04 (prossimo aggiornamento 2020-02-27): 52 autorità
/// qualificate e 10 servizi di marca temporale qualificati ora fidati."
pub fn import_words(lang: Lang, i: &Index) -> String {
    let next = i.next_update.as_deref().map(day).unwrap_or("-");
    let (t, n, d, cas, tsas) =
        (&i.territory, i.sequence_number, day(&i.issue_date), i.qualified_cas(), i.timestamp_services());
    lang.s(
        format!(
            "Elenco di fiducia {t} n. {n} del {d} (prossimo aggiornamento {next}): {cas} autorità di \
             certificazione qualificate e {tsas} servizi di marca temporale qualificati ora fidati."
        ),
        format!(
            "Trusted list {t} no. {n} of {d} (next update {next}): {cas} qualified certification \
             authorities and {tsas} qualified timestamp services now trusted."
        ),
    )
}

/// The warning for a list past its NextUpdate (imported all the same: it is the newest the user has).
pub fn stale_words(lang: Lang, i: &Index) -> Option<String> {
    if !i.is_stale() {
        return None;
    }
    let next = i.next_update.as_deref().map(day).unwrap_or("-");
    let url = super::AGID_URL;
    Some(lang.s(
        format!(
            "Attenzione: questo elenco doveva essere sostituito entro il {next}; scarica quello attuale \
             da {url} e importalo: un'autorità revocata dopo quella data risulta ancora fidata."
        ),
        format!(
            "Warning: this list was due to be replaced by {next}; download the current one from {url} \
             and import it: an authority withdrawn after that date still shows as trusted."
        ),
    ))
}

/// Why an import was refused, for a citizen: nothing was trusted.
pub fn import_error_words(lang: Lang, e: &ImportError) -> String {
    use cns_tsl::Error as T;
    match e {
        ImportError::Tsl(T::TooLarge { max }) => {
            let mib = max / (1024 * 1024);
            lang.s(
                format!("Il file è più grande di {mib} MiB: non è un elenco di fiducia. Nessuna autorità aggiunta."),
                format!("The file is larger than {mib} MiB: not a trusted list. No authority added."),
            )
        }
        ImportError::Tsl(T::Malformed(why)) => lang.s(
            format!("Non è un elenco di fiducia (TSL) leggibile: {why}. Nessuna autorità aggiunta."),
            format!("Not a readable trusted list (TSL): {why}. No authority added."),
        ),
        ImportError::Tsl(t @ (T::Unsigned | T::Wrapped(_) | T::BadSignature | T::OtherSigner)) => lang.s(
            format!(
                "La firma dell'elenco di fiducia non è valida o non è di chi pubblica l'elenco ({}): il file \
                 è stato alterato o non è l'elenco ufficiale. Nessuna autorità aggiunta.",
                match t {
                    T::Unsigned => "l'elenco non è firmato",
                    T::Wrapped(_) => "la firma non copre l'elenco così come viene letto",
                    T::OtherSigner => "la firma porta un certificato diverso da quello del firmatario",
                    _ => "la firma non corrisponde al certificato del firmatario",
                }
            ),
            format!(
                "The trusted list's signature is not valid or not its publisher's ({e}): the file was \
                 altered or is not the official list. No authority added."
            ),
        ),
        ImportError::Tsl(T::NoSigner) => lang
            .t(
                "Nessun certificato del firmatario dell'elenco è configurato: indicane uno con «cns-manager ca \
                 tsl-signer FILE». Nessuna autorità aggiunta.",
                "No certificate of the list's signer is configured: give one with \"cns-manager ca tsl-signer \
                 FILE\". No authority added.",
            )
            .to_owned(),
        ImportError::Tsl(T::XmlsecMissing) => lang
            .t(
                "Manca il programma xmlsec1, che controlla la firma dell'elenco di fiducia. Installalo \
                 (Debian/Ubuntu: «sudo apt install xmlsec1»; Fedora: «sudo dnf install xmlsec1-openssl»; \
                 macOS: «brew install libxmlsec1»; Windows: i binari di xmlsec1 con OpenSSL nel PATH) e \
                 riprova. Nessuna autorità aggiunta.",
                "The xmlsec1 program, which checks the trusted list's signature, is missing. Install it \
                 (Debian/Ubuntu: \"sudo apt install xmlsec1\"; Fedora: \"sudo dnf install xmlsec1-openssl\"; \
                 macOS: \"brew install libxmlsec1\"; Windows: the xmlsec1 binaries with OpenSSL on the PATH) \
                 and try again. No authority added.",
            )
            .to_owned(),
        ImportError::Older { have, given } => lang.s(
            format!(
                "Questo elenco (n. {given}) è più vecchio di quello già importato (n. {have}): non importato. \
                 Scarica quello attuale da {}.",
                super::AGID_URL
            ),
            format!(
                "This list (no. {given}) is older than the one already imported (no. {have}): not imported. \
                 Download the current one from {}.",
                super::AGID_URL
            ),
        ),
        ImportError::NoConfigDir | ImportError::Tsl(T::Io(_)) | ImportError::Io(_) => lang.s(
            format!("Importazione non riuscita: {e}. Nessuna autorità aggiunta."),
            format!("Import failed: {e}. No authority added."),
        ),
    }
}
