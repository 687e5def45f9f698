//! Reading a trusted list (ETSI TS 119 612) once its signature has been checked: the scheme's
//! territory, sequence number and dates, and every TSP service with its current status and
//! certificates. Pure functions of the bytes.

use base64::Engine;
use roxmltree::{Document, Node};

use crate::{Error, MAX_TSL_BYTES};

pub const TSL_NS: &str = "http://uri.etsi.org/02231/v2#";
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// A qualified CA issuing qualified certificates.
pub const CA_QC: &str = "http://uri.etsi.org/TrstSvc/Svctype/CA/QC";
/// A qualified timestamp authority.
pub const TSA_QTST: &str = "http://uri.etsi.org/TrstSvc/Svctype/TSA/QTST";
/// Timestamp services of the lists before eIDAS (TS 119 612 v1): a TSA whose tokens served
/// qualified signatures. Their accredited years still date the signatures of that time (InfoCert's
/// "Time Stamping Authority 2", accredited 2013-2016, in AgID's list).
pub const TSA_PRE_EIDAS: [&str; 2] = [
    "http://uri.etsi.org/TrstSvc/Svctype/TSA/TSS-QC",
    "http://uri.etsi.org/TrstSvc/Svctype/TSA/TSS-AdESQCandQES",
];
/// Statuses under which a service is to be trusted: "granted" (eIDAS), and the values of lists
/// made under the 1999/93/EC directive that older copies still carry.
pub const TRUSTED_STATUSES: &[&str] = &[
    "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted",
    "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/accredited",
    "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/undersupervision",
];

const ASI_PREFIX: &str = "http://uri.etsi.org/TrstSvc/TrustedList/SvcInfoExt/";
/// What a qualified CA may be qualified for (AdditionalServiceInformation): certificates for
/// signatures or seals are what a signed document is checked with.
const FOR_SIGNATURES: &[&str] = &["ForeSignatures", "ForeSeals"];

/// More certificates than this in one service is not a trusted list (real ones have a few).
const MAX_CERTS_PER_SERVICE: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustedList {
    /// Two letters ("IT"): safe as a folder name.
    pub territory: String,
    pub sequence_number: u64,
    /// ListIssueDateTime, as written (ISO 8601).
    pub issue_date: String,
    /// NextUpdate/dateTime; absent in a closed list.
    pub next_update: Option<String>,
    pub services: Vec<Service>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Service {
    /// The TSP's name, in Italian if the list has it, else English, else the first.
    pub tsp_name: String,
    pub service_name: String,
    pub service_type: String,
    /// The current status (ServiceInformation/ServiceStatus, not the history).
    pub status: String,
    /// Since when the current status holds (StatusStartingTime), as written.
    pub status_since: Option<String>,
    /// The earlier statuses (ServiceHistory), each with the time it started.
    pub history: Vec<StatusChange>,
    /// DER of each X509Certificate in ServiceDigitalIdentity.
    pub certificates: Vec<Vec<u8>>,
    /// What the service is qualified for (the last part of each AdditionalServiceInformation
    /// URI: "ForeSignatures", "ForeSeals", "ForWebSiteAuthentication"); empty in lists made
    /// before these existed.
    pub purposes: Vec<String>,
}

/// One earlier status of a service (a ServiceHistoryInstance).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusChange {
    pub status: String,
    pub since: String,
}

/// More history instances than this in one service is not a trusted list.
const MAX_HISTORY: usize = 64;

impl Service {
    /// The stretches of time (Unix seconds, from, until) in which the service's status was one
    /// to trust, from its current status and its history; `until` is `None` for the current one.
    /// A status whose starting time cannot be read is left out (never trusted).
    pub fn trusted_periods(&self) -> Vec<(i64, Option<i64>)> {
        let mut changes: Vec<(i64, &str)> =
            std::iter::once((self.status_since.as_deref(), self.status.as_str()))
                .chain(self.history.iter().map(|h| (Some(h.since.as_str()), h.status.as_str())))
                .filter_map(|(since, status)| Some((unix_seconds(since?)?, status)))
                .collect();
        changes.sort_by_key(|(t, _)| *t);
        let mut periods = Vec::new();
        for (i, (from, status)) in changes.iter().enumerate() {
            if TRUSTED_STATUSES.contains(status) {
                periods.push((*from, changes.get(i + 1).map(|(t, _)| *t)));
            }
        }
        periods
    }

