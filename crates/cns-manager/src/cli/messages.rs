//! What to tell the user when something goes wrong: what happened and what to do, in their
//! language. The technical cause follows on its own line for the IT desk.

use super::Exit;
use crate::doctor::fixes::{self, Os};
use crate::i18n::{Lang, msg};
use cns_core::TransportError;
use cns_core::card::CardError;

/// (exit code, machine-readable kind, message) for a transport failure on this system.
pub fn transport_error(lang: Lang, e: &TransportError) -> (Exit, &'static str, String) {
    transport_error_on(Os::current(), lang, e)
}

/// Same, with the advice for `os` (the tests read every system's).
fn transport_error_on(os: Os, lang: Lang, e: &TransportError) -> (Exit, &'static str, String) {
    let (code, kind, text) = match e {
        TransportError::NoReader => (Exit::NoCard, "no_reader", no_reader_text(os, lang)),
        TransportError::NoCard => (Exit::NoCard, "no_card", lang.tr(msg::transport_no_card())),
        TransportError::CardRemoved => (Exit::Other, "card_removed", lang.tr(msg::transport_card_removed())),
        TransportError::CardReset => (Exit::Other, "card_reset", lang.tr(msg::transport_card_reset())),
        TransportError::SharingViolation => {
            (Exit::Other, "card_in_use", lang.tr(msg::transport_card_in_use()))
        }
        // (a transaction held longer than cns-pcsc waits: the other program is working with the
        // card right now, not merely connected to it)
        TransportError::Busy => (Exit::Other, "card_busy", lang.tr(msg::transport_card_busy())),
        TransportError::ServiceUnavailable => (Exit::NoCard, "service_unavailable", service_text(os, lang)),
        // (mid-operation, like a card pulled out: exit 1, not the "nothing there" 6)
        TransportError::ServiceLost => (Exit::Other, "service_lost", lang.tr(msg::transport_service_lost())),
        TransportError::Cancelled => (Exit::Other, "cancelled", lang.tr(msg::transport_cancelled())),
        TransportError::Unresponsive => {
            (Exit::Other, "card_unresponsive", lang.tr(msg::transport_card_unresponsive()))
        }
        TransportError::OversizedResponse => (Exit::Other, "card_unreadable", unreadable_help(lang)),
        _ => (Exit::Other, "transport", lang.tr(msg::transport_other())),
    };
    (code, kind, with_cause(lang, text, e))
}

/// (exit code, kind, message) for a failed card operation.
pub fn card_error(lang: Lang, e: &CardError) -> (Exit, &'static str, String) {
    match e {
        CardError::Transport(t) => transport_error(lang, t),
        CardError::NotCns(_) => (Exit::NoCard, "not_cns", with_cause(lang, lang.tr(msg::card_not_cns()), e)),
        // Refused where it should have answered, or answered nonsense: the card cannot be read.
        // (A certificate that is simply absent is the card refusing, not a broken card.)
        CardError::Status { op, .. } if *op == "certificate" => {
            (Exit::Other, "card", with_cause(lang, lang.tr(msg::card_refused()), e))
        }
        _ => (Exit::Other, "card_unreadable", with_cause(lang, unreadable_help(lang), e)),
    }
}

/// A card that answers outside the standard (or nonsense): what the user can still do.
pub fn unreadable_help(lang: Lang) -> String {
    lang.tr(msg::card_unreadable())
}

/// No reader, on this system.
pub fn no_reader_help(lang: Lang) -> String {
    no_reader_text(Os::current(), lang)
}

/// No reader: the doctor's finding, then the window's numbered steps for `os`.
fn no_reader_text(os: Os, lang: Lang) -> String {
    let (found, _) = fixes::connect_reader(lang);
    let (_, steps) = fixes::no_reader_guidance(false, os, lang);
    let steps: Vec<String> = steps.iter().enumerate().map(|(i, s)| format!("{}. {s}", i + 1)).collect();
    format!("{found}\n{}", steps.join("\n"))
}

