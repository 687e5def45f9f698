//! The doctor's findings and fixes that depend on the operating system. **Every command that
//! exists on one system only (`systemctl`, `apt`, `chmod`, services.msc) is here**, with the
//! text for each system, chosen by [`Os::current`] (a `cfg`); keeping all of them compiled on
//! every system lets the tests read the Windows and macOS texts on Linux.
//!
//! The smart card service and the reader driver: on Linux pcsc-lite's `pcscd` and the CCID
//! driver, installed from packages and started by systemd; on Windows the "Smart Card" service
//! (SCardSvr) and the class driver, part of the system, the service started when a reader is
//! plugged in; on macOS CryptoTokenKit, part of the system, with no pcscd to install or start.
//! The window's status page gives the same advice (gui/views/status.rs).

use crate::i18n::Lang;

/// The systems the doctor knows how to advise on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Os {
    /// Linux, and the other systems that use pcsc-lite (the BSDs): the Linux advice is the
    /// closest.
    Linux,
    Windows,
    MacOs,
}

impl Os {
    pub const fn current() -> Os {
        if cfg!(windows) {
            Os::Windows
        } else if cfg!(target_os = "macos") {
            Os::MacOs
        } else {
            Os::Linux
        }
    }
}

impl Default for Os {
    fn default() -> Os {
        Os::current()
    }
}

/// (what was found, how to fix it)
pub type Advice = (&'static str, &'static str);

/// Why the smart card service cannot be used, as far as this session can tell. The doctor's
/// check and the window's demo banner say the same thing from it, with one wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServiceCause {
    NotInstalled,
    NotRunning,
    StaleSocket,
    /// `certain`: the service was seen answering (and saying no).
    Refused {
        certain: bool,
    },
    /// It answered with an error of another kind.
    Error,
}

impl ServiceCause {
    /// (what was found, how to fix it); for [`ServiceCause::Error`] the finding is generic (the
    /// doctor adds the error itself).
    pub fn advice(self, os: Os, lang: Lang) -> Advice {
        match self {
            ServiceCause::NotInstalled => service_not_installed(os, lang),
            ServiceCause::NotRunning => service_not_running(os, lang),
            ServiceCause::StaleSocket => service_stale_socket(os, lang),
            ServiceCause::Refused { certain } => service_refused(os, certain, lang),
            ServiceCause::Error => (
                lang.t(
                    "Il servizio smart card ha risposto con un errore.",
                    "The smart card service answered with an error.",
                ),
                service_restart(os, lang),
            ),
        }
    }
}

/// No reader at all, and none plugged without a driver.
pub fn connect_reader(lang: Lang) -> Advice {
    (
        lang.t("Nessun lettore di smart card trovato.", "No smart card reader found."),
        lang.t(
            "Collega il lettore USB (o un altro cavo/porta); se è già collegato, scollegalo e ricollegalo.",
            "Connect the USB reader (or try another cable/port); if it is connected, unplug and plug it again.",
        ),
    )
}

/// The service is not installed (on Windows and macOS it always is: the not-running advice).
pub fn service_not_installed(os: Os, lang: Lang) -> Advice {
    match os {
        Os::Linux => (
            lang.t("Il servizio non è installato.", "The service is not installed."),
            lang.t(
                "Installalo: sudo apt install pcscd libccid (Fedora: sudo dnf install pcsc-lite \
                 pcsc-lite-ccid), poi sudo systemctl enable --now pcscd.socket",
                "Install it: sudo apt install pcscd libccid (Fedora: sudo dnf install pcsc-lite \
                 pcsc-lite-ccid), then sudo systemctl enable --now pcscd.socket",
            ),
        ),
        _ => service_not_running(os, lang),
    }
}

/// The service is installed but nobody answers.
pub fn service_not_running(os: Os, lang: Lang) -> Advice {
    match os {
        Os::Linux => (
            lang.t(
                "Il servizio è installato ma non è in esecuzione.",
                "The service is installed but not running.",
            ),
            lang.t(
                "Avvialo e fallo partire a richiesta: sudo systemctl enable --now pcscd.socket",
                "Start it and have it start on demand: sudo systemctl enable --now pcscd.socket",
            ),
        ),
        Os::Windows => (
            lang.t(
                "Il servizio «Smart Card» di Windows (SCardSvr) non è in esecuzione: Windows lo avvia quando \
                 si collega un lettore e lo ferma quando si scollega l'ultimo.",
                "The Windows «Smart Card» service (SCardSvr) is not running: Windows starts it when a reader \
                 is plugged in and stops it when the last one is unplugged.",
            ),
            lang.t(
                "Collega il lettore. Se il servizio non parte: apri «Servizi» (services.msc), cerca «Smart \
                 Card», imposta il tipo di avvio «Manuale» e premi Avvia.",
                "Plug in the reader. If the service does not start: open «Services» (services.msc), find \
                 «Smart Card», set its startup type to «Manual» and press Start.",
            ),
        ),
        Os::MacOs => (
            lang.t(
                "Il servizio smart card di macOS (CryptoTokenKit, parte del sistema: non c'è un pcscd da \
                 installare o avviare) non risponde.",
                "The macOS smart card service (CryptoTokenKit, part of the system: there is no pcscd to \
                 install or start) does not answer.",
            ),
            lang.t(
                "Scollega e ricollega il lettore; se non basta, riavvia il Mac.",
                "Unplug and replug the reader; if that is not enough, restart the Mac.",
            ),
        ),
    }
}

