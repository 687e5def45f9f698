#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::*;
use cns_core::{CardSession, CardTransport};
use cns_sim::{HolderPreset, QuirkMode, SimCard, SimHandle};
use std::path::PathBuf;

fn no_files(dir: &std::path::Path) -> SettingsPaths {
    SettingsPaths { system: Some(dir.join("sys.toml")), user: Some(dir.join("user.toml")) }
}

#[test]
fn service_diagnosis_tells_missing_stopped_and_refused_apart() {
    let unavailable = Err(TransportError::ServiceUnavailable);
    let probe = |installed, socket_exists| platform::ServiceProbe {
        socket: Some(PathBuf::from("/run/pcscd/pcscd.comm")),
        socket_exists,
        installed,
        socket_activation: Some(true),
        listening: None,
        os: fixes::Os::Linux,
    };
    let not_installed = &service_checks(&unavailable, false, &probe(false, false), Lang::It)[0];
    assert_eq!(not_installed.level, Level::Problem);
    assert!(not_installed.detail.contains("non è installato"), "{not_installed:?}");
    assert!(not_installed.fix.as_deref().unwrap().contains("apt install pcscd"));
    let stopped = &service_checks(&unavailable, false, &probe(true, false), Lang::En)[0];
    assert!(stopped.detail.contains("not running"), "{stopped:?}");
    assert!(stopped.fix.as_deref().unwrap().contains("systemctl enable --now pcscd.socket"));
    let refused = &service_checks(&unavailable, false, &probe(true, true), Lang::It)[0];
    assert!(refused.detail.contains("polkit"), "{refused:?}");
    // The socket is there and answers: polkit for sure (no "if it stopped, restart it").
    let answering = platform::ServiceProbe { listening: Some(true), ..probe(true, true) };
    let refused = &service_checks(&unavailable, false, &answering, Lang::En)[0];
    assert!(
        refused.detail.contains("running but refused") && refused.detail.contains("polkit"),
        "{refused:?}"
    );
    assert!(!refused.fix.as_deref().unwrap().contains("restart"), "{refused:?}");
    // pcsc-lite says so itself...
    // ... or its client library does, with either of two codes.
    for code in [cns_pcsc::pcsc::Error::NoAccess, cns_pcsc::pcsc::Error::SecurityViolation] {
        let denied = Err(TransportError::other(code));
        let refused = &service_checks(&denied, false, &probe(true, true), Lang::En)[0];
        assert!(refused.detail.contains("running but refused"), "{code:?}: {refused:?}");
    }
    // The socket is there but the connection is refused: a crashed service, not polkit.
    let stale = platform::ServiceProbe { listening: Some(false), ..probe(true, true) };
    let crashed = &service_checks(&unavailable, false, &stale, Lang::It)[0];
    assert_eq!(crashed.level, Level::Problem);
    assert!(
        crashed.detail.contains("connessione rifiutata") && !crashed.detail.contains("polkit"),
        "{crashed:?}"
    );
    assert!(crashed.fix.as_deref().unwrap().contains("sudo systemctl restart pcscd"), "{crashed:?}");
    // Another error: restart it, in the words of the system.
    let other = Err(TransportError::other(cns_pcsc::pcsc::Error::InternalError));
    let windows = platform::ServiceProbe { os: fixes::Os::Windows, socket: None, ..probe(true, false) };
    let f = &service_checks(&other, false, &windows, Lang::En)[0];
    assert!(f.fix.as_deref().unwrap().contains("services.msc"), "{f:?}");
    let f = &service_checks(&unavailable, false, &windows, Lang::It)[0];
    assert!(f.detail.contains("SCardSvr") && !f.fix.as_deref().unwrap().contains("systemctl"), "{f:?}");
    let ok = service_checks(&Ok(vec![]), false, &probe(true, true), Lang::It);
    assert_eq!(ok.len(), 1);
    assert_eq!(ok[0].level, Level::Ok);
    let not_enabled = platform::ServiceProbe { socket_activation: Some(false), ..probe(true, true) };
    let warned = service_checks(&Err(TransportError::NoReader), false, &not_enabled, Lang::It);
    assert_eq!(warned[1].id, "service-activation");
    assert_eq!(warned[1].level, Level::Warning);
}

