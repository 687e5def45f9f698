//! `cns-p11-events N`: the PKCS#11 module's slot events (what C_WaitForSlotEvent reports; the C
//! function is a thin polling loop over the same `take_event`) for tests/e2e_pkcs11.rs: prints
//! "ready", then one line "event READER token|no-token" per card that comes or goes, and exits
//! after N events (or 30 s).

use std::io::Write;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use cns_pkcs11::module::Module;

fn main() -> ExitCode {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(1);
    let mut m = match Module::new() {
        Ok(m) => m,
        Err(rv) => {
            eprintln!("C_Initialize failed: {rv:#x}");
            return ExitCode::from(1);
        }
    };
    println!("ready");
    let _ = std::io::stdout().flush();
    let t0 = Instant::now();
    let mut seen = 0;
    // (a bound on events that must come, generous for a loaded machine; the tests kill it sooner)
    while seen < n && t0.elapsed() < Duration::from_secs(120) {
        if let Some(id) = m.take_event() {
            let token = m.token_info(id).is_ok();
            let reader = m
                .slot_info(id)
                .map(|i| String::from_utf8_lossy(&i.slotDescription).trim_end().to_owned())
                .unwrap_or_default();
            println!("event {reader} {}", if token { "token" } else { "no-token" });
            let _ = std::io::stdout().flush();
            seen += 1;
        } else {
            std::thread::sleep(Duration::from_millis(100));
        }
    }
    if seen < n { ExitCode::from(1) } else { ExitCode::SUCCESS }
}
