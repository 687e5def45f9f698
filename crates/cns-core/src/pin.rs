//! PIN and PUK values and their states.
//!
//! A [`Pin`] can only be built from 5 to 8 ASCII digits, lives in a zeroizing buffer, cannot be
//! printed (its `Debug` is redacted, it has no `Display`, no `Clone`), and hands out its card form
//! (FF-padded to 8 bytes) only as another zeroizing buffer.

use std::fmt;
use zeroize::{Zeroize, Zeroizing};

pub const MIN_LEN: usize = 5;
pub const MAX_LEN: usize = 8;
/// The card stores PIN and PUK as 8 bytes, ASCII digits padded with FF.
pub const PADDED_LEN: usize = 8;
/// The PUK's length on a TS-CNS. Every source agrees on 8 digits (cns-facts §3.1: the issuing
/// offices hand out 2 + 6 digits [Martesana], [progettocns]; Netlink's reset code is 8 ASCII
/// digits [NK]) and none shows a shorter one, so this is one rule for every card, not profile
/// data. A shorter PUK is still a valid secret (a CNS token outside the TS family might have
/// one): front ends ask before sending it, because on a TS-CNS it is a typo that costs a try.
pub const PUK_LEN: usize = 8;

/// Which secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PinKind {
    Pin,
    Puk,
}

/// Why a typed value is not acceptable. Checked before anything is sent to the card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PinFormatError {
    #[error("empty")]
    Empty,
    #[error("only digits are allowed")]
    NotDigits,
    #[error("too short: at least 5 digits")]
    TooShort,
    #[error("too long: at most 8 digits")]
    TooLong,
}

/// A validated PIN or PUK (5..=8 ASCII digits).
pub struct Pin(Zeroizing<Vec<u8>>);

impl Pin {
    /// Validates and takes a copy of `s`. The caller should wipe its own buffer.
    pub fn new(s: &str) -> Result<Pin, PinFormatError> {
        Self::from_bytes(s.as_bytes())
    }

    pub fn from_bytes(b: &[u8]) -> Result<Pin, PinFormatError> {
        validate(b)?;
        Ok(Pin(Zeroizing::new(b.to_vec())))
    }

    /// Number of digits.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The 8-byte card encoding: the ASCII digits followed by FF padding.
    pub fn padded(&self) -> Zeroizing<[u8; PADDED_LEN]> {
        let mut out = Zeroizing::new([0xFF; PADDED_LEN]);
        out[..self.0.len()].copy_from_slice(&self.0);
        out
    }

    /// Appends the 8-byte card encoding to `out` (a zeroizing buffer with room for it), without
    /// any intermediate copy: an array returned by value can leave the digits in a stack frame.
    pub fn extend_padded(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.0);
        out.resize(out.len() + PADDED_LEN.saturating_sub(self.0.len()), 0xFF);
    }

    /// Compares two PINs in constant time with respect to content (lengths may leak).
    pub fn same_as(&self, other: &Pin) -> bool {
        self.0.len() == other.0.len()
            && self.0.iter().zip(other.0.iter()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
    }

    /// Digits as a string slice, for local checks such as [`weakness`]. Never log it.
    pub fn expose_digits(&self) -> &str {
        // Only ASCII digits were accepted, so this is always valid UTF-8.
        std::str::from_utf8(&self.0).unwrap_or("")
    }
}

impl fmt::Debug for Pin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Pin(<redacted>)")
    }
}

impl Drop for Pin {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

/// Checks a candidate PIN/PUK without keeping it.
pub fn validate(b: &[u8]) -> Result<(), PinFormatError> {
    if b.is_empty() {
        return Err(PinFormatError::Empty);
    }
    if !b.iter().all(u8::is_ascii_digit) {
        return Err(PinFormatError::NotDigits);
    }
    if b.len() < MIN_LEN {
        return Err(PinFormatError::TooShort);
    }
    if b.len() > MAX_LEN {
        return Err(PinFormatError::TooLong);
    }
    Ok(())
}

/// `Some(digits typed)` when `puk` is a well-formed secret but shorter than a TS-CNS PUK
/// ([`PUK_LEN`]): worth a question before it costs a PUK try.
pub fn puk_shorter_than_usual(puk: &str) -> Option<usize> {
    (validate(puk.as_bytes()).is_ok() && puk.len() < PUK_LEN).then_some(puk.len())
}

/// Why a new PIN is easy to guess. A warning for the user, never a refusal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weakness {
    /// All digits the same (11111).
    Repeated,
    /// Ascending or descending run (12345, 98765).
    Sequence,
    /// The holder's birth date in a common form (DDMMYY, DDMMYYYY, YYYY...).
    BirthDate,
}

