//! "Use the card in the browser": which browser databases (Firefox profiles, the Chromium/Chrome
//! NSS database) will see the card, and registering the PKCS#11 module where it is missing.
//!
//! Firefox and Chromium on Debian and Ubuntu load PKCS#11 modules from an NSS database: each
//! Firefox profile has its own (`cert9.db` + `pkcs11.txt` in the profile folder), Chromium and
//! Chrome share `~/.pki/nssdb`. A database sees the card when its `pkcs11.txt` lists our module,
//! or p11-kit's proxy while p11-kit registers our module (the package installs
//! `/usr/share/p11-kit/modules/cns-manager.module`).
//!
//! This module is the pure part: parsing `profiles.ini`, `pkcs11.txt`, `modutil -list` and
//! p11-kit module files, and deciding each database's state. Reading the disk and running
//! `modutil` is [`system`].

pub mod system;
pub mod words;

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::i18n::{Lang, msg};

/// The name the module is registered under in NSS databases.
pub const MODULE_NAME: &str = "CNS (cns-manager)";

/// The file names our module goes by: the package's, and the ones cargo builds (Linux, then
/// Windows and macOS).
pub const MODULE_FILES: [&str; 4] =
    ["cns-pkcs11.so", "libcns_pkcs11.so", "cns_pkcs11.dll", "libcns_pkcs11.dylib"];

/// The environment variable that points `browser-setup` at another module.
pub const MODULE_ENV: &str = "CNS_PKCS11_MODULE";

/// Which browser a database belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Browser {
    Firefox,
    FirefoxSnap,
    FirefoxFlatpak,
    /// `~/.pki/nssdb`: Chromium, Google Chrome and the other Chromium browsers.
    Chromium,
    ChromiumSnap,
}

impl Browser {
    /// The browser's name, the same in both languages.
    pub fn name(self) -> &'static str {
        match self {
            Browser::Firefox => "Firefox",
            Browser::FirefoxSnap => "Firefox (snap)",
            Browser::FirefoxFlatpak => "Firefox (Flatpak)",
            Browser::Chromium => "Chromium / Google Chrome",
            Browser::ChromiumSnap => "Chromium (snap)",
        }
    }

    /// The stable code used in JSON and in the doctor's check ids.
    pub fn code(self) -> &'static str {
        match self {
            Browser::Firefox => "firefox",
            Browser::FirefoxSnap => "firefox_snap",
            Browser::FirefoxFlatpak => "firefox_flatpak",
            Browser::Chromium => "chromium",
            Browser::ChromiumSnap => "chromium_snap",
        }
    }

    pub fn is_firefox(self) -> bool {
        matches!(self, Browser::Firefox | Browser::FirefoxSnap | Browser::FirefoxFlatpak)
    }
}

/// One module as an NSS database lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ModuleEntry {
    pub name: String,
    /// Empty for NSS's internal module.
    pub library: String,
}

/// Whether a browser database will see the card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum DbState {
    /// Our module is registered (its library path is `library`).
    Registered { library: String },
    /// p11-kit's proxy is registered and p11-kit loads our module.
    ViaP11Kit,
    /// Our module is registered but its library is not there any more (an old path): the browser
    /// cannot load it. Registering again fixes it.
    Stale { name: String, library: String },
    /// Nothing that reaches the card.
    Missing,
    /// A database of the old format (`secmod.db`, no `pkcs11.txt`): opening the browser once
    /// converts it.
    OldFormat,
    /// Its module list could not be read.
    Unreadable { reason: String },
}

impl DbState {
    /// True when the browser will see the card.
    pub fn sees_card(&self) -> bool {
        matches!(self, DbState::Registered { .. } | DbState::ViaP11Kit)
    }

    /// True when `browser-setup` can fix it by registering the module.
    pub fn needs_setup(&self) -> bool {
        matches!(self, DbState::Missing | DbState::Stale { .. })
    }

    /// The state in plain words.
    pub fn words(&self, lang: Lang) -> String {
        lang.tr(match self {
            DbState::Registered { .. } => msg::browser_db_registered(),
            DbState::ViaP11Kit => msg::browser_db_via_p11kit(),
            DbState::Stale { library, .. } => msg::browser_db_stale(library.as_str()),
            DbState::Missing => msg::browser_db_missing(),
            DbState::OldFormat => msg::browser_db_old_format(),
            DbState::Unreadable { reason } => msg::browser_db_unreadable(reason.as_str()),
        })
    }
}

