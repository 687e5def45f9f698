//! `cns-manager doctor` through a real pcscd, each problem made to happen for real: no smart card
//! service, a service that crashed (its socket left behind), one that refuses this session, a
//! service with no reader, a card held exclusively by another program, a card that is not a
//! TS-CNS, an invalid settings file; and a healthy card, whose support report must not leak the
//! holder's data.
//! Skipped without the rig (scripts/test.sh).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use cns_sim::{Holder, QuirkMode};
use cns_tests::rig::{CardOpts, Rig, Run, rig, run};
use serde_json::Value;

/// `cns-manager doctor ARGS` as a client of the rig, with a settings folder of its own.
fn doctor(rig: &Rig, config: &Path, args: &[&str], socket: Option<&Path>) -> Run {
    let mut c = rig.client(rig.bin("cns-manager"));
    c.env("XDG_CONFIG_HOME", config).arg("doctor").args(args);
    if let Some(s) = socket {
        c.env("PCSCLITE_CSOCK_NAME", s);
    }
    run(c, None, Duration::from_secs(30))
}

fn check<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no check {id} in {report:#}"))
}

#[test]
fn no_smart_card_service_is_a_problem_with_its_fix() {
    let Some(rig) = rig("no_smart_card_service_is_a_problem_with_its_fix") else { return };
    let dir = tempfile::tempdir().unwrap();
    let r = doctor(rig, dir.path(), &["--json"], Some(&dir.path().join("no-pcscd.comm")));
    assert_eq!(r.code, 1, "{r}");
    let v = r.json();
    let service = check(&v, "service");
    assert_eq!(service["level"], "problem", "{r}");
    // pcscd is installed on this machine: "not running", and how to start it.
    assert!(service["detail"].as_str().unwrap().contains("non è in esecuzione"), "{r}");
    assert!(service["fix"].as_str().unwrap().contains("systemctl enable --now pcscd.socket"), "{r}");
}