/// The service does not answer: the window's words for `os`.
fn service_text(os: Os, lang: Lang) -> String {
    let (title, fix) = fixes::no_reader_guidance(true, os, lang);
    format!("{title}.\n{}", fix.join("\n"))
}

/// Appends the technical cause chain, for support.
fn with_cause(lang: Lang, text: String, e: &dyn std::error::Error) -> String {
    format!("{text}\n({}: {})", lang.tr(msg::technical_detail()), cns_core::error_chain(e))
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

    fn probe(os: Os) -> crate::doctor::platform::ServiceProbe {
        crate::doctor::platform::ServiceProbe {
            socket: None,
            socket_exists: false,
            installed: true,
            socket_activation: None,
            listening: None,
            os,
        }
    }

    /// The window (its status page shows `no_reader_guidance`), the doctor and the command line
    /// give one advice for a service that does not answer, on every system, and no system's text
    /// names another's commands.
    #[test]
    fn window_doctor_and_cli_give_the_same_service_advice_on_every_system() {
        let down = Err(TransportError::ServiceUnavailable);
        for lang in Lang::ALL {
            for os in Os::ALL {
                let (title, steps) = fixes::no_reader_guidance(true, os, lang);
                let (code, kind, cli) = transport_error_on(os, lang, &TransportError::ServiceUnavailable);
                assert_eq!((code, kind), (Exit::NoCard, "service_unavailable"));
                let mut cli_lines = cli.lines();
                assert_eq!(cli_lines.next(), Some(format!("{title}.").as_str()), "{os:?}");
                let cli_steps: Vec<&str> = cli_lines.take(steps.len()).collect();
                assert_eq!(cli_steps, steps, "{os:?} {lang:?}");

                let found = &crate::doctor::service_checks(&down, false, &probe(os), lang)[0];
                let doctor_fix = found.fix.clone().unwrap_or_default();
                match os {
                    // pcscd may also be missing: the window's steps are the doctor's install
                    // and enable commands, each word for word.
                    Os::Linux => {
                        let (_, install) = fixes::service_not_installed(os, lang);
                        let commands: Vec<&String> =
                            steps.iter().filter(|l| l.starts_with("sudo ")).collect();
                        assert_eq!(commands.len(), 2, "{steps:?}");
                        for c in commands {
                            assert!(install.contains(c.as_str()), "{c} not in the doctor's {install}");
                        }
                        assert!(doctor_fix.contains("sudo systemctl enable --now pcscd.socket"));
                    }
                    Os::Windows | Os::MacOs => {
                        assert_eq!(steps, std::slice::from_ref(&doctor_fix), "{os:?} {lang:?}")
                    }
                }

                let others: Vec<&str> = match os {
                    Os::Linux => vec!["services.msc", "CryptoTokenKit", "Mac"],
                    Os::Windows | Os::MacOs => vec!["sudo", "pcscd", "apt ", "systemctl"],
                };
                for text in [&cli, &doctor_fix] {
                    for other in &others {
                        assert!(!text.contains(other), "{os:?} names {other}: {text}");
                    }
                }
            }
        }
    }

    /// No reader: the command line says the doctor's finding, then the window's steps, numbered.
    #[test]
    fn no_reader_is_the_doctors_finding_and_the_windows_steps() {
        for lang in Lang::ALL {
            for os in Os::ALL {
                let (_, kind, cli) = transport_error_on(os, lang, &TransportError::NoReader);
                assert_eq!(kind, "no_reader");
                let (found, _) = fixes::connect_reader(lang);
                let (_, steps) = fixes::no_reader_guidance(false, os, lang);
                let mut lines = cli.lines();
                assert_eq!(lines.next(), Some(found.as_str()));
                for (i, step) in steps.iter().enumerate() {
                    assert_eq!(lines.next(), Some(format!("{}. {step}", i + 1).as_str()), "{os:?}");
                }
                assert!(
                    lines.next().is_some_and(|l| l.starts_with('(')),
                    "the technical detail follows: {cli}"
                );
            }
        }
    }
}
