//! [`SimCard`]: the card logic, APDU bytes in, response bytes out.

use crate::apdu::{self, Apdu, SW_WRONG_LENGTH};
use crate::fixtures;
use crate::fs::{Contents, FileSystem, Selection};
use crate::holder::{Holder, HolderPreset};
use crate::pin::{self, STORED_LEN, Secret};
use crate::quirks::{EofStyle, QuirkMode, Quirks};

/// Default user PIN of a fresh simulated card.
pub const DEFAULT_PIN: &str = "12345";
/// Default PUK of a fresh simulated card.
pub const DEFAULT_PUK: &str = "12345678";
/// PIN tries: 3 on every TS-CNS the sources mention.
pub const DEFAULT_PIN_TRIES: u8 = 3;
/// PUK tries: 8, the Lombardy region's figure (cns-facts, project decision 3).
pub const DEFAULT_PUK_TRIES: u8 = 8;

const SW_OK: u16 = 0x9000;
const SW_EOF: u16 = 0x6282;
const SW_AUTH_FAILED: u16 = 0x6300;
const SW_LOGICAL_CHANNEL: u16 = 0x6881;
const SW_SECURE_MESSAGING: u16 = 0x6882;
const SW_CHAINING: u16 = 0x6884;
const SW_SECURITY: u16 = 0x6982;
const SW_BLOCKED: u16 = 0x6983;
const SW_CONDITIONS: u16 = 0x6985;
const SW_NO_CURRENT_EF: u16 = 0x6986;
const SW_BAD_DATA: u16 = 0x6A80;
const SW_NOT_FOUND: u16 = 0x6A82;
const SW_BAD_P1P2: u16 = 0x6A86;
const SW_REF_NOT_FOUND: u16 = 0x6A88;
const SW_BEYOND_EOF: u16 = 0x6B00;
const SW_INS: u16 = 0x6D00;
const SW_CLA: u16 = 0x6E00;

/// The largest READ BINARY answer (CNS spec §13.4).
const MAX_READ: usize = 256;

/// PIN (BSO 0x10) or PUK (BSO 0x11).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Which {
    Pin,
    Puk,
}

struct Reply {
    data: Vec<u8>,
    sw: u16,
}

impl From<u16> for Reply {
    fn from(sw: u16) -> Reply {
        Reply { data: Vec::new(), sw }
    }
}

/// A response waiting for GET RESPONSE (T=0 style delivery).
struct Pending {
    data: Vec<u8>,
    sw: u16,
}

/// A simulated TS-CNS card.
///
/// Holds the file system of cns-facts §1.1 for one [`HolderPreset`], the PIN (BSO 0x10) and PUK
/// (BSO 0x11), and the [`Quirks`] of a card family. [`SimCard::process`] answers one command APDU
/// as the card would; it never panics, whatever the bytes.
///
/// The volatile state (selected file, verified PIN, a response waiting for GET RESPONSE) is lost
/// on [`SimCard::power_on`], [`SimCard::power_off`] and [`SimCard::reset`], which leave the MF
/// selected. The PIN/PUK values and counters persist, as in the card's EEPROM.
pub struct SimCard {
    mode: QuirkMode,
    quirks: Quirks,
    preset: HolderPreset,
    holder: Holder,
    fs: FileSystem,
    pin: Secret,
    puk: Secret,
    // Volatile state.
    selection: Selection,
    pin_verified: bool,
    puk_verified: bool,
    pending: Option<Pending>,
    /// With `applet_only`: whether the CNS application is selected (never at reset).
    applet_selected: bool,
    security_env: crate::sign::SecurityEnv,
}

impl Default for SimCard {
    fn default() -> Self {
        SimCard::new(QuirkMode::Standard, HolderPreset::BianchiGiulia)
    }
}

