#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::system::{Environment, RegisterError, Registered, read_state, register};
use super::*;

/// A profiles.ini as Firefox 128 writes it: an Install section, a relative and an absolute
/// profile, a group section that is not a profile.
const PROFILES_INI: &str = "[Install4F96D1932A9F858E]\nDefault=abcd1234.default-release\nLocked=1\n\n\
[Profile1]\nName=default\nIsRelative=1\nPath=x9y8z7.default\nDefault=1\n\n\
[Profile0]\nName=default-release\nIsRelative=1\nPath=abcd1234.default-release\n\n\
[Profile2]\nName=lavoro\nIsRelative=0\nPath=/srv/profiles/lavoro\n\n\
[General]\nStartWithLastProfile=1\nVersion=2\n\n[BackgroundTasksProfiles]\nfoo=bar\n";

#[test]
fn profiles_ini_gives_every_profile_with_its_folder() {
    let root = Path::new("/home/u/.mozilla/firefox");
    let p = parse_profiles_ini(root, PROFILES_INI);
    assert_eq!(
        p,
        vec![
            Profile { name: "default".into(), dir: root.join("x9y8z7.default") },
            Profile { name: "default-release".into(), dir: root.join("abcd1234.default-release") },
            Profile { name: "lavoro".into(), dir: PathBuf::from("/srv/profiles/lavoro") },
        ]
    );
    // No profile, garbage, a profile without a path: nothing, no panic.
    assert!(parse_profiles_ini(root, "").is_empty());
    assert!(parse_profiles_ini(root, "[Profile0]\nName=x\n\u{0}\u{ff}==\n[").is_empty());
    // Windows line ends and a missing Name.
    let p = parse_profiles_ini(root, "[Profile0]\r\nIsRelative=1\r\nPath=Profiles/q.default\r\n");
    assert_eq!(p, vec![Profile { name: "q.default".into(), dir: root.join("Profiles/q.default") }]);
}

/// pkcs11.txt as NSS 3.87 writes it after `modutil -add`.
const PKCS11_TXT: &str = "library=\nname=NSS Internal PKCS #11 Module\nparameters=configdir='sql:/tmp/x' \
certPrefix='' keyPrefix='' secmod='secmod.db' flags= \nNSS=Flags=internal,critical trustOrder=75 \
cipherOrder=100 slotParams=(1={slotFlags=[ECC,RSA] askpw=any timeout=30})\n\n\
library=/usr/lib/x86_64-linux-gnu/pkcs11/cns-pkcs11.so\nname=CNS (cns-manager)\n\n\
library=/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so\nname=OpenSC\nNSS=trustOrder=100\n";

#[test]
fn pkcs11_txt_lists_each_module() {
    let m = parse_pkcs11_txt(PKCS11_TXT);
    assert_eq!(m.len(), 3, "{m:?}");
    assert_eq!(m[0], ModuleEntry { name: "NSS Internal PKCS #11 Module".into(), library: String::new() });
    assert_eq!(m[1].library, "/usr/lib/x86_64-linux-gnu/pkcs11/cns-pkcs11.so");
    assert_eq!(m[1].name, MODULE_NAME);
    assert_eq!(m[2].name, "OpenSC");
    assert!(parse_pkcs11_txt("").is_empty());
    assert!(parse_pkcs11_txt("\n\n\u{0}garbage\n").is_empty());
}

/// pkcs11.txt as Firefox on Windows keeps it: CRLF, Windows paths.
const PKCS11_TXT_WINDOWS: &str = "library=\r\nname=NSS Internal PKCS #11 Module\r\nparameters=configdir='sql:C:\\Users\\anna\\AppData\\Roaming\\Mozilla\\Firefox\\Profiles\\q.default' \r\nNSS=Flags=internal,critical trustOrder=75\r\n\r\nlibrary=C:\\Program Files\\Mozilla Firefox\\osclientcerts.dll\r\nname=OS Client Cert Module\r\n\r\n";

