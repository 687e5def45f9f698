//! The `cns-sim-vpcd` binary against a fake vpcd on an ephemeral 127.0.0.1 port.

#![cfg(all(feature = "sim", target_os = "linux"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use cns_sim::{QuirkMode, SimCard};

/// How long to wait for the card side to connect, answer or stop: a bound, not its speed (on a
/// loaded machine a thread or process can be seconds late), so only what never happens fails.
const WAIT: Duration = Duration::from_secs(30);

fn accept(l: &TcpListener, within: Duration) -> Option<TcpStream> {
    let deadline = Instant::now() + within;
    loop {
        match l.accept() {
            Ok((s, _)) => {
                s.set_nonblocking(false).unwrap();
                s.set_read_timeout(Some(WAIT)).unwrap();
                return Some(s);
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                if Instant::now() >= deadline {
                    return None;
                }
                std::thread::sleep(Duration::from_millis(10));
            }
            Err(e) => panic!("accept: {e}"),
        }
    }
}

fn exchange(s: &mut TcpStream, body: &[u8]) -> Vec<u8> {
    let mut msg = (body.len() as u16).to_be_bytes().to_vec();
    msg.extend_from_slice(body);
    s.write_all(&msg).unwrap();
    let mut h = [0u8; 2];
    s.read_exact(&mut h).unwrap();
    let mut b = vec![0u8; usize::from(u16::from_be_bytes(h))];
    s.read_exact(&mut b).unwrap();
    b
}

fn signal(pid: u32, sig: &str) {
    let ok = Command::new("kill").args([sig, &pid.to_string()]).status().unwrap().success();
    assert!(ok, "kill {sig} {pid}");
}

#[test]
fn binary_serves_persists_toggles_and_exits() {
    let dir = std::env::temp_dir().join(format!("cns-vpcd-bin-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let state = dir.join("state.toml");
    let pid_file = dir.join("card.pid");
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let port = listener.local_addr().unwrap().port();

    let child = Command::new(env!("CARGO_BIN_EXE_cns-sim-vpcd"))
        .args(["--port", &port.to_string(), "--mode", "siemens", "--pin-tries", "2", "-v"])
        .arg("--state")
        .arg(&state)
        .arg("--pid-file")
        .arg(&pid_file)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut s = accept(&listener, WAIT).expect("card connects");
    // Signals are handled once the pid file exists.
    let deadline = Instant::now() + WAIT;
    while !pid_file.exists() {
        assert!(Instant::now() < deadline, "no pid file");
        std::thread::sleep(Duration::from_millis(10));
    }
    let pid: u32 = std::fs::read_to_string(&pid_file).unwrap().trim().parse().unwrap();
    assert_eq!(pid, child.id());

    assert_eq!(exchange(&mut s, &[0x04]), QuirkMode::Siemens.atr());
    let wrong = [0x00, 0x20, 0x00, 0x10, 0x08, b'9', b'8', b'7', b'6', b'5', 0xFF, 0xFF, 0xFF];
    assert_eq!(exchange(&mut s, &wrong), [0x63, 0xC1]);
    let saved = SimCard::from_file(&state).unwrap();
    assert_eq!((saved.mode(), saved.pin_tries_left()), (QuirkMode::Siemens, 1));

    signal(pid, "-USR1");
    let mut buf = [0u8; 8];
    assert!(matches!(s.read(&mut buf), Ok(0) | Err(_)), "removal closes");
    assert!(accept(&listener, Duration::from_millis(500)).is_none());
    signal(pid, "-USR1");
    let mut s = accept(&listener, WAIT).expect("reinserted");
    assert_eq!(exchange(&mut s, &[0x04]), QuirkMode::Siemens.atr());

    signal(pid, "-TERM");
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{:?}", out.status);
    assert!(!pid_file.exists(), "pid file removed on exit");
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(log.contains("APDU 00 20 00 10 Lc=8 -> 63 C1"), "{log}");
    assert!(!log.contains("39 38") && !log.contains("98765"), "PIN leaked: {log}");
    std::fs::remove_dir_all(&dir).unwrap();
}