#[test]
fn missing_ccid_driver_is_a_problem_with_its_fix() {
    let f = ccid_check(None, Lang::It);
    assert_eq!(f.level, Level::Problem);
    // The fix in this system's words: Windows and macOS bring the class driver themselves.
    let fix = f.fix.unwrap();
    if cfg!(windows) {
        assert!(fix.contains("Windows installa") && !fix.contains("apt"), "{fix}");
    } else if cfg!(target_os = "macos") {
        assert!(fix.contains("macOS") && !fix.contains("apt"), "{fix}");
    } else {
        assert!(fix.contains("libccid"), "{fix}");
    }
    assert_eq!(ccid_check(Some("1.5.2".into()), Lang::En).detail, "Installed, version 1.5.2.");
}

#[test]
fn no_reader_is_a_problem() {
    let f = reader_checks(&[], false, Lang::It);
    assert_eq!(f[0].level, Level::Problem);
    assert!(f[0].fix.is_some());
}

#[test]
fn invalid_settings_file_is_a_problem_and_the_user_file_wins() {
    let dir = tempfile::tempdir().unwrap();
    let paths = no_files(dir.path());
    std::fs::write(paths.system.as_ref().unwrap(), "lang = \"en\"\nmode = \"counter\"\n").unwrap();
    std::fs::write(paths.user.as_ref().unwrap(), "lang = \"it\"\n").unwrap();
    let f = settings_checks(&paths, Lang::It);
    assert!(f.iter().all(|c| c.level == Level::Ok), "{f:?}");
    let effective = f.iter().find(|c| c.id == "settings").unwrap();
    assert!(effective.detail.contains("lang = it (utente)"), "{}", effective.detail);
    assert!(effective.detail.contains("mode = counter (sistema)"), "{}", effective.detail);
    assert!(effective.detail.contains("zoom = 1 (predefinito)"), "{}", effective.detail);

    std::fs::write(paths.user.as_ref().unwrap(), "lang = [it\n").unwrap();
    let f = settings_checks(&paths, Lang::En);
    let user = f.iter().find(|c| c.id == "settings-user").unwrap();
    assert_eq!(user.level, Level::Problem);
    assert!(user.detail.contains("not valid"), "{user:?}");
    // An unknown key is as invalid as broken syntax (the app ignores the file).
    std::fs::write(paths.user.as_ref().unwrap(), "pin = \"12345\"\n").unwrap();
    let f = settings_checks(&paths, Lang::It);
    assert_eq!(f.iter().find(|c| c.id == "settings-user").unwrap().level, Level::Problem);
}

/// A contact card that is not a CNS: an ATR without the CNS marker, and "file not found" to
/// every command.
struct OtherCard;
struct OtherSession;
impl CardTransport for OtherCard {
    fn atr(&self) -> &[u8] {
        &[
            0x3B, 0x8F, 0x80, 0x01, 0x80, 0x4F, 0x0C, 0xA0, 0x00, 0x00, 0x03, 0x06, 0x03, 0x00, 0x01, 0x00,
            0x00, 0x00, 0x00, 0x6A,
        ]
    }
    fn session(&mut self) -> Result<Box<dyn CardSession + '_>, TransportError> {
        Ok(Box::new(OtherSession))
    }
}
impl CardSession for OtherSession {
    fn transmit(&mut self, _apdu: &[u8]) -> Result<Vec<u8>, TransportError> {
        Ok(vec![0x6A, 0x82])
    }
}

#[test]
fn a_card_that_is_not_a_cns_is_named_so() {
    let (f, info) = inspect_card(&mut OtherCard, "R", "card:R", "Tessera", Lang::It);
    assert_eq!(f.len(), 1, "{f:?}");
    // Alone, it is a problem: the user's TS-CNS is not there.
    assert_eq!(f[0].level, Level::Problem);
    assert!(f[0].detail.contains("Non è una Tessera Sanitaria"), "{f:?}");
    assert!(f[0].fix.as_deref().unwrap().contains("Inserisci la Tessera Sanitaria – CNS"), "{f:?}");
    assert!(!info.readable);
    assert!(info.not_cns);
    assert!(!info.trace.is_empty());
}

