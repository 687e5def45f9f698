//! The few choices the app remembers: language, preferred reader, mode, zoom; and, for
//! installers, where the PKCS#11 module is (`pkcs11_module`, used by `browser-setup`). Never a
//! PIN, never anything read from a card.
//!
//! Two TOML files, same format. The system-wide one lets installers preset the choices for every
//! user; the user's own file, written by the app, overrides it field by field:
//!
//! | platform | system-wide | user |
//! |---|---|---|
//! | Linux / BSD | `/etc/cns-manager/config.toml` | `$XDG_CONFIG_HOME/cns-manager/config.toml` (`~/.config/…`) |
//! | Windows | `%PROGRAMDATA%\cns-manager\config.toml` | `%APPDATA%\cns-manager\cns-manager\config\config.toml` |
//! | macOS | `/Library/Application Support/cns-manager/config.toml` | `~/Library/Application Support/it.cns-manager.cns-manager/config.toml` |
//!
//! In counter mode nothing is written: a counter PC is shared, and its setup belongs to the
//! installer's system-wide file.

use std::path::{Path, PathBuf};

use crate::i18n::Lang;

/// Normal use at home, or the counter (sportello) of a regional office.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    #[default]
    Normal,
    Counter,
}

pub const MIN_ZOOM: f32 = 0.75;
pub const MAX_ZOOM: f32 = 2.5;

/// The settings in effect.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// `None`: follow the system locale.
    pub lang: Option<Lang>,
    pub preferred_reader: Option<String>,
    pub mode: Mode,
    pub zoom: f32,
    /// The PKCS#11 module browsers are pointed at, when it is not where the package installs it.
    pub pkcs11_module: Option<PathBuf>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { lang: None, preferred_reader: None, mode: Mode::Normal, zoom: 1.0, pkcs11_module: None }
    }
}

/// One file's content: every field optional, so the user's file only overrides what it names.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
struct Layer {
    #[serde(skip_serializing_if = "Option::is_none")]
    lang: Option<Lang>,
    #[serde(skip_serializing_if = "Option::is_none")]
    preferred_reader: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mode: Option<Mode>,
    #[serde(skip_serializing_if = "Option::is_none")]
    zoom: Option<f32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pkcs11_module: Option<PathBuf>,
}

#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("cannot read or write {path}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path} is not a valid settings file")]
    Parse {
        path: PathBuf,
        #[source]
        source: toml::de::Error,
    },
    #[error("settings could not be encoded")]
    Encode(#[from] toml::ser::Error),
    #[error("settings are not written in counter mode")]
    CounterMode,
}

impl Settings {
    /// The system-wide file, then the user's, from their usual places. A missing file is normal;
    /// a broken one is skipped (with a warning) so a typo never stops the app from opening.
    pub fn load() -> Settings {
        Settings::load_from(system_path().as_deref(), user_path().as_deref())
    }

    /// Same, from explicit paths (tests, `--config`).
    pub fn load_from(system: Option<&Path>, user: Option<&Path>) -> Settings {
        let mut s = Settings::default();
        for path in [system, user].into_iter().flatten() {
            match read_layer(path) {
                Ok(Some(layer)) => s.apply(layer),
                Ok(None) => {}
                Err(e) => tracing::warn!("{e}; ignoring it"),
            }
        }
        s
    }

    /// The settings one file's text gives over the defaults (the fuzz target's entry point).
    pub fn from_toml(text: &str) -> Result<Settings, toml::de::Error> {
        let mut s = Settings::default();
        s.apply(toml::from_str(text)?);
        Ok(s)
    }

    fn apply(&mut self, layer: Layer) {
        if layer.lang.is_some() {
            self.lang = layer.lang;
        }
        if let Some(r) = layer.preferred_reader {
            self.preferred_reader = (!r.is_empty()).then_some(r);
        }
        if let Some(m) = layer.mode {
            self.mode = m;
        }
        if let Some(z) = layer.zoom
            && z.is_finite()
        {
            self.zoom = z.clamp(MIN_ZOOM, MAX_ZOOM);
        }
        if let Some(m) = layer.pkcs11_module {
            self.pkcs11_module = (!m.as_os_str().is_empty()).then_some(m);
        }
    }

    /// Writes the user's file (creating its folder). Refused in counter mode.
    pub fn save_to(&self, path: &Path) -> Result<(), SettingsError> {
        if self.mode == Mode::Counter {
            return Err(SettingsError::CounterMode);
        }
        let layer = Layer {
            lang: self.lang,
            preferred_reader: self.preferred_reader.clone(),
            mode: Some(self.mode),
            zoom: Some(self.zoom),
            pkcs11_module: self.pkcs11_module.clone(),
        };
        let text = toml::to_string(&layer)?;
        let io = |source| SettingsError::Io { path: path.to_owned(), source };
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        // Write then rename, so a crash never leaves half a file behind.
        let tmp = path.with_extension("toml.tmp");
        std::fs::write(&tmp, text).map_err(io)?;
        std::fs::rename(&tmp, path).map_err(io)
    }
}

