//! `sign` names a second signature as the window does (one function, `signed_files`): never over
//! the first, with the document's extension kept before the `.p7m`, so that `verify --extract`
//! and a detached check find their way back to the document.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

/// cns-manager in `dir`, with a private config folder and no system-wide authorities.
fn cli(dir: &Path, args: &[&str], stdin: Option<&str>) -> (i32, Value) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cns-manager"))
        .args(args)
        .current_dir(dir)
        .env("XDG_CONFIG_HOME", dir.join("cfg"))
        // The same folder for Windows, where the user's settings live under %APPDATA%.
        .env("APPDATA", dir.join("cfg"))
        .env("HOME", dir)
        .env(cns_manager::trusted_ca::SYSTEM_DIR_ENV, dir.join("sys-ca"))
        .env_remove("LC_ALL")
        .env_remove("LANG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(s) = stdin {
        // The program may stop before reading (a refused argument): a closed pipe is its
        // answer; any other error is the test's own.
        if let Err(e) = child.stdin.take().unwrap().write_all(s.as_bytes()) {
            assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "writing the child's stdin: {e}");
        }
    }
    drop(child.stdin.take());
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let json = serde_json::from_str(stdout.trim())
        .unwrap_or_else(|e| panic!("{e}: {stdout}\n{}", String::from_utf8_lossy(&out.stderr)));
    (out.status.code().unwrap_or(-1), json)
}

fn sign(dir: &Path, args: &[&str]) -> PathBuf {
    let mut all = vec!["--demo", "sign"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--stdin", "--json"]);
    let (code, j) = cli(dir, &all, Some("12345\n"));
    assert_eq!(code, 0, "{j}");
    PathBuf::from(j["signed_file"].as_str().unwrap())
}

fn name(p: &Path) -> String {
    p.file_name().unwrap().to_string_lossy().into_owned()
}

#[test]
fn a_second_signature_is_x_2_txt_p7m_and_extracts_to_a_txt() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("cfg")).unwrap();
    std::fs::create_dir(d.join("sys-ca")).unwrap();
    std::fs::write(d.join("x.txt"), b"il documento ".repeat(100)).unwrap();

    let first = sign(d, &["x.txt"]);
    assert_eq!(name(&first), "x.txt.p7m");
    let before = std::fs::read(d.join("x.txt.p7m")).unwrap();
    let second = sign(d, &["x.txt"]);
    assert_eq!(name(&second), "x (2).txt.p7m");
    assert_eq!(std::fs::read(d.join("x.txt.p7m")).unwrap(), before, "the first signature is kept");
    // the name the window would give is the same function's
    assert_eq!(cns_manager::signed_files::signed_name(&d.join("x.txt"), "p7m", 2), d.join("x (2).txt.p7m"));

    // Extracted under the name without .p7m: a .txt again, with the document's bytes. (Exit 9:
    // the issuer is not trusted in this empty config; the signature itself is intact.)
    let (code, j) = cli(d, &["verify", "x (2).txt.p7m", "--extract", "x (2).txt", "--json"], None);
    assert_eq!(code, 9, "{j}");
    assert_eq!(j["layers"][0]["signers"][0]["content_intact"], true);
    assert_eq!(std::fs::read(d.join("x (2).txt")).unwrap(), std::fs::read(d.join("x.txt")).unwrap());

    // A name given with --out is the user's: replaced, not counted up.
    let out = sign(d, &["x.txt", "--out", "x.txt.p7m"]);
    assert_eq!(name(&out), "x.txt.p7m");
    assert!(!d.join("x (3).txt.p7m").exists());
}

#[test]
fn a_second_detached_signature_still_finds_its_document() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("cfg")).unwrap();
    std::fs::create_dir(d.join("sys-ca")).unwrap();
    std::fs::write(d.join("fattura.xml"), b"<fattura/>".repeat(40)).unwrap();
    assert_eq!(name(&sign(d, &["fattura.xml", "--detached"])), "fattura.xml.p7s");
    assert_eq!(name(&sign(d, &["fattura.xml", "--detached"])), "fattura (2).xml.p7s");
    // No --content: the document is found beside it, under the name without the counter.
    let (code, j) = cli(d, &["verify", "fattura (2).xml.p7s", "--json"], None);
    assert_eq!(code, 9, "{j}");
    assert_eq!(j["layers"][0]["detached"], true);
    assert_eq!(j["layers"][0]["signers"][0]["content_intact"], true);
}
