//! Behaviour knobs that differ between real TS-CNS card families, and named presets.
//!
//! The presets reproduce what the sources say about each family (cns-facts §3.4, §1.5); the ATRs
//! are real ones from the public ATR list, so ATR-based recognition sees a plausible card.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// What READ BINARY answers when Le asks for more bytes than are left in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EofStyle {
    /// The remaining bytes and `62 82` ("end of file reached before Le bytes").
    #[default]
    Sw6282,
    /// No data and `6C xx`, xx = bytes left: the client must re-send with that Le.
    Sw6Cxx,
}

/// The quirk knobs. `Quirks::default()` is a well-behaved ISO card ([`QuirkMode::Standard`]).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Quirks {
    /// PIN commands need P2 = 0x90 / 0x91 (PIN / PUK, "backtracking" bit set), as OpenSC does for
    /// STIncard masks; P2 0x10 / 0x11 then answer `6A 88`.
    pub pin_p2_backtracking: bool,
    /// A wrong PIN/PUK answers `63 00` (no tries count), the only 63xx in the CNS spec's Annex B.
    pub wrong_pin_without_count: bool,
    /// An empty VERIFY (`00 20 00 10`) is counted as a failed attempt, as OpenSC warns some cards
    /// do (CardOS before 5).
    pub empty_verify_counts_as_failure: bool,
    /// Every response with data comes as `61 xx`, to be fetched with `00 C0 00 00 xx` (T=0 style).
    pub get_response: bool,
    /// Answer of READ BINARY past the end of file.
    pub eof: EofStyle,
    /// READ BINARY with Le = 00 on a file longer than 256 bytes answers `67 00` (older cards the
    /// CNS spec §13.4 warns about).
    pub le00_long_file_6700: bool,
    /// The card disappears after this many APDUs since insertion; the transport then reports
    /// `CardRemoved`. Applied by [`crate::SimHandle`], not by [`crate::SimCard::process`].
    pub remove_after_commands: Option<u32>,
    /// The CNS files also answer to SELECT by this AID (newer Java-card CNS applets). Without it,
    /// SELECT by AID answers `6A 82` like a classic card.
    #[serde(with = "hex_opt", skip_serializing_if = "Option::is_none")]
    pub applet_aid: Option<Vec<u8>>,
    /// The CNS files exist only inside the applet of `applet_aid`, as on the Java Card TS-CNS:
    /// nothing is selected at reset (the card manager answers 6A82 to SELECT and 6D00 to the
    /// rest), files are reached only by path from the application DF (SELECT P1 = 09), and
    /// selecting the application again clears the verified PIN (deselect).
    pub applet_only: bool,
    /// SELECT by path from the MF (P1 = 08) answers 6A86, so a client must fall back to
    /// one-step SELECTs. Not a preset: no source names a card family that does it.
    pub no_path_select: bool,
    /// GET DATA `00 CA 01 80` answers "JSign4", as the ST2022 applet does.
    pub jsign4_get_data: bool,
    /// With [`QuirkMode::Applet2025`]: the application holds the classic file names (EF.ID_Carta
    /// 1000/1003, 1100/1101, 1100/1102, 1000/1002) instead of D003 and DA01/C001. The trace of
    /// issue #3804 neither shows nor excludes them, so the client's fall-backs are exercised
    /// here. Not a preset; set it with [`crate::SimCard::set_quirks`] or in a state file.
    pub applet_classic_names: bool,
    /// Answer like a broken or malicious card (see [`crate::hostile`]). Not a preset.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hostile: Option<Hostility>,
}

