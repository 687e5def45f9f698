//! The edge of browser set-up: where to look (the home folder, the module), reading the browser
//! databases from disk, and `modutil` to register the module.
//!
//! The module lists are read from `pkcs11.txt`, the very file NSS reads for an sql database.
//! `modutil -list` is used only for a database without one (it loads and initialises every module
//! listed, OpenSC's included, which would touch the cards on every check).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::doctor::fixes::Os;

use super::{
    Browser, BrowserDb, DbState, MODULE_ENV, MODULE_NAME, ModuleLocation, ModuleSource, Profile, decide,
    is_our_library, p11kit_module_library, parse_modutil_list, parse_pkcs11_txt, parse_profiles_ini,
    with_module_registered,
};

/// Where to look: the user's home, the module's candidates, p11-kit's module folders. Built
/// from the process ([`Environment::from_process`]); tests point it at a fake home.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Environment {
    pub home: Option<PathBuf>,
    /// `CNS_PKCS11_MODULE`.
    pub env_module: Option<PathBuf>,
    /// `pkcs11_module` of the settings.
    pub settings_module: Option<PathBuf>,
    /// Where the package installs the module, most likely first.
    pub installed: Vec<PathBuf>,
    /// The folder of the running program (a build from source has the module beside it).
    pub program_dir: Option<PathBuf>,
    /// Folders of p11-kit module files.
    pub p11kit_dirs: Vec<PathBuf>,
    /// Whose rules apply: where Firefox keeps its profiles, and whether Chromium browsers read an
    /// NSS database at all (on Windows they do not).
    pub os: Os,
    /// `%APPDATA%` (Windows): Firefox's profiles are in `Mozilla\Firefox` under it.
    pub appdata: Option<PathBuf>,
}

/// The Debian multiarch triplet of this build's architecture.
#[cfg(target_os = "linux")]
fn triplet() -> Option<&'static str> {
    Some(match std::env::consts::ARCH {
        "x86_64" => "x86_64-linux-gnu",
        "aarch64" => "aarch64-linux-gnu",
        "x86" => "i386-linux-gnu",
        "arm" => "arm-linux-gnueabihf",
        "riscv64" => "riscv64-linux-gnu",
        "powerpc64" => "powerpc64le-linux-gnu",
        "s390x" => "s390x-linux-gnu",
        "loongarch64" => "loongarch64-linux-gnu",
        _ => return None,
    })
}

impl Environment {
    pub fn from_process() -> Environment {
        let home = std::env::var_os("HOME").filter(|h| !h.is_empty()).map(PathBuf::from);
        let env_module = std::env::var_os(MODULE_ENV).filter(|m| !m.is_empty()).map(PathBuf::from);
        let settings_module = crate::settings::Settings::load().pkcs11_module;
        let program_dir = std::env::current_exe().ok().and_then(|p| p.parent().map(Path::to_path_buf));
        let (installed, p11kit_dirs) = Self::system_places(home.as_deref());
        let os = Os::current();
        let appdata =
            std::env::var_os("APPDATA").filter(|a| !a.is_empty() && os == Os::Windows).map(PathBuf::from);
        // Windows has USERPROFILE, not always HOME.
        let home =
            home.or_else(|| std::env::var_os("USERPROFILE").filter(|h| !h.is_empty()).map(PathBuf::from));
        Environment { home, env_module, settings_module, installed, program_dir, p11kit_dirs, os, appdata }
    }

    /// Where the package installs the module, and p11-kit's module folders: the Debian/Fedora
    /// layout.
    #[cfg(target_os = "linux")]
    fn system_places(home: Option<&Path>) -> (Vec<PathBuf>, Vec<PathBuf>) {
        let mut installed = Vec::new();
        if let Some(t) = triplet() {
            installed.push(PathBuf::from(format!("/usr/lib/{t}/pkcs11/cns-pkcs11.so")));
        }
        installed.push(PathBuf::from("/usr/lib64/pkcs11/cns-pkcs11.so"));
        installed.push(PathBuf::from("/usr/lib/pkcs11/cns-pkcs11.so"));
        let mut p11kit_dirs =
            vec![PathBuf::from("/usr/share/p11-kit/modules"), PathBuf::from("/etc/pkcs11/modules")];
        if let Some(h) = home {
            p11kit_dirs.push(h.join(".config/pkcs11/modules"));
        }
        (installed, p11kit_dirs)
    }

    /// Windows and macOS: the installer puts the module beside the program (found through
    /// `program_dir`), and there is no p11-kit.
    #[cfg(not(target_os = "linux"))]
    fn system_places(_home: Option<&Path>) -> (Vec<PathBuf>, Vec<PathBuf>) {
        (Vec::new(), Vec::new())
    }