#[test]
fn registering_rewrites_the_module_list_as_nss_writes_it() {
    let dll = r"C:\Program Files\CNS Manager\cns_pkcs11.dll";
    let out = with_module_registered(PKCS11_TXT_WINDOWS, None, dll).unwrap();
    // Every other block kept byte for byte, ours appended with the file's own line ending.
    assert_eq!(out, format!("{PKCS11_TXT_WINDOWS}library={dll}\r\nname={MODULE_NAME}\r\n\r\n"));
    let listed = parse_pkcs11_txt(&out);
    assert_eq!(listed.len(), 3, "{listed:?}");
    assert_eq!(listed[2], ModuleEntry { name: MODULE_NAME.into(), library: dll.into() });
    // Again, or over a stale registration under another name: still one block of ours.
    let again = with_module_registered(&out, None, dll).unwrap();
    assert_eq!(again, out);
    let stale = PKCS11_TXT.replace("name=CNS (cns-manager)", "name=Tessera");
    let fixed = with_module_registered(&stale, Some("Tessera"), "/opt/cns/cns-pkcs11.so").unwrap();
    let listed = parse_pkcs11_txt(&fixed);
    assert_eq!(listed.iter().filter(|m| is_our_library(&m.library)).count(), 1, "{fixed}");
    assert_eq!(
        listed.iter().map(|m| m.name.as_str()).collect::<Vec<_>>(),
        ["NSS Internal PKCS #11 Module", "OpenSC", MODULE_NAME]
    );
    assert!(!fixed.contains('\r'));
    // A path NSS could not read back is not written.
    assert_eq!(with_module_registered(PKCS11_TXT, None, "/tmp/a\nlibrary=/evil.so"), None);
    assert_eq!(with_module_registered(PKCS11_TXT, None, ""), None);
}

/// `modutil -list -dbdir sql:DIR` of NSS 3.87 (tabs as it prints them).
const MODUTIL_LIST: &str = "\nListing of PKCS #11 Modules\n\
-----------------------------------------------------------\n\
  1. NSS Internal PKCS #11 Module\n\t   uri: pkcs11:library-manufacturer=Mozilla%20Foundation\n\
\t slots: 2 slots attached\n\tstatus: loaded\n\n\t slot: NSS Internal Cryptographic Services\n\
\ttoken: NSS Generic Crypto Services\n\n\
  2. CNS (cns-manager)\n\tlibrary name: /opt/cns/libcns_pkcs11.so\n\t   uri: pkcs11:library-manufacturer=cns-manager\n\
\t slots: There are no slots attached to this module\n\tstatus: loaded\n\
-----------------------------------------------------------\n";

#[test]
fn modutil_list_gives_names_and_libraries() {
    let m = parse_modutil_list(MODUTIL_LIST);
    assert_eq!(
        m,
        vec![
            ModuleEntry { name: "NSS Internal PKCS #11 Module".into(), library: String::new() },
            ModuleEntry { name: MODULE_NAME.into(), library: "/opt/cns/libcns_pkcs11.so".into() },
        ]
    );
}

#[test]
fn p11kit_module_file_names_its_library() {
    let ours = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../packaging/linux/cns-manager.module"
    ))
    .unwrap();
    assert_eq!(p11kit_module_library(&ours).as_deref(), Some("cns-pkcs11.so"));
    assert!(is_our_library("cns-pkcs11.so"));
    // What cargo builds on each system, wherever it is.
    assert!(is_our_library("/src/target/release/libcns_pkcs11.so"));
    assert!(is_our_library("C:\\Program Files\\CNS Manager\\cns_pkcs11.dll"));
    assert!(is_our_library("/Applications/CNS Manager.app/Contents/MacOS/libcns_pkcs11.dylib"));
    assert!(!is_our_library("C:\\Windows\\System32\\opensc-pkcs11.dll"));
    assert_eq!(p11kit_module_library("# module: x.so\ncritical: no\n"), None);
    assert_eq!(p11kit_module_library("module:   opensc-pkcs11.so  \n").as_deref(), Some("opensc-pkcs11.so"));
}