/// Looks for the obvious guesses. `birth_date` is DDMMYYYY when known.
pub fn weakness(pin: &Pin, birth_date: Option<&str>) -> Option<Weakness> {
    let d = pin.expose_digits().as_bytes();
    if d.windows(2).all(|w| w[0] == w[1]) {
        return Some(Weakness::Repeated);
    }
    let step = |delta: i8| d.windows(2).all(|w| (w[1] as i8 - w[0] as i8) == delta);
    if step(1) || step(-1) {
        return Some(Weakness::Sequence);
    }
    // Compared in place: no copy of the birth date (personal data) or of the PIN is made. The
    // date comes from the card, so it is checked to be 8 ASCII digits before it is sliced.
    if let Some(bd) = birth_date.map(str::as_bytes)
        && bd.len() == 8
        && bd.iter().all(u8::is_ascii_digit)
    {
        let (dd, mm, yyyy, yy) = (&bd[0..2], &bd[2..4], &bd[4..8], &bd[6..8]);
        let is = |parts: &[&[u8]]| {
            let mut rest = d;
            for p in parts {
                match rest.strip_prefix(*p) {
                    Some(r) => rest = r,
                    None => return false,
                }
            }
            rest.is_empty()
        };
        if is(&[dd, mm, yyyy])
            || is(&[dd, mm, yy])
            || is(&[yyyy, mm, dd])
            || is(&[mm, dd, yyyy])
            || (d.len() == 5 && bd.starts_with(d))
        {
            return Some(Weakness::BirthDate);
        }
    }
    None
}

/// What we know about a PIN or PUK's counter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "state", rename_all = "lowercase")]
pub enum PinState {
    /// The card did not say (or we did not dare ask).
    Unknown,
    /// Usable, with this many tries left.
    TriesLeft { tries_left: u8 },
    /// Already verified in this card session (empty VERIFY answered 9000).
    Verified,
    /// Blocked: PIN → unblock with the PUK; PUK → the card must be replaced.
    Blocked,
}

impl PinState {
    pub fn tries_left(self) -> Option<u8> {
        match self {
            PinState::TriesLeft { tries_left } => Some(tries_left),
            PinState::Blocked => Some(0),
            _ => None,
        }
    }

    pub fn is_blocked(self) -> bool {
        self == PinState::Blocked
    }

    /// True when exactly one try is known to be left: the next wrong entry blocks.
    pub fn is_last_try(self) -> bool {
        self == PinState::TriesLeft { tries_left: 1 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_5_to_8_digits_only() {
        assert!(Pin::new("12345").is_ok());
        assert!(Pin::new("12345678").is_ok());
        assert_eq!(Pin::new("1234").unwrap_err(), PinFormatError::TooShort);
        assert_eq!(Pin::new("123456789").unwrap_err(), PinFormatError::TooLong);
        assert_eq!(Pin::new("12a45").unwrap_err(), PinFormatError::NotDigits);
        assert_eq!(Pin::new("12 45").unwrap_err(), PinFormatError::NotDigits);
        assert_eq!(Pin::new("١٢٣٤٥").unwrap_err(), PinFormatError::NotDigits);
        assert_eq!(Pin::new("").unwrap_err(), PinFormatError::Empty);
    }

    #[test]
    fn a_puk_shorter_than_8_digits_is_flagged_only_when_it_is_otherwise_valid() {
        assert_eq!(puk_shorter_than_usual("1234567"), Some(7));
        assert_eq!(puk_shorter_than_usual("12345"), Some(5));
        assert_eq!(puk_shorter_than_usual("12345678"), None);
        // not a secret at all: the format check says why, not this one
        assert_eq!(puk_shorter_than_usual("1234"), None);
        assert_eq!(puk_shorter_than_usual("123456789"), None);
        assert_eq!(puk_shorter_than_usual("12a4567"), None);
        assert_eq!(puk_shorter_than_usual(""), None);
    }

    #[test]
    fn pads_with_ff_to_8() {
        let p = Pin::new("12345").unwrap();
        assert_eq!(*p.padded(), [0x31, 0x32, 0x33, 0x34, 0x35, 0xFF, 0xFF, 0xFF]);
        let p = Pin::new("87654321").unwrap();
        assert_eq!(&*p.padded(), b"87654321");
    }

    #[test]
    fn debug_never_shows_digits() {
        let p = Pin::new("97531").unwrap();
        let s = format!("{p:?} {:?}", Some(&p));
        assert!(!s.contains("97531"));
        assert!(s.contains("redacted"));
    }

    #[test]
    fn weak_pins_are_flagged() {
        let w = |s: &str| weakness(&Pin::new(s).unwrap(), Some("01011980"));
        assert_eq!(w("11111"), Some(Weakness::Repeated));
        assert_eq!(w("12345"), Some(Weakness::Sequence));
        assert_eq!(w("98765"), Some(Weakness::Sequence));
        assert_eq!(w("010180"), Some(Weakness::BirthDate));
        assert_eq!(w("01011980"), Some(Weakness::BirthDate));
        assert_eq!(w("19800101"), Some(Weakness::BirthDate));
        assert_eq!(w("58203"), None);
    }

    #[test]
    fn a_strange_birth_date_from_the_card_is_no_problem() {
        let p = Pin::new("24680").unwrap();
        for bd in ["0é01234", "ABCDEFGH", "", "0101198", "010119800", "€€€€"] {
            assert_eq!(weakness(&p, Some(bd)), None, "{bd:?}");
        }
        assert_eq!(weakness(&Pin::new("01011").unwrap(), Some("01011980")), Some(Weakness::BirthDate));
    }

    #[test]
    fn states() {
        assert!(PinState::TriesLeft { tries_left: 1 }.is_last_try());
        assert!(!PinState::Unknown.is_last_try());
        assert_eq!(PinState::Blocked.tries_left(), Some(0));
        assert_eq!(PinState::Unknown.tries_left(), None);
    }

    proptest! {
        #[test]
        fn validation_matches_the_rule(s in "\\PC{0,12}") {
            let ok = Pin::new(&s).is_ok();
            let rule = (5..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
            prop_assert_eq!(ok, rule);
        }
    }
}
