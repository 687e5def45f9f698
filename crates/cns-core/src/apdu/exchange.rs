//! The one routine that sends a command: follows 61xx with GET RESPONSE and re-sends on 6Cxx.

use super::{Command, Response, ResponseTooShort, StatusWord};
use crate::transport::{CardSession, TransportError};

/// Most GET RESPONSE rounds we follow for one command (256 bytes each: more than any TS-CNS file).
const MAX_GET_RESPONSE: usize = 64;
/// Most response bytes we accept for one command, all rounds together: what
/// [`MAX_GET_RESPONSE`] full rounds carry. A card that sends more (in one answer or in many) is
/// broken or hostile, and memory must not grow with it.
pub const MAX_RESPONSE_DATA: usize = MAX_GET_RESPONSE * 256;

#[derive(Debug, thiserror::Error)]
pub enum ExchangeError {
    #[error(transparent)]
    Transport(#[from] TransportError),
    #[error("malformed response from the card")]
    Malformed(#[from] ResponseTooShort),
    #[error("the card keeps asking for GET RESPONSE")]
    EndlessResponse,
    #[error("the card sent {0} bytes or more for one command (at most {MAX_RESPONSE_DATA} expected)")]
    ResponseTooLong(usize),
}

/// Sends `cmd` and returns the complete response.
///
/// * `61 xx`: sends `00 C0 00 00 xx` and appends the data, until another status word arrives.
/// * `6C xx`: re-sends the same command once with `Le = xx` (never for commands that carry secret
///   data: a PIN command is sent exactly once per user action).
///
/// Logs each command with [`Command::log_line`], which hides secret data.
pub fn exchange(session: &mut dyn CardSession, cmd: &Command) -> Result<Response, ExchangeError> {
    let mut resp = send_once(session, cmd)?;
    if let StatusWord::WrongLe(le) = resp.sw
        && !cmd.is_secret()
        && cmd.le.is_some()
    {
        resp = send_once(session, &cmd.with_le(le))?;
    }
    let mut data = std::mem::take(&mut resp.data);
    let mut rounds = 0;
    loop {
        if data.len() > MAX_RESPONSE_DATA {
            return Err(ExchangeError::ResponseTooLong(data.len()));
        }
        let StatusWord::MoreData(n) = resp.sw else { break };
        rounds += 1;
        if rounds > MAX_GET_RESPONSE {
            return Err(ExchangeError::EndlessResponse);
        }
        let get = Command::new(cmd.cla & 0xFC, 0xC0, 0x00, 0x00).le(n);
        resp = send_once(session, &get)?;
        data.append(&mut resp.data);
    }
    Ok(Response::new(data, resp.sw))
}

fn send_once(session: &mut dyn CardSession, cmd: &Command) -> Result<Response, ExchangeError> {
    tracing::trace!(target: "cns::apdu", "> {}", cmd.log_line());
    let raw = session.transmit(&cmd.to_bytes())?;
    let resp = Response::from_bytes(&raw)?;
    tracing::trace!(target: "cns::apdu", "< {} data bytes, {}", resp.data.len(), resp.sw);
    Ok(resp)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::VecDeque;
    use zeroize::Zeroizing;

    /// Replays canned responses and records what was sent.
    struct Script {
        replies: VecDeque<Vec<u8>>,
        sent: Vec<Vec<u8>>,
    }
    impl CardSession for Script {
        fn transmit(&mut self, apdu: &[u8]) -> Result<Vec<u8>, TransportError> {
            self.sent.push(apdu.to_vec());
            self.replies.pop_front().ok_or(TransportError::CardRemoved)
        }
    }
    fn script(replies: &[&[u8]]) -> Script {
        Script { replies: replies.iter().map(|r| r.to_vec()).collect(), sent: vec![] }
    }

    #[test]
    fn follows_get_response() {
        let mut s = script(&[&[0x61, 0x03], &[1, 2, 3, 0x61, 0x02], &[4, 5, 0x90, 0x00]]);
        let r = exchange(&mut s, &Command::new(0, 0xB0, 0, 0).le(0)).unwrap();
        assert_eq!(r.data, vec![1, 2, 3, 4, 5]);
        assert_eq!(r.sw, StatusWord::Ok);
        assert_eq!(s.sent[1], vec![0x00, 0xC0, 0x00, 0x00, 0x03]);
        assert_eq!(s.sent[2], vec![0x00, 0xC0, 0x00, 0x00, 0x02]);
    }

    #[test]
    fn resends_with_corrected_le() {
        let mut s = script(&[&[0x6C, 0x05], &[9, 9, 9, 9, 9, 0x90, 0x00]]);
        let r = exchange(&mut s, &Command::new(0, 0xB0, 0, 0).le(0xFF)).unwrap();
        assert_eq!(r.data.len(), 5);
        assert_eq!(s.sent[1], vec![0x00, 0xB0, 0x00, 0x00, 0x05]);
    }

    #[test]
    fn never_resends_a_secret_command() {
        let mut s = script(&[&[0x6C, 0x05], &[0x90, 0x00]]);
        let cmd = Command::with_secret(0, 0x20, 0, 0x10, Zeroizing::new(vec![0x31; 8])).unwrap().le(0);
        let r = exchange(&mut s, &cmd).unwrap();
        assert_eq!(r.sw, StatusWord::WrongLe(5));
        assert_eq!(s.sent.len(), 1);
    }

    #[test]
    fn endless_61xx_is_an_error_not_a_hang() {
        let replies: Vec<&[u8]> = std::iter::repeat_n(&[0x61u8, 0x01][..], 100).collect();
        let mut s = script(&replies);
        assert!(matches!(
            exchange(&mut s, &Command::new(0, 0xB0, 0, 0).le(0)),
            Err(ExchangeError::EndlessResponse)
        ));
    }

    #[test]
    fn a_second_6cxx_is_not_followed() {
        // a card whose Le is never right: one re-send, then its answer stands
        let mut s = script(&[&[0x6C, 0x05], &[0x6C, 0x07], &[0x6C, 0x09], &[0x6C, 0x0B]]);
        let r = exchange(&mut s, &Command::new(0, 0xB0, 0, 0).le(0x10)).unwrap();
        assert_eq!(r.sw, StatusWord::WrongLe(7));
        assert_eq!(s.sent.len(), 2);
    }

    #[test]
    fn endless_6c_then_61_stays_bounded() {
        let mut replies: Vec<&[u8]> = vec![&[0x6C, 0x05]];
        replies.extend(std::iter::repeat_n(&[0xAAu8, 0x61, 0x01][..], 200));
        let mut s = script(&replies);
        let r = exchange(&mut s, &Command::new(0, 0xB0, 0, 0).le(0x10));
        assert!(matches!(r, Err(ExchangeError::EndlessResponse)), "{r:?}");
        assert!(s.sent.len() <= 2 + MAX_GET_RESPONSE, "{} commands sent", s.sent.len());
    }

    #[test]
    fn oversized_answers_are_refused() {
        // one answer far beyond any short APDU
        let mut big = vec![0xEE; MAX_RESPONSE_DATA + 1];
        big.extend_from_slice(&[0x90, 0x00]);
        let mut s = script(&[&big]);
        let r = exchange(&mut s, &Command::new(0, 0xB0, 0, 0).le(0));
        assert!(matches!(r, Err(ExchangeError::ResponseTooLong(_))), "{r:?}");
        // or many answers of 4 KiB chained with 61xx: refused before all 64 rounds are fetched
        let mut chunk = vec![0xEE; 4096];
        chunk.extend_from_slice(&[0x61, 0x00]);
        let replies: Vec<&[u8]> = std::iter::repeat_n(&chunk[..], 70).collect();
        let mut s = script(&replies);
        let r = exchange(&mut s, &Command::new(0, 0xB0, 0, 0).le(0));
        assert!(matches!(r, Err(ExchangeError::ResponseTooLong(_))), "{r:?}");
        assert!(s.sent.len() <= 6, "{} commands sent", s.sent.len());
    }

    #[test]
    fn short_response_is_malformed() {
        let mut s = script(&[&[0x90]]);
        assert!(matches!(exchange(&mut s, &Command::new(0, 0xB0, 0, 0)), Err(ExchangeError::Malformed(_))));
    }
}
