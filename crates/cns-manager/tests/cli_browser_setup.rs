//! `cns-manager browser-setup` as built, against a fake home folder holding a Firefox profile and
//! a Chromium NSS database made by NSS's own `certutil`, with the real PKCS#11 module
//! (`target/debug/libcns_pkcs11.so`) and the real `modutil`: `--check` changes nothing, nothing
//! is registered without asking, a running Firefox's profile is left alone, `--yes` registers
//! where missing (NSS's `modutil -list` then lists the module), and a second run changes nothing.
//! Never touches the real user's browsers: HOME is the fake one.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

struct Home {
    dir: tempfile::TempDir,
    module: PathBuf,
}

struct Run {
    code: i32,
    stdout: String,
}

impl Home {
    /// `None` (with the reason printed) when NSS's tools or the module are missing.
    fn new() -> Option<Home> {
        let module = PathBuf::from(env!("CARGO_BIN_EXE_cns-manager")).with_file_name("libcns_pkcs11.so");
        if !module.is_file() {
            eprintln!(
                "skipped: {} missing (cargo build -p cns-pkcs11; scripts/test.sh does)",
                module.display()
            );
            return None;
        }
        for tool in ["certutil", "modutil"] {
            if Command::new(tool).arg("--help").stdout(Stdio::null()).stderr(Stdio::null()).status().is_err()
            {
                eprintln!("skipped: {tool} missing (apt install libnss3-tools)");
                return None;
            }
        }
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join(".mozilla/firefox");
        std::fs::write(
            {
                std::fs::create_dir_all(&root).unwrap();
                root.join("profiles.ini")
            },
            "[Profile0]\nName=default-release\nIsRelative=1\nPath=k3x9.default-release\nDefault=1\n\n\
             [General]\nStartWithLastProfile=1\nVersion=2\n",
        )
        .unwrap();
        let home = Home { dir, module };
        for db in [home.firefox(), home.chromium()] {
            std::fs::create_dir_all(&db).unwrap();
            let st = Command::new("certutil")
                .args(["-N", "--empty-password", "-d"])
                .arg(format!("sql:{}", db.display()))
                .status()
                .unwrap();
            assert!(st.success(), "certutil -N in {}", db.display());
        }
        Some(home)
    }

    fn firefox(&self) -> PathBuf {
        self.dir.path().join(".mozilla/firefox/k3x9.default-release")
    }

    fn chromium(&self) -> PathBuf {
        self.dir.path().join(".pki/nssdb")
    }

    fn cli(&self, args: &[&str]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_cns-manager"))
            .args(args)
            .env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.dir.path().join(".config"))
            .env("CNS_PKCS11_MODULE", &self.module)
            // The module loads with no smart card service at all.
            .env("PCSCLITE_CSOCK_NAME", self.dir.path().join("no-pcscd.comm"))
            .env_remove("LANG")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .stdin(Stdio::null())
            .output()
            .unwrap();
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        }
    }

    fn json(&self, args: &[&str]) -> (i32, serde_json::Value) {
        let r = self.cli(args);
        let v = serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {}", r.stdout));
        (r.code, v)
    }

    fn pkcs11_txt(&self, db: &Path) -> String {
        std::fs::read_to_string(db.join("pkcs11.txt")).unwrap()
    }
}

fn field<'a>(v: &'a serde_json::Value, browser: &str, key: &str) -> &'a serde_json::Value {
    let db = v["databases"].as_array().unwrap().iter().find(|d| d["browser"] == browser);
    &db.unwrap_or_else(|| panic!("no {browser} in {v:#}"))[key]
}