/// Named card families, each a set of [`Quirks`] and a real ATR.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuirkMode {
    /// Athena (Atmel chip, mask 0x0C) TS-CNS, as issued in Tuscany and Lombardy: ISO behaviour,
    /// `63 Cx` on wrong PIN, empty VERIFY answers the tries left, `62 82` at end of file.
    #[default]
    Standard,
    /// STIncard (ST chip, mask 0x09) TS-CNS v1.1: PIN commands only accept P2 = 0x90 / 0x91.
    StIncard,
    /// Siemens CardOS M4 (Infineon chip, mask 0x08), TS-CNS of the Province of Trento: an empty
    /// VERIFY burns a PIN try, which is why clients must never send it to this family.
    Siemens,
    /// IDEMIA/Oberthur (Infineon chip, mask 0x05), Liguria/Veneto: data comes through
    /// `61 xx` + GET RESPONSE and READ BINARY past the end answers `6C xx`.
    Idemia,
    /// An older Siemens CardOS CRS (Lombardy): like [`QuirkMode::Siemens`], and READ BINARY with
    /// Le = 00 on files longer than 256 bytes answers `67 00`.
    Legacy,
    /// A card that answers `63 00` (no count) to a wrong PIN, as the CNS spec's Annex B lists.
    /// The behaviour is hypothetical; the ATR is a real G&D one chosen because no other preset
    /// uses that mask.
    NoCount,
    /// The 2025 TS-CNS (Actalis "ACe 2025", NXP chip, G&D mask) as the public trace of OpenSC
    /// issue #3804 shows it: a classic-looking ATR, but the CNS lives in an applet that is not
    /// selected at reset (SELECT 3F00 → 6A82); inside it, paths by P1 = 09 only, the serial in
    /// EF D003 (BCD), the certificate in DA01/C001, Le = 00 reads and 6B00 past the end; no
    /// EF.ID_Carta, no 1101.
    Applet2025,
    /// ST2022 over NFC (OpenSC PR #3806): a contactless ATR without historical bytes, the JSign4
    /// applet (confirmed by GET DATA 01 80), the classic file names inside it.
    St2022,
    /// The IDEMIA cards OpenSC calls "CNS IDEMIA 2021" (Infineon chip, IDEMIA mask, OS 2000):
    /// the classic tree, but the certificate under 1400/9001/2002 (reverse-engineered paths,
    /// OpenSC commit a4eed9597) and no EF.C_Carta.
    Idemia2021,
}

/// Athena, Atmel IC, OS 0181 (TS-CNS, Lombardy CRS, Tuscany TS-CNS).
pub const ATR_ATHENA: [u8; 24] = [
    0x3B, 0xDF, 0x18, 0x00, 0x81, 0x31, 0xFE, 0x7D, 0x00, 0x6B, 0x15, 0x0C, 0x01, 0x81, 0x01, 0x11, 0x01,
    0x43, 0x4E, 0x53, 0x10, 0x31, 0x80, 0xE8,
];
/// STIncard, ST IC, OS 1617, CNS 1.1 (TS-CNS).
pub const ATR_STINCARD: [u8; 25] = [
    0x3B, 0xFF, 0x18, 0x00, 0xFF, 0x81, 0x31, 0xFE, 0x55, 0x00, 0x6B, 0x02, 0x09, 0x16, 0x17, 0x01, 0x11,
    0x01, 0x43, 0x4E, 0x53, 0x11, 0x31, 0x80, 0x8D,
];
/// Siemens CardOS, Infineon IC, OS C80C (TS-CNS Prov. Trento).
pub const ATR_SIEMENS: [u8; 26] = [
    0x3B, 0xFF, 0x18, 0x00, 0xFF, 0xC1, 0x0A, 0x31, 0xFE, 0x55, 0x00, 0x6B, 0x05, 0x08, 0xC8, 0x0C, 0x01,
    0x11, 0x01, 0x43, 0x4E, 0x53, 0x10, 0x31, 0x80, 0x05,
];
/// IDEMIA, Infineon IC, OS 1017 (Liguria, Veneto TS-CRS).
pub const ATR_IDEMIA: [u8; 25] = [
    0x3B, 0xFF, 0x18, 0x00, 0x00, 0x81, 0x31, 0xFE, 0x45, 0x00, 0x6B, 0x05, 0x05, 0x10, 0x17, 0x01, 0x21,
    0x01, 0x43, 0x4E, 0x53, 0x10, 0x31, 0x80, 0x5E,
];
/// Siemens CardOS, Infineon IC, OS C805 (Lombardy CRS, the File System document's example).
pub const ATR_SIEMENS_LEGACY: [u8; 26] = [
    0x3B, 0xFF, 0x18, 0x00, 0xFF, 0xC1, 0x0A, 0x31, 0xFE, 0x55, 0x00, 0x6B, 0x05, 0x08, 0xC8, 0x05, 0x01,
    0x11, 0x01, 0x43, 0x4E, 0x53, 0x10, 0x31, 0x80, 0x0C,
];
/// G&D, NXP IC, OS B85B (Italian CNS, health care).
pub const ATR_GD: [u8; 25] = [
    0x3B, 0xFF, 0x18, 0x00, 0xFF, 0x81, 0x31, 0xFE, 0x4D, 0x00, 0x6B, 0x04, 0x04, 0xB8, 0x5B, 0x01, 0xF1,
    0x01, 0x43, 0x4E, 0x53, 0x10, 0x31, 0x80, 0x9D,
];

