//! Selecting and reading transparent files, coping with how real cards end a file.

use crate::apdu::{ExchangeError, StatusWord, exchange};
use crate::commands;
use crate::transport::CardSession;

use super::CardError;

/// READ BINARY never asks for more than this per command: Le = 00 (ISO 7816-4 short Le).
const MAX_CHUNK: usize = 256;
/// READ BINARY offsets are 15 bits.
const MAX_OFFSET: usize = 0x7FFF;

/// Sends one SELECT; the file size from the FCI when the card gave one.
pub(crate) fn select_one(
    session: &mut dyn CardSession,
    cmd: &crate::apdu::Command,
    op: &'static str,
) -> Result<Option<usize>, CardError> {
    let r = exchange(session, cmd)?;
    match r.sw {
        StatusWord::Ok => Ok(fci_size(&r.data)),
        sw => Err(CardError::Status { op, sw }),
    }
}

/// The file size from an FCI: tag 80 (or 81) inside a 6F or 62 template. `None` when absent or
/// malformed: some cards give no size, so it is only ever a hint.
pub fn fci_size(fci: &[u8]) -> Option<usize> {
    let (tag, body) = tlv(fci)?;
    if tag != 0x6F && tag != 0x62 {
        return None;
    }
    let mut rest = body;
    while !rest.is_empty() {
        let (tag, value) = tlv(rest)?;
        if (tag == 0x80 || tag == 0x81) && !value.is_empty() && value.len() <= 4 {
            return Some(value.iter().fold(0usize, |acc, b| (acc << 8) | usize::from(*b)));
        }
        let used = tlv_len(rest)?;
        rest = rest.get(used..)?;
    }
    None
}

/// One BER-TLV with a one-byte tag: (tag, value).
fn tlv(b: &[u8]) -> Option<(u8, &[u8])> {
    let total = tlv_len(b)?;
    let tag = *b.first()?;
    let (hdr, _) = length(b.get(1..)?)?;
    Some((tag, b.get(1 + hdr..total)?))
}

fn tlv_len(b: &[u8]) -> Option<usize> {
    let (hdr, len) = length(b.get(1..)?)?;
    let total = 1 + hdr + len;
    (total <= b.len()).then_some(total)
}

/// (bytes used by the length field, length)
fn length(b: &[u8]) -> Option<(usize, usize)> {
    match *b.first()? {
        n @ 0..=0x7F => Some((1, usize::from(n))),
        0x81 => Some((2, usize::from(*b.get(1)?))),
        0x82 => Some((3, usize::from(u16::from_be_bytes([*b.get(1)?, *b.get(2)?])))),
        _ => None,
    }
}

/// Reads the selected transparent EF.
///
/// `size` is the FCI size if known; `limit` caps the read (the file's nominal size); `chunk` is
/// what one READ BINARY asks for (255, or 256 sent as Le = 00, from the card's profile);
/// `total_from_prefix` may tell, from the bytes read so far, how long the content really is
/// (the certificate's DER header), so we stop there instead of reading the zero padding.
///
/// End of file, as the cards do it: 6282 → keep the partial data and stop; 6B00 past the start →
/// stop; 6Cxx → re-sent with the right Le by `exchange`; a short read → stop; 6700 to Le = 00 →
/// ask for 255 instead, once, for the rest of the file.
pub(crate) fn read_selected(
    session: &mut dyn CardSession,
    size: Option<usize>,
    limit: usize,
    chunk: usize,
    total_from_prefix: &dyn Fn(&[u8]) -> Option<usize>,
) -> Result<Vec<u8>, CardError> {
    let mut chunk = chunk.clamp(1, MAX_CHUNK);
    let mut end = size.map_or(limit, |s| s.min(limit));
    let mut out: Vec<u8> = Vec::with_capacity(end);
    while out.len() < end {
        let offset = out.len();
        if offset > MAX_OFFSET {
            break;
        }
        let want = (end - offset).min(chunk);
        // `want` is 1..=256 here; 256 goes out as Le = 00
        let le = u8::try_from(want).unwrap_or(0);
        let r = exchange(session, &commands::read_binary(offset as u16, le))?;
        match r.sw {
            StatusWord::Ok => {
                let got = r.data.len();
                out.extend(r.data.into_iter().take(want));
                if got < want || got == 0 {
                    break;
                }
            }
            StatusWord::EndOfFileReached => {
                out.extend(r.data.into_iter().take(want));
                break;
            }
            StatusWord::WrongParameters | StatusWord::WrongLe(_) if offset > 0 => break,
            StatusWord::WrongLength if le == 0 => {
                chunk = MAX_CHUNK - 1;
                continue;
            }
            sw => return Err(CardError::Status { op: "READ BINARY", sw }),
        }
        if let Some(total) = total_from_prefix(&out) {
            end = end.min(total);
        }
    }
    out.truncate(end);
    Ok(out)
}

