//! The old home of the window's parts, now in gui/pages, gui/chrome and gui/widgets. It keeps
//! the PIN wizard's view until pages-flows moves it, and the old paths of the shared widgets
//! and help lines for the pages still on their way to gui/pages (wizard, documents, browser);
//! to go when they import from there.

pub mod wizard;

pub use super::widgets::{banner, live_banner, primary_button, secondary_button};
pub mod help {
    pub use crate::gui::pages::new_card::new_card_text;
}
pub mod status {
    pub use crate::gui::widgets::technical;
}