/// What one settings file holds: `Ok(None)` when it does not exist, else the names of the
/// fields it sets (for the doctor: is it valid, which file sets what).
pub fn inspect_file(path: &Path) -> Result<Option<Vec<&'static str>>, SettingsError> {
    Ok(read_layer(path)?.map(|l| {
        [
            ("lang", l.lang.is_some()),
            ("preferred_reader", l.preferred_reader.is_some()),
            ("mode", l.mode.is_some()),
            ("zoom", l.zoom.is_some()),
            ("pkcs11_module", l.pkcs11_module.is_some()),
        ]
        .into_iter()
        .filter_map(|(n, set)| set.then_some(n))
        .collect()
    }))
}

fn read_layer(path: &Path) -> Result<Option<Layer>, SettingsError> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => return Err(SettingsError::Io { path: path.to_owned(), source }),
    };
    toml::from_str(&text).map(Some).map_err(|source| SettingsError::Parse { path: path.to_owned(), source })
}

/// The user's settings file for this platform.
pub fn user_path() -> Option<PathBuf> {
    // Windows: %APPDATA% as this process sees it, as for Firefox's profiles (browser::system), so
    // that a changed variable is followed (a test's private home; the known folder alone would
    // send every test to the real user's folder); the known folder when it is unset.
    #[cfg(windows)]
    if let Some(appdata) = std::env::var_os("APPDATA").filter(|a| !a.is_empty()) {
        return Some(
            PathBuf::from(appdata).join("cns-manager").join("cns-manager").join("config").join("config.toml"),
        );
    }
    directories::ProjectDirs::from("it", "cns-manager", "cns-manager")
        .map(|d| d.config_dir().join("config.toml"))
}

/// The installer's system-wide file for this platform.
pub fn system_path() -> Option<PathBuf> {
    if cfg!(windows) {
        std::env::var_os("PROGRAMDATA").map(|p| PathBuf::from(p).join("cns-manager").join("config.toml"))
    } else if cfg!(target_os = "macos") {
        Some(PathBuf::from("/Library/Application Support/cns-manager/config.toml"))
    } else {
        Some(PathBuf::from("/etc/cns-manager/config.toml"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    #[test]
    fn defaults_without_files() {
        let dir = tempfile::tempdir().unwrap();
        let s = Settings::load_from(Some(&dir.path().join("none.toml")), Some(&dir.path().join("no.toml")));
        assert_eq!(s, Settings::default());
    }

    #[test]
    fn user_file_overrides_system_field_by_field() {
        let dir = tempfile::tempdir().unwrap();
        let sys = write(dir.path(), "sys.toml", "lang = \"en\"\nmode = \"counter\"\nzoom = 1.5\n");
        let user = write(dir.path(), "user.toml", "lang = \"it\"\npreferred_reader = \"ACS ACR38U\"\n");
        let s = Settings::load_from(Some(&sys), Some(&user));
        assert_eq!(s.lang, Some(Lang::It));
        assert_eq!(s.mode, Mode::Counter);
        assert_eq!(s.zoom, 1.5);
        assert_eq!(s.preferred_reader.as_deref(), Some("ACS ACR38U"));
    }

    #[test]
    fn broken_or_odd_files_do_not_stop_the_app() {
        let dir = tempfile::tempdir().unwrap();
        let sys = write(dir.path(), "sys.toml", "zoom = 9.0\n");
        let user = write(dir.path(), "user.toml", "lang = [not toml");
        let s = Settings::load_from(Some(&sys), Some(&user));
        assert_eq!(s.zoom, MAX_ZOOM);
        assert_eq!(s.lang, None);
        let unknown = write(dir.path(), "u2.toml", "pin = \"12345\"\n");
        assert_eq!(Settings::load_from(None, Some(&unknown)), Settings::default());
    }

    #[test]
    fn save_round_trips_and_holds_only_settings() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("config.toml");
        let s = Settings {
            lang: Some(Lang::En),
            preferred_reader: Some("Lettore USB".into()),
            mode: Mode::Normal,
            zoom: 1.5,
            pkcs11_module: Some(PathBuf::from("/opt/cns/cns-pkcs11.so")),
        };
        s.save_to(&path).unwrap();
        assert_eq!(Settings::load_from(None, Some(&path)), s);
        let text = std::fs::read_to_string(&path).unwrap();
        for key in text.lines().filter_map(|l| l.split('=').next()) {
            assert!(
                ["lang ", "preferred_reader ", "mode ", "zoom ", "pkcs11_module "].contains(&key),
                "{key}"
            );
        }
    }

    #[test]
    fn counter_mode_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let s = Settings { mode: Mode::Counter, ..Settings::default() };
        assert!(matches!(s.save_to(&path), Err(SettingsError::CounterMode)));
        assert!(!path.exists());
    }

    #[test]
    fn paths_are_where_the_docs_say() {
        if cfg!(target_os = "linux") {
            assert_eq!(system_path(), Some(PathBuf::from("/etc/cns-manager/config.toml")));
            if let Some(p) = user_path() {
                assert!(p.ends_with("cns-manager/config.toml"), "{p:?}");
            }
        }
    }
}
