//! What to tell the user when something goes wrong: what happened and what to do, in their
//! language. The technical cause follows on its own line for the IT desk.

use super::Exit;
use crate::i18n::Lang;
use cns_core::TransportError;
use cns_core::card::CardError;

/// (exit code, machine-readable kind, message) for a transport failure.
pub fn transport_error(lang: Lang, e: &TransportError) -> (Exit, &'static str, String) {
    let (code, kind, text) = match e {
        TransportError::NoReader => (Exit::NoCard, "no_reader", no_reader_help(lang)),
        TransportError::NoCard => (
            Exit::NoCard,
            "no_card",
            lang.t(
                "Nessuna tessera nel lettore. Inserisci la tessera con il chip rivolto verso il lettore.",
                "No card in the reader. Insert the card with the chip facing the reader.",
            )
            .to_owned(),
        ),
        TransportError::CardRemoved => (
            Exit::Other,
            "card_removed",
            lang.t(
                "La tessera è stata rimossa durante l'operazione: l'operazione potrebbe non essere stata \
                 completata. Reinserisci la tessera e controlla lo stato con «cns-manager status».",
                "The card was removed during the operation: it may not have completed. Insert the card \
                 again and check its state with \"cns-manager status\".",
            )
            .to_owned(),
        ),
        TransportError::CardReset => (
            Exit::Other,
            "card_reset",
            lang.t(
                "Un altro programma ha reimpostato la tessera durante l'operazione. Riprova.",
                "Another program reset the card during the operation. Try again.",
            )
            .to_owned(),
        ),
        TransportError::SharingViolation => (
            Exit::Other,
            "card_in_use",
            lang.t(
                "Un altro programma sta usando la tessera (per esempio il browser o un programma di firma). \
                 Chiudilo e riprova.",
                "Another program is using the card (for example the browser or a signing program). \
                 Close it and try again.",
            )
            .to_owned(),
        ),
        // (a transaction held longer than cns-pcsc waits: the other program is working with the
        // card right now, not merely connected to it)
        TransportError::Busy => (
            Exit::Other,
            "card_busy",
            lang.t(
                "Un altro programma sta lavorando con la tessera in questo momento (per esempio il browser o \
                 un programma di firma) e non l'ha liberata entro qualche secondo. Nulla è stato inviato alla \
                 tessera. Chiudi l'altro programma o attendi che finisca, poi riprova.",
                "Another program is working with the card right now (for example the browser or a signing \
                 program) and did not let go of it within a few seconds. Nothing was sent to the card. Close \
                 the other program or wait for it to finish, then try again.",
            )
            .to_owned(),
        ),
        TransportError::ServiceUnavailable => (Exit::NoCard, "service_unavailable", service_help(lang)),
        // (mid-operation, like a card pulled out: exit 1, not the "nothing there" 6)
        TransportError::ServiceLost => (
            Exit::Other,
            "service_lost",
            lang.t(
                "Il servizio smart card (pcscd) si è interrotto durante l'operazione: l'operazione potrebbe \
                 non essere stata completata. Quando il servizio è di nuovo attivo (su Linux: sudo systemctl \
                 restart pcscd), controlla lo stato con «cns-manager status» prima di riprovare.",
                "The smart card service (pcscd) stopped during the operation: it may not have completed. Once \
                 the service runs again (on Linux: sudo systemctl restart pcscd), check the state with \
                 \"cns-manager status\" before trying again.",
            )
            .to_owned(),
        ),
        TransportError::Cancelled => {
            (Exit::Other, "cancelled", lang.t("Operazione annullata.", "Operation cancelled.").to_owned())
        }
        TransportError::Unresponsive => (
            Exit::Other,
            "card_unresponsive",
            lang.t(
                "La tessera non risponde. Estraila, controlla che il chip sia pulito e reinseriscila.",
                "The card does not respond. Take it out, check that the chip is clean and insert it again.",
            )
            .to_owned(),
        ),
        TransportError::OversizedResponse => {
            (Exit::Other, "card_unreadable", unreadable_help(lang).to_owned())
        }
        _ => (
            Exit::Other,
            "transport",
            lang.t("Errore di comunicazione con il lettore.", "Error communicating with the reader.")
                .to_owned(),
        ),
    };
    (code, kind, with_cause(lang, text, e))
}

