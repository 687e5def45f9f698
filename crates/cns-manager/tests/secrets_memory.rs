//! No secret left in memory: a PIN change and an unblock, with unusual PIN and PUK values, then
//! a scan of the process's own readable memory (`/proc/self/maps` + `/proc/self/mem`) for those
//! digits, in ASCII and in the FF-padded form the APDUs carry. Any copy that survives the
//! operation fails the test.
//!
//! The operations run in a child process (this test binary run again with `CNS_MEMSCAN_CHILD`):
//! the CLI's `cli::run`, reading the secrets one per line from its standard input as
//! `cns-manager --demo change-pin --stdin` does, or the window (kittest) with the PINs typed.
//! The values never appear in this file in clear: they are XOR-masked constants, and the scanner
//! compares through the mask, so its own needle is no copy. The simulated card in the same
//! process keeps its values masked too (cns-sim `pin.rs`).
//!
//! Linux only.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[cfg(target_os = "linux")]
mod support;

#[cfg(target_os = "linux")]
mod linux {
    use std::io::{Read, Seek, SeekFrom, Write};
    use std::process::{Command, Stdio};

    use zeroize::{Zeroize, Zeroizing};

    const MASK: u8 = 0x5C;

    const fn masked<const N: usize>(digits: &[u8; N]) -> [u8; N] {
        let mut out = [0u8; N];
        let mut i = 0;
        while i < N {
            out[i] = digits[i] ^ MASK;
            i += 1;
        }
        out
    }

    // Unusual values: none is a default of the sim, a sequence or a date. (The literals below
    // are evaluated at compile time: only the masked bytes are in the binary.)
    pub const OLD_PIN: [u8; 5] = const { masked(b"73914") };
    pub const NEW_PIN: [u8; 7] = const { masked(b"8602571") };
    pub const PUK: [u8; 8] = const { masked(b"59263104") };
    pub const UNBLOCK_PIN: [u8; 6] = const { masked(b"408263") };

    pub fn clear(m: &[u8]) -> Zeroizing<String> {
        Zeroizing::new(m.iter().map(|b| char::from(b ^ MASK)).collect())
    }

    /// Where one secret was found: the mapping's line in /proc/self/maps, and in which form.
    pub struct Hit {
        pub secret: &'static str,
        pub form: &'static str,
        pub region: String,
    }

    /// Scans every readable mapping for the masked needles (ASCII digits; and the FF-padded
    /// 8-byte APDU form, a subset of the ASCII hits reported on its own).
    pub fn scan(needles: &[(&'static str, &[u8])]) -> Vec<Hit> {
        let maps = std::fs::read_to_string("/proc/self/maps").unwrap();
        let mut mem = std::fs::File::open("/proc/self/mem").unwrap();
        let mut hits = Vec::new();
        let mut buf = vec![0u8; 1 << 20];
        for line in maps.lines() {
            let mut parts = line.split_whitespace();
            let (Some(range), Some(perms)) = (parts.next(), parts.next()) else { continue };
            if !perms.starts_with('r') || line.ends_with("[vvar]") || line.ends_with("[vsyscall]") {
                continue;
            }
            let Some((a, b)) = range.split_once('-') else { continue };
            let (Ok(start), Ok(end)) = (u64::from_str_radix(a, 16), u64::from_str_radix(b, 16)) else {
                continue;
            };
            let mut pos = start;
            // overlap chunks by 8 bytes so a needle across a chunk boundary is seen
            while pos < end {
                let len = usize::try_from((end - pos).min(buf.len() as u64)).unwrap();
                if mem.seek(SeekFrom::Start(pos)).is_err() {
                    break;
                }
                let Ok(n) = mem.read(&mut buf[..len]) else { break };
                if n == 0 {
                    break;
                }
                for (name, needle) in needles {
                    if let Some(form) = find(&buf[..n], needle) {
                        hits.push(Hit { secret: name, form, region: line.to_owned() });
                    }
                }
                buf[..n].zeroize();
                if n <= 8 {
                    break;
                }
                pos += (n - 8) as u64;
            }
        }
        buf.zeroize();
        hits
    }

    /// The masked needle in `hay`, compared through the mask; "ascii" or "ff-padded".
    fn find(hay: &[u8], masked: &[u8]) -> Option<&'static str> {
        let n = masked.len();
        let mut found = None;
        for (i, w) in hay.windows(n).enumerate() {
            if w.iter().zip(masked).all(|(h, m)| h ^ MASK == *m) {
                // the digits must stand alone: not inside a longer run of digits
                let before = i.checked_sub(1).and_then(|j| hay.get(j));
                let after = hay.get(i + n);
                if before.is_some_and(u8::is_ascii_digit) || after.is_some_and(u8::is_ascii_digit) {
                    continue;
                }
                let pad = 8usize.saturating_sub(n);
                if pad > 0 && hay.get(i + n..i + n + pad).is_some_and(|p| p.iter().all(|b| *b == 0xFF)) {
                    return Some("ff-padded");
                }
                found = Some("ascii");
            }
        }
        found
    }

    pub fn needles() -> Vec<(&'static str, &'static [u8])> {
        vec![("old PIN", &OLD_PIN), ("new PIN", &NEW_PIN), ("PUK", &PUK), ("unblock PIN", &UNBLOCK_PIN)]
    }

    pub fn report(hits: &[Hit]) -> String {
        hits.iter().map(|h| format!("  {} ({}) in {}\n", h.secret, h.form, h.region)).collect()
    }

    /// Runs this binary again as a child in `mode`, with `stdin`; its exit code and output.
    pub fn child(mode: &str, stdin: &[u8]) -> (i32, String) {
        let exe = std::env::current_exe().unwrap();
        let mut c = Command::new(exe)
            .env("CNS_MEMSCAN_CHILD", mode)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The child may stop before reading all of it (a refused PIN): a closed pipe is fine.
        if let Err(e) = c.stdin.take().unwrap().write_all(stdin) {
            assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "writing the child's stdin: {e}");
        }
        let out = c.wait_with_output().unwrap();
        let text =
            format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        (out.status.code().unwrap_or(-1), text)
    }
}

