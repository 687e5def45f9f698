//! The Italian codice fiscale: structure, omocodia, check character, and what it says about the
//! holder (sex, birth date, birth place), plus a cross-check against EF.Dati_personali.
//!
//! Layout (DM 23/12/1976): 6 letters (surname, name), 2 year digits, month letter, 2 day digits
//! (+40 for women), a letter and 3 digits for the birth place (Belfiore code), a check letter.
//! Omocodia: to tell apart equal codes, the digits at positions 7, 8, 10, 11, 13, 14, 15 (1-based)
//! may be replaced by L M N P Q R S T U V (for 0..9). Any combination of substitutions is accepted
//! here; the check letter is computed over the code as written.
//!
//! A codice fiscale is personal data: `Debug` is redacted and errors never carry the code.

use crate::files::personal_data::PersonalData;
use std::fmt;
use time::{Date, Month};

pub const LEN: usize = 16;

const MONTH_LETTERS: &[u8; 12] = b"ABCDEHLMPRST";
const OMOCODIA_LETTERS: &[u8; 10] = b"LMNPQRSTUV";
/// 0-based positions that hold digits, possibly replaced by omocodia letters.
const DIGIT_POSITIONS: [usize; 7] = [6, 7, 9, 10, 12, 13, 14];
const LETTER_POSITIONS: [usize; 8] = [0, 1, 2, 3, 4, 5, 8, 11];
/// Values of 0-9 / A-Z at odd (1st, 3rd, …) positions; digits share the values of A-J.
const ODD_VALUES: [u8; 26] =
    [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CfError {
    #[error("a codice fiscale has 16 characters, got {0}")]
    WrongLength(usize),
    #[error("character {position} is not a letter or digit")]
    InvalidChar { position: usize },
    #[error("character {position} should be a letter")]
    LetterExpected { position: usize },
    #[error("character {position} should be a digit (or an omocodia letter)")]
    DigitExpected { position: usize },
    #[error("invalid month letter")]
    InvalidMonth,
    #[error("invalid birth day")]
    InvalidDay,
    #[error("check character is {found}, the code gives {expected}")]
    BadCheckChar { expected: char, found: char },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Sex {
    M,
    F,
}

/// A structurally valid codice fiscale with a correct check character.
#[derive(Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct CodiceFiscale {
    code: String,
    sex: Sex,
    day: u8,
    month: u8,
    year: u8,
    place: String,
    omocode: bool,
}

impl Drop for CodiceFiscale {
    fn drop(&mut self) {
        use zeroize::Zeroize;
        self.code.zeroize();
        self.place.zeroize();
    }
}

impl fmt::Debug for CodiceFiscale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CodiceFiscale(<redacted>)")
    }
}

/// Parses and validates a code; lowercase input is accepted and uppercased, nothing else is.
pub fn parse(s: &str) -> Result<CodiceFiscale, CfError> {
    let count = s.chars().count();
    if count != LEN {
        return Err(CfError::WrongLength(count));
    }
    if let Some(i) = s.chars().position(|c| !c.is_ascii_alphanumeric()) {
        return Err(CfError::InvalidChar { position: i + 1 });
    }
    let code = s.to_ascii_uppercase();
    let b = code.as_bytes();
    for p in LETTER_POSITIONS {
        if !b.get(p).is_some_and(u8::is_ascii_uppercase) {
            return Err(CfError::LetterExpected { position: p + 1 });
        }
    }
    let mut digits = [0u8; 7];
    for (slot, p) in digits.iter_mut().zip(DIGIT_POSITIONS) {
        *slot = b.get(p).copied().and_then(digit_value).ok_or(CfError::DigitExpected { position: p + 1 })?;
    }
    let omocode = DIGIT_POSITIONS.iter().any(|&p| b.get(p).is_some_and(u8::is_ascii_uppercase));
    let month =
        b.get(8).and_then(|m| MONTH_LETTERS.iter().position(|x| x == m)).ok_or(CfError::InvalidMonth)?;
    let [y1, y2, d1, d2, p1, p2, p3] = digits;
    let raw_day = d1 * 10 + d2;
    let (sex, day) = match raw_day {
        1..=31 => (Sex::M, raw_day),
        41..=71 => (Sex::F, raw_day - 40),
        _ => return Err(CfError::InvalidDay),
    };
    let found = b.get(15).map_or('?', |&c| char::from(c));
    let expected =
        check_char(code.get(..15).unwrap_or("")).ok_or(CfError::LetterExpected { position: 16 })?;
    if found != expected {
        return Err(CfError::BadCheckChar { expected, found });
    }
    let place_letter = b.get(11).map_or('?', |&c| char::from(c));
    Ok(CodiceFiscale {
        sex,
        day,
        month: (month + 1) as u8,
        year: y1 * 10 + y2,
        place: format!("{place_letter}{p1}{p2}{p3}"),
        omocode,
        code,
    })
}

