//! The vpcd wire protocol, without any socket: framing, control bytes and message dispatch.
//!
//! Every message in both directions is a 2-byte big-endian length followed by that many bytes.
//! A 1-byte message from vpcd is a control byte; anything longer is a C-APDU.

use std::io::{self, Read, Write};

use crate::VirtualCard;

/// Largest body a frame can carry (the length prefix is 16 bits).
pub const MAX_FRAME: usize = 0xFFFF;

/// Answer sent instead of an empty or oversized card response: vpcd treats a zero-length reply
/// as "card gone", so a card bug must not turn into a silent removal.
pub const SW_NO_PRECISE_DIAGNOSIS: [u8; 2] = [0x6F, 0x00];

/// A control byte from vpcd (`vpcd.h`: `VPCD_CTRL_*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ControlByte {
    PowerOff,
    PowerOn,
    Reset,
    GetAtr,
    /// Not defined by vpcd 0.8; ignored without a reply.
    Unknown(u8),
}

impl ControlByte {
    pub fn from_byte(b: u8) -> Self {
        match b {
            0x00 => Self::PowerOff,
            0x01 => Self::PowerOn,
            0x02 => Self::Reset,
            0x04 => Self::GetAtr,
            other => Self::Unknown(other),
        }
    }
}

/// What a message from vpcd is, decided from its bytes alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Message<'a> {
    /// A zero-length frame; vpcd never sends one, so it is ignored.
    Empty,
    Control(ControlByte),
    Apdu(&'a [u8]),
}

impl<'a> Message<'a> {
    pub fn parse(body: &'a [u8]) -> Self {
        match body {
            [] => Self::Empty,
            [b] => Self::Control(ControlByte::from_byte(*b)),
            apdu => Self::Apdu(apdu),
        }
    }
}

/// The loggable part of a C-APDU. Deliberately has no field for the command data: VERIFY,
/// CHANGE REFERENCE DATA and RESET RETRY COUNTER carry PINs and PUKs there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApduHeader {
    pub cla: u8,
    pub ins: u8,
    pub p1: u8,
    pub p2: u8,
    /// Length of the command data (case 3/4), `None` for case 1/2 or a malformed APDU.
    pub lc: Option<u16>,
}

impl ApduHeader {
    /// `None` if the APDU is shorter than the 4 header bytes.
    pub fn parse(apdu: &[u8]) -> Option<Self> {
        let [cla, ins, p1, p2, rest @ ..] = apdu else {
            return None;
        };
        let lc = match rest {
            // case 1 and short case 2 (Le only)
            [] | [_] => None,
            // extended Lc: 00 HI LO, then at least one data byte
            [0x00, hi, lo, data @ ..] if !data.is_empty() => Some(u16::from_be_bytes([*hi, *lo])),
            // extended case 2: 00 HI LO (Le only)
            [0x00, _, _] => None,
            [lc, ..] if *lc != 0 => Some(u16::from(*lc)),
            _ => None,
        };
        Some(Self { cla: *cla, ins: *ins, p1: *p1, p2: *p2, lc })
    }
}

impl std::fmt::Display for ApduHeader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:02X} {:02X} {:02X} {:02X}", self.cla, self.ins, self.p1, self.p2)?;
        match self.lc {
            Some(lc) => write!(f, " Lc={lc}"),
            None => Ok(()),
        }
    }
}

/// Applies one message from vpcd to the card and returns the reply to send, if any.
///
/// Power off/on/reset get no reply; GET ATR gets the ATR; an APDU gets the card's response
/// (replaced by `6F 00` if the card returned nothing or more than a frame can carry).
pub fn handle_message(card: &mut dyn VirtualCard, body: &[u8]) -> Option<Vec<u8>> {
    match Message::parse(body) {
        Message::Empty => None,
        Message::Control(ControlByte::PowerOff) => {
            card.power_off();
            None
        }
        Message::Control(ControlByte::PowerOn) => {
            card.power_on();
            None
        }
        Message::Control(ControlByte::Reset) => {
            card.reset();
            None
        }
        Message::Control(ControlByte::GetAtr) => Some(card.atr()),
        Message::Control(ControlByte::Unknown(_)) => None,
        Message::Apdu(apdu) => {
            let resp = card.process(apdu);
            if resp.is_empty() || resp.len() > MAX_FRAME {
                Some(SW_NO_PRECISE_DIAGNOSIS.to_vec())
            } else {
                Some(resp)
            }
        }
    }
}

