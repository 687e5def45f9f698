//! The fictitious card holders and the EF.Dati_personali encoder (cns-facts §2.1).
//!
//! The encoder is written from the guidelines (CNIPA "Linee guida", Appendix 3), independently of
//! cns-core's parser, so that each checks the other.

use base64::Engine as _;
use serde::{Deserialize, Serialize};
use sha1::{Digest, Sha1};
use std::fmt;
use std::str::FromStr;

/// EF.Dati_personali is always 400 bytes; the unused tail is 00.
pub const PERSONAL_DATA_SIZE: usize = 400;
/// "000068": six ASCII hex digits of the used length, header included.
const HEADER_LEN: usize = 6;

/// A card holder: the 16 fields of EF.Dati_personali, in file order, plus the card serial
/// (EF.ID_Carta). Dates are DDMMYYYY; comuni are cadastral (Belfiore) codes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    /// 1. Issuer code, the first 4 digits of the card serial (e.g. "6090" Tuscany).
    pub issuer: String,
    /// 2. Card issue date.
    pub issue_date: String,
    /// 3. Card expiry date.
    pub expiry_date: String,
    /// 4.
    pub surname: String,
    /// 5.
    pub given_name: String,
    /// 6.
    pub birth_date: String,
    /// 7. "M" or "F".
    pub sex: String,
    /// 8. Height in cm: empty on a CNS.
    pub height: String,
    /// 9.
    pub codice_fiscale: String,
    /// 10. Citizenship code: empty on a CNS.
    pub citizenship: String,
    /// 11.
    pub birth_comune: String,
    /// 12. Foreign state of birth: empty on a CNS.
    pub birth_foreign_state: String,
    /// 13. Birth certificate reference: empty on a CNS.
    pub birth_act: String,
    /// 14. Comune of residence at issuance.
    pub residence_comune: String,
    /// 15. Address, often empty.
    pub address: String,
    /// 16. Expatriation note: always empty.
    pub expat_note: String,
    /// EF.ID_Carta: 16 ASCII digits, Luhn-valid.
    pub card_serial: String,
}

/// A field does not fit the "2 hex digits length" encoding or the 400-byte file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EncodeError {
    #[error("field {index} is {len} bytes long (at most 255)")]
    FieldTooLong { index: usize, len: usize },
    #[error("personal data need {0} bytes, the file has 400")]
    TooLong(usize),
    #[error("field {0} is not ASCII")]
    NotAscii(usize),
}

impl Holder {
    /// The default fictitious holder: BIANCHI GIULIA, born in Firenze on 12/05/1990, card issued
    /// in Tuscany on 01/03/2025, valid until 01/03/2031 (empty optional fields and address, like
    /// a real 2025 Tuscan card).
    pub fn bianchi_giulia() -> Holder {
        Holder {
            issuer: "6090".into(),
            issue_date: "01032025".into(),
            expiry_date: "01032031".into(),
            surname: "BIANCHI".into(),
            given_name: "GIULIA".into(),
            birth_date: "12051990".into(),
            sex: "F".into(),
            height: String::new(),
            codice_fiscale: "BNCGLI90E52D612W".into(),
            citizenship: String::new(),
            birth_comune: "D612".into(),
            birth_foreign_state: String::new(),
            birth_act: String::new(),
            residence_comune: "D612".into(),
            address: String::new(),
            expat_note: String::new(),
            card_serial: "6090104237815004".into(),
        }
    }

    /// The worked example of cns-facts §2.2, byte for byte: ROSSI MARIO, Lombardy card issued
    /// 01/02/2020 and expired 01/02/2026, with an address.
    pub fn rossi_mario() -> Holder {
        Holder {
            issuer: "6030".into(),
            issue_date: "01022020".into(),
            expiry_date: "01022026".into(),
            surname: "ROSSI".into(),
            given_name: "MARIO".into(),
            birth_date: "01011980".into(),
            sex: "M".into(),
            height: String::new(),
            codice_fiscale: "RSSMRA80A01F205X".into(),
            citizenship: String::new(),
            birth_comune: "F205".into(),
            birth_foreign_state: String::new(),
            birth_act: String::new(),
            residence_comune: "F205".into(),
            address: "VIA ROMA 1".into(),
            expat_note: String::new(),
            card_serial: "6030123456789008".into(),
        }
    }

    /// The 16 fields in file order.
    pub fn fields(&self) -> [&str; 16] {
        [
            &self.issuer,
            &self.issue_date,
            &self.expiry_date,
            &self.surname,
            &self.given_name,
            &self.birth_date,
            &self.sex,
            &self.height,
            &self.codice_fiscale,
            &self.citizenship,
            &self.birth_comune,
            &self.birth_foreign_state,
            &self.birth_act,
            &self.residence_comune,
            &self.address,
            &self.expat_note,
        ]
    }

