//! SELECT and READ BINARY, byte for byte, on the standard card.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use cns_sim::{HolderPreset, QuirkMode, SimCard, fid};
use common::*;

const AC_RO: &str = "86 09 00 FF FF FF FF FF FF FF FF";

#[test]
fn select_df_by_fid_returns_df_fci() {
    let mut c = SimCard::default();
    assert_eq!(
        send(&mut c, "00 A4 00 00 02 11 00 00"),
        format!("6F 15 82 01 38 83 02 11 00 {AC_RO} 8A 01 05 90 00")
    );
}

#[test]
fn select_ef_returns_size_and_fid() {
    let mut c = SimCard::default();
    send(&mut c, "00 A4 00 00 02 11 00 00");
    assert_eq!(
        send(&mut c, "00 A4 00 00 02 11 02 00"),
        format!("6F 1B 80 02 01 90 82 03 01 00 00 83 02 11 02 {AC_RO} 8A 01 05 90 00")
    );
    assert_eq!(send(&mut c, "00 B0 00 00 06"), "30 30 30 30 36 38 90 00");
}

#[test]
fn step_by_step_and_mf_selection() {
    let mut c = SimCard::default();
    assert_eq!(
        send(&mut c, "00 A4 00 00 02 3F 00 00"),
        format!("6F 15 82 01 38 83 02 3F 00 {AC_RO} 8A 01 05 90 00")
    );
    assert_eq!(sw(&mut c, "00 A4 00 00 02 10 00 00"), 0x9000);
    assert_eq!(sw(&mut c, "00 A4 00 00 02 10 03 00"), 0x9000);
    let (serial, s) = tx(&mut c, "00 B0 00 00 10");
    assert_eq!(s, 0x9000);
    assert_eq!(serial, b"6090104237815004");
    // Empty data with P1=00 selects the MF.
    assert_eq!(sw(&mut c, "00 A4 00 00 00"), 0x9000);
    assert_eq!(sw(&mut c, "00 B0 00 00 10"), 0x6986);
}

#[test]
fn select_by_absolute_and_relative_path() {
    let mut c = SimCard::default();
    let (fci, s) = tx(&mut c, "00 A4 08 00 04 10 00 10 03 00");
    assert_eq!(s, 0x9000);
    assert_eq!(&fci[..6], &hex("6F 1B 80 02 00 10"));
    assert_eq!(tx(&mut c, "00 B0 00 00 00").0, b"6090104237815004");
    // Relative from the MF, then from DF1.
    assert_eq!(sw(&mut c, "00 A4 00 00 02 3F 00"), 0x9000);
    assert_eq!(sw(&mut c, "00 A4 09 00 04 11 00 11 02 00"), 0x9000);
    assert_eq!(tx(&mut c, "00 B0 00 00 06").0, b"000068");
    assert_eq!(sw(&mut c, "00 A4 09 00 02 11 01 00"), 0x9000);
    assert_eq!(tx(&mut c, "00 B0 00 00 02").0, hex("30 82"));
    // The absolute path excludes 3F00; relative paths do not reach up.
    assert_eq!(sw(&mut c, "00 A4 08 00 06 3F 00 11 00 11 02 00"), 0x6A82);
    assert_eq!(sw(&mut c, "00 A4 09 00 04 10 00 10 03 00"), 0x6A82);
    // An EF in the middle of a path is not a DF.
    assert_eq!(sw(&mut c, "00 A4 08 00 04 2F 02 10 03 00"), 0x6A82);
}

