//! The page the window shows, with that page's own state: the router's part of the window's
//! state (pages know nothing of it; they ask for a change with an `Action`).

use crate::gui::state::Page;

/// What fills the main area.
pub enum Screen {
    Status,
    Wizard(Box<crate::gui::pages::wizard::Wizard>),
    Certificate,
    /// "Firma un documento" / "Verifica un documento".
    Document(Box<crate::gui::pages::documents::DocFlow>),
    /// How to get a new card (PUK blocked, card expired).
    NewCard,
    /// The doctor's checks and the support report (gui/diagnostics.rs).
    Diagnostics(Box<crate::gui::pages::diagnostics::Diagnostics>),
    /// "Usa la tessera nel browser" (gui/pages/browser.rs).
    Browser(Box<crate::gui::pages::browser::BrowserPage>),
    /// "Non hai il PIN o il PUK?" (gui/pages/pin_help.rs).
    PinHelp(Box<crate::gui::pages::pin_help::PinHelp>),
    /// "Usa la tessera": the region's online services (gui/pages/services.rs).
    Services(Box<crate::gui::pages::services::ServicesPage>),
}

impl Screen {
    pub fn page(&self) -> Page {
        match self {
            Screen::Status => Page::Status,
            Screen::Wizard(_) => Page::Wizard,
            Screen::Certificate => Page::Certificate,
            Screen::Document(_) => Page::Document,
            Screen::NewCard => Page::NewCard,
            Screen::Diagnostics(_) => Page::Diagnostics,
            Screen::Browser(_) => Page::Browser,
            Screen::PinHelp(_) => Page::PinHelp,
            Screen::Services(_) => Page::Services,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_screen_is_its_page() {
        assert_eq!(Screen::Certificate.page(), Page::Certificate);
        assert_eq!(Screen::Status.page(), Page::Status);
    }
}
