//! VERIFY, CHANGE REFERENCE DATA and RESET RETRY COUNTER on the standard card.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use cns_sim::SimCard;
use common::*;

#[test]
fn verify_right_pin_byte_exact() {
    let mut c = SimCard::default();
    assert_eq!(send(&mut c, "00 20 00 10 08 31 32 33 34 35 FF FF FF"), "90 00");
    assert!(c.is_pin_verified());
    assert_eq!(send(&mut c, "00 20 00 10"), "90 00");
}

#[test]
fn empty_verify_reports_tries_without_cost() {
    let mut c = SimCard::default();
    for _ in 0..5 {
        assert_eq!(send(&mut c, "00 20 00 10"), "63 C3");
    }
    // The case-2 encoding a hobby reader sends behaves the same.
    assert_eq!(send(&mut c, "00 20 00 10 00"), "63 C3");
    assert_eq!(send(&mut c, "00 20 00 11"), "63 C8");
    assert_eq!(c.pin_tries_left(), 3);
}

#[test]
fn wrong_pins_count_down_then_block() {
    let mut c = SimCard::default();
    assert_eq!(verify(&mut c, 0x10, "11111"), 0x63C2);
    assert_eq!(send(&mut c, "00 20 00 10"), "63 C2");
    assert_eq!(verify(&mut c, 0x10, "22222"), 0x63C1);
    assert_eq!(verify(&mut c, 0x10, "33333"), 0x63C0);
    assert_eq!(c.pin_tries_left(), 0);
    // Blocked: nothing changes any more, not even with the right PIN.
    assert_eq!(verify(&mut c, 0x10, "12345"), 0x6983);
    assert_eq!(send(&mut c, "00 20 00 10"), "69 83");
    assert!(!c.is_pin_verified());
    assert_eq!(c.pin_tries_left(), 0);
}

#[test]
fn right_pin_resets_the_counter() {
    let mut c = SimCard::default();
    assert_eq!(verify(&mut c, 0x10, "11111"), 0x63C2);
    assert_eq!(verify(&mut c, 0x10, "22222"), 0x63C1);
    assert_eq!(verify(&mut c, 0x10, "12345"), 0x9000);
    assert_eq!(c.pin_tries_left(), 3);
}

#[test]
fn unpadded_or_long_pin_is_wrong_and_costs() {
    let mut c = SimCard::default();
    assert_eq!(send(&mut c, "00 20 00 10 05 31 32 33 34 35"), "63 C2");
    assert_eq!(send(&mut c, "00 20 00 10 09 31 32 33 34 35 FF FF FF FF"), "63 C1");
    // Zero padding is not FF padding.
    assert_eq!(send(&mut c, "00 20 00 10 08 31 32 33 34 35 00 00 00"), "63 C0");
}

#[test]
fn failed_verify_drops_the_verified_state() {
    let mut c = SimCard::default();
    assert_eq!(verify(&mut c, 0x10, "12345"), 0x9000);
    assert_eq!(verify(&mut c, 0x10, "54321"), 0x63C2);
    assert!(!c.is_pin_verified());
    assert_eq!(send(&mut c, "00 20 00 10"), "63 C2");
}

#[test]
fn malformed_pin_commands_cost_nothing() {
    let mut c = SimCard::default();
    // Lc says 8, five bytes follow.
    assert_eq!(send(&mut c, "00 20 00 10 08 31 32 33 34 35"), "67 00");
    assert_eq!(send(&mut c, "00 20 01 10 08 31 32 33 34 35 FF FF FF"), "6A 86");
    assert_eq!(send(&mut c, "00 20 00 90 08 31 32 33 34 35 FF FF FF"), "6A 88");
    assert_eq!(send(&mut c, "00 20 00 12 08 31 32 33 34 35 FF FF FF"), "6A 88");
    assert_eq!(send(&mut c, "00 20 00 00"), "6A 88");
    assert_eq!(c.pin_tries_left(), 3);
}

#[test]
fn verified_until_reset() {
    let mut c = SimCard::default();
    assert_eq!(verify(&mut c, 0x10, "12345"), 0x9000);
    c.reset();
    assert!(!c.is_pin_verified());
    assert_eq!(send(&mut c, "00 20 00 10"), "63 C3");
}

