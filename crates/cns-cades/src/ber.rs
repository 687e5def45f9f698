//! Tag-length headers of the outer envelope, read from and written to a stream.
//!
//! Why not `der` here: the content of a `.p7m` can be gigabytes and must stream, and BER files
//! made by other tools use indefinite lengths and chunked OCTET STRINGs around it; `der` decodes
//! whole values from memory and caps lengths at 4 GiB. So this module only handles X.690 §8.1.2–3
//! headers (one-byte tags, definite or indefinite lengths up to 2^63) and bounded reads; every
//! structure inside is decoded by `der`/`cms`/`x509-cert`.

use crate::{CadesError, Result, malformed};
use std::io::{Read, Write};

pub const TAG_SEQUENCE: u8 = 0x30;
pub const TAG_SET: u8 = 0x31;
pub const TAG_OCTET_STRING: u8 = 0x04;
pub const TAG_OCTET_STRING_CONSTRUCTED: u8 = 0x24;
pub const TAG_CONTEXT_0: u8 = 0xA0;
pub const TAG_CONTEXT_1: u8 = 0xA1;

/// One TLV header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub tag: u8,
    /// `None`: indefinite length (BER), ended by 00 00.
    pub len: Option<u64>,
    /// The header's own bytes as read (tag and length octets).
    pub raw: Vec<u8>,
}

impl Header {
    pub fn is_constructed(&self) -> bool {
        self.tag & 0x20 != 0
    }

    pub fn is_end_of_contents(&self) -> bool {
        self.tag == 0 && self.len == Some(0)
    }

    /// Header bytes plus `len` bytes of value.
    pub fn total_len(&self) -> Option<u64> {
        self.len.map(|l| l + self.raw.len() as u64)
    }
}

/// A reader that counts the bytes it delivered, so that definite-length containers can be
/// checked for over- and under-runs.
pub struct Counting<R> {
    inner: R,
    pub pos: u64,
    peeked: Option<u8>,
}

impl<R: Read> Counting<R> {
    pub fn new(inner: R) -> Self {
        Counting { inner, pos: 0, peeked: None }
    }

    fn byte(&mut self) -> Result<Option<u8>> {
        if let Some(b) = self.peeked.take() {
            self.pos += 1;
            return Ok(Some(b));
        }
        let mut b = [0u8; 1];
        loop {
            match self.inner.read(&mut b) {
                Ok(0) => return Ok(None),
                Ok(_) => {
                    self.pos += 1;
                    return Ok(Some(b[0]));
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e.into()),
            }
        }
    }

    /// True when the stream has no more bytes.
    pub fn at_eof(&mut self) -> Result<bool> {
        if self.peeked.is_some() {
            return Ok(false);
        }
        match self.byte()? {
            None => Ok(true),
            Some(b) => {
                self.pos -= 1;
                self.peeked = Some(b);
                Ok(false)
            }
        }
    }

    /// Reads one header. Multi-byte tags and lengths over 2^63 are refused.
    pub fn header(&mut self) -> Result<Header> {
        let tag = self.byte()?.ok_or_else(|| malformed("the file ends too early"))?;
        if tag & 0x1F == 0x1F {
            return Err(CadesError::Unsupported("multi-byte ASN.1 tags".into()));
        }
        let first = self.byte()?.ok_or_else(|| malformed("the file ends too early"))?;
        let mut raw = vec![tag, first];
        let len = match first {
            0x80 => None,
            n if n < 0x80 => Some(u64::from(n)),
            0xFF => return Err(malformed("reserved length octet")),
            n => {
                let count = usize::from(n & 0x7F);
                if count > 8 {
                    return Err(malformed("length field too long"));
                }
                let mut v: u64 = 0;
                for _ in 0..count {
                    let b = self.byte()?.ok_or_else(|| malformed("the file ends too early"))?;
                    raw.push(b);
                    v = (v << 8) | u64::from(b);
                }
                if v > i64::MAX as u64 {
                    return Err(malformed("length out of range"));
                }
                Some(v)
            }
        };
        if len.is_none() && tag & 0x20 == 0 {
            return Err(malformed("indefinite length on a primitive value"));
        }
        Ok(Header { tag, len, raw })
    }

