//! The PKCS#11 module (`target/debug/libcns_pkcs11.so`) with the tools people use, through a
//! real pcscd and the vpcd virtual reader, on every simulated card family: OpenSC's
//! `pkcs11-tool` (objects, login, signature checked by OpenSSL, `--test`), the PIN rules at
//! C_Login (wrong → CKR_PIN_INCORRECT and the token flags change; blocked → CKR_PIN_LOCKED with
//! nothing sent), NSS (`modutil -add` + `certutil -L -h all`) and a real TLS client
//! authentication (`openssl s_server -Verify 1`, the client signing through OpenSSL's PKCS#11
//! engine and our module).
//!
//! Skipped unless `CNS_PCSCD_TESTS` is set (see `support/rig.rs`); `scripts/test.sh` builds the
//! module. With the rig set up, a missing tool is a failure (`scripts/setup-debian.sh`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use cns_sim::QuirkMode;
use cns_tests::rig::{Card, CardOpts, Rig, Run, rig, run};

const CARD_DER: &[u8] = include_bytes!("../crates/cns-sim/fixtures/bianchi-giulia.der");
const CA_DER: &[u8] = include_bytes!("../crates/cns-sim/fixtures/ca-toscana-test.der");

/// OpenSSL 3's PKCS#11 engine from Debian's libengine-pkcs11-openssl, whatever the architecture.
fn engine() -> PathBuf {
    std::fs::read_dir("/usr/lib")
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path().join("engines-3/pkcs11.so"))
        .find(|p| p.is_file())
        .expect("OpenSSL's PKCS#11 engine is missing: apt install libengine-pkcs11-openssl (scripts/setup-debian.sh)")
}

/// One card of this file in the rig at a time: the TLS client finds the key by PKCS#11 URI
/// (object label), and every simulated card has the same holder and serial.
static ONE_CARD: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn one_card() -> std::sync::MutexGuard<'static, ()> {
    ONE_CARD.lock().unwrap_or_else(|e| e.into_inner())
}

fn module(rig: &Rig) -> PathBuf {
    let m = rig.bin("libcns_pkcs11.so");
    assert!(m.is_file(), "{} missing: cargo build -p cns-pkcs11 (scripts/test.sh does)", m.display());
    m
}

/// `pkcs11-tool --module M --slot-description READER ARGS`, with a private HOME.
fn p11tool(rig: &Rig, card: &Card, args: &[&str]) -> Run {
    let mut c = rig.client("pkcs11-tool");
    c.env("HOME", card.dir()).arg("--module").arg(module(rig));
    c.args(["--slot-description", card.reader()]).args(args);
    run(c, None, Duration::from_secs(60))
}

/// VERIFY commands that carried a PIN (the empty counter queries have no Lc).
fn pin_verifies(card: &Card) -> usize {
    card.apdus().iter().filter(|l| l.contains("APDU 00 20 00 ") && l.contains("Lc=")).count()
}

fn count(card: &Card, prefix: &str) -> usize {
    card.apdus().iter().filter(|l| l.contains(prefix)).count()
}

fn to_pem(dir: &Path, name: &str, der: &[u8]) -> PathBuf {
    let d = dir.join(format!("{name}.der"));
    std::fs::write(&d, der).unwrap();
    let p = dir.join(format!("{name}.pem"));
    let o = Command::new("openssl")
        .args(["x509", "-inform", "DER", "-in"])
        .arg(&d)
        .arg("-out")
        .arg(&p)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    p
}

