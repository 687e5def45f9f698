//! Each card family preset and each knob.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use cns_sim::{EofStyle, QuirkMode, Quirks, SimCard, SimHandle, fid};
use common::*;

#[test]
fn presets_have_names_and_real_cns_atrs() {
    assert_eq!(QuirkMode::all().len(), 9);
    for m in QuirkMode::all() {
        if *m == QuirkMode::St2022 {
            // a contactless reader's ATR: no historical bytes at all
            assert_eq!(to_hex(m.atr()), "3B 80 80 01 01");
            continue;
        }
        assert_eq!(m.to_string().parse::<QuirkMode>().unwrap(), *m);
        assert_eq!(m.name().to_ascii_uppercase().parse::<QuirkMode>().unwrap(), *m);
        assert!(!m.description().is_empty());
        let atr = SimCard::with_mode(*m).atr();
        assert_eq!(atr, m.atr());
        // TCK: XOR of T0..TCK is 0.
        assert_eq!(atr[1..].iter().fold(0u8, |a, b| a ^ b), 0, "{m}");
        // 15 historical bytes ending in "CNS" 1x 31 80, then TCK.
        assert_eq!(atr[1] & 0x0F, 15);
        let hist = &atr[atr.len() - 16..atr.len() - 1];
        assert_eq!(&hist[..2], &[0x00, 0x6B]);
        assert_eq!(&hist[9..12], b"CNS");
        assert_eq!(&hist[13..], &[0x31, 0x80]);
    }
    assert!("athena".parse::<QuirkMode>().is_err());
    assert_eq!(QuirkMode::default(), QuirkMode::Standard);
    assert_eq!(
        to_hex(QuirkMode::Standard.atr()),
        "3B DF 18 00 81 31 FE 7D 00 6B 15 0C 01 81 01 11 01 43 4E 53 10 31 80 E8"
    );
    assert_eq!(
        to_hex(QuirkMode::StIncard.atr()),
        "3B FF 18 00 FF 81 31 FE 55 00 6B 02 09 16 17 01 11 01 43 4E 53 11 31 80 8D"
    );
    assert_eq!(
        to_hex(QuirkMode::Siemens.atr()),
        "3B FF 18 00 FF C1 0A 31 FE 55 00 6B 05 08 C8 0C 01 11 01 43 4E 53 10 31 80 05"
    );
    assert_eq!(
        to_hex(QuirkMode::Idemia.atr()),
        "3B FF 18 00 00 81 31 FE 45 00 6B 05 05 10 17 01 21 01 43 4E 53 10 31 80 5E"
    );
    // Mask bytes (H4) tell the families apart.
    // The 2025 applet card carries the same G&D ATR as a classic one: only its files tell.
    let masks: Vec<u8> =
        QuirkMode::all().iter().filter(|m| m.atr().len() > 13).map(|m| m.atr()[m.atr().len() - 13]).collect();
    assert_eq!(masks, vec![0x0C, 0x09, 0x08, 0x05, 0x08, 0x04, 0x05, 0x04]);
    assert_eq!(QuirkMode::Applet2025.atr(), QuirkMode::NoCount.atr());
}

#[test]
fn standard_is_the_default_knobs() {
    assert_eq!(QuirkMode::Standard.quirks(), Quirks::default());
    assert_eq!(*SimCard::default().quirks(), Quirks::default());
}

#[test]
fn stincard_needs_p2_90() {
    let mut c = SimCard::with_mode(QuirkMode::StIncard);
    assert_eq!(verify(&mut c, 0x10, "12345"), 0x6A88);
    assert_eq!(send(&mut c, "00 20 00 10"), "6A 88");
    assert_eq!(c.pin_tries_left(), 3);
    assert_eq!(send(&mut c, "00 20 00 90"), "63 C3");
    assert_eq!(verify(&mut c, 0x90, "11111"), 0x63C2);
    assert_eq!(verify(&mut c, 0x90, "12345"), 0x9000);
    assert_eq!(verify(&mut c, 0x91, "12345678"), 0x9000);
    let change = format!("00 24 00 90 10 {} {}", padded("12345"), padded("54321"));
    assert_eq!(sw(&mut c, &change.replace("00 24 00 90", "00 24 00 10")), 0x6A88);
    assert_eq!(sw(&mut c, &change), 0x9000);
    let unblock = format!("00 2C 00 90 10 {} {}", padded("12345678"), padded("24680"));
    assert_eq!(sw(&mut c, &unblock.replace("00 2C 00 90", "00 2C 00 10")), 0x6A88);
    assert_eq!(sw(&mut c, &unblock), 0x9000);
    assert!(c.pin_is("24680"));
}

