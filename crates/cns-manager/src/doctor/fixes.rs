//! The doctor's findings and fixes that depend on the operating system. **Every command that
//! exists on one system only (`systemctl`, `apt`, `chmod`, services.msc) is here**, with the
//! function for each piece of advice, taking the system as a parameter: [`Os::current`] (a
//! `cfg`) is only asked by the callers, so the tests read the Windows and macOS texts on Linux.
//! The texts are in the catalog, `assets/i18n/<lang>/service.ftl`, selected by `$os`.
//!
//! The smart card service and the reader driver: on Linux pcsc-lite's `pcscd` and the CCID
//! driver, installed from packages and started by systemd; on Windows the "Smart Card" service
//! (SCardSvr) and the class driver, part of the system, the service started when a reader is
//! plugged in; on macOS CryptoTokenKit, part of the system, with no pcscd to install or start.
//! The window's status page, the demo banner and the command line call these same functions.

use crate::i18n::{Lang, msg};

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
    pub const ALL: [Os; 3] = [Os::Linux, Os::Windows, Os::MacOs];

    /// The only place that asks which system this is: everything else takes the `Os` as a
    /// parameter, so that the tests read every system's texts.
    pub const fn current() -> Os {
        if cfg!(windows) {
            Os::Windows
        } else if cfg!(target_os = "macos") {
            Os::MacOs
        } else {
            Os::Linux
        }
    }

    /// The value of the catalog's `$os` selector.
    pub const fn code(self) -> &'static str {
        match self {
            Os::Linux => "linux",
            Os::Windows => "windows",
            Os::MacOs => "macos",
        }
    }
}

impl Default for Os {
    fn default() -> Os {
        Os::current()
    }
}

/// (what was found, how to fix it)
pub type Advice = (String, String);

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
            ServiceCause::Error => (lang.tr(msg::service_error_found()), service_restart(os, lang)),
        }
    }
}

/// No reader at all, and none plugged without a driver.
pub fn connect_reader(lang: Lang) -> Advice {
    (lang.tr(msg::connect_reader_found()), lang.tr(msg::connect_reader_fix()))
}

/// The service is not installed (on Windows and macOS it always is: the not-running advice).
pub fn service_not_installed(os: Os, lang: Lang) -> Advice {
    match os {
        Os::Linux => (lang.tr(msg::service_not_installed_found()), lang.tr(msg::service_not_installed_fix())),
        _ => service_not_running(os, lang),
    }
}

/// The service is installed but nobody answers.
pub fn service_not_running(os: Os, lang: Lang) -> Advice {
    (lang.tr(msg::service_not_running_found(os.code())), lang.tr(msg::service_not_running_fix(os.code())))
}

/// The service's socket is there but nobody listens on it (connection refused): the service
/// stopped without cleaning up, a crash or a `kill -9`. Only pcsc-lite has such a socket.
pub fn service_stale_socket(os: Os, lang: Lang) -> Advice {
    match os {
        Os::Linux => (lang.tr(msg::service_stale_socket_found()), lang.tr(msg::service_stale_socket_fix())),
        _ => service_not_running(os, lang),
    }
}

/// The service answers but refuses this session. On Linux that is polkit, which pcsc-lite asks
/// for every client (not for remote or non-seat sessions, by default). `certain`: the service
/// was seen answering; otherwise it may also have stopped.
pub fn service_refused(os: Os, certain: bool, lang: Lang) -> Advice {
    // (macOS: the catalog gives the not-running advice, there is no session to refuse)
    let certain = if certain { "yes" } else { "no" };
    (
        lang.tr(msg::ServiceRefusedFound { certain: certain.into(), os: os.code().into() }),
        lang.tr(msg::ServiceRefusedFix { certain: certain.into(), os: os.code().into() }),
    )
}