impl SimCard {
    /// A fresh card of family `mode` for `holder`, PIN 12345 (3 tries), PUK 12345678 (8 tries).
    pub fn new(mode: QuirkMode, holder: HolderPreset) -> SimCard {
        let fs = build_fs(mode, &mode.quirks(), holder);
        SimCard {
            mode,
            quirks: mode.quirks(),
            preset: holder,
            holder: holder.holder(),
            fs,
            pin: Secret::new(default_secret(DEFAULT_PIN), DEFAULT_PIN_TRIES),
            puk: Secret::new(default_secret(DEFAULT_PUK), DEFAULT_PUK_TRIES),
            selection: Selection::default(),
            pin_verified: false,
            puk_verified: false,
            pending: None,
            applet_selected: false,
            security_env: Default::default(),
        }
    }

    /// A fresh default-holder card of family `mode`.
    pub fn with_mode(mode: QuirkMode) -> SimCard {
        SimCard::new(mode, HolderPreset::BianchiGiulia)
    }

    pub fn mode(&self) -> QuirkMode {
        self.mode
    }

    /// Switches family: ATR, knobs and EF.Dati_processore change; PIN/PUK state stays.
    pub fn set_mode(&mut self, mode: QuirkMode) {
        self.mode = mode;
        self.quirks = mode.quirks();
        self.fs = build_fs(mode, &self.quirks, self.preset);
        self.reset();
    }

    pub fn quirks(&self) -> &Quirks {
        &self.quirks
    }

    /// Individual knobs, on top of the preset (the ATR stays the preset's).
    pub fn quirks_mut(&mut self) -> &mut Quirks {
        &mut self.quirks
    }

    /// Replaces the knobs. A knob that changes the file tree ([`Quirks::applet_classic_names`])
    /// takes effect here (not through [`SimCard::quirks_mut`]), and the card is then reset.
    pub fn set_quirks(&mut self, quirks: Quirks) {
        let rebuild = quirks.applet_classic_names != self.quirks.applet_classic_names;
        self.quirks = quirks;
        if rebuild {
            self.fs = build_fs(self.mode, &self.quirks, self.preset);
            self.reset();
        }
    }

    pub fn holder_preset(&self) -> HolderPreset {
        self.preset
    }

    pub fn holder(&self) -> &Holder {
        &self.holder
    }

    /// Changes the holder (files and certificate); PIN/PUK state stays.
    pub fn set_holder(&mut self, preset: HolderPreset) {
        self.preset = preset;
        self.holder = preset.holder();
        self.fs = build_fs(self.mode, &self.quirks, preset);
        self.reset();
    }

    /// The answer to reset of the family (an honest card's; the hostile layer lengthens it).
    pub fn atr(&self) -> Vec<u8> {
        self.mode.atr().to_vec()
    }

    pub fn power_on(&mut self) {
        self.clear_volatile();
    }

    pub fn power_off(&mut self) {
        self.clear_volatile();
    }

    pub fn reset(&mut self) {
        self.clear_volatile();
    }

    fn clear_volatile(&mut self) {
        self.selection = Selection::default();
        self.pin_verified = false;
        self.puk_verified = false;
        self.pending = None;
        self.applet_selected = false;
        self.security_env = Default::default();
    }

    // ---- Inspection and set-up, for tests and the state file -------------------------------

    pub fn pin_tries_left(&self) -> u8 {
        self.pin.tries_left()
    }

    pub fn pin_max_tries(&self) -> u8 {
        self.pin.max_tries()
    }

    pub fn puk_tries_left(&self) -> u8 {
        self.puk.tries_left()
    }

    pub fn puk_max_tries(&self) -> u8 {
        self.puk.max_tries()
    }

    /// True after a successful VERIFY (or CHANGE), until reset.
    pub fn is_pin_verified(&self) -> bool {
        self.pin_verified
    }

    /// Whether `digits` is the current PIN (tests check that a CHANGE took effect).
    pub fn pin_is(&self, digits: &str) -> bool {
        pin::stored_form(digits.as_bytes()).is_some_and(|v| self.pin.matches(&v))
    }