fn entry(name: &str, library: &str) -> ModuleEntry {
    ModuleEntry { name: name.into(), library: library.into() }
}

#[test]
fn the_state_follows_the_module_list() {
    let internal = entry("NSS Internal PKCS #11 Module", "");
    let all = |_: &str| true;
    let none = |_: &str| false;
    assert_eq!(decide(std::slice::from_ref(&internal), all, false), DbState::Missing);
    // p11-kit registers ours, but the database does not load the proxy: still missing.
    assert_eq!(decide(std::slice::from_ref(&internal), all, true), DbState::Missing);
    let ours = entry("CNS", "/usr/lib/x86_64-linux-gnu/pkcs11/cns-pkcs11.so");
    assert_eq!(
        decide(&[internal.clone(), ours.clone()], all, false),
        DbState::Registered { library: ours.library.clone() }
    );
    // Registered by hand under another name, from a build: still ours.
    let built = entry("my card", "/home/u/src/target/debug/libcns_pkcs11.so");
    assert!(decide(std::slice::from_ref(&built), all, false).sees_card());
    // The library is gone: stale, to be registered again.
    assert_eq!(
        decide(std::slice::from_ref(&ours), none, false),
        DbState::Stale { name: "CNS".into(), library: ours.library.clone() }
    );
    assert!(decide(std::slice::from_ref(&ours), none, false).needs_setup());
    // Fedora's way: p11-kit's proxy in the database, ours registered with p11-kit.
    let proxy = entry("p11-kit-proxy", "p11-kit-proxy.so");
    assert_eq!(decide(&[internal.clone(), proxy.clone()], all, true), DbState::ViaP11Kit);
    assert_eq!(decide(&[internal.clone(), proxy], all, false), DbState::Missing);
    // OpenSC alone does not count.
    assert_eq!(
        decide(&[internal, entry("OpenSC", "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so")], all, true),
        DbState::Missing
    );
}

#[test]
fn firefox_lock_link_names_its_process() {
    assert_eq!(lock_pid("127.0.1.1:+4242"), Some(4242));
    assert_eq!(lock_pid("fe80::1:+17"), Some(17));
    assert_eq!(lock_pid("garbage"), None);
    assert_eq!(lock_pid("host:+x"), None);
}

/// A fake home with a Firefox profile (empty NSS database made by certutil when present) and a
/// Chromium database, the module at a path of its own.
struct FakeHome {
    dir: tempfile::TempDir,
}

impl FakeHome {
    fn new() -> FakeHome {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join(".mozilla/firefox");
        std::fs::create_dir_all(root.join("abcd1234.default-release")).unwrap();
        std::fs::write(root.join("profiles.ini"), PROFILES_INI).unwrap();
        std::fs::create_dir_all(dir.path().join(".pki/nssdb")).unwrap();
        // Named as cargo names the module on this system (cns_pkcs11.dll on Windows).
        let module = format!("{}cns_pkcs11{}", std::env::consts::DLL_PREFIX, std::env::consts::DLL_SUFFIX);
        std::fs::write(dir.path().join(module), b"not really a module").unwrap();
        FakeHome { dir }
    }

    fn env(&self) -> Environment {
        Environment {
            home: Some(self.dir.path().to_path_buf()),
            env_module: None,
            settings_module: None,
            installed: vec![self.dir.path().join("usr/lib/pkcs11/cns-pkcs11.so")],
            program_dir: Some(self.dir.path().to_path_buf()),
            p11kit_dirs: vec![self.dir.path().join("p11-kit")],
            os: crate::doctor::fixes::Os::Linux,
            appdata: None,
        }
    }

    fn profile(&self) -> PathBuf {
        self.dir.path().join(".mozilla/firefox/abcd1234.default-release")
    }
}

