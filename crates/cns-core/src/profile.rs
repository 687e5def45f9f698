//! Card recognition from the ATR, and the per-model quirks kept as data.
//!
//! The ATR is only a hint: the CNS marker also appears on foreign cards and contactless ATRs carry
//! none, so a card is confirmed elsewhere by reading EF.ID_Carta. What this module decides is
//! which [`CardProfile`] to start from. The quirks (PIN reference, whether an empty VERIFY is safe,
//! paths, AIDs) live in [`PROFILE_RULES`] so that hardware evidence changes one row, not code.

use std::fmt;

/// ISO 7816-3 ATR structure, as far as the card manager needs it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AtrInfo {
    pub historical: Vec<u8>,
    /// Protocols named by the TD bytes in order (duplicates kept); `[0]` when there is no TD1.
    pub protocols: Vec<u8>,
    /// The 15 CNS-style historical bytes, when H1 = 00 and H2 = 6B.
    pub cns: Option<CnsHistorical>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AtrError {
    #[error("empty ATR")]
    Empty,
    #[error("TS byte {0:#04X} is neither 3B nor 3F")]
    InvalidTs(u8),
    #[error("ATR truncated: {needed} bytes needed, {len} present")]
    Truncated { needed: usize, len: usize },
    #[error("TCK check failed: XOR of T0..TCK is {0:#04X}, expected 00")]
    BadTck(u8),
    #[error("{0} unexpected bytes after the end of the ATR")]
    TrailingBytes(usize),
    #[error("ATR of {0} bytes: ISO 7816-3 allows at most {MAX_ATR_LEN}")]
    TooLong(usize),
}

/// The longest ATR ISO 7816-3 allows: TS and at most 32 bytes after it.
pub const MAX_ATR_LEN: usize = 33;

/// Parses the ATR structure and checks TCK.
pub fn parse_atr(atr: &[u8]) -> Result<AtrInfo, AtrError> {
    if atr.len() > MAX_ATR_LEN {
        return Err(AtrError::TooLong(atr.len()));
    }
    let ts = *atr.first().ok_or(AtrError::Empty)?;
    if ts != 0x3B && ts != 0x3F {
        return Err(AtrError::InvalidTs(ts));
    }
    let truncated = |needed: usize| AtrError::Truncated { needed, len: atr.len() };
    let t0 = *atr.get(1).ok_or(truncated(2))?;
    let k = usize::from(t0 & 0x0F);
    let mut y = t0 >> 4;
    let mut pos = 2;
    let mut protocols = Vec::new();
    // Each TD announces the next group; the chain ends when a group has no TD.
    loop {
        let present = (y & 0x07).count_ones() as usize;
        pos += present;
        if y & 0x08 == 0 {
            break;
        }
        let td = *atr.get(pos).ok_or(truncated(pos + 1))?;
        protocols.push(td & 0x0F);
        y = td >> 4;
        pos += 1;
    }
    let historical = atr.get(pos..pos + k).ok_or(truncated(pos + k))?.to_vec();
    pos += k;
    // ISO 7816-3: TCK is absent only when T=0 alone is indicated.
    if protocols.iter().any(|&t| t != 0) {
        atr.get(pos).ok_or(truncated(pos + 1))?;
        let xor = atr.get(1..=pos).unwrap_or_default().iter().fold(0u8, |acc, b| acc ^ b);
        if xor != 0 {
            return Err(AtrError::BadTck(xor));
        }
        pos += 1;
    }
    if atr.len() > pos {
        return Err(AtrError::TrailingBytes(atr.len() - pos));
    }
    if protocols.is_empty() {
        protocols.push(0);
    }
    let cns = CnsHistorical::decode(&historical);
    Ok(AtrInfo { historical, protocols, cns })
}

/// The CNS historical bytes H1..H15 [SPEC §8].
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct CnsHistorical {
    /// H3, ISO 7816-6 IC manufacturer.
    pub ic_manufacturer: u8,
    /// H4, mask (operating system) manufacturer from the CNS table.
    pub mask_manufacturer: u8,
    /// H5 H6.
    pub os_version: u16,
    /// H7, 01 for the CNS layout.
    pub atr_coding: u8,
    /// H8, Netlink card type (high nibble = master-key level).
    pub netlink_type: u8,
    /// H9, 01 = certified.
    pub certification: u8,
    /// H10..H12, "CNS" on a CNS; "HPC", "CIE", "DSD" on relatives.
    pub app_marker: [u8; 3],
    /// H13, 0x10 = 1.0, 0x11 = 1.1.
    pub app_version: u8,
    /// H14 H15.
    pub capabilities: [u8; 2],
}

impl CnsHistorical {
    pub const LEN: usize = 15;

    /// Decodes 15 historical bytes that start with 00 6B; anything else is not CNS-shaped.
    pub fn decode(h: &[u8]) -> Option<CnsHistorical> {
        let h: &[u8; Self::LEN] = h.try_into().ok()?;
        if h[0] != 0x00 || h[1] != 0x6B {
            return None;
        }
        Some(CnsHistorical {
            ic_manufacturer: h[2],
            mask_manufacturer: h[3],
            os_version: u16::from_be_bytes([h[4], h[5]]),
            atr_coding: h[6],
            netlink_type: h[7],
            certification: h[8],
            app_marker: [h[9], h[10], h[11]],
            app_version: h[12],
            capabilities: [h[13], h[14]],
        })
    }

    pub fn has_cns_marker(&self) -> bool {
        &self.app_marker == b"CNS"
    }

    pub fn os_major(&self) -> u8 {
        self.os_version.to_be_bytes()[0]
    }

    pub fn ic_manufacturer_name(&self) -> Option<&'static str> {
        ic_manufacturer_name(self.ic_manufacturer)
    }

    pub fn mask_manufacturer_name(&self) -> Option<&'static str> {
        mask_manufacturer_name(self.mask_manufacturer)
    }

    /// The marker as text when it is printable ASCII.
    pub fn app_marker_str(&self) -> Option<&str> {
        let s = std::str::from_utf8(&self.app_marker).ok()?;
        s.bytes().all(|b| b.is_ascii_graphic() || b == b' ').then_some(s)
    }

    /// "1.0" for 0x10: the byte is read as two BCD-like nibbles.
    pub fn app_version_str(&self) -> String {
        format!("{:X}.{:X}", self.app_version >> 4, self.app_version & 0x0F)
    }
}

