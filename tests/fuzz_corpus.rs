//! The fuzz targets (`fuzz/src/targets.rs`) in the normal test suite, without AFL: every seed of
//! `fuzz/corpus/<target>/` and every crash input kept in `fuzz/regressions/<target>/` runs through
//! its target here, so a parser change that brings a fixed crash back fails `cargo test`.
//! The coverage-guided runs are `scripts/fuzz.sh`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

#[path = "../fuzz/src/targets.rs"]
#[allow(dead_code)]
mod targets;

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz")
}

fn run(target: &str, data: &[u8]) {
    if target == "settings" {
        let text = String::from_utf8_lossy(data);
        if let Ok(s) = cns_manager::settings::Settings::from_toml(&text) {
            let range = cns_manager::settings::MIN_ZOOM..=cns_manager::settings::MAX_ZOOM;
            assert!(range.contains(&s.zoom), "zoom {}", s.zoom);
        }
    } else {
        assert!(targets::run(target, data), "unknown target {target}");
    }
}

/// Runs every file under `fuzz/<kind>/<target>/`; the number of inputs run.
fn replay(kind: &str) -> usize {
    let mut n = 0;
    for &target in targets::TARGETS {
        let dir = fuzz_dir().join(kind).join(target);
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for e in entries {
            let path = e.unwrap().path();
            let data = std::fs::read(&path).unwrap();
            let r = std::panic::catch_unwind(|| run(target, &data));
            assert!(r.is_ok(), "{target}: {} panics", path.display());
            n += 1;
        }
    }
    n
}

#[test]
fn every_seed_runs_clean() {
    let n = replay("corpus");
    // every target has seeds
    for &t in targets::TARGETS {
        let dir = fuzz_dir().join("corpus").join(t);
        assert!(std::fs::read_dir(&dir).is_ok_and(|mut d| d.next().is_some()), "no seeds for {t}");
    }
    assert!(n >= targets::TARGETS.len(), "{n} seeds");
}

#[test]
fn every_crash_found_stays_fixed() {
    replay("regressions");
}

#[test]
fn targets_check_their_invariants() {
    // the targets fail loudly on a broken bound, not only on a crash of the parser: a scripted
    // card that answers 61xx forever is bounded by exchange, so card_answers passes...
    let mut endless = vec![0u8];
    for _ in 0..300 {
        endless.extend_from_slice(&[2, 0x61, 0x01]);
    }
    targets::card_answers(&endless);
    // ...and a StatusWord that does not round-trip would be caught
    targets::status_word(&[0x61, 0x00, 0x6C, 0xFF, 0x12, 0x34]);
}
