//! The serve loop against a fake vpcd on an ephemeral 127.0.0.1 port (never the real 35963).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

/// How long to wait for the card side to connect, answer or stop: a bound, not its speed (on a
/// loaded machine a thread or process can be seconds late), so only what never happens fails.
const WAIT: Duration = Duration::from_secs(30);

use cns_vpcd::{Control, Event, VirtualCard, serve_with};

const ATR: [u8; 4] = [0x3B, 0x88, 0x80, 0x01];

#[derive(Clone, Default)]
struct Shared(Arc<Mutex<Vec<String>>>);

impl Shared {
    fn push(&self, s: String) {
        self.0.lock().unwrap().push(s);
    }
    fn get(&self) -> Vec<String> {
        self.0.lock().unwrap().clone()
    }
}

struct FakeCard {
    log: Shared,
    /// Calls `remove()` on this control when an APDU with INS 0xEE arrives.
    remove_on_ee: Option<Control>,
}

impl VirtualCard for FakeCard {
    fn atr(&self) -> Vec<u8> {
        ATR.to_vec()
    }
    fn power_on(&mut self) {
        self.log.push("on".into());
    }
    fn power_off(&mut self) {
        self.log.push("off".into());
    }
    fn reset(&mut self) {
        self.log.push("reset".into());
    }
    fn process(&mut self, apdu: &[u8]) -> Vec<u8> {
        self.log.push(format!("apdu {:02X}", apdu.get(1).copied().unwrap_or(0)));
        if apdu.get(1) == Some(&0xEE)
            && let Some(c) = &self.remove_on_ee
        {
            c.remove();
        }
        let mut r = apdu.to_vec();
        r.extend_from_slice(&[0x90, 0x00]);
        r
    }
}

struct Rig {
    listener: TcpListener,
    control: Control,
    card_log: Shared,
    events: Shared,
    thread: Option<JoinHandle<std::io::Result<()>>>,
}

impl Rig {
    fn start() -> Self {
        Self::start_on(TcpListener::bind("127.0.0.1:0").unwrap(), false)
    }

    fn start_on(listener: TcpListener, remove_on_ee: bool) -> Self {
        let addr = listener.local_addr().unwrap();
        Self::spawn(listener, addr, remove_on_ee)
    }

    fn spawn(listener: TcpListener, addr: SocketAddr, remove_on_ee: bool) -> Self {
        listener.set_nonblocking(true).unwrap();
        let control = Control::new();
        let card_log = Shared::default();
        let events = Shared::default();
        let mut card =
            FakeCard { log: card_log.clone(), remove_on_ee: remove_on_ee.then(|| control.clone()) };
        let (ctl, ev) = (control.clone(), events.clone());
        let thread = thread::spawn(move || {
            serve_with(addr, &mut card, &ctl, &mut |e: &Event<'_>| {
                let s = match e {
                    Event::Connected(_) => "connected".to_string(),
                    Event::ConnectFailed { .. } => "connect failed".to_string(),
                    Event::Disconnected(r) => format!("disconnected: {r}"),
                    Event::WaitingForInsert => "waiting".to_string(),
                    Event::Control(c) => format!("control {c:?}"),
                    Event::Apdu { header, sw, .. } => {
                        format!("apdu {} -> {:02X?}", header.map(|h| h.to_string()).unwrap_or_default(), sw)
                    }
                };
                ev.push(s);
            })
        });
        Self { listener, control, card_log, events, thread: Some(thread) }
    }

    fn accept(&self, within: Duration) -> Option<TcpStream> {
        let deadline = Instant::now() + within;
        loop {
            match self.listener.accept() {
                Ok((s, _)) => {
                    s.set_nonblocking(false).unwrap();
                    s.set_read_timeout(Some(WAIT)).unwrap();
                    return Some(s);
                }
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                    if Instant::now() >= deadline {
                        return None;
                    }
                    thread::sleep(Duration::from_millis(5));
                }
                Err(e) => panic!("accept: {e}"),
            }
        }
    }

    fn stop(mut self) {
        self.control.stop();
        let t = self.thread.take().unwrap();
        let deadline = Instant::now() + WAIT;
        while !t.is_finished() {
            assert!(Instant::now() < deadline, "serve did not stop");
            thread::sleep(Duration::from_millis(5));
        }
        t.join().unwrap().unwrap();
    }
}

