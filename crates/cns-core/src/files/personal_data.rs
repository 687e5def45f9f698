//! EF.Dati_personali (3F00/1100/1102): the holder's personal data.
//!
//! Layout [LG App.3]: a 6-digit ASCII hex header, then 16 fields each coded as 2 ASCII hex digits
//! of length followed by the value; the rest of the 400-byte file is 00. The header is not trusted
//! (the guidelines say it counts itself, OpenSC reads it as the length of what follows): the fields
//! are walked until the 16th, a 00 byte or the end of the buffer, and the header is only compared
//! with the result afterwards.
//!
//! This is personal data: `Debug` is redacted, and nothing here logs.
//!
//! Dates: a date field that is not a valid DDMMYYYY keeps its raw text with `date: None` rather
//! than failing the whole file, because the rest of the file is still worth showing.

use std::fmt;
use time::{Date, Month};

pub const HEADER_LEN: usize = 6;
pub const FIELD_COUNT: usize = 16;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PersonalDataError {
    #[error("shorter than the 6-byte header ({0} bytes)")]
    TooShort(usize),
    #[error("the header is not 6 ASCII hex digits")]
    BadHeader,
    #[error("the file holds no fields (not personalised?)")]
    Empty,
    #[error("field {field}: length at offset {offset} is not 2 ASCII hex digits")]
    BadLength { field: usize, offset: usize },
    #[error("field {field}: {len} bytes at offset {offset} run past the end of the data")]
    Truncated { field: usize, offset: usize, len: usize },
}

/// A DDMMYYYY field: the raw text, and the date when it is a valid one.
#[derive(Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct DateField {
    pub raw: String,
    #[serde(serialize_with = "serialize_iso_date")]
    pub date: Option<Date>,
}

/// ISO 8601 ("1980-01-01") in exports; `time` is built without its serde feature.
fn serialize_iso_date<S: serde::Serializer>(d: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.collect_str(&format_args!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())),
        None => s.serialize_none(),
    }
}

impl DateField {
    fn parse(raw: String) -> DateField {
        let date = parse_ddmmyyyy(&raw);
        DateField { raw, date }
    }
}

impl fmt::Debug for DateField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DateField(<redacted>)")
    }
}

/// Parses GGMMAAAA; `None` unless it is 8 digits forming a real calendar date.
pub fn parse_ddmmyyyy(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    if b.len() != 8 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<u16>().ok();
    let day = u8::try_from(num(0..2)?).ok()?;
    let month = Month::try_from(u8::try_from(num(2..4)?).ok()?).ok()?;
    let year = i32::from(num(4..8)?);
    Date::from_calendar_date(year, month, day).ok()
}

/// How the header's value relates to the bytes actually used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum HeaderInterpretation {
    /// Header = used bytes including the 6 header bytes (the guidelines, and a 2025 card).
    IncludesHeader,
    /// Header = used bytes after the header (OpenSC's reading).
    ExcludesHeader,
    Neither,
}

/// The parsed file. Fields missing at the end of the file are empty strings; `fields_read` says
/// how many were actually present.
#[derive(Clone, PartialEq, Eq, serde::Serialize)]
pub struct PersonalData {
    pub issuer: String,
    pub issue_date: DateField,
    pub expiry_date: DateField,
    pub surname: String,
    pub given_name: String,
    pub birth_date: DateField,
    pub sex: String,
    pub height: String,
    pub fiscal_code: String,
    pub citizenship: String,
    pub birth_municipality: String,
    pub foreign_birth_state: String,
    pub birth_act: String,
    pub residence_municipality: String,
    pub address: String,
    pub expat_note: String,
    pub fields_read: usize,
    /// End offset of the last parsed field: the "useful" bytes, header included.
    pub used_len: usize,
    /// The header's value, read as hex.
    pub header_value: Option<usize>,
}

impl fmt::Debug for PersonalData {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PersonalData(<redacted>, {} bytes)", self.used_len)
    }
}

/// Personal data must not outlive its card (counter mode): the text is wiped when dropped.
impl Drop for PersonalData {
    fn drop(&mut self) {
        use zeroize::Zeroize;
        for s in [
            &mut self.issuer,
            &mut self.surname,
            &mut self.given_name,
            &mut self.sex,
            &mut self.height,
            &mut self.fiscal_code,
            &mut self.citizenship,
            &mut self.birth_municipality,
            &mut self.foreign_birth_state,
            &mut self.birth_act,
            &mut self.residence_municipality,
            &mut self.address,
            &mut self.expat_note,
            &mut self.issue_date.raw,
            &mut self.expiry_date.raw,
            &mut self.birth_date.raw,
        ] {
            s.zeroize();
        }
    }
}

