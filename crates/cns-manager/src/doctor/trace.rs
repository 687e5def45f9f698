//! An APDU trace for the support report, redacted as it is recorded: the raw bytes of a command
//! or an answer are never kept, so no personal datum or secret can leak from the trace whatever
//! encoding it was in (ASCII, BCD, DER).
//!
//! What is kept: each command's header (CLA INS P1 P2: the operation, the file offset) and its
//! length byte; the data of SELECT only (file identifiers and application AIDs, the same on every
//! card); for every answer, its length and its status word. Everything else is replaced by its
//! length.

use cns_core::{CardSession, CardTransport, TransportError};

/// A transport that records a redacted line per APDU exchanged through it.
pub struct TracingTransport<'a> {
    inner: &'a mut dyn CardTransport,
    lines: Vec<String>,
}

impl<'a> TracingTransport<'a> {
    pub fn new(inner: &'a mut dyn CardTransport) -> Self {
        TracingTransport { inner, lines: Vec::new() }
    }

    pub fn into_lines(self) -> Vec<String> {
        self.lines
    }
}

impl CardTransport for TracingTransport<'_> {
    fn atr(&self) -> &[u8] {
        self.inner.atr()
    }

    fn session(&mut self) -> Result<Box<dyn CardSession + '_>, TransportError> {
        let session = self.inner.session()?;
        Ok(Box::new(TracingSession { inner: session, lines: &mut self.lines }))
    }

    fn reset(&mut self) -> Result<(), TransportError> {
        self.inner.reset()
    }
}

struct TracingSession<'s> {
    inner: Box<dyn CardSession + 's>,
    lines: &'s mut Vec<String>,
}

impl CardSession for TracingSession<'_> {
    fn transmit(&mut self, apdu: &[u8]) -> Result<Vec<u8>, TransportError> {
        let result = self.inner.transmit(apdu);
        let answer = match &result {
            Ok(r) => redact_response(r),
            Err(e) => format!("error: {}", cns_core::error_chain(e)),
        };
        self.lines.push(format!("> {}\n< {answer}", redact_command(apdu)));
        result
    }

    fn was_reset(&self) -> bool {
        self.inner.was_reset()
    }
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02X}")).collect::<Vec<_>>().join(" ")
}

fn ins_name(ins: u8) -> &'static str {
    match ins {
        0xA4 => "SELECT",
        0xB0 => "READ BINARY",
        0xC0 => "GET RESPONSE",
        0x20 => "VERIFY",
        0x24 => "CHANGE REFERENCE DATA",
        0x2C => "RESET RETRY COUNTER",
        0xCA => "GET DATA",
        0x84 => "GET CHALLENGE",
        0x22 => "MANAGE SECURITY ENVIRONMENT",
        0x2A => "PERFORM SECURITY OPERATION",
        0x88 => "INTERNAL AUTHENTICATE",
        _ => "?",
    }
}

/// A command: header and length kept; data kept for SELECT only.
pub fn redact_command(apdu: &[u8]) -> String {
    let Some(header) = apdu.get(..4) else {
        return format!("[{} byte]", apdu.len());
    };
    let name = ins_name(header[1]);
    let rest = &apdu[4..];
    let body = match rest {
        [] => String::new(),
        // Case 2: only Le, a length.
        [le] => format!(" {le:02X}"),
        [lc, data @ ..] if header[1] == 0xA4 && usize::from(*lc) <= data.len() => {
            format!(" {}", hex(&[&[*lc], data].concat()))
        }
        _ => format!(" [{} byte omessi/redacted]", rest.len()),
    };
    format!("{}{body}   ({name})", hex(header))
}

/// An answer: the status word, and how many data bytes came with it.
pub fn redact_response(resp: &[u8]) -> String {
    match resp.len() {
        0 | 1 => format!("[{} byte]", resp.len()),
        n => {
            let sw = &resp[n - 2..];
            if n == 2 { hex(sw) } else { format!("[{} byte omessi/redacted] {}", n - 2, hex(sw)) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn select_keeps_its_path_everything_else_only_lengths() {
        assert_eq!(
            redact_command(&[0x00, 0xA4, 0x08, 0x00, 0x02, 0x11, 0x02]),
            "00 A4 08 00 02 11 02   (SELECT)"
        );
        assert_eq!(redact_command(&[0x00, 0xB0, 0x00, 0x10, 0x80]), "00 B0 00 10 80   (READ BINARY)");
        // A VERIFY with a PIN: the PIN never shows, in any form.
        let verify = [0x00, 0x20, 0x00, 0x10, 0x05, b'1', b'2', b'3', b'4', b'5'];
        let line = redact_command(&verify);
        assert_eq!(line, "00 20 00 10 [6 byte omessi/redacted]   (VERIFY)");
        assert!(!line.contains("31") && !line.contains("12345"));
        assert_eq!(redact_command(&[0x00, 0x20, 0x00, 0x10]), "00 20 00 10   (VERIFY)");
        assert_eq!(
            redact_response(&[b'R', b'O', b'S', b'S', b'I', 0x90, 0x00]),
            "[5 byte omessi/redacted] 90 00"
        );
        assert_eq!(redact_response(&[0x63, 0xC3]), "63 C3");
    }
}