/// One browser database and what was found in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BrowserDb {
    pub browser: Browser,
    /// The Firefox profile's name, or "nssdb".
    pub profile: String,
    pub dir: PathBuf,
    #[serde(flatten)]
    pub state: DbState,
    /// Firefox is running with this profile (its `lock` points at a live process): NSS
    /// databases must not be changed under it.
    pub in_use: bool,
}

impl BrowserDb {
    /// "Firefox – default-release" / "Chromium / Google Chrome".
    pub fn title(&self, lang: Lang) -> String {
        if self.browser.is_firefox() {
            lang.tr(msg::BrowserFirefoxProfile {
                browser: self.browser.name().into(),
                profile: self.profile.as_str().into(),
            })
        } else {
            self.browser.name().to_owned()
        }
    }
}

/// Where the module that browsers are pointed at was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ModuleSource {
    /// `CNS_PKCS11_MODULE`.
    Env,
    /// `pkcs11_module` in the settings.
    Settings,
    /// Where the package installs it.
    Installed,
    /// Beside the running program (a build from source: `target/debug/libcns_pkcs11.so`).
    BesideProgram,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ModuleLocation {
    pub path: PathBuf,
    pub source: ModuleSource,
    pub exists: bool,
}

/// A Firefox profile from `profiles.ini`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub name: String,
    pub dir: PathBuf,
}

/// The profiles `profiles.ini` (in `root`) lists: `[ProfileN]` sections with `Name`, `Path` and
/// `IsRelative` (relative to `root` unless `IsRelative=0`).
pub fn parse_profiles_ini(root: &Path, text: &str) -> Vec<Profile> {
    let mut out = Vec::new();
    let mut in_profile = false;
    let (mut name, mut path, mut relative) = (None::<String>, None::<String>, true);
    let mut flush = |name: &mut Option<String>, path: &mut Option<String>, relative: &mut bool, on: bool| {
        if on && let Some(p) = path.take().filter(|p| !p.is_empty()) {
            let dir = if *relative { root.join(&p) } else { PathBuf::from(&p) };
            let n = name.take().unwrap_or_else(|| p.rsplit('/').next().unwrap_or(&p).to_owned());
            out.push(Profile { name: n, dir });
        }
        *name = None;
        *path = None;
        *relative = true;
    };
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            flush(&mut name, &mut path, &mut relative, in_profile);
            in_profile = line.to_ascii_lowercase().starts_with("[profile");
            continue;
        }
        if !in_profile {
            continue;
        }
        let Some((k, v)) = line.split_once('=') else { continue };
        match k.trim() {
            "Name" => name = Some(v.trim().to_owned()),
            "Path" => path = Some(v.trim().to_owned()),
            "IsRelative" => relative = v.trim() != "0",
            _ => {}
        }
    }
    flush(&mut name, &mut path, &mut relative, in_profile);
    out
}

/// The modules a `pkcs11.txt` (NSS's sql database) lists: blocks of `key=value` lines separated
/// by blank lines, with `library=` and `name=`.
pub fn parse_pkcs11_txt(text: &str) -> Vec<ModuleEntry> {
    let mut out = Vec::new();
    let mut cur: Option<ModuleEntry> = None;
    for line in text.lines().chain(std::iter::once("")) {
        let line = line.trim_end();
        if line.trim().is_empty() {
            if let Some(m) = cur.take()
                && !(m.name.is_empty() && m.library.is_empty())
            {
                out.push(m);
            }
            continue;
        }
        let entry = cur.get_or_insert_with(|| ModuleEntry { name: String::new(), library: String::new() });
        if let Some(v) = line.strip_prefix("library=") {
            entry.library = v.trim().to_owned();
        } else if let Some(v) = line.strip_prefix("name=") {
            entry.name = v.trim().to_owned();
        }
    }
    out
}