    /// Whether `digits` is the PUK.
    pub fn puk_is(&self, digits: &str) -> bool {
        pin::stored_form(digits.as_bytes()).is_some_and(|v| self.puk.matches(&v))
    }

    /// Sets the PIN (5..8 digits); the counter is left alone.
    pub fn set_pin(&mut self, digits: &str) -> Result<(), InvalidSecret> {
        self.pin.set_value(pin::stored_form(digits.as_bytes()).ok_or(InvalidSecret)?);
        Ok(())
    }

    /// Sets the PUK (5..8 digits, 8 on real cards); the counter is left alone.
    pub fn set_puk(&mut self, digits: &str) -> Result<(), InvalidSecret> {
        self.puk.set_value(pin::stored_form(digits.as_bytes()).ok_or(InvalidSecret)?);
        Ok(())
    }

    /// Sets the PIN counter: `max` is clamped to 1..=15, `left` to 0..=max (0 = blocked).
    pub fn set_pin_tries(&mut self, left: u8, max: u8) {
        self.pin.set_tries(left, max);
    }

    /// Sets the PUK counter, like [`SimCard::set_pin_tries`].
    pub fn set_puk_tries(&mut self, left: u8, max: u8) {
        self.puk.set_tries(left, max);
    }

    pub(crate) fn pin_digits(&self) -> zeroize::Zeroizing<String> {
        self.pin.digits()
    }

    pub(crate) fn puk_digits(&self) -> zeroize::Zeroizing<String> {
        self.puk.digits()
    }

    /// The contents of the EF at `path` below the MF (e.g. `[0x1100, 0x1102]`).
    pub fn file(&self, path: &[u16]) -> Option<&[u8]> {
        self.fs.ef_data(path)
    }