/// The fix when the service answered with an unexpected error.
pub fn service_restart(os: Os, lang: Lang) -> String {
    lang.tr(msg::service_restart(os.code()))
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
pub fn install_reader_driver(os: Os, lang: Lang) -> String {
    lang.tr(msg::install_reader_driver(os.code()))
}

/// A settings file that cannot be read.
pub fn make_readable(os: Os, lang: Lang) -> String {
    lang.tr(msg::make_readable(os.code()))
}

/// The service does not answer and its cause was not looked into (the window's status page,
/// the command line): a title and the steps, one per line; lines that start with `sudo ` are
/// commands to type. On Windows and macOS the service is part of the system, so the step is the
/// doctor's not-running fix; on Linux pcscd may be missing too, so it is installed and enabled.
pub fn service_down(os: Os, lang: Lang) -> (String, Vec<String>) {
    let steps = match os {
        Os::Linux => lines(lang.tr(msg::service_down_fix_pcscd())),
        Os::Windows | Os::MacOs => vec![service_not_running(os, lang).1],
    };
    (lang.tr(msg::service_down_title()), steps)
}

/// No reader is listed: (title, steps in order) — with the service down its advice, else how
/// to connect a reader. The window's status page shows exactly these.
pub fn no_reader_guidance(service_down: bool, os: Os, lang: Lang) -> (String, Vec<String>) {
    if service_down {
        self::service_down(os, lang)
    } else {
        (lang.tr(msg::no_reader_title()), reader_steps(os, lang))
    }
}

/// The service answers but no reader is connected: the steps to connect one, in order.
pub fn reader_steps(os: Os, lang: Lang) -> Vec<String> {
    lines(lang.tr(msg::reader_steps(os.code())))
}

fn lines(text: String) -> Vec<String> {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Os; 3] = [Os::Linux, Os::Windows, Os::MacOs];

    /// Every text of one system, in both languages.
    fn texts(os: Os) -> Vec<String> {
        let mut out = Vec::new();
        for lang in Lang::ALL {
            for (a, b) in [
                service_not_installed(os, lang),
                service_not_running(os, lang),
                service_stale_socket(os, lang),
                service_refused(os, true, lang),
                service_refused(os, false, lang),
            ] {
                out.extend([a, b]);
            }
            out.push(service_restart(os, lang));
            out.push(install_reader_driver(os, lang));
            out.push(make_readable(os, lang));
            let (title, fix) = service_down(os, lang);
            out.push(title);
            out.extend(fix);
            out.extend(reader_steps(os, lang));
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

    /// The catalog's `$os` selections in every language, German included (which `Lang` cannot
    /// choose yet): each system's variant names only its own commands.
    #[test]
    fn every_language_selects_the_systems_own_commands() {
        use crate::i18n::Message;
        for code in ["it", "en", "de"] {
            for os in ALL {
                let os_messages: Vec<Message> = vec![
                    msg::service_not_running_found(os.code()),
                    msg::service_not_running_fix(os.code()),
                    crate::i18n::Message::from(msg::ServiceRefusedFound {
                        certain: "yes".into(),
                        os: os.code().into(),
                    }),
                    crate::i18n::Message::from(msg::ServiceRefusedFix {
                        certain: "no".into(),
                        os: os.code().into(),
                    }),
                    msg::service_restart(os.code()),
                    msg::install_reader_driver(os.code()),
                    msg::make_readable(os.code()),
                    msg::reader_steps(os.code()),
                ];
                let all: Vec<String> = os_messages.iter().map(|m| m.in_language(code)).collect();
                let all = all.join("\n");
                match os {
                    Os::Linux => {
                        assert!(
                            all.contains("sudo systemctl") && all.contains("apt install"),
                            "{code}: {all}"
                        );
                        assert!(!all.contains("services.msc") && !all.contains("macOS"), "{code}: {all}");
                    }
                    Os::Windows => {
                        assert!(all.contains("services.msc"), "{code}: {all}");
                        assert!(!all.contains("sudo") && !all.contains("pcscd"), "{code}: {all}");
                    }
                    Os::MacOs => {
                        assert!(all.contains("CryptoTokenKit") && all.contains("macOS"), "{code}: {all}");
                        // (chmod is the same on macOS, and its text says there is no pcscd)
                        for linux_only in ["systemctl", "apt ", "pcscd.socket", "polkit", "services.msc"] {
                            assert!(!all.contains(linux_only), "{code}: {linux_only} in {all}");
                        }
                    }
                }
            }
            // Each system's text differs from the others' in every language.
            let fixes: Vec<String> =
                ALL.iter().map(|os| msg::service_not_running_fix(os.code()).in_language(code)).collect();
            assert!(
                fixes[0] != fixes[1] && fixes[1] != fixes[2] && fixes[0] != fixes[2],
                "{code}: {fixes:?}"
            );
        }
    }
}
