//! Helpers shared by the integration tests.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use cns_sim::SimCard;

/// "00 A4 00 00" → bytes (spaces optional).
pub fn hex(s: &str) -> Vec<u8> {
    let digits: Vec<u8> = s.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    assert!(digits.len().is_multiple_of(2), "odd hex: {s}");
    digits.chunks(2).map(|p| u8::from_str_radix(std::str::from_utf8(p).unwrap(), 16).unwrap()).collect()
}

pub fn to_hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02X}")).collect::<Vec<_>>().join(" ")
}

/// Sends a hex APDU, returns the response as hex.
pub fn send(card: &mut SimCard, apdu: &str) -> String {
    to_hex(&card.process(&hex(apdu)))
}

/// Sends a hex APDU, returns (data, SW).
pub fn tx(card: &mut SimCard, apdu: &str) -> (Vec<u8>, u16) {
    let r = card.process(&hex(apdu));
    assert!(r.len() >= 2, "response shorter than a SW: {r:?}");
    let (data, sw) = r.split_at(r.len() - 2);
    (data.to_vec(), u16::from_be_bytes([sw[0], sw[1]]))
}

pub fn sw(card: &mut SimCard, apdu: &str) -> u16 {
    tx(card, apdu).1
}

/// VERIFY body for the PIN or PUK: ASCII digits, FF-padded to 8, as hex.
pub fn padded(digits: &str) -> String {
    let mut v = digits.as_bytes().to_vec();
    v.resize(8, 0xFF);
    to_hex(&v)
}

pub fn verify(card: &mut SimCard, p2: u8, digits: &str) -> u16 {
    sw(card, &format!("00 20 00 {p2:02X} 08 {}", padded(digits)))
}

/// Reads a whole EF at `path` (absolute, without 3F00) with 255-byte reads, as OpenSC does.
pub fn read_file(card: &mut SimCard, path: &[u16]) -> Vec<u8> {
    let p: String = path.iter().map(|f| format!("{f:04X}")).collect();
    let (_, s) = tx(card, &format!("00 A4 08 00 {:02X} {p} 00", path.len() * 2));
    assert_eq!(s, 0x9000);
    let mut out = Vec::new();
    loop {
        let (data, s) = tx(card, &format!("00 B0 {:04X} FF", out.len()));
        out.extend_from_slice(&data);
        match s {
            0x9000 if data.len() == 255 => continue,
            0x9000 | 0x6282 | 0x6B00 => break,
            other => panic!("unexpected SW {other:04X}"),
        }
    }
    out
}
