//! Fuzz targets for cns-manager: see `targets.rs`; the settings file parser is compiled here from
//! the GUI crate's own source.

#![forbid(unsafe_code)]

pub mod targets;

/// Only the language type the settings name: the message catalog needs the GUI crate's build.
#[path = "../../crates/cns-manager/src/i18n/lang.rs"]
#[allow(dead_code)]
mod lang;
mod i18n {
    pub use super::lang::Lang;
}
#[path = "../../crates/cns-manager/src/settings.rs"]
#[allow(dead_code)]
pub mod settings;

/// The settings file: any text parses to settings in range, or to an error.
pub fn settings(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Ok(s) = settings::Settings::from_toml(&text) {
        assert!((settings::MIN_ZOOM..=settings::MAX_ZOOM).contains(&s.zoom), "zoom {} out of range", s.zoom);
    }
}

/// Every target, the settings file included.
pub fn run(name: &str, data: &[u8]) -> bool {
    if name == "settings" {
        settings(data);
        return true;
    }
    targets::run(name, data)
}