fn sign_and_test_in_mode(mode: QuirkMode) {
    let Some(rig) = rig(&format!("pkcs11_tool_through_pcscd_{mode}")) else { return };
    let _one = one_card();
    let card = rig.card(CardOpts::new(mode));
    let dir = card.dir().to_path_buf();
    let doc = dir.join("doc.txt");
    std::fs::write(&doc, b"accesso al fascicolo sanitario\n".repeat(100)).unwrap();
    let sig = dir.join("doc.sig");
    let r = p11tool(
        rig,
        &card,
        &[
            "--list-slots",
            "--list-objects",
            "--login",
            "--pin",
            "12345",
            "--sign",
            "--mechanism",
            "SHA256-RSA-PKCS",
            "--id",
            "01",
            "--input-file",
            doc.to_str().unwrap(),
            "--output-file",
            sig.to_str().unwrap(),
        ],
    );
    assert_eq!(r.code, 0, "{mode}: {r}");
    for want in [
        "token label        : BIANCHI GIULIA",
        "serial num         : 6090104237815004",
        "Certificate Object; type = X.509 cert",
        "Private Key Object; RSA",
        "Public Key Object; RSA 2048 bits",
        "ID:         01",
    ] {
        assert!(r.stdout.contains(want), "{mode}: {want:?} missing: {r}");
    }
    // The PIN reached the card once, the card signed once, no try spent.
    assert_eq!(pin_verifies(&card), 1, "{mode}: {:#?}", card.apdus());
    assert_eq!(count(&card, "APDU 00 2A 9E 9A"), 1, "{mode}");
    assert_eq!(card.state().pin_tries_left(), 3, "{mode}");

    // OpenSSL checks the signature against the card's certificate.
    let cert = to_pem(&dir, "card", CARD_DER);
    let pubkey = dir.join("pub.pem");
    let o = Command::new("openssl").args(["x509", "-pubkey", "-noout", "-in"]).arg(&cert).output().unwrap();
    std::fs::write(&pubkey, &o.stdout).unwrap();
    let o = Command::new("openssl")
        .args(["dgst", "-sha256", "-verify"])
        .arg(&pubkey)
        .arg("-signature")
        .arg(&sig)
        .arg(&doc)
        .output()
        .unwrap();
    assert!(o.status.success(), "{mode}: {}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(String::from_utf8_lossy(&o.stdout).trim(), "Verified OK");

    // OpenSC's own conformance run: every mechanism it tests signs and verifies.
    let r = p11tool(rig, &card, &["--test", "--login", "--pin", "12345"]);
    assert_eq!(r.code, 0, "{mode}: {r}");
    assert!(r.stdout.contains("No errors"), "{mode}: {r}");
    for m in ["RSA-PKCS: OK", "SHA256-RSA-PKCS: OK"] {
        assert!(r.stdout.contains(m), "{mode}: {m:?} missing: {r}");
    }
    assert_eq!(card.state().pin_tries_left(), 3, "{mode}");
}

#[test]
fn pkcs11_tool_through_pcscd_standard() {
    sign_and_test_in_mode(QuirkMode::Standard);
}

#[test]
fn pkcs11_tool_through_pcscd_stincard() {
    sign_and_test_in_mode(QuirkMode::StIncard);
}

#[test]
fn pkcs11_tool_through_pcscd_idemia_61xx() {
    sign_and_test_in_mode(QuirkMode::Idemia);
}

#[test]
fn pkcs11_tool_through_pcscd_applet2025() {
    sign_and_test_in_mode(QuirkMode::Applet2025);
}

fn token_flags(r: &Run) -> String {
    r.stdout.lines().find(|l| l.contains("token flags")).unwrap_or_default().to_owned()
}

#[test]
fn pkcs11_login_wrong_pin_flags_and_blocked_pin() {
    let Some(rig) = rig("pkcs11_login_wrong_pin_flags_and_blocked_pin") else { return };
    let _one = one_card();
    let card = rig.card(CardOpts::new(QuirkMode::Standard));
    let r = p11tool(rig, &card, &["--list-token-slots"]);
    assert_eq!(r.code, 0, "{r}");
    let flags = token_flags(&r);
    assert!(flags.contains("login required") && !flags.contains("count low"), "{r}");

    // Not 5–8 digits: refused before anything is sent.
    for bad in ["1234", "123456789", "12a45"] {
        let r = p11tool(rig, &card, &["--login", "--pin", bad, "--list-objects"]);
        assert_ne!(r.code, 0, "{r}");
        assert!(r.stderr.contains("CKR_PIN_LEN_RANGE") || r.stderr.contains("CKR_PIN_INCORRECT"), "{r}");
    }
    assert_eq!(pin_verifies(&card), 0);
    assert_eq!(card.state().pin_tries_left(), 3);

    // Wrong: CKR_PIN_INCORRECT, one try spent, the flags say so.
    let r = p11tool(rig, &card, &["--login", "--pin", "54321", "--list-objects"]);
    assert_ne!(r.code, 0, "{r}");
    assert!(r.stderr.contains("CKR_PIN_INCORRECT"), "{r}");
    assert_eq!(pin_verifies(&card), 1);
    assert_eq!(card.state().pin_tries_left(), 2);
    let r = p11tool(rig, &card, &["--list-token-slots"]);
    let flags = token_flags(&r);
    assert!(flags.contains("user PIN count low") && !flags.contains("final"), "{r}");

    let r = p11tool(rig, &card, &["--login", "--pin", "54321", "--list-objects"]);
    assert!(r.stderr.contains("CKR_PIN_INCORRECT"), "{r}");
    let r = p11tool(rig, &card, &["--list-token-slots"]);
    assert!(token_flags(&r).contains("final user PIN try"), "{r}");

    // The last try: blocked now, CKR_PIN_LOCKED.
    let r = p11tool(rig, &card, &["--login", "--pin", "54321", "--list-objects"]);
    assert!(r.stderr.contains("CKR_PIN_LOCKED"), "{r}");
    assert_eq!(pin_verifies(&card), 3);
    assert_eq!(card.state().pin_tries_left(), 0);
    let r = p11tool(rig, &card, &["--list-token-slots"]);
    assert!(token_flags(&r).contains("user PIN locked"), "{r}");

    // Blocked: even the right PIN is not sent.
    let r = p11tool(rig, &card, &["--login", "--pin", "12345", "--list-objects"]);
    assert!(r.stderr.contains("CKR_PIN_LOCKED"), "{r}");
    assert_eq!(pin_verifies(&card), 3, "{:#?}", card.apdus());
    assert_eq!(count(&card, "APDU 00 2A"), 0);
}

#[test]
fn pkcs11_blocked_card_at_start_is_locked_and_nothing_is_sent() {
    let Some(rig) = rig("pkcs11_blocked_card_at_start_is_locked_and_nothing_is_sent") else { return };
    let _one = one_card();
    let card = rig.card(CardOpts::new(QuirkMode::Standard).pin_tries(0));
    let r = p11tool(rig, &card, &["--list-token-slots"]);
    assert!(token_flags(&r).contains("user PIN locked"), "{r}");
    let r = p11tool(rig, &card, &["--login", "--pin", "12345", "--list-objects"]);
    assert!(r.stderr.contains("CKR_PIN_LOCKED"), "{r}");
    assert_eq!(pin_verifies(&card), 0);
}

#[test]
fn nss_modutil_and_certutil_see_the_card_applet2025() {
    let Some(rig) = rig("nss_modutil_and_certutil_see_the_card_applet2025") else { return };
    let _one = one_card();
    // The 2025 applet card: the one OpenSC's own module cannot bind.
    let card = rig.card(CardOpts::new(QuirkMode::Applet2025));
    let db = card.dir().join("nssdb");
    std::fs::create_dir_all(&db).unwrap();
    let dbarg = format!("sql:{}", db.display());
    let nss = |program: &str, args: &[&str]| {
        let mut c = rig.client(program);
        c.env("HOME", card.dir()).args(args);
        run(c, None, Duration::from_secs(60))
    };
    let r = nss("modutil", &["-create", "-force", "-dbdir", &dbarg]);
    assert_eq!(r.code, 0, "{r}");
    let m = module(rig);
    let r =
        nss("modutil", &["-add", "cns-manager", "-libfile", m.to_str().unwrap(), "-force", "-dbdir", &dbarg]);
    assert_eq!(r.code, 0, "{r}");
    let r = nss("modutil", &["-list", "-dbdir", &dbarg]);
    assert!(r.stdout.contains("cns-manager") && r.stdout.contains("BIANCHI GIULIA"), "{r}");
    let r = nss("certutil", &["-L", "-h", "all", "-d", &dbarg]);
    assert_eq!(r.code, 0, "{r}");
    assert!(r.stdout.contains("BIANCHI GIULIA:CNS0"), "{r}");
    // Listing never needs the PIN.
    assert_eq!(pin_verifies(&card), 0);
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn tls_client_auth_in_mode(mode: QuirkMode) {
    let Some(rig) = rig(&format!("tls_client_auth_through_the_module_{mode}")) else { return };
    let _one = one_card();
    let engine = engine();
    let card = rig.card(CardOpts::new(mode));
    let dir = card.dir().to_path_buf();
    let ca = to_pem(&dir, "ca", CA_DER);
    let cert = to_pem(&dir, "card", CARD_DER);
    let (srv_key, srv_cert) = (dir.join("srv.key"), dir.join("srv.pem"));
    let o = Command::new("openssl")
        .args(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-days", "1"])
        .arg("-keyout")
        .arg(&srv_key)
        .arg("-out")
        .arg(&srv_cert)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let port = free_port();
    let srv_out = dir.join("server.out");
    let srv_file = std::fs::File::create(&srv_out).unwrap();
    let mut server = Command::new("openssl")
        .args([
            "s_server",
            "-accept",
            &format!("127.0.0.1:{port}"),
            "-tls1_2",
            "-naccept",
            "1",
            "-Verify",
            "1",
        ])
        .arg("-cert")
        .arg(&srv_cert)
        .arg("-key")
        .arg(&srv_key)
        .arg("-CAfile")
        .arg(&ca)
        // stdin stays open (s_server quits on EOF)
        .stdin(Stdio::piped())
        .stdout(srv_file.try_clone().unwrap())
        .stderr(srv_file)
        .spawn()
        .unwrap();
    let t0 = Instant::now();
    while !std::fs::read_to_string(&srv_out).unwrap_or_default().contains("ACCEPT") {
        assert!(t0.elapsed() < Duration::from_secs(60), "s_server did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    let conf = dir.join("openssl-pkcs11.cnf");
    std::fs::write(
        &conf,
        format!(
            "openssl_conf = openssl_init\n[openssl_init]\nengines = engine_section\n\
             [engine_section]\npkcs11 = pkcs11_section\n[pkcs11_section]\nengine_id = pkcs11\n\
             dynamic_path = {}\nMODULE_PATH = {}\ninit = 0\n",
            engine.display(),
            module(rig).display()
        ),
    )
    .unwrap();
    let mut c = rig.client("openssl");
    // TLS 1.2 with RSA PKCS#1 v1.5 signatures: what the card's key does (no PSS on the card).
    c.env("OPENSSL_CONF", &conf).env("HOME", &dir).args([
        "s_client",
        "-connect",
        &format!("127.0.0.1:{port}"),
        "-tls1_2",
        "-client_sigalgs",
        "RSA+SHA256",
        "-engine",
        "pkcs11",
        "-keyform",
        "engine",
        "-key",
        "pkcs11:object=CNS0;type=private;pin-value=12345",
    ]);
    c.arg("-cert").arg(&cert).arg("-CAfile").arg(&srv_cert);
    let r = run(c, Some("Q\n"), Duration::from_secs(60));
    let _ = server.kill();
    let _ = server.wait();
    let mut out = String::new();
    std::fs::File::open(&srv_out).unwrap().read_to_string(&mut out).unwrap();
    assert_eq!(r.code, 0, "{mode}: client: {r}\nserver: {out}");
    assert!(r.stdout.contains("Verification: OK") && r.stdout.contains("Cipher is ECDHE-RSA"), "{mode}: {r}");
    // The server verified the card's certificate against the card's CA and names its holder.
    assert!(
        out.contains("depth=0") && out.contains("CN = BNCGLI90E52D612W/6090104237815004"),
        "{mode}: {out}"
    );
    assert!(out.contains("verify return:1") && !out.contains("verify error"), "{mode}: {out}");
    assert_eq!(pin_verifies(&card), 1, "{mode}");
    assert_eq!(count(&card, "APDU 00 2A 9E 9A"), 1, "{mode}");
}

#[test]
fn tls_client_auth_through_the_module_standard() {
    tls_client_auth_in_mode(QuirkMode::Standard);
}

#[test]
fn tls_client_auth_through_the_module_applet2025() {
    tls_client_auth_in_mode(QuirkMode::Applet2025);
}

/// Hot-plug: a card inserted and removed is reported (C_WaitForSlotEvent's source), with the
/// token present after the insertion and gone after the removal.
#[test]
fn slot_events_follow_insertion_and_removal() {
    use std::io::BufRead as _;
    let Some(rig) = rig("slot_events_follow_insertion_and_removal") else { return };
    let _one = one_card();
    let mut c = rig.client(rig.bin("cns-p11-events"));
    // Other slots may still report the previous test's card leaving: more than 2 events.
    c.arg("20").stdout(Stdio::piped()).stderr(Stdio::null()).stdin(Stdio::null());
    let mut child = c.spawn().unwrap();
    let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
    assert_eq!(lines.next().unwrap().unwrap(), "ready");
    let card = rig.card(CardOpts::new(QuirkMode::Applet2025));
    let reader = card.reader().to_owned();
    let mut next_for_reader = || {
        let prefix = format!("event {reader} ");
        lines.by_ref().map(|l| l.unwrap()).find(|l| l.starts_with(&prefix)).unwrap()
    };
    assert_eq!(next_for_reader(), format!("event {reader} token"));
    drop(card);
    assert_eq!(next_for_reader(), format!("event {reader} no-token"));
    let _ = child.kill();
    let _ = child.wait();
}
