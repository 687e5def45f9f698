//! Everything the status screen and `cns-manager status` show, read in one session and without
//! ever spending a try.

use zeroize::Zeroizing;

use super::{
    CERTIFICATE_SIZE, CardError, PERSONAL_DATA_SIZE, PROCESSOR_DATA_SIZE, Root, identify, query_counters,
    read_certificate_in, read_file,
};
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
    /// Found under a CNS applet rather than the classic MF tree.
    pub applet: Option<Vec<u8>>,
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
    let recognition = profile::recognize(&atr);
    let mut session = transport.session()?;
    read_in_session(session.as_mut(), atr, recognition)
}

fn read_in_session(
    session: &mut dyn CardSession,
    atr: Vec<u8>,
    recognition: Recognition,
) -> Result<CardStatus, CardError> {
    let profile = recognition.profile;
    let (root, id) = identify(session, profile)?;

    let personal_raw = Zeroizing::new(optional(read_file(
        session,
        &root,
        profile.personal_data_path,
        PERSONAL_DATA_SIZE,
        &|_| None,
    ))?);
    let personal: Result<PersonalData, PartError> = if personal_raw.is_empty() {
        Err(PartError("EF.Dati_personali not readable".into()))
    } else {
        personal_data::parse(&personal_raw).map_err(PartError::from)
    };

    let processor =
        optional(read_file(session, &root, profile.processor_path, PROCESSOR_DATA_SIZE, &|_| None))?;
    let processor = processor::parse(&processor).ok();

    let der = match read_certificate_in(session, &root, profile) {
        Ok(der) => Some(der),
        Err(CardError::Status { .. } | CardError::Parse { .. }) => alt_certificate(session, &root, profile)?,
        Err(e) => return Err(e),
    };
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

    let (pin, puk) = query_counters(session, profile)?;
    Ok(CardStatus {
        atr,
        applet: match &root {
            Root::Mf => None,
            Root::Applet(aid) => Some(aid.clone()),
        },
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
        counters_queried: profile.empty_verify_safe,
    })
}

/// The certificate at the other places this card family keeps it.
fn alt_certificate(
    session: &mut dyn CardSession,
    root: &Root,
    profile: &crate::profile::CardProfile,
) -> Result<Option<Vec<u8>>, CardError> {
    for path in profile.alt_cert_paths {
        let der = optional(read_file(session, root, path, CERTIFICATE_SIZE, &cert::der_total_length))?;
        if cert::der_total_length(&der).is_some_and(|n| n <= der.len()) {
            return Ok(Some(der));
        }
    }
    Ok(None)
}

/// A file the card refuses to give is an empty part, not a failed status; losing the card is.
fn optional(r: Result<Vec<u8>, CardError>) -> Result<Vec<u8>, CardError> {
    match r {
        Ok(v) => Ok(v),
        Err(CardError::Status { .. }) => Ok(Vec::new()),
        Err(e) => Err(e),
    }
}