/// The service's socket is there but nobody listens on it (connection refused): the service
/// stopped without cleaning up, a crash or a `kill -9`. Only pcsc-lite has such a socket.
pub fn service_stale_socket(os: Os, lang: Lang) -> Advice {
    match os {
        Os::Linux => (
            lang.t(
                "Il servizio non è in esecuzione: il suo socket c'è ancora, ma nessuno risponde (connessione \
                 rifiutata). Si è fermato in modo anomalo, per esempio per un crash.",
                "The service is not running: its socket is still there, but nobody answers (connection \
                 refused). It stopped abnormally, for example in a crash.",
            ),
            lang.t(
                "Riavvialo: sudo systemctl restart pcscd; perché riparta da solo a richiesta: sudo systemctl \
                 enable --now pcscd.socket",
                "Restart it: sudo systemctl restart pcscd; to have it start by itself on demand: sudo \
                 systemctl enable --now pcscd.socket",
            ),
        ),
        _ => service_not_running(os, lang),
    }
}

/// The service answers but refuses this session. On Linux that is polkit, which pcsc-lite asks
/// for every client (not for remote or non-seat sessions, by default). `certain`: the service
/// was seen answering; otherwise it may also have stopped.
pub fn service_refused(os: Os, certain: bool, lang: Lang) -> Advice {
    match (os, certain) {
        (Os::Linux, true) => (
            lang.t(
                "Il servizio è in esecuzione ma ha rifiutato questa sessione: di solito è polkit, che non \
                 dà le tessere alle sessioni remote o non locali (SSH, desktop remoto).",
                "The service is running but refused this session: usually polkit, which does not give \
                 cards to remote or non-local sessions (SSH, remote desktop).",
            ),
            lang.t(
                "Usa il PC dalla sua sessione locale, oppure chiedi all'amministratore una regola polkit che \
                 consenta org.debian.pcsc-lite.access_pcsc e org.debian.pcsc-lite.access_card a questo \
                 utente.",
                "Use the PC from its local session, or ask the administrator for a polkit rule allowing \
                 org.debian.pcsc-lite.access_pcsc and org.debian.pcsc-lite.access_card to this user.",
            ),
        ),
        (Os::Linux, false) => (
            lang.t(
                "Il servizio non risponde a questa sessione: di solito è polkit, che non dà le tessere alle \
                 sessioni remote o non locali (SSH, desktop remoto).",
                "The service does not answer this session: usually polkit, which does not give cards to \
                 remote or non-local sessions (SSH, remote desktop).",
            ),
            lang.t(
                "Usa il PC dalla sua sessione locale, oppure chiedi all'amministratore una regola polkit che \
                 consenta org.debian.pcsc-lite.access_pcsc e org.debian.pcsc-lite.access_card a questo \
                 utente. Se il servizio si è fermato: sudo systemctl restart pcscd.",
                "Use the PC from its local session, or ask the administrator for a polkit rule allowing \
                 org.debian.pcsc-lite.access_pcsc and org.debian.pcsc-lite.access_card to this user. If \
                 the service stopped: sudo systemctl restart pcscd.",
            ),
        ),
        (Os::Windows, _) => (
            lang.t(
                "Il servizio «Smart Card» di Windows ha rifiutato l'accesso a questa sessione (per esempio \
                 una sessione di desktop remoto, che vede i lettori del PC da cui ci si collega).",
                "The Windows «Smart Card» service refused access to this session (for example a remote \
                 desktop session, which sees the readers of the PC it connects from).",
            ),
            lang.t(
                "Usa il PC dalla sua sessione locale, oppure collega il lettore al PC da cui ti colleghi.",
                "Use the PC from its local session, or plug the reader into the PC you connect from.",
            ),
        ),
        (Os::MacOs, _) => service_not_running(os, lang),
    }
}