/// ISO/IEC 7816-6 IC manufacturer registry, the codes seen on Italian cards and their neighbours.
pub fn ic_manufacturer_name(code: u8) -> Option<&'static str> {
    Some(match code {
        0x01 => "Motorola",
        0x02 => "STMicroelectronics",
        0x03 => "Hitachi",
        0x04 => "NXP (Philips)",
        0x05 => "Infineon (Siemens)",
        0x06 => "Cylink",
        0x07 => "Texas Instruments",
        0x08 => "Fujitsu",
        0x09 => "Matsushita",
        0x0A => "NEC",
        0x0B => "Oki",
        0x0C => "Toshiba",
        0x0D => "Mitsubishi",
        0x0E => "Samsung",
        0x0F => "Hynix",
        0x10 => "LG",
        0x11 => "Emosyn-EM",
        0x12 => "Inside Technology",
        0x13 => "ORGA",
        0x14 => "Sharp",
        0x15 => "Atmel",
        0x16 => "EM Microelectronic-Marin",
        _ => return None,
    })
}

/// The CNS mask-manufacturer table. The specification lists it in decimal, so GEP (10) .. Gemalto
/// (13) are the bytes 0A..0D — Athena cards really carry 0C.
pub fn mask_manufacturer_name(code: u8) -> Option<&'static str> {
    Some(match code {
        0x01 => "Kaitech",
        0x02 => "Gemplus",
        0x03 => "Ghirlanda",
        0x04 => "Giesecke & Devrient",
        0x05 => "Oberthur (IDEMIA)",
        0x06 => "Orga",
        0x07 => "Axalto",
        0x08 => "Siemens",
        0x09 => "STIncard",
        0x0A => "GEP",
        0x0B => "EPS Corp",
        0x0C => "Athena",
        0x0D => "Gemalto",
        _ => return None,
    })
}

/// Which row of the table a card matched; stable for code that must branch on the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum ProfileKind {
    StIncard,
    Siemens,
    Athena,
    Idemia,
    Idemia2021,
    Gemalto,
    GieseckeDevrient,
    Unknown,
}

/// How a card family is asked for a file of the classic tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PathSelect {
    /// One SELECT with the whole path from the MF (P1 = 08). A card that refuses it (6A86, 6A81,
    /// 6B00) falls back to [`PathSelect::StepByStep`] for the rest of the session; a refusal
    /// alone never sends the client looking for applets (only an absent MF or tree does).
    Absolute,
    /// SELECT MF, then each FID (P1 = 00): every TS-CNS accepts it, at one APDU per level (the
    /// MF and the DFs already current are not selected again).
    StepByStep,
}

/// How to talk to one family of cards. Paths are from the MF, without 3F00.
#[derive(Debug, PartialEq, Eq, serde::Serialize)]
pub struct CardProfile {
    pub kind: ProfileKind,
    pub name: &'static str,
    /// P2 of VERIFY / CHANGE / RESET RETRY COUNTER for the user PIN.
    pub pin_ref: u8,
    pub puk_ref: u8,
    /// Whether VERIFY with no data may be sent to read the tries left (project decision 1).
    pub empty_verify_safe: bool,
    /// How files of the classic tree are selected first.
    pub path_select: PathSelect,
    /// Bytes asked per READ BINARY: 255 (what OpenSC uses on every CNS) or 256 (Le = 00).
    pub read_chunk: u16,
    /// Where the authentication certificate is, in the order tried, each with the private key
    /// that goes with it (cns-facts §1.2: the key follows the certificate's key set).
    pub cert_locations: &'static [CertLocation],
    pub id_carta_path: &'static [u16],
    pub personal_data_path: &'static [u16],
    pub processor_path: &'static [u16],
    /// An applet generation issued with this family's very ATR (cns-facts §1.3: the 2025 applet
    /// card carries the classic G&D one). When SELECT by path is refused, this applet is asked
    /// before the MF: an application that an earlier session left selected refuses P1 = 08,
    /// and asking it first keeps a PIN operation on that card within its 6 APDUs.
    pub applet_with_same_atr: Option<&'static AppletLayout>,
}

/// Where the signing key is: the security environment to restore and the key reference for
/// MSE SET (`83 01 <key_ref>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct SigningKey {
    pub security_env: u8,
    pub key_ref: u8,
}

/// The CNS0 authentication key of the classic file system: SE 0x03 restored, key 0x01
/// (cns-facts §1.2 "CNS0", §6; OpenSC's itacns driver: BSO 2001/2101 = key id 01, BSO 0003 =
/// SE 03).
pub const CNS0_SIGNING_KEY: SigningKey = SigningKey { security_env: 0x03, key_ref: 0x01 };

/// The IDEMIA 2021 key set (certificate 1400/9001/2002): key reference 0x02 (cns-facts §1.2,
/// OpenSC's "CNS1 (IDEMIA 2021)" row). OpenSC names that number the key set's "sec_env" (hence
/// "SE 0x02" in §3.4) but passes it as the MSE SET key reference, and its driver restores SE
/// 0x03 before MSE SET on every CNS but CIE v1 (§1.2, §6): so SE 0x03, key 0x02.
pub const IDEMIA_2021_SIGNING_KEY: SigningKey = SigningKey { security_env: 0x03, key_ref: 0x02 };

/// One place a card family keeps its authentication certificate, and the key it certifies.
#[derive(Debug, PartialEq, Eq, serde::Serialize)]
pub struct CertLocation {
    pub path: &'static [u16],
    pub key: SigningKey,
}

pub const AID_ACTALIS_2025: &[u8] = &[0xA0, 0x00, 0x00, 0x05, 0x30, 0x00, 0x0B, 0x10, 0x40, 0x01, 0x02, 0x1A];
pub const AID_ST2022: &[u8] = &[0xA0, 0x00, 0x00, 0x00, 0x95, 0x01, 0x00, 0x4D];
pub const AID_BIT4ID_CNS: &[u8] = &[0xA0, 0x00, 0x00, 0x05, 0x30, 0x00, 0x0B, 0x10, 0x40, 0x01, 0x01, 0x1B];

pub const PATH_ID_CARTA: &[u16] = &[0x1000, 0x1003];
pub const PATH_PERSONAL_DATA: &[u16] = &[0x1100, 0x1102];
pub const PATH_CERT: &[u16] = &[0x1100, 0x1101];
pub const PATH_PROCESSOR: &[u16] = &[0x1000, 0x1002];
pub const PATH_CERT_IDEMIA_2021: &[u16] = &[0x1400, 0x9001, 0x2002];
/// The 2025 applet's serial (8 BCD bytes behind `5A 08`) and certificate (issue #3804 trace).
pub const PATH_SERIAL_BCD_2025: &[u16] = &[0xD003];
pub const PATH_CERT_2025: &[u16] = &[0xDA01, 0xC001];

