//! Pure builders for every command the card manager sends. No I/O here.

use crate::apdu::{Command, DataTooLong};
use crate::pin::Pin;
use zeroize::Zeroizing;

pub const INS_SELECT: u8 = 0xA4;
pub const INS_READ_BINARY: u8 = 0xB0;
pub const INS_VERIFY: u8 = 0x20;
pub const INS_CHANGE_REFERENCE_DATA: u8 = 0x24;
pub const INS_RESET_RETRY_COUNTER: u8 = 0x2C;
pub const INS_GET_RESPONSE: u8 = 0xC0;
pub const INS_MSE: u8 = 0x22;
pub const INS_PSO: u8 = 0x2A;
pub const INS_GET_DATA: u8 = 0xCA;

/// SELECT the MF: `00 A4 00 00 02 3F 00 00`.
pub fn select_mf() -> Command {
    select_fid(0x3F00)
}

/// SELECT a child of the current DF by file identifier, asking for the FCI (P2 = 00, Le = 00).
pub fn select_fid(fid: u16) -> Command {
    plain(INS_SELECT, 0x00, 0x00, fid.to_be_bytes().to_vec()).le(0)
}

/// SELECT the parent of the current DF (P1 = 03).
pub fn select_parent() -> Command {
    Command::new(0x00, INS_SELECT, 0x03, 0x00).le(0)
}

/// SELECT by absolute path from the MF (P1 = 08); `path` excludes 3F00.
pub fn select_path(path: &[u16]) -> Result<Command, DataTooLong> {
    let data: Vec<u8> = path.iter().flat_map(|f| f.to_be_bytes()).collect();
    Ok(Command::with_data(0x00, INS_SELECT, 0x08, 0x00, data)?.le(0))
}

/// SELECT by path relative to the current DF (P1 = 09), used under the newer applets.
pub fn select_relative_path(path: &[u16]) -> Result<Command, DataTooLong> {
    let data: Vec<u8> = path.iter().flat_map(|f| f.to_be_bytes()).collect();
    Ok(Command::with_data(0x00, INS_SELECT, 0x09, 0x00, data)?.le(0))
}

/// SELECT an application by AID (P1 = 04).
pub fn select_aid(aid: &[u8]) -> Result<Command, DataTooLong> {
    Ok(Command::with_data(0x00, INS_SELECT, 0x04, 0x00, aid.to_vec())?.le(0))
}

/// GET DATA (`00 CA P1 P2 00`): the ST2022 applet names itself in answer to P1P2 = 01 80.
pub fn get_data(p1: u8, p2: u8) -> Command {
    Command::new(0x00, INS_GET_DATA, p1, p2).le(0)
}

/// READ BINARY at `offset` (≤ 0x7FFF), `le` bytes (0 = up to 256).
pub fn read_binary(offset: u16, le: u8) -> Command {
    let [p1, p2] = (offset & 0x7FFF).to_be_bytes();
    Command::new(0x00, INS_READ_BINARY, p1, p2).le(le)
}

/// VERIFY: `00 20 00 <ref> 08 <PIN FF-padded>`.
pub fn verify(pin_ref: u8, pin: &Pin) -> Command {
    let mut data = Zeroizing::new(Vec::with_capacity(8));
    pin.extend_padded(&mut data);
    secret(INS_VERIFY, 0x00, pin_ref, data)
}

/// VERIFY with no data (ISO 7816-4 case 1): asks the counter without presenting a PIN.
/// Only sent where the card profile says it is safe.
pub fn verify_status(pin_ref: u8) -> Command {
    Command::new(0x00, INS_VERIFY, 0x00, pin_ref)
}

/// CHANGE REFERENCE DATA with the old PIN in the data: `00 24 00 <ref> 10 <old 8> <new 8>`.
pub fn change_reference_data(pin_ref: u8, old: &Pin, new: &Pin) -> Command {
    let mut data = Zeroizing::new(Vec::with_capacity(16));
    old.extend_padded(&mut data);
    new.extend_padded(&mut data);
    secret(INS_CHANGE_REFERENCE_DATA, 0x00, pin_ref, data)
}

/// RESET RETRY COUNTER with PUK and new PIN: `00 2C 00 <PIN ref> 10 <PUK 8> <new PIN 8>`.
pub fn reset_retry_counter(pin_ref: u8, puk: &Pin, new_pin: &Pin) -> Command {
    let mut data = Zeroizing::new(Vec::with_capacity(16));
    puk.extend_padded(&mut data);
    new_pin.extend_padded(&mut data);
    secret(INS_RESET_RETRY_COUNTER, 0x00, pin_ref, data)
}

