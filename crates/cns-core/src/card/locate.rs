//! Finding the CNS files on a card, whatever its ATR: the classic tree under the MF first, then
//! the known CNS applets. Once found, [`Cns`] selects and reads files there at the fewest APDUs
//! the card family allows.

use crate::apdu::{Command, StatusWord, exchange};
use crate::commands;
use crate::files::id_carta::{self, CardId};
use crate::profile::{APPLETS, AppletLayout, CardProfile, Generation, PathSelect, SerialFile};
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

/// The CNS files of one card, within one session.
pub(crate) struct Cns<'s> {
    pub session: &'s mut dyn CardSession,
    pub profile: &'static CardProfile,
    pub location: Location,
    path_select: PathSelect,
}

impl<'s> Cns<'s> {
    /// The CNS files of a card found in an earlier session, without selecting anything: on an
    /// applet card selecting the application again would drop a verified PIN.
    pub fn resume(
        session: &'s mut dyn CardSession,
        profile: &'static CardProfile,
        location: Location,
    ) -> Cns<'s> {
        Cns { session, profile, location, path_select: profile.path_select }
    }

    /// Finds the CNS files and reads the card serial, which confirms the card is a TS-CNS.
    /// `known` (from an earlier read of the same card) skips the search.
    pub fn open(
        session: &'s mut dyn CardSession,
        profile: &'static CardProfile,
        known: Option<Location>,
    ) -> Result<(Cns<'s>, CardId), CardError> {
        let mut cns = Cns { session, profile, location: Location::Classic, path_select: profile.path_select };
        if let Some(Location::Applet(applet)) = known
            && cns.enter_applet(applet)?
        {
            let id = cns.applet_serial(applet)?;
            return Ok((cns, id));
        }
        // The first SELECT tells a classic card from an applet card. A refusal of SELECT by path
        // itself does not: an applet that an earlier session left selected answers so too. Then
        // the applets go first, and the classic tree is asked step by step only after them.
        let refused_path = match cns.classic_serial() {
            Ok(id) => return Ok((cns, id)),
            Err(CardError::Status { sw, .. }) if tree_absent(sw) => false,
            Err(CardError::Status { sw, .. }) if path_select_refused(sw) => true,
            Err(e) => return Err(e),
        };
        if let Some(id) = cns.find_applet()? {
            return Ok((cns, id));
        }
        if refused_path {
            cns.location = Location::Classic;
            cns.path_select = PathSelect::StepByStep;
            let id = cns.classic_serial()?;
            return Ok((cns, id));
        }
        Err(CardError::NotCns(None))
    }

    fn find_applet(&mut self) -> Result<Option<CardId>, CardError> {
        for &applet in APPLETS {
            if self.enter_applet(applet)? {
                match self.applet_serial(applet) {
                    Ok(id) => return Ok(Some(id)),
                    Err(CardError::Status { .. }) => continue,
                    Err(e) => return Err(e),
                }
            }
        }
        Ok(None)
    }

    /// EF.ID_Carta in the classic tree. The first SELECT by path is not retried step by step
    /// here: [`Cns::open`] decides what a refusal means.
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
        if let Some(check) = &applet.check {
            let r = exchange(self.session, &commands::get_data(check.p1, check.p2))?;
            let n = check.expect.len();
            if r.sw != StatusWord::Ok || !r.data.windows(n).any(|w| w == check.expect) {
                return Ok(false);
            }
        }
        self.location = Location::Applet(applet);
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

    /// Selects an EF by its path (from the MF, or from the application DF); its size from the
    /// FCI when the card gave one.
    pub fn select(&mut self, path: &[u16]) -> Result<Option<usize>, CardError> {
        let bad = |_| CardError::Status { op: "SELECT", sw: StatusWord::WrongLength };
        match self.location {
            Location::Applet(_) => {
                let cmd = commands::select_relative_path(path).map_err(bad)?;
                select_one(self.session, &cmd, "SELECT")
            }
            Location::Classic if self.path_select == PathSelect::Absolute => {
                let cmd = commands::select_path(path).map_err(bad)?;
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
                select_one(self.session, &commands::select_mf(), "SELECT MF")?;
                let mut size = None;
                for fid in path {
                    size = select_one(self.session, &commands::select_fid(*fid), "SELECT")?;
                }
                Ok(size)
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

    /// Makes the PIN objects the current ones before a PIN command: the MF on classic cards
    /// (P2 then names an object under it unambiguously); under an applet, the application
    /// selected at the start of this session already is.
    pub fn select_pin_root(&mut self) -> Result<(), CardError> {
        match self.location {
            Location::Classic => select_one(self.session, &commands::select_mf(), "SELECT MF").map(|_| ()),
            Location::Applet(_) => Ok(()),
        }
    }

    pub fn send(&mut self, cmd: &Command) -> Result<StatusWord, CardError> {
        Ok(exchange(self.session, cmd)?.sw)
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