    /// Reads a header and checks its tag.
    pub fn expect(&mut self, tag: u8, what: &str) -> Result<Header> {
        let h = self.header()?;
        if h.tag != tag {
            return Err(malformed(format!("{what}: unexpected tag {:02X}", h.tag)));
        }
        Ok(h)
    }

    /// Reads the value of `header` (at most `cap` bytes, headers included, definite or BER
    /// indefinite length) and returns the whole TLV as stored. Memory grows with the bytes
    /// actually read, never with the announced length alone.
    pub fn value_tlv(&mut self, header: &Header, cap: u64, what: &'static str) -> Result<Vec<u8>> {
        let mut out = header.raw.clone();
        self.value_into(header, cap, what, &mut out, 0)?;
        Ok(out)
    }

    fn value_into(
        &mut self,
        header: &Header,
        cap: u64,
        what: &'static str,
        out: &mut Vec<u8>,
        depth: usize,
    ) -> Result<()> {
        match header.len {
            Some(len) => {
                let total = out.len() as u64 + len;
                if total > cap {
                    return Err(CadesError::TooLarge { what, len: total });
                }
                self.read_exact_into(len, out)
            }
            None if depth >= MAX_DEPTH => Err(malformed(format!("{what}: nested too deep"))),
            None => loop {
                let h = self.header()?;
                out.extend_from_slice(&h.raw);
                if h.is_end_of_contents() {
                    return Ok(());
                }
                self.value_into(&h, cap, what, out, depth + 1)?;
            },
        }
    }

    /// Skips the value of `header`, definite or indefinite, without keeping it.
    pub fn skip_value(&mut self, header: &Header) -> Result<()> {
        self.skip_value_at(header, 0)
    }

    fn skip_value_at(&mut self, header: &Header, depth: usize) -> Result<()> {
        match header.len {
            Some(len) => self.skip(len),
            None if depth >= MAX_DEPTH => Err(malformed("nested too deep")),
            None => loop {
                let h = self.header()?;
                if h.is_end_of_contents() {
                    return Ok(());
                }
                self.skip_value_at(&h, depth + 1)?;
            },
        }
    }

    /// Reads a whole TLV of at most `cap` bytes of value.
    pub fn tlv(&mut self, cap: u64, what: &'static str) -> Result<(Header, Vec<u8>)> {
        let h = self.header()?;
        let v = self.value_tlv(&h, cap, what)?;
        Ok((h, v))
    }

    fn read_exact_into(&mut self, len: u64, out: &mut Vec<u8>) -> Result<()> {
        let mut left = len;
        if left > 0
            && let Some(b) = self.peeked.take()
        {
            out.push(b);
            self.pos += 1;
            left -= 1;
        }
        let got = (&mut self.inner).take(left).read_to_end(out)? as u64;
        self.pos += got;
        if got != left {
            return Err(malformed("the file ends too early"));
        }
        Ok(())
    }

    /// Streams `len` bytes to `sink` in chunks.
    pub fn stream(&mut self, len: u64, sink: &mut dyn FnMut(&[u8]) -> Result<()>) -> Result<()> {
        let mut left = len;
        if left > 0
            && let Some(b) = self.peeked.take()
        {
            self.pos += 1;
            left -= 1;
            sink(&[b])?;
        }
        let mut buf = vec![0u8; crate::CHUNK];
        while left > 0 {
            let want = usize::try_from(left.min(buf.len() as u64)).unwrap_or(buf.len());
            let n = match self.inner.read(&mut buf[..want]) {
                Ok(0) => return Err(malformed("the file ends too early")),
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e.into()),
            };
            self.pos += n as u64;
            left -= n as u64;
            sink(&buf[..n])?;
        }
        Ok(())
    }

    /// Skips the value of a definite-length header.
    pub fn skip(&mut self, len: u64) -> Result<()> {
        self.stream(len, &mut |_| Ok(()))
    }
}

/// Nesting followed inside one in-memory value (certificates, signer infos): real ones are a
/// dozen deep; the cap keeps a hostile file from exhausting the stack.
pub const MAX_DEPTH: usize = 64;

