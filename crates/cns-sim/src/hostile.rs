//! Hostile cards: a simulated card that answers like a broken or malicious one, so the client's
//! exchange, read and parse code can be shown to stay bounded (no panic, no hang, no memory
//! growing without limit) whatever comes back.
//!
//! Each [`Hostility`] is one misbehaviour laid over an otherwise honest card (the
//! [`crate::Quirks::hostile`] knob). The answers are deterministic: the same command always gets
//! the same answer, so a failing test replays.

use crate::card::SimCard;
use crate::fs::{EF_C_CARTA, EF_CERT_2025, EF_DATI_PERSONALI, EF_DATI_PROCESSORE};
pub use crate::quirks::{Hostility, UnknownHostility};

/// Bytes READ BINARY adds past what was asked, with [`Hostility::ReadOverflow`].
pub const OVERFLOW_BYTES: usize = 4096;

/// Status words no ISO 7816-4 card sends ([`Hostility::OddStatus`]).
pub const ODD_STATUS_WORDS: [u16; 5] = [0x0000, 0x1234, 0x4242, 0x9123, 0xFFFF];

/// The card's answer to reset, through its hostility if it has one ([`Hostility::LongAtr`]: the
/// honest one, then filler up to 40 bytes).
pub fn atr(card: &SimCard) -> Vec<u8> {
    let mut atr = card.atr();
    if card.quirks().hostile == Some(Hostility::LongAtr) {
        atr.resize(40.max(atr.len() + 1), 0xA5);
    }
    atr
}

/// The card's answer to `raw`, through its hostility if it has one: what a reader slot (the
/// [`crate::SimHandle`], the vpcd card) hands back. [`SimCard::process`] itself is always honest.
pub fn answer(card: &mut SimCard, raw: &[u8]) -> Vec<u8> {
    match card.quirks().hostile {
        Some(h) => process(card, h, raw),
        None => card.process(raw),
    }
}

/// Answers `raw` as the hostile card `h` does.
fn process(card: &mut SimCard, h: Hostility, raw: &[u8]) -> Vec<u8> {
    let ins = raw.get(1).copied().unwrap_or(0);
    let (p1, p2) = (raw.get(2).copied().unwrap_or(0), raw.get(3).copied().unwrap_or(0));
    match h {
        Hostility::Endless61 => {
            if ins == 0xC0 {
                vec![seed_byte(raw), 0x61, 0x01]
            } else {
                vec![0x61, 0x01]
            }
        }
        Hostility::Endless6C => vec![0x6C, (seed_byte(raw) | 1).max(2)],
        Hostility::OddStatus => {
            let i = usize::from(seed_byte(raw)) % ODD_STATUS_WORDS.len();
            ODD_STATUS_WORDS.get(i).copied().unwrap_or(0x1234).to_be_bytes().to_vec()
        }
        Hostility::FciLies => {
            let honest = card.process(raw);
            if ins == 0xA4 && ends_ok(&honest) {
                // template of 12 bytes: 80 04 FFFFFFFF, 81 04 FFFFFFFF; then junk outside it
                let mut fci = vec![0x6F, 0x0C, 0x80, 0x04, 0xFF, 0xFF, 0xFF, 0xFF, 0x81, 0x04];
                fci.extend_from_slice(&[0xFF; 4]);
                fci.extend_from_slice(&[0x6F, 0x82, 0xFF, 0xFF, 0x80]);
                fci.extend_from_slice(&[0x90, 0x00]);
                return fci;
            }
            honest
        }
        Hostility::ReadOverflow => {
            let mut honest = card.process(raw);
            if ins == 0xB0 && ends_ok(&honest) {
                let sw = honest.split_off(honest.len().saturating_sub(2));
                honest.extend(std::iter::repeat_n(0xEE, OVERFLOW_BYTES));
                honest.extend(sw);
            }
            honest
        }
        Hostility::RandomFiles | Hostility::HugeLengths => {
            let content = card.selected_ef().and_then(|ef| synthetic_file(h, ef));
            match content {
                Some(file) if ins == 0xB0 && raw.first() == Some(&0x00) => {
                    read_synthetic(&file, u16::from_be_bytes([p1 & 0x7F, p2]), raw.get(4).copied())
                }
                _ => card.process(raw),
            }
        }
        Hostility::LongAtr => card.process(raw),
    }
}

fn ends_ok(resp: &[u8]) -> bool {
    resp.ends_with(&[0x90, 0x00])
}

/// A byte that depends on every byte of the command, so answers vary but replay.
fn seed_byte(raw: &[u8]) -> u8 {
    raw.iter().fold(0x5Au8, |acc, b| acc.rotate_left(3) ^ b)
}

/// The contents a hostile card puts in place of a data file, if it replaces that one.
fn synthetic_file(h: Hostility, ef: u16) -> Option<Vec<u8>> {
    let len = match ef {
        EF_DATI_PERSONALI => 400,
        EF_DATI_PROCESSORE => 54,
        EF_C_CARTA | EF_CERT_2025 => 2048,
        _ => return None,
    };
    Some(match h {
        Hostility::RandomFiles => random_bytes(u64::from(ef), len),
        _ => match ef {
            // a valid header, then a first field of 0xFF bytes in a file that has 3 of them
            EF_DATI_PERSONALI => b"0001A2FF123".to_vec(),
            // a SEQUENCE of 4 GiB, then nothing but zeros
            EF_C_CARTA | EF_CERT_2025 => {
                let mut der = vec![0x30, 0x84, 0xFF, 0xFF, 0xFF, 0xF0, 0x30, 0x84, 0xFF, 0xFF, 0xFF, 0xFF];
                der.resize(len, 0);
                der
            }
            _ => vec![0xFF; len],
        },
    })
}