#[test]
fn nocount_answers_6300() {
    let mut c = SimCard::with_mode(QuirkMode::NoCount);
    assert_eq!(send(&mut c, "00 20 00 10"), "63 00");
    assert_eq!(c.pin_tries_left(), 3);
    assert_eq!(verify(&mut c, 0x10, "11111"), 0x6300);
    assert_eq!(verify(&mut c, 0x10, "11111"), 0x6300);
    assert_eq!(c.pin_tries_left(), 1);
    assert_eq!(verify(&mut c, 0x10, "12345"), 0x9000);
    assert_eq!(send(&mut c, "00 20 00 10"), "90 00");
    c.set_pin_tries(1, 3);
    assert_eq!(verify(&mut c, 0x10, "11111"), 0x6300);
    assert_eq!(verify(&mut c, 0x10, "12345"), 0x6983);
    let wrong_puk = format!("00 2C 00 10 10 {} {}", padded("11111111"), padded("54321"));
    assert_eq!(sw(&mut c, &wrong_puk), 0x6300);
    assert_eq!(c.puk_tries_left(), 7);
}

#[test]
fn siemens_empty_verify_burns_a_try() {
    let mut c = SimCard::with_mode(QuirkMode::Siemens);
    assert_eq!(send(&mut c, "00 20 00 10"), "63 C2");
    assert_eq!(send(&mut c, "00 20 00 10"), "63 C1");
    assert_eq!(c.pin_tries_left(), 1);
    assert_eq!(send(&mut c, "00 20 00 10"), "63 C0");
    assert_eq!(send(&mut c, "00 20 00 10"), "69 83");
    assert_eq!(verify(&mut c, 0x10, "12345"), 0x6983);
    // Even right after a successful VERIFY it counts, and the verified state is lost.
    let mut c = SimCard::with_mode(QuirkMode::Siemens);
    assert_eq!(verify(&mut c, 0x10, "12345"), 0x9000);
    assert_eq!(send(&mut c, "00 20 00 10"), "63 C2");
    assert!(!c.is_pin_verified());
    // Ordinary reads are unaffected.
    assert_eq!(read_file(&mut c, &[fid::DF0, fid::EF_ID_CARTA]), b"6090104237815004");
}

#[test]
fn idemia_delivers_through_get_response() {
    let mut c = SimCard::with_mode(QuirkMode::Idemia);
    assert_eq!(send(&mut c, "00 A4 08 00 04 10 00 10 03 00"), "61 1D");
    let fci = send(&mut c, "00 C0 00 00 1D");
    assert!(fci.starts_with("6F 1B 80 02 00 10"), "{fci}");
    assert!(fci.ends_with("90 00"));
    // Without Le a T=0 card still announces the FCI.
    assert_eq!(send(&mut c, "00 A4 08 00 04 10 00 10 03"), "61 1D");
    // Le too large: 6Cxx; too small: part and 61xx for the rest.
    assert_eq!(send(&mut c, "00 C0 00 00 20"), "6C 1D");
    let (part, s) = tx(&mut c, "00 C0 00 00 10");
    assert_eq!((part.len(), s), (16, 0x610D));
    let (rest, s) = tx(&mut c, "00 C0 00 00 0D");
    assert_eq!((rest.len(), s), (13, 0x9000));
    assert_eq!(send(&mut c, "00 C0 00 00 01"), "69 85");
    // Reads too; a status word without data comes directly.
    assert_eq!(send(&mut c, "00 B0 00 00 10"), "61 10");
    assert_eq!(tx(&mut c, "00 C0 00 00 10"), (b"6090104237815004".to_vec(), 0x9000));
    assert_eq!(send(&mut c, "00 B0 00 20 01"), "6B 00");
    assert_eq!(send(&mut c, "00 20 00 10"), "63 C3");
    // Another command drops the pending response.
    assert_eq!(send(&mut c, "00 B0 00 00 04"), "61 04");
    assert_eq!(send(&mut c, "00 20 00 10"), "63 C3");
    assert_eq!(send(&mut c, "00 C0 00 00 04"), "69 85");
    // 256 bytes are announced as 61 00.
    assert_eq!(sw(&mut c, "00 A4 08 00 04 11 00 11 01"), 0x611D);
    assert_eq!(send(&mut c, "00 B0 00 00 00"), "61 00");
    let (d, s) = tx(&mut c, "00 C0 00 00 00");
    assert_eq!((d.len(), s), (256, 0x9000));
    assert_eq!(&d[..2], &[0x30, 0x82]);
}

