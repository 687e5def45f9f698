//! The end-to-end rig: the built `cns-manager` and `cns-sim-vpcd` binaries through a real pcscd
//! whose readers are vsmartcard vpcd slots.
//!
//! `scripts/test.sh` starts one pcscd with several vpcd entries (`scripts/pcsc-rig.sh` with
//! `RIG_SLOTS=6`, 12 readers "CNS Test 1 00 00" … "CNS Test 6 00 01") and exports
//! `CNS_PCSCD_TESTS=1` and `CNS_E2E_RIG_DIR`. That directory holds `readers` (one
//! "PORT<TAB>READER NAME" line per reader) and `socket` (the pcscd socket path).
//!
//! Slots: every reader is a slot. A test takes one with [`Rig::card`], which holds an exclusive
//! file lock on `<rig dir>/slot-<port>.lock` (so tests in parallel threads, and other test
//! binaries, never share a reader), waits until pcscd shows the reader empty, starts
//! `cns-sim-vpcd --port P` as a child process and waits until pcscd shows the card with the
//! expected ATR. Dropping the [`Card`] stops that process (SIGTERM by pid, then SIGKILL) and
//! waits for it; the lock goes with it.
//!
//! The binaries are the ones `cargo build --workspace --bins` put next to the test executable's
//! directory (`target/debug/`); `scripts/test.sh` builds them before running the tests.
//!
//! Presence is always judged from pcscd (`cns-manager readers --json`): connecting to a vpcd port
//! would itself be a card insertion.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use cns_sim::{QuirkMode, SimCard};
use serde_json::Value;

/// How long a test waits for a free slot, and for pcscd to see a card come or go.
const SLOT_WAIT: Duration = Duration::from_secs(120);
/// A bound on pcscd noticing a card (its poll is 400 ms), generous for a loaded machine: only a
/// card that never shows fails.
const PRESENCE_WAIT: Duration = Duration::from_secs(60);

/// One vpcd reader of the shared pcscd.
#[derive(Debug, Clone)]
pub struct Slot {
    pub port: u16,
    pub reader: String,
}

/// The shared pcscd and the built binaries.
#[derive(Debug)]
pub struct Rig {
    dir: PathBuf,
    socket: PathBuf,
    slots: Vec<Slot>,
    bin_dir: PathBuf,
}

/// The rig, or `None` (after printing why) when no rig was set up: plain `cargo test` on a
/// machine without pcscd passes. With `CNS_PCSCD_TESTS` set, a broken rig fails the test.
pub fn rig(test: &str) -> Option<&'static Rig> {
    if std::env::var_os("CNS_PCSCD_TESTS").is_none() {
        eprintln!("{test}: skipped: no pcscd rig (set by scripts/test.sh)");
        return None;
    }
    static RIG: OnceLock<Rig> = OnceLock::new();
    Some(RIG.get_or_init(|| {
        let dir = PathBuf::from(std::env::var_os("CNS_E2E_RIG_DIR").expect(
            "CNS_PCSCD_TESTS is set but CNS_E2E_RIG_DIR is not: start the rig with scripts/test.sh \
             (or scripts/pcsc-rig.sh start + eval \"$(scripts/pcsc-rig.sh env)\")",
        ));
        Rig::from_dir(dir)
    }))
}

/// The rig whose pcscd a test may kill and start again: scripts/test.sh's second pcscd (the
/// cns-pcsc rig, `CNS_PCSC_RIG_DIR`: readers "Virtual PCD 00 00/01"), never the shared one the
/// other end-to-end tests run on. Only one test binary runs at a time under `cargo test`; within
/// this one, the guard makes the tests that use it take turns. `None` (after saying why) without
/// that rig.
pub fn service_rig(test: &str) -> Option<(&'static Rig, std::sync::MutexGuard<'static, ()>)> {
    if std::env::var_os("CNS_PCSCD_TESTS").is_none() {
        eprintln!("{test}: skipped: no pcscd rig (set by scripts/test.sh)");
        return None;
    }
    let Some(dir) = std::env::var_os("CNS_PCSC_RIG_DIR") else {
        eprintln!("{test}: skipped: no restartable pcscd rig (CNS_PCSC_RIG_DIR, set by scripts/test.sh)");
        return None;
    };
    static RIG: OnceLock<Rig> = OnceLock::new();
    static TURN: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let turn = TURN.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let rig = RIG.get_or_init(|| Rig::from_dir(PathBuf::from(dir)));
    // a test that failed while the service was down must not leave the next one without it
    if !rig.service_running() {
        rig.start_service();
    }
    Some((rig, turn))
}