#[cfg(target_os = "linux")]
mod cli_child {
    use super::linux::*;
    use clap::Parser;
    use cns_manager::backend::Backend;
    use cns_manager::cli::{self, Cli, Exit};
    use cns_manager::i18n::Lang;
    use cns_sim::{QuirkMode, SimCard, SimHandle};

    /// change-pin then unblock through `cli::run`, the secrets read from stdin; then the scan.
    pub fn main() -> i32 {
        let mut card = SimCard::with_mode(QuirkMode::Standard);
        card.set_pin(&clear(&OLD_PIN)).unwrap();
        card.set_puk(&clear(&PUK)).unwrap();
        let handle = SimHandle::new(card);
        let backend = Backend::Demo(handle.clone());

        let parse = |args: &[&str]| Cli::try_parse_from(args).unwrap().command.unwrap();
        let code = cli::run(parse(&["cns-manager", "--demo", "change-pin", "--stdin"]), &backend, Lang::It);
        if code != Exit::Success {
            eprintln!("change-pin: exit {code:?}");
            return 2;
        }
        if !handle.card().pin_is(&clear(&NEW_PIN)) {
            eprintln!("change-pin did not change the PIN");
            return 2;
        }
        handle.card().set_pin_tries(0, 3);
        let code = cli::run(parse(&["cns-manager", "--demo", "unblock", "--stdin"]), &backend, Lang::It);
        if code != Exit::Success {
            eprintln!("unblock: exit {code:?}");
            return 2;
        }
        if !handle.card().pin_is(&clear(&UNBLOCK_PIN)) || handle.card().pin_tries_left() != 3 {
            eprintln!("unblock did not set the new PIN");
            return 2;
        }
        let hits = scan(&needles());
        if hits.is_empty() {
            println!("memory scan: no copy of any PIN or PUK");
            0
        } else {
            eprintln!("copies of secrets left in memory:\n{}", report(&hits));
            1
        }
    }
}

#[cfg(target_os = "linux")]
mod gui_child {
    use super::linux::*;
    use super::support::click;
    use std::time::{Duration, Instant};

    use cns_manager::backend::Backend;
    use cns_manager::gui::{AppConfig, CnsApp};
    use cns_manager::i18n::Lang;
    use cns_sim::{QuirkMode, SimCard, SimHandle};
    use egui::accesskit::Role;
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;

