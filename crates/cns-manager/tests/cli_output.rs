//! The command's output going to a reader that has gone (`cns-manager status | grep -q …`, `| head`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::{Command, Stdio};

#[test]
fn a_closed_output_pipe_ends_the_program_quietly_not_with_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    for args in [&["--demo", "status"][..], &["--demo", "readers", "--json"][..]] {
        // the read end closed before the program starts: its first write fails with EPIPE
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = Command::new(env!("CARGO_BIN_EXE_cns-manager"))
            .args(args)
            .env("XDG_CONFIG_HOME", dir.path())
            // The same folder for Windows, where the user's settings live under %APPDATA%.
            .env("APPDATA", dir.path())
            .env("HOME", dir.path())
            .stdin(Stdio::null())
            .stdout(writer)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        // what a shell reports for a program ended by SIGPIPE
        assert_eq!(out.status.code(), Some(141), "{args:?}: {stderr}");
    }
}