/// Reads one frame. `Ok(None)` means the peer closed the connection cleanly between frames.
///
/// `after_header` runs once the 2-byte length is in: that is where the caller re-arms
/// TCP_QUICKACK, because vpcd 0.8 sends the body only after the header has been ACKed.
pub fn read_frame<R: Read + ?Sized>(
    r: &mut R,
    after_header: &mut dyn FnMut(),
) -> io::Result<Option<Vec<u8>>> {
    let mut header = [0u8; 2];
    let mut got = 0;
    while got < header.len() {
        match r.read(&mut header[got..]) {
            Ok(0) if got == 0 => return Ok(None),
            Ok(0) => return Err(io::ErrorKind::UnexpectedEof.into()),
            Ok(n) => got += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    after_header();
    let len = usize::from(u16::from_be_bytes(header));
    let mut body = vec![0u8; len];
    r.read_exact(&mut body)?;
    Ok(Some(body))
}

/// Writes one frame with a single write, so the peer never waits for a lone length prefix.
pub fn write_frame<W: Write + ?Sized>(w: &mut W, body: &[u8]) -> io::Result<()> {
    let len = u16::try_from(body.len()).map_err(|_| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("frame body of {} bytes exceeds {MAX_FRAME}", body.len()),
        )
    })?;
    let mut buf = Vec::with_capacity(body.len() + 2);
    buf.extend_from_slice(&len.to_be_bytes());
    buf.extend_from_slice(body);
    w.write_all(&buf)?;
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default)]
    struct FakeCard {
        log: Vec<String>,
        reply: Vec<u8>,
    }

    impl VirtualCard for FakeCard {
        fn atr(&self) -> Vec<u8> {
            vec![0x3B, 0x88, 0x80, 0x01]
        }
        fn power_on(&mut self) {
            self.log.push("on".into());
        }
        fn power_off(&mut self) {
            self.log.push("off".into());
        }
        fn reset(&mut self) {
            self.log.push("reset".into());
        }
        fn process(&mut self, apdu: &[u8]) -> Vec<u8> {
            self.log.push(format!("apdu {}", apdu.len()));
            self.reply.clone()
        }
    }

    fn card() -> FakeCard {
        FakeCard { reply: vec![0x90, 0x00], ..FakeCard::default() }
    }

    #[test]
    fn control_bytes_drive_power_without_reply() {
        let mut c = card();
        assert_eq!(handle_message(&mut c, &[0x01]), None);
        assert_eq!(handle_message(&mut c, &[0x00]), None);
        assert_eq!(handle_message(&mut c, &[0x02]), None);
        assert_eq!(c.log, ["on", "off", "reset"]);
    }

    #[test]
    fn get_atr_replies_with_atr_and_touches_nothing() {
        let mut c = card();
        assert_eq!(handle_message(&mut c, &[0x04]), Some(vec![0x3B, 0x88, 0x80, 0x01]));
        assert!(c.log.is_empty());
    }

    #[test]
    fn unknown_control_byte_and_empty_message_are_ignored() {
        let mut c = card();
        assert_eq!(handle_message(&mut c, &[0x03]), None);
        assert_eq!(handle_message(&mut c, &[0xFF]), None);
        assert_eq!(handle_message(&mut c, &[]), None);
        assert!(c.log.is_empty());
    }

    #[test]
    fn two_bytes_or_more_is_an_apdu() {
        let mut c = card();
        assert_eq!(handle_message(&mut c, &[0x00, 0x01]), Some(vec![0x90, 0x00]));
        assert_eq!(
            handle_message(&mut c, &[0x00, 0xA4, 0x00, 0x00, 0x02, 0x3F, 0x00]),
            Some(vec![0x90, 0x00])
        );
        assert_eq!(c.log, ["apdu 2", "apdu 7"]);
    }

    #[test]
    fn empty_or_oversized_card_response_becomes_6f00() {
        let mut c = FakeCard::default();
        assert_eq!(handle_message(&mut c, &[0, 0xB0, 0, 0, 0]), Some(vec![0x6F, 0x00]));
        c.reply = vec![0; MAX_FRAME + 1];
        assert_eq!(handle_message(&mut c, &[0, 0xB0, 0, 0, 0]), Some(vec![0x6F, 0x00]));
        c.reply = vec![0; MAX_FRAME];
        assert_eq!(handle_message(&mut c, &[0, 0xB0, 0, 0, 0]).map(|r| r.len()), Some(MAX_FRAME));
    }

    #[test]
    fn header_parse_covers_iso_cases() {
        let h = |b: &[u8]| ApduHeader::parse(b);
        assert_eq!(h(&[0, 0xA4, 0]), None);
        let case1 = h(&[0x00, 0xA4, 0x00, 0x00]).unwrap();
        assert_eq!((case1.ins, case1.lc), (0xA4, None));
        assert_eq!(h(&[0, 0xB0, 0, 0, 0x10]).unwrap().lc, None);
        assert_eq!(h(&[0, 0xA4, 0, 0, 2, 0x3F, 0]).unwrap().lc, Some(2));
        assert_eq!(h(&[0, 0xA4, 0, 0, 2, 0x3F, 0, 0]).unwrap().lc, Some(2));
        // extended case 2 (Le only) and extended case 3
        assert_eq!(h(&[0, 0xB0, 0, 0, 0, 0x01, 0x00]).unwrap().lc, None);
        assert_eq!(h(&[0, 0xD6, 0, 0, 0, 0x00, 0x01, 0xAA]).unwrap().lc, Some(1));
    }

    #[test]
    fn header_display_never_shows_data() {
        let verify = [0x00, 0x20, 0x00, 0x10, 0x08, b'1', b'2', b'3', b'4', b'5', b'6', b'7', b'8'];
        let shown = ApduHeader::parse(&verify).unwrap().to_string();
        assert_eq!(shown, "00 20 00 10 Lc=8");
        assert!(!shown.contains("31"));
    }

    /// Hands out at most one byte per read, like a slow socket.
    struct Trickle<'a>(&'a [u8]);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            match (self.0.split_first(), buf.first_mut()) {
                (Some((b, rest)), Some(slot)) => {
                    *slot = *b;
                    self.0 = rest;
                    Ok(1)
                }
                _ => Ok(0),
            }
        }
    }

    #[test]
    fn read_frame_assembles_partial_reads() {
        let wire = [0x00, 0x01, 0x04, 0x00, 0x03, 0xAA, 0xBB, 0xCC, 0x00, 0x00];
        let mut r = Trickle(&wire);
        let mut headers = 0;
        let mut hook = || headers += 1;
        assert_eq!(read_frame(&mut r, &mut hook).unwrap(), Some(vec![0x04]));
        assert_eq!(read_frame(&mut r, &mut hook).unwrap(), Some(vec![0xAA, 0xBB, 0xCC]));
        assert_eq!(read_frame(&mut r, &mut hook).unwrap(), Some(vec![]));
        assert_eq!(read_frame(&mut r, &mut hook).unwrap(), None);
        assert_eq!(headers, 3);
    }

    #[test]
    fn read_frame_rejects_truncation() {
        let mut hook = || {};
        let half_header = [0x00];
        let e = read_frame(&mut &half_header[..], &mut hook).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::UnexpectedEof);
        let short_body = [0x00, 0x05, 0x01, 0x02];
        let e = read_frame(&mut &short_body[..], &mut hook).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::UnexpectedEof);
    }

    #[test]
    fn write_frame_prefixes_big_endian_length() {
        let mut out = Vec::new();
        write_frame(&mut out, &[0x90, 0x00]).unwrap();
        write_frame(&mut out, &vec![0x11; 0x0102]).unwrap();
        assert_eq!(&out[..4], &[0x00, 0x02, 0x90, 0x00]);
        assert_eq!(&out[4..6], &[0x01, 0x02]);
        assert_eq!(out.len(), 4 + 2 + 0x0102);
        let e = write_frame(&mut out, &vec![0; MAX_FRAME + 1]).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::InvalidInput);
    }
}