/// EF.C_Carta with the CNS0 key: every classic card.
pub const CERT_CNS0: CertLocation = CertLocation { path: PATH_CERT, key: CNS0_SIGNING_KEY };
/// The IDEMIA 2021 certificate with its own key (cns-facts §1.2).
pub const CERT_IDEMIA_2021: CertLocation =
    CertLocation { path: PATH_CERT_IDEMIA_2021, key: IDEMIA_2021_SIGNING_KEY };
/// DA01/C001 of the 2025 applet. The public trace shows no signature: the CNS0 key (SE 03, key
/// 01) is the project's choice, by analogy with the classic card, and is UNVERIFIED.
pub const CERT_2025: CertLocation = CertLocation { path: PATH_CERT_2025, key: CNS0_SIGNING_KEY };

const fn classic(kind: ProfileKind, name: &'static str, pin_ref: u8, empty_verify_safe: bool) -> CardProfile {
    CardProfile {
        kind,
        name,
        pin_ref,
        puk_ref: pin_ref + 1,
        empty_verify_safe,
        path_select: PathSelect::Absolute,
        read_chunk: 255,
        cert_locations: &[CERT_CNS0],
        id_carta_path: PATH_ID_CARTA,
        personal_data_path: PATH_PERSONAL_DATA,
        processor_path: PATH_PROCESSOR,
        applet_with_same_atr: None,
    }
}

// STIncard needs the backtracking bit in P2 (0x10 | 0x80) [OSC-card].
pub static STINCARD: CardProfile = classic(ProfileKind::StIncard, "STIncard", 0x90, true);
// CardOS 4 has no ISO PIN-status query; an empty VERIFY might cost a try.
pub static SIEMENS: CardProfile = classic(ProfileKind::Siemens, "Siemens CardOS 4", 0x10, false);
pub static ATHENA: CardProfile = classic(ProfileKind::Athena, "Athena", 0x10, true);
pub static IDEMIA: CardProfile = classic(ProfileKind::Idemia, "Oberthur / IDEMIA", 0x10, true);
pub static IDEMIA_2021: CardProfile = CardProfile {
    // EF.C_Carta first (not excluded on these cards), then the 2021 key set.
    cert_locations: &[CERT_CNS0, CERT_IDEMIA_2021],
    ..classic(ProfileKind::Idemia2021, "IDEMIA 2021", 0x10, true)
};
pub static GEMALTO: CardProfile = classic(ProfileKind::Gemalto, "Gemalto", 0x10, true);
pub static GIESECKE_DEVRIENT: CardProfile = CardProfile {
    applet_with_same_atr: Some(&APPLET_2025),
    ..classic(ProfileKind::GieseckeDevrient, "Giesecke & Devrient", 0x10, true)
};
/// Anything not recognised: spec PIN reference, no empty VERIFY.
pub static UNKNOWN: CardProfile = classic(ProfileKind::Unknown, "unknown", 0x10, false);

/// Which generation of card holds the CNS files: the classic file system, or one of the Java
/// Card applets. The ATR does not tell them apart (cns-facts §1.3), the files do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Generation {
    /// The CNS file system under the MF (CNS File System document).
    Classic,
    /// The 2025 TS-CNS applet (Actalis "ACe 2025", NXP chip, G&D mask): OpenSC issue #3804.
    Applet2025,
    /// ST "ST2022" JSign4 applet (seen over NFC): OpenSC PR #3806.
    St2022,
    /// Bit4id Digital-DNA CNS applet (NXP ChipDoc): OpenSC PR #3751.
    Bit4id,
}

