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
    /// DER of each X509Certificate in ServiceDigitalIdentity.
    pub certificates: Vec<Vec<u8>>,
    /// What the service is qualified for (the last part of each AdditionalServiceInformation
    /// URI: "ForeSignatures", "ForeSeals", "ForWebSiteAuthentication"); empty in lists made
    /// before these existed.
    pub purposes: Vec<String>,
}

impl Service {
    /// A qualified timestamp service, or a qualified CA for signatures or seals (a CA qualified
    /// only for website certificates is not one to check signatures with), whose current status
    /// is granted.
    pub fn is_trusted(&self) -> bool {
        let for_signatures =
            self.purposes.is_empty() || self.purposes.iter().any(|p| FOR_SIGNATURES.contains(&p.as_str()));
        ((self.service_type == CA_QC && for_signatures) || self.service_type == TSA_QTST)
            && TRUSTED_STATUSES.contains(&self.status.as_str())
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
                services.push(service(info, &tsp_name)?);
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
    Ok(Service { tsp_name: tsp_name.to_owned(), service_name, service_type, status, certificates, purposes })
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