    /// A qualified timestamp service, or a qualified CA for signatures or seals, that was to be
    /// trusted at some time ([`Service::trusted_periods`]), now or in the past.
    pub fn was_ever_trusted(&self) -> bool {
        self.qualified_for_signatures() && !self.trusted_periods().is_empty()
    }

    fn qualified_for_signatures(&self) -> bool {
        let for_signatures =
            self.purposes.is_empty() || self.purposes.iter().any(|p| FOR_SIGNATURES.contains(&p.as_str()));
        (self.service_type == CA_QC && for_signatures)
            || self.service_type == TSA_QTST
            || TSA_PRE_EIDAS.contains(&self.service_type.as_str())
    }

    /// A qualified timestamp service, or a qualified CA for signatures or seals (a CA qualified
    /// only for website certificates is not one to check signatures with), whose current status
    /// is granted.
    pub fn is_trusted(&self) -> bool {
        self.qualified_for_signatures() && TRUSTED_STATUSES.contains(&self.status.as_str())
    }
}

impl TrustedList {
    /// The services to trust ([`Service::is_trusted`]).
    pub fn trusted_services(&self) -> impl Iterator<Item = &Service> {
        self.services.iter().filter(|s| s.is_trusted())
    }
}

/// Parses an XML document the way every reader here does: size cap, no DTD.
pub fn document(xml: &[u8]) -> Result<Document<'_>, Error> {
    if xml.len() > MAX_TSL_BYTES {
        return Err(Error::TooLarge { max: MAX_TSL_BYTES });
    }
    let text = std::str::from_utf8(xml).map_err(|e| Error::Malformed(format!("not UTF-8: {e}")))?;
    // roxmltree refuses a DOCTYPE by default (ParsingOptions::allow_dtd is false).
    Document::parse(text).map_err(|e| Error::Malformed(e.to_string()))
}

/// Reads the list from an already parsed document.
pub fn parse_document(doc: &Document<'_>) -> Result<TrustedList, Error> {
    let root = doc.root_element();
    if !is(root, TSL_NS, "TrustServiceStatusList") {
        return Err(Error::Malformed("the root is not a TrustServiceStatusList".into()));
    }
    let scheme = child(root, "SchemeInformation").ok_or_else(|| missing("SchemeInformation"))?;
    let territory = text_of(child(scheme, "SchemeTerritory")).ok_or_else(|| missing("SchemeTerritory"))?;
    if territory.len() != 2 || !territory.chars().all(|c| c.is_ascii_uppercase()) {
        return Err(Error::Malformed(format!("territory {territory:?} is not two capital letters")));
    }
    let seq = text_of(child(scheme, "TSLSequenceNumber")).ok_or_else(|| missing("TSLSequenceNumber"))?;
    let sequence_number = seq
        .parse::<u64>()
        .map_err(|_| Error::Malformed(format!("sequence number {seq:?} is not a number")))?;
    let issue_date =
        text_of(child(scheme, "ListIssueDateTime")).ok_or_else(|| missing("ListIssueDateTime"))?;
    let next_update = child(scheme, "NextUpdate").and_then(|n| text_of(child(n, "dateTime")));

    let mut services = Vec::new();
    if let Some(providers) = child(root, "TrustServiceProviderList") {
        for tsp in children(providers, "TrustServiceProvider") {
            let tsp_name = child(tsp, "TSPInformation")
                .and_then(|i| child(i, "TSPName"))
                .and_then(localised_name)
                .ok_or_else(|| missing("TSPName"))?;
            let Some(list) = child(tsp, "TSPServices") else { continue };
            for svc in children(list, "TSPService") {
                let info = child(svc, "ServiceInformation").ok_or_else(|| missing("ServiceInformation"))?;
                let mut s = service(info, &tsp_name)?;
                s.history = history(svc)?;
                services.push(s);
            }
        }
    }
    Ok(TrustedList { territory, sequence_number, issue_date, next_update, services })
}