/// IDEMIA, Infineon IC, OS 2000 (health card, Sardegna; OpenSC's "CNS IDEMIA 2021").
pub const ATR_IDEMIA_2021: [u8; 25] = [
    0x3B, 0xFF, 0x18, 0x00, 0x00, 0x81, 0x31, 0xFE, 0x45, 0x00, 0x6B, 0x05, 0x05, 0x20, 0x00, 0x01, 0x21,
    0x01, 0x43, 0x4E, 0x53, 0x10, 0x31, 0x80, 0x79,
];
/// ST2022 over NFC: the reader's synthesised ATR, no historical bytes (PR #3806).
pub const ATR_ST2022_NFC: [u8; 5] = [0x3B, 0x80, 0x80, 0x01, 0x01];

impl QuirkMode {
    /// Every preset, in display order.
    pub fn all() -> &'static [QuirkMode] {
        &[
            QuirkMode::Standard,
            QuirkMode::StIncard,
            QuirkMode::Siemens,
            QuirkMode::Idemia,
            QuirkMode::Legacy,
            QuirkMode::NoCount,
            QuirkMode::Idemia2021,
            QuirkMode::Applet2025,
            QuirkMode::St2022,
        ]
    }

    /// The lowercase name used on the command line and in state files.
    pub fn name(self) -> &'static str {
        match self {
            QuirkMode::Standard => "standard",
            QuirkMode::StIncard => "stincard",
            QuirkMode::Siemens => "siemens",
            QuirkMode::Idemia => "idemia",
            QuirkMode::Legacy => "legacy",
            QuirkMode::NoCount => "nocount",
            QuirkMode::Applet2025 => "applet2025",
            QuirkMode::St2022 => "st2022",
            QuirkMode::Idemia2021 => "idemia2021",
        }
    }

    /// One line for help texts.
    pub fn description(self) -> &'static str {
        match self {
            QuirkMode::Standard => "Athena TS-CNS: ISO behaviour, 63Cx, 6282 at end of file",
            QuirkMode::StIncard => "STIncard TS-CNS: PIN commands need P2 = 0x90",
            QuirkMode::Siemens => "Siemens CardOS M4: an empty VERIFY costs a PIN try",
            QuirkMode::Idemia => "IDEMIA: 61xx + GET RESPONSE, 6Cxx at end of file",
            QuirkMode::Legacy => "old Siemens CRS: like siemens, and 6700 to Le=00 on long files",
            QuirkMode::NoCount => "wrong PIN answers 6300, tries left never reported",
            QuirkMode::Applet2025 => "2025 TS-CNS: CNS applet only, D003 serial, DA01/C001 certificate",
            QuirkMode::St2022 => "ST2022 over NFC: JSign4 applet, no historical bytes",
            QuirkMode::Idemia2021 => "IDEMIA 2021: certificate under 1400/9001/2002, no 1101",
        }
    }

    /// The knobs of this preset.
    pub fn quirks(self) -> Quirks {
        let base = Quirks::default();
        match self {
            QuirkMode::Standard => base,
            QuirkMode::StIncard => Quirks { pin_p2_backtracking: true, ..base },
            QuirkMode::Siemens => Quirks { empty_verify_counts_as_failure: true, ..base },
            QuirkMode::Idemia => Quirks { get_response: true, eof: EofStyle::Sw6Cxx, ..base },
            QuirkMode::Legacy => {
                Quirks { empty_verify_counts_as_failure: true, le00_long_file_6700: true, ..base }
            }
            QuirkMode::NoCount => Quirks { wrong_pin_without_count: true, ..base },
            QuirkMode::Applet2025 => Quirks {
                applet_aid: Some(cns_core::profile::AID_ACTALIS_2025.to_vec()),
                applet_only: true,
                ..base
            },
            QuirkMode::Idemia2021 => base,
            QuirkMode::St2022 => Quirks {
                applet_aid: Some(cns_core::profile::AID_ST2022.to_vec()),
                applet_only: true,
                jsign4_get_data: true,
                ..base
            },
        }
    }

    /// The preset's real ATR.
    pub fn atr(self) -> &'static [u8] {
        match self {
            QuirkMode::Standard => &ATR_ATHENA,
            QuirkMode::StIncard => &ATR_STINCARD,
            QuirkMode::Siemens => &ATR_SIEMENS,
            QuirkMode::Idemia => &ATR_IDEMIA,
            QuirkMode::Legacy => &ATR_SIEMENS_LEGACY,
            QuirkMode::NoCount | QuirkMode::Applet2025 => &ATR_GD,
            QuirkMode::St2022 => &ATR_ST2022_NFC,
            QuirkMode::Idemia2021 => &ATR_IDEMIA_2021,
        }
    }
}