#[test]
fn parent_sibling_and_current_df() {
    let mut c = SimCard::default();
    assert_eq!(sw(&mut c, "00 A4 08 00 02 10 00 00"), 0x9000);
    // A sibling DF by FID.
    assert_eq!(sw(&mut c, "00 A4 00 00 02 11 00 00"), 0x9000);
    assert_eq!(sw(&mut c, "00 A4 00 00 02 11 02 00"), 0x9000);
    // A sibling EF of the current EF.
    assert_eq!(sw(&mut c, "00 A4 00 00 02 11 01 00"), 0x9000);
    assert_eq!(tx(&mut c, "00 B0 00 00 01").0, vec![0x30]);
    // The current DF by its own FID.
    assert_eq!(sw(&mut c, "00 A4 00 00 02 11 00 00"), 0x9000);
    assert_eq!(sw(&mut c, "00 B0 00 00 01"), 0x6986);
    // Parent (P1=03) of DF1 is the MF, whose parent does not exist.
    let (fci, s) = tx(&mut c, "00 A4 03 00 00");
    assert_eq!((s, &fci[7..9]), (0x9000, &hex("3F 00")[..]));
    assert_eq!(sw(&mut c, "00 A4 03 00 00"), 0x6A82);
    assert_eq!(sw(&mut c, "00 A4 03 00 02 3F 00"), 0x6700);
}

#[test]
fn unknown_file_keeps_the_selection() {
    let mut c = SimCard::default();
    assert_eq!(sw(&mut c, "00 A4 08 00 04 10 00 10 03 00"), 0x9000);
    assert_eq!(sw(&mut c, "00 A4 00 00 02 12 34 00"), 0x6A82);
    assert_eq!(sw(&mut c, "00 A4 08 00 04 11 00 99 99 00"), 0x6A82);
    assert_eq!(tx(&mut c, "00 B0 00 00 04").0, b"6090");
    // The CIE / IDEMIA-2021 / Infocamere paths do not exist on a classic TS-CNS.
    assert_eq!(sw(&mut c, "00 A4 08 00 04 10 00 10 04 00"), 0x6A82);
    assert_eq!(sw(&mut c, "00 A4 08 00 04 14 00 90 01 00"), 0x6A82);
    assert_eq!(sw(&mut c, "00 A4 08 00 04 2F FF 82 28 00"), 0x6A82);
}

#[test]
fn select_p1_p2_and_length_errors() {
    let mut c = SimCard::default();
    assert_eq!(sw(&mut c, "00 A4 02 00 02 11 00 00"), 0x6A86);
    assert_eq!(sw(&mut c, "00 A4 00 04 02 11 00 00"), 0x6A86);
    assert_eq!(sw(&mut c, "00 A4 00 00 03 11 00 00 00"), 0x6700);
    assert_eq!(sw(&mut c, "00 A4 08 00 03 11 00 11 00"), 0x6700);
    assert_eq!(sw(&mut c, "00 A4 08 00"), 0x6700);
    assert_eq!(sw(&mut c, "00 A4 04 00"), 0x6700);
    // No FCI: P2=0C, or no Le on a T=1 card.
    assert_eq!(send(&mut c, "00 A4 00 0C 02 11 00"), "90 00");
    assert_eq!(send(&mut c, "00 A4 00 00 02 11 02"), "90 00");
    assert_eq!(tx(&mut c, "00 B0 00 00 06").0, b"000068");
}

#[test]
fn select_by_aid_needs_the_applet_knob() {
    let aid = "A0 00 00 05 30 00 0B 10 40 01 02 1A";
    let mut c = SimCard::default();
    assert_eq!(sw(&mut c, &format!("00 A4 04 00 0C {aid} 00")), 0x6A82);
    c.quirks_mut().applet_aid = Some(hex(aid));
    assert_eq!(sw(&mut c, "00 A4 04 00 05 A0 00 00 05 30 00"), 0x6A82);
    assert_eq!(
        send(&mut c, &format!("00 A4 04 00 0C {aid} 00")),
        format!("6F 23 82 01 38 83 02 3F 00 84 0C {aid} {AC_RO} 8A 01 05 90 00")
    );
    assert_eq!(sw(&mut c, "00 A4 09 00 04 11 00 11 02 00"), 0x9000);
    assert_eq!(tx(&mut c, "00 B0 00 00 06").0, b"000068");
}

