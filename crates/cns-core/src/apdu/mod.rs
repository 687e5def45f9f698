//! ISO 7816-4 command and response APDUs, as the TS-CNS uses them (short APDUs only).
//!
//! A command's data is either [`Data::Plain`] or [`Data::Secret`]. Secret data (PINs, PUKs) is kept
//! in zeroizing buffers, never shown by `Debug`, and the serialized command is zeroizing too, so the
//! bytes that go to the reader do not outlive the exchange.

mod exchange;
mod status;

pub use exchange::{ExchangeError, exchange};
pub use status::StatusWord;

use std::fmt;
use zeroize::Zeroizing;

/// The data field of a command.
pub enum Data {
    /// Ordinary bytes (file identifiers, paths...). May be logged.
    Plain(Vec<u8>),
    /// PIN or PUK material: zeroized on drop, never printed.
    Secret(Zeroizing<Vec<u8>>),
}

impl Data {
    fn bytes(&self) -> &[u8] {
        match self {
            Data::Plain(v) => v,
            Data::Secret(v) => v,
        }
    }
}

/// A short command APDU (Lc and Le at most 255/256).
pub struct Command {
    pub cla: u8,
    pub ins: u8,
    pub p1: u8,
    pub p2: u8,
    data: Data,
    /// Expected response length: `None` = no Le byte; `Some(0)` = Le byte 00 (up to 256).
    pub le: Option<u8>,
}

/// Building a command failed: the data does not fit a short APDU.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("command data too long for a short APDU: {0} bytes (max 255)")]
pub struct DataTooLong(pub usize);

impl Command {
    /// A command with no data.
    pub fn new(cla: u8, ins: u8, p1: u8, p2: u8) -> Self {
        Command { cla, ins, p1, p2, data: Data::Plain(Vec::new()), le: None }
    }

    /// A command with plain data.
    pub fn with_data(cla: u8, ins: u8, p1: u8, p2: u8, data: Vec<u8>) -> Result<Self, DataTooLong> {
        if data.len() > 255 {
            return Err(DataTooLong(data.len()));
        }
        Ok(Command { cla, ins, p1, p2, data: Data::Plain(data), le: None })
    }

    /// A command carrying secret data (PIN, PUK).
    pub fn with_secret(
        cla: u8,
        ins: u8,
        p1: u8,
        p2: u8,
        data: Zeroizing<Vec<u8>>,
    ) -> Result<Self, DataTooLong> {
        if data.len() > 255 {
            return Err(DataTooLong(data.len()));
        }
        Ok(Command { cla, ins, p1, p2, data: Data::Secret(data), le: None })
    }

    /// Sets Le (0 = "up to 256").
    pub fn le(mut self, le: u8) -> Self {
        self.le = Some(le);
        self
    }

    pub fn data(&self) -> &[u8] {
        self.data.bytes()
    }

    pub fn is_secret(&self) -> bool {
        matches!(self.data, Data::Secret(_))
    }

    /// The same command with another Le (used for the 6Cxx re-send).
    pub(crate) fn with_le(&self, le: u8) -> Command {
        let data = match &self.data {
            Data::Plain(v) => Data::Plain(v.clone()),
            Data::Secret(v) => Data::Secret(Zeroizing::new(v.to_vec())),
        };
        Command { cla: self.cla, ins: self.ins, p1: self.p1, p2: self.p2, data, le: Some(le) }
    }

    /// The bytes to send: header, Lc + data if any, Le if any. Zeroized when dropped.
    pub fn to_bytes(&self) -> Zeroizing<Vec<u8>> {
        let data = self.data.bytes();
        let mut out = Zeroizing::new(Vec::with_capacity(5 + data.len() + 1));
        out.extend_from_slice(&[self.cla, self.ins, self.p1, self.p2]);
        if !data.is_empty() {
            // Lengths are checked at construction: data.len() <= 255.
            out.push(data.len() as u8);
            out.extend_from_slice(data);
        }
        if let Some(le) = self.le {
            out.push(le);
        }
        out
    }

