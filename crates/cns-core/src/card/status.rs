//! Everything the status screen and `cns-manager status` show, read in one session and without
//! ever spending a try.

use zeroize::Zeroizing;

use super::locate::{Cns, Counters, Location};
use super::{CardError, PERSONAL_DATA_SIZE, PROCESSOR_DATA_SIZE, read_certificate_in};
use crate::cert::{self, CertSummary, Consistency};
use crate::codice_fiscale::{self, CfMismatch, CodiceFiscale};
use crate::files::id_carta::CardId;
use crate::files::personal_data::{self, PersonalData};
use crate::files::processor::{self, ProcessorData};
use crate::pin::PinState;
use crate::profile::{self, Recognition};
use crate::transport::{CardSession, CardTransport};

/// A problem with one part of the card that does not stop the rest from being shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartError(pub String);

impl<E: std::error::Error> From<E> for PartError {
    fn from(e: E) -> Self {
        PartError(crate::error_chain(&e))
    }
}

/// What one card says about itself. Holds personal data: never log it (its `Debug` is redacted).
pub struct CardStatus {
    pub atr: Vec<u8>,
    pub recognition: Recognition,
    pub id: CardId,
    /// Where the CNS files are: the classic tree or an applet (which generation of card).
    pub location: Location,
    pub personal: Result<PersonalData, PartError>,
    /// The raw EF.Dati_personali, kept for the certificate hash check; wiped on drop.
    pub personal_raw: Zeroizing<Vec<u8>>,
    pub fiscal_code: Option<Result<CodiceFiscale, PartError>>,
    pub fiscal_code_mismatches: Vec<CfMismatch>,
    pub processor: Option<ProcessorData>,
    pub certificate_der: Option<Zeroizing<Vec<u8>>>,
    pub certificate: Result<CertSummary, PartError>,
    pub consistency: Option<Consistency>,
    pub pin: PinState,
    pub puk: PinState,
    /// False when the card's profile forbids asking the counters (they show as unknown).
    pub counters_queried: bool,
}

impl std::fmt::Debug for CardStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "CardStatus(<redacted>, profile {}, pin {:?}, puk {:?})",
            self.recognition.profile.name, self.pin, self.puk
        )
    }
}

impl CardStatus {
    /// The card's expiry date from EF.Dati_personali.
    pub fn card_expiry(&self) -> Option<time::Date> {
        self.personal.as_ref().ok().and_then(|p| p.expiry_date.date)
    }
}

/// Reads the card: identity, personal data, certificate, and the counters where that is free.
pub fn read_status(transport: &mut dyn CardTransport) -> Result<CardStatus, CardError> {
    let atr = transport.atr().to_vec();
    super::check_atr(&atr)?;
    let recognition = profile::recognize(&atr);
    let mut session = transport.session()?;
    read_in_session(session.as_mut(), atr, recognition)
}

fn read_in_session(
    session: &mut dyn CardSession,
    atr: Vec<u8>,
    recognition: Recognition,
) -> Result<CardStatus, CardError> {
    // The counters are asked as soon as the PIN objects are reachable (under an applet: right
    // after the application is selected, before any file below it is), so they cost no SELECT.
    let (mut cns, id) = Cns::open(session, &recognition, Counters::Both)?;
    let (personal_path, processor_path) = match cns.location {
        Location::Classic => (cns.profile.personal_data_path, Some(cns.profile.processor_path)),
        Location::Applet(a) => (a.personal_data_path, a.processor_path),
    };

    // EF.Dati_processore before EF.Dati_personali: it sits in DF0 beside EF.ID_Carta, so a card
    // read step by step reaches it with one SELECT.
    let processor = match processor_path {
        Some(path) => processor::parse(&optional(cns.read(path, PROCESSOR_DATA_SIZE, &|_| None))?).ok(),
        None => None,
    };

    // Only the used part of the 400 bytes: the field walk tells when it has ended.
    let personal_raw =
        Zeroizing::new(optional(cns.read(personal_path, PERSONAL_DATA_SIZE, &personal_data::content_len))?);
    let personal: Result<PersonalData, PartError> = if personal_raw.is_empty() {
        Err(PartError("EF.Dati_personali not readable".into()))
    } else {
        personal_data::parse(&personal_raw).map_err(PartError::from)
    };

    let der = read_certificate_in(&mut cns)?;
    let certificate = match &der {
        Some(d) => CertSummary::from_der(d).map_err(PartError::from),
        None => Err(PartError("no authentication certificate on the card".into())),
    };

    let fiscal_code =
        personal.as_ref().ok().map(|p| codice_fiscale::parse(&p.fiscal_code).map_err(PartError::from));
    let fiscal_code_mismatches = match (&fiscal_code, &personal) {
        (Some(Ok(cf)), Ok(p)) => codice_fiscale::cross_check(cf, p),
        _ => Vec::new(),
    };
    let consistency = certificate.as_ref().ok().map(|c| {
        let pd = personal.as_ref().ok();
        cert::check_consistency(
            c,
            Some(id.serial.as_str()),
            pd.map(|p| p.fiscal_code.as_str()),
            pd.map(|p| (personal_raw.as_slice(), p.used_len)),
        )
    });

    let (pin, puk) = (cns.pin, cns.puk);
    let counters_queried = cns.profile.empty_verify_safe;
    let location = cns.location;
    Ok(CardStatus {
        atr,
        location,
        recognition,
        id,
        personal,
        personal_raw,
        fiscal_code,
        fiscal_code_mismatches,
        processor,
        certificate_der: der.map(Zeroizing::new),
        certificate,
        consistency,
        pin,
        puk,
        counters_queried,
    })
}

/// A file the card refuses to give is an empty part, not a failed status; losing the card is.
fn optional(r: Result<Vec<u8>, CardError>) -> Result<Vec<u8>, CardError> {
    match r {
        Ok(v) => Ok(v),
        Err(CardError::Status { .. }) => Ok(Vec::new()),
        Err(e) => Err(e),
    }
}