    /// The module to register: `CNS_PKCS11_MODULE`, else the settings' `pkcs11_module`, else the
    /// package's, else the one beside the program. `None`: none of them exists, and nothing was
    /// asked for explicitly.
    pub fn module(&self) -> Option<ModuleLocation> {
        let at =
            |path: &Path, source| ModuleLocation { path: path.to_path_buf(), source, exists: path.is_file() };
        if let Some(p) = &self.env_module {
            return Some(at(p, ModuleSource::Env));
        }
        if let Some(p) = &self.settings_module {
            return Some(at(p, ModuleSource::Settings));
        }
        if let Some(p) = self.installed.iter().find(|p| p.is_file()) {
            return Some(at(p, ModuleSource::Installed));
        }
        // What cargo names the library on this system: libcns_pkcs11.so, cns_pkcs11.dll,
        // libcns_pkcs11.dylib.
        let file = format!("{}cns_pkcs11{}", std::env::consts::DLL_PREFIX, std::env::consts::DLL_SUFFIX);
        let beside = self.program_dir.as_ref().map(|d| d.join(file)).filter(|p| p.is_file())?;
        Some(at(&beside, ModuleSource::BesideProgram))
    }

    /// True when a p11-kit module file loads our module.
    pub fn p11kit_has_ours(&self) -> bool {
        self.p11kit_dirs.iter().filter_map(|d| std::fs::read_dir(d).ok()).flatten().flatten().any(|e| {
            e.path().extension().is_some_and(|x| x == "module")
                && std::fs::read_to_string(e.path())
                    .ok()
                    .and_then(|t| p11kit_module_library(&t))
                    .is_some_and(|lib| is_our_library(&lib))
        })
    }

    /// Where Firefox keeps `profiles.ini` on this system, and which Firefox package that is.
    fn firefox_roots(&self, home: &Path) -> Vec<(PathBuf, Browser)> {
        match self.os {
            Os::Windows => {
                self.appdata.iter().map(|a| (a.join("Mozilla").join("Firefox"), Browser::Firefox)).collect()
            }
            Os::MacOs => vec![(home.join("Library/Application Support/Firefox"), Browser::Firefox)],
            Os::Linux => vec![
                (home.join(".mozilla/firefox"), Browser::Firefox),
                (home.join(".config/mozilla/firefox"), Browser::Firefox),
                (home.join("snap/firefox/common/.mozilla/firefox"), Browser::FirefoxSnap),
                (home.join(".var/app/org.mozilla.firefox/.mozilla/firefox"), Browser::FirefoxFlatpak),
            ],
        }
    }

    /// Every browser database under the home folder, with its state.
    pub fn scan(&self) -> Vec<BrowserDb> {
        let Some(home) = &self.home else {
            return Vec::new();
        };
        let p11kit = self.p11kit_has_ours();
        let mut out: Vec<BrowserDb> = Vec::new();
        for (root, browser) in self.firefox_roots(home) {
            let Ok(text) = std::fs::read_to_string(root.join("profiles.ini")) else {
                continue;
            };
            for Profile { name, dir } in parse_profiles_ini(&root, &text) {
                if dir.is_dir() && !out.iter().any(|d| d.dir == dir) {
                    let in_use = firefox_running(&dir);
                    out.push(BrowserDb {
                        browser,
                        profile: name,
                        state: read_state(&dir, p11kit),
                        dir,
                        in_use,
                    });
                }
            }
        }
        // Chrome and Edge on Windows (and Chrome on macOS) see the card through the system's
        // certificate store, not an NSS database: only Linux has one to set up.
        let chromium_dbs: &[(&str, Browser)] = match self.os {
            Os::Linux => &[
                (".pki/nssdb", Browser::Chromium),
                ("snap/chromium/current/.pki/nssdb", Browser::ChromiumSnap),
            ],
            Os::Windows | Os::MacOs => &[],
        };
        for &(rel, browser) in chromium_dbs {
            let dir = home.join(rel);
            if dir.is_dir() {
                out.push(BrowserDb {
                    browser,
                    profile: "nssdb".into(),
                    state: read_state(&dir, p11kit),
                    dir,
                    in_use: false,
                });
            }
        }
        out
    }
}

/// A Firefox profile's `lock` link points at a live process.
#[cfg(unix)]
fn firefox_running(dir: &Path) -> bool {
    let Ok(target) = std::fs::read_link(dir.join("lock")) else {
        return false;
    };
    // A lock left by a crash names a process that is gone. No way to tell: take Firefox as
    // running, so nothing is changed under its feet.
    super::lock_pid(&target.to_string_lossy()).and_then(pid_alive).unwrap_or(true)
}

/// Firefox on Windows holds the profile's `parent.lock` open, shared with no one, while it runs
/// (and deletes it when it closes): a `parent.lock` that cannot be opened means Firefox is running.
#[cfg(windows)]
fn firefox_running(dir: &Path) -> bool {
    let lock = dir.join("parent.lock");
    lock.exists() && std::fs::OpenOptions::new().read(true).write(true).open(&lock).is_err()
}

/// Whether process `pid` exists, from /proc; `None` where there is no /proc to ask.
#[cfg(target_os = "linux")]
fn pid_alive(pid: u32) -> Option<bool> {
    Path::new("/proc/self").exists().then(|| Path::new(&format!("/proc/{pid}")).exists())
}

#[cfg(all(unix, not(target_os = "linux")))]
fn pid_alive(_pid: u32) -> Option<bool> {
    None
}