/// Where a card keeps its 16-digit serial.
#[derive(Debug, PartialEq, Eq, serde::Serialize)]
pub enum SerialFile {
    /// EF.ID_Carta: 16 ASCII digits.
    Ascii(&'static [u16]),
    /// 8 BCD bytes, behind a `5A 08` tag when present (EF D003 of the 2025 applet).
    Bcd(&'static [u16]),
}

/// A GET DATA whose answer must contain `expect` to confirm an applet.
#[derive(Debug, PartialEq, Eq, serde::Serialize)]
pub struct AppletCheck {
    pub p1: u8,
    pub p2: u8,
    pub expect: &'static [u8],
}

/// A CNS applet: how it is selected and where its files are, as paths relative to the
/// application DF (SELECT P1 = 09). Candidates are tried in order; the first that exists wins.
#[derive(Debug, PartialEq, Eq, serde::Serialize)]
pub struct AppletLayout {
    pub generation: Generation,
    pub name: &'static str,
    pub aid: &'static [u8],
    pub check: Option<AppletCheck>,
    pub serial: &'static [SerialFile],
    pub personal_data_path: &'static [u16],
    /// Where the certificate is, each with its key (see [`CardProfile::cert_locations`]).
    pub cert_locations: &'static [CertLocation],
    /// `None` where no public trace shows EF.Dati_processore: asking would only cost an APDU.
    pub processor_path: Option<&'static [u16]>,
    /// P2 of the PIN commands. Under an applet they name the application's own objects, so the
    /// application DF must be the current DF when they go out (the client selects it again
    /// when a file below it was selected since).
    pub pin_ref: u8,
    pub puk_ref: u8,
    pub read_chunk: u16,
    /// An ATR that makes this applet the first thing asked, before the classic tree.
    pub atr_hint: AtrHint,
}

/// What in an ATR points at one applet before anything is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum AtrHint {
    /// Nothing: the applet is asked only when the classic tree is absent.
    None,
    /// No historical bytes at all (a contactless reader's synthesised ATR, `3B 80 80 01 01`):
    /// the only CNS seen with it is the ST2022 over NFC (PR #3806). No classic CNS has such an
    /// ATR (they all carry the 15 CNS historical bytes), so asking the applet first saves the
    /// classic probe; the classic tree is still asked if the applet is absent.
    NoHistoricalBytes,
}

/// The 2025 applet as the trace shows it: D003 and DA01/C001 first (seen), the classic names
/// as the fall-back (not seen, not excluded); Le = 00 reads (seen).
pub static APPLET_2025: AppletLayout = AppletLayout {
    generation: Generation::Applet2025,
    name: "TS-CNS 2025 (applet)",
    aid: AID_ACTALIS_2025,
    check: None,
    serial: &[SerialFile::Bcd(PATH_SERIAL_BCD_2025), SerialFile::Ascii(PATH_ID_CARTA)],
    personal_data_path: PATH_PERSONAL_DATA,
    // D003 / DA01/C001 first: seen on the real card, and each missing fall-back costs an APDU,
    // so the order that is right on the traced card is the cheap one.
    cert_locations: &[CERT_2025, CERT_CNS0],
    processor_path: None,
    pin_ref: 0x10,
    puk_ref: 0x11,
    read_chunk: 256,
    atr_hint: AtrHint::None,
};

/// ST2022: the JSign4 applet, confirmed by GET DATA 01 80; the CNS files under it keep the
/// classic names (PR #3806's description).
pub static APPLET_ST2022: AppletLayout = AppletLayout {
    generation: Generation::St2022,
    name: "ST2022 JSign4 (applet)",
    aid: AID_ST2022,
    check: Some(AppletCheck { p1: 0x01, p2: 0x80, expect: b"JSign4" }),
    serial: &[SerialFile::Ascii(PATH_ID_CARTA)],
    personal_data_path: PATH_PERSONAL_DATA,
    // The key: the project's choice (CNS0), UNVERIFIED; PR #3806 shows no signature.
    cert_locations: &[CERT_CNS0],
    processor_path: Some(PATH_PROCESSOR),
    pin_ref: 0x10,
    puk_ref: 0x11,
    read_chunk: 255,
    atr_hint: AtrHint::NoHistoricalBytes,
};

/// Bit4id Digital-DNA: the classic CNS applet with PIN 0x10 / PUK 0x11 (PR #3751).
pub static APPLET_BIT4ID: AppletLayout = AppletLayout {
    generation: Generation::Bit4id,
    name: "Bit4id CNS (applet)",
    aid: AID_BIT4ID_CNS,
    check: None,
    serial: &[SerialFile::Ascii(PATH_ID_CARTA)],
    personal_data_path: PATH_PERSONAL_DATA,
    // The key: the project's choice (CNS0), UNVERIFIED.
    cert_locations: &[CERT_CNS0],
    processor_path: Some(PATH_PROCESSOR),
    pin_ref: 0x10,
    puk_ref: 0x11,
    read_chunk: 255,
    atr_hint: AtrHint::None,
};

/// Tried in this order when the classic tree is absent, whatever the ATR said.
pub static APPLETS: &[&AppletLayout] = &[&APPLET_2025, &APPLET_ST2022, &APPLET_BIT4ID];

/// The applet an ATR points at (see [`AtrHint`]), to be asked before the classic tree.
pub fn hinted_applet(r: &Recognition) -> Option<&'static AppletLayout> {
    let info = r.atr.as_ref()?;
    APPLETS.iter().copied().find(|a| a.atr_hint == AtrHint::NoHistoricalBytes && info.historical.is_empty())
}

/// One row of the recognition table; `None` fields match anything.
#[derive(Debug)]
pub struct ProfileRule {
    pub mask: u8,
    pub ic: Option<u8>,
    pub min_os_major: Option<u8>,
    pub profile: &'static CardProfile,
}

/// First matching row wins, so the more specific rows come first.
pub static PROFILE_RULES: &[ProfileRule] = &[
    // OpenSC's "CNS IDEMIA 2021": Infineon chip, IDEMIA mask, OS major ≥ 0x20.
    ProfileRule { mask: 0x05, ic: Some(0x05), min_os_major: Some(0x20), profile: &IDEMIA_2021 },
    ProfileRule { mask: 0x05, ic: None, min_os_major: None, profile: &IDEMIA },
    ProfileRule { mask: 0x09, ic: None, min_os_major: None, profile: &STINCARD },
    ProfileRule { mask: 0x08, ic: None, min_os_major: None, profile: &SIEMENS },
    ProfileRule { mask: 0x0C, ic: None, min_os_major: None, profile: &ATHENA },
    ProfileRule { mask: 0x0D, ic: None, min_os_major: None, profile: &GEMALTO },
    ProfileRule { mask: 0x04, ic: None, min_os_major: None, profile: &GIESECKE_DEVRIENT },
];

impl ProfileRule {
    fn matches(&self, h: &CnsHistorical) -> bool {
        self.mask == h.mask_manufacturer
            && self.ic.is_none_or(|ic| ic == h.ic_manufacturer)
            && self.min_os_major.is_none_or(|min| h.os_major() >= min)
    }
}

/// The profile for a card whose historical bytes follow the CNS layout.
pub fn profile_for(h: &CnsHistorical) -> &'static CardProfile {
    PROFILE_RULES.iter().find(|r| r.matches(h)).map_or(&UNKNOWN, |r| r.profile)
}

/// What the application marker says about the card.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub enum Marker {
    /// "CNS": a candidate, to be confirmed by EF.ID_Carta.
    Cns,
    /// A relative in the same Italian layout ("HPC", "CIE", "DSD", …, or "ITID" for CIE v2).
    OtherItalian(String),
    /// No marker (contactless, foreign, unparsable ATR): maybe a CNS, only the files can tell.
    None,
}

