//! Widgets of our own, shared by the pages and the chrome.

pub mod banner;
pub mod buttons;
pub mod layout;
pub mod pin_entry;

pub use banner::{banner, live_banner, technical};
pub use buttons::{primary_button, secondary_button};
