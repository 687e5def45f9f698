//! Signed files arrive as DER (binary) or Base64 (with or without PEM armour, any line length).
//! [`decoded`] gives back the DER bytes as a stream either way.

use crate::{Result, malformed};
use base64::engine::general_purpose::STANDARD;
use base64::read::DecoderReader;
use std::io::{BufRead, Read};

/// The DER stream behind `input`, whether it is binary or Base64.
pub fn decoded<R: BufRead + 'static>(mut input: R) -> Result<Box<dyn Read>> {
    let first = loop {
        let buf = input.fill_buf()?;
        match buf.first() {
            None => return Err(malformed("the file is empty")),
            Some(b) if b.is_ascii_whitespace() => input.consume(1),
            Some(b) => break *b,
        }
    };
    match first {
        0x30 => Ok(Box::new(input)),
        b'-' => {
            // PEM armour: skip the BEGIN line; the filter stops at the END line.
            let mut line = Vec::new();
            input.by_ref().take(256).read_until(b'\n', &mut line)?;
            if !line.starts_with(b"-----BEGIN") {
                return Err(malformed("unknown text format"));
            }
            Ok(Box::new(DecoderReader::new(Base64Text { inner: input, done: false }, &STANDARD)))
        }
        b if b.is_ascii_alphanumeric() || b == b'+' || b == b'/' => {
            Ok(Box::new(DecoderReader::new(Base64Text { inner: input, done: false }, &STANDARD)))
        }
        _ => Err(malformed("neither a DER nor a Base64 signed file")),
    }
}

/// Base64 text without whitespace, ending at EOF or at a `-` (a PEM END line).
struct Base64Text<R> {
    inner: R,
    done: bool,
}

impl<R: BufRead> Read for Base64Text<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let mut n = 0;
        while n < out.len() && !self.done {
            let buf = self.inner.fill_buf()?;
            if buf.is_empty() {
                self.done = true;
                break;
            }
            let mut used = 0;
            for &b in buf {
                if n == out.len() {
                    break;
                }
                used += 1;
                if b == b'-' {
                    self.done = true;
                    break;
                }
                if b.is_ascii_whitespace() {
                    continue;
                }
                out[n] = b;
                n += 1;
            }
            self.inner.consume(used);
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn all(input: &'static [u8]) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        decoded(input)?.read_to_end(&mut out)?;
        Ok(out)
    }

    #[test]
    fn der_base64_and_pem_give_the_same_bytes() {
        assert_eq!(all(b"\x30\x03\x02\x01\x01").unwrap(), b"\x30\x03\x02\x01\x01");
        assert_eq!(all(b"MAMCAQE=\n").unwrap(), b"\x30\x03\x02\x01\x01");
        assert_eq!(all(b"MAM\r\nCAQE=").unwrap(), b"\x30\x03\x02\x01\x01");
        assert_eq!(
            all(b"-----BEGIN PKCS7-----\nMAMCAQE=\n-----END PKCS7-----\n").unwrap(),
            b"\x30\x03\x02\x01\x01"
        );
        assert!(all(b"").is_err());
        assert!(all(b"\x00\x01").is_err());
        assert!(all(b"MA*&").is_err());
    }
}