#[test]
fn read_binary_le_semantics() {
    let mut c = SimCard::default();
    assert_eq!(sw(&mut c, "00 A4 08 00 04 10 00 10 03 00"), 0x9000);
    // Le = 00: the remaining bytes of a short file.
    assert_eq!(tx(&mut c, "00 B0 00 00 00"), (b"6090104237815004".to_vec(), 0x9000));
    // Le <= remaining.
    assert_eq!(tx(&mut c, "00 B0 00 0C 04"), (b"5004".to_vec(), 0x9000));
    // Le > remaining: remaining + 6282.
    assert_eq!(tx(&mut c, "00 B0 00 00 FF"), (b"6090104237815004".to_vec(), 0x6282));
    assert_eq!(tx(&mut c, "00 B0 00 0E 05"), (b"04".to_vec(), 0x6282));
    // Offset at or past the end: 6B00.
    assert_eq!(send(&mut c, "00 B0 00 10 01"), "6B 00");
    assert_eq!(send(&mut c, "00 B0 7F FF 00"), "6B 00");
    // Short EF identifiers are not in the CNS command set.
    assert_eq!(send(&mut c, "00 B0 83 00 00"), "6A 86");
    // Data or no Le.
    assert_eq!(send(&mut c, "00 B0 00 00 01 00 00"), "67 00");
    assert_eq!(send(&mut c, "00 B0 00 00"), "67 00");
}

#[test]
fn read_binary_on_the_2048_byte_certificate_file() {
    let mut c = SimCard::default();
    assert_eq!(sw(&mut c, "00 A4 08 00 04 11 00 11 01 00"), 0x9000);
    let (d, s) = tx(&mut c, "00 B0 00 00 00");
    assert_eq!((d.len(), s), (256, 0x9000));
    let (d, s) = tx(&mut c, "00 B0 07 00 00");
    assert_eq!((d.len(), s), (256, 0x9000));
    let (d, s) = tx(&mut c, "00 B0 07 00 FF");
    assert_eq!((d.len(), s), (255, 0x9000));
    let (d, s) = tx(&mut c, "00 B0 07 02 FF");
    assert_eq!((d.len(), s), (254, 0x6282));
    assert_eq!(send(&mut c, "00 B0 08 00 01"), "6B 00");
    let der = c.certificate_der().to_vec();
    let file = read_file(&mut c, &[fid::DF1, fid::EF_C_CARTA]);
    assert_eq!(file.len(), 2048);
    assert_eq!(&file[..der.len()], &der[..]);
    assert!(file[der.len()..].iter().all(|b| *b == 0));
}

#[test]
fn no_ef_selected() {
    let mut c = SimCard::default();
    assert_eq!(send(&mut c, "00 B0 00 00 00"), "69 86");
    assert_eq!(sw(&mut c, "00 A4 00 00 02 12 00 00"), 0x9000);
    assert_eq!(send(&mut c, "00 B0 00 00 00"), "69 86");
}

#[test]
fn reset_selects_the_mf() {
    let mut c = SimCard::default();
    assert_eq!(sw(&mut c, "00 A4 08 00 04 10 00 10 03 00"), 0x9000);
    c.reset();
    assert_eq!(send(&mut c, "00 B0 00 00 00"), "69 86");
    assert_eq!(sw(&mut c, "00 A4 00 00 02 10 00 00"), 0x9000);
    c.power_off();
    c.power_on();
    assert_eq!(sw(&mut c, "00 A4 00 00 02 10 03 00"), 0x6A82);
    assert_eq!(sw(&mut c, "00 A4 00 00 02 11 00 00"), 0x9000);
}