/// The fix when the service answered with an unexpected error.
pub fn service_restart(os: Os, lang: Lang) -> &'static str {
    match os {
        Os::Linux => lang.t("Riavvialo: sudo systemctl restart pcscd", "Restart it: sudo systemctl restart pcscd"),
        Os::Windows => lang.t(
            "Riavvia il servizio «Smart Card» da «Servizi» (services.msc), oppure scollega e ricollega il lettore.",
            "Restart the «Smart Card» service from «Services» (services.msc), or unplug and replug the reader.",
        ),
        Os::MacOs => service_not_running(os, lang).1,
    }
}

/// The service does not start by itself on demand (systemd's socket activation; Windows and
/// macOS start theirs by themselves): what to do, if anything.
pub fn enable_on_demand(os: Os) -> Option<&'static str> {
    match os {
        Os::Linux => Some("sudo systemctl enable --now pcscd.socket"),
        _ => None,
    }
}

/// The reader driver is missing (USB readers are not seen).
pub fn install_reader_driver(os: Os, lang: Lang) -> &'static str {
    match os {
        Os::Linux => lang.t(
            "Installalo: sudo apt install libccid (Fedora: sudo dnf install pcsc-lite-ccid), poi scollega e \
             ricollega il lettore.",
            "Install it: sudo apt install libccid (Fedora: sudo dnf install pcsc-lite-ccid), then unplug \
             and plug the reader again.",
        ),
        Os::Windows => lang.t(
            "Windows installa da solo il driver dei lettori comuni: scollega e ricollega il lettore e \
             attendi un minuto; se non basta, installa il driver dal sito del produttore del lettore.",
            "Windows installs the driver of common readers by itself: unplug and replug the reader and wait \
             a minute; if that is not enough, install the driver from the reader maker's site.",
        ),
        Os::MacOs => lang.t(
            "macOS riconosce i lettori comuni senza installare nulla: scollega e ricollega il lettore; se \
             non basta, installa il driver dal sito del produttore del lettore.",
            "macOS recognises common readers without installing anything: unplug and replug the reader; \
             if that is not enough, install the driver from the reader maker's site.",
        ),
    }
}

/// A settings file that cannot be read.
pub fn make_readable(os: Os, lang: Lang) -> &'static str {
    match os {
        Os::Windows => lang.t(
            "Rendilo leggibile a tutti gli utenti (Proprietà → Sicurezza: «Lettura» per «Users») o eliminalo.",
            "Make it readable by every user (Properties → Security: «Read» for «Users») or delete it.",
        ),
        // chmod is the same on macOS.
        Os::Linux | Os::MacOs => lang.t(
            "Rendilo leggibile a tutti gli utenti (sudo chmod 644 FILE) o eliminalo.",
            "Make it readable by every user (sudo chmod 644 FILE) or delete it.",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Os; 3] = [Os::Linux, Os::Windows, Os::MacOs];

    /// Every text of one system, in both languages.
    fn texts(os: Os) -> Vec<String> {
        let mut out = Vec::new();
        for lang in [Lang::It, Lang::En] {
            for (a, b) in [
                service_not_installed(os, lang),
                service_not_running(os, lang),
                service_stale_socket(os, lang),
                service_refused(os, true, lang),
                service_refused(os, false, lang),
            ] {
                out.extend([a.to_owned(), b.to_owned()]);
            }
            out.push(service_restart(os, lang).to_owned());
            out.push(install_reader_driver(os, lang).to_owned());
            out.push(make_readable(os, lang).to_owned());
            out.extend(enable_on_demand(os).map(str::to_owned));
        }
        out
    }

    #[test]
    fn each_system_gets_only_its_own_commands() {
        let linux = texts(Os::Linux).join("\n");
        for cmd in ["systemctl", "apt install", "pcscd", "polkit", "chmod 644"] {
            assert!(linux.contains(cmd), "Linux advice lacks {cmd}");
        }
        for os in [Os::Windows, Os::MacOs] {
            let all = texts(os).join("\n");
            for linux_only in
                ["systemctl", "apt ", "dnf ", "polkit", "pcscd.socket", "libccid", "sudo systemctl"]
            {
                assert!(!all.contains(linux_only), "{os:?} advice names {linux_only}:\n{all}");
            }
        }
        let windows = texts(Os::Windows).join("\n");
        assert!(windows.contains("services.msc") && windows.contains("SCardSvr"), "{windows}");
        assert!(!windows.contains("chmod"), "{windows}");
        let mac = texts(Os::MacOs).join("\n");
        assert!(mac.contains("CryptoTokenKit") && mac.contains("non c'è un pcscd"), "{mac}");
        assert_eq!(enable_on_demand(Os::Windows), None);
        for os in ALL {
            assert!(!texts(os).iter().any(String::is_empty), "{os:?}");
        }
    }
}
