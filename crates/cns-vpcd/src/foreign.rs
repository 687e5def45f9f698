//! A card that is not a TS-CNS: what a user puts in the reader by mistake (a bank card, most
//! often). `cns-sim-vpcd --card not-cns` serves it, so the doctor's "this is not a TS-CNS"
//! diagnosis can be made to happen through a real pcscd, not only with a fake transport.
//!
//! It lives here rather than among cns-sim's quirk modes because it is not a CNS with a quirk:
//! it has no CNS file system, no PIN, no holder; an ATR and "file not found" are all it needs.

use crate::VirtualCard;

/// An ATR shaped like a payment card's (EMV-style historical bytes, as many bank cards show; T=0
/// and T=1 offered, so pcscd and the vpcd driver, which reports T=1, agree): no CNS marker, no Italian
/// Netlink bytes. The last byte is TCK, the XOR of T0…Tk that ISO 7816-3 asks for when T=1 is
/// offered.
pub const NOT_CNS_ATR: [u8; 19] = [
    0x3B, 0x8E, 0x80, 0x01, 0x80, 0x31, 0x80, 0x66, 0xB0, 0x84, 0x12, 0x01, 0x6E, 0x01, 0x83, 0x00, 0x90,
    0x00, 0x03,
];

/// Status words: file or application not found; instruction not supported.
const SW_NOT_FOUND: [u8; 2] = [0x6A, 0x82];
const SW_INS_NOT_SUPPORTED: [u8; 2] = [0x6D, 0x00];

/// A payment card as the CNS code sees it: every SELECT (the CNS files by path, the CNS
/// applets by AID) answers 6A 82 "not found", every other command 6D 00.
#[derive(Debug, Clone, Copy, Default)]
pub struct NotCnsCard;

impl VirtualCard for NotCnsCard {
    fn atr(&self) -> Vec<u8> {
        NOT_CNS_ATR.to_vec()
    }
    fn power_on(&mut self) {}
    fn power_off(&mut self) {}
    fn reset(&mut self) {}
    fn process(&mut self, apdu: &[u8]) -> Vec<u8> {
        match apdu.get(1) {
            Some(0xA4) => SW_NOT_FOUND.to_vec(),
            _ => SW_INS_NOT_SUPPORTED.to_vec(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_atr_is_well_formed_and_has_no_cns_marker() {
        let atr = NOT_CNS_ATR;
        // T0 = 8E: TD1 present, 14 historical bytes; TD1 = 80: TD2 present, T=0; TD2 = 01: T=1.
        // TS T0 TD1 TD2, 14 historical bytes, TCK.
        assert_eq!(atr.len(), 4 + 14 + 1, "{atr:02X?}");
        assert_eq!(atr.iter().skip(1).fold(0u8, |x, b| x ^ b), 0, "TCK makes the XOR of T0..TCK zero");
        assert!(!atr.windows(3).any(|w| w == b"CNS"));
    }

    #[test]
    fn every_select_is_not_found() {
        let mut card = NotCnsCard;
        assert_eq!(card.process(&[0x00, 0xA4, 0x08, 0x00, 0x04, 0x11, 0x00, 0x11, 0x02]), [0x6A, 0x82]);
        assert_eq!(card.process(&[0x00, 0xA4, 0x04, 0x0C, 0x02, 0xA0, 0x00]), [0x6A, 0x82]);
        assert_eq!(card.process(&[0x00, 0xB0, 0x00, 0x00, 0x00]), [0x6D, 0x00]);
    }
}