/// A diagnosis of the cards in `readers` (each an OtherCard or the simulated CNS), settled as
/// [`diagnose`] does.
fn cards_diagnosis(readers: &[(&str, bool)], lang: Lang) -> Diagnosis {
    let mut d = Diagnosis { demo: false, checks: vec![], versions: vec![], readers: vec![], cards: vec![] };
    for (name, cns) in readers {
        let id = format!("card:{name}");
        let (f, info) = if *cns {
            inspect_card(&mut SimHandle::default().transport(), name, &id, "T", lang)
        } else {
            inspect_card(&mut OtherCard, name, &id, "T", lang)
        };
        d.checks.extend(f);
        d.cards.push(info);
    }
    settle_not_cns(&mut d, readers.len(), lang);
    d
}

#[test]
fn a_card_of_another_kind_is_a_problem_only_without_a_cns() {
    // Only a bank card: a problem (exit 1), with the fix.
    let d = cards_diagnosis(&[("A", false)], Lang::It);
    assert_eq!(d.problems(), 1, "{d:#?}");
    let f = d.find("card:A").unwrap();
    assert!(f.fix.as_deref().unwrap().contains("Inserisci la Tessera Sanitaria – CNS"), "{f:?}");
    // Two, neither a CNS: both problems.
    let d = cards_diagnosis(&[("A", false), ("B", false)], Lang::En);
    assert_eq!(d.problems(), 2, "{d:#?}");
    // A TS-CNS in the other reader: the bank card is only a warning, with nothing to fix.
    let d = cards_diagnosis(&[("A", false), ("B", true)], Lang::En);
    assert_eq!(d.problems(), 0, "{d:#?}");
    let f = d.find("card:A").unwrap();
    assert_eq!(f.level, Level::Warning);
    assert!(f.detail.contains("Not a Tessera Sanitaria") && f.detail.contains("in another reader"), "{f:?}");
    assert_eq!(f.fix, None);
    assert_eq!(d.find("card:B").unwrap().level, Level::Ok);
    // A card that could not be read (another program holds it) may be the TS-CNS: a warning.
    let mut d = cards_diagnosis(&[("A", false)], Lang::It);
    settle_not_cns(&mut d, 2, Lang::It);
    assert_eq!(d.find("card:A").unwrap().level, Level::Warning);
}

#[test]
fn demo_card_is_recognised_and_readable() {
    let backend = Backend::Demo(SimHandle::default());
    let dir = tempfile::tempdir().unwrap();
    let d = diagnose(&backend, Lang::It, &no_files(dir.path()), None);
    assert_eq!(d.problems(), 0, "{d:#?}");
    let card = d.checks.iter().find(|c| c.id.starts_with("card:")).unwrap();
    assert_eq!(card.level, Level::Ok);
    assert!(card.detail.contains("Athena"), "{card:?}");
    assert_eq!(d.cards[0].serial_region_digits.as_deref(), Some("6090"));
}

#[test]
fn a_blocked_pin_is_reported_with_the_unblock_fix() {
    let handle = SimHandle::default();
    for _ in 0..3 {
        let _ = handle.transmit(&[0x00, 0x20, 0x00, 0x10, 0x05, b'0', b'0', b'0', b'0', b'0']);
    }
    let backend = Backend::Demo(handle);
    let (f, _) = card_check(&backend, crate::backend::DEMO_READER, Lang::En);
    let pin = f.iter().find(|c| c.id.ends_with(":pin")).expect("a PIN finding");
    assert!(pin.fix.as_deref().unwrap().contains("cns-manager unblock"));
}

