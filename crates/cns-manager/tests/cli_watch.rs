//! `cns-manager watch` in text mode, with the demo card (`--demo-card`): the status line of an
//! inserted card says what `status` says, in the same words.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::BufRead as _;
use std::process::{Command, Stdio};
use std::time::Duration;

fn cli(dir: &std::path::Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_cns-manager"));
    // APPDATA: the same folder for Windows, where the user's settings live under %APPDATA%.
    c.args(args)
        .env("XDG_CONFIG_HOME", dir)
        .env("APPDATA", dir)
        .env("HOME", dir)
        .env_remove("LANG")
        .env_remove("LC_ALL");
    c
}

/// The status line `watch` prints for the demo card of `mode`, and what `status` prints.
fn watch_and_status(mode: &str, lang: &str) -> (String, String) {
    let dir = tempfile::tempdir().unwrap();
    let status = cli(dir.path(), &["--demo-card", mode, "--lang", lang, "status"]).output().unwrap();
    assert_eq!(status.status.code(), Some(0), "{}", String::from_utf8_lossy(&status.stderr));
    let mut child = cli(dir.path(), &["--demo-card", mode, "--lang", lang, "watch"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, lines) = std::sync::mpsc::channel::<String>();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                return;
            }
        }
    });
    let mut got = Vec::new();
    while got.len() < 3 {
        // (a bound on a line that must come, not a speed)
        match lines.recv_timeout(Duration::from_secs(60)) {
            Ok(l) => got.push(l),
            Err(e) => panic!("{mode}: watch printed {got:?}, then nothing ({e})"),
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    let reader = "CNS Manager – lettore dimostrativo";
    let connected = if lang == "en" { "Reader connected" } else { "Lettore collegato" };
    let inserted = if lang == "en" { "Card inserted" } else { "Tessera inserita" };
    assert!(got[0].ends_with(&format!("{reader}: {connected}")), "{got:?}");
    assert!(got[1].ends_with(&format!("{reader}: {inserted}")), "{got:?}");
    (got[2].clone(), String::from_utf8(status.stdout).unwrap())
}

#[test]
fn the_watch_line_says_what_status_says() {
    for (mode, lang) in [("standard", "it"), ("applet2025", "it"), ("siemens", "en")] {
        let (line, status) = watch_and_status(mode, lang);
        // every line of `status` but the reader's, word for word
        let mut lines = status.lines();
        assert!(lines.next().is_some_and(|l| l.contains("CNS Manager – lettore dimostrativo")), "{status}");
        for want in lines.map(str::trim) {
            assert!(
                line.contains(want),
                "{mode}: {want:?} missing from the watch line:\n{line}\nstatus:\n{status}"
            );
        }
        let (born, cert) = if lang == "en" {
            ("Born on: 12/05/1990", "Certificate: ")
        } else {
            ("Nato/a il: 12/05/1990", "Certificato: ")
        };
        assert!(line.contains(born) && line.contains(cert), "{mode}: {line}");
    }
    let (line, _) = watch_and_status("applet2025", "it");
    assert!(line.contains("Tipo di tessera: TS-CNS 2025 (applet)"), "{line}");
    assert!(line.contains("✓ PIN attivo – Ti restano 3 tentativi"), "{line}");
}

#[test]
fn an_unknown_demo_card_type_is_invalid_input() {
    let dir = tempfile::tempdir().unwrap();
    let out = cli(dir.path(), &["--demo-card", "nonesuch", "status"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    let out = cli(dir.path(), &["--demo-card", "st2022", "status", "--json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(j["card"]["generation"], "st2022", "{j}");
}