    /// A one-line description that is safe to log: the whole command for plain data, only the
    /// header and the length for secret data.
    pub fn log_line(&self) -> String {
        let mut s = format!("{:02X} {:02X} {:02X} {:02X}", self.cla, self.ins, self.p1, self.p2);
        let data = self.data.bytes();
        if !data.is_empty() {
            s.push_str(&format!(" {:02X}", data.len()));
            match &self.data {
                Data::Plain(v) => {
                    for b in v {
                        s.push_str(&format!(" {b:02X}"));
                    }
                }
                Data::Secret(_) => s.push_str(&format!(" <{} secret bytes>", data.len())),
            }
        }
        if let Some(le) = self.le {
            s.push_str(&format!(" {le:02X}"));
        }
        s
    }
}

impl fmt::Debug for Command {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Command({})", self.log_line())
    }
}

/// A response APDU: data and status word.
#[derive(Clone, PartialEq, Eq)]
pub struct Response {
    pub data: Vec<u8>,
    pub sw: StatusWord,
}

/// The card (or the transport) returned fewer than two bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("response shorter than a status word ({0} bytes)")]
pub struct ResponseTooShort(pub usize);

impl Response {
    pub fn new(data: Vec<u8>, sw: StatusWord) -> Self {
        Response { data, sw }
    }

    /// Splits raw bytes `data || SW1 SW2`.
    pub fn from_bytes(raw: &[u8]) -> Result<Self, ResponseTooShort> {
        if raw.len() < 2 {
            return Err(ResponseTooShort(raw.len()));
        }
        let (data, sw) = raw.split_at(raw.len() - 2);
        Ok(Response { data: data.to_vec(), sw: StatusWord::from_bytes(sw[0], sw[1]) })
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut v = self.data.clone();
        let (a, b) = self.sw.to_bytes();
        v.push(a);
        v.push(b);
        v
    }

    pub fn is_ok(&self) -> bool {
        self.sw == StatusWord::Ok
    }
}

impl fmt::Debug for Response {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Response data of this card is never secret (no PIN is ever read back), but personal data
        // is: print only its length.
        write!(f, "Response({} bytes, {})", self.data.len(), self.sw)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_case_1_2_3_4() {
        assert_eq!(&*Command::new(0x00, 0x20, 0x00, 0x10).to_bytes(), &[0x00, 0x20, 0x00, 0x10]);
        assert_eq!(&*Command::new(0x00, 0xB0, 0x01, 0x00).le(0).to_bytes(), &[0x00, 0xB0, 0x01, 0x00, 0x00]);
        let c = Command::with_data(0x00, 0xA4, 0x00, 0x00, vec![0x3F, 0x00]).unwrap();
        assert_eq!(&*c.to_bytes(), &[0x00, 0xA4, 0x00, 0x00, 0x02, 0x3F, 0x00]);
        let c = c.le(0);
        assert_eq!(&*c.to_bytes(), &[0x00, 0xA4, 0x00, 0x00, 0x02, 0x3F, 0x00, 0x00]);
    }

    #[test]
    fn rejects_long_data() {
        assert_eq!(Command::with_data(0, 0xD6, 0, 0, vec![0; 256]).unwrap_err(), DataTooLong(256));
        assert!(Command::with_data(0, 0xD6, 0, 0, vec![0; 255]).is_ok());
    }

    #[test]
    fn secret_is_redacted_in_debug_and_log() {
        let c = Command::with_secret(0x00, 0x20, 0x00, 0x10, Zeroizing::new(b"12345\xFF\xFF\xFF".to_vec()))
            .unwrap();
        let dbg = format!("{c:?}");
        assert_eq!(dbg, "Command(00 20 00 10 08 <8 secret bytes>)");
        assert!(!dbg.contains("31"));
        assert!(c.is_secret());
        // the wire form still carries the PIN
        assert_eq!(&c.to_bytes()[5..10], b"12345");
    }

    #[test]
    fn plain_log_shows_data() {
        let c = Command::with_data(0x00, 0xA4, 0x08, 0x00, vec![0x11, 0x00]).unwrap().le(0);
        assert_eq!(c.log_line(), "00 A4 08 00 02 11 00 00");
    }

    #[test]
    fn response_split() {
        let r = Response::from_bytes(&[1, 2, 0x90, 0x00]).unwrap();
        assert_eq!(r.data, vec![1, 2]);
        assert!(r.is_ok());
        assert_eq!(r.to_bytes(), vec![1, 2, 0x90, 0x00]);
        assert_eq!(Response::from_bytes(&[0x90]).unwrap_err(), ResponseTooShort(1));
        assert_eq!(Response::from_bytes(&[0x63, 0xC2]).unwrap().sw, StatusWord::WrongPin { tries_left: 2 });
    }
}