impl Rig {
    fn from_dir(dir: PathBuf) -> Rig {
        let readers = std::fs::read_to_string(dir.join("readers"))
            .unwrap_or_else(|e| panic!("{}/readers: {e} (is the rig running?)", dir.display()));
        let slots: Vec<Slot> = readers
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| {
                let (port, reader) = l.split_once('\t').unwrap_or_else(|| panic!("bad readers line {l:?}"));
                Slot { port: port.parse().unwrap(), reader: reader.to_owned() }
            })
            .collect();
        assert!(!slots.is_empty(), "{}/readers lists no reader", dir.display());
        let socket = PathBuf::from(std::fs::read_to_string(dir.join("socket")).unwrap().trim());
        assert!(socket.exists(), "pcscd socket {} missing: is the rig running?", socket.display());
        let bin_dir = bin_dir();
        for bin in ["cns-manager", "cns-sim-vpcd"] {
            assert!(
                bin_dir.join(bin).is_file(),
                "{} missing: build the binaries first (cargo build --workspace --bins; scripts/test.sh does)",
                bin_dir.join(bin).display()
            );
        }
        Rig { dir, socket, slots, bin_dir }
    }

    /// Whether this rig's pcscd (by its pid file) is alive.
    pub fn service_running(&self) -> bool {
        pcscd_pid(&self.dir).is_some()
    }

    /// Kills this rig's pcscd with SIGKILL, as a crash would, and waits until it is gone.
    pub fn kill_service(&self) {
        let pid = pcscd_pid(&self.dir).expect("the rig's pcscd is not running");
        signal(pid, "KILL");
        let t0 = Instant::now();
        while pcscd_pid(&self.dir).is_some() {
            assert!(t0.elapsed() < Duration::from_secs(5), "pcscd {pid} survived SIGKILL");
            std::thread::sleep(Duration::from_millis(10));
        }
        // A killed pcscd leaves its pid file and socket behind, and a new one refuses to start
        // while that pid still exists, which a zombie not yet reaped does: clean up as pcscd
        // itself would once the pid is gone (the private run dir is the rig's own).
        let run = self.dir.join("run");
        if run.join("pcscd.pid").exists() {
            let _ = std::fs::remove_file(run.join("pcscd.pid"));
            let _ = std::fs::remove_file(run.join("pcscd.comm"));
        }
    }

    /// Starts this rig's pcscd again (`scripts/pcsc-rig.sh start` with the rig's settings).
    pub fn start_service(&self) {
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../scripts/pcsc-rig.sh");
        let first = self.slots.first().expect("a rig has readers");
        let name = first.reader.strip_suffix(" 00 00").unwrap_or(&first.reader);
        let mut c = Command::new(script);
        c.arg("start")
            .env("RIG_DIR", &self.dir)
            .env("VPCD_PORT", first.port.to_string())
            .env("RIG_SLOTS", (self.slots.len() / 2).max(1).to_string())
            .env("READER_NAME", name)
            .env("RIG_PRIVATE_RUN", std::env::var("CNS_PCSC_RIG_PRIVATE_RUN").unwrap_or_else(|_| "1".into()))
            .env("CARD_CMD", "none")
            .stdout(Stdio::null());
        assert!(c.status().expect("run scripts/pcsc-rig.sh").success(), "pcscd did not start again");
    }

    pub fn slots(&self) -> &[Slot] {
        &self.slots
    }

    pub fn bin(&self, name: &str) -> PathBuf {
        self.bin_dir.join(name)
    }

    /// A command for a PC/SC client of the rig's pcscd (cns-manager, pkcs15-tool, …): its socket,
    /// and no locale, so cns-manager speaks its default, Italian.
    pub fn client(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut c = Command::new(program);
        c.env("PCSCLITE_CSOCK_NAME", &self.socket)
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANG")
            .env_remove("LANGUAGE")
            .env_remove("CNS_LOG");
        c
    }

    /// `card-holder` (another program) holding the card in `reader`, `exclusive` or inside a
    /// `transaction`, once it says so; for `secs` at most, or until [`Holder::let_go`].
    pub fn hold(&self, reader: &str, mode: &str, secs: u32) -> Holder {
        use std::io::BufRead as _;
        let mut c = self.client(self.bin("card-holder"));
        c.args([reader, mode, &secs.to_string()])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        let mut child = c.spawn().unwrap_or_else(|e| panic!("cannot start card-holder: {e}"));
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        assert_eq!(line.trim(), "held", "card-holder did not take the card");
        Holder(child)
    }

    /// Runs `cns-manager ARGS` with nothing on stdin.
    pub fn cli(&self, args: &[&str]) -> Run {
        self.cli_stdin(args, None)
    }

    /// Runs `cns-manager ARGS`, feeding `stdin` if given. Killed after 30 s (a hang fails the test).
    pub fn cli_stdin(&self, args: &[&str], stdin: Option<&str>) -> Run {
        let mut c = self.client(self.bin("cns-manager"));
        c.args(args);
        run(c, stdin, Duration::from_secs(30))
    }

    /// What pcscd says about every reader (`cns-manager readers --json`).
    pub fn readers(&self) -> Vec<Value> {
        let r = self.cli(&["readers", "--json"]);
        assert_eq!(r.code, 0, "readers --json: {r}");
        r.json().as_array().cloned().unwrap_or_else(|| panic!("readers --json is not a list: {r}"))
    }

    /// The entry of one reader in `readers --json`, if pcscd lists it.
    pub fn reader_state(&self, reader: &str) -> Option<Value> {
        self.readers().into_iter().find(|r| r["name"] == reader)
    }

    /// Waits until pcscd shows `reader` with a card (with this ATR) or without one.
    pub fn wait_presence(&self, reader: &str, present: Option<&[u8]>) {
        let want_atr = present.map(hex);
        let t0 = Instant::now();
        loop {
            let st = self.reader_state(reader);
            let ok = match (&st, &want_atr) {
                (Some(s), Some(atr)) => s["card_present"] == true && s["atr"] == atr.as_str(),
                (Some(s), None) => s["card_present"] == false,
                (None, _) => false,
            };
            if ok {
                return;
            }
            assert!(
                t0.elapsed() < PRESENCE_WAIT,
                "pcscd did not show {reader:?} {} within {PRESENCE_WAIT:?}; last state {st:?}",
                if present.is_some() { "with the card" } else { "empty" }
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until pcscd shows a card of any ATR in `reader` (present, perhaps mute): for cards
    /// pcscd may never power up.
    pub fn wait_reader(&self, reader: &str) {
        let t0 = Instant::now();
        while !self.reader_state(reader).is_some_and(|s| s["card_present"] == true) {
            assert!(
                t0.elapsed() < PRESENCE_WAIT,
                "pcscd did not show a card in {reader:?} within {PRESENCE_WAIT:?}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Takes a free slot, starts a simulated card in it and waits until pcscd sees it.
    pub fn card(&'static self, opts: CardOpts) -> Card {
        let (slot, lock) = self.take_slot();
        self.insert(slot, lock, opts)
    }

    fn take_slot(&self) -> (Slot, File) {
        // Start each search at a different slot, so a slot just released (pcscd may still show
        // its card for up to one 400 ms poll) is reused last.
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let t0 = Instant::now();
        loop {
            let start = NEXT.fetch_add(1, Ordering::Relaxed);
            for i in 0..self.slots.len() {
                let slot = &self.slots[(start + i) % self.slots.len()];
                let path = self.dir.join(format!("slot-{}.lock", slot.port));
                let f = OpenOptions::new().create(true).truncate(false).write(true).open(&path).unwrap();
                if f.try_lock().is_ok() {
                    return (slot.clone(), f);
                }
            }
            assert!(t0.elapsed() < SLOT_WAIT, "no free reader slot within {SLOT_WAIT:?}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn insert(&'static self, slot: Slot, lock: File, opts: CardOpts) -> Card {
        // Under the rig dir: if this test process dies without unwinding, the next user of the
        // slot and `pcsc-rig.sh stop` still find the orphaned card by its pid file, and
        // scripts/test.sh removes the leftovers with the rig.
        let cards = self.dir.join("cards");
        std::fs::create_dir_all(&cards).unwrap();
        let pid_file = cards.join(format!("slot-{}.pid", slot.port));
        kill_orphan(&pid_file);
        // A card of the slot's previous user may still be listed until pcscd's next poll.
        self.wait_presence(&slot.reader, None);
        let dir = tempfile::Builder::new().prefix("card-").tempdir_in(&cards).unwrap();
        let state = dir.path().join("state.toml");
        let log = dir.path().join("card.log");
        let mut c = Command::new(self.bin("cns-sim-vpcd"));
        let port = slot.port.to_string();
        if opts.not_cns {
            // Nothing of a CNS to set up, and no state to save.
            c.args(["--port", &port, "--card", "not-cns", "-v"]).arg("--pid-file").arg(&pid_file);
            c.stdin(Stdio::null()).stdout(Stdio::null()).stderr(File::create(&log).unwrap());
            let child = c.spawn().expect("start cns-sim-vpcd");
            let card =
                Card { rig: self, slot, mode: opts.mode, dir, state, log, child: Some(child), _lock: lock };
            self.wait_presence(&card.slot.reader, Some(&cns_vpcd::foreign::NOT_CNS_ATR));
            return card;
        }
        let mode = opts.mode.to_string();
        c.args(["--port", &port, "--mode", &mode, "-v"]);
        c.arg("--state").arg(&state).arg("--pid-file").arg(&pid_file);
        for (flag, v) in [
            ("--pin", opts.pin.clone()),
            ("--puk", opts.puk.clone()),
            ("--pin-tries", opts.pin_tries.map(|n| n.to_string())),
            ("--puk-tries", opts.puk_tries.map(|n| n.to_string())),
            ("--remove-after", opts.remove_after.map(|n| n.to_string())),
            ("--stall-after", opts.stall_after.map(|n| n.to_string())),
            ("--hostile", opts.hostile.map(|h| h.to_string())),
        ] {
            if let Some(v) = v {
                c.args([flag, &v]);
            }
        }
        c.stdin(Stdio::null()).stdout(Stdio::null()).stderr(File::create(&log).unwrap());
        let child = c.spawn().expect("start cns-sim-vpcd");
        let mut card =
            Card { rig: self, slot, mode: opts.mode, dir, state, log, child: Some(child), _lock: lock };
        let t0 = Instant::now();
        while !card.state.exists() {
            if let Some(status) = card.child.as_mut().unwrap().try_wait().unwrap() {
                panic!("cns-sim-vpcd exited at start ({status}): {}", card.log_text());
            }
            assert!(t0.elapsed() < PRESENCE_WAIT, "cns-sim-vpcd wrote no state file: {}", card.log_text());
            std::thread::sleep(Duration::from_millis(20));
        }
        match opts.hostile {
            // pcscd may not take an ATR that ISO 7816-3 does not allow: wait for the reader only
            Some(cns_sim::Hostility::LongAtr) => self.wait_reader(&card.slot.reader),
            _ => self.wait_presence(&card.slot.reader, Some(opts.mode.atr())),
        }
        card
    }
}

/// The target directory the binaries were built into: the test executable lives in
/// `target/<profile>/deps/`.
fn bin_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let deps = exe.parent().unwrap();
    deps.parent().unwrap_or(deps).to_path_buf()
}

/// How to start a simulated card; `CardOpts::new(mode)` is the sim's defaults (PIN 12345,
/// PUK 12345678, 3 and 8 tries).
#[derive(Debug, Clone)]
pub struct CardOpts {
    pub mode: QuirkMode,
    pub pin: Option<String>,
    pub puk: Option<String>,
    pub pin_tries: Option<u8>,
    pub puk_tries: Option<u8>,
    pub remove_after: Option<u32>,
    pub stall_after: Option<u32>,
    pub hostile: Option<cns_sim::Hostility>,
    /// A card that is not a TS-CNS (`cns-sim-vpcd --card not-cns`); `mode` and the rest are
    /// ignored.
    pub not_cns: bool,
}

impl CardOpts {
    pub fn new(mode: QuirkMode) -> Self {
        CardOpts {
            mode,
            pin: None,
            puk: None,
            pin_tries: None,
            puk_tries: None,
            remove_after: None,
            stall_after: None,
            hostile: None,
            not_cns: false,
        }
    }
    pub fn standard() -> Self {
        Self::new(QuirkMode::Standard)
    }
    /// A card of another kind (a payment card's ATR, "not found" to every SELECT).
    pub fn not_cns() -> Self {
        CardOpts { not_cns: true, ..Self::standard() }
    }
    pub fn pin_tries(mut self, n: u8) -> Self {
        self.pin_tries = Some(n);
        self
    }
    pub fn puk_tries(mut self, n: u8) -> Self {
        self.puk_tries = Some(n);
        self
    }
    pub fn hostile(mut self, h: cns_sim::Hostility) -> Self {
        self.hostile = Some(h);
        self
    }
    /// The card hangs at APDU N+1 (never answers it) until removed: `cns-sim-vpcd --stall-after`.
    pub fn stall_after(mut self, n: u32) -> Self {
        self.stall_after = Some(n);
        self
    }
    pub fn remove_after(mut self, n: u32) -> Self {
        self.remove_after = Some(n);
        self
    }
}

/// A simulated card in one of the rig's readers. Dropping it stops the card process.
pub struct Card {
    rig: &'static Rig,
    slot: Slot,
    mode: QuirkMode,
    dir: tempfile::TempDir,
    state: PathBuf,
    log: PathBuf,
    child: Option<Child>,
    _lock: File,
}

impl Card {
    pub fn reader(&self) -> &str {
        &self.slot.reader
    }

    pub fn port(&self) -> u16 {
        self.slot.port
    }

    pub fn mode(&self) -> QuirkMode {
        self.mode
    }

    /// A scratch directory that lives as long as the card.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// Runs `cns-manager SUBCOMMAND --reader <this reader> ARGS`.
    pub fn cli(&self, sub: &str, args: &[&str]) -> Run {
        self.cli_stdin(sub, args, None)
    }

    /// Like [`cli`](Self::cli), with `stdin` fed to the process.
    pub fn cli_stdin(&self, sub: &str, args: &[&str], stdin: Option<&str>) -> Run {
        let mut all = vec![sub, "--reader", self.reader()];
        all.extend_from_slice(args);
        self.rig.cli_stdin(&all, stdin)
    }

    /// The card's state as it last saved it (after every PIN command).
    pub fn state(&self) -> SimCard {
        SimCard::from_file(&self.state).unwrap_or_else(|e| panic!("state file {}: {e}", self.state.display()))
    }

    /// Everything the card process wrote to stderr (with `-v`: one line per APDU, header only).
    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// The APDU lines of the card's log ("cns-sim-vpcd: APDU 00 20 00 10 Lc=8 -> 63 C2 (…)").
    pub fn apdus(&self) -> Vec<String> {
        self.log_text().lines().filter(|l| l.contains(": APDU ")).map(str::to_owned).collect()
    }

    /// Waits (at most `timeout`) until the card's log has a line containing `what`.
    pub fn wait_log(&self, what: &str, timeout: Duration) {
        let t0 = Instant::now();
        while !self.log_text().contains(what) {
            assert!(
                t0.elapsed() < timeout,
                "no {what:?} in the card's log within {timeout:?}:\n{}",
                self.log_text()
            );
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Kills the card process with SIGKILL (its vpcd connection drops without a word) and waits
    /// for it.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Sends SIGUSR1: the card is pulled out (or put back in).
    pub fn toggle_removed(&self) {
        signal(self.child.as_ref().unwrap().id(), "USR1");
    }

    /// Stops the card process (SIGTERM, then SIGKILL after 3 s) and waits for it.
    pub fn stop(&mut self) {
        let Some(mut child) = self.child.take() else { return };
        if child.try_wait().ok().flatten().is_none() {
            signal(child.id(), "TERM");
            let t0 = Instant::now();
            while child.try_wait().ok().flatten().is_none() && t0.elapsed() < Duration::from_secs(3) {
                std::thread::sleep(Duration::from_millis(10));
            }
            if child.try_wait().ok().flatten().is_none() {
                eprintln!("cns-sim-vpcd pid {} ignored SIGTERM; killing it", child.id());
                let _ = child.kill();
            }
        }
        let _ = child.wait();
    }
}

impl Drop for Card {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Stops a card process a dead test left behind in this slot (we hold the slot's lock, so it
/// cannot belong to a live test).
fn kill_orphan(pid_file: &Path) {
    let Ok(text) = std::fs::read_to_string(pid_file) else { return };
    let Ok(pid) = text.trim().parse::<u32>() else { return };
    let alive = || {
        std::fs::read_to_string(format!("/proc/{pid}/status")).is_ok_and(|st| {
            st.lines().any(|l| l == "Name:\tcns-sim-vpcd") && !st.lines().any(|l| l.starts_with("State:\tZ"))
        })
    };
    if !alive() {
        return;
    }
    eprintln!("stopping cns-sim-vpcd pid {pid} left behind in {}", pid_file.display());
    signal(pid, "TERM");
    let t0 = Instant::now();
    while alive() && t0.elapsed() < Duration::from_secs(3) {
        std::thread::sleep(Duration::from_millis(20));
    }
    if alive() {
        signal(pid, "KILL");
    }
    let _ = std::fs::remove_file(pid_file);
}

/// The pid of the rig's pcscd when its pid file names a live pcscd.
fn pcscd_pid(dir: &Path) -> Option<u32> {
    let pid: u32 = std::fs::read_to_string(dir.join("pcscd.pid")).ok()?.trim().parse().ok()?;
    let st = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    (st.lines().any(|l| l == "Name:\tpcscd") && !st.lines().any(|l| l.starts_with("State:\tZ")))
        .then_some(pid)
}

fn signal(pid: u32, sig: &str) {
    let _ = Command::new("kill").arg(format!("-{sig}")).arg(pid.to_string()).status();
}

/// The result of one run of a program.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    pub elapsed: Duration,
}

impl Run {
    /// stdout as JSON.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {self}"))
    }
}

impl std::fmt::Display for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "exit {} after {:?}\n--- stdout:\n{}--- stderr:\n{}---",
            self.code, self.elapsed, self.stdout, self.stderr
        )
    }
}

/// Another program holding a card ([`Rig::hold`]); killed if dropped before it let go.
pub struct Holder(Child);

impl Holder {
    /// Lets go of the card and waits until it has: from then on pcscd has the card free. (A
    /// killed holder would be freed by pcscd only when it notices the closed socket.)
    pub fn let_go(mut self) {
        if let Some(mut stdin) = self.0.stdin.take() {
            // (a holder whose time is up has exited already: nothing left to tell it)
            let _ = stdin.write_all(b"go\n");
        }
        let _ = self.0.wait();
    }

    /// Waits for a holder that lets go by itself when its time is up.
    pub fn wait(mut self) {
        let _ = self.0.wait();
    }
}

impl Drop for Holder {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Runs `c` to completion with an optional stdin, killing it after `timeout`.
pub fn run(mut c: Command, stdin: Option<&str>, timeout: Duration) -> Run {
    let t0 = Instant::now();
    c.stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = c.spawn().unwrap_or_else(|e| panic!("cannot start {c:?}: {e}"));
    if let Some(input) = stdin {
        let mut pipe = child.stdin.take().unwrap();
        // The program may exit without reading everything; that is its business. Any other
        // error than the closed pipe that leaves is the test's own fault.
        if let Err(e) = pipe.write_all(input.as_bytes()) {
            assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "writing {c:?}'s stdin: {e}");
        }
    }
    // Readers on threads, so a full pipe cannot stall the child while we poll for its exit.
    let mut out_pipe = child.stdout.take().unwrap();
    let mut err_pipe = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = std::io::Read::read_to_string(&mut out_pipe, &mut s);
        s
    });
    let err = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = std::io::Read::read_to_string(&mut err_pipe, &mut s);
        s
    });
    let status = loop {
        if let Some(st) = child.try_wait().unwrap() {
            break st;
        }
        if t0.elapsed() > timeout {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{c:?} still running after {timeout:?}: killed");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let elapsed = t0.elapsed();
    Run {
        code: status.code().unwrap_or(-1),
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
        elapsed,
    }
}

/// Upper-case hex without separators, as `readers --json` prints ATRs.
/// The lines a child process prints (`watch`), as they come, read on a thread of their own so
/// that a test can wait for each with a timeout.
pub fn lines_of(stdout: std::process::ChildStdout) -> std::sync::mpsc::Receiver<String> {
    use std::io::BufRead as _;
    let (tx, lines) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                return;
            }
        }
    });
    lines
}

pub fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02X}")).collect()
}