impl PersonalData {
    pub fn header_interpretation(&self) -> HeaderInterpretation {
        match self.header_value {
            Some(h) if h == self.used_len => HeaderInterpretation::IncludesHeader,
            Some(h) if h + HEADER_LEN == self.used_len => HeaderInterpretation::ExcludesHeader,
            _ => HeaderInterpretation::Neither,
        }
    }

    /// The useful bytes (header and every length included, no 00 fill) of the buffer this was
    /// parsed from — the input of the certificate CN hash.
    pub fn used_bytes<'a>(&self, raw: &'a [u8]) -> &'a [u8] {
        raw.get(..self.used_len).unwrap_or(raw)
    }

    /// "Nome Cognome", as OpenSC labels the token.
    pub fn full_name(&self) -> String {
        match (self.given_name.is_empty(), self.surname.is_empty()) {
            (false, false) => format!("{} {}", self.given_name, self.surname),
            (true, _) => self.surname.clone(),
            (_, true) => self.given_name.clone(),
        }
    }
}

/// Parses the file body (typically the whole 400 bytes).
pub fn parse(raw: &[u8]) -> Result<PersonalData, PersonalDataError> {
    let header = raw.get(..HEADER_LEN).ok_or(PersonalDataError::TooShort(raw.len()))?;
    if header.iter().all(|&b| b == 0) {
        return Err(PersonalDataError::Empty);
    }
    let header_value = parse_hex(header).ok_or(PersonalDataError::BadHeader)?;
    let (values, used_len) = walk_fields(raw)?;
    if values.is_empty() {
        return Err(PersonalDataError::Empty);
    }
    let fields_read = values.len();
    let mut it = values.into_iter();
    let mut next = || it.next().unwrap_or_default();
    Ok(PersonalData {
        issuer: next(),
        issue_date: DateField::parse(next()),
        expiry_date: DateField::parse(next()),
        surname: next(),
        given_name: next(),
        birth_date: DateField::parse(next()),
        sex: next(),
        height: next(),
        fiscal_code: next(),
        citizenship: next(),
        birth_municipality: next(),
        foreign_birth_state: next(),
        birth_act: next(),
        residence_municipality: next(),
        address: next(),
        expat_note: next(),
        fields_read,
        used_len,
        header_value: Some(header_value),
    })
}

/// How many bytes of a prefix of the file hold its content, once the prefix shows where the
/// content ends (the 16th field, or the 00 fill after the last one); `None` while the content
/// may go on past the prefix. Lets a reader stop at the content instead of the 400-byte file.
pub fn content_len(prefix: &[u8]) -> Option<usize> {
    let (values, end) = walk_fields(prefix).ok()?;
    let ended = values.len() == FIELD_COUNT || prefix.get(end) == Some(&0);
    (ended && end >= HEADER_LEN).then_some(end)
}

/// Returns the field values and the end offset of the last one.
fn walk_fields(raw: &[u8]) -> Result<(Vec<String>, usize), PersonalDataError> {
    let mut values = Vec::with_capacity(FIELD_COUNT);
    let mut pos = HEADER_LEN;
    while values.len() < FIELD_COUNT {
        let field = values.len() + 1;
        match raw.get(pos) {
            None | Some(0) => break,
            Some(_) => {}
        }
        let len_bytes = raw.get(pos..pos + 2).ok_or(PersonalDataError::BadLength { field, offset: pos })?;
        let len = parse_hex(len_bytes).ok_or(PersonalDataError::BadLength { field, offset: pos })?;
        let start = pos + 2;
        let value =
            raw.get(start..start + len).ok_or(PersonalDataError::Truncated { field, offset: pos, len })?;
        values.push(text(value));
        pos = start + len;
    }
    Ok((values, pos))
}

fn parse_hex(b: &[u8]) -> Option<usize> {
    if b.is_empty() || !b.iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    usize::from_str_radix(std::str::from_utf8(b).ok()?, 16).ok()
}

