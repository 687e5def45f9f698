//! One-shot listing of the readers pcscd knows and whether each holds a card.

use std::ffi::CString;
use std::time::Duration;

use cns_core::TransportError;
use pcsc::{Context, ReaderState, Scope, State};
use serde::{Deserialize, Serialize};

use crate::error::map_error;

/// A reader and what is in it, as of the moment it was read.
///
/// Serialises with `atr` as an upper-case hex string (`"3B8880…"`) or `null`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReaderInfo {
    pub name: String,
    pub card_present: bool,
    #[serde(with = "atr_serde", default)]
    pub atr: Option<Vec<u8>>,
}

impl ReaderInfo {
    /// The ATR as upper-case hex without separators, if a card is present.
    pub fn atr_hex(&self) -> Option<String> {
        self.atr.as_deref().map(hex_upper)
    }

    /// Builds the info from a reader state as `SCardGetStatusChange` reported it.
    pub(crate) fn from_state(name: String, state: State, atr: &[u8]) -> Self {
        let card_present = state.contains(State::PRESENT);
        // A mute card has no usable ATR; pcsc-lite may still leave stale bytes in the buffer.
        let atr = (card_present && !state.contains(State::MUTE) && !atr.is_empty()).then(|| atr.to_vec());
        ReaderInfo { name, card_present, atr }
    }
}

/// Lists the readers with their current card state, using a fresh PC/SC context.
///
/// An empty list means pcscd runs but has no reader; a stopped service is
/// [`TransportError::ServiceUnavailable`].
pub fn list_readers() -> Result<Vec<ReaderInfo>, TransportError> {
    let ctx = Context::establish(Scope::User).map_err(map_error)?;
    list_readers_in(&ctx)
}

/// Like [`list_readers`], on a context the caller already has.
pub fn list_readers_in(ctx: &Context) -> Result<Vec<ReaderInfo>, TransportError> {
    let names = reader_names(ctx).map_err(map_error)?;
    if names.is_empty() {
        return Ok(Vec::new());
    }
    let mut states: Vec<ReaderState> =
        names.into_iter().map(|n| ReaderState::new(n, State::UNAWARE)).collect();
    // With every entry UNAWARE the call returns at once with the current states.
    match ctx.get_status_change(Duration::ZERO, &mut states) {
        Ok(()) | Err(pcsc::Error::Timeout) => {}
        Err(e) => return Err(map_error(e)),
    }
    Ok(states
        .iter()
        .filter(|rs| !rs.event_state().intersects(State::UNKNOWN | State::IGNORE))
        .map(|rs| {
            ReaderInfo::from_state(rs.name().to_string_lossy().into_owned(), rs.event_state(), rs.atr())
        })
        .collect())
}

/// The real readers, without the PnP pseudo reader (pcsc-lite never lists it, other stacks might).
pub(crate) fn reader_names(ctx: &Context) -> Result<Vec<CString>, pcsc::Error> {
    let pnp = pcsc::PNP_NOTIFICATION();
    Ok(ctx.list_readers_owned()?.into_iter().filter(|n| n.as_c_str() != pnp).collect())
}

pub(crate) fn hex_upper(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02X}");
    }
    s
}

fn parse_hex(s: &str) -> Option<Vec<u8>> {
    let digits: Vec<u8> = s.bytes().filter(|b| !b.is_ascii_whitespace() && *b != b':').collect();
    if !digits.len().is_multiple_of(2) {
        return None;
    }
    digits
        .chunks(2)
        .map(|pair| {
            let hi = (pair[0] as char).to_digit(16)?;
            let lo = (pair[1] as char).to_digit(16)?;
            u8::try_from(hi * 16 + lo).ok()
        })
        .collect()
}

mod atr_serde {
    use serde::{Deserialize, Deserializer, Serializer, de::Error as _};

    pub fn serialize<S: Serializer>(atr: &Option<Vec<u8>>, s: S) -> Result<S::Ok, S::Error> {
        match atr {
            Some(bytes) => s.serialize_some(&super::hex_upper(bytes)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<u8>>, D::Error> {
        match Option::<String>::deserialize(d)? {
            Some(text) => {
                super::parse_hex(&text).map(Some).ok_or_else(|| D::Error::custom("ATR is not a hex string"))
            }
            None => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ATR: [u8; 13] = [0x3B, 0x88, 0x80, 0x01, 0x52, 0x55, 0x53, 0x54, 0x43, 0x41, 0x52, 0x44, 0x1D];

    #[test]
    fn present_card_keeps_atr() {
        let info = ReaderInfo::from_state("R".into(), State::PRESENT | State::CHANGED, &ATR);
        assert!(info.card_present);
        assert_eq!(info.atr.as_deref(), Some(&ATR[..]));
        assert_eq!(info.atr_hex().as_deref(), Some("3B88800152555354434152441D"));
    }

    #[test]
    fn empty_or_mute_reader_has_no_atr() {
        let empty = ReaderInfo::from_state("R".into(), State::EMPTY, &ATR);
        assert!(!empty.card_present);
        assert_eq!(empty.atr, None);
        let mute = ReaderInfo::from_state("R".into(), State::PRESENT | State::MUTE, &ATR);
        assert!(mute.card_present);
        assert_eq!(mute.atr, None);
    }

    #[test]
    fn json_has_atr_as_hex_and_round_trips() {
        let info =
            ReaderInfo { name: "Virtual PCD 00 00".into(), card_present: true, atr: Some(ATR.to_vec()) };
        let json = serde_json::to_string(&info).unwrap();
        assert_eq!(
            json,
            r#"{"name":"Virtual PCD 00 00","card_present":true,"atr":"3B88800152555354434152441D"}"#
        );
        assert_eq!(serde_json::from_str::<ReaderInfo>(&json).unwrap(), info);

        let none = ReaderInfo { name: "x".into(), card_present: false, atr: None };
        let json = serde_json::to_string(&none).unwrap();
        assert_eq!(json, r#"{"name":"x","card_present":false,"atr":null}"#);
        assert_eq!(serde_json::from_str::<ReaderInfo>(&json).unwrap(), none);
    }

    #[test]
    fn bad_hex_is_rejected() {
        assert!(
            serde_json::from_str::<ReaderInfo>(r#"{"name":"x","card_present":true,"atr":"3B8"}"#).is_err()
        );
        assert!(
            serde_json::from_str::<ReaderInfo>(r#"{"name":"x","card_present":true,"atr":"ZZ"}"#).is_err()
        );
        assert_eq!(parse_hex("3b:88 80"), Some(vec![0x3B, 0x88, 0x80]));
    }
}