impl fmt::Display for QuirkMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The name is not one of [`QuirkMode::all`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown card mode {0:?} (expected one of: standard, stincard, siemens, idemia, legacy, nocount, idemia2021, applet2025, st2022)"
)]
pub struct UnknownMode(pub String);

impl FromStr for QuirkMode {
    type Err = UnknownMode;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase();
        QuirkMode::all()
            .iter()
            .copied()
            .find(|m| m.name() == wanted)
            .ok_or_else(|| UnknownMode(s.to_string()))
    }
}

/// An optional byte string written as hex in state files, e.g. `"A000000530000B104001021A"`.
mod hex_opt {
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    pub fn serialize<S: Serializer>(v: &Option<Vec<u8>>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(bytes) => s.serialize_str(&bytes.iter().map(|b| format!("{b:02X}")).collect::<String>()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<u8>>, D::Error> {
        let Some(text) = Option::<String>::deserialize(d)? else {
            return Ok(None);
        };
        let digits: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
        if !digits.len().is_multiple_of(2) {
            return Err(D::Error::custom("odd number of hex digits"));
        }
        digits
            .chunks(2)
            .map(|pair| {
                std::str::from_utf8(pair)
                    .ok()
                    .and_then(|p| u8::from_str_radix(p, 16).ok())
                    .ok_or_else(|| D::Error::custom("not a hex string"))
            })
            .collect::<Result<Vec<u8>, _>>()
            .map(Some)
    }
}

/// One way of answering like a broken or malicious card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Hostility {
    /// Every SELECT answers an FCI that lies: a file size of 4 GiB (tags 80 and 81), followed by
    /// bytes outside any template; even SELECTs that asked for no FCI get one.
    FciLies,
    /// READ BINARY answers the bytes asked for and 4 KiB more.
    ReadOverflow,
    /// Every answer is `61 01`, and so is every GET RESPONSE after its one byte: a chain that
    /// never ends.
    Endless61,
    /// Every command answers `6C xx`, and the re-sent one another `6C xx`: a Le that is never
    /// right.
    Endless6C,
    /// EF.Dati_personali, EF.Dati_processore and the certificate hold random bytes (EF.ID_Carta
    /// is intact, so the card is recognised).
    RandomFiles,
    /// EF.Dati_personali fields whose lengths run past the file, and a certificate whose DER
    /// header claims 4 GiB.
    HugeLengths,
    /// Every command answers a status word that ISO 7816-4 does not define.
    OddStatus,
    /// An ATR of 40 bytes: 16 bytes more than ISO 7816-3's 33 allow after the real one.
    LongAtr,
}

impl Hostility {
    pub fn all() -> &'static [Hostility] {
        &[
            Hostility::FciLies,
            Hostility::ReadOverflow,
            Hostility::Endless61,
            Hostility::Endless6C,
            Hostility::RandomFiles,
            Hostility::HugeLengths,
            Hostility::OddStatus,
            Hostility::LongAtr,
        ]
    }

    pub fn name(self) -> &'static str {
        match self {
            Hostility::FciLies => "fci-lies",
            Hostility::ReadOverflow => "read-overflow",
            Hostility::Endless61 => "endless-61",
            Hostility::Endless6C => "endless-6c",
            Hostility::RandomFiles => "random-files",
            Hostility::HugeLengths => "huge-lengths",
            Hostility::OddStatus => "odd-status",
            Hostility::LongAtr => "long-atr",
        }
    }
}

impl fmt::Display for Hostility {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The name is not one of [`Hostility::all`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown hostile mode {0:?} (expected one of: fci-lies, read-overflow, endless-61, endless-6c, \
     random-files, huge-lengths, odd-status, long-atr)"
)]
pub struct UnknownHostility(pub String);

impl FromStr for Hostility {
    type Err = UnknownHostility;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase();
        Hostility::all()
            .iter()
            .copied()
            .find(|h| h.name() == wanted)
            .ok_or_else(|| UnknownHostility(s.to_string()))
    }
}