/// Sends like vpcd 0.8: length and body in two separate writes.
fn send(s: &mut TcpStream, body: &[u8]) {
    s.write_all(&(body.len() as u16).to_be_bytes()).unwrap();
    s.flush().unwrap();
    s.write_all(body).unwrap();
    s.flush().unwrap();
}

fn recv(s: &mut TcpStream) -> Vec<u8> {
    let mut h = [0u8; 2];
    s.read_exact(&mut h).unwrap();
    let mut b = vec![0u8; usize::from(u16::from_be_bytes(h))];
    s.read_exact(&mut b).unwrap();
    b
}

fn assert_eof(s: &mut TcpStream) {
    let mut buf = [0u8; 16];
    match s.read(&mut buf) {
        Ok(0) => {}
        Ok(n) => panic!("expected EOF, got {n} bytes"),
        // A reset is just as much a closed connection.
        Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => {}
        Err(e) => panic!("expected EOF, got {e}"),
    }
}

#[test]
fn answers_control_bytes_and_apdus() {
    let rig = Rig::start();
    let mut s = rig.accept(WAIT).expect("card connects");
    send(&mut s, &[0x04]);
    assert_eq!(recv(&mut s), ATR);
    send(&mut s, &[0x01]);
    send(&mut s, &[0x02]);
    send(&mut s, &[0x00, 0xA4, 0x00, 0x00, 0x02, 0x3F, 0x00]);
    assert_eq!(recv(&mut s), [0x00, 0xA4, 0x00, 0x00, 0x02, 0x3F, 0x00, 0x90, 0x00]);
    send(&mut s, &[0x00]);
    send(&mut s, &[0x04]);
    assert_eq!(recv(&mut s), ATR);
    assert_eq!(rig.card_log.get(), ["on", "reset", "apdu A4", "off"]);
    let ev = rig.events.get();
    assert!(ev.contains(&"apdu 00 A4 00 00 Lc=2 -> Some([90, 00])".to_string()), "{ev:?}");
    rig.stop();
    assert_eof(&mut s);
}

#[test]
fn removal_closes_socket_and_insert_reconnects() {
    let rig = Rig::start();
    let mut s = rig.accept(WAIT).expect("card connects");
    send(&mut s, &[0x04]);
    assert_eq!(recv(&mut s), ATR);
    assert!(!rig.control.toggle(), "toggle removes");
    assert_eof(&mut s);
    assert!(rig.accept(Duration::from_millis(400)).is_none(), "a removed card must not reconnect");
    rig.control.insert();
    let mut s2 = rig.accept(WAIT).expect("reinserted card connects");
    send(&mut s2, &[0x04]);
    assert_eq!(recv(&mut s2), ATR);
    let ev = rig.events.get();
    assert!(ev.contains(&"disconnected: card removed".to_string()), "{ev:?}");
    assert!(ev.contains(&"waiting".to_string()), "{ev:?}");
    rig.stop();
}

#[test]
fn removal_during_apdu_sends_no_answer() {
    let rig = Rig::start_on(TcpListener::bind("127.0.0.1:0").unwrap(), true);
    let mut s = rig.accept(WAIT).expect("card connects");
    send(&mut s, &[0x00, 0xB0, 0x00, 0x00, 0x00]);
    assert_eq!(recv(&mut s), [0x00, 0xB0, 0x00, 0x00, 0x00, 0x90, 0x00]);
    send(&mut s, &[0x00, 0xEE, 0x00, 0x00]);
    assert_eof(&mut s);
    assert!(!rig.control.is_inserted());
    rig.stop();
}

