//! The words of "use the card in the browser" that the window's page and `browser-setup` share
//! (`assets/i18n/<lang>/browser.ftl`): one message per event, whichever surface says it. Only
//! the next step differs, a button in the window, running the command again in a terminal.

use super::system::RegisterError;
use crate::doctor::fixes::Os;
use crate::i18n::{Lang, msg};

/// Who is speaking, for the one part of a message that differs: what to do next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Surface {
    Window,
    Cli,
}

impl Surface {
    fn code(self) -> &'static str {
        match self {
            Surface::Window => "window",
            Surface::Cli => "cli",
        }
    }
}

/// No Firefox profile and no Chromium database on this account.
pub fn none_found(lang: Lang, surface: Surface) -> String {
    lang.tr(msg::browser_none_found(surface.code()))
}

/// Firefox runs with the profile to change: NSS databases must not change under it.
pub fn firefox_open(lang: Lang, surface: Surface) -> String {
    lang.tr(msg::browser_firefox_open(surface.code()))
}

/// Why a registration did not happen, after "Non registrato:" (or alone, for a running Firefox).
pub fn register_failure(lang: Lang, e: &RegisterError, surface: Surface) -> String {
    match e {
        RegisterError::InUse => firefox_open(lang, surface),
        RegisterError::NoModule(p) => lang.tr(msg::browser_module_file_absent(p.display().to_string())),
        RegisterError::NotPossible(s) => s.words(lang),
        RegisterError::Failed(e) => e.clone(),
    }
}

/// Where the Chromium browsers take the card from when it is not an NSS database to set up: on
/// Windows, Chrome and Edge use Windows' certificate store and the card's minidriver. `None`
/// where they do read an NSS database (Linux: it is in the list).
pub fn chromium_note(lang: Lang, os: Os) -> Option<String> {
    (os == Os::Windows).then(|| lang.tr(msg::browser_chromium_windows()))
}

/// "Non registrato: …", the same line in the window and in the terminal.
pub fn not_registered(lang: Lang, reason: &str) -> String {
    lang.tr(msg::browser_not_registered(reason))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_surface_gets_its_own_next_step_in_one_sentence() {
        let window = firefox_open(Lang::It, Surface::Window);
        let cli = firefox_open(Lang::It, Surface::Cli);
        let head = "Firefox è aperto con questo profilo: chiudilo del tutto";
        assert!(window.starts_with(head) && cli.starts_with(head), "{window} / {cli}");
        assert!(window.ends_with("premi «Controlla di nuovo»."), "{window}");
        assert!(cli.ends_with("ripeti il comando."), "{cli}");
        assert!(none_found(Lang::En, Surface::Cli).starts_with("No browser found"));
        assert!(none_found(Lang::En, Surface::Window).ends_with("press \"Check again\"."));
    }

    #[test]
    fn chrome_and_edge_on_windows_need_no_module_and_are_said_so() {
        let it = chromium_note(Lang::It, Os::Windows).unwrap();
        assert!(it.contains("Edge") && it.contains("minidriver"), "{it}");
        assert!(chromium_note(Lang::De, Os::Windows).unwrap().contains("Edge"));
        assert_eq!(chromium_note(Lang::It, Os::Linux), None);
    }

    #[test]
    fn a_missing_module_file_is_named() {
        let e = RegisterError::NoModule("/x/cns-pkcs11.so".into());
        let line = not_registered(Lang::It, &register_failure(Lang::It, &e, Surface::Cli));
        assert_eq!(line, "Non registrato: il modulo /x/cns-pkcs11.so non esiste.");
        let e = RegisterError::Failed("modutil: boom".into());
        assert_eq!(register_failure(Lang::En, &e, Surface::Window), "modutil: boom");
    }
}