#[test]
#[cfg_attr(windows, ignore = "needs modutil and certutil (NSS tools, absent under Wine)")]
fn browser_setup_checks_asks_registers_once_and_spares_a_running_firefox() {
    let Some(home) = Home::new() else { return };
    let before = (home.pkcs11_txt(&home.firefox()), home.pkcs11_txt(&home.chromium()));

    // --check: both found, both missing, nothing changed.
    let (code, v) = home.json(&["browser-setup", "--check", "--json"]);
    assert_eq!(code, 1, "{v:#}");
    assert_eq!(v["result"], "missing");
    assert_eq!(v["module"]["source"], "env");
    assert_eq!(field(&v, "firefox", "state"), "missing");
    assert_eq!(field(&v, "firefox", "profile"), "default-release");
    assert_eq!(field(&v, "chromium", "state"), "missing");
    assert_eq!(field(&v, "chromium", "action"), "not_asked");
    // Not on a terminal and no --yes: nothing registered without asking.
    let r = home.cli(&["browser-setup"]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(r.stdout.contains("Firefox – profilo «default-release»: Non vede la tessera"), "{}", r.stdout);
    assert!(r.stdout.contains("Nulla è stato registrato senza chiedere"), "{}", r.stdout);
    assert_eq!((home.pkcs11_txt(&home.firefox()), home.pkcs11_txt(&home.chromium())), before);

    // Firefox running with the profile (its lock names a live process: this one): the profile is
    // left alone with the advice to close Firefox; Chromium's database is registered.
    #[cfg(unix)]
    std::os::unix::fs::symlink(format!("127.0.1.1:+{}", std::process::id()), home.firefox().join("lock"))
        .unwrap();
    let (code, v) = home.json(&["browser-setup", "--yes", "--json"]);
    assert_eq!(code, 1, "{v:#}");
    assert_eq!(field(&v, "firefox", "action"), "browser_open");
    assert_eq!(field(&v, "firefox", "in_use"), true);
    assert_eq!(home.pkcs11_txt(&home.firefox()), before.0);
    assert_eq!(field(&v, "chromium", "action"), "registered");
    assert_eq!(field(&v, "chromium", "state"), "registered");
    assert_eq!(field(&v, "chromium", "sees_card"), true);
    let r = home.cli(&["--lang", "en", "browser-setup", "--yes"]);
    assert!(r.stdout.contains("Firefox is open with this profile: close it completely"), "{}", r.stdout);
    std::fs::remove_file(home.firefox().join("lock")).unwrap();

    // Firefox closed: registered; NSS itself now lists the module in both databases.
    let (code, v) = home.json(&["browser-setup", "--yes", "--json"]);
    assert_eq!(code, 0, "{v:#}");
    assert_eq!(v["result"], "ok");
    assert_eq!(field(&v, "firefox", "action"), "registered");
    assert!(field(&v, "chromium", "action").is_null(), "{v:#}");
    for db in [home.firefox(), home.chromium()] {
        let list = Command::new("modutil")
            .args(["-list", "-dbdir"])
            .arg(format!("sql:{}", db.display()))
            .env("PCSCLITE_CSOCK_NAME", home.dir.path().join("no-pcscd.comm"))
            .output()
            .unwrap();
        let list = String::from_utf8_lossy(&list.stdout);
        assert!(list.contains("CNS (cns-manager)"), "{list}");
        assert!(list.contains(&format!("library name: {}", home.module.display())), "{list}");
        assert!(list.contains("library-manufacturer=cns-manager"), "the module did not load: {list}");
        let txt = home.pkcs11_txt(&db);
        assert_eq!(txt.matches(&format!("library={}", home.module.display())).count(), 1, "{txt}");
    }

    // Again: already set up, nothing written.
    let after = (home.pkcs11_txt(&home.firefox()), home.pkcs11_txt(&home.chromium()));
    let r = home.cli(&["browser-setup", "--yes"]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(r.stdout.contains("Esito: tutti i browser trovati vedono la tessera."), "{}", r.stdout);
    assert!(!r.stdout.contains("Fatto"), "{}", r.stdout);
    assert_eq!((home.pkcs11_txt(&home.firefox()), home.pkcs11_txt(&home.chromium())), after);
    let (code, _) = home.json(&["browser-setup", "--check", "--json"]);
    assert_eq!(code, 0);
}

#[test]
fn check_and_yes_together_are_invalid_input() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_cns-manager"))
        .args(["browser-setup", "--check", "--yes"])
        .env("HOME", dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn no_browser_at_all_is_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_cns-manager"))
        .args(["--lang", "en", "browser-setup", "--check"])
        .env("HOME", dir.path())
        // Windows: Firefox's profiles are under %APPDATA%, the home is USERPROFILE.
        .env("APPDATA", dir.path())
        .env("USERPROFILE", dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("No browser found"), "{stdout}");
}

#[test]
#[cfg_attr(windows, ignore = "needs modutil and certutil (NSS tools, absent under Wine)")]
fn doctor_reports_each_browser_database_with_the_fix() {
    let Some(home) = Home::new() else { return };
    let (code, v) = home.json(&["--demo", "doctor", "--json"]);
    let check = |v: &serde_json::Value, id: &str| -> serde_json::Value {
        v["checks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .cloned()
            .unwrap_or_else(|| panic!("no {id}: {v:#}"))
    };
    // A browser that does not see the card is a warning: the doctor still exits 0.
    assert_eq!(code, 0, "{v:#}");
    let ff = check(&v, "browser:firefox:default-release");
    assert_eq!(ff["level"], "warning");
    assert_eq!(ff["fix"], "cns-manager browser-setup (o la pagina «Usa la tessera nel browser»)");
    assert_eq!(check(&v, "browser:chromium:nssdb")["level"], "warning");
    let text = home.cli(&["--demo", "--lang", "en", "doctor"]).stdout;
    assert!(
        text.contains("WARNING    Firefox – profile \"default-release\": Does not see the card"),
        "{text}"
    );
    assert!(text.contains("How to fix: cns-manager browser-setup"), "{text}");

    assert_eq!(home.cli(&["browser-setup", "--yes"]).code, 0);
    let (_, v) = home.json(&["--demo", "doctor", "--json"]);
    let ff = check(&v, "browser:firefox:default-release");
    assert_eq!(ff["level"], "ok", "{ff:#}");
    assert!(ff["detail"].as_str().unwrap().starts_with("Vede la tessera"), "{ff:#}");
    assert!(ff.get("fix").is_none(), "{ff:#}");
}