#[test]
fn every_file_has_its_size_and_content() {
    let mut c = SimCard::default();
    let gdo = read_file(&mut c, &[fid::EF_GDO]);
    assert_eq!(gdo.len(), 105);
    assert_eq!(&gdo[..12], &hex("5A 0A 80 38 00 00 90 10 42 37 81 56"));
    assert_eq!(&gdo[12..15], &hex("5F 20 0E"));
    assert_eq!(&gdo[15..29], b"BIANCHI GIULIA");
    assert!(gdo[29..].iter().all(|b| *b == 0));

    let keypub = read_file(&mut c, &[fid::EF_KEYPUB]);
    assert_eq!(keypub.len(), 300);
    assert_eq!(&keypub[..4], &hex("30 82 01 0A"));
    assert_eq!(&keypub[..270], cns_sim::fixtures::rsa_public_key(HolderPreset::BianchiGiulia));

    assert_eq!(read_file(&mut c, &[fid::EF_CARD_STATUS]), vec![0; 20]);
    let processor = read_file(&mut c, &[fid::DF0, fid::EF_DATI_PROCESSORE]);
    assert_eq!(processor.len(), 54);
    assert_eq!(&processor[..4], b"150C");
    assert_eq!(read_file(&mut c, &[fid::DF0, fid::EF_ID_CARTA]), b"6090104237815004");
    let pd = read_file(&mut c, &[fid::DF1, fid::EF_DATI_PERSONALI]);
    assert_eq!(pd.len(), 400);
    assert_eq!(pd, cns_sim::Holder::bianchi_giulia().encode_personal_data().unwrap());
    assert_eq!(read_file(&mut c, &[fid::DF2, fid::EF_DATI_AGGIUNTIVI]), vec![0; 100]);
    assert_eq!(read_file(&mut c, &[fid::DF2, fid::EF_MEMORIA_RESIDUA]), hex("48 00"));
    assert_eq!(read_file(&mut c, &[fid::DF2, fid::EF_SERVIZI_INSTALLATI]), vec![0; 160]);
    let inst = read_file(&mut c, &[fid::DF2, fid::EF_INST_FILE]);
    assert_eq!(inst.len(), 128);
    assert!(inst.iter().any(|b| *b != 0));
}

#[test]
fn processor_data_follows_the_atr() {
    let mut c = SimCard::with_mode(QuirkMode::StIncard);
    assert_eq!(&read_file(&mut c, &[fid::DF0, fid::EF_DATI_PROCESSORE])[..4], b"0209");
}

#[test]
fn class_instruction_and_malformed_apdus() {
    let mut c = SimCard::default();
    assert_eq!(send(&mut c, ""), "67 00");
    assert_eq!(send(&mut c, "00 A4 00"), "67 00");
    // Extended length is not used by the CNS.
    assert_eq!(send(&mut c, "00 B0 00 00 00 01 00"), "67 00");
    assert_eq!(send(&mut c, "00 A4 00 00 02 3F"), "67 00");
    assert_eq!(send(&mut c, "00 A4 00 00 01 3F 00 00"), "67 00");
    assert_eq!(send(&mut c, "00 84 00 00 08"), "6D 00");
    assert_eq!(send(&mut c, "00 D6 00 00 01 00"), "6D 00");
    assert_eq!(send(&mut c, "80 A4 00 00 02 3F 00"), "6E 00");
    assert_eq!(send(&mut c, "FF CA 00 00 00"), "6E 00");
    assert_eq!(send(&mut c, "0C A4 00 00 02 3F 00"), "68 82");
    assert_eq!(send(&mut c, "01 A4 00 00 02 3F 00"), "68 81");
    assert_eq!(send(&mut c, "10 A4 00 00 02 3F 00"), "68 84");
    // GET RESPONSE with nothing pending.
    assert_eq!(send(&mut c, "00 C0 00 00 10"), "69 85");
}