/// Every encoding a value could take in a trace: ASCII (any case), hex of its ASCII bytes, and
/// for digits their BCD packing. Compared against the report without spaces, upper-cased, so
/// "31 32" and "3132" both count.
fn leaks(report: &str, value: &str) -> Vec<String> {
    let compact: String = report.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase();
    let upper = report.to_uppercase();
    let v = value.to_uppercase();
    let mut found = Vec::new();
    if upper.contains(&v) || compact.contains(&v.replace(' ', "")) {
        found.push(format!("ascii {value}"));
    }
    let hex: String = value.bytes().map(|b| format!("{b:02X}")).collect();
    if compact.contains(&hex) {
        found.push(format!("hex {value} = {hex}"));
    }
    // BCD: the digits two per byte, shown in hex as the digits themselves (and nibble-swapped).
    let digits: String = value.chars().filter(char::is_ascii_digit).collect();
    if digits.len() >= 4 && digits.len() == value.len() {
        let swapped: String =
            digits.as_bytes().chunks(2).flat_map(|p| p.iter().rev()).map(|&b| b as char).collect();
        for bcd in [&digits, &swapped] {
            if compact.contains(bcd.as_str()) {
                found.push(format!("bcd {value} = {bcd}"));
            }
        }
    }
    found
}

#[test]
fn support_report_of_the_simulated_card_leaks_no_personal_datum() {
    for preset in HolderPreset::all() {
        let handle = SimHandle::new(SimCard::new(QuirkMode::Standard, *preset));
        let holder = handle.card().holder().clone();
        let backend = Backend::Demo(handle.clone());
        let dir = tempfile::tempdir().unwrap();
        let d = diagnose(&backend, Lang::It, &no_files(dir.path()), None);
        let report = report::render(&d, Lang::It);

        // The report is really there: the card's ATR, profile, region and a full trace.
        let atr: String = handle.atr().unwrap().iter().map(|b| format!("{b:02X}")).collect();
        assert!(report.contains(&atr), "{report}");
        assert!(report.contains("Profilo: Athena"), "{report}");
        assert!(report.contains(&format!("{} **** **** ****", holder.issuer)), "{report}");
        assert!(report.matches("(SELECT)").count() >= 3, "{report}");
        assert!(report.matches("(READ BINARY)").count() >= 3, "{report}");
        assert!(report.contains("90 00"), "{report}");

        // The certificate's subject (its CN holds the codice fiscale and the serial).
        let mut t = handle.transport();
        let der = cns_core::card::read_certificate(&mut t).unwrap();
        let subject = cns_core::cert::CertSummary::from_der(&der).unwrap();
        let mut secrets: Vec<String> = vec![subject.subject.clone()];
        secrets.extend(subject.subject_cn.clone());
        secrets.extend(
            subject.subject.split(',').map(|p| p.split('=').next_back().unwrap_or("").trim().to_owned()),
        );
        let [
            _issuer,
            issue,
            expiry,
            surname,
            given,
            birth,
            _sex,
            _h,
            cf,
            _c,
            birth_place,
            _fs,
            _act,
            residence,
            address,
            _n,
        ] = holder.fields();
        for v in [issue, expiry, surname, given, birth, cf, birth_place, residence, address] {
            secrets.push(v.to_owned());
        }
        // Birth date in every shape a screen or a file could use.
        let (dd, mm, yyyy) = (&birth[0..2], &birth[2..4], &birth[4..8]);
        secrets.extend([format!("{yyyy}{mm}{dd}"), format!("{dd}/{mm}/{yyyy}"), format!("{yyyy}-{mm}-{dd}")]);
        // The serial beyond its region digits, whole and alone.
        secrets.push(holder.card_serial.clone());
        secrets.push(holder.card_serial[4..].to_owned());
        secrets.push(cns_sim::DEFAULT_PIN.to_owned());
        secrets.push(cns_sim::DEFAULT_PUK.to_owned());
        let secrets: Vec<String> = secrets.into_iter().filter(|s| s.len() >= 4).collect();
        assert!(secrets.len() >= 12, "{secrets:?}");
        for s in &secrets {
            let found = leaks(&report, s);
            assert!(found.is_empty(), "{preset:?}: the report leaks {found:?}:\n{report}");
        }
    }
}

#[test]
fn the_leak_detector_does_find_each_encoding() {
    assert!(!leaks("nome: Bianchi", "BIANCHI").is_empty());
    assert!(!leaks("< 42 49 41 4E 43 48 49 90 00", "BIANCHI").is_empty());
    assert!(!leaks("< 12 05 19 90 90 00", "12051990").is_empty());
    assert!(!leaks("< 21 50 91 09", "12051990").is_empty());
    assert!(leaks("< [7 byte omessi/redacted] 90 00", "BIANCHI").is_empty());
}

