//! End-to-end tests against a real pcscd with the vsmartcard vpcd driver.
//!
//! Skipped unless `CNS_PCSCD_TESTS` is set. Start the rig first and take its environment:
//!
//! ```sh
//! scripts/pcsc-rig.sh start
//! eval "$(scripts/pcsc-rig.sh env)"     # CNS_PCSCD_TESTS, CNS_VPCD_PORT, CNS_PCSC_READER, ...
//! cargo test -p cns-pcsc --test pcscd
//! scripts/pcsc-rig.sh stop
//! ```
//!
//! The card is emulated in-process (a vpcd client thread), so inserting and pulling it is under
//! the test's control and no emulator process can be left behind. The reader must be free: no
//! other card may be connected to the vpcd port.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{Read, Write};
use std::net::{Shutdown, TcpStream};
use std::path::PathBuf;
use std::process::Command;
use std::sync::{Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use cns_core::CardTransport;
use cns_pcsc::{MonitorEvent, PcscTransport, ReaderInfo, ReaderMonitor, list_readers};

/// "RUSTCARD" as historical bytes, T=0 and T=1 offered (so pcscd negotiates T=1), correct TCK.
const ATR: [u8; 13] = [0x3B, 0x88, 0x80, 0x01, 0x52, 0x55, 0x53, 0x54, 0x43, 0x41, 0x52, 0x44, 0x1D];
const SELECT_MF: [u8; 7] = [0x00, 0xA4, 0x00, 0x00, 0x02, 0x3F, 0x00];
const VERIFY_EMPTY: [u8; 4] = [0x00, 0x20, 0x00, 0x10];
/// How long to wait for pcscd or the monitor to report what will happen: a bound, not an
/// expectation (on a loaded machine pcscd's 400 ms poll can come late), so only an event that
/// never comes fails.
const WAIT: Duration = Duration::from_secs(30);

// Tests share one reader (and one of them restarts pcscd): run them one at a time.
static SERIAL: Mutex<()> = Mutex::new(());

struct Rig {
    port: u16,
    reader: String,
    _serial: MutexGuard<'static, ()>,
}

fn rig(test: &str) -> Option<Rig> {
    if std::env::var_os("CNS_PCSCD_TESTS").is_none() {
        eprintln!(
            "skipping {test}: set CNS_PCSCD_TESTS=1 with a pcscd+vpcd rig running (scripts/pcsc-rig.sh)"
        );
        return None;
    }
    let serial = SERIAL.lock().unwrap_or_else(|p| p.into_inner());
    let port = std::env::var("CNS_VPCD_PORT").map_or(35963, |p| p.parse().unwrap());
    let reader = std::env::var("CNS_PCSC_READER").unwrap_or_else(|_| "Virtual PCD 00 00".into());
    let rig = Rig { port, reader, _serial: serial };
    // The previous test's card may still be listed until pcscd's next poll (400 ms); a test
    // starting before that sees stale presence or a late CardRemoved event.
    wait_card_present(&rig, false);
    Some(rig)
}

/// A card in the virtual reader: a thread speaking vpcd's protocol (2-byte big-endian length +
/// body; 1-byte bodies are power off/on/reset/get-ATR). Dropping it pulls the card.
struct VirtualCard {
    stream: TcpStream,
    thread: Option<JoinHandle<()>>,
}

impl VirtualCard {
    fn insert(port: u16) -> VirtualCard {
        let stream = TcpStream::connect(("127.0.0.1", port)).expect("vpcd port (is the rig up?)");
        stream.set_nodelay(true).unwrap();
        let mut reader = stream.try_clone().unwrap();
        let thread = std::thread::spawn(move || {
            while let Some(msg) = read_msg(&mut reader) {
                let reply = match msg.as_slice() {
                    [4] => ATR.to_vec(),
                    [_] => continue, // power off / on / reset: no reply
                    apdu => answer(apdu),
                };
                let mut out = u16::try_from(reply.len()).unwrap().to_be_bytes().to_vec();
                out.extend_from_slice(&reply);
                if reader.write_all(&out).is_err() {
                    break;
                }
            }
        });
        VirtualCard { stream, thread: Some(thread) }
    }

    fn remove(mut self) {
        self.pull();
    }

    fn pull(&mut self) {
        let _ = self.stream.shutdown(Shutdown::Both);
        if let Some(t) = self.thread.take() {
            t.join().unwrap();
        }
    }
}

impl Drop for VirtualCard {
    fn drop(&mut self) {
        self.pull();
    }
}

fn read_msg(s: &mut TcpStream) -> Option<Vec<u8>> {
    let mut len = [0u8; 2];
    s.read_exact(&mut len).ok()?;
    let mut body = vec![0u8; usize::from(u16::from_be_bytes(len))];
    s.read_exact(&mut body).ok()?;
    Some(body)
}

fn answer(apdu: &[u8]) -> Vec<u8> {
    match apdu {
        [0x00, 0xA4, ..] => vec![0x90, 0x00],
        [0x00, 0x20, 0x00, 0x10, ..] => vec![0x63, 0xC3],
        _ => vec![0x6D, 0x00],
    }
}

fn wait_until<T>(what: &str, timeout: Duration, mut f: impl FnMut() -> Option<T>) -> T {
    let t0 = Instant::now();
    loop {
        if let Some(v) = f() {
            return v;
        }
        assert!(t0.elapsed() < timeout, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn reader_state(name: &str) -> Option<ReaderInfo> {
    list_readers().ok()?.into_iter().find(|r| r.name == name)
}

fn wait_card_present(rig: &Rig, present: bool) -> ReaderInfo {
    wait_until("card state in list_readers", WAIT, || {
        reader_state(&rig.reader).filter(|r| r.card_present == present)
    })
}

/// Waits for an event matching `want`, returning it and everything skipped before it.
fn next_event(
    m: &ReaderMonitor,
    timeout: Duration,
    want: impl Fn(&MonitorEvent) -> bool,
) -> (MonitorEvent, Vec<MonitorEvent>) {
    let deadline = Instant::now() + timeout;
    let mut skipped = Vec::new();
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match m.events().recv_timeout(left) {
            Ok(ev) if want(&ev) => return (ev, skipped),
            Ok(ev) => skipped.push(ev),
            Err(e) => panic!("no matching event ({e}); got {skipped:?}"),
        }
    }
}

#[test]
fn list_readers_shows_the_card_and_its_atr() {
    let Some(rig) = rig("list_readers_shows_the_card_and_its_atr") else { return };
    let card = VirtualCard::insert(rig.port);
    let info = wait_card_present(&rig, true);
    assert_eq!(info.atr.as_deref(), Some(&ATR[..]));
    assert_eq!(info.atr_hex().as_deref(), Some("3B88800152555354434152441D"));
    let json = serde_json::to_value(&info).unwrap();
    assert_eq!(json["atr"], "3B88800152555354434152441D");
    assert!(list_readers().unwrap().iter().all(|r| !r.name.contains("PnP")));

    card.remove();
    let info = wait_card_present(&rig, false);
    assert_eq!(info.atr, None);
}

#[test]
fn connect_session_transmit() {
    let Some(rig) = rig("connect_session_transmit") else { return };
    let _card = VirtualCard::insert(rig.port);
    wait_card_present(&rig, true);

    let mut t = PcscTransport::open(&rig.reader).unwrap();
    assert_eq!(t.atr(), &ATR[..]);
    {
        let mut s = t.session().unwrap();
        assert!(!s.was_reset());
        assert_eq!(s.transmit(&SELECT_MF).unwrap(), [0x90, 0x00]);
        assert_eq!(s.transmit(&VERIFY_EMPTY).unwrap(), [0x63, 0xC3]);
        assert_eq!(s.transmit(&[0x00, 0xCA, 0x01, 0x00, 0x00]).unwrap(), [0x6D, 0x00]);
    }
    // A second session on the same connection, and a reset in between.
    t.reset().unwrap();
    assert_eq!(t.atr(), &ATR[..]);
    let mut s = t.session().unwrap();
    assert_eq!(s.transmit(&SELECT_MF).unwrap(), [0x90, 0x00]);
}

#[test]
fn connect_to_empty_or_unknown_reader_fails_cleanly() {
    let Some(rig) = rig("connect_to_empty_or_unknown_reader_fails_cleanly") else { return };
    wait_card_present(&rig, false);
    let err = PcscTransport::open(&rig.reader).unwrap_err();
    assert!(matches!(err, cns_core::TransportError::NoCard), "{err:?}");
    let err = PcscTransport::open("No Such Reader 99 99").unwrap_err();
    assert!(matches!(err, cns_core::TransportError::NoReader), "{err:?}");
}

#[test]
fn reset_by_another_program_is_reported_once() {
    let Some(rig) = rig("reset_by_another_program_is_reported_once") else { return };
    let _card = VirtualCard::insert(rig.port);
    wait_card_present(&rig, true);

    let mut ours = PcscTransport::open(&rig.reader).unwrap();
    let mut other = PcscTransport::open(&rig.reader).unwrap();
    {
        let mut s = ours.session().unwrap();
        assert!(!s.was_reset());
        assert_eq!(s.transmit(&SELECT_MF).unwrap(), [0x90, 0x00]);
    }
    other.reset().unwrap();
    {
        let mut s = ours.session().unwrap();
        assert!(s.was_reset(), "the other program's reset must be reported");
        assert_eq!(s.transmit(&SELECT_MF).unwrap(), [0x90, 0x00]);
    }
    let s = ours.session().unwrap();
    assert!(!s.was_reset(), "reported once, not forever");
}

/// Another program's transaction begun after we connected: our next session waits for it at
/// most the bound we set, then gives `Busy` without sending anything; a transaction that ends
/// within the bound is simply waited out.
#[test]
fn a_session_waits_a_bounded_time_for_another_transaction() {
    let Some(rig) = rig("a_session_waits_a_bounded_time_for_another_transaction") else { return };
    let _card = VirtualCard::insert(rig.port);
    wait_card_present(&rig, true);

    let mut ours = PcscTransport::open(&rig.reader).unwrap();
    ours.set_busy_wait(Duration::from_millis(500));
    // Another program's session, held until `release` says so or `most` has passed.
    let hold = |most: Duration| {
        let reader = rig.reader.clone();
        let (held_tx, held) = std::sync::mpsc::channel();
        let (release, released) = std::sync::mpsc::channel::<()>();
        let t = std::thread::spawn(move || {
            // a context of its own, as another program has
            let mut other = PcscTransport::open(&reader).unwrap();
            let _s = other.session().unwrap();
            held_tx.send(()).unwrap();
            let _ = released.recv_timeout(most);
        });
        held.recv_timeout(Duration::from_secs(30)).unwrap();
        (t, release)
    };

    // Held until our session has given up, so that giving up is the only way it can end: no
    // guessed length of the other transaction for a loaded machine to overrun. (60 s at most:
    // a session that waited for it fails the bound below instead of hanging the test.)
    let (other, release) = hold(Duration::from_secs(60));
    let t0 = Instant::now();
    let err = ours.session().err().expect("a session while another program holds the card");
    let waited = t0.elapsed();
    let _ = release.send(());
    other.join().unwrap();
    assert!(matches!(err, cns_core::TransportError::Busy), "{err:?}");
    assert!(waited >= Duration::from_millis(500), "gave up after {waited:?}");
    assert!(waited < Duration::from_secs(30), "waited {waited:?} for the other program's transaction");
    // free again: the session opens and works
    let mut s = ours.session().unwrap();
    assert_eq!(s.transmit(&SELECT_MF).unwrap(), [0x90, 0x00]);
    drop(s);

    ours.set_busy_wait(Duration::from_secs(10));
    let (other, _release) = hold(Duration::from_secs(1));
    let mut s = ours.session().expect("a 1 s transaction is waited out");
    assert_eq!(s.transmit(&SELECT_MF).unwrap(), [0x90, 0x00]);
    drop(s);
    other.join().unwrap();
}

#[test]
fn monitor_reports_card_removed_and_inserted_and_stops_promptly() {
    let Some(rig) = rig("monitor_reports_card_removed_and_inserted_and_stops_promptly") else {
        return;
    };
    let card = VirtualCard::insert(rig.port);
    wait_card_present(&rig, true);

    let wakes = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let w = wakes.clone();
    let m = ReaderMonitor::spawn(move || {
        w.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    })
    .unwrap();
    let (first, _) = next_event(&m, WAIT, |_| true);
    let MonitorEvent::Snapshot(readers) = first else { panic!("first event: {first:?}") };
    let r = readers.iter().find(|r| r.name == rig.reader).expect("reader in snapshot");
    assert!(r.card_present);
    assert_eq!(r.atr.as_deref(), Some(&ATR[..]));

    card.remove();
    let (ev, skipped) = next_event(&m, WAIT, |e| matches!(e, MonitorEvent::CardRemoved { .. }));
    assert_eq!(ev, MonitorEvent::CardRemoved { reader: rig.reader.clone() });
    assert!(skipped.is_empty(), "{skipped:?}");

    let _card = VirtualCard::insert(rig.port);
    let (ev, skipped) = next_event(&m, WAIT, |e| matches!(e, MonitorEvent::CardInserted { .. }));
    assert_eq!(ev, MonitorEvent::CardInserted { reader: rig.reader.clone(), atr: ATR.to_vec() });
    assert!(skipped.is_empty(), "{skipped:?}");
    // `wake` runs on the monitor thread just after each send, so the third call may still be
    // on its way when the event arrives here.
    let deadline = Instant::now() + WAIT;
    while wakes.load(std::sync::atomic::Ordering::SeqCst) < 3 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(wakes.load(std::sync::atomic::Ordering::SeqCst) >= 3, "one wake per event");

    // Blocked in SCardGetStatusChange with nothing happening: stop must cancel it.
    std::thread::sleep(Duration::from_millis(300));
    let t0 = Instant::now();
    m.stop();
    assert!(t0.elapsed() < Duration::from_millis(500), "stop took {:?}", t0.elapsed());
}

fn rig_script(cmd: &str) -> bool {
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scripts/pcsc-rig.sh");
    let mut c = Command::new(script);
    c.arg(cmd);
    // `pcsc-rig.sh env` exports the rig's settings under CNS_* names; hand them back.
    for (from, to) in [
        ("CNS_PCSC_RIG_DIR", "RIG_DIR"),
        ("CNS_VPCD_PORT", "VPCD_PORT"),
        ("CNS_PCSC_RIG_PRIVATE_RUN", "RIG_PRIVATE_RUN"),
    ] {
        if let Some(v) = std::env::var_os(from) {
            c.env(to, v);
        }
    }
    c.env("CARD_CMD", "none");
    c.status().expect("run scripts/pcsc-rig.sh").success()
}

#[test]
fn monitor_survives_a_pcscd_restart() {
    let Some(_rig) = rig("monitor_survives_a_pcscd_restart") else { return };
    if !rig_script("status") {
        eprintln!("skipping monitor_survives_a_pcscd_restart: pcscd was not started by scripts/pcsc-rig.sh");
        return;
    }
    let m = ReaderMonitor::spawn(|| {}).unwrap();
    let (first, _) = next_event(&m, WAIT, |_| true);
    assert!(matches!(first, MonitorEvent::Snapshot(_)), "{first:?}");

    assert!(rig_script("stop"));
    let (_, skipped) = next_event(&m, WAIT, |e| matches!(e, MonitorEvent::ServiceLost));
    assert!(skipped.is_empty(), "{skipped:?}");

    // While the service is down the monitor sleeps between retries; stop must cut that short
    // too, which a second monitor checks.
    let down = ReaderMonitor::spawn(|| {}).unwrap();
    let (ev, _) = next_event(&down, WAIT, |_| true);
    assert_eq!(ev, MonitorEvent::ServiceLost);
    let t0 = Instant::now();
    down.stop();
    assert!(t0.elapsed() < Duration::from_millis(500), "stop took {:?}", t0.elapsed());

    assert!(rig_script("start"));
    let (ev, _) = next_event(&m, WAIT, |_| true);
    assert_eq!(ev, MonitorEvent::ServiceBack);
    let (ev, _) = next_event(&m, WAIT, |_| true);
    let MonitorEvent::Snapshot(readers) = ev else { panic!("after ServiceBack: {ev:?}") };
    assert!(readers.iter().any(|r| r.name == _rig.reader), "{readers:?}");

    let t0 = Instant::now();
    m.stop();
    assert!(t0.elapsed() < Duration::from_millis(500), "stop took {:?}", t0.elapsed());
}