#[test]
fn scan_finds_the_profiles_and_the_chromium_database() {
    let home = FakeHome::new();
    let env = home.env();
    let found = env.scan();
    // Only the profile whose folder exists, and ~/.pki/nssdb.
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(found[0].browser, Browser::Firefox);
    assert_eq!(found[0].profile, "default-release");
    assert_eq!(found[0].state, DbState::Missing);
    assert!(!found[0].in_use);
    assert_eq!(found[1].browser, Browser::Chromium);
    assert_eq!(found[1].dir, home.dir.path().join(".pki/nssdb"));
    // The JSON names are the codes the doctor's ids use.
    for b in [
        Browser::Firefox,
        Browser::FirefoxSnap,
        Browser::FirefoxFlatpak,
        Browser::Chromium,
        Browser::ChromiumSnap,
    ] {
        assert_eq!(serde_json::to_value(b).unwrap(), b.code());
    }

    // Registered in the profile's pkcs11.txt, at a path that exists.
    let lib = home.dir.path().join("libcns_pkcs11.so");
    std::fs::write(
        home.profile().join("pkcs11.txt"),
        format!("library=\nname=NSS\n\nlibrary={}\nname=CNS\n", lib.display()),
    )
    .unwrap();
    assert_eq!(
        read_state(&home.profile(), false),
        DbState::Registered { library: lib.display().to_string() }
    );

    // Firefox running with the profile (the lock names this very process): in use.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(format!("127.0.1.1:+{}", std::process::id()), home.profile().join("lock"))
            .unwrap();
        assert!(env.scan()[0].in_use);
        std::fs::remove_file(home.profile().join("lock")).unwrap();
        // A lock left by a crash (no such process): not in use.
        std::os::unix::fs::symlink("127.0.1.1:+999999999", home.profile().join("lock")).unwrap();
        assert!(!env.scan()[0].in_use);
    }
}

#[test]
fn the_module_comes_from_env_then_settings_then_package_then_beside_the_program() {
    let home = FakeHome::new();
    let mut env = home.env();
    let beside = env.module().unwrap();
    assert_eq!(beside.source, ModuleSource::BesideProgram);
    assert!(beside.exists);
    let installed = home.dir.path().join("usr/lib/pkcs11/cns-pkcs11.so");
    std::fs::create_dir_all(installed.parent().unwrap()).unwrap();
    std::fs::write(&installed, b"x").unwrap();
    assert_eq!(env.module().unwrap().source, ModuleSource::Installed);
    env.settings_module = Some(PathBuf::from("/nowhere/cns.so"));
    let from_settings = env.module().unwrap();
    assert_eq!((from_settings.source, from_settings.exists), (ModuleSource::Settings, false));
    env.env_module = Some(installed.clone());
    assert_eq!(
        env.module().unwrap(),
        ModuleLocation { path: installed, source: ModuleSource::Env, exists: true }
    );
    env = home.env();
    env.program_dir = None;
    std::fs::remove_dir_all(home.dir.path().join("usr")).unwrap();
    assert_eq!(env.module(), None);
}

#[test]
fn p11kit_registration_is_read_from_its_module_files() {
    let home = FakeHome::new();
    let env = home.env();
    assert!(!env.p11kit_has_ours());
    let dir = home.dir.path().join("p11-kit");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("opensc.module"), "module: opensc-pkcs11.so\n").unwrap();
    assert!(!env.p11kit_has_ours());
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../packaging/linux/cns-manager.module"),
        dir.join("cns-manager.module"),
    )
    .unwrap();
    assert!(env.p11kit_has_ours());
    // With the proxy in the Chromium database, Chromium sees the card.
    std::fs::write(
        home.dir.path().join(".pki/nssdb/pkcs11.txt"),
        "library=p11-kit-proxy.so\nname=p11-kit-proxy\n",
    )
    .unwrap();
    assert_eq!(env.scan()[1].state, DbState::ViaP11Kit);
}

