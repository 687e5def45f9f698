//! EF.ID_Carta (3F00/1000/1003): the card serial, 16 ASCII digits coded as in the Netlink serial
//! number document [SN]: diffusion level, issuer, card id, progressive, 0, Luhn check digit.

use std::fmt;

pub const LEN: usize = 16;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum IdCartaError {
    #[error("EF.ID_Carta must be 16 bytes, got {0}")]
    WrongLength(usize),
    #[error("EF.ID_Carta byte {position} is not an ASCII digit")]
    NotDigit { position: usize },
    #[error("EF.ID_Carta check digit is {found}, Luhn gives {expected}")]
    BadCheckDigit { expected: u8, found: u8 },
}

/// A validated card serial.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct CardId {
    /// The 16 digits as read.
    pub serial: String,
}

/// Digit 1, the diffusion level ("LD").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum IssuerKind {
    Reserved,
    /// 1..4
    TrialCard,
    CitizenNational,
    CitizenRegional,
    CitizenLocal,
    OperatorNational,
    OperatorRegional,
}

/// A regional issuer code (digits 2..4 for diffusion levels 6 and 9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Region {
    pub code: &'static str,
    pub name: &'static str,
}

/// [SN §5.2] "CR – Codice emettitore regionale".
pub static REGIONS: &[Region] = &[
    Region { code: "010", name: "Piemonte" },
    Region { code: "020", name: "Valle d'Aosta" },
    Region { code: "030", name: "Lombardia" },
    Region { code: "041", name: "Provincia autonoma di Bolzano" },
    Region { code: "042", name: "Provincia autonoma di Trento" },
    Region { code: "050", name: "Veneto" },
    Region { code: "060", name: "Friuli Venezia Giulia" },
    Region { code: "070", name: "Liguria" },
    Region { code: "080", name: "Emilia-Romagna" },
    Region { code: "090", name: "Toscana" },
    Region { code: "100", name: "Umbria" },
    Region { code: "110", name: "Marche" },
    Region { code: "120", name: "Lazio" },
    Region { code: "130", name: "Abruzzo" },
    Region { code: "140", name: "Molise" },
    Region { code: "150", name: "Campania" },
    Region { code: "160", name: "Puglia" },
    Region { code: "170", name: "Basilicata" },
    Region { code: "180", name: "Calabria" },
    Region { code: "190", name: "Sicilia" },
    Region { code: "200", name: "Sardegna" },
];

pub fn region_by_code(code: &str) -> Option<Region> {
    REGIONS.iter().find(|r| r.code == code).copied()
}

/// Parses and validates the file body: exactly 16 ASCII digits with a valid final Luhn digit.
/// Digit 14 is not checked: [SN] calls it a progressive, the Lombardy example a check digit.
pub fn parse(raw: &[u8]) -> Result<CardId, IdCartaError> {
    if raw.len() != LEN {
        return Err(IdCartaError::WrongLength(raw.len()));
    }
    if let Some(position) = raw.iter().position(|b| !b.is_ascii_digit()) {
        return Err(IdCartaError::NotDigit { position });
    }
    let (body, check) = raw.split_at(LEN - 1);
    let found = check.first().map_or(0, |c| c - b'0');
    let expected = luhn_check_digit(body).unwrap_or(u8::MAX);
    if expected != found {
        return Err(IdCartaError::BadCheckDigit { expected, found });
    }
    Ok(CardId { serial: String::from_utf8_lossy(raw).into_owned() })
}

impl CardId {
    pub fn as_str(&self) -> &str {
        &self.serial
    }

    pub fn issuer_kind(&self) -> IssuerKind {
        match self.serial.as_bytes().first() {
            Some(b'1'..=b'4') => IssuerKind::TrialCard,
            Some(b'5') => IssuerKind::CitizenNational,
            Some(b'6') => IssuerKind::CitizenRegional,
            Some(b'7') => IssuerKind::CitizenLocal,
            Some(b'8') => IssuerKind::OperatorNational,
            Some(b'9') => IssuerKind::OperatorRegional,
            _ => IssuerKind::Reserved,
        }
    }

    /// Digits 2..4: national issuer, region, or first half of a local issuer, by diffusion level.
    pub fn issuer_code(&self) -> &str {
        self.serial.get(1..4).unwrap_or("")
    }

    /// The issuing region, for regional cards (diffusion level 6 or 9).
    pub fn region(&self) -> Option<Region> {
        match self.issuer_kind() {
            IssuerKind::CitizenRegional | IssuerKind::OperatorRegional => region_by_code(self.issuer_code()),
            _ => None,
        }
    }

    /// The 20-digit TEAM/EHIC number printed on the back: "8038000" + characters 2..13 + Luhn
    /// [SN §6], [francescm].
    pub fn team_number(&self) -> String {
        let mut team = String::with_capacity(20);
        team.push_str("8038000");
        team.push_str(self.serial.get(1..13).unwrap_or(""));
        if let Some(cd) = luhn_check_digit(team.as_bytes()) {
            team.push(char::from(b'0' + cd));
        }
        team
    }

    /// "6030 1234 5678 9008", as printed on cards.
    pub fn formatted(&self) -> String {
        group_by_4(&self.serial)
    }
}

impl fmt::Display for CardId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.formatted())
    }
}

