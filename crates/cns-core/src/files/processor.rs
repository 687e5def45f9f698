//! EF.Dati_processore (3F00/1000/1002, 54 bytes): chip traceability data [LG App.3].
//!
//! Fixed positions: chip manufacturer (2 ASCII), OS manufacturer (2), personaliser (2), chip
//! tracing (2, "00"), personaliser data (10, free), OS data (10, free); the rest is a free area.
//! Only the first four fields are normed and the free parts are vendor-defined, so the parser is
//! lenient: a field that is not printable ASCII is shown as hex, a missing one is empty.

use std::fmt;

pub const LEN: usize = 54;

/// Field widths in file order.
const WIDTHS: [usize; 6] = [2, 2, 2, 2, 10, 10];

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ProcessorError {
    #[error("EF.Dati_processore is empty")]
    Empty,
}

/// A field as text when it is printable ASCII, otherwise as hex.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "lowercase")]
pub enum FieldValue {
    Text(String),
    Hex(String),
}

impl FieldValue {
    fn from_bytes(b: &[u8]) -> FieldValue {
        if b.iter().all(|c| c.is_ascii_graphic() || *c == b' ') {
            FieldValue::Text(String::from_utf8_lossy(b).into_owned())
        } else {
            FieldValue::Hex(b.iter().map(|c| format!("{c:02X}")).collect())
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            FieldValue::Text(s) | FieldValue::Hex(s) => s,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.as_str().is_empty()
    }
}

impl fmt::Display for FieldValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldValue::Text(s) => f.write_str(s),
            FieldValue::Hex(s) => write!(f, "0x{s}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ProcessorData {
    pub chip_manufacturer: FieldValue,
    pub os_manufacturer: FieldValue,
    pub personaliser: FieldValue,
    pub chip_tracing: FieldValue,
    pub personaliser_data: FieldValue,
    pub os_data: FieldValue,
    /// Whatever follows the normed fields, when it is not all 00.
    pub free_data: Option<FieldValue>,
    pub raw_len: usize,
}

impl ProcessorData {
    /// True when the whole file is filler (00 or FF), as on some cards with deferred personalisation.
    pub fn is_blank(&self) -> bool {
        [&self.chip_manufacturer, &self.os_manufacturer, &self.personaliser, &self.chip_tracing]
            .iter()
            .all(|f| matches!(f, FieldValue::Hex(h) if h.bytes().all(|c| c == b'0') || h.bytes().all(|c| c == b'F')))
    }
}

/// Parses the file body. Only an empty body is an error; short or odd content is shown as found.
pub fn parse(raw: &[u8]) -> Result<ProcessorData, ProcessorError> {
    if raw.is_empty() {
        return Err(ProcessorError::Empty);
    }
    let mut pos = 0;
    let mut fields = WIDTHS.iter().map(|&w| {
        let field = raw.get(pos..).unwrap_or_default();
        let field = field.get(..w).unwrap_or(field);
        pos += w;
        FieldValue::from_bytes(field)
    });
    let mut next = || fields.next().unwrap_or(FieldValue::Text(String::new()));
    let (chip_manufacturer, os_manufacturer, personaliser, chip_tracing) = (next(), next(), next(), next());
    let (personaliser_data, os_data) = (next(), next());
    let normed: usize = WIDTHS.iter().sum();
    let free_data = raw.get(normed..).filter(|r| r.iter().any(|&b| b != 0)).map(FieldValue::from_bytes);
    Ok(ProcessorData {
        chip_manufacturer,
        os_manufacturer,
        personaliser,
        chip_tracing,
        personaliser_data,
        os_data,
        free_data,
        raw_len: raw.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn text(s: &str) -> FieldValue {
        FieldValue::Text(s.to_owned())
    }

    #[test]
    fn parses_ascii_fields() {
        let mut raw = b"0209010012345678901234567890".to_vec();
        raw.resize(LEN, 0);
        let p = parse(&raw).unwrap();
        assert_eq!(p.chip_manufacturer, text("02"));
        assert_eq!(p.os_manufacturer, text("09"));
        assert_eq!(p.personaliser, text("01"));
        assert_eq!(p.chip_tracing, text("00"));
        assert_eq!(p.personaliser_data, text("1234567890"));
        assert_eq!(p.os_data, text("1234567890"));
        assert_eq!(p.free_data, None);
        assert_eq!(p.raw_len, 54);
        assert!(!p.is_blank());
    }

    #[test]
    fn binary_fields_become_hex() {
        let mut raw = b"0508".to_vec();
        raw.extend([0x01, 0x02]);
        raw.extend(b"00");
        raw.extend([0xAB; 10]);
        raw.extend(b"CardOS M4 ");
        raw.extend(b"LOT42");
        raw.resize(LEN, 0);
        let p = parse(&raw).unwrap();
        assert_eq!(p.personaliser, FieldValue::Hex("0102".into()));
        assert_eq!(p.personaliser.to_string(), "0x0102");
        assert_eq!(p.personaliser_data.as_str(), "ABABABABABABABABABAB");
        assert_eq!(p.os_data, text("CardOS M4 "));
        let free = p.free_data.unwrap();
        assert!(free.as_str().starts_with("4C4F543432"), "{free}");
    }

    #[test]
    fn short_and_blank_files() {
        let p = parse(b"0209").unwrap();
        assert_eq!(p.os_manufacturer, text("09"));
        assert!(p.personaliser.is_empty());
        assert!(p.os_data.is_empty());
        let p = parse(b"020").unwrap();
        assert_eq!(p.os_manufacturer, text("0"));
        assert!(parse(&[0u8; LEN]).unwrap().is_blank());
        assert!(parse(&[0xFFu8; LEN]).unwrap().is_blank());
        assert_eq!(parse(&[]), Err(ProcessorError::Empty));
    }

    proptest! {
        #[test]
        fn never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..80)) {
            if let Ok(p) = parse(&bytes) {
                let _ = (p.is_blank(), p.os_data.to_string());
            }
        }
    }
}