#[test]
fn change_pin_byte_exact() {
    let mut c = SimCard::default();
    assert_eq!(send(&mut c, "00 24 00 10 10 31 32 33 34 35 FF FF FF 35 34 33 32 31 FF FF FF"), "90 00");
    assert!(c.pin_is("54321"));
    assert_eq!(verify(&mut c, 0x10, "12345"), 0x63C2);
    assert_eq!(verify(&mut c, 0x10, "54321"), 0x9000);
}

#[test]
fn change_with_wrong_old_pin_costs_a_try() {
    let mut c = SimCard::default();
    let cmd = format!("00 24 00 10 10 {} {}", padded("99999"), padded("54321"));
    assert_eq!(sw(&mut c, &cmd), 0x63C2);
    assert!(c.pin_is("12345"));
    assert_eq!(sw(&mut c, &cmd), 0x63C1);
    assert_eq!(sw(&mut c, &cmd), 0x63C0);
    assert_eq!(sw(&mut c, &format!("00 24 00 10 10 {} {}", padded("12345"), padded("54321"))), 0x6983);
    assert!(c.pin_is("12345"));
}

#[test]
fn change_validates_the_new_pin_without_cost() {
    let mut c = SimCard::default();
    let old = padded("12345");
    for new in [
        "31 32 33 34 FF FF FF FF", // 4 digits
        "31 32 33 34 35 36 37 41", // a letter
        "31 32 33 34 35 FF 36 FF", // a digit after the padding
        "31 32 33 34 35 00 00 00", // zero padding
        "FF FF FF FF FF FF FF FF", // empty
    ] {
        assert_eq!(sw(&mut c, &format!("00 24 00 10 10 {old} {new}")), 0x6A80, "{new}");
    }
    // Not 16 bytes: cannot be split, no try spent.
    assert_eq!(sw(&mut c, &format!("00 24 00 10 08 {old}")), 0x6700);
    assert_eq!(sw(&mut c, "00 24 00 10 0A 31 32 33 34 35 35 34 33 32 31"), 0x6700);
    assert_eq!(c.pin_tries_left(), 3);
    assert!(c.pin_is("12345"));
    // 8 digits are fine.
    assert_eq!(sw(&mut c, &format!("00 24 00 10 10 {old} {}", padded("87654321"))), 0x9000);
    assert!(c.pin_is("87654321"));
}

#[test]
fn change_p1_01_needs_a_verified_pin() {
    let mut c = SimCard::default();
    assert_eq!(sw(&mut c, &format!("00 24 01 10 08 {}", padded("54321"))), 0x6982);
    assert_eq!(verify(&mut c, 0x10, "12345"), 0x9000);
    assert_eq!(sw(&mut c, &format!("00 24 01 10 08 {}", padded("54321"))), 0x9000);
    assert!(c.pin_is("54321"));
}

#[test]
fn change_refuses_puk_and_bad_parameters() {
    let mut c = SimCard::default();
    let body = format!("{} {}", padded("12345678"), padded("87654321"));
    assert_eq!(sw(&mut c, &format!("00 24 00 11 10 {body}")), 0x6982);
    assert_eq!(sw(&mut c, &format!("00 24 02 10 10 {body}")), 0x6A86);
    assert_eq!(sw(&mut c, &format!("00 24 00 20 10 {body}")), 0x6A88);
    assert!(c.puk_is("12345678"));
    assert_eq!(c.puk_tries_left(), 8);
}

#[test]
fn unblock_with_puk_and_new_pin_byte_exact() {
    let mut c = SimCard::default();
    c.set_pin_tries(0, 3);
    assert_eq!(send(&mut c, "00 2C 00 10 10 31 32 33 34 35 36 37 38 35 34 33 32 31 FF FF FF"), "90 00");
    assert_eq!(c.pin_tries_left(), 3);
    assert!(c.pin_is("54321"));
    assert!(!c.is_pin_verified());
    assert_eq!(verify(&mut c, 0x10, "54321"), 0x9000);
}

#[test]
fn unblock_with_puk_only_keeps_the_pin() {
    let mut c = SimCard::default();
    c.set_pin_tries(0, 3);
    assert_eq!(sw(&mut c, &format!("00 2C 01 10 08 {}", padded("12345678"))), 0x9000);
    assert_eq!(c.pin_tries_left(), 3);
    assert!(c.pin_is("12345"));
}

