//! Saving and loading the card state.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use cns_sim::{EofStyle, HolderPreset, QuirkMode, SimCard, StateError};
use common::*;

#[test]
fn default_state_text() {
    let text = SimCard::default().save_state();
    assert!(text.contains("mode = \"standard\""), "{text}");
    assert!(text.contains("holder = \"bianchi-giulia\""));
    assert!(text.contains("[pin]\nvalue = \"12345\"\ntries_left = 3\nmax_tries = 3"), "{text}");
    assert!(text.contains("[puk]\nvalue = \"12345678\"\ntries_left = 8\nmax_tries = 8"), "{text}");
    assert!(text.contains("[quirks]"));
}

#[test]
fn round_trip_keeps_everything() {
    let mut c = SimCard::new(QuirkMode::Idemia, HolderPreset::RossiMario);
    let change = format!("00 24 00 10 10 {} {}", padded("12345"), padded("24681357"));
    assert_eq!(sw(&mut c, &change), 0x9000);
    assert_eq!(verify(&mut c, 0x10, "11111"), 0x63C2);
    assert_eq!(verify(&mut c, 0x11, "11111111"), 0x63C7);
    c.set_puk_tries(7, 10);
    c.quirks_mut().remove_after_commands = Some(12);
    c.quirks_mut().applet_aid = Some(hex("A0 00 00 05 30 00 0B 10 40 01 02 1A"));
    let text = c.save_state();
    assert!(text.contains("applet_aid = \"A000000530000B104001021A\""), "{text}");

    let back = SimCard::load_state(&text).unwrap();
    assert_eq!(back.mode(), QuirkMode::Idemia);
    assert_eq!(back.holder_preset(), HolderPreset::RossiMario);
    assert_eq!(back.quirks(), c.quirks());
    assert_eq!(back.quirks().eof, EofStyle::Sw6Cxx);
    assert!(back.pin_is("24681357"));
    assert!(back.puk_is("12345678"));
    assert_eq!((back.pin_tries_left(), back.pin_max_tries()), (2, 3));
    assert_eq!((back.puk_tries_left(), back.puk_max_tries()), (7, 10));
    assert!(!back.is_pin_verified());
    assert_eq!(back.save_state(), text);
}

#[test]
fn blocked_cards_stay_blocked() {
    let mut c = SimCard::default();
    c.set_pin_tries(0, 3);
    c.set_puk_tries(0, 8);
    let mut back = SimCard::load_state(&c.save_state()).unwrap();
    assert_eq!(verify(&mut back, 0x10, "12345"), 0x6983);
    assert_eq!(sw(&mut back, &format!("00 2C 01 10 08 {}", padded("12345678"))), 0x6983);
}

#[test]
fn minimal_files_take_defaults() {
    let c = SimCard::load_state("").unwrap();
    assert_eq!(c.mode(), QuirkMode::Standard);
    assert!(c.pin_is("12345") && c.puk_is("12345678"));
    let c = SimCard::load_state("mode = \"siemens\"\n").unwrap();
    assert!(c.quirks().empty_verify_counts_as_failure);
    assert_eq!(c.atr(), QuirkMode::Siemens.atr());
    assert_eq!(c.holder_preset(), HolderPreset::BianchiGiulia);
    let c = SimCard::load_state("mode = \"stincard\"\n[quirks]\nget_response = true\n").unwrap();
    assert!(c.quirks().get_response);
    assert!(!c.quirks().pin_p2_backtracking, "a [quirks] table is complete");
}

#[test]
fn invalid_files_are_refused() {
    let bad = |t: &str| SimCard::load_state(t).unwrap_err();
    assert!(matches!(bad("mode = \"athena\""), StateError::Parse(_)));
    assert!(matches!(bad("colour = \"red\""), StateError::Parse(_)));
    assert!(matches!(bad("holder = \"verdi-luca\""), StateError::Parse(_)));
    let pin = |v: &str, left: u8, max: u8| {
        format!("[pin]\nvalue = \"{v}\"\ntries_left = {left}\nmax_tries = {max}\n")
    };
    assert!(matches!(bad(&pin("1234", 3, 3)), StateError::InvalidSecret("PIN")));
    assert!(matches!(bad(&pin("12a45", 3, 3)), StateError::InvalidSecret("PIN")));
    assert!(matches!(bad(&pin("12345", 4, 3)), StateError::InvalidTries("PIN")));
    assert!(matches!(bad(&pin("12345", 0, 0)), StateError::InvalidTries("PIN")));
    assert!(matches!(bad(&pin("12345", 3, 16)), StateError::InvalidTries("PIN")));
    assert!(matches!(bad("[quirks]\napplet_aid = \"A0G\"\n"), StateError::Parse(_)));
}

#[test]
fn files_on_disk() {
    let dir = std::env::temp_dir().join(format!("cns-sim-state-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("card.toml");
    let mut c = SimCard::with_mode(QuirkMode::NoCount);
    c.set_pin("13579").unwrap();
    c.to_file(&path).unwrap();
    let back = SimCard::from_file(&path).unwrap();
    assert!(back.pin_is("13579"));
    assert_eq!(back.mode(), QuirkMode::NoCount);
    assert!(matches!(SimCard::from_file(dir.join("missing.toml")), Err(StateError::Io(_))));
    std::fs::remove_dir_all(&dir).unwrap();
}