    /// The used bytes of EF.Dati_personali: header (used length incl. the header, 6 hex digits)
    /// then each field as 2 hex digits of length and the value.
    pub fn personal_data_used(&self) -> Result<Vec<u8>, EncodeError> {
        let mut body = Vec::new();
        for (i, field) in self.fields().iter().enumerate() {
            if !field.is_ascii() {
                return Err(EncodeError::NotAscii(i + 1));
            }
            if field.len() > 0xFF {
                return Err(EncodeError::FieldTooLong { index: i + 1, len: field.len() });
            }
            body.extend_from_slice(format!("{:02X}", field.len()).as_bytes());
            body.extend_from_slice(field.as_bytes());
        }
        let used = HEADER_LEN + body.len();
        if used > PERSONAL_DATA_SIZE {
            return Err(EncodeError::TooLong(used));
        }
        let mut out = format!("{used:06X}").into_bytes();
        out.append(&mut body);
        Ok(out)
    }

    /// The whole 400-byte EF.Dati_personali.
    pub fn encode_personal_data(&self) -> Result<Vec<u8>, EncodeError> {
        let mut file = self.personal_data_used()?;
        file.resize(PERSONAL_DATA_SIZE, 0);
        Ok(file)
    }

    /// Base64(SHA-1(used bytes incl. header)): the part of the certificate CN after the ".".
    pub fn cn_hash(&self) -> Result<String, EncodeError> {
        let digest = Sha1::digest(self.personal_data_used()?);
        Ok(base64::engine::general_purpose::STANDARD.encode(digest))
    }

    /// The certificate subject CN the CNS profile requires for this holder.
    pub fn expected_cn(&self) -> Result<String, EncodeError> {
        Ok(format!("{}/{}.{}", self.codice_fiscale, self.card_serial, self.cn_hash()?))
    }

    /// The 20-digit TEAM/EHIC number (also the Netlink ICCSN): "8038000", characters 2..13 of the
    /// card serial, Luhn digit.
    pub fn team_number(&self) -> Option<String> {
        let middle = self.card_serial.get(1..13)?;
        let first19 = format!("8038000{middle}");
        let check = luhn_digit(&first19)?;
        Some(format!("{first19}{check}"))
    }
}

impl Default for Holder {
    fn default() -> Self {
        Holder::bianchi_giulia()
    }
}

/// The built-in holders; each has its own certificate fixture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum HolderPreset {
    #[default]
    BianchiGiulia,
    RossiMario,
}

impl HolderPreset {
    pub fn all() -> &'static [HolderPreset] {
        &[HolderPreset::BianchiGiulia, HolderPreset::RossiMario]
    }

    pub fn name(self) -> &'static str {
        match self {
            HolderPreset::BianchiGiulia => "bianchi-giulia",
            HolderPreset::RossiMario => "rossi-mario",
        }
    }

    pub fn holder(self) -> Holder {
        match self {
            HolderPreset::BianchiGiulia => Holder::bianchi_giulia(),
            HolderPreset::RossiMario => Holder::rossi_mario(),
        }
    }
}

impl fmt::Display for HolderPreset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The name is not one of [`HolderPreset::all`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown holder {0:?} (expected bianchi-giulia or rossi-mario)")]
pub struct UnknownHolder(pub String);

impl FromStr for HolderPreset {
    type Err = UnknownHolder;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase();
        HolderPreset::all()
            .iter()
            .copied()
            .find(|h| h.name() == wanted)
            .ok_or_else(|| UnknownHolder(s.to_string()))
    }
}

/// The Luhn check digit for a string of ASCII digits (None if anything else is in it).
pub fn luhn_digit(digits: &str) -> Option<u8> {
    let mut sum = 0u32;
    for (i, c) in digits.bytes().rev().enumerate() {
        if !c.is_ascii_digit() {
            return None;
        }
        let mut d = u32::from(c - b'0');
        // The rightmost digit of the payload is doubled, since the check digit will follow it.
        if i % 2 == 0 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    // Always < 10.
    Some(((10 - sum % 10) % 10) as u8)
}

/// The check character of a codice fiscale, from its first 15 characters (official algorithm:
/// odd positions through the "dispari" table, even positions by value, sum mod 26).
pub fn codice_fiscale_check(first15: &str) -> Option<char> {
    const ODD: [u32; 26] =
        [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
    if first15.len() != 15 {
        return None;
    }
    let mut sum = 0u32;
    for (i, c) in first15.bytes().enumerate() {
        // Digits map onto the letter with the same index (0 → A) in both tables.
        let index = match c {
            b'0'..=b'9' => usize::from(c - b'0'),
            b'A'..=b'Z' => usize::from(c - b'A'),
            _ => return None,
        };
        // Positions count from 1: index 0 is an odd position.
        sum += if i % 2 == 0 { *ODD.get(index)? } else { index as u32 };
    }
    char::from_u32(u32::from(b'A') + sum % 26)
}