impl fmt::Display for Marker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Marker::Cns => f.write_str("CNS"),
            Marker::OtherItalian(m) => write!(f, "{m} (not CNS)"),
            Marker::None => f.write_str("no marker"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Recognition {
    /// `None` when the ATR could not be parsed.
    pub atr: Option<AtrInfo>,
    pub profile: &'static CardProfile,
    pub marker: Marker,
}

impl Recognition {
    /// True when the ATR claims to be a CNS (still to be confirmed by EF.ID_Carta).
    pub fn is_candidate(&self) -> bool {
        self.marker == Marker::Cns
    }
}

/// Recognises a card from its ATR. Never fails: an unparsable ATR gives the unknown profile.
pub fn recognize(atr: &[u8]) -> Recognition {
    let Ok(info) = parse_atr(atr) else {
        return Recognition { atr: None, profile: &UNKNOWN, marker: Marker::None };
    };
    let (marker, profile) = match (&info.cns, cie_v2_marker(&info.historical)) {
        (Some(h), _) if h.has_cns_marker() => (Marker::Cns, profile_for(h)),
        // Same layout, same operating systems: the mask quirks still apply to HPC/DSD/... cards.
        (Some(h), _) if h.atr_coding == 0x01 && is_marker_text(&h.app_marker) => {
            let text = String::from_utf8_lossy(&h.app_marker).into_owned();
            (Marker::OtherItalian(text), profile_for(h))
        }
        // CIE v2 has its own PIN objects; none of the CNS profiles describes it.
        (_, Some(m)) => (Marker::OtherItalian(m.to_owned()), &UNKNOWN),
        _ => (Marker::None, &UNKNOWN),
    };
    Recognition { atr: Some(info), profile, marker }
}

fn is_marker_text(m: &[u8; 3]) -> bool {
    m.iter().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

/// CIE v2 historical bytes as OpenSC matches them: hist[6..15] = 02 "ITID" 20 20 31 80.
fn cie_v2_marker(hist: &[u8]) -> Option<&'static str> {
    (hist.get(6..15) == Some(b"\x02ITID  \x31\x80".as_slice())).then_some("ITID")
}

#[cfg(test)]
mod tests {
    use super::*;
    use ProfileKind::*;
    use proptest::prelude::*;

    enum M {
        Cns,
        Other(&'static str),
        None,
    }

    /// Every ATR of shared/reference/atr-table.txt with its mask byte, marker and expected profile.
    const TABLE: &[(&str, u8, M, ProfileKind)] = &[
        // bit4id TokenMe (eID)
        ("3B 9F 11 81 31 FE 9F 00 6B 42 49 54 34 49 44 20 33 2E 30 00 90 00 CF", 0x49, M::None, Unknown),
        // Italian healthcare card (TS) National Service Card (CNS) (HealthCare)
        ("3B DF 18 00 81 31 FE 7D 00 6B 02 0C 01 82 01 11 01 43 4E 53 10 31 80 FC", 0x0C, M::Cns, Athena),
        // Italian healthcare card (TS) National Service Card (CNS) (HealthCare)
        ("3B DF 18 00 81 31 FE 7D 00 6B 04 0C 01 84 01 11 01 43 4E 53 10 31 80 FC", 0x0C, M::Cns, Athena),
        // Provider: Actalis S.p.A. | code: AT00006181
        ("3B DF 18 00 81 31 FE 7D 00 6B 15 0C 01 80 01 11 01 43 4E 53 10 31 80 E9", 0x0C, M::Cns, Athena),
        // Italian healthcare card (TS) National Service Card (CNS) | CRS Lombardia | Tuscany TS-CNS
        ("3B DF 18 00 81 31 FE 7D 00 6B 15 0C 01 81 01 11 01 43 4E 53 10 31 80 E8", 0x0C, M::Cns, Athena),
        // Sanitary Card of "Friuli Venezia Giulia" region | Carta Nazionale dei Servizi (Italia)
        ("3B FF 18 00 00 81 31 FE 45 00 6B 04 05 01 00 01 11 01 43 4E 53 10 31 80 69", 0x05, M::Cns, Idemia),
        // Carta del Professionista Sanitario - CNS - Provincia autonoma di Trento
        (
            "3B FF 18 00 00 81 31 FE 45 00 6B 04 05 01 00 01 12 02 48 50 43 10 31 80 6C",
            0x05,
            M::Other("HPC"),
            Idemia,
        ),
        // hybrid card for various health services and regional services
        (
            "3B FF 18 00 00 81 31 FE 45 00 6B 04 05 01 00 01 21 01 43 49 45 10 31 80 48",
            0x05,
            M::Other("CIE"),
            Idemia,
        ),
        // CNS - Carta Nazionale dei Servizi (Italia) | Sardegna | Emilia Romagna
        ("3B FF 18 00 00 81 31 FE 45 00 6B 04 05 01 00 01 21 01 43 4E 53 10 31 80 59", 0x05, M::Cns, Idemia),
        // Regional Card - Regione Liguria, Veneto - Italy (eID)
        ("3B FF 18 00 00 81 31 FE 45 00 6B 05 05 10 17 01 21 01 43 4E 53 10 31 80 5E", 0x05, M::Cns, Idemia),
        // CARTA SISS (HealthCare)
        (
            "3B FF 18 00 00 81 31 FE 45 00 6B 05 05 20 00 01 12 02 48 50 43 10 31 80 4C",
            0x05,
            M::Other("HPC"),
            Idemia2021,
        ),
        // health card (HealthCare)
        (
            "3B FF 18 00 00 81 31 FE 45 00 6B 05 05 20 00 01 21 01 43 4E 53 10 31 80 79",
            0x05,
            M::Cns,
            Idemia2021,
        ),
        // national health service card (HealthCare)
        (
            "3B FF 18 00 00 81 31 FE 45 00 6B 05 05 20 00 01 F1 01 43 4E 53 10 31 80 A9",
            0x05,
            M::Cns,
            Idemia2021,
        ),
        // IDEMIA ID-One CNS v2 on Cosmo 9.1 (HealthCare)
        (
            "3B FF 18 00 00 81 31 FE 45 00 6B 05 05 91 20 01 F1 01 43 4E 53 10 31 80 38",
            0x05,
            M::Cns,
            Idemia2021,
        ),
        // Italian National Fire Corps - special identification card (eID)
        ("3B FF 18 00 00 81 31 FE 45 00 6B 11 05 07 00 01 11 01 43 4E 53 11 31 80 7B", 0x05, M::Cns, Idemia),
        // Oberthur ID-One Cosmo V7-n | Izenpe Certificado Ciudadano (eID)
        ("3B FF 18 00 00 81 31 FE 45 00 6B 11 05 07 00 01 21 01 43 4E 53 10 31 80 4A", 0x05, M::Cns, Idemia),
        // bit4id (PKI)
        (
            "3B FF 18 00 00 81 31 FE 45 00 6B 15 0C 03 02 01 01 01 42 34 44 10 31 80 0D",
            0x0C,
            M::Other("B4D"),
            Athena,
        ),
        // Bit4id Digital-DNA Key (eID)
        ("3B FF 18 00 00 81 31 FE 45 00 6B 15 0C 03 02 01 01 01 43 4E 53 10 31 80 61", 0x0C, M::Cns, Athena),
        // Italian Chambers of Commerce CNS (PKI)
        (
            "3B FF 18 00 00 81 31 FE 55 00 6B 02 09 04 03 01 01 01 43 4E 53 10 31 80 65",
            0x09,
            M::Cns,
            StIncard,
        ),
        // ACA (Lawyer Identifier Card) (eID)
        (
            "3B FF 18 00 00 81 31 FE 55 00 6B 02 09 04 03 01 01 01 44 53 44 10 31 80 68",
            0x09,
            M::Other("DSD"),
            StIncard,
        ),
        // Bit4id J-SIGN 2048 (L) (PKI)
        (
            "3B FF 18 00 00 81 31 FE 55 00 6B 02 09 05 03 01 01 01 43 4E 53 10 31 80 64",
            0x09,
            M::Cns,
            StIncard,
        ),
        // ST microelettronics JSign3 (HealthCare)
        (
            "3B FF 18 00 00 81 31 FE 55 00 6B 02 09 06 03 01 01 01 43 4E 53 10 31 80 67",
            0x09,
            M::Cns,
            StIncard,
        ),
        // Aruba digital signing card (eID)
        (
            "3B FF 18 00 00 81 31 FE 55 00 6B 02 09 07 03 01 01 01 43 4E 53 10 31 80 66",
            0x09,
            M::Cns,
            StIncard,
        ),
        // Smart Card INFOCERT digital key CNS from CST PADOVA (eID)
        (
            "3B FF 18 00 00 81 31 FE 55 00 6B 02 09 14 03 01 01 01 43 4E 53 10 31 80 75",
            0x09,
            M::Cns,
            StIncard,
        ),
        // ANPR -- Ministero dell'Interno - Italia (PKI)
        (
            "3B FF 18 00 00 81 31 FE 55 00 6B 02 09 16 13 01 01 01 43 4E 53 10 31 80 67",
            0x09,
            M::Cns,
            StIncard,
        ),
        // Carta Nazionale dei Servizi (CNS) Centro Servizi Territoriali (CST) (PKI)
        (
            "3B FF 18 00 00 81 31 FE 55 00 6B 02 09 17 17 01 01 01 43 4E 53 10 31 80 62",
            0x09,
            M::Cns,
            StIncard,
        ),
        // Italian CNS (HealthCare)
        (
            "3B FF 18 00 FF 81 31 FE 4D 00 6B 04 04 B8 5B 01 F1 01 43 4E 53 10 31 80 9D",
            0x04,
            M::Cns,
            GieseckeDevrient,
        ),
        // Carta Nazionale dei Servizi - InfoCamere
        (
            "3B FF 18 00 FF 81 31 FE 55 00 6B 02 09 02 00 01 01 01 43 4E 53 10 31 80 9F",
            0x09,
            M::Cns,
            StIncard,
        ),
        // Postcom S.P.A. (digital certificate)
        (
            "3B FF 18 00 FF 81 31 FE 55 00 6B 02 09 02 00 01 01 01 44 53 44 10 31 80 92",
            0x09,
            M::Other("DSD"),
            StIncard,
        ),
        // Carta Regionale dei Servizi - Regione Lombardia
        (
            "3B FF 18 00 FF 81 31 FE 55 00 6B 02 09 02 00 01 11 01 43 4E 53 10 31 80 8F",
            0x09,
            M::Cns,
            StIncard,
        ),
        // Infocamere CNS
        (
            "3B FF 18 00 FF 81 31 FE 55 00 6B 02 09 02 00 01 11 01 43 4E 53 11 31 80 8E",
            0x09,
            M::Cns,
            StIncard,
        ),
        // Multiservice Card - CMCC - Arma Carabinieri
        (
            "3B FF 18 00 FF 81 31 FE 55 00 6B 02 09 03 00 01 11 01 43 4E 53 11 31 80 8F",
            0x09,
            M::Cns,
            StIncard,
        ),
        // Aruba CNS for Regione Toscana (IT) | Aruba CNS for Infocamere
        (
            "3B FF 18 00 FF 81 31 FE 55 00 6B 02 09 03 03 01 01 01 43 4E 53 10 31 80 9D",
            0x09,
            M::Cns,
            StIncard,
        ),
        // Postecert (www.postecert.it) to legally sign documents
        (
            "3B FF 18 00 FF 81 31 FE 55 00 6B 02 09 03 03 01 01 01 44 53 44 10 31 80 90",
            0x09,
            M::Other("DSD"),
            StIncard,
        ),
        // Infocert 1205* smart card | Universita' Degli Studi di Torino (Infocert)
        (
            "3B FF 18 00 FF 81 31 FE 55 00 6B 02 09 03 03 01 11 01 43 4E 53 11 31 80 8C",
            0x09,
            M::Cns,
            StIncard,
        ),
        // bit4id CryptoKey (PKI)
        (
            "3B FF 18 00 FF 81 31 FE 55 00 6B 02 09 04 03 01 01 01 43 4E 53 10 31 80 9A",
            0x09,
            M::Cns,
            StIncard,
        ),
        // J-Sign (STMicroelectronics S.r.l. – Incard Division) (JavaCard)
        (
            "3B FF 18 00 FF 81 31 FE 55 00 6B 02 09 04 03 01 01 01 44 53 44 10 31 80 97",
            0x09,
            M::Other("DSD"),
            StIncard,
        ),
        // electronic identity card (PKI) — CIE v2 layout
        (
            "3B FF 18 00 FF 81 31 FE 55 00 6B 02 09 13 00 02 49 54 49 44 20 20 31 80 D3",
            0x09,
            M::Other("ITID"),
            Unknown,
        ),
        // Service card of the Ministry of Defense of Italy
        (
            "3B FF 18 00 FF 81 31 FE 55 00 6B 02 09 13 01 01 11 01 43 4E 53 11 31 80 9E",
            0x09,
            M::Cns,
            StIncard,
        ),
        // Italian Electronic ID Card (eID)
        (
            "3B FF 18 00 FF 81 31 FE 55 00 6B 02 09 13 03 01 00 01 50 53 45 10 31 80 94",
            0x09,
            M::Other("PSE"),
            StIncard,
        ),
        // Aruba Digital Signature (Other)
        (
            "3B FF 18 00 FF 81 31 FE 55 00 6B 02 09 13 03 01 01 01 43 4E 53 10 31 80 8D",
            0x09,
            M::Cns,
            StIncard,
        ),
        // Politecnico di Torino Student Card (eID)
        (
            "3B FF 18 00 FF 81 31 FE 55 00 6B 02 09 13 03 01 11 01 43 4E 53 11 31 80 9C",
            0x09,
            M::Cns,
            StIncard,
        ),
        // Tessera Sanitaria - Carta Nazionale dei Servizi (TS-CNS)
        (
            "3B FF 18 00 FF 81 31 FE 55 00 6B 02 09 16 17 01 11 01 43 4E 53 11 31 80 8D",
            0x09,
            M::Cns,
            StIncard,
        ),
        // EHIC and Regional (Provincia Autonoma di Trento) Service Card (CPS) (eID)
        (
            "3B FF 18 00 FF 81 31 FE 55 00 6B 02 09 17 17 01 11 01 43 4E 53 11 31 80 8C",
            0x09,
            M::Cns,
            StIncard,
        ),
        // Touch&Sign 2048 (PKI)
        (
            "3B FF 18 00 FF 81 31 FE 55 00 6B 42 49 54 34 49 44 20 31 2E 30 00 90 00 91",
            0x49,
            M::None,
            Unknown,
        ),
        // Izenpe Green Card (Citizen Certificate) (eID)
        (
            "3B FF 18 00 FF 81 31 FE 55 00 6B 42 49 54 34 49 44 20 32 2E 30 00 90 00 92",
            0x49,
            M::None,
            Unknown,
        ),
        // Carta Regionale dei Servizi - Regione Lombardia
        (
            "3B FF 18 00 FF C1 0A 31 FE 55 00 6B 05 08 C8 05 01 11 01 43 4E 53 10 31 80 0C",
            0x08,
            M::Cns,
            Siemens,
        ),
        // Carta regionale dei servizi - Regione Sicilia
        (
            "3B FF 18 00 FF C1 0A 31 FE 55 00 6B 05 08 C8 09 01 11 01 43 4E 53 10 31 80 00",
            0x08,
            M::Cns,
            Siemens,
        ),
        // Carta Regionale dei Servizi - Regione Lombardia
        (
            "3B FF 18 00 FF C1 0A 31 FE 55 00 6B 05 08 C8 0A 01 11 01 43 4E 53 10 31 80 03",
            0x08,
            M::Cns,
            Siemens,
        ),
        // Healthcare card (TS-CNS) - Provincia Autonoma di Trento | Unified Healthcare card (TS-CNS)
        (
            "3B FF 18 00 FF C1 0A 31 FE 55 00 6B 05 08 C8 0C 01 11 01 43 4E 53 10 31 80 05",
            0x08,
            M::Cns,
            Siemens,
        ),
        // Aruba PEC SpA digital signature card made by Incard (eID)
        (
            "3B FF 96 00 00 81 31 FE 55 00 6B 02 09 04 03 01 01 01 43 4E 53 10 31 80 EB",
            0x09,
            M::Cns,
            StIncard,
        ),
        // JavaCard Bit4Id (JavaCard)
        (
            "3B FF 96 00 FF 81 31 FE 55 00 6B 02 09 04 03 01 01 01 43 4E 53 10 31 80 14",
            0x09,
            M::Cns,
            StIncard,
        ),
    ];

    fn hex(s: &str) -> Vec<u8> {
        s.split_whitespace().map(|b| u8::from_str_radix(b, 16).unwrap()).collect()
    }

    #[test]
    fn every_reference_atr_is_recognised() {
        assert_eq!(TABLE.len(), 52);
        for (atr, mask, marker, kind) in TABLE {
            let bytes = hex(atr);
            let info = parse_atr(&bytes).unwrap_or_else(|e| panic!("{atr}: {e}"));
            assert_eq!(info.historical.len(), 15, "{atr}");
            assert_eq!(info.protocols, vec![1, 1], "{atr}");
            let h = info.cns.unwrap_or_else(|| panic!("{atr}: not CNS-shaped"));
            assert_eq!(h.mask_manufacturer, *mask, "{atr}");
            let r = recognize(&bytes);
            let expected = match marker {
                M::Cns => Marker::Cns,
                M::Other(m) => Marker::OtherItalian((*m).to_owned()),
                M::None => Marker::None,
            };
            assert_eq!(r.marker, expected, "{atr}");
            assert_eq!(r.profile.kind, *kind, "{atr}");
            assert_eq!(r.is_candidate(), h.has_cns_marker(), "{atr}");
            if *kind == StIncard {
                assert_eq!((r.profile.pin_ref, r.profile.puk_ref), (0x90, 0x91), "{atr}");
            }
            if *mask == 0x08 {
                assert!(!r.profile.empty_verify_safe, "{atr}");
            }
        }
    }

    #[test]
    fn decodes_historical_bytes() {
        let info =
            parse_atr(&hex("3B FF 18 00 FF C1 0A 31 FE 55 00 6B 05 08 C8 05 01 11 01 43 4E 53 10 31 80 0C"))
                .unwrap();
        let h = info.cns.unwrap();
        assert_eq!(h.ic_manufacturer, 0x05);
        assert_eq!(h.ic_manufacturer_name(), Some("Infineon (Siemens)"));
        assert_eq!(h.mask_manufacturer_name(), Some("Siemens"));
        assert_eq!(h.os_version, 0xC805);
        assert_eq!((h.atr_coding, h.netlink_type, h.certification), (0x01, 0x11, 0x01));
        assert_eq!(h.app_marker_str(), Some("CNS"));
        assert_eq!(h.app_version_str(), "1.0");
        assert_eq!(h.capabilities, [0x31, 0x80]);
        assert_eq!(mask_manufacturer_name(0x0C), Some("Athena"));
        assert_eq!(mask_manufacturer_name(0x0D), Some("Gemalto"));
        assert_eq!(mask_manufacturer_name(0x0A), Some("GEP"));
        assert_eq!(mask_manufacturer_name(0x10), None);
    }

    #[test]
    fn profiles_follow_the_project_decisions() {
        for p in [&ATHENA, &IDEMIA, &IDEMIA_2021, &GEMALTO, &GIESECKE_DEVRIENT] {
            assert_eq!((p.pin_ref, p.puk_ref, p.empty_verify_safe), (0x10, 0x11, true), "{}", p.name);
            assert_eq!((p.path_select, p.read_chunk), (PathSelect::Absolute, 255), "{}", p.name);
        }
        assert_eq!((SIEMENS.pin_ref, SIEMENS.empty_verify_safe), (0x10, false));
        // only the G&D ATR is shared by an applet generation (the 2025 card, cns-facts §1.3)
        assert_eq!(GIESECKE_DEVRIENT.applet_with_same_atr, Some(&APPLET_2025));
        for p in [&STINCARD, &SIEMENS, &ATHENA, &IDEMIA, &IDEMIA_2021, &GEMALTO, &UNKNOWN] {
            assert_eq!(p.applet_with_same_atr, None, "{}", p.name);
        }
        assert_eq!((UNKNOWN.pin_ref, UNKNOWN.puk_ref, UNKNOWN.empty_verify_safe), (0x10, 0x11, false));
        let aids: Vec<&[u8]> = APPLETS.iter().map(|a| a.aid).collect();
        assert_eq!(aids, [AID_ACTALIS_2025, AID_ST2022, AID_BIT4ID_CNS]);
        assert!(APPLETS.iter().all(|a| (a.pin_ref, a.puk_ref) == (0x10, 0x11)));
        let paths = |l: &[CertLocation]| l.iter().map(|c| c.path).collect::<Vec<_>>();
        assert_eq!(paths(APPLET_2025.cert_locations), [&[0xDA01, 0xC001][..], &[0x1100, 0x1101][..]]);
        assert_eq!(paths(IDEMIA_2021.cert_locations), [&[0x1100, 0x1101][..], &[0x1400, 0x9001, 0x2002][..]]);
        assert_eq!(IDEMIA.cert_locations, &[CERT_CNS0]);
        assert_eq!(IDEMIA.id_carta_path, &[0x1000, 0x1003]);
        assert_eq!(IDEMIA.personal_data_path, &[0x1100, 0x1102]);
        assert_eq!(IDEMIA.processor_path, &[0x1000, 0x1002]);
    }

    /// The key follows the certificate's key set (cns-facts §1.2): key 01 with EF.C_Carta, key
    /// 02 with the IDEMIA 2021 certificate, SE 03 restored before either (§6).
    #[test]
    fn signing_keys_follow_the_certificate_locations() {
        for p in [&STINCARD, &SIEMENS, &ATHENA, &IDEMIA, &IDEMIA_2021, &GEMALTO, &GIESECKE_DEVRIENT, &UNKNOWN]
        {
            assert_eq!(p.cert_locations[0], CERT_CNS0, "{}", p.name);
        }
        assert_eq!((CERT_CNS0.key.security_env, CERT_CNS0.key.key_ref), (0x03, 0x01));
        assert_eq!(IDEMIA_2021.cert_locations[1].path, PATH_CERT_IDEMIA_2021);
        assert_eq!(
            (IDEMIA_2021.cert_locations[1].key.security_env, IDEMIA_2021.cert_locations[1].key.key_ref),
            (0x03, 0x02)
        );
        for a in APPLETS {
            assert!(a.cert_locations.iter().all(|c| c.key == CNS0_SIGNING_KEY), "{}", a.name);
        }
    }

    #[test]
    fn only_an_atr_without_historical_bytes_points_at_an_applet() {
        assert_eq!(hinted_applet(&recognize(&hex("3B 80 80 01 01"))), Some(&APPLET_ST2022));
        for (atr, ..) in TABLE {
            assert_eq!(hinted_applet(&recognize(&hex(atr))), None, "{atr}");
        }
        assert_eq!(hinted_applet(&recognize(&[0x3B])), None);
    }

    #[test]
    fn unlisted_mask_gets_the_unknown_profile() {
        // The Siemens Lombardy ATR with mask 0x01 (Kaitech) and a fixed-up TCK.
        let mut atr = hex("3B FF 18 00 FF C1 0A 31 FE 55 00 6B 05 01 C8 05 01 11 01 43 4E 53 10 31 80 00");
        let tck_pos = atr.len() - 1;
        atr[tck_pos] = atr[1..tck_pos].iter().fold(0, |a, b| a ^ b);
        let r = recognize(&atr);
        assert_eq!(r.marker, Marker::Cns);
        assert_eq!(r.profile.kind, Unknown);
        assert!(!r.profile.empty_verify_safe);
        assert_eq!(r.profile.name, "unknown");
    }

    #[test]
    fn contactless_atrs_have_no_marker() {
        for atr in [
            "3B 80 80 01 01",
            "3B 88 80 01 00 00 00 00 33 81 91 00 2A",
            "3B 88 80 01 00 00 00 00 03 81 91 00 1A",
            "3B 8B 80 01 00 31 C1 64 08 92 33 54 00 90 00 F3",
        ] {
            let r = recognize(&hex(atr));
            let info = r.atr.as_ref().unwrap_or_else(|| panic!("{atr}"));
            assert_eq!(info.protocols, vec![0, 1], "{atr}");
            assert_eq!(r.marker, Marker::None, "{atr}");
            assert_eq!(r.profile.kind, Unknown, "{atr}");
            assert!(!r.profile.empty_verify_safe, "{atr}");
        }
    }

    #[test]
    fn t0_only_atr_has_no_tck() {
        let info = parse_atr(&hex("3B 02 14 50")).unwrap();
        assert_eq!(info.protocols, vec![0]);
        assert_eq!(info.historical, vec![0x14, 0x50]);
        assert!(info.cns.is_none());
    }

    #[test]
    fn bad_tck_is_an_error() {
        let mut atr = hex(TABLE[1].0);
        let last = atr.len() - 1;
        atr[last] ^= 0x01;
        assert_eq!(parse_atr(&atr), Err(AtrError::BadTck(0x01)));
        let r = recognize(&atr);
        assert!(r.atr.is_none());
        assert_eq!((r.marker, r.profile.kind), (Marker::None, Unknown));
    }

    #[test]
    fn truncated_and_malformed_atrs_are_errors() {
        let atr = hex(TABLE[1].0);
        for n in 1..atr.len() {
            assert!(matches!(parse_atr(&atr[..n]), Err(AtrError::Truncated { .. })), "prefix of {n} bytes");
        }
        assert_eq!(parse_atr(&[]), Err(AtrError::Empty));
        assert_eq!(parse_atr(&[0x3A, 0x00]), Err(AtrError::InvalidTs(0x3A)));
        let mut long = atr.clone();
        long.push(0x00);
        assert_eq!(parse_atr(&long), Err(AtrError::TrailingBytes(1)));
        // longer than ISO 7816-3 allows, whatever follows
        let mut huge = atr.clone();
        huge.resize(40, 0xA5);
        assert_eq!(parse_atr(&huge), Err(AtrError::TooLong(40)));
        assert!(recognize(&huge).atr.is_none());
    }

    proptest! {
        #[test]
        fn never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..48)) {
            let _ = parse_atr(&bytes);
            let _ = recognize(&bytes);
        }

        #[test]
        fn never_panics_on_plausible_atrs(t0 in any::<u8>(), rest in proptest::collection::vec(any::<u8>(), 0..40)) {
            let mut atr = vec![0x3B, t0];
            atr.extend(rest);
            let _ = recognize(&atr);
        }
    }
}