/// The spec says ASCII; anything else is read as UTF-8 if valid, else as Latin-1, so no byte is lost.
fn text(b: &[u8]) -> String {
    match std::str::from_utf8(b) {
        Ok(s) => s.to_owned(),
        Err(_) => b.iter().map(|&c| char::from(c)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    /// cns-facts.md §2.2, byte for byte.
    const EXAMPLE_HEX: &str = "
        30 30 30 30 36 46  30 34 36 30 33 30  30 38 30 31 30 32 32 30 32 30
        30 38 30 31 30 32 32 30 32 36  30 35 52 4F 53 53 49  30 35 4D 41 52 49 4F
        30 38 30 31 30 31 31 39 38 30  30 31 4D  30 30
        31 30 52 53 53 4D 52 41 38 30 41 30 31 46 32 30 35 58  30 30  30 34 46 32 30 35
        30 30  30 30  30 34 46 32 30 35  30 41 56 49 41 20 52 4F 4D 41 20 31  30 30";

    fn example() -> Vec<u8> {
        let mut raw: Vec<u8> =
            EXAMPLE_HEX.split_whitespace().map(|b| u8::from_str_radix(b, 16).unwrap()).collect();
        assert_eq!(raw.len(), 111);
        raw.resize(400, 0);
        raw
    }

    /// Builds a file from field values, with the given header value.
    fn build(fields: &[&str], header: impl Fn(usize) -> usize) -> Vec<u8> {
        let body: String = fields.iter().map(|f| format!("{:02X}{f}", f.len())).collect();
        let used = HEADER_LEN + body.len();
        let mut raw = format!("{:06X}{body}", header(used)).into_bytes();
        raw.resize(400, 0);
        raw
    }

    #[test]
    fn content_len_tells_when_a_prefix_holds_all_the_fields() {
        let raw = example();
        // the worked example's 16 fields end at byte 111: any prefix that holds them is enough
        assert_eq!(content_len(&raw[..111]), Some(111));
        assert_eq!(content_len(&raw[..255]), Some(111));
        // a prefix that ends inside the fields may go on
        assert_eq!(content_len(&raw[..110]), None);
        assert_eq!(content_len(&raw[..60]), None);
        assert_eq!(content_len(&raw[..3]), None);
        // what the reader keeps parses as the whole file does
        let whole = parse(&raw).unwrap();
        let part = parse(&raw[..111]).unwrap();
        assert_eq!((part.used_len, part.fiscal_code.as_str()), (whole.used_len, whole.fiscal_code.as_str()));
        // fewer fields end where the 00 fill starts, and not before it is seen
        let short = build(&["ROSSI", "MARIO"], |u| u);
        assert_eq!(content_len(&short[..20]), None);
        assert_eq!(content_len(&short[..21]), Some(20));
    }

    #[test]
    fn worked_example_field_by_field() {
        let raw = example();
        assert_eq!(&raw[..6], b"00006F");
        let pd = parse(&raw).unwrap();
        assert_eq!(pd.issuer, "6030");
        assert_eq!(pd.issue_date.raw, "01022020");
        assert_eq!(pd.issue_date.date, Some(date!(2020 - 02 - 01)));
        assert_eq!(pd.expiry_date.date, Some(date!(2026 - 02 - 01)));
        assert_eq!(pd.surname, "ROSSI");
        assert_eq!(pd.given_name, "MARIO");
        assert_eq!(pd.birth_date.date, Some(date!(1980 - 01 - 01)));
        assert_eq!(pd.sex, "M");
        assert_eq!(pd.height, "");
        assert_eq!(pd.fiscal_code, "RSSMRA80A01F205X");
        assert_eq!(pd.citizenship, "");
        assert_eq!(pd.birth_municipality, "F205");
        assert_eq!(pd.foreign_birth_state, "");
        assert_eq!(pd.birth_act, "");
        assert_eq!(pd.residence_municipality, "F205");
        assert_eq!(pd.address, "VIA ROMA 1");
        assert_eq!(pd.expat_note, "");
        assert_eq!(pd.fields_read, 16);
        assert_eq!(pd.used_len, 111);
        assert_eq!(pd.header_value, Some(111));
        assert_eq!(pd.header_interpretation(), HeaderInterpretation::IncludesHeader);
        assert_eq!(pd.used_bytes(&raw).len(), 111);
        assert_eq!(pd.full_name(), "MARIO ROSSI");
    }

    #[test]
    fn the_example_also_parses_without_padding() {
        let raw = example();
        assert_eq!(parse(&raw[..111]).unwrap(), parse(&raw).unwrap());
    }

    #[test]
    fn header_excluding_itself() {
        let mut raw = example();
        raw[..6].copy_from_slice(b"000069");
        let pd = parse(&raw).unwrap();
        assert_eq!(pd.header_value, Some(105));
        assert_eq!(pd.header_interpretation(), HeaderInterpretation::ExcludesHeader);
        assert_eq!(pd.surname, "ROSSI");
    }

    #[test]
    fn a_wrong_header_is_only_reported() {
        let mut raw = example();
        raw[..6].copy_from_slice(b"000190");
        let pd = parse(&raw).unwrap();
        assert_eq!(pd.header_interpretation(), HeaderInterpretation::Neither);
        assert_eq!(pd.used_len, 111);
    }

    #[test]
    fn empty_fields_and_missing_trailing_fields() {
        let raw = build(&["6090", "29122025", "25122031", "BIANCHI", "ANNA", "", "F"], |u| u);
        let pd = parse(&raw).unwrap();
        assert_eq!(pd.fields_read, 7);
        assert_eq!(pd.birth_date, DateField::default());
        assert_eq!(pd.sex, "F");
        assert_eq!(pd.fiscal_code, "");
        assert_eq!(pd.expat_note, "");
        assert_eq!(pd.header_interpretation(), HeaderInterpretation::IncludesHeader);
    }

    #[test]
    fn invalid_dates_keep_their_text() {
        let raw = build(&["6030", "31022020", "0102202X", "X", "Y", "01011980"], |u| u);
        let pd = parse(&raw).unwrap();
        assert_eq!((pd.issue_date.raw.as_str(), pd.issue_date.date), ("31022020", None));
        assert_eq!((pd.expiry_date.raw.as_str(), pd.expiry_date.date), ("0102202X", None));
        assert_eq!(pd.birth_date.date, Some(date!(1980 - 01 - 01)));
    }

    #[test]
    fn stops_after_the_16th_field() {
        let mut fields = vec!["X"; 16];
        fields.push("EXTRA");
        let raw = build(&fields, |u| u);
        let pd = parse(&raw).unwrap();
        assert_eq!(pd.fields_read, 16);
        assert_eq!(pd.used_len, HEADER_LEN + 16 * 3);
    }

    #[test]
    fn malformed_files_are_errors() {
        let raw = example();
        assert_eq!(parse(&raw[..5]), Err(PersonalDataError::TooShort(5)));
        assert_eq!(parse(&[0u8; 400]), Err(PersonalDataError::Empty));
        assert_eq!(parse(b"00006F"), Err(PersonalDataError::Empty));
        assert_eq!(parse(b"00Z06F0460"), Err(PersonalDataError::BadHeader));
        // Cut inside the surname's value, and inside a length.
        assert_eq!(parse(&raw[..35]), Err(PersonalDataError::Truncated { field: 4, offset: 32, len: 5 }));
        assert_eq!(parse(&raw[..33]), Err(PersonalDataError::BadLength { field: 4, offset: 32 }));
        let mut bad = raw.clone();
        bad[32] = b'G';
        assert_eq!(parse(&bad), Err(PersonalDataError::BadLength { field: 4, offset: 32 }));
        // A length pointing past the buffer.
        let mut long = raw[..111].to_vec();
        long[97..99].copy_from_slice(b"FF");
        assert_eq!(parse(&long), Err(PersonalDataError::Truncated { field: 15, offset: 97, len: 255 }));
    }

    #[test]
    fn debug_is_redacted() {
        let pd = parse(&example()).unwrap();
        let s = format!("{pd:?} {:?} {:?}", pd.birth_date, Some(&pd));
        for secret in ["ROSSI", "MARIO", "RSSMRA", "1980", "F205", "VIA ROMA"] {
            assert!(!s.contains(secret), "{s}");
        }
        assert!(s.contains("PersonalData(<redacted>, 111 bytes)"));
    }

    #[test]
    fn non_ascii_bytes_survive() {
        let mut raw = build(&["6030", "01022020", "01022026", "NICOL?"], |u| u);
        raw[39] = 0xD2; // Latin-1 'Ò' in place of the '?'; the file is not valid UTF-8 then
        let pd = parse(&raw).unwrap();
        assert_eq!(pd.surname, "NICOLÒ");
    }

    #[test]
    fn serializable_for_explicit_export() {
        fn is_serialize<T: serde::Serialize>(_: &T) {}
        is_serialize(&parse(&example()).unwrap());
    }

    proptest! {
        #[test]
        fn never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..420)) {
            let _ = parse(&bytes);
        }

        #[test]
        fn never_panics_on_plausible_files(
            lens in proptest::collection::vec((0usize..40, any::<bool>()), 0..20),
            tail in proptest::collection::vec(any::<u8>(), 0..8),
        ) {
            let mut raw = b"00006F".to_vec();
            for (len, lie) in lens {
                let claimed = if lie { len + 3 } else { len };
                raw.extend(format!("{claimed:02X}").bytes());
                raw.extend(std::iter::repeat_n(b'A', len));
            }
            raw.extend(tail);
            if let Ok(pd) = parse(&raw) {
                prop_assert!(pd.used_len <= raw.len());
                prop_assert!(pd.fields_read <= FIELD_COUNT);
            }
        }
    }
}