#[test]
fn wrong_puk_counts_down_to_a_dead_card() {
    let mut c = SimCard::default();
    c.set_pin_tries(0, 3);
    let wrong = format!("00 2C 00 10 10 {} {}", padded("87654321"), padded("54321"));
    for left in (0..8).rev() {
        assert_eq!(sw(&mut c, &wrong), 0x63C0 | left, "left {left}");
    }
    assert_eq!(c.puk_tries_left(), 0);
    let right = format!("00 2C 00 10 10 {} {}", padded("12345678"), padded("54321"));
    for _ in 0..3 {
        assert_eq!(sw(&mut c, &right), 0x6983);
    }
    assert_eq!(sw(&mut c, &format!("00 2C 01 10 08 {}", padded("12345678"))), 0x6983);
    assert_eq!(send(&mut c, "00 20 00 11"), "69 83");
    assert_eq!(c.pin_tries_left(), 0);
    assert!(c.pin_is("12345"));
}

#[test]
fn right_puk_resets_the_puk_counter() {
    let mut c = SimCard::default();
    let wrong = format!("00 2C 01 10 08 {}", padded("87654321"));
    assert_eq!(sw(&mut c, &wrong), 0x63C7);
    assert_eq!(sw(&mut c, &wrong), 0x63C6);
    assert_eq!(sw(&mut c, &format!("00 2C 01 10 08 {}", padded("12345678"))), 0x9000);
    assert_eq!(c.puk_tries_left(), 8);
}

#[test]
fn unblock_validates_the_new_pin_without_puk_cost() {
    let mut c = SimCard::default();
    let bad = format!("00 2C 00 10 10 {} 31 32 33 FF FF FF FF FF", padded("87654321"));
    assert_eq!(sw(&mut c, &bad), 0x6A80);
    assert_eq!(sw(&mut c, &format!("00 2C 00 10 08 {}", padded("12345678"))), 0x6700);
    assert_eq!(sw(&mut c, &format!("00 2C 01 10 10 {} {}", padded("12345678"), padded("11111"))), 0x6700);
    assert_eq!(c.puk_tries_left(), 8);
}

#[test]
fn unblock_parameters() {
    let mut c = SimCard::default();
    let body = format!("{} {}", padded("12345678"), padded("54321"));
    assert_eq!(sw(&mut c, &format!("00 2C 02 10 10 {body}")), 0x6A86);
    assert_eq!(sw(&mut c, &format!("00 2C 00 11 10 {body}")), 0x6982);
    assert_eq!(sw(&mut c, &format!("00 2C 00 90 10 {body}")), 0x6A88);
    // P1=03: PUK must have been verified first.
    assert_eq!(sw(&mut c, "00 2C 03 10"), 0x6982);
    c.set_pin_tries(0, 3);
    assert_eq!(verify(&mut c, 0x11, "12345678"), 0x9000);
    assert_eq!(send(&mut c, "00 20 00 11"), "90 00");
    assert_eq!(sw(&mut c, "00 2C 03 10"), 0x9000);
    assert_eq!(c.pin_tries_left(), 3);
    assert_eq!(c.puk_tries_left(), 8);
}

#[test]
fn verify_puk_counts_on_the_puk() {
    let mut c = SimCard::default();
    assert_eq!(verify(&mut c, 0x11, "11111111"), 0x63C7);
    assert_eq!(c.puk_tries_left(), 7);
    assert_eq!(c.pin_tries_left(), 3);
}

#[test]
fn configurable_tries() {
    let mut c = SimCard::default();
    c.set_pin_tries(5, 5);
    c.set_puk_tries(3, 3);
    assert_eq!(send(&mut c, "00 20 00 10"), "63 C5");
    assert_eq!(send(&mut c, "00 20 00 11"), "63 C3");
    assert_eq!(verify(&mut c, 0x10, "11111"), 0x63C4);
    assert_eq!(verify(&mut c, 0x10, "12345"), 0x9000);
    assert_eq!(c.pin_tries_left(), 5);
    // Counters are nibbles.
    c.set_pin_tries(20, 20);
    assert_eq!((c.pin_tries_left(), c.pin_max_tries()), (15, 15));
}