/// The commented settings files the packages install (/etc/cns-manager/config.toml, and the MSI's
/// C:\ProgramData\cns-manager\config.toml.example): valid as they are (all commented), and valid
/// with every setting uncommented, so their examples stay true.
#[test]
fn the_packaged_settings_files_are_valid_commented_and_uncommented() {
    for text in [
        include_str!("../../../../packaging/linux/config.toml"),
        include_str!("../../../../packaging/windows/config.toml.example"),
    ] {
        settings_file_valid_commented_and_uncommented(text);
    }
}

fn settings_file_valid_commented_and_uncommented(text: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, text).unwrap();
    assert_eq!(crate::settings::inspect_file(&path).unwrap(), Some(vec![]));
    let uncommented: String = text
        .lines()
        .map(|l| match l.strip_prefix('#') {
            Some(rest) if rest.contains(" = ") && !rest.starts_with(' ') => rest,
            _ => l,
        })
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&path, uncommented).unwrap();
    assert_eq!(
        crate::settings::inspect_file(&path).unwrap(),
        Some(vec!["lang", "preferred_reader", "mode", "zoom", "pkcs11_module"])
    );
}

#[test]
fn each_browser_database_is_a_check_with_the_fix() {
    use crate::browser::system::Environment;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join(".mozilla/firefox");
    std::fs::create_dir_all(root.join("a.default")).unwrap();
    std::fs::create_dir_all(root.join("b.work")).unwrap();
    std::fs::write(
        root.join("profiles.ini"),
        "[Profile0]\nName=default\nPath=a.default\nIsRelative=1\n[Profile1]\nName=work\nPath=b.work\nIsRelative=1\n",
    )
    .unwrap();
    let lib = dir.path().join("libcns_pkcs11.so");
    std::fs::write(&lib, b"x").unwrap();
    std::fs::write(root.join("b.work/pkcs11.txt"), format!("library={}\nname=CNS\n", lib.display())).unwrap();
    std::fs::create_dir_all(dir.path().join(".pki/nssdb")).unwrap();
    let env = Environment {
        home: Some(dir.path().to_path_buf()),
        env_module: Some(lib),
        settings_module: None,
        installed: vec![],
        program_dir: None,
        p11kit_dirs: vec![],
        os: crate::doctor::fixes::Os::Linux,
        appdata: None,
    };
    let f = browser_checks(&env, Lang::It);
    assert_eq!(f.len(), 3, "{f:#?}");
    let missing = f.iter().find(|c| c.id == "browser:firefox:default").unwrap();
    assert_eq!(missing.level, Level::Warning);
    assert!(missing.title.contains("Firefox – profilo «default»"), "{missing:?}");
    assert!(missing.detail.contains("Non vede la tessera"), "{missing:?}");
    assert!(missing.fix.as_deref().unwrap().starts_with("cns-manager browser-setup"), "{missing:?}");
    let ok = f.iter().find(|c| c.id == "browser:firefox:work").unwrap();
    assert_eq!((ok.level, ok.fix.is_none()), (Level::Ok, true));
    let chromium = f.iter().find(|c| c.id == "browser:chromium:nssdb").unwrap();
    assert_eq!(chromium.level, Level::Warning);
    // Warnings: the doctor's exit code does not change for a browser.
    let d = Diagnosis { demo: true, checks: f, versions: vec![], readers: vec![], cards: vec![] };
    assert_eq!(d.problems(), 0);
    // In JSON, a check like any other.
    let text = to_text(&d, Lang::En);
    assert!(text.contains("How to fix: cns-manager browser-setup"), "{text}");
    // No module anywhere: the fix says to install the package.
    let env = Environment { env_module: None, ..env };
    let f = browser_checks(&env, Lang::En);
    let missing = f.iter().find(|c| c.id == "browser:firefox:default").unwrap();
    assert!(missing.fix.as_deref().unwrap().starts_with("Install the cns-manager package"), "{missing:?}");
}