/// xorshift64*: reproducible noise, no dependency.
fn random_bytes(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..len)
        .map(|_| {
            x ^= x >> 12;
            x ^= x << 25;
            x ^= x >> 27;
            x.wrapping_mul(0x2545_F491_4F6C_DD1D).to_be_bytes()[0]
        })
        .collect()
}

/// READ BINARY on a replaced file, with the ISO answers of an honest card.
fn read_synthetic(file: &[u8], offset: u16, le: Option<u8>) -> Vec<u8> {
    let ne = match le {
        None | Some(0) => 256,
        Some(n) => usize::from(n),
    };
    let Some(rest) = file.get(usize::from(offset)..).filter(|r| !r.is_empty()) else {
        return vec![0x6B, 0x00];
    };
    let mut out = rest.get(..ne).unwrap_or(rest).to_vec();
    let sw = if out.len() < ne { [0x62, 0x82] } else { [0x90, 0x00] };
    out.extend_from_slice(&sw);
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::QuirkMode;

    fn hostile(h: Hostility) -> SimCard {
        let mut card = SimCard::with_mode(QuirkMode::Standard);
        card.quirks_mut().hostile = Some(h);
        card
    }

    #[test]
    fn names_round_trip() {
        for &h in Hostility::all() {
            assert_eq!(h.name().parse::<Hostility>(), Ok(h));
        }
        assert!("friendly".parse::<Hostility>().is_err());
    }

    #[test]
    fn endless_61_never_ends() {
        let mut card = hostile(Hostility::Endless61);
        assert_eq!(answer(&mut card, &[0x00, 0xA4, 0x00, 0x00, 0x02, 0x3F, 0x00]), vec![0x61, 0x01]);
        for _ in 0..100 {
            let r = answer(&mut card, &[0x00, 0xC0, 0x00, 0x00, 0x01]);
            assert_eq!(r.len(), 3);
            assert_eq!(r[1..], [0x61, 0x01]);
        }
    }

    #[test]
    fn endless_6c_is_never_satisfied() {
        let mut card = hostile(Hostility::Endless6C);
        let r = answer(&mut card, &[0x00, 0xB0, 0x00, 0x00, 0x10]);
        assert_eq!(r[0], 0x6C);
        let r2 = answer(&mut card, &[0x00, 0xB0, 0x00, 0x00, r[1]]);
        assert_eq!(r2[0], 0x6C);
    }

    #[test]
    fn odd_status_words_are_not_iso() {
        let mut card = hostile(Hostility::OddStatus);
        let r = answer(&mut card, &[0x00, 0xA4, 0x00, 0x00, 0x02, 0x3F, 0x00]);
        assert_eq!(r.len(), 2);
        assert!(ODD_STATUS_WORDS.contains(&u16::from_be_bytes([r[0], r[1]])));
    }

    #[test]
    fn read_overflow_sends_more_than_asked() {
        let mut card = hostile(Hostility::ReadOverflow);
        answer(&mut card, &[0x00, 0xA4, 0x08, 0x0C, 0x04, 0x10, 0x00, 0x10, 0x03]);
        let r = answer(&mut card, &[0x00, 0xB0, 0x00, 0x00, 0x10]);
        assert_eq!(r.len(), 16 + OVERFLOW_BYTES + 2);
        assert_eq!(r[r.len() - 2..], [0x90, 0x00]);
    }

    #[test]
    fn fci_lies_even_unasked() {
        let mut card = hostile(Hostility::FciLies);
        let r = answer(&mut card, &[0x00, 0xA4, 0x08, 0x0C, 0x04, 0x10, 0x00, 0x10, 0x03]);
        assert_eq!(r[0], 0x6F);
        assert_eq!(r[r.len() - 2..], [0x90, 0x00]);
    }

    #[test]
    fn random_files_keep_the_serial() {
        let mut card = hostile(Hostility::RandomFiles);
        let honest_serial = SimCard::with_mode(QuirkMode::Standard).file(&[0x1000, 0x1003]).unwrap().to_vec();
        answer(&mut card, &[0x00, 0xA4, 0x08, 0x0C, 0x04, 0x10, 0x00, 0x10, 0x03]);
        let r = answer(&mut card, &[0x00, 0xB0, 0x00, 0x00, 0x10]);
        assert_eq!(r[..16], honest_serial[..]);
        answer(&mut card, &[0x00, 0xA4, 0x08, 0x0C, 0x04, 0x11, 0x00, 0x11, 0x02]);
        let r = answer(&mut card, &[0x00, 0xB0, 0x00, 0x00, 0x00]);
        assert_eq!(r.len(), 258);
        let honest = SimCard::with_mode(QuirkMode::Standard).file(&[0x1100, 0x1102]).unwrap().to_vec();
        assert_ne!(r[..256], honest[..256]);
    }

    #[test]
    fn long_atr_is_longer_than_iso_allows() {
        let card = hostile(Hostility::LongAtr);
        assert_eq!(atr(&card).len(), 40);
        assert!(atr(&card).starts_with(QuirkMode::Standard.atr()));
    }
}
