//! Saving and loading a simulated card (TOML), so the demo card and the virtual reader keep a
//! changed PIN or a blocked counter between runs.
//!
//! The file holds the simulated card's own PIN and PUK: it describes a test card, not a person.
//!
//! ```toml
//! mode = "standard"
//! holder = "bianchi-giulia"
//!
//! [pin]
//! value = "12345"
//! tries_left = 3
//! max_tries = 3
//!
//! [puk]
//! value = "12345678"
//! tries_left = 8
//! max_tries = 8
//!
//! [quirks]            # optional: the mode's knobs when absent
//! pin_p2_backtracking = false
//! ```

use crate::card::{DEFAULT_PIN, DEFAULT_PIN_TRIES, DEFAULT_PUK, DEFAULT_PUK_TRIES, SimCard};
use crate::holder::HolderPreset;
use crate::pin::MAX_TRIES_LIMIT;
use crate::quirks::{QuirkMode, Quirks};
use serde::{Deserialize, Serialize};
use std::path::Path;
use zeroize::Zeroizing;

/// Why a state could not be loaded or saved.
#[derive(Debug, thiserror::Error)]
pub enum StateError {
    #[error("card state file is not valid: {0}")]
    Parse(#[from] toml::de::Error),
    #[error("card state cannot be written: {0}")]
    Serialize(#[from] toml::ser::Error),
    #[error("card state file: {0}")]
    Io(#[from] std::io::Error),
    #[error("card state file: the {0} must be 5 to 8 digits")]
    InvalidSecret(&'static str),
    #[error("card state file: {0} tries must be 1..=15 with tries_left <= max_tries")]
    InvalidTries(&'static str),
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StateFile {
    #[serde(default)]
    mode: QuirkMode,
    #[serde(default)]
    holder: HolderPreset,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pin: Option<SecretState>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    puk: Option<SecretState>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    quirks: Option<Quirks>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SecretState {
    value: String,
    tries_left: u8,
    max_tries: u8,
}

impl Drop for SecretState {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.value);
    }
}

impl SimCard {
    /// The persistent state as TOML: mode, holder, PIN and PUK values and counters, knobs.
    pub fn save_state(&self) -> String {
        let file = StateFile {
            mode: self.mode(),
            holder: self.holder_preset(),
            pin: Some(SecretState {
                value: self.pin_digits().to_string(),
                tries_left: self.pin_tries_left(),
                max_tries: self.pin_max_tries(),
            }),
            puk: Some(SecretState {
                value: self.puk_digits().to_string(),
                tries_left: self.puk_tries_left(),
                max_tries: self.puk_max_tries(),
            }),
            quirks: Some(self.quirks().clone()),
        };
        // Plain strings, integers and booleans always serialize; the comment makes a failure
        // visible instead of silently writing nothing.
        toml::to_string(&file).unwrap_or_else(|e| format!("# the card state could not be serialized: {e}\n"))
    }

    /// A card from [`SimCard::save_state`] output. Missing parts take the defaults (standard
    /// mode, default holder, PIN 12345 / PUK 12345678 with full counters, the mode's knobs).
    pub fn load_state(text: &str) -> Result<SimCard, StateError> {
        let file: StateFile = toml::from_str(text)?;
        let mut card = SimCard::new(file.mode, file.holder);
        if let Some(quirks) = &file.quirks {
            card.set_quirks(quirks.clone());
        }
        match &file.pin {
            Some(s) => {
                card.set_pin(&s.value).map_err(|_| StateError::InvalidSecret("PIN"))?;
                card.set_pin_tries(check_tries(s, "PIN")?, s.max_tries);
            }
            None => card.set_pin_tries(DEFAULT_PIN_TRIES, DEFAULT_PIN_TRIES),
        }
        match &file.puk {
            Some(s) => {
                card.set_puk(&s.value).map_err(|_| StateError::InvalidSecret("PUK"))?;
                card.set_puk_tries(check_tries(s, "PUK")?, s.max_tries);
            }
            None => card.set_puk_tries(DEFAULT_PUK_TRIES, DEFAULT_PUK_TRIES),
        }
        debug_assert!(file.pin.is_some() || card.pin_is(DEFAULT_PIN));
        debug_assert!(file.puk.is_some() || card.puk_is(DEFAULT_PUK));
        Ok(card)
    }

    /// Writes [`SimCard::save_state`] to `path`.
    pub fn to_file(&self, path: impl AsRef<Path>) -> Result<(), StateError> {
        std::fs::write(path, self.save_state())?;
        Ok(())
    }

    /// Reads a card saved with [`SimCard::to_file`].
    pub fn from_file(path: impl AsRef<Path>) -> Result<SimCard, StateError> {
        let text = Zeroizing::new(std::fs::read_to_string(path)?);
        SimCard::load_state(&text)
    }
}

fn check_tries(s: &SecretState, which: &'static str) -> Result<u8, StateError> {
    if s.max_tries == 0 || s.max_tries > MAX_TRIES_LIMIT || s.tries_left > s.max_tries {
        return Err(StateError::InvalidTries(which));
    }
    Ok(s.tries_left)
}