fn group_by_4(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 4);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && i % 4 == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// The Luhn digit (0..=9) to append to `digits` (ASCII); `None` if any byte is not a digit.
pub fn luhn_check_digit(digits: &[u8]) -> Option<u8> {
    // The rightmost payload digit is the first one doubled, since the check digit goes after it.
    let sum = luhn_sum(digits, true)?;
    Some(((10 - sum % 10) % 10) as u8)
}

/// True when the last ASCII digit of `digits` is the Luhn check digit of the others.
pub fn luhn_valid(digits: &[u8]) -> bool {
    !digits.is_empty() && luhn_sum(digits, false).is_some_and(|s| s % 10 == 0)
}

fn luhn_sum(digits: &[u8], double_first: bool) -> Option<u32> {
    digits.iter().rev().enumerate().try_fold(0u32, |acc, (i, &b)| {
        if !b.is_ascii_digit() {
            return None;
        }
        let d = u32::from(b - b'0');
        let doubled = (i % 2 == 0) == double_first;
        Some(acc + if doubled { if d * 2 > 9 { d * 2 - 9 } else { d * 2 } } else { d })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const EXAMPLE: &[u8] = b"6030123456789008";

    #[test]
    fn parses_the_fictitious_example() {
        let id = parse(EXAMPLE).unwrap();
        assert_eq!(id.as_str(), "6030123456789008");
        assert_eq!(id.issuer_kind(), IssuerKind::CitizenRegional);
        assert_eq!(id.issuer_code(), "030");
        assert_eq!(id.region(), Some(Region { code: "030", name: "Lombardia" }));
        assert_eq!(id.formatted(), "6030 1234 5678 9008");
        assert_eq!(id.to_string(), "6030 1234 5678 9008");
    }

    #[test]
    fn team_number_of_the_example() {
        let id = parse(EXAMPLE).unwrap();
        let team = id.team_number();
        assert_eq!(team, "80380000301234567890");
        assert_eq!(team.len(), 20);
        assert!(luhn_valid(team.as_bytes()));
    }

    #[test]
    fn luhn_vectors() {
        assert_eq!(luhn_check_digit(b"603012345678900"), Some(8));
        assert_eq!(luhn_check_digit(b"7992739871"), Some(3)); // the classic Wikipedia example
        assert_eq!(luhn_check_digit(b"8038000030123456789"), Some(0));
        assert_eq!(luhn_check_digit(b""), Some(0));
        assert_eq!(luhn_check_digit(b"12a"), None);
        assert!(luhn_valid(b"79927398713"));
        assert!(!luhn_valid(b"79927398710"));
        assert!(!luhn_valid(b""));
    }

    #[test]
    fn rejects_anything_but_16_valid_digits() {
        assert_eq!(parse(b"603012345678900"), Err(IdCartaError::WrongLength(15)));
        assert_eq!(parse(b"60301234567890080"), Err(IdCartaError::WrongLength(17)));
        assert_eq!(parse(b"6030123456789008\0"), Err(IdCartaError::WrongLength(17)));
        assert_eq!(parse(b"6030 23456789008"), Err(IdCartaError::NotDigit { position: 4 }));
        assert_eq!(parse(b"6030123456789007"), Err(IdCartaError::BadCheckDigit { expected: 8, found: 7 }));
        assert_eq!(parse(&[0u8; 16]), Err(IdCartaError::NotDigit { position: 0 }));
    }

    #[test]
    fn issuer_kinds_and_regions() {
        let with_first = |prefix: &str| {
            let body = format!("{prefix}{}", &"603012345678900"[prefix.len()..]);
            let cd = luhn_check_digit(body.as_bytes()).unwrap();
            parse(format!("{body}{cd}").as_bytes()).unwrap()
        };
        assert_eq!(with_first("0").issuer_kind(), IssuerKind::Reserved);
        assert_eq!(with_first("3").issuer_kind(), IssuerKind::TrialCard);
        assert_eq!(with_first("5").issuer_kind(), IssuerKind::CitizenNational);
        assert_eq!(with_first("5").region(), None);
        assert_eq!(with_first("7").issuer_kind(), IssuerKind::CitizenLocal);
        assert_eq!(with_first("8").issuer_kind(), IssuerKind::OperatorNational);
        assert_eq!(with_first("9090").issuer_kind(), IssuerKind::OperatorRegional);
        assert_eq!(with_first("9090").region().map(|r| r.name), Some("Toscana"));
        assert_eq!(with_first("6041").region().map(|r| r.name), Some("Provincia autonoma di Bolzano"));
        assert_eq!(with_first("6042").region().map(|r| r.name), Some("Provincia autonoma di Trento"));
        assert_eq!(with_first("6200").region().map(|r| r.name), Some("Sardegna"));
        assert_eq!(with_first("6999").region(), None);
        assert_eq!(REGIONS.len(), 21);
    }

    proptest! {
        #[test]
        fn never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..24)) {
            if let Ok(id) = parse(&bytes) {
                let _ = (id.team_number(), id.region(), id.formatted());
            }
        }

        #[test]
        fn any_digit_string_with_its_luhn_digit_parses(body in "[0-9]{15}") {
            let cd = luhn_check_digit(body.as_bytes()).unwrap();
            let id = parse(format!("{body}{cd}").as_bytes()).unwrap();
            prop_assert!(luhn_valid(id.team_number().as_bytes()));
            prop_assert_eq!(id.team_number().len(), 20);
        }
    }
}