    /// The DER certificate in EF.C_Carta (without the 00 fill).
    pub fn certificate_der(&self) -> &'static [u8] {
        fixtures::certificate(self.preset)
    }

    // ---- APDU processing --------------------------------------------------------------------

    /// The selected EF (its file identifier), for the hostile answers.
    pub(crate) fn selected_ef(&self) -> Option<u16> {
        self.selection.ef
    }

    /// Answers one command APDU as a card that follows ISO 7816-4 (and its family's quirks):
    /// response data followed by SW1 SW2. The hostile knob of [`Quirks`] is applied above the
    /// card, by the hostile layer, which every reader slot goes through.
    pub fn process(&mut self, raw: &[u8]) -> Vec<u8> {
        let is_get_response = raw.get(1) == Some(&0xC0);
        let pending = self.pending.take();
        let reply = match apdu::parse(raw) {
            Err(sw) => sw.into(),
            Ok(cmd) => match check_cla(cmd.cla) {
                Err(sw) => sw.into(),
                // A pending response survives only until the next command that is not its
                // GET RESPONSE (ISO 7816-4).
                Ok(()) if is_get_response => return self.get_response(&cmd, pending),
                Ok(()) => self.dispatch(&cmd),
            },
        };
        self.deliver(reply)
    }

    fn dispatch(&mut self, cmd: &Apdu<'_>) -> Reply {
        // Before the CNS application is selected, a Java Card's card manager answers.
        if self.quirks.applet_only && !self.applet_selected {
            return match (cmd.ins, cmd.p1) {
                (0xA4, 0x04) => self.select(cmd),
                (0xA4, _) => SW_NOT_FOUND.into(),
                _ => SW_INS.into(),
            };
        }
        // Under an applet the PIN objects are the application's: P2 names them only while the
        // application DF is the current DF (after a file below it was selected, the client must
        // select the application again), as ISO answers a reference it cannot find.
        if self.quirks.applet_only && matches!(cmd.ins, 0x20 | 0x24 | 0x2C) && !self.selection.df.is_empty() {
            return SW_REF_NOT_FOUND.into();
        }
        match cmd.ins {
            0xA4 => self.select(cmd),
            0xB0 => self.read_binary(cmd),
            0x20 => self.verify(cmd),
            0x24 => self.change_reference_data(cmd),
            0x2C => self.reset_retry_counter(cmd),
            0xCA if self.quirks.jsign4_get_data => self.get_data(cmd),
            0x22 => crate::sign::mse(&mut self.security_env, self.mode, cmd.p1, cmd.p2, cmd.data).into(),
            0x2A => {
                let (data, sw) = crate::sign::pso(
                    &self.security_env,
                    self.pin_verified,
                    self.preset,
                    cmd.p1,
                    cmd.p2,
                    cmd.data,
                );
                Reply { data, sw }
            }
            _ => SW_INS.into(),
        }
    }

    /// With the GET RESPONSE knob, data is announced by 61xx and kept for GET RESPONSE.
    fn deliver(&mut self, reply: Reply) -> Vec<u8> {
        if self.quirks.get_response && !reply.data.is_empty() {
            let announce = announce_len(reply.data.len());
            self.pending = Some(Pending { data: reply.data, sw: reply.sw });
            return vec![0x61, announce];
        }
        with_sw(reply.data, reply.sw)
    }

    fn get_response(&mut self, cmd: &Apdu<'_>, pending: Option<Pending>) -> Vec<u8> {
        if cmd.p1 != 0 || cmd.p2 != 0 {
            self.pending = pending;
            return with_sw(Vec::new(), SW_BAD_P1P2);
        }
        let Some(mut pending) = pending else {
            return with_sw(Vec::new(), SW_CONDITIONS);
        };
        let (Some(ne), true) = (cmd.ne(), cmd.data.is_empty()) else {
            self.pending = Some(pending);
            return with_sw(Vec::new(), SW_WRONG_LENGTH);
        };
        let available = pending.data.len();
        if ne > available {
            let sw = 0x6C00 | u16::from(announce_len(available));
            self.pending = Some(pending);
            return with_sw(Vec::new(), sw);
        }
        let rest = pending.data.split_off(ne);
        if rest.is_empty() {
            return with_sw(pending.data, pending.sw);
        }
        let announce = announce_len(rest.len());
        let out = with_sw(pending.data, 0x6100 | u16::from(announce));
        self.pending = Some(Pending { data: rest, sw: pending.sw });
        out
    }

    // ---- SELECT -----------------------------------------------------------------------------

    fn select(&mut self, cmd: &Apdu<'_>) -> Reply {
        if cmd.p2 != 0x00 && cmd.p2 != 0x0C {
            return SW_BAD_P1P2.into();
        }
        let fids: Option<Vec<u16>> = cmd
            .data
            .len()
            .is_multiple_of(2)
            .then(|| cmd.data.chunks_exact(2).map(|p| u16::from_be_bytes([p[0], p[1]])).collect());
        let mut by_aid = false;
        // Inside the applet: paths from the application DF only (P1 = 09); P1 = 01/02 answered
        // 6A82 on the real card, and the rest is refused.
        let applet = self.quirks.applet_only;
        let target = match (cmd.p1, fids.as_deref()) {
            (0x00..=0x02, _) if applet => Err(SW_NOT_FOUND),
            (0x03 | 0x08, _) if applet => Err(SW_BAD_P1P2),
            (0x09, Some(path)) if applet && !path.is_empty() => Ok(self.fs.resolve(&[], path)),
            (0x00, Some([])) => Ok(Some(Selection::default())),
            (0x00, Some([fid])) => Ok(self.fs.select_fid(&self.selection, *fid)),
            (0x03, Some([])) => Ok(self.parent_selection()),
            (0x04, _) if !cmd.data.is_empty() && cmd.data.len() <= 16 => {
                by_aid = true;
                Ok(self.aid_selection(cmd.data))
            }
            // The CNS spec's absolute path excludes 3F00; a client that sends it has a bug.
            (0x08, _) if self.quirks.no_path_select => Err(SW_BAD_P1P2),
            (0x08, Some(path)) if !path.is_empty() => Ok(self.fs.resolve(&[], path)),
            (0x09, Some(path)) if !path.is_empty() => Ok(self.fs.resolve(&self.selection.df, path)),
            (0x00 | 0x03 | 0x04 | 0x08 | 0x09, _) => Err(SW_WRONG_LENGTH),
            _ => Err(SW_BAD_P1P2),
        };
        let selection = match target {
            Err(sw) => return sw.into(),
            Ok(None) => return SW_NOT_FOUND.into(),
            Ok(Some(s)) => s,
        };
        if by_aid && applet {
            // Selecting the application (again) deselects it first: the verified state goes.
            self.applet_selected = true;
            self.pin_verified = false;
            self.puk_verified = false;
        }
        self.selection = selection;
        // T=1 cards return the FCI when Le is present; over T=0 Le is never sent with data, so
        // a T=0 style card offers it through 61xx anyway.
        let wants_fci = cmd.p2 == 0x00 && (cmd.le.is_some() || self.quirks.get_response);
        if !wants_fci {
            return SW_OK.into();
        }
        let aid = if by_aid || self.selection == Selection::default() {
            self.quirks.applet_aid.as_deref()
        } else {
            None
        };
        Reply { data: self.fs.fci(&self.selection, aid), sw: SW_OK }
    }

    /// P1 = 03: the parent of the current DF (the MF has none).
    fn parent_selection(&self) -> Option<Selection> {
        let (_, parent) = self.selection.df.split_last()?;
        Some(Selection { df: parent.to_vec(), ef: None })
    }

    /// P1 = 04: only the applet AID of the knob, which leads to the CNS root.
    fn aid_selection(&self, aid: &[u8]) -> Option<Selection> {
        (self.quirks.applet_aid.as_deref() == Some(aid)).then(Selection::default)
    }

    /// GET DATA 01 80 names the ST2022 applet.
    fn get_data(&mut self, cmd: &Apdu<'_>) -> Reply {
        match (cmd.p1, cmd.p2) {
            (0x01, 0x80) => Reply { data: b"JSign4".to_vec(), sw: SW_OK },
            _ => SW_REF_NOT_FOUND.into(),
        }
    }

    // ---- READ BINARY ------------------------------------------------------------------------

    fn read_binary(&mut self, cmd: &Apdu<'_>) -> Reply {
        if !cmd.data.is_empty() {
            return SW_WRONG_LENGTH.into();
        }
        // P1 bit 8 set would be a short EF identifier: not part of the CNS command set.
        if cmd.p1 & 0x80 != 0 {
            return SW_BAD_P1P2.into();
        }
        let Some(ne) = cmd.ne() else {
            return SW_WRONG_LENGTH.into();
        };
        let Some(ef) = self.selection.ef else {
            return SW_NO_CURRENT_EF.into();
        };
        let mut path = self.selection.df.clone();
        path.push(ef);
        let Some(file) = self.fs.ef_data(&path) else {
            return SW_NO_CURRENT_EF.into();
        };
        let offset = usize::from(u16::from_be_bytes([cmd.p1, cmd.p2]));
        let Some(remaining) = file.get(offset..).filter(|r| !r.is_empty()) else {
            return SW_BEYOND_EOF.into();
        };
        let take = |n: usize| remaining.get(..n).unwrap_or(remaining).to_vec();
        if cmd.le == Some(0) {
            if self.quirks.le00_long_file_6700 && file.len() > MAX_READ {
                return SW_WRONG_LENGTH.into();
            }
            return Reply { data: take(MAX_READ.min(remaining.len())), sw: SW_OK };
        }
        if ne <= remaining.len() {
            return Reply { data: take(ne), sw: SW_OK };
        }
        match self.quirks.eof {
            EofStyle::Sw6282 => Reply { data: remaining.to_vec(), sw: SW_EOF },
            // remaining < ne <= 255 here, so it fits the SW2 byte.
            EofStyle::Sw6Cxx => (0x6C00 | u16::from(announce_len(remaining.len()))).into(),
        }
    }

    // ---- PIN commands -----------------------------------------------------------------------

    /// Maps P2 to the PIN or PUK object: 0x10/0x11, or 0x90/0x91 on STIncard-like cards.
    fn reference(&self, p2: u8) -> Result<Which, u16> {
        let bit = if self.quirks.pin_p2_backtracking { 0x80 } else { 0x00 };
        match p2 {
            _ if p2 == 0x10 | bit => Ok(Which::Pin),
            _ if p2 == 0x11 | bit => Ok(Which::Puk),
            _ => Err(SW_REF_NOT_FOUND),
        }
    }

    fn secret(&mut self, which: Which) -> &mut Secret {
        match which {
            Which::Pin => &mut self.pin,
            Which::Puk => &mut self.puk,
        }
    }

    fn set_verified(&mut self, which: Which, verified: bool) {
        match which {
            Which::Pin => self.pin_verified = verified,
            Which::Puk => self.puk_verified = verified,
        }
    }

    fn is_verified(&self, which: Which) -> bool {
        match which {
            Which::Pin => self.pin_verified,
            Which::Puk => self.puk_verified,
        }
    }

    /// A wrong presentation: one try less, security status lost.
    fn wrong(&mut self, which: Which) -> Reply {
        let left = self.secret(which).fail();
        self.set_verified(which, false);
        self.tries_sw(left).into()
    }

    fn tries_sw(&self, left: u8) -> u16 {
        if self.quirks.wrong_pin_without_count { SW_AUTH_FAILED } else { 0x63C0 | u16::from(left & 0x0F) }
    }

    fn verify(&mut self, cmd: &Apdu<'_>) -> Reply {
        if cmd.p1 != 0x00 {
            return SW_BAD_P1P2.into();
        }
        let which = match self.reference(cmd.p2) {
            Ok(w) => w,
            Err(sw) => return sw.into(),
        };
        if self.secret(which).is_blocked() {
            return SW_BLOCKED.into();
        }
        if cmd.data.is_empty() {
            // ISO 7816-4 status query; `00 20 00 10 00` (a case-2 encoding some readers send)
            // lands here too.
            if self.quirks.empty_verify_counts_as_failure {
                return self.wrong(which);
            }
            if self.is_verified(which) {
                return SW_OK.into();
            }
            let left = self.secret(which).tries_left();
            return self.tries_sw(left).into();
        }
        if self.secret(which).matches(cmd.data) {
            self.secret(which).reset_counter();
            self.set_verified(which, true);
            SW_OK.into()
        } else {
            self.wrong(which)
        }
    }

    fn change_reference_data(&mut self, cmd: &Apdu<'_>) -> Reply {
        let expected_len = match cmd.p1 {
            0x00 => 2 * STORED_LEN,
            0x01 => STORED_LEN,
            _ => return SW_BAD_P1P2.into(),
        };
        match self.reference(cmd.p2) {
            Ok(Which::Pin) => {}
            // PUK: Change = never (File System §2.4).
            Ok(Which::Puk) => return SW_SECURITY.into(),
            Err(sw) => return sw.into(),
        }
        // The card knows both bodies are 8 bytes; other lengths cannot be split: no try spent.
        if cmd.data.len() != expected_len {
            return SW_WRONG_LENGTH.into();
        }
        if self.pin.is_blocked() {
            return SW_BLOCKED.into();
        }
        let (old, new) = cmd.data.split_at(expected_len - STORED_LEN);
        let Some(new) = pin::from_padded(new) else {
            return SW_BAD_DATA.into();
        };
        if cmd.p1 == 0x01 {
            if !self.pin_verified {
                return SW_SECURITY.into();
            }
        } else if !self.pin.matches(old) {
            return self.wrong(Which::Pin);
        }
        self.pin.set_value(new);
        self.pin.reset_counter();
        self.pin_verified = true;
        SW_OK.into()
    }

    fn reset_retry_counter(&mut self, cmd: &Apdu<'_>) -> Reply {
        let expected_len = match cmd.p1 {
            0x00 => 2 * STORED_LEN,
            0x01 => STORED_LEN,
            0x03 => 0,
            _ => return SW_BAD_P1P2.into(),
        };
        match self.reference(cmd.p2) {
            Ok(Which::Pin) => {}
            // PUK: Unblock = never.
            Ok(Which::Puk) => return SW_SECURITY.into(),
            Err(sw) => return sw.into(),
        }
        if cmd.data.len() != expected_len {
            return SW_WRONG_LENGTH.into();
        }
        if self.puk.is_blocked() {
            return SW_BLOCKED.into();
        }
        let new_pin = match cmd.data.get(STORED_LEN..) {
            Some(body) if !body.is_empty() => match pin::from_padded(body) {
                Some(v) => Some(v),
                None => return SW_BAD_DATA.into(),
            },
            _ => None,
        };
        if cmd.p1 == 0x03 {
            if !self.puk_verified {
                return SW_SECURITY.into();
            }
        } else {
            let puk = cmd.data.get(..STORED_LEN).unwrap_or_default();
            if !self.puk.matches(puk) {
                return self.wrong(Which::Puk);
            }
            self.puk.reset_counter();
        }
        if let Some(v) = new_pin {
            self.pin.set_value(v);
        }
        self.pin.reset_counter();
        self.pin_verified = false;
        SW_OK.into()
    }
}