/// A pcscd of its own with no reader configured, in a private mount namespace (as the rig's).
struct BarePcscd {
    child: Child,
    socket: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

impl BarePcscd {
    fn start() -> BarePcscd {
        let dir = tempfile::tempdir().unwrap();
        let run_dir = dir.path().join("run");
        let conf = dir.path().join("reader.conf.d");
        std::fs::create_dir_all(&run_dir).unwrap();
        std::fs::create_dir_all(&conf).unwrap();
        let script = format!(
            "mkdir -p /run/pcscd && mount --bind '{}' /run/pcscd && exec pcscd --foreground -c '{}'",
            run_dir.display(),
            conf.display()
        );
        let child = Command::new("unshare")
            .args(["--mount", "--propagation", "private", "sh", "-c", &script])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start pcscd");
        let socket = run_dir.join("pcscd.comm");
        let t0 = Instant::now();
        while !socket.exists() {
            assert!(t0.elapsed() < Duration::from_secs(30), "the bare pcscd did not come up");
            std::thread::sleep(Duration::from_millis(50));
        }
        BarePcscd { child, socket, _dir: dir }
    }
}

impl Drop for BarePcscd {
    fn drop(&mut self) {
        // `exec` made the child pcscd itself: stop it by its pid.
        let _ = Command::new("kill").arg(self.child.id().to_string()).status();
        let t0 = Instant::now();
        while self.child.try_wait().ok().flatten().is_none() && t0.elapsed() < Duration::from_secs(3) {
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A pcscd that crashed leaves its socket behind: the doctor must say "not running, restart
/// it", not blame polkit (which is what a socket that exists but refuses us used to mean).
#[test]
fn a_crashed_service_leaves_its_socket_and_is_told_from_a_refusal() {
    let Some(rig) = rig("a_crashed_service_leaves_its_socket_and_is_told_from_a_refusal") else { return };
    let mut pcscd = BarePcscd::start();
    // kill -9, as a crash: pcscd cannot remove its socket.
    pcscd.child.kill().unwrap();
    pcscd.child.wait().unwrap();
    assert!(pcscd.socket.exists(), "pcscd removed its socket on SIGKILL?");
    let dir = tempfile::tempdir().unwrap();
    let r = doctor(rig, dir.path(), &["--json"], Some(&pcscd.socket));
    assert_eq!(r.code, 1, "{r}");
    let v = r.json();
    let service = check(&v, "service");
    assert_eq!(service["level"], "problem", "{r}");
    let detail = service["detail"].as_str().unwrap();
    assert!(detail.contains("non è in esecuzione") && detail.contains("connessione rifiutata"), "{r}");
    assert!(!detail.contains("polkit"), "{r}");
    assert!(service["fix"].as_str().unwrap().contains("sudo systemctl restart pcscd"), "{r}");
}

/// What pcscd does to a client polkit refuses: it accepts the connection and closes it at once.
/// A socket that does just that: the doctor must blame the refusal, not a stopped service.
/// (pcsc-lite's Unix socket and polkit exist only there: not compiled for Windows.)
#[cfg(unix)]
#[test]
fn a_service_that_answers_and_refuses_is_named_so() {
    let Some(rig) = rig("a_service_that_answers_and_refuses_is_named_so") else { return };
    let dir = tempfile::tempdir().unwrap();
    let socket = dir.path().join("pcscd.comm");
    let listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            drop(conn);
        }
    });
    let r = doctor(rig, dir.path(), &["--json", "--lang", "en"], Some(&socket));
    assert_eq!(r.code, 1, "{r}");
    let v = r.json();
    let service = check(&v, "service");
    assert_eq!(service["level"], "problem", "{r}");
    let detail = service["detail"].as_str().unwrap();
    assert!(detail.contains("running but refused this session") && detail.contains("polkit"), "{r}");
    assert!(service["fix"].as_str().unwrap().contains("polkit rule"), "{r}");
}

#[test]
fn a_service_with_no_reader_says_connect_one() {
    let Some(rig) = rig("a_service_with_no_reader_says_connect_one") else { return };
    let pcscd = BarePcscd::start();
    let dir = tempfile::tempdir().unwrap();
    let r = doctor(rig, dir.path(), &["--json", "--lang", "en"], Some(&pcscd.socket));
    assert_eq!(r.code, 1, "{r}");
    let v = r.json();
    assert_eq!(check(&v, "service")["level"], "ok", "{r}");
    let readers = check(&v, "readers");
    assert_eq!(readers["level"], "problem", "{r}");
    assert!(readers["detail"].as_str().unwrap().contains("No smart card reader"), "{r}");
    assert!(readers["fix"].as_str().unwrap().contains("Connect the USB reader"), "{r}");
}

#[test]
fn a_card_held_by_another_program_is_named_and_released_it_is_fine() {
    let Some(rig) = rig("a_card_held_by_another_program_is_named_and_released_it_is_fine") else { return };
    let card = rig.card(CardOpts::standard());
    let dir = tempfile::tempdir().unwrap();
    // (held far longer than the test; let go below)
    let holder = rig.hold(card.reader(), "exclusive", 600);

    let r = doctor(rig, dir.path(), &["--json", "--reader", card.reader()], None);
    assert_eq!(r.code, 1, "{r}");
    let v = r.json();
    let held = check(&v, &format!("card:{}:in-use", card.reader()));
    assert_eq!(held["level"], "problem", "{r}");
    assert!(held["detail"].as_str().unwrap().contains("SCARD_E_SHARING_VIOLATION"), "{r}");
    assert!(held["fix"].as_str().unwrap().contains("Chiudi gli altri programmi"), "{r}");

    // The holder disconnects before it exits: pcscd has the card free once it is gone (a killed
    // holder would be freed only when pcscd noticed its closed socket, on pcscd's schedule).
    holder.let_go();
    let r = doctor(rig, dir.path(), &["--json", "--reader", card.reader()], None);
    let v = r.json();
    let ok = check(&v, &format!("card:{}", card.reader()));
    assert_eq!(ok["level"], "ok", "{r}");
    assert!(ok["detail"].as_str().unwrap().contains("Athena"), "{r}");
}

/// A card of another kind (a bank card) alone in its reader: a problem, exit 1, with the fix.
#[test]
fn a_card_that_is_not_a_cns_is_a_problem_with_its_fix() {
    let Some(rig) = rig("a_card_that_is_not_a_cns_is_a_problem_with_its_fix") else { return };
    let card = rig.card(CardOpts::not_cns());
    let dir = tempfile::tempdir().unwrap();
    let r = doctor(rig, dir.path(), &["--json", "--reader", card.reader()], None);
    assert_eq!(r.code, 1, "{r}");
    let v = r.json();
    assert_eq!(v["problems"], 1, "{r}");
    let f = check(&v, &format!("card:{}", card.reader()));
    assert_eq!(f["level"], "problem", "{r}");
    assert!(f["detail"].as_str().unwrap().contains("Non è una Tessera Sanitaria – CNS"), "{r}");
    assert!(f["fix"].as_str().unwrap().contains("Inserisci la Tessera Sanitaria – CNS"), "{r}");
    let atr: String = cns_vpcd::foreign::NOT_CNS_ATR.iter().map(|b| format!("{b:02X}")).collect();
    let cards = v["cards"].as_array().unwrap();
    assert_eq!(cards.len(), 1, "{r}");
    assert_eq!(cards[0]["atr"], atr.as_str(), "{r}");
    assert_eq!(cards[0]["readable"], false, "{r}");
    // It was asked, through pcscd, and said "not found".
    assert!(
        card.apdus().iter().any(|l| l.contains(" 00 A4 ") && l.contains("-> 6A 82")),
        "{}",
        card.log_text()
    );
    // The same in the terminal, in English.
    let r = doctor(rig, dir.path(), &["--lang", "en", "--reader", card.reader()], None);
    assert_eq!(r.code, 1, "{r}");
    assert!(r.stdout.contains("PROBLEM") && r.stdout.contains("Not a Tessera Sanitaria – CNS"), "{r}");
    assert!(r.stdout.contains("How to fix: Insert the Tessera Sanitaria – CNS"), "{r}");
}

#[test]
fn an_invalid_settings_file_is_a_problem() {
    let Some(rig) = rig("an_invalid_settings_file_is_a_problem") else { return };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cns-manager").join("config.toml");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, "lang = \"fr\"\n").unwrap();
    // No card is read (other tests' cards are in the rig's other readers).
    let r = doctor(rig, dir.path(), &["--json", "--reader", "none"], None);
    assert_eq!(r.code, 1, "{r}");
    let v = r.json();
    let user = check(&v, "settings-user");
    assert_eq!(user["level"], "problem", "{r}");
    assert!(user["detail"].as_str().unwrap().contains(&file.display().to_string()), "{r}");
    std::fs::write(&file, "lang = \"en\"\nzoom = 1.5\n").unwrap();
    let r = doctor(rig, dir.path(), &["--json", "--reader", "none"], None);
    let v = r.json();
    assert_eq!(check(&v, "settings-user")["level"], "ok", "{r}");
    let effective = check(&v, "settings");
    assert!(effective["detail"].as_str().unwrap().contains("lang = en (user)"), "{r}");
}