/// (exit code, kind, message) for a failed card operation.
pub fn card_error(lang: Lang, e: &CardError) -> (Exit, &'static str, String) {
    match e {
        CardError::Transport(t) => transport_error(lang, t),
        CardError::NotCns(_) => (
            Exit::NoCard,
            "not_cns",
            with_cause(
                lang,
                lang.t(
                    "Questa carta non è una Tessera Sanitaria – CNS (o non è leggibile come tale).",
                    "This card is not a Tessera Sanitaria – CNS (or cannot be read as one).",
                )
                .to_owned(),
                e,
            ),
        ),
        // Refused where it should have answered, or answered nonsense: the card cannot be read.
        // (A certificate that is simply absent is the card refusing, not a broken card.)
        CardError::Status { op, .. } if *op == "certificate" => (
            Exit::Other,
            "card",
            with_cause(
                lang,
                lang.t("La tessera ha rifiutato l'operazione.", "The card refused the operation.").to_owned(),
                e,
            ),
        ),
        _ => (Exit::Other, "card_unreadable", with_cause(lang, unreadable_help(lang).to_owned(), e)),
    }
}

/// A card that answers outside the standard (or nonsense): what the user can still do.
pub fn unreadable_help(lang: Lang) -> &'static str {
    lang.t(
        "Tessera non leggibile: le sue risposte non seguono lo standard. Estraila, controlla che il chip \
         sia pulito e reinseriscila; se succede ancora, la tessera potrebbe essere danneggiata: \
         rivolgiti alla tua ASL o allo sportello della regione.",
        "Card not readable: its answers do not follow the standard. Take it out, check that the chip is \
         clean and insert it again; if it happens again the card may be damaged: ask your health \
         authority (ASL) or the regional office.",
    )
}

pub fn no_reader_help(lang: Lang) -> String {
    lang.t(
        "Nessun lettore di smart card trovato. Collega il lettore USB; su Linux installa e avvia il \
         servizio smart card e il driver dei lettori (sudo apt install pcscd libccid).",
        "No smart card reader found. Connect the USB reader; on Linux install and start the smart card \
         service and the reader driver (sudo apt install pcscd libccid).",
    )
    .to_owned()
}

fn service_help(lang: Lang) -> String {
    lang.t(
        "Il servizio smart card non è in esecuzione. Su Linux: sudo apt install pcscd libccid, poi \
         sudo systemctl start pcscd. Su Windows e macOS il servizio è già incluso nel sistema.",
        "The smart card service is not running. On Linux: sudo apt install pcscd libccid, then \
         sudo systemctl start pcscd. On Windows and macOS the service is built in.",
    )
    .to_owned()
}

/// Appends the technical cause chain, for support.
fn with_cause(lang: Lang, text: String, e: &dyn std::error::Error) -> String {
    format!("{text}\n({}: {})", lang.t("dettaglio tecnico", "technical detail"), cns_core::error_chain(e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn busy_and_service_lost_say_what_happened_in_both_languages() {
        let (code, kind, it) = transport_error(Lang::It, &TransportError::Busy);
        assert_eq!((code, kind), (Exit::Other, "card_busy"));
        assert!(it.contains("Un altro programma sta lavorando con la tessera"), "{it}");
        assert!(it.contains("Nulla è stato inviato alla tessera"), "{it}");
        // distinct from the exclusive connection's words
        let (_, excl_kind, excl) = transport_error(Lang::It, &TransportError::SharingViolation);
        assert_ne!(excl_kind, kind);
        assert_ne!(excl.lines().next(), it.lines().next());
        let (_, _, en) = transport_error(Lang::En, &TransportError::Busy);
        assert!(en.contains("Another program is working with the card"), "{en}");

        let (code, kind, it) = transport_error(Lang::It, &TransportError::ServiceLost);
        assert_eq!((code, kind), (Exit::Other, "service_lost"));
        assert!(it.contains("si è interrotto durante l'operazione"), "{it}");
        let (code, _, _) = transport_error(Lang::It, &TransportError::ServiceUnavailable);
        assert_eq!(code, Exit::NoCard, "a service never there stays exit 6");
    }
}
