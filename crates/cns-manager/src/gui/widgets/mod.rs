//! Widgets of our own.

pub mod pin_entry;
