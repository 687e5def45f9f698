//! The window on a real pcscd whose service dies and comes back: the card is on screen, pcscd is
//! killed (SIGKILL, as a crash), the window says the service is not running and the card's data
//! leave the screen; pcscd is started again and, with no click, the window finds the reader and
//! reads the card again.
//!
//! Runs on scripts/test.sh's second pcscd (the cns-pcsc rig, which tests may stop:
//! `CNS_PCSC_RIG_DIR`, `CNS_VPCD_PORT`, `CNS_PCSC_READER`, and `PCSCLITE_CSOCK_NAME` for this
//! process), with the built `cns-sim-vpcd` as the card. Skipped without `CNS_PCSCD_TESTS`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use cns_manager::backend::Backend;
use cns_manager::gui::{AppConfig, CnsApp};
use cns_manager::i18n::Lang;
use cns_manager::settings::Settings;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

const FISCAL_CODE: &str = "BNCGLI90E52D612W";
const SERVICE_DOWN: &str = "Il servizio smart card non è attivo";
/// How long to wait for pcscd, the card process and the window: a bound, not an expectation (a
/// loaded machine is slow), so only what never happens fails.
const WAIT: Duration = Duration::from_secs(60);

struct RigEnv {
    dir: PathBuf,
    port: u16,
    reader: String,
}

fn rig_env() -> Option<RigEnv> {
    if std::env::var_os("CNS_PCSCD_TESTS").is_none() || std::env::var_os("PCSCLITE_CSOCK_NAME").is_none() {
        eprintln!(
            "skipped: no restartable pcscd rig (scripts/test.sh sets CNS_PCSCD_TESTS and the cns-pcsc rig)"
        );
        return None;
    }
    Some(RigEnv {
        dir: PathBuf::from(std::env::var_os("CNS_PCSC_RIG_DIR")?),
        port: std::env::var("CNS_VPCD_PORT").ok()?.parse().ok()?,
        reader: std::env::var("CNS_PCSC_READER").unwrap_or_else(|_| "Virtual PCD 00 00".into()),
    })
}

/// The simulated card process; killed when dropped.
struct CardProcess(Child);