/// The real module built beside the test binary's target dir, when it was built.
fn built_module() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    // target/debug/deps/cns_manager-HASH → target/debug/libcns_pkcs11.so
    let m = exe.parent()?.parent()?.join("libcns_pkcs11.so");
    m.is_file().then_some(m)
}

fn have(tool: &str) -> bool {
    std::process::Command::new(tool).arg("--help").output().is_ok()
}

#[test]
#[cfg_attr(windows, ignore = "needs modutil (NSS tools, absent under Wine)")]
fn register_adds_the_module_once_and_refuses_a_running_firefox() {
    let (Some(module), true) = (built_module(), have("modutil")) else {
        eprintln!(
            "skipped: needs modutil (libnss3-tools) and target/debug/libcns_pkcs11.so (cargo build -p cns-pkcs11)"
        );
        return;
    };
    let home = FakeHome::new();
    let env = home.env();
    let db = env.scan().remove(0);
    assert_eq!(db.state, DbState::Missing);
    // Firefox running: nothing is written.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(format!("127.0.1.1:+{}", std::process::id()), home.profile().join("lock"))
            .unwrap();
        assert_eq!(register(&db, &module, false), Err(RegisterError::InUse));
        assert!(!home.profile().join("pkcs11.txt").exists());
        std::fs::remove_file(home.profile().join("lock")).unwrap();
    }
    assert_eq!(register(&db, &module, false), Ok(Registered::Done));
    let text = std::fs::read_to_string(home.profile().join("pkcs11.txt")).unwrap();
    assert_eq!(text.matches(&format!("library={}", module.display())).count(), 1, "{text}");
    assert!(text.contains(&format!("name={MODULE_NAME}")), "{text}");
    // Again: already there, nothing added.
    assert_eq!(register(&db, &module, false), Ok(Registered::Already));
    assert_eq!(std::fs::read_to_string(home.profile().join("pkcs11.txt")).unwrap(), text);
    // A stale registration (the module moved) is replaced, not duplicated.
    let moved = home.dir.path().join("gone/libcns_pkcs11.so");
    let stale = text.replace(&module.display().to_string(), &moved.display().to_string());
    std::fs::write(home.profile().join("pkcs11.txt"), &stale).unwrap();
    assert!(matches!(read_state(&home.profile(), false), DbState::Stale { .. }));
    assert_eq!(register(&db, &module, false), Ok(Registered::Done));
    let text = std::fs::read_to_string(home.profile().join("pkcs11.txt")).unwrap();
    assert_eq!(parse_pkcs11_txt(&text).iter().filter(|m| is_our_library(&m.library)).count(), 1, "{text}");
    // A module that is not there is refused before modutil runs.
    let chromium = env.scan().remove(1);
    assert_eq!(register(&chromium, &moved, false), Err(RegisterError::NoModule(moved)));
}