#[test]
fn idemia_answers_6cxx_at_end_of_file() {
    let mut c = SimCard::with_mode(QuirkMode::Idemia);
    c.quirks_mut().get_response = false;
    assert_eq!(sw(&mut c, "00 A4 08 00 04 10 00 10 03 00"), 0x9000);
    assert_eq!(send(&mut c, "00 B0 00 00 FF"), "6C 10");
    assert_eq!(send(&mut c, "00 B0 00 0C 05"), "6C 04");
    assert_eq!(tx(&mut c, "00 B0 00 0C 04").0, b"5004");
    // Le = 00 still means "up to the end".
    assert_eq!(tx(&mut c, "00 B0 00 00 00"), (b"6090104237815004".to_vec(), 0x9000));
}

#[test]
fn idemia_works_through_cns_core_exchange() {
    use cns_core::{CardTransport, commands, exchange};
    let h = SimHandle::new(SimCard::with_mode(QuirkMode::Idemia));
    let mut t = h.transport();
    let mut s = t.session().unwrap();
    let r = exchange(&mut *s, &commands::select_path(&[0x1000, 0x1003]).unwrap()).unwrap();
    assert!(r.is_ok());
    assert_eq!(&r.data[..2], &[0x6F, 0x1B]);
    assert_eq!(r.data.len(), 0x1D);
    // Le larger than the file: 6Cxx, re-sent with the right Le, then 61xx + GET RESPONSE.
    let r = exchange(&mut *s, &commands::read_binary(0, 0xFF)).unwrap();
    assert!(r.is_ok());
    assert_eq!(r.data, b"6090104237815004");
}

#[test]
fn legacy_refuses_le00_on_long_files() {
    let mut c = SimCard::with_mode(QuirkMode::Legacy);
    assert_eq!(sw(&mut c, "00 A4 08 00 04 11 00 11 01 00"), 0x9000);
    assert_eq!(send(&mut c, "00 B0 00 00 00"), "67 00");
    assert_eq!(send(&mut c, "00 B0 07 F0 00"), "67 00");
    assert_eq!(tx(&mut c, "00 B0 00 00 FF").0.len(), 255);
    // The rule is on the file's size (400 here), not on what is left to read.
    assert_eq!(sw(&mut c, "00 A4 08 00 04 11 00 11 02 00"), 0x9000);
    assert_eq!(send(&mut c, "00 B0 01 00 00"), "67 00");
    // Short files are fine with Le = 00.
    assert_eq!(sw(&mut c, "00 A4 08 00 04 12 00 12 03 00"), 0x9000);
    assert_eq!(tx(&mut c, "00 B0 00 00 00"), (vec![0; 160], 0x9000));
    assert_eq!(sw(&mut c, "00 A4 08 00 04 10 00 10 03 00"), 0x9000);
    assert_eq!(tx(&mut c, "00 B0 00 00 00").1, 0x9000);
    // And, like the Siemens card, an empty VERIFY costs a try.
    assert_eq!(send(&mut c, "00 20 00 10"), "63 C2");
}

#[test]
fn knobs_combine() {
    let mut c = SimCard::default();
    c.set_quirks(Quirks {
        wrong_pin_without_count: true,
        empty_verify_counts_as_failure: true,
        eof: EofStyle::Sw6Cxx,
        ..Quirks::default()
    });
    assert_eq!(send(&mut c, "00 20 00 10"), "63 00");
    assert_eq!(c.pin_tries_left(), 2);
    assert_eq!(sw(&mut c, "00 A4 08 00 04 10 00 10 03 00"), 0x9000);
    assert_eq!(send(&mut c, "00 B0 00 08 10"), "6C 08");
}

#[test]
fn set_mode_keeps_the_pin_state() {
    let mut c = SimCard::default();
    assert_eq!(verify(&mut c, 0x10, "11111"), 0x63C2);
    c.set_mode(QuirkMode::StIncard);
    assert_eq!(c.atr(), QuirkMode::StIncard.atr());
    assert!(c.quirks().pin_p2_backtracking);
    assert_eq!(send(&mut c, "00 20 00 90"), "63 C2");
}