/// The database's state from its files.
pub fn read_state(dir: &Path, p11kit_has_ours: bool) -> DbState {
    let exists = |lib: &str| Path::new(lib).is_file() || (!lib.contains('/') && !lib.is_empty());
    match std::fs::read_to_string(dir.join("pkcs11.txt")) {
        Ok(text) => return decide(&parse_pkcs11_txt(&text), exists, p11kit_has_ours),
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            return DbState::Unreadable { reason: e.to_string() };
        }
        Err(_) => {}
    }
    if dir.join("cert9.db").is_file() {
        return match modutil(&["-list", "-dbdir", &sql(dir)]) {
            Ok(text) => decide(&parse_modutil_list(&text), exists, p11kit_has_ours),
            Err(reason) => DbState::Unreadable { reason },
        };
    }
    if dir.join("secmod.db").is_file() {
        return DbState::OldFormat;
    }
    // No database yet: registering creates it.
    DbState::Missing
}

fn sql(dir: &Path) -> String {
    format!("sql:{}", dir.display())
}

/// Where modutil comes from, for the error when it is missing.
#[cfg(target_os = "linux")]
const NSS_TOOLS: &str = "sudo apt install libnss3-tools";
#[cfg(target_os = "macos")]
const NSS_TOOLS: &str = "brew install nss";
#[cfg(not(any(target_os = "linux", target_os = "macos")))]
const NSS_TOOLS: &str = "modutil is part of Mozilla's NSS tools";

/// Runs modutil; its standard output, or why it failed.
fn modutil(args: &[&str]) -> Result<String, String> {
    let out = Command::new("modutil")
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("modutil: {e} ({NSS_TOOLS})"))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        let err = String::from_utf8_lossy(&out.stderr);
        let msg = if err.trim().is_empty() {
            String::from_utf8_lossy(&out.stdout).into_owned()
        } else {
            err.into_owned()
        };
        Err(msg.split_whitespace().collect::<Vec<_>>().join(" "))
    }
}

/// What [`register`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Registered {
    /// It already saw the card: nothing done.
    Already,
    Done,
}

/// Why [`register`] did not register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegisterError {
    /// Firefox is running with this profile.
    InUse,
    /// The module file is not there.
    NoModule(PathBuf),
    /// The database cannot take it this way (old format, unreadable).
    NotPossible(DbState),
    /// modutil failed, or the module was not listed afterwards.
    Failed(String),
}

/// Registers the module in one database, unless it already sees the card (read again first: never
/// twice). A stale registration of ours is replaced. The module list (`pkcs11.txt`) is rewritten
/// directly, as `modutil -add` would write it: Windows has no modutil, and nor has a Linux
/// desktop without libnss3-tools. Only a database without a module list needs modutil.
pub fn register(db: &BrowserDb, module: &Path, p11kit_has_ours: bool) -> Result<Registered, RegisterError> {
    if db.browser.is_firefox() && firefox_running(&db.dir) {
        return Err(RegisterError::InUse);
    }
    if !module.is_file() {
        return Err(RegisterError::NoModule(module.to_path_buf()));
    }
    let state = read_state(&db.dir, p11kit_has_ours);
    if state.sees_card() {
        return Ok(Registered::Already);
    }
    if !state.needs_setup() {
        return Err(RegisterError::NotPossible(state));
    }
    let stale = match &state {
        DbState::Stale { name, .. } => Some(name.as_str()),
        _ => None,
    };
    let list = db.dir.join("pkcs11.txt");
    if list.is_file() {
        write_module_list(&list, stale, module)?;
    } else {
        // No module list yet (a profile Firefox never opened): modutil creates the database.
        let dbdir = sql(&db.dir);
        let lib = module.to_string_lossy();
        modutil(&["-add", MODULE_NAME, "-libfile", &lib, "-dbdir", &dbdir, "-force"])
            .map_err(RegisterError::Failed)?;
    }
    match read_state(&db.dir, p11kit_has_ours) {
        s if s.sees_card() => Ok(Registered::Done),
        s => Err(RegisterError::Failed(format!("{s:?}"))),
    }
}

/// Rewrites `pkcs11.txt` with our module, through a file beside it that takes its name: a failure
/// part-way leaves the old list whole. Its permissions are kept (NSS makes it private to the user).
fn write_module_list(list: &Path, stale: Option<&str>, module: &Path) -> Result<(), RegisterError> {
    let fail = |e: std::io::Error| RegisterError::Failed(format!("{}: {e}", list.display()));
    let text = std::fs::read_to_string(list).map_err(fail)?;
    let new = module
        .to_str()
        .and_then(|lib| with_module_registered(&text, stale, lib))
        .ok_or_else(|| RegisterError::Failed(format!("{}: NSS cannot name this path", module.display())))?;
    let temp = list.with_extension("txt.cns-manager");
    let written = (|| {
        let mut f = std::fs::File::create(&temp)?;
        f.set_permissions(std::fs::metadata(list)?.permissions())?;
        std::io::Write::write_all(&mut f, new.as_bytes())?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&temp, list)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written.map_err(fail)
}
