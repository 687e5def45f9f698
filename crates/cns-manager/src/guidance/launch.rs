//! Opening a service in the default browser, after asking whether the browser will see the
//! card: the same look as `cns-manager browser-setup --check` (the Firefox profiles and the
//! Chromium database of this user, [`crate::browser`]). Behind a trait, so that the window's
//! tests answer for the browsers and no real browser ever opens in a test.

use crate::browser::BrowserDb;
use crate::browser::system::Environment;

/// What the browsers of this user make of the card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Readiness {
    /// At least one browser sees the card.
    Ready,
    /// Browsers were found, none sees the card yet: it can be set up.
    NeedsSetup,
    /// No browser database found (no Firefox profile, no Chromium database).
    NoneFound,
}

/// Checks the browsers and opens addresses.
pub trait Launcher: Send + Sync {
    /// Looks at this user's browsers; may take a second (runs `modutil`): call it off the UI
    /// thread.
    fn check(&self) -> Readiness;
    /// Opens `url` in the default browser, without waiting for it.
    fn open(&self, url: &str) -> Result<(), String>;
}

/// The real one: this user's browsers, the desktop's way of opening an address (xdg-open,
/// ShellExecute, `open`).
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemLauncher;

impl Launcher for SystemLauncher {
    fn check(&self) -> Readiness {
        readiness(&Environment::from_process().scan())
    }

    fn open(&self, url: &str) -> Result<(), String> {
        open::that_detached(url).map_err(|e| e.to_string())
    }
}

/// What a look at the databases means for the user.
pub fn readiness(dbs: &[BrowserDb]) -> Readiness {
    if dbs.iter().any(|d| d.state.sees_card()) {
        Readiness::Ready
    } else if dbs.is_empty() {
        Readiness::NoneFound
    } else {
        Readiness::NeedsSetup
    }
}