impl From<ExchangeError> for CardError {
    fn from(e: ExchangeError) -> Self {
        match e {
            ExchangeError::Transport(t) => CardError::Transport(t),
            other => CardError::Exchange(other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transport::TransportError;

    /// A card whose selected EF holds `file`: READ BINARY answers as the 2025 card of issue
    /// #3804 does (Le = 00 gives up to 256 bytes, an offset at or past the end gives 6B00).
    struct EofCard {
        file: Vec<u8>,
        sent: Vec<Vec<u8>>,
    }

    impl CardSession for EofCard {
        fn transmit(&mut self, apdu: &[u8]) -> Result<Vec<u8>, TransportError> {
            self.sent.push(apdu.to_vec());
            let [0x00, 0xB0, p1, p2, le] = apdu[..] else {
                return Ok(vec![0x6D, 0x00]);
            };
            let offset = usize::from(u16::from_be_bytes([p1, p2]));
            let want = if le == 0 { 256 } else { usize::from(le) };
            match self.file.get(offset..).filter(|r| !r.is_empty()) {
                None => Ok(vec![0x6B, 0x00]),
                Some(rest) => {
                    let mut out = rest[..want.min(rest.len())].to_vec();
                    out.extend_from_slice(&[0x90, 0x00]);
                    Ok(out)
                }
            }
        }
    }

    #[test]
    fn fci_size_from_a_real_card() {
        // EF 1102 on a 2025 card (cns-facts §1.3), truncated after the tags we need
        let fci = [
            0x6F, 0x0F, 0x80, 0x02, 0x01, 0x90, 0x82, 0x03, 0x01, 0x00, 0x00, 0x83, 0x02, 0x11, 0x02, 0x8A,
            0x01,
        ];
        // the template claims 15 bytes but only 15 follow: well formed
        assert_eq!(fci_size(&fci[..17]), Some(400));
        assert_eq!(fci_size(&[0x62, 0x04, 0x81, 0x02, 0x00, 0x10]), Some(16));
        assert_eq!(fci_size(&[0x6F, 0x03, 0x82, 0x01, 0x01]), None);
        assert_eq!(fci_size(&[0x6F, 0x10, 0x80]), None);
        assert_eq!(fci_size(&[]), None);
    }

    /// A file whose size nobody told (no FCI size), whose content is not DER (so its header says
    /// nothing), and that the card ends with 6B00: 256-byte reads until the card says the
    /// offset is past the end, everything kept, nothing asked after that.
    #[test]
    fn reads_256_byte_chunks_until_6b00_without_a_size() {
        let file: Vec<u8> = (0..512u32).map(|i| (i % 251) as u8 | 0x01).collect();
        let mut card = EofCard { file: file.clone(), sent: Vec::new() };
        let got = read_selected(&mut card, None, 2048, 256, &crate::cert::der_total_length).unwrap();
        assert_eq!(got, file);
        assert_eq!(
            card.sent,
            [[0x00, 0xB0, 0x00, 0x00, 0x00], [0x00, 0xB0, 0x01, 0x00, 0x00], [0x00, 0xB0, 0x02, 0x00, 0x00]],
        );
        // 6B00 at the very first offset is an error, not an empty file
        let mut empty = EofCard { file: Vec::new(), sent: Vec::new() };
        assert!(matches!(
            read_selected(&mut empty, None, 2048, 256, &|_| None),
            Err(CardError::Status { sw: StatusWord::WrongParameters, .. })
        ));
    }
}