/// [`document`] then [`parse_document`]: for callers that have only the bytes (the fuzz target).
pub fn parse(xml: &[u8]) -> Result<TrustedList, Error> {
    parse_document(&document(xml)?)
}

fn service(info: Node<'_, '_>, tsp_name: &str) -> Result<Service, Error> {
    let service_type =
        text_of(child(info, "ServiceTypeIdentifier")).ok_or_else(|| missing("ServiceTypeIdentifier"))?;
    let service_name = child(info, "ServiceName").and_then(localised_name).unwrap_or_default();
    let status = text_of(child(info, "ServiceStatus")).ok_or_else(|| missing("ServiceStatus"))?;
    let mut certificates = Vec::new();
    if let Some(ids) = child(info, "ServiceDigitalIdentity") {
        for id in children(ids, "DigitalId") {
            for c in children(id, "X509Certificate") {
                certificates.push(base64_der(&text(c))?);
                if certificates.len() > MAX_CERTS_PER_SERVICE {
                    return Err(Error::Malformed(format!(
                        "more than {MAX_CERTS_PER_SERVICE} certificates in one service"
                    )));
                }
            }
        }
    }
    let purposes = child(info, "ServiceInformationExtensions")
        .into_iter()
        .flat_map(|x| children(x, "Extension"))
        .flat_map(|x| children(x, "AdditionalServiceInformation"))
        .filter_map(|a| text_of(child(a, "URI")))
        .filter_map(|u| u.strip_prefix(ASI_PREFIX).map(str::to_owned))
        .collect();
    let status_since = text_of(child(info, "StatusStartingTime"));
    Ok(Service {
        tsp_name: tsp_name.to_owned(),
        service_name,
        service_type,
        status,
        status_since,
        history: Vec::new(),
        certificates,
        purposes,
    })
}

/// The ServiceHistory of a TSPService: each instance's status and starting time.
fn history(svc: Node<'_, '_>) -> Result<Vec<StatusChange>, Error> {
    let mut out = Vec::new();
    for h in child(svc, "ServiceHistory").into_iter().flat_map(|h| children(h, "ServiceHistoryInstance")) {
        let (Some(status), Some(since)) =
            (text_of(child(h, "ServiceStatus")), text_of(child(h, "StatusStartingTime")))
        else {
            continue;
        };
        out.push(StatusChange { status, since });
        if out.len() > MAX_HISTORY {
            return Err(Error::Malformed(format!("more than {MAX_HISTORY} history entries in one service")));
        }
    }
    Ok(out)
}

/// An xsd:dateTime in UTC as trusted lists write it (`2016-06-30T22:00:00Z`, fractions of a
/// second allowed, `+00:00` too) in Unix seconds; another form is `None`.
pub fn unix_seconds(text: &str) -> Option<i64> {
    let t = text.trim();
    let (date, rest) = t.split_once('T')?;
    let rest = rest.strip_suffix('Z').or_else(|| rest.strip_suffix("+00:00"))?;
    let clock = rest.split_once('.').map_or(rest, |(c, _)| c);
    let num = |s: &str| s.parse::<i64>().ok();
    let mut d = date.splitn(3, '-').map(num);
    let (y, m, day) = (d.next()??, d.next()??, d.next()??);
    let mut c = clock.splitn(3, ':').map(num);
    let (hh, mm, ss) = (c.next()??, c.next()??, c.next()??);
    if !(1..=12).contains(&m) || !(1..=31).contains(&day) || hh > 23 || mm > 59 || ss > 60 {
        return None;
    }
    // Days from the civil date (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + hh * 3600 + mm * 60 + ss)
}

/// Base64 as XML Signature and TS 119 612 write it: whitespace and line breaks allowed.
pub fn base64_der(text: &str) -> Result<Vec<u8>, Error> {
    let clean: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    let der = base64::engine::general_purpose::STANDARD
        .decode(clean.as_bytes())
        .map_err(|e| Error::Malformed(format!("a certificate is not Base64: {e}")))?;
    if der.is_empty() {
        return Err(Error::Malformed("an empty certificate".into()));
    }
    Ok(der)
}

