//! Finding the CNS files on a card, whatever its ATR: the classic tree under the MF first, then
//! the known CNS applets. Once found, [`Cns`] selects and reads files there at the fewest APDUs
//! the card family allows.

use crate::apdu::{Command, StatusWord, exchange};
use crate::commands;
use crate::files::id_carta::{self, CardId};
use crate::pin::{PinKind, PinState};
use crate::profile::{
    APPLETS, AppletLayout, CardProfile, CertLocation, Generation, PathSelect, Recognition, SerialFile,
    SigningKey,
};
use crate::transport::CardSession;

use super::read::{read_selected, select_one};
use super::{CardError, ID_CARTA_SIZE};

/// Where the CNS files of a card are. Known after the first read, so later operations on the
/// same card skip the search.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind", content = "applet")]
pub enum Location {
    /// The classic file system under the MF.
    Classic,
    /// Under a CNS applet, selected by AID after every reset.
    Applet(&'static AppletLayout),
}

impl Location {
    pub fn generation(&self) -> Generation {
        match self {
            Location::Classic => Generation::Classic,
            Location::Applet(a) => a.generation,
        }
    }

    /// P2 of the PIN commands: the profile's on classic cards, the applet's own otherwise.
    pub fn pin_ref(&self, profile: &CardProfile) -> u8 {
        match self {
            Location::Classic => profile.pin_ref,
            Location::Applet(a) => a.pin_ref,
        }
    }

    pub fn puk_ref(&self, profile: &CardProfile) -> u8 {
        match self {
            Location::Classic => profile.puk_ref,
            Location::Applet(a) => a.puk_ref,
        }
    }
}

/// Status words that say "there is no classic CNS tree here" (cns-facts §1.3): not found, or a
/// card manager that knows no such command or class until an applet is selected.
fn tree_absent(sw: StatusWord) -> bool {
    matches!(sw, StatusWord::FileNotFound | StatusWord::InsNotSupported | StatusWord::ClaNotSupported)
}

/// Status words with which a card refuses SELECT by path (P1 = 08) itself.
fn path_select_refused(sw: StatusWord) -> bool {
    matches!(sw, StatusWord::IncorrectP1P2 | StatusWord::WrongParameters | StatusWord::Unknown(0x6A81))
}

/// Which counters [`Cns::open`] asks, at the first moment the PIN objects are reachable without
/// an extra SELECT (see [`Cns::ask_counters`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Counters {
    None,
    /// PIN and PUK (the status screen).
    Both,
    /// The PIN, and the PUK too when the PIN is blocked (for the right advice).
    ForPin,
    /// The PUK only (an unblock).
    Puk,
}

/// The CNS files of one card, within one session.
pub(crate) struct Cns<'s> {
    pub session: &'s mut dyn CardSession,
    pub profile: &'static CardProfile,
    pub location: Location,
    path_select: PathSelect,
    /// Classic tree, step by step: the DF (path below the MF) known to be current, so a file
    /// beside the last one costs one SELECT instead of one per level.
    classic_df: Option<Vec<u16>>,
    /// Under an applet: whether the application DF is the current DF, which the PIN commands
    /// need (they name the application's own objects).
    at_application: bool,
    /// What the counters said when [`Cns::open`] asked them (unknown when not asked).
    pub pin: PinState,
    pub puk: PinState,
}