/// A digit, or the omocodia letter standing for one.
fn digit_value(c: u8) -> Option<u8> {
    if c.is_ascii_digit() {
        return Some(c - b'0');
    }
    OMOCODIA_LETTERS.iter().position(|&l| l == c).map(|i| i as u8)
}

/// The check character of the first 15 characters (uppercase letters and digits), or `None`.
pub fn check_char(first15: &str) -> Option<char> {
    let b = first15.as_bytes();
    if b.len() != 15 {
        return None;
    }
    let mut sum = 0u32;
    for (i, &c) in b.iter().enumerate() {
        let index = match c {
            b'0'..=b'9' => c - b'0',
            b'A'..=b'Z' => c - b'A',
            _ => return None,
        };
        // Positions are counted from 1, so even indices are the "odd" positions.
        let value = if i % 2 == 0 { *ODD_VALUES.get(usize::from(index))? } else { index };
        sum += u32::from(value);
    }
    Some(char::from(b'A' + (sum % 26) as u8))
}

impl CodiceFiscale {
    /// The code as written (uppercase, omocodia letters kept).
    pub fn as_str(&self) -> &str {
        &self.code
    }

    pub fn sex(&self) -> Sex {
        self.sex
    }

    /// Day of birth, 1..=31 (the +40 for women removed).
    pub fn birth_day(&self) -> u8 {
        self.day
    }

    /// Month of birth, 1..=12.
    pub fn birth_month(&self) -> u8 {
        self.month
    }

    /// The two year digits, 0..=99.
    pub fn birth_year_2(&self) -> u8 {
        self.year
    }

    /// The Belfiore code of the birth place with omocodia undone, e.g. "F205"; "Z…" = abroad.
    pub fn birth_place(&self) -> &str {
        &self.place
    }

    pub fn born_abroad(&self) -> bool {
        self.place.starts_with('Z')
    }

    /// True when some digit was replaced by an omocodia letter.
    pub fn is_omocode(&self) -> bool {
        self.omocode
    }

    /// The birth date, taking the latest century that does not put it after `today`.
    /// `None` when day and month do not form a real date (the code cannot say which is wrong).
    pub fn birth_date_with(&self, today: Date) -> Option<Date> {
        let month = Month::try_from(self.month).ok()?;
        let yy = i32::from(self.year);
        let century = today.year().div_euclid(100) * 100;
        [century, century - 100]
            .into_iter()
            .filter_map(|c| Date::from_calendar_date(c + yy, month, self.day).ok())
            .find(|d| *d <= today)
    }
}

impl fmt::Display for CodiceFiscale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code)
    }
}

/// A disagreement between the codice fiscale and EF.Dati_personali. No values are carried, so a
/// mismatch can be reported without leaking either side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum CfMismatch {
    FiscalCode,
    Sex,
    BirthDate,
    BirthPlace,
}