/// The module list written without modutil (as on Windows), read back by NSS itself: `modutil
/// -list` loads our module from it, and NSS can remove it again.
#[test]
#[cfg_attr(windows, ignore = "needs modutil and certutil (NSS tools, absent under Wine)")]
fn nss_loads_the_module_from_the_list_written_without_modutil() {
    let (Some(module), true) = (built_module(), have("modutil") && have("certutil")) else {
        eprintln!(
            "skipped: needs modutil and certutil (libnss3-tools) and target/debug/libcns_pkcs11.so (cargo build -p cns-pkcs11)"
        );
        return;
    };
    let home = FakeHome::new();
    let dir = home.profile();
    let nss = |args: &[&str]| {
        let out = std::process::Command::new(args[0]).args(&args[1..]).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let sql = format!("sql:{}", dir.display());
    nss(&["certutil", "-N", "--empty-password", "-d", &sql]);
    let before = std::fs::read_to_string(dir.join("pkcs11.txt")).unwrap();
    let db = home.env().scan().remove(0);
    assert_eq!(register(&db, &module, false), Ok(Registered::Done));
    let after = std::fs::read_to_string(dir.join("pkcs11.txt")).unwrap();
    assert!(after.starts_with(&before), "the internal module's block changed:\n{after}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.join("pkcs11.txt")).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "pkcs11.txt became readable by others: {mode:o}");
    }
    let list = nss(&["modutil", "-list", "-dbdir", &sql]);
    let ours = list
        .split_once(&format!(". {MODULE_NAME}"))
        .map(|(_, rest)| rest)
        .unwrap_or_else(|| panic!("{list}"));
    let ours = ours.split("-----").next().unwrap_or_default();
    assert!(ours.contains(&format!("library name: {}", module.display())), "{list}");
    assert!(ours.contains("library-manufacturer=cns-manager") && ours.contains("status: loaded"), "{list}");
    nss(&["modutil", "-delete", MODULE_NAME, "-dbdir", &sql, "-force"]);
    assert_eq!(read_state(&dir, false), DbState::Missing);
    assert!(!dir.join("pkcs11.txt.cns-manager").exists());
}

/// Firefox on Windows keeps `parent.lock` open, shared with no one, while it runs.
#[cfg(windows)]
#[test]
fn on_windows_a_held_parent_lock_means_firefox_is_running() {
    use std::os::windows::fs::OpenOptionsExt;
    let home = FakeHome::new();
    let dir = home.profile();
    std::fs::write(dir.join("pkcs11.txt"), PKCS11_TXT_WINDOWS).unwrap();
    let module = home.dir.path().join("cns_pkcs11.dll");
    let db = home.env().scan().remove(0);
    let held = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(true)
        .share_mode(0)
        .open(dir.join("parent.lock"))
        .unwrap();
    assert_eq!(register(&db, &module, false), Err(RegisterError::InUse));
    assert_eq!(std::fs::read_to_string(dir.join("pkcs11.txt")).unwrap(), PKCS11_TXT_WINDOWS);
    // Closed (a crash leaves the file): not running, and the list gets our module, CRLF kept.
    drop(held);
    assert_eq!(register(&db, &module, false), Ok(Registered::Done));
    let text = std::fs::read_to_string(dir.join("pkcs11.txt")).unwrap();
    assert!(text.ends_with(&format!("library={}\r\nname={MODULE_NAME}\r\n\r\n", module.display())), "{text}");
}

/// Windows: Firefox's profiles under %APPDATA%\Mozilla\Firefox, and no Chromium database to set
/// up (Chrome and Edge take the card from Windows' certificate store); the doctor says so.
#[test]
fn on_windows_firefox_is_found_under_appdata_and_chrome_needs_nothing() {
    let home = FakeHome::new();
    let appdata = home.dir.path().join("AppData/Roaming");
    let root = appdata.join("Mozilla").join("Firefox");
    std::fs::create_dir_all(root.join("abcd1234.default-release")).unwrap();
    std::fs::write(root.join("profiles.ini"), PROFILES_INI).unwrap();
    let env = Environment { os: crate::doctor::fixes::Os::Windows, appdata: Some(appdata), ..home.env() };
    let found = env.scan();
    // The Linux places of the same home (~/.mozilla, ~/.pki/nssdb) are not Windows' places.
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].browser, Browser::Firefox);
    assert_eq!(found[0].dir, root.join("abcd1234.default-release"));
    let checks = crate::doctor::browser_checks(&env, Lang::It);
    let chrome = checks.iter().find(|c| c.id == "browser:chrome-edge:windows").unwrap();
    assert!(chrome.detail.contains("minidriver"), "{chrome:?}");
    assert!(chrome.fix.is_none());
    // Linux: no such line, the Chromium database is in the list instead.
    let linux = crate::doctor::browser_checks(&home.env(), Lang::It);
    assert!(linux.iter().all(|c| c.id != "browser:chrome-edge:windows"));
    assert!(linux.iter().any(|c| c.id == "browser:chromium:nssdb"));
}