impl<'s> Cns<'s> {
    fn new(session: &'s mut dyn CardSession, profile: &'static CardProfile, location: Location) -> Cns<'s> {
        Cns {
            session,
            profile,
            location,
            path_select: profile.path_select,
            classic_df: None,
            at_application: false,
            pin: PinState::Unknown,
            puk: PinState::Unknown,
        }
    }

    /// The CNS files of a card found in an earlier session, without selecting anything: on an
    /// applet card selecting the application again would drop a verified PIN, so the
    /// application is taken to be current as that session left it.
    pub fn resume(
        session: &'s mut dyn CardSession,
        profile: &'static CardProfile,
        location: Location,
    ) -> Cns<'s> {
        let mut cns = Cns::new(session, profile, location);
        cns.at_application = true;
        cns
    }

    /// Finds the CNS files, asks `counters` (where the profile allows it) and reads the card
    /// serial, which confirms the card is a TS-CNS.
    ///
    /// Order: the applet the ATR points at, if any ([`crate::profile::hinted_applet`]); the
    /// classic tree (by path, or step by step on a card that refuses SELECT by path); the known
    /// applets, only when the classic tree is absent.
    pub fn open(
        session: &'s mut dyn CardSession,
        recognition: &Recognition,
        counters: Counters,
    ) -> Result<(Cns<'s>, CardId), CardError> {
        let mut cns = Cns::new(session, recognition.profile, Location::Classic);
        // Applets already asked in this session, not asked twice.
        let mut asked: Vec<&'static AppletLayout> = Vec::new();
        let hinted = crate::profile::hinted_applet(recognition);
        if let Some(applet) = hinted {
            asked.push(applet);
            if let Some(id) = cns.try_applet(applet, counters)? {
                return Ok((cns, id));
            }
        }
        cns.location = Location::Classic;
        // The first SELECT tells a classic card from an applet card. A card that refuses SELECT
        // by path itself is read step by step: only an absent MF or tree (6A82, 6D00, 6E00), not
        // the refusal, sends the search to the applets. (An applet that an earlier session left
        // selected refuses P1 = 08 too: its "MF" then answers 6A82, or its tree lacks the files.
        // On the family whose ATR an applet generation shares, that applet is asked first.)
        let found = match cns.classic_serial() {
            Err(CardError::Status { sw, .. }) if path_select_refused(sw) => {
                if let Some(applet) = cns.profile.applet_with_same_atr
                    && !asked.iter().any(|a| std::ptr::eq(*a, applet))
                {
                    asked.push(applet);
                    if let Some(id) = cns.try_applet(applet, counters)? {
                        return Ok((cns, id));
                    }
                }
                cns.location = Location::Classic;
                tracing::debug!("SELECT by path refused ({sw}): reading the classic tree step by step");
                cns.path_select = PathSelect::StepByStep;
                cns.classic_serial()
            }
            other => other,
        };
        match found {
            Ok(id) => {
                cns.ask_counters(counters)?;
                return Ok((cns, id));
            }
            Err(CardError::Status { sw, .. }) if tree_absent(sw) => {}
            Err(e) => return Err(e),
        }
        for &applet in APPLETS {
            if asked.iter().any(|a| std::ptr::eq(*a, applet)) {
                continue;
            }
            if let Some(id) = cns.try_applet(applet, counters)? {
                return Ok((cns, id));
            }
        }
        Err(CardError::NotCns(None))
    }

    /// Selects `applet`, asks the counters while its application DF is current (no SELECT
    /// needed for them later), reads its serial. `None` when this card has no such applet.
    fn try_applet(
        &mut self,
        applet: &'static AppletLayout,
        counters: Counters,
    ) -> Result<Option<CardId>, CardError> {
        if !self.enter_applet(applet)? {
            return Ok(None);
        }
        self.ask_counters(counters)?;
        match self.applet_serial(applet) {
            Ok(id) => Ok(Some(id)),
            Err(CardError::Status { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Asks the counters with empty VERIFYs where the profile says it costs nothing (otherwise
    /// they stay unknown and nothing is sent).
    fn ask_counters(&mut self, counters: Counters) -> Result<(), CardError> {
        match counters {
            Counters::None => {}
            Counters::Both => {
                self.pin = super::query_counter(self, PinKind::Pin)?;
                self.puk = super::query_counter(self, PinKind::Puk)?;
            }
            Counters::ForPin => {
                self.pin = super::query_counter(self, PinKind::Pin)?;
                if self.pin.is_blocked() {
                    self.puk = super::query_counter(self, PinKind::Puk)?;
                }
            }
            Counters::Puk => self.puk = super::query_counter(self, PinKind::Puk)?,
        }
        Ok(())
    }

    /// EF.ID_Carta in the classic tree. A refusal of the first SELECT by path is not retried
    /// step by step here: [`Cns::open`] decides what it means.
    fn classic_serial(&mut self) -> Result<CardId, CardError> {
        let raw = if self.path_select == PathSelect::Absolute {
            let cmd = commands::select_path(self.profile.id_carta_path)
                .map_err(|_| CardError::Status { op: "SELECT", sw: StatusWord::WrongLength })?;
            let size = select_one(self.session, &cmd, "SELECT")?;
            let chunk = self.chunk();
            read_selected(self.session, size, ID_CARTA_SIZE, chunk, &|_| None)?
        } else {
            self.read(self.profile.id_carta_path, ID_CARTA_SIZE, &|_| None)?
        };
        id_carta::parse(&raw).map_err(|e| CardError::NotCns(Some(Box::new(e))))
    }

    /// SELECT by AID (and the applet's GET DATA check); false when this card has no such applet.
    fn enter_applet(&mut self, applet: &'static AppletLayout) -> Result<bool, CardError> {
        let Ok(cmd) = commands::select_aid(applet.aid) else {
            return Ok(false);
        };
        if exchange(self.session, &cmd)?.sw != StatusWord::Ok {
            return Ok(false);
        }
        self.location = Location::Applet(applet);
        self.at_application = true;
        if let Some(check) = &applet.check {
            let r = exchange(self.session, &commands::get_data(check.p1, check.p2))?;
            let n = check.expect.len();
            if r.sw != StatusWord::Ok || !r.data.windows(n).any(|w| w == check.expect) {
                self.location = Location::Classic;
                return Ok(false);
            }
        }
        Ok(true)
    }

    fn applet_serial(&mut self, applet: &AppletLayout) -> Result<CardId, CardError> {
        let mut last = None;
        for source in applet.serial {
            let (path, bcd) = match source {
                SerialFile::Ascii(p) => (*p, false),
                SerialFile::Bcd(p) => (*p, true),
            };
            let raw = match self.read(path, ID_CARTA_SIZE, &|_| None) {
                Ok(raw) => raw,
                Err(e @ CardError::Status { .. }) => {
                    last = Some(e);
                    continue;
                }
                Err(e) => return Err(e),
            };
            let digits = if bcd { bcd_serial(&raw) } else { Some(raw) };
            let digits = digits.ok_or(CardError::NotCns(None))?;
            return id_carta::parse(&digits).map_err(|e| CardError::NotCns(Some(Box::new(e))));
        }
        Err(last.unwrap_or(CardError::NotCns(None)))
    }

    /// Bytes asked per READ BINARY here.
    fn chunk(&self) -> usize {
        usize::from(match self.location {
            Location::Classic => self.profile.read_chunk,
            Location::Applet(a) => a.read_chunk,
        })
    }

    /// Where this card keeps its certificate, in the order to try, each with its key.
    pub fn cert_locations(&self) -> &'static [CertLocation] {
        match self.location {
            Location::Classic => self.profile.cert_locations,
            Location::Applet(a) => a.cert_locations,
        }
    }

    /// Selects an EF by its path (from the MF, or from the application DF); its size from the
    /// FCI when the card gave one.
    pub fn select(&mut self, path: &[u16]) -> Result<Option<usize>, CardError> {
        let bad = || CardError::Status { op: "SELECT", sw: StatusWord::WrongLength };
        match self.location {
            Location::Applet(_) => {
                let cmd = commands::select_relative_path(path).map_err(|_| bad())?;
                // An EF right under the application leaves it the current DF; a deeper one (or a
                // deeper SELECT that failed half-way) may not.
                if path.len() > 1 {
                    self.at_application = false;
                }
                select_one(self.session, &cmd, "SELECT")
            }
            Location::Classic if self.path_select == PathSelect::Absolute => {
                let cmd = commands::select_path(path).map_err(|_| bad())?;
                match select_one(self.session, &cmd, "SELECT") {
                    Err(CardError::Status { sw, .. }) if path_select_refused(sw) => {
                        tracing::debug!("SELECT by path refused ({sw}): selecting step by step");
                        self.path_select = PathSelect::StepByStep;
                        self.select(path)
                    }
                    other => other,
                }
            }
            Location::Classic => {
                let (ef, dirs) = path.split_last().ok_or_else(bad)?;
                if self.classic_df.as_deref() != Some(dirs) {
                    self.classic_df = None;
                    select_one(self.session, &commands::select_mf(), "SELECT MF")?;
                    for fid in dirs {
                        select_one(self.session, &commands::select_fid(*fid), "SELECT")?;
                    }
                    self.classic_df = Some(dirs.to_vec());
                }
                // A failed SELECT of the EF leaves its DF current (ISO 7816-4).
                select_one(self.session, &commands::select_fid(*ef), "SELECT")
            }
        }
    }

    /// Selects and reads a transparent EF (see [`read_selected`]).
    pub fn read(
        &mut self,
        path: &[u16],
        limit: usize,
        total_from_prefix: &dyn Fn(&[u8]) -> Option<usize>,
    ) -> Result<Vec<u8>, CardError> {
        let size = self.select(path)?;
        let chunk = self.chunk();
        read_selected(self.session, size, limit, chunk, total_from_prefix)
    }

    /// Makes sure a PIN command about to go out reaches the PIN objects.
    ///
    /// Classic cards: nothing to select. P2 = 0x10 (bit 8 clear) names the object under the MF
    /// whatever the current DF, and STIncard's 0x90 searches from the current DF up to the MF
    /// (CNS spec §13.9, cns-facts §3.2); OpenSC sends the CNS0 PIN commands without a SELECT
    /// too (its CNS0 PIN object has no path). Under an applet: the application DF must be the
    /// current DF, so the application is selected again when a file below it was selected
    /// since (that drops no verified state we hold: this runs before the session's VERIFY).
    pub fn enter_pin_root(&mut self) -> Result<(), CardError> {
        match self.location {
            Location::Classic => Ok(()),
            Location::Applet(_) if self.at_application => Ok(()),
            Location::Applet(a) => {
                select_application(self.session, a)?;
                self.at_application = true;
                Ok(())
            }
        }
    }

    /// The key to sign with: the one of the first certificate location this card has. Where
    /// every location of the family has the same key nothing is sent; otherwise each location
    /// is SELECTed in order (no read) until one exists.
    pub fn signing_key(&mut self) -> Result<SigningKey, CardError> {
        let locations = self.cert_locations();
        let not_found = CardError::Status { op: "certificate", sw: StatusWord::FileNotFound };
        let first = locations.first().ok_or(not_found)?.key;
        if locations.iter().all(|l| l.key == first) {
            return Ok(first);
        }
        for l in locations {
            match self.select(l.path) {
                Ok(_) => return Ok(l.key),
                Err(CardError::Status { .. }) => continue,
                Err(e) => return Err(e),
            }
        }
        Err(CardError::Status { op: "certificate", sw: StatusWord::FileNotFound })
    }

    pub fn send(&mut self, cmd: &Command) -> Result<StatusWord, CardError> {
        Ok(exchange(self.session, cmd)?.sw)
    }
}

/// SELECT of the application by its AID, with no other check (it was confirmed before).
pub(crate) fn select_application(
    session: &mut dyn CardSession,
    applet: &AppletLayout,
) -> Result<(), CardError> {
    let cmd = commands::select_aid(applet.aid)
        .map_err(|_| CardError::Status { op: "SELECT AID", sw: StatusWord::WrongLength })?;
    match exchange(session, &cmd)?.sw {
        StatusWord::Ok => Ok(()),
        sw => Err(CardError::Status { op: "SELECT AID", sw }),
    }
}

/// The 16 digits of a BCD serial: 8 bytes, behind a `5A 08` tag when there is one.
fn bcd_serial(raw: &[u8]) -> Option<Vec<u8>> {
    let body = match raw {
        [0x5A, 0x08, rest @ ..] => rest.get(..8)?,
        _ => raw.get(..8)?,
    };
    let mut out = Vec::with_capacity(16);
    for b in body {
        for nibble in [b >> 4, b & 0x0F] {
            if nibble > 9 {
                return None;
            }
            out.push(b'0' + nibble);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bcd_serial_with_and_without_its_tag() {
        let tagged = [0x5A, 0x08, 0x60, 0x90, 0x10, 0x42, 0x37, 0x81, 0x50, 0x04];
        assert_eq!(bcd_serial(&tagged).as_deref(), Some(&b"6090104237815004"[..]));
        assert_eq!(bcd_serial(&tagged[2..]).as_deref(), Some(&b"6090104237815004"[..]));
        assert_eq!(bcd_serial(&[0x5A, 0x08, 0x60, 0x9F]), None);
        assert_eq!(bcd_serial(&[0x60, 0x90, 0x10, 0x42, 0x37, 0x81, 0x50, 0x0A]), None);
        assert_eq!(bcd_serial(&[]), None);
    }
}
