//! The card's own PIN and PUK objects (BSO 0x10 and 0x11): stored value and error counter.

use zeroize::Zeroizing;

/// Stored form: ASCII digits, FF-padded to 8 bytes, as the card keeps it.
pub const STORED_LEN: usize = 8;
/// The counter is a nibble on real cards (CNS spec §11.2.2), and 63Cx can only say 0..15.
pub const MAX_TRIES_LIMIT: u8 = 15;

/// The value is kept XORed with this mask: the simulated card lives in the same process as the
/// client in tests and the demo, and a memory scan for leftover PINs must find the client's
/// copies, not the card's own storage.
const MASK: u8 = 0xA5;

/// A stored form on the heap: moving it moves a pointer, never the digits (an array moved by
/// value leaves a copy behind in the stack frame it left).
pub type Stored = Zeroizing<Vec<u8>>;

pub struct Secret {
    /// The stored form, XOR [`MASK`].
    value: Stored,
    tries_left: u8,
    max_tries: u8,
}

impl Secret {
    /// `value` comes from [`stored_form`] or [`from_padded`], so it is always well formed.
    pub fn new(mut value: Stored, max_tries: u8) -> Secret {
        let max_tries = max_tries.clamp(1, MAX_TRIES_LIMIT);
        mask(&mut value);
        Secret { value, tries_left: max_tries, max_tries }
    }

    /// Exact comparison of the presented bytes with the stored 8 bytes: an unpadded or longer
    /// value is simply wrong ("partial string match is not a valid match", CNS spec §13.10).
    pub fn matches(&self, presented: &[u8]) -> bool {
        presented.len() == STORED_LEN
            && presented.iter().zip(self.value.iter()).fold(0u8, |acc, (a, b)| acc | (a ^ b ^ MASK)) == 0
    }

    pub fn is_blocked(&self) -> bool {
        self.tries_left == 0
    }

    pub fn tries_left(&self) -> u8 {
        self.tries_left
    }

    pub fn max_tries(&self) -> u8 {
        self.max_tries
    }

    /// Records a wrong presentation; returns the tries left.
    pub fn fail(&mut self) -> u8 {
        self.tries_left = self.tries_left.saturating_sub(1);
        self.tries_left
    }

    pub fn reset_counter(&mut self) {
        self.tries_left = self.max_tries;
    }

    pub fn set_value(&mut self, mut value: Stored) {
        mask(&mut value);
        self.value = value;
    }

    pub fn set_tries(&mut self, tries_left: u8, max_tries: u8) {
        self.max_tries = max_tries.clamp(1, MAX_TRIES_LIMIT);
        self.tries_left = tries_left.min(self.max_tries);
    }

    /// The digits, for the state file only.
    pub fn digits(&self) -> Zeroizing<String> {
        Zeroizing::new(
            self.value.iter().map(|b| b ^ MASK).take_while(|b| *b != 0xFF).map(char::from).collect(),
        )
    }
}

fn mask(value: &mut [u8]) {
    for b in value.iter_mut() {
        *b ^= MASK;
    }
}

/// The stored form of a new PIN/PUK given as digits: 5..8 ASCII digits, FF-padded.
pub fn stored_form(digits: &[u8]) -> Option<Stored> {
    if !(5..=STORED_LEN).contains(&digits.len()) || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut out = Zeroizing::new(vec![0xFF; STORED_LEN]);
    out.get_mut(..digits.len())?.copy_from_slice(digits);
    Some(out)
}

/// Checks a new value as the card receives it (8 bytes): 5..8 ASCII digits then only FF.
pub fn valid_padded(body: &[u8]) -> bool {
    let digits = body.iter().take_while(|b| b.is_ascii_digit()).count();
    body.len() == STORED_LEN
        && (5..=STORED_LEN).contains(&digits)
        && body.iter().skip(digits).all(|b| *b == 0xFF)
}

/// Copies a validated 8-byte body.
pub fn from_padded(body: &[u8]) -> Option<Stored> {
    if !valid_padded(body) {
        return None;
    }
    Some(Zeroizing::new(body.to_vec()))
}