impl Drop for CardProcess {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start_card(port: u16, dir: &Path) -> CardProcess {
    // the test executable is in target/<profile>/deps/, the binaries one level up
    let exe = std::env::current_exe().unwrap();
    let bin = exe.parent().and_then(Path::parent).unwrap().join("cns-sim-vpcd");
    assert!(bin.is_file(), "{} missing: cargo build --workspace --bins first", bin.display());
    let child = Command::new(bin)
        .args(["--port", &port.to_string(), "--mode", "standard"])
        .arg("--state")
        .arg(dir.join("state.toml"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    CardProcess(child)
}

fn pcscd_pid(dir: &Path) -> Option<u32> {
    let pid: u32 = std::fs::read_to_string(dir.join("pcscd.pid")).ok()?.trim().parse().ok()?;
    let st = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    (st.lines().any(|l| l == "Name:\tpcscd") && !st.lines().any(|l| l.starts_with("State:\tZ")))
        .then_some(pid)
}

fn kill_pcscd(dir: &Path) {
    let pid = pcscd_pid(dir).expect("the rig's pcscd is running");
    let _ = Command::new("kill").args(["-KILL", &pid.to_string()]).status();
    let t0 = Instant::now();
    while pcscd_pid(dir).is_some() {
        assert!(t0.elapsed() < Duration::from_secs(5), "pcscd survived SIGKILL");
        std::thread::sleep(Duration::from_millis(10));
    }
    // what pcscd would clean up itself, had it stopped (a new one refuses while the old pid,
    // perhaps a zombie not yet reaped, exists)
    let _ = std::fs::remove_file(dir.join("run/pcscd.pid"));
    let _ = std::fs::remove_file(dir.join("run/pcscd.comm"));
}

fn start_pcscd(env: &RigEnv) {
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scripts/pcsc-rig.sh");
    let ok = Command::new(script)
        .arg("start")
        .env("RIG_DIR", &env.dir)
        .env("VPCD_PORT", env.port.to_string())
        .env("RIG_PRIVATE_RUN", std::env::var("CNS_PCSC_RIG_PRIVATE_RUN").unwrap_or_else(|_| "1".into()))
        .env("CARD_CMD", "none")
        .stdout(Stdio::null())
        .status()
        .unwrap()
        .success();
    assert!(ok, "pcscd did not start again");
}

fn shows(h: &Harness<'_, CnsApp>, text: &str) -> bool {
    h.query_all_by_label_contains(text).next().is_some()
}

fn step_until(
    h: &mut Harness<'_, CnsApp>,
    what: &str,
    within: Duration,
    done: impl Fn(&Harness<'_, CnsApp>) -> bool,
) {
    let t0 = Instant::now();
    loop {
        h.step();
        if done(h) {
            return;
        }
        assert!(t0.elapsed() < within, "{what}: not within {within:?}");
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
#[cfg_attr(windows, ignore = "needs the pcscd rig (Wine 8's winscard.dll is stubs)")]
fn the_window_recovers_by_itself_when_pcscd_comes_back() {
    let Some(env) = rig_env() else { return };
    let scratch = tempfile::tempdir().unwrap();
    let _card = start_card(env.port, scratch.path());
    let settings = Settings { preferred_reader: Some(env.reader.clone()), ..Settings::default() };
    let mut h = Harness::builder().with_size([1000.0, 800.0]).build_eframe(move |cc| {
        CnsApp::new(&cc.egui_ctx, AppConfig { settings, ..AppConfig::new(Backend::Pcsc, Lang::It, false) })
    });
    // (start-up: pcscd sees the card within its 400 ms poll, then the worker reads it)
    step_until(&mut h, "the card read through pcscd", WAIT, |h| shows(h, FISCAL_CODE));

    kill_pcscd(&env.dir);
    step_until(&mut h, "the service reported down", WAIT, |h| {
        shows(h, SERVICE_DOWN) && !shows(h, FISCAL_CODE)
    });

    start_pcscd(&env);
    // no click: the monitor notices the service, the reader and the card (which reconnects to
    // vpcd within its 1 s back-off), and the window reads it
    step_until(&mut h, "the card read again after the restart", WAIT, |h| {
        shows(h, FISCAL_CODE) && !shows(h, SERVICE_DOWN)
    });
}

/// Another program (here `card-holder`, an exclusive connection) has the card when the window
/// wants to read it: the window says so, and reads the card by itself as soon as the other
/// program lets go, with no click.
#[test]
#[cfg_attr(windows, ignore = "needs the pcscd rig (Wine 8's winscard.dll is stubs)")]
fn the_window_reads_the_card_by_itself_when_another_program_lets_go() {
    let Some(env) = rig_env() else { return };
    let scratch = tempfile::tempdir().unwrap();
    let _card = start_card(env.port, scratch.path());
    let exe = std::env::current_exe().unwrap();
    let holder_bin = exe.parent().and_then(Path::parent).unwrap().join("card-holder");
    assert!(holder_bin.is_file(), "{} missing: cargo build --workspace --bins first", holder_bin.display());
    // take the card as soon as pcscd has seen it
    let t0 = Instant::now();
    let mut holder = loop {
        // (held until told to let go, below: a held time guessed in advance could end, on a
        // loaded machine, before the window has even started)
        let mut child = Command::new(&holder_bin)
            .args([env.reader.as_str(), "exclusive", "600"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        std::io::BufRead::read_line(&mut std::io::BufReader::new(child.stdout.take().unwrap()), &mut line)
            .unwrap();
        if line.trim() == "held" {
            break CardProcess(child);
        }
        let _ = child.wait();
        assert!(t0.elapsed() < WAIT, "card-holder never got the card");
        std::thread::sleep(Duration::from_millis(200));
    };
    let settings = Settings { preferred_reader: Some(env.reader.clone()), ..Settings::default() };
    let mut h = Harness::builder().with_size([1000.0, 800.0]).build_eframe(move |cc| {
        CnsApp::new(&cc.egui_ctx, AppConfig { settings, ..AppConfig::new(Backend::Pcsc, Lang::It, false) })
    });
    step_until(&mut h, "the card reported in use", WAIT, |h| {
        shows(h, "Un altro programma sta usando la tessera") && !shows(h, FISCAL_CODE)
    });
    // the holder lets go (it disconnects, then exits); no click
    if let Some(mut stdin) = holder.0.stdin.take() {
        std::io::Write::write_all(&mut stdin, b"go\n").unwrap();
    }
    let _ = holder.0.wait();
    let released = Instant::now();
    step_until(&mut h, "the card read after the other program let go", WAIT, |h| shows(h, FISCAL_CODE));
    eprintln!("read {:?} after the other program let go", released.elapsed());
}