/// `pkcs11.txt` with our module registered once: every block named `MODULE_NAME` or `stale` (an
/// older registration of ours) taken out, then `library=` and `name=` appended as NSS's own
/// `modutil -add` writes them. NSS reads each value raw to the end of its line, so a Windows path
/// needs no escaping; only a line break in the path could not be written (`None`). The file's
/// line ending is kept: NSS on Windows writes CRLF.
pub fn with_module_registered(text: &str, stale: Option<&str>, library: &str) -> Option<String> {
    if library.is_empty() || library.contains(['\n', '\r']) {
        return None;
    }
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let ours = |block: &[&str]| {
        block.iter().any(|l| {
            l.strip_prefix("name=").is_some_and(|n| n.trim() == MODULE_NAME || Some(n.trim()) == stale)
        })
    };
    let mut out = String::new();
    let mut block: Vec<&str> = Vec::new();
    for line in text.lines().chain(std::iter::once("")) {
        if !line.trim().is_empty() {
            block.push(line);
            continue;
        }
        if !block.is_empty() && !ours(&block) {
            for l in &block {
                out.push_str(l);
                out.push_str(eol);
            }
            out.push_str(eol);
        }
        block.clear();
    }
    out.push_str(&format!("library={library}{eol}name={MODULE_NAME}{eol}{eol}"));
    Some(out)
}

/// The modules `modutil -list -dbdir DIR` prints: "  N. NAME" then "\tlibrary name: PATH" (none
/// for the internal module).
pub fn parse_modutil_list(text: &str) -> Vec<ModuleEntry> {
    let mut out: Vec<ModuleEntry> = Vec::new();
    for line in text.lines() {
        let t = line.trim();
        if let Some((num, name)) = t.split_once(". ")
            && !num.is_empty()
            && num.bytes().all(|b| b.is_ascii_digit())
        {
            out.push(ModuleEntry { name: name.trim().to_owned(), library: String::new() });
        } else if let Some(lib) = t.strip_prefix("library name:")
            && let Some(last) = out.last_mut()
        {
            last.library = lib.trim().to_owned();
        }
    }
    out
}

/// The library a p11-kit module file (`NAME.module`) loads: its `module:` line.
pub fn p11kit_module_library(text: &str) -> Option<String> {
    text.lines().find_map(|l| {
        let l = l.trim();
        if l.starts_with('#') {
            return None;
        }
        let (k, v) = l.split_once(':')?;
        (k.trim() == "module").then(|| v.trim().to_owned()).filter(|v| !v.is_empty())
    })
}

fn file_name(library: &str) -> &str {
    // (Windows paths separate with either slash)
    library.rsplit(['/', '\\']).next().unwrap_or(library)
}

/// True when `library` names our module (any path ending in one of [`MODULE_FILES`]).
pub fn is_our_library(library: &str) -> bool {
    MODULE_FILES.contains(&file_name(library))
}

/// True for p11-kit's proxy module.
pub fn is_p11kit_proxy(library: &str) -> bool {
    file_name(library) == "p11-kit-proxy.so"
}

/// What a database's module list means for the card. `exists` says whether a library path is on
/// disk; `p11kit_has_ours` whether p11-kit registers our module.
pub fn decide(modules: &[ModuleEntry], exists: impl Fn(&str) -> bool, p11kit_has_ours: bool) -> DbState {
    let ours: Vec<&ModuleEntry> =
        modules.iter().filter(|m| is_our_library(&m.library) || m.name == MODULE_NAME).collect();
    if let Some(m) = ours.iter().find(|m| !m.library.is_empty() && exists(&m.library)) {
        return DbState::Registered { library: m.library.clone() };
    }
    if p11kit_has_ours && modules.iter().any(|m| is_p11kit_proxy(&m.library)) {
        return DbState::ViaP11Kit;
    }
    if let Some(m) = ours.first() {
        return DbState::Stale { name: m.name.clone(), library: m.library.clone() };
    }
    DbState::Missing
}

/// Firefox writes `lock`, a symbolic link to "HOST:+PID", while it runs with the profile (on
/// Linux; `.parentlock` stays after it exits, so it says nothing). The PID, if the link says one.
pub fn lock_pid(link_target: &str) -> Option<u32> {
    link_target.rsplit_once(":+").and_then(|(_, pid)| pid.trim().parse().ok())
}

#[cfg(test)]
mod tests;