#[test]
fn reconnects_after_vpcd_closes_or_sends_garbage() {
    let rig = Rig::start();
    let s = rig.accept(WAIT).expect("card connects");
    drop(s);
    let mut s = rig.accept(WAIT).expect("card reconnects");
    // A header promising 0xFFFF bytes, then a hang-up mid-body.
    s.write_all(&[0xFF, 0xFF, 0x01, 0x02]).unwrap();
    drop(s);
    let mut s = rig.accept(WAIT).expect("card reconnects again");
    send(&mut s, &[0x04]);
    assert_eq!(recv(&mut s), ATR);
    rig.stop();
}

#[test]
fn retries_quietly_until_vpcd_listens() {
    let probe = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = probe.local_addr().unwrap();
    drop(probe);
    // Nothing listens yet: serve must back off, not spin, and report the failure once.
    let placeholder = TcpListener::bind("127.0.0.1:0").unwrap();
    let mut rig = Rig::spawn(placeholder, addr, false);
    let failures = || rig.events.get().iter().filter(|e| *e == "connect failed").count();
    let t0 = Instant::now();
    while failures() == 0 {
        assert!(t0.elapsed() < WAIT, "no connect attempt reported: {:?}", rig.events.get());
        thread::sleep(Duration::from_millis(5));
    }
    // Then a while in which a spinning or chatty serve would report more failures (a window
    // for something not to happen: a slow machine can only make it see less, never fail it).
    thread::sleep(Duration::from_millis(700));
    assert_eq!(failures(), 1, "{:?}", rig.events.get());
    let Ok(listener) = TcpListener::bind(addr) else {
        // Someone else grabbed the port meanwhile; nothing more to check.
        rig.stop();
        return;
    };
    listener.set_nonblocking(true).unwrap();
    rig.listener = listener;
    let mut s = rig.accept(WAIT).expect("card connects once vpcd is up");
    send(&mut s, &[0x04]);
    assert_eq!(recv(&mut s), ATR);
    rig.stop();
}

#[test]
fn stop_while_removed_returns() {
    let rig = Rig::start();
    let _s = rig.accept(WAIT).expect("card connects");
    rig.control.remove();
    // stopped once serve is really waiting for the card to come back
    let t0 = Instant::now();
    while !rig.events.get().contains(&"waiting".to_string()) {
        assert!(t0.elapsed() < WAIT, "serve never saw the removal: {:?}", rig.events.get());
        thread::sleep(Duration::from_millis(5));
    }
    rig.stop();
}

#[test]
fn unresolvable_address_is_an_error() {
    let mut card = FakeCard { log: Shared::default(), remove_on_ee: None };
    let none: &[SocketAddr] = &[];
    let r = serve_with(none, &mut card, &Control::new(), &mut |_| {});
    assert!(r.is_err());
}

/// vpcd 0.8 writes header and body separately; without TCP_QUICKACK on the card side every
/// message waits ~40 ms for a delayed ACK. The median of many round trips shows it whatever the
/// load (which delays some trips, not most; a mean would count the delays too).
#[test]
fn split_header_and_body_do_not_stall() {
    let rig = Rig::start();
    let mut s = rig.accept(WAIT).expect("card connects");
    send(&mut s, &[0x04]);
    recv(&mut s);
    let mut trips: Vec<Duration> = (0..50)
        .map(|_| {
            let t0 = Instant::now();
            send(&mut s, &[0x00, 0xA4, 0x00, 0x00, 0x02, 0x3F, 0x00]);
            recv(&mut s);
            t0.elapsed()
        })
        .collect();
    trips.sort();
    let median = trips[trips.len() / 2];
    assert!(median < Duration::from_millis(20), "{median:?} per APDU (median)");
    eprintln!("round trip over loopback: {median:?} per APDU (median)");
    rig.stop();
}