/// The Name child in Italian, else English, else the first one.
fn localised_name(names: Node<'_, '_>) -> Option<String> {
    let all: Vec<Node<'_, '_>> = children(names, "Name").collect();
    let lang = |l: &str| all.iter().find(|n| n.attribute((XML_NS, "lang")) == Some(l)).copied();
    let pick = lang("it").or_else(|| lang("en")).or_else(|| all.first().copied())?;
    text_of(Some(pick))
}

fn is(n: Node<'_, '_>, ns: &str, name: &str) -> bool {
    n.is_element() && n.tag_name().namespace() == Some(ns) && n.tag_name().name() == name
}

fn children<'a, 'i>(n: Node<'a, 'i>, name: &'static str) -> impl Iterator<Item = Node<'a, 'i>> {
    n.children().filter(move |c| is(*c, TSL_NS, name))
}

fn child<'a, 'i>(n: Node<'a, 'i>, name: &'static str) -> Option<Node<'a, 'i>> {
    children(n, name).next()
}

/// All the element's text, comments left out: a comment is not covered by the signature
/// (canonicalisation without comments), so one put inside a name or a certificate must not cut
/// what is read there (roxmltree's `text()` would stop at it).
pub fn text(n: Node<'_, '_>) -> String {
    n.children().filter(|c| c.is_text()).filter_map(|c| c.text()).collect()
}

fn text_of(n: Option<Node<'_, '_>>) -> Option<String> {
    let t = text(n?);
    let t = t.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

fn missing(what: &str) -> Error {
    Error::Malformed(format!("no {what}"))
}

#[cfg(test)]
mod period_tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    const GRANTED: &str = "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted";
    const WITHDRAWN: &str = "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/withdrawn";
    const ACCREDITED: &str = "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/accredited";

    fn svc(status: &str, since: &str, history: &[(&str, &str)]) -> Service {
        Service {
            tsp_name: "TSP".into(),
            service_name: "CA".into(),
            service_type: CA_QC.into(),
            status: status.into(),
            status_since: Some(since.into()),
            history: history
                .iter()
                .map(|(s, t)| StatusChange { status: (*s).into(), since: (*t).into() })
                .collect(),
            certificates: vec![],
            purposes: vec![],
        }
    }

    #[test]
    fn xsd_date_times_are_read_in_utc() {
        assert_eq!(unix_seconds("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(unix_seconds("2016-06-30T22:00:00Z"), Some(1_467_324_000));
        assert_eq!(unix_seconds("2016-06-30T22:00:00.500+00:00"), Some(1_467_324_000));
        assert_eq!(unix_seconds("2016-06-30T22:00:00+02:00"), None);
        assert_eq!(unix_seconds("2016-13-30T22:00:00Z"), None);
        assert_eq!(unix_seconds("yesterday"), None);
    }

    #[test]
    fn a_withdrawn_ca_is_trusted_for_the_years_it_was_accredited_then_granted() {
        let s = svc(
            WITHDRAWN,
            "2020-01-01T00:00:00Z",
            &[(GRANTED, "2016-07-01T00:00:00Z"), (ACCREDITED, "2010-01-01T00:00:00Z")],
        );
        let (t2010, t2016, t2020) = (
            unix_seconds("2010-01-01T00:00:00Z").unwrap(),
            unix_seconds("2016-07-01T00:00:00Z").unwrap(),
            unix_seconds("2020-01-01T00:00:00Z").unwrap(),
        );
        assert_eq!(s.trusted_periods(), vec![(t2010, Some(t2016)), (t2016, Some(t2020))]);
        assert!(s.was_ever_trusted() && !s.is_trusted());
        let never = svc(WITHDRAWN, "2020-01-01T00:00:00Z", &[]);
        assert!(!never.was_ever_trusted());
        let now = svc(GRANTED, "2016-07-01T00:00:00Z", &[]);
        assert_eq!(now.trusted_periods(), vec![(t2016, None)]);
    }
}