/// The DER form of a BER TLV held in memory: indefinite lengths become definite, lengths take
/// their shortest form and constructed OCTET STRINGs become primitive. Element order is kept
/// (a SET is not re-sorted: signed attributes are hashed in the order the signer stored them).
/// A DER input comes back unchanged.
pub fn to_der(tlv: &[u8]) -> Result<Vec<u8>> {
    let mut r = Counting::new(tlv);
    let h = r.header()?;
    let out = normalized(&mut r, &h, 0)?;
    if !r.at_eof()? {
        return Err(malformed("trailing bytes after a value"));
    }
    Ok(out)
}

fn normalized(r: &mut Counting<&[u8]>, h: &Header, depth: usize) -> Result<Vec<u8>> {
    if depth >= MAX_DEPTH {
        return Err(malformed("nested too deep"));
    }
    if !h.is_constructed() {
        let len = h.len.unwrap_or(0);
        let mut value = Vec::new();
        r.read_exact_into(len, &mut value)?;
        let mut out = header_bytes(h.tag, len);
        out.extend_from_slice(&value);
        return Ok(out);
    }
    let end = h.len.map(|l| r.pos + l);
    let mut value = Vec::new();
    loop {
        match end {
            Some(end) if r.pos == end => break,
            Some(end) if r.pos > end => return Err(malformed("an element overruns its container")),
            _ => {}
        }
        let e = r.header()?;
        if end.is_none() && e.is_end_of_contents() {
            break;
        }
        let child = normalized(r, &e, depth + 1)?;
        if h.tag == TAG_OCTET_STRING_CONSTRUCTED {
            // X.690 §8.7.3: the segments are OCTET STRINGs; DER wants their bytes in one.
            let mut c = Counting::new(&child[..]);
            let ch = c.header()?;
            if ch.tag != TAG_OCTET_STRING {
                return Err(malformed("a segment of an OCTET STRING is not an OCTET STRING"));
            }
            value.extend_from_slice(&child[ch.raw.len()..]);
        } else {
            value.extend_from_slice(&child);
        }
    }
    let tag = if h.tag == TAG_OCTET_STRING_CONSTRUCTED { TAG_OCTET_STRING } else { h.tag };
    let mut out = header_bytes(tag, value.len() as u64);
    out.extend_from_slice(&value);
    Ok(out)
}

/// Encodes a definite-length header (X.690 §8.1.3, shortest form as DER requires).
pub fn header_bytes(tag: u8, len: u64) -> Vec<u8> {
    let mut out = vec![tag];
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|b| **b == 0).count();
        out.push(0x80 | (8 - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
    out
}

/// Size of a TLV whose value is `len` bytes long.
pub fn tlv_len(len: u64) -> u64 {
    header_bytes(0, len).len() as u64 + len
}

pub fn write_header(out: &mut dyn Write, tag: u8, len: u64) -> std::io::Result<()> {
    out.write_all(&header_bytes(tag, len))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn headers_round_trip_in_shortest_form() {
        for (len, expect) in [
            (0u64, vec![0x04, 0x00]),
            (127, vec![0x04, 0x7F]),
            (128, vec![0x04, 0x81, 0x80]),
            (256, vec![0x04, 0x82, 0x01, 0x00]),
            (1 << 32, vec![0x04, 0x85, 0x01, 0, 0, 0, 0]),
        ] {
            let h = header_bytes(0x04, len);
            assert_eq!(h, expect);
            let mut r = Counting::new(&h[..]);
            let back = r.header().unwrap();
            assert_eq!(back.len, Some(len));
            assert_eq!(back.raw, h);
        }
    }

    #[test]
    fn hostile_lengths_are_refused_before_allocating() {
        // 2^62 bytes announced, 3 present.
        let data = [0x04, 0x88, 0x40, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3];
        let mut r = Counting::new(&data[..]);
        let err = r.tlv(1 << 20, "test").unwrap_err();
        assert!(matches!(err, CadesError::TooLarge { .. }), "{err}");
        // Within the cap but truncated.
        let data = [0x04, 0x82, 0x10, 0x00, 1, 2, 3];
        let mut r = Counting::new(&data[..]);
        assert!(matches!(r.tlv(1 << 20, "test").unwrap_err(), CadesError::Malformed(_)));
        // Length of length over 8 bytes, reserved 0xFF, indefinite primitive.
        for data in [&[0x30u8, 0x89, 1, 1, 1, 1, 1, 1, 1, 1, 1][..], &[0x30, 0xFF], &[0x04, 0x80]] {
            assert!(Counting::new(data).header().is_err());
        }
    }
}