    fn wait_label(h: &mut Harness<'_, CnsApp>, text: &str) -> bool {
        let start = Instant::now();
        // (a bound, not an expectation: a loaded machine may be slow)
        while start.elapsed() < Duration::from_secs(60) {
            h.step();
            if h.query_by_label_contains(text).is_some() {
                return true;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        eprintln!("not shown: {text}");
        false
    }

    fn type_pin(h: &mut Harness<'_, CnsApp>, field: &str, masked: &[u8]) {
        h.get_by_role_and_label(Role::PasswordInput, field).focus();
        h.step();
        let digits = clear(masked);
        h.get_by_role_and_label(Role::PasswordInput, field).type_text(&digits);
        drop(digits);
        h.step();
        h.step();
    }

    /// The window: unblock with the PUK (PIN blocked), then change that PIN; then the scan.
    pub fn main() -> i32 {
        let mut card = SimCard::with_mode(QuirkMode::Standard);
        card.set_pin(&clear(&OLD_PIN)).unwrap();
        card.set_puk(&clear(&PUK)).unwrap();
        card.set_pin_tries(0, 3);
        let handle = SimHandle::new(card);
        let backend = Backend::Demo(handle.clone());
        let today = time::macros::date!(2026 - 11 - 26);
        let mut h = Harness::builder().with_size([1000.0, 800.0]).build_eframe(move |cc| {
            CnsApp::new(
                &cc.egui_ctx,
                AppConfig { today: Some(today), ..AppConfig::new(backend, Lang::It, false) },
            )
        });
        if !wait_label(&mut h, "Sblocca con il PUK") {
            return 2;
        }
        click(&mut h, "Sblocca con il PUK");
        type_pin(&mut h, "PUK", &PUK);
        h.key_press(egui::Key::Enter);
        h.step();
        type_pin(&mut h, "Nuovo PIN", &UNBLOCK_PIN);
        h.key_press(egui::Key::Enter);
        h.step();
        type_pin(&mut h, "Ripeti il nuovo PIN", &UNBLOCK_PIN);
        h.key_press(egui::Key::Enter);
        h.step();
        if !wait_label(&mut h, "PIN sbloccato") || !handle.card().pin_is(&clear(&UNBLOCK_PIN)) {
            return 2;
        }
        click(&mut h, "Fatto");
        if !wait_label(&mut h, "Ti restano 3 tentativi") {
            return 2;
        }
        click(&mut h, "Cambia PIN");
        type_pin(&mut h, "PIN attuale", &UNBLOCK_PIN);
        h.key_press(egui::Key::Enter);
        h.step();
        type_pin(&mut h, "Nuovo PIN", &NEW_PIN);
        click(&mut h, "Avanti");
        type_pin(&mut h, "Ripeti il nuovo PIN", &NEW_PIN);
        click(&mut h, "Cambia il PIN");
        if !wait_label(&mut h, "PIN cambiato") || !handle.card().pin_is(&clear(&NEW_PIN)) {
            return 2;
        }
        click(&mut h, "Fatto");
        if !wait_label(&mut h, "GIULIA BIANCHI") {
            return 2;
        }
        // a few idle frames, as a window that stays open would run
        for _ in 0..5 {
            h.step();
        }
        let hits = scan(&needles());
        if hits.is_empty() {
            println!("memory scan: no copy of any PIN or PUK");
            0
        } else {
            eprintln!("copies of secrets left in memory (window still open):\n{}", report(&hits));
            1
        }
    }
}

#[cfg(target_os = "linux")]
fn main() -> std::process::ExitCode {
    use linux::*;
    use std::process::ExitCode;

    match std::env::var("CNS_MEMSCAN_CHILD").as_deref() {
        Ok("cli") => return ExitCode::from(u8::try_from(cli_child::main()).unwrap_or(3)),
        Ok("gui") => return ExitCode::from(u8::try_from(gui_child::main()).unwrap_or(3)),
        Ok("scanner-sees") => {
            // the scanner itself: a secret kept on purpose must be found, or the test proves nothing
            let kept = clear(&NEW_PIN);
            let hits = scan(&needles());
            let seen = hits.iter().any(|h| h.secret == "new PIN");
            drop(kept);
            return if seen { ExitCode::SUCCESS } else { ExitCode::from(1) };
        }
        _ => {}
    }
    let mut failed = 0;
    let mut passed = 0;
    // the secrets, one per line, as a script would pipe them
    let mut input = Vec::new();
    for s in [&OLD_PIN[..], &NEW_PIN, &PUK, &UNBLOCK_PIN] {
        input.extend(s.iter().map(|b| b ^ 0x5C));
        input.push(b'\n');
    }
    for (name, mode, stdin) in [
        ("the scanner finds a kept PIN", "scanner-sees", &[][..]),
        ("cli: change-pin and unblock leave no secret in memory", "cli", &input[..]),
        ("window: unblock and change-pin leave no secret in memory", "gui", &[][..]),
    ] {
        let (code, out) = child(mode, stdin);
        if code == 0 {
            println!("test {name} ... ok");
            passed += 1;
        } else {
            println!("test {name} ... FAILED (exit {code})\n{out}");
            failed += 1;
        }
    }
    println!(
        "\ntest result: {}. {passed} passed; {failed} failed; 0 ignored; 0 measured; 0 filtered out",
        if failed == 0 { "ok" } else { "FAILED" }
    );
    if failed == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}

#[cfg(not(target_os = "linux"))]
fn main() {
    println!("test result: ok. 0 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out");
}