/// The 2025 applet card as the trace of OpenSC issue #3804 shows it.
#[test]
fn applet2025_answers_like_the_public_trace() {
    let aid = "A0 00 00 05 30 00 0B 10 40 01 02 1A";
    let mut c = SimCard::with_mode(QuirkMode::Applet2025);
    // nothing selected at reset: the card manager answers
    assert_eq!(sw(&mut c, "00 A4 00 00 02 3F 00 00"), 0x6A82);
    assert_eq!(sw(&mut c, "00 A4 08 00 04 10 00 10 03 00"), 0x6A82);
    assert_eq!(sw(&mut c, "00 B0 00 00 00"), 0x6D00);
    assert_eq!(sw(&mut c, "00 20 00 10"), 0x6D00);
    // the application: a DF whose FID is 3F00, with the AID in its FCI
    let fci = send(&mut c, &format!("00 A4 04 00 0C {aid} 00"));
    assert!(fci.starts_with("6F ") && fci.contains(aid) && fci.contains("83 02 3F 00"), "{fci}");
    assert!(fci.ends_with("90 00"), "{fci}");
    // paths from the application DF by P1 = 09 only
    assert_eq!(sw(&mut c, "00 A4 01 0C 02 DA 01"), 0x6A82);
    assert_eq!(sw(&mut c, "00 A4 02 0C 02 C0 01"), 0x6A82);
    assert_eq!(sw(&mut c, "00 A4 08 00 04 11 00 11 02 00"), 0x6A86);
    assert_eq!(sw(&mut c, "00 A4 09 00 04 10 00 10 03 00"), 0x6A82, "no EF.ID_Carta");
    assert_eq!(sw(&mut c, "00 A4 09 00 04 11 00 11 01 00"), 0x6A82, "no EF.C_Carta");
    let fci = send(&mut c, "00 A4 09 00 04 11 00 11 02 00");
    assert!(fci.contains("80 02 01 90"), "EF.Dati_personali is 400 bytes: {fci}");
    // the serial: 5A 08 and 8 BCD bytes, relative to the application DF again
    let fci = send(&mut c, "00 A4 09 00 02 D0 03 00");
    assert!(fci.contains("80 02 00 0A"), "{fci}");
    assert_eq!(tx(&mut c, "00 B0 00 02 08"), (hex("60 90 10 42 37 81 50 04"), 0x9000));
    // the certificate: Le = 00 gives 256 bytes, the last read the rest + 9000, then 6B00
    let cert = SimCard::with_mode(QuirkMode::Applet2025).certificate_der().to_vec();
    let fci = send(&mut c, "00 A4 09 00 04 DA 01 C0 01 00");
    assert!(fci.contains(&format!("80 02 {:02X} {:02X}", cert.len() >> 8, cert.len() & 0xFF)), "{fci}");
    let mut read = Vec::new();
    loop {
        let (data, status) =
            tx(&mut c, &format!("00 B0 {:02X} {:02X} 00", read.len() >> 8, read.len() & 0xFF));
        if status == 0x6B00 {
            break;
        }
        assert_eq!(status, 0x9000);
        assert!(data.len() == 256 || read.len() + data.len() == cert.len(), "{}", data.len());
        read.extend(data);
    }
    assert_eq!(read, cert);
    // the PIN objects are the application's: with DA01 current they are not found (and no
    // try is spent); with the application current VERIFY works
    assert_eq!(sw(&mut c, "00 20 00 10 08 31 32 33 34 35 FF FF FF"), 0x6A88);
    assert_eq!(sw(&mut c, "00 20 00 10"), 0x6A88);
    assert_eq!(c.pin_tries_left(), 3);
    assert_eq!(sw(&mut c, &format!("00 A4 04 00 0C {aid} 00")), 0x9000);
    // an EF right under the application keeps it current
    assert_eq!(sw(&mut c, "00 A4 09 00 02 D0 03 00"), 0x9000);
    // VERIFY works there; selecting the application again clears the verified state
    assert_eq!(sw(&mut c, "00 20 00 10 08 31 32 33 34 35 FF FF FF"), 0x9000);
    assert_eq!(sw(&mut c, "00 20 00 10"), 0x9000);
    assert_eq!(sw(&mut c, &format!("00 A4 04 00 0C {aid} 00")), 0x9000);
    assert_eq!(sw(&mut c, "00 20 00 10"), 0x63C3);
    // and a reset leaves no application selected
    c.reset();
    assert_eq!(sw(&mut c, "00 A4 09 00 04 11 00 11 02 00"), 0x6A82);
}

#[test]
fn st2022_names_its_applet_in_get_data() {
    let aid = "A0 00 00 00 95 01 00 4D";
    let mut c = SimCard::with_mode(QuirkMode::St2022);
    assert_eq!(sw(&mut c, "00 CA 01 80 00"), 0x6D00, "before the applet is selected");
    assert_eq!(sw(&mut c, &format!("00 A4 04 00 08 {aid} 00")), 0x9000);
    assert_eq!(tx(&mut c, "00 CA 01 80 00"), (b"JSign4".to_vec(), 0x9000));
    // the classic names under the applet
    assert_eq!(sw(&mut c, "00 A4 09 00 04 10 00 10 03 00"), 0x9000);
    assert_eq!(tx(&mut c, "00 B0 00 00 10").0, b"6090104237815004");
}