/// Compares the code with the personal data. Fields that are empty or unreadable on the card are
/// not compared: absence is not a contradiction.
pub fn cross_check(cf: &CodiceFiscale, pd: &PersonalData) -> Vec<CfMismatch> {
    let mut out = Vec::new();
    let card_cf = pd.fiscal_code.trim();
    if !card_cf.is_empty() && !card_cf.eq_ignore_ascii_case(cf.as_str()) {
        out.push(CfMismatch::FiscalCode);
    }
    let sex = match pd.sex.trim() {
        "M" | "m" => Some(Sex::M),
        "F" | "f" => Some(Sex::F),
        _ => None,
    };
    if sex.is_some_and(|s| s != cf.sex()) {
        out.push(CfMismatch::Sex);
    }
    if let Some(d) = pd.birth_date.date
        && (d.day(), u8::from(d.month()), d.year().rem_euclid(100))
            != (cf.birth_day(), cf.birth_month(), i32::from(cf.birth_year_2()))
    {
        out.push(CfMismatch::BirthDate);
    }
    let place = [&pd.birth_municipality, &pd.foreign_birth_state]
        .into_iter()
        .map(|s| s.trim())
        .find(|s| !s.is_empty());
    if place.is_some_and(|p| !p.eq_ignore_ascii_case(cf.birth_place())) {
        out.push(CfMismatch::BirthPlace);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::personal_data;
    use proptest::prelude::*;
    use time::macros::date;

    /// Rebuilds a code with its check character.
    fn with_check(first15: &str) -> String {
        format!("{first15}{}", check_char(first15).unwrap())
    }

    #[test]
    fn check_character_of_known_codes() {
        // The project fixture (cns-facts §2.2) and two codes published with their check letters.
        assert_eq!(check_char("RSSMRA80A01F205"), Some('X'));
        assert_eq!(check_char("RSSMRA80A01H501"), Some('U'));
        assert_eq!(check_char("MRTMTT25D09F205"), Some('Z'));
        assert_eq!(check_char("RSSMRA80A01F20"), None);
        assert_eq!(check_char("RSSMRA80A01F20é"), None);
    }

    #[test]
    fn decodes_the_fixture() {
        let cf = parse("RSSMRA80A01F205X").unwrap();
        assert_eq!(cf.as_str(), "RSSMRA80A01F205X");
        assert_eq!(cf.sex(), Sex::M);
        assert_eq!((cf.birth_day(), cf.birth_month(), cf.birth_year_2()), (1, 1, 80));
        assert_eq!(cf.birth_place(), "F205");
        assert!(!cf.is_omocode());
        assert!(!cf.born_abroad());
        assert_eq!(cf.birth_date_with(date!(2026 - 05 - 01)), Some(date!(1980 - 01 - 01)));
        assert_eq!(parse("rssmra80a01f205x").unwrap(), cf);
    }

    #[test]
    fn women_and_centuries() {
        let cf = parse(&with_check("BNCNNA05T71D612")).unwrap();
        assert_eq!(cf.sex(), Sex::F);
        assert_eq!((cf.birth_day(), cf.birth_month()), (31, 12));
        assert_eq!(cf.birth_date_with(date!(2026 - 01 - 01)), Some(date!(2005 - 12 - 31)));
        // Not born in the future: in 2005 itself, before 31 December, it must be 1905.
        assert_eq!(cf.birth_date_with(date!(2005 - 12 - 30)), Some(date!(1905 - 12 - 31)));
        assert_eq!(cf.birth_date_with(date!(2005 - 12 - 31)), Some(date!(2005 - 12 - 31)));
        // 30 February cannot be a date.
        let bad = parse(&with_check("BNCNNA05B70D612")).unwrap();
        assert_eq!(bad.birth_date_with(date!(2026 - 01 - 01)), None);
    }

    #[test]
    fn omocodia_is_decoded() {
        // RSSMRA80A01F205 with its last digit, then all seven digits, substituted.
        let one = with_check("RSSMRA80A01F20R");
        let all = with_check("RSSMRAULALMFNLR");
        for code in [&one, &all] {
            let cf = parse(code).unwrap();
            assert!(cf.is_omocode(), "{code}");
            assert_eq!(cf.birth_place(), "F205");
            assert_eq!((cf.birth_day(), cf.birth_month(), cf.birth_year_2()), (1, 1, 80));
        }
        // Check letters computed independently (Python, same tables).
        assert_eq!(one, "RSSMRA80A01F20RS");
        assert_eq!(all, "RSSMRAULALMFNLRD");
        // A woman's day through omocodia: "4M" = 41.
        let cf = parse(&with_check("RSSMRA80A4MF205")).unwrap();
        assert_eq!((cf.sex(), cf.birth_day()), (Sex::F, 1));
    }

    #[test]
    fn structural_errors() {
        assert_eq!(parse("RSSMRA80A01F205"), Err(CfError::WrongLength(15)));
        assert_eq!(parse("RSSMRA80A01F205XX"), Err(CfError::WrongLength(17)));
        assert_eq!(parse("RSSMRA80A01F205È"), Err(CfError::InvalidChar { position: 16 }));
        assert_eq!(parse("RSSMRA80 01F205X"), Err(CfError::InvalidChar { position: 9 }));
        assert_eq!(parse("RSSMR480A01F205X"), Err(CfError::LetterExpected { position: 6 }));
        assert_eq!(parse("RSSMRA8AA01F205X"), Err(CfError::DigitExpected { position: 8 }));
        assert_eq!(parse("RSSMRA80F01F205X"), Err(CfError::InvalidMonth));
        assert_eq!(parse(&with_check("RSSMRA80A32F205")), Err(CfError::InvalidDay));
        assert_eq!(parse(&with_check("RSSMRA80A00F205")), Err(CfError::InvalidDay));
        assert_eq!(parse("RSSMRA80A01F205Y"), Err(CfError::BadCheckChar { expected: 'X', found: 'Y' }));
        assert_eq!(parse("RSSMRA80A01F2051"), Err(CfError::BadCheckChar { expected: 'X', found: '1' }));
    }

    #[test]
    fn flipping_any_character_is_caught() {
        for code in ["RSSMRA80A01F205X", "MRTMTT25D09F205Z", "RSSMRA80A01F20RS", "RSSMRAULALMFNLRD"] {
            for pos in 0..LEN {
                for c in ('A'..='Z').chain('0'..='9') {
                    let mut flipped: Vec<char> = code.chars().collect();
                    if flipped[pos] == c {
                        continue;
                    }
                    flipped[pos] = c;
                    let flipped: String = flipped.into_iter().collect();
                    assert!(parse(&flipped).is_err(), "{flipped} accepted");
                }
            }
        }
    }

    #[test]
    fn debug_is_redacted() {
        let cf = parse("RSSMRA80A01F205X").unwrap();
        assert_eq!(format!("{cf:?}"), "CodiceFiscale(<redacted>)");
    }

    fn fixture_pd() -> PersonalData {
        let fields = [
            "6030",
            "01022020",
            "01022026",
            "ROSSI",
            "MARIO",
            "01011980",
            "M",
            "",
            "RSSMRA80A01F205X",
            "",
            "F205",
            "",
            "",
            "F205",
            "VIA ROMA 1",
            "",
        ];
        let body: String = fields.iter().map(|f| format!("{:02X}{f}", f.len())).collect();
        let mut raw = format!("{:06X}{body}", 6 + body.len()).into_bytes();
        raw.resize(400, 0);
        personal_data::parse(&raw).unwrap()
    }

    #[test]
    fn cross_check_agrees_with_the_fixture() {
        let cf = parse("RSSMRA80A01F205X").unwrap();
        assert_eq!(cross_check(&cf, &fixture_pd()), vec![]);
    }

    #[test]
    fn cross_check_reports_each_mismatch() {
        let cf = parse(&with_check("RSSMRA81A41D612")).unwrap();
        let got = cross_check(&cf, &fixture_pd());
        assert_eq!(
            got,
            vec![CfMismatch::FiscalCode, CfMismatch::Sex, CfMismatch::BirthDate, CfMismatch::BirthPlace]
        );
        let mut pd = fixture_pd();
        pd.sex.clear();
        pd.birth_date = Default::default();
        pd.birth_municipality.clear();
        pd.fiscal_code.clear();
        assert_eq!(cross_check(&cf, &pd), vec![]);
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,20}") {
            if let Ok(cf) = parse(&s) {
                let _ = cf.birth_date_with(date!(2026 - 01 - 01));
            }
        }

        #[test]
        fn never_panics_on_code_shaped_input(s in "[A-Z0-9a-z]{16}") {
            let _ = parse(&s);
        }

        #[test]
        fn generated_codes_round_trip(
            letters in "[A-Z]{6}",
            yy in 0u8..100,
            month in 0usize..12,
            day in 1u8..=31,
            female in any::<bool>(),
            place in "[A-Z][0-9]{3}",
            omocodia in proptest::collection::vec(any::<bool>(), 7),
        ) {
            let m = char::from(MONTH_LETTERS[month]);
            let dd = if female { day + 40 } else { day };
            let mut s: Vec<u8> = format!("{letters}{yy:02}{m}{dd:02}{place}").into_bytes();
            for (&p, sub) in DIGIT_POSITIONS.iter().zip(omocodia) {
                if sub {
                    s[p] = OMOCODIA_LETTERS[usize::from(s[p] - b'0')];
                }
            }
            let code = with_check(std::str::from_utf8(&s).unwrap());
            let cf = parse(&code).unwrap();
            prop_assert_eq!(cf.birth_year_2(), yy);
            prop_assert_eq!(usize::from(cf.birth_month()), month + 1);
            prop_assert_eq!(cf.birth_day(), day);
            prop_assert_eq!(cf.sex(), if female { Sex::F } else { Sex::M });
            prop_assert_eq!(cf.birth_place(), place.as_str());
        }
    }
}