/// MANAGE SECURITY ENVIRONMENT, RESTORE: `00 22 F3 <se> 00`. The trailing 00 is what the CNS
/// wants (CNS spec §13.14, as OpenSC sends it; cns-facts §6).
pub fn mse_restore(se: u8) -> Command {
    Command::new(0x00, INS_MSE, 0xF3, se).le(0)
}

/// MANAGE SECURITY ENVIRONMENT, SET for digital signature (CRT B6) with the private key
/// reference: `00 22 F1 B6 03 83 01 <key>`.
pub fn mse_set_signature_key(key_ref: u8) -> Command {
    plain(INS_MSE, 0xF1, 0xB6, vec![0x83, 0x01, key_ref])
}

/// PERFORM SECURITY OPERATION, COMPUTE DIGITAL SIGNATURE over a DER DigestInfo, which the card
/// pads (PKCS#1 v1.5 type 1) and signs: `00 2A 9E 9A Lc <DigestInfo> 00` (CNS spec §13.18).
pub fn pso_compute_digital_signature(digest_info: &[u8]) -> Result<Command, DataTooLong> {
    Ok(Command::with_data(0x00, INS_PSO, 0x9E, 0x9A, digest_info.to_vec())?.le(0))
}

fn plain(ins: u8, p1: u8, p2: u8, data: Vec<u8>) -> Command {
    // Callers pass at most 16 bytes: always fits.
    Command::with_data(0x00, ins, p1, p2, data).unwrap_or_else(|_| Command::new(0x00, ins, p1, p2))
}

fn secret(ins: u8, p1: u8, p2: u8, data: Zeroizing<Vec<u8>>) -> Command {
    // At most 16 bytes: always fits.
    Command::with_secret(0x00, ins, p1, p2, data).unwrap_or_else(|_| Command::new(0x00, ins, p1, p2))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(c: &Command) -> String {
        c.to_bytes().iter().map(|b| format!("{b:02X}")).collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn byte_exact_vectors_from_the_spec() {
        assert_eq!(hex(&select_mf()), "00 A4 00 00 02 3F 00 00");
        assert_eq!(hex(&select_path(&[0x1100, 0x1102]).unwrap()), "00 A4 08 00 04 11 00 11 02 00");
        assert_eq!(hex(&select_relative_path(&[0x1100, 0x1102]).unwrap()), "00 A4 09 00 04 11 00 11 02 00");
        assert_eq!(hex(&select_parent()), "00 A4 03 00 00");
        assert_eq!(hex(&read_binary(0x01FE, 0xFF)), "00 B0 01 FE FF");
        assert_eq!(hex(&verify_status(0x10)), "00 20 00 10");
        assert_eq!(hex(&get_data(0x01, 0x80)), "00 CA 01 80 00");
        assert_eq!(hex(&read_binary(0x0700, 0)), "00 B0 07 00 00");
        let pin = Pin::new("12345").unwrap();
        assert_eq!(hex(&verify(0x10, &pin)), "00 20 00 10 08 31 32 33 34 35 FF FF FF");
        assert_eq!(hex(&verify(0x90, &pin)), "00 20 00 90 08 31 32 33 34 35 FF FF FF");
        let new = Pin::new("54321").unwrap();
        assert_eq!(
            hex(&change_reference_data(0x10, &pin, &new)),
            "00 24 00 10 10 31 32 33 34 35 FF FF FF 35 34 33 32 31 FF FF FF"
        );
        let puk = Pin::new("12345678").unwrap();
        assert_eq!(
            hex(&reset_retry_counter(0x10, &puk, &pin)),
            "00 2C 00 10 10 31 32 33 34 35 36 37 38 31 32 33 34 35 FF FF FF"
        );
    }

    #[test]
    fn signature_commands_byte_exact() {
        assert_eq!(hex(&mse_restore(0x03)), "00 22 F3 03 00");
        assert_eq!(hex(&mse_set_signature_key(0x01)), "00 22 F1 B6 03 83 01 01");
        let di = [0x30, 0x31, 0x30, 0x0D];
        assert_eq!(hex(&pso_compute_digital_signature(&di).unwrap()), "00 2A 9E 9A 04 30 31 30 0D 00");
        assert!(pso_compute_digital_signature(&[0u8; 300]).is_err());
    }

    #[test]
    fn pin_commands_are_secret() {
        let pin = Pin::new("12345").unwrap();
        assert!(verify(0x10, &pin).is_secret());
        assert!(change_reference_data(0x10, &pin, &pin).is_secret());
        assert!(reset_retry_counter(0x10, &pin, &pin).is_secret());
        assert!(!format!("{:?}", verify(0x10, &pin)).contains("31 32"));
    }
}