impl std::fmt::Debug for SimCard {
    /// PIN and PUK values are left out: a test log should not teach anyone to print them.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SimCard")
            .field("mode", &self.mode)
            .field("holder", &self.preset)
            .field("pin_tries", &(self.pin.tries_left(), self.pin.max_tries()))
            .field("puk_tries", &(self.puk.tries_left(), self.puk.max_tries()))
            .field("pin_verified", &self.pin_verified)
            .field("selection", &self.selection)
            .finish_non_exhaustive()
    }
}

/// A PIN or PUK for the simulated card must be 5 to 8 ASCII digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a PIN or PUK must be 5 to 8 digits")]
pub struct InvalidSecret;

fn build_fs(mode: QuirkMode, quirks: &Quirks, preset: HolderPreset) -> FileSystem {
    let holder = preset.holder();
    // The presets always encode (a test checks it); an empty file would show up at once.
    let personal_data =
        holder.encode_personal_data().unwrap_or_else(|_| vec![0; crate::holder::PERSONAL_DATA_SIZE]);
    FileSystem::build(&Contents {
        holder: &holder,
        personal_data,
        certificate: fixtures::certificate(preset),
        rsa_public_key: fixtures::rsa_public_key(preset),
        mode,
        applet_classic_names: quirks.applet_classic_names,
        preset,
    })
}

fn default_secret(digits: &str) -> pin::Stored {
    // The defaults are valid constants; the fallback is never taken.
    pin::stored_form(digits.as_bytes()).unwrap_or_else(|| zeroize::Zeroizing::new(vec![0xFF; STORED_LEN]))
}

/// Checks the class byte: plain interindustry commands only.
fn check_cla(cla: u8) -> Result<(), u16> {
    if cla & 0xE0 != 0 {
        return Err(SW_CLA);
    }
    if cla & 0x10 != 0 {
        return Err(SW_CHAINING);
    }
    if cla & 0x0C != 0 {
        return Err(SW_SECURE_MESSAGING);
    }
    if cla & 0x03 != 0 {
        return Err(SW_LOGICAL_CHANNEL);
    }
    Ok(())
}

/// The length byte of 61xx / 6Cxx: 00 stands for 256.
fn announce_len(n: usize) -> u8 {
    u8::try_from(n).unwrap_or(0)
}

fn with_sw(mut data: Vec<u8>, sw: u16) -> Vec<u8> {
    data.extend_from_slice(&sw.to_be_bytes());
    data
}