#[test]
fn support_report_through_pcscd_holds_the_profile_and_no_personal_data() {
    let Some(rig) = rig("support_report_through_pcscd_holds_the_profile_and_no_personal_data") else {
        return;
    };
    let card = rig.card(CardOpts::new(QuirkMode::Idemia));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.txt");
    let r = doctor(rig, dir.path(), &["--reader", card.reader(), "--report", path.to_str().unwrap()], None);
    assert!(r.stdout.contains("report.txt"), "{r}");
    let report = std::fs::read_to_string(&path).unwrap();
    let atr: String = QuirkMode::Idemia.atr().iter().map(|b| format!("{b:02X}")).collect();
    assert!(report.contains(&format!("ATR: {atr}")), "{report}");
    assert!(report.contains("Profilo: Oberthur / IDEMIA"), "{report}");
    // The idemia card answers through 61xx / GET RESPONSE: those answers are redacted too.
    assert!(report.contains("(GET RESPONSE)"), "{report}");
    let compact: String = report.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase();
    let h = Holder::bianchi_giulia();
    for v in [
        &h.surname,
        &h.given_name,
        &h.codice_fiscale,
        &h.birth_date,
        &h.card_serial,
        &h.card_serial[4..].to_owned(),
    ] {
        let hex: String = v.bytes().map(|b| format!("{b:02X}")).collect();
        assert!(!report.to_uppercase().contains(v.as_str()), "{v} in the report:\n{report}");
        assert!(!compact.contains(&hex), "{v} as hex in the report:\n{report}");
    }
}
