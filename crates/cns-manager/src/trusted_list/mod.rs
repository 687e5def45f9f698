//! Trust from an EU trusted list (AgID's TSL for Italy): importing one checks its signature
//! against the pinned signer ([`cns_tsl::verify`]) and trusts its granted qualified CAs and
//! qualified timestamp services, kept beside the trusted-CA folder:
//!
//! `<config>/trusted-tsl/<TERRITORY>/` holds one `<sha256>.der` per certificate and `index.json`
//! (what the list says of each: TSP, service, type, status; the list's sequence number and
//! dates). A newer list of the same territory replaces that folder whole; the CAs the user
//! imported by hand (`trusted-ca/`) are never touched.
//!
//! The pinned signer: the user's `<config>/tsl-signer/` if it holds certificates, else the
//! system's (`/etc/cns-manager/tsl-signer/`, `CNS_SYSTEM_TSL_SIGNER_DIR` for tests and
//! packagers), else the AgID certificates built into the program (`assets/tsl/`).

use std::path::{Path, PathBuf};

use cns_cades::verify::{QcStatements, SignerReport, TrustStatus};
use serde::{Deserialize, Serialize};

use crate::trusted_ca;

mod words;
pub use words::{import_error_words, import_words, qualified_line, qualified_words, stale_words};

const DIR: &str = "trusted-tsl";
const SIGNER_DIR: &str = "tsl-signer";
const INDEX: &str = "index.json";
/// Replaces the system-wide signer folder (see the module doc).
pub const SYSTEM_SIGNER_DIR_ENV: &str = "CNS_SYSTEM_TSL_SIGNER_DIR";
/// Where AgID publishes the Italian list (said in the help: this program does not download it).
pub const AGID_URL: &str = "https://eidas.agid.gov.it/TL/TSL-IT.xml";

/// The AgID signer certificates of the EU list of trusted lists (origin: assets/tsl/README.md).
const BUILT_IN_SIGNERS: &[&str] = &[
    include_str!("../../../../assets/tsl/agid-ed36919a6a09991c.pem"),
    include_str!("../../../../assets/tsl/agid-d8b6fccadb4a81f9.pem"),
    include_str!("../../../../assets/tsl/agid-33e8dc700a86aae8.pem"),
    include_str!("../../../../assets/tsl/agid-7ebe8e4160cde7c8.pem"),
];

/// What a trusted list said of one certificate it lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub sha256: String,
    /// The TSP's name (Italian if the list has it).
    pub tsp: String,
    pub service: String,
    pub service_type: String,
    /// The service's current status (a withdrawn one is kept for its earlier periods).
    pub status: String,
    /// When the service was to be trusted (Unix seconds, from, until; `until` absent: still).
    /// Empty in an index written before periods were kept: trusted without limit, as then.
    #[serde(default)]
    pub periods: Vec<(i64, Option<i64>)>,
}

impl Entry {
    pub fn is_qualified_ca(&self) -> bool {
        self.service_type == cns_tsl::list::CA_QC
    }

    /// Trusted today (its last period is still open), not only for past years.
    pub fn is_current(&self) -> bool {
        self.periods.is_empty() || self.periods.iter().any(|(_, until)| until.is_none())
    }
}

/// One imported list: its identity and the certificates trusted from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Index {
    pub territory: String,
    pub sequence_number: u64,
    pub issue_date: String,
    pub next_update: Option<String>,
    /// SHA-256 of the pinned certificate that verified the list.
    pub signer_sha256: String,
    pub entries: Vec<Entry>,
}

impl Index {
    /// Qualified CAs trusted today.
    pub fn qualified_cas(&self) -> usize {
        self.entries.iter().filter(|e| e.is_current() && e.is_qualified_ca()).count()
    }
    /// Timestamp services trusted today.
    pub fn timestamp_services(&self) -> usize {
        self.entries.iter().filter(|e| e.is_current() && !e.is_qualified_ca()).count()
    }
    /// Certificates trusted only for the years their service was granted (withdrawn since).
    pub fn past_only(&self) -> usize {
        self.entries.iter().filter(|e| !e.is_current()).count()
    }
    /// The list's NextUpdate has passed (AgID should have published a newer one).
    pub fn is_stale(&self) -> bool {
        self.next_update.as_deref().and_then(parse_time).is_some_and(|t| t < time::OffsetDateTime::now_utc())
    }
}

fn parse_time(s: &str) -> Option<time::OffsetDateTime> {
    time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).ok()
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error(transparent)]
    Tsl(#[from] cns_tsl::Error),
    #[error("the list's sequence number {given} is older than the one imported ({have})")]
    Older { have: u64, given: u64 },
    #[error("no configuration folder")]
    NoConfigDir,
    #[error("{0}")]
    Io(#[source] std::io::Error),
}

fn config_dir() -> Option<PathBuf> {
    crate::settings::user_path().and_then(|p| p.parent().map(Path::to_path_buf))
}

pub fn user_dir() -> Option<PathBuf> {
    config_dir().map(|d| d.join(DIR))
}

fn user_signer_dir() -> Option<PathBuf> {
    config_dir().map(|d| d.join(SIGNER_DIR))
}

fn system_signer_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os(SYSTEM_SIGNER_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(d));
    }
    crate::settings::system_path().and_then(|p| p.parent().map(|d| d.join(SIGNER_DIR)))
}

/// Where the pinned signer comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SignerSource {
    User,
    System,
    BuiltIn,
}

fn certificates_in_dir(dir: &Path) -> Vec<Vec<u8>> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut files: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    files.sort();
    let mut out = Vec::new();
    for p in files {
        let ext = p.extension().and_then(|x| x.to_str()).unwrap_or("").to_ascii_lowercase();
        if matches!(ext.as_str(), "der" | "pem" | "crt" | "cer")
            && let Ok(bytes) = trusted_ca::read_cert_file(&p)
        {
            out.extend(trusted_ca::certificates_in(&bytes).unwrap_or_default());
        }
    }
    out
}

/// The pinned signer certificates (DER) and where they come from.
pub fn signers() -> (Vec<Vec<u8>>, SignerSource) {
    if let Some(d) = user_signer_dir() {
        let c = certificates_in_dir(&d);
        if !c.is_empty() {
            return (c, SignerSource::User);
        }
    }
    if let Some(d) = system_signer_dir() {
        let c = certificates_in_dir(&d);
        if !c.is_empty() {
            return (c, SignerSource::System);
        }
    }
    let built_in = BUILT_IN_SIGNERS
        .iter()
        .flat_map(|pem| trusted_ca::certificates_in(pem.as_bytes()).unwrap_or_default())
        .collect();
    (built_in, SignerSource::BuiltIn)
}

/// Replaces the user's pinned signer with the certificates of `bytes` (DER or PEM); returns
/// their SHA-256.
pub fn set_user_signer(bytes: &[u8]) -> Result<Vec<String>, String> {
    let certs = trusted_ca::certificates_in(bytes)?;
    for c in &certs {
        trusted_ca::describe(c)?;
    }
    let dir = user_signer_dir().ok_or("no configuration folder")?;
    if dir.exists() {
        std::fs::remove_dir_all(&dir).map_err(|e| e.to_string())?;
    }
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for c in certs {
        let sha = trusted_ca::sha256_hex(&c);
        std::fs::write(dir.join(format!("{sha}.der")), &c).map_err(|e| e.to_string())?;
        out.push(sha);
    }
    Ok(out)
}

/// Every imported list.
///
/// The window asks on every frame (the report's "certificatore accreditato" line): the files are
/// read again only when one changed (path, size, modification time).
pub fn indexes() -> Vec<Index> {
    type Stamp = Vec<(PathBuf, u64, Option<std::time::SystemTime>)>;
    static CACHE: std::sync::Mutex<Option<(Stamp, Vec<Index>)>> = std::sync::Mutex::new(None);
    let Some(dir) = user_dir() else { return Vec::new() };
    let Ok(entries) = std::fs::read_dir(&dir) else { return Vec::new() };
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| e.path().join(INDEX))
        .collect();
    files.sort();
    let stamp: Stamp = files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok().map(|m| (f.clone(), m.len(), m.modified().ok())))
        .collect();
    let mut cache = CACHE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some((s, cached)) = cache.as_ref()
        && *s == stamp
    {
        return cached.clone();
    }
    let mut out: Vec<Index> = stamp
        .iter()
        .filter_map(|(f, ..)| std::fs::read(f).ok())
        .filter_map(|b| serde_json::from_slice(&b).ok())
        .collect();
    out.sort_by(|a, b| a.territory.cmp(&b.territory));
    *cache = Some((stamp, out.clone()));
    out
}

/// The folders of imported lists' certificates (read by [`trusted_ca::list`]).
pub fn certificate_dirs() -> Vec<PathBuf> {
    let Some(dir) = user_dir() else { return Vec::new() };
    indexes().into_iter().map(|i| dir.join(i.territory)).collect()
}

/// What an imported list says of the certificate with this SHA-256, and the list's territory.
pub fn lookup(sha256: &str) -> Option<(String, Entry)> {
    indexes().into_iter().find_map(|i| {
        i.entries.iter().find(|e| e.sha256 == sha256).cloned().map(|e| (i.territory.clone(), e))
    })
}

/// Imports a trusted list: verified with `signer` (or the pinned [`signers`]), refused if older
/// than the one imported for its territory, then the territory's folder replaced.
pub fn import(xml: &[u8], signer: Option<Vec<Vec<u8>>>) -> Result<Index, ImportError> {
    let pinned = signer.unwrap_or_else(|| signers().0);
    let verified = cns_tsl::verify(xml, &pinned)?;
    let list = verified.list;
    if let Some(have) = indexes().into_iter().find(|i| i.territory == list.territory)
        && list.sequence_number < have.sequence_number
    {
        return Err(ImportError::Older { have: have.sequence_number, given: list.sequence_number });
    }
    let mut entries = Vec::new();
    let mut ders = Vec::new();
    // Services granted now or in the past: a CA withdrawn since still vouches for signatures a
    // time-stamp places in its granted years (TrustStore periods).
    for s in list.services.iter().filter(|s| s.was_ever_trusted()) {
        let periods = s.trusted_periods();
        for der in &s.certificates {
            let sha256 = trusted_ca::sha256_hex(der);
            if let Some(e) = entries.iter_mut().find(|e: &&mut Entry| e.sha256 == sha256) {
                e.periods.extend(periods.iter().copied());
                continue;
            }
            entries.push(Entry {
                sha256,
                tsp: s.tsp_name.clone(),
                service: s.service_name.clone(),
                service_type: s.service_type.clone(),
                status: s.status.clone(),
                periods: periods.clone(),
            });
            ders.push(der.clone());
        }
    }
    let index = Index {
        territory: list.territory.clone(),
        sequence_number: list.sequence_number,
        issue_date: list.issue_date.clone(),
        next_update: list.next_update.clone(),
        signer_sha256: verified.signer_sha256,
        entries,
    };
    let dir = user_dir().ok_or(ImportError::NoConfigDir)?;
    replace_folder(&dir, &index, &ders).map_err(ImportError::Io)?;
    Ok(index)
}

/// Writes the territory's folder beside the old one, then swaps them, so that a failure leaves
/// the previous import whole.
fn replace_folder(dir: &Path, index: &Index, ders: &[Vec<u8>]) -> std::io::Result<()> {
    let (new, old, live) = (
        dir.join(format!(".{}.new", index.territory)),
        dir.join(format!(".{}.old", index.territory)),
        dir.join(&index.territory),
    );
    for d in [&new, &old] {
        if d.exists() {
            std::fs::remove_dir_all(d)?;
        }
    }
    std::fs::create_dir_all(&new)?;
    for (e, der) in index.entries.iter().zip(ders) {
        std::fs::write(new.join(format!("{}.der", e.sha256)), der)?;
    }
    let json = serde_json::to_vec_pretty(index).map_err(std::io::Error::other)?;
    std::fs::write(new.join(INDEX), json)?;
    if live.exists() {
        std::fs::rename(&live, &old)?;
    }
    std::fs::rename(&new, &live)?;
    if old.exists() {
        std::fs::remove_dir_all(&old)?;
    }
    Ok(())
}

/// What the report says of a signer whose CA is in an imported trusted list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Qualified {
    /// The accredited TSP, as the list names it.
    pub tsp: String,
    pub territory: String,
    /// The certificate declares itself qualified (QcCompliance).
    pub qc_compliance: bool,
    /// Its key is in a qualified signature creation device (QcSSCD).
    pub qscd: bool,
}

/// The signer chains to a qualified CA of an imported list: who, and what the certificate
/// declares. None if its anchor is not a list's qualified CA.
pub fn qualified(trust: &TrustStatus, qc: QcStatements) -> Option<Qualified> {
    let TrustStatus::Trusted { anchor_sha256, .. } = trust else { return None };
    let (territory, entry) = lookup(anchor_sha256)?;
    if !entry.is_qualified_ca() {
        return None;
    }
    Some(Qualified { tsp: entry.tsp, territory, qc_compliance: qc.compliance, qscd: qc.qscd })
}

/// [`qualified`] of a signer in a verification report.
pub fn qualified_signer(s: &SignerReport) -> Option<Qualified> {
    qualified(&s.trust, s.qc)
}

/// The signer's "qualified" JSON field: null if its CA is not in an imported list.
pub fn qualified_json(s: &SignerReport) -> serde_json::Value {
    match qualified_signer(s) {
        Some(q) => serde_json::json!({
            "tsp": q.tsp, "territory": q.territory, "qc_compliance": q.qc_compliance, "qscd": q.qscd
        }),
        None => serde_json::Value::Null,
    }
}

/// For each certificate of the imported lists that is trusted only for some periods, those
/// periods (SHA-256 → periods). A certificate absent from the map (not from a list, or from an
/// index written without periods) is trusted without limit. Read once per trust store, not per
/// certificate.
pub fn trust_periods() -> std::collections::HashMap<String, Vec<cns_cades::Period>> {
    let at = |s: i64| cns_cades::trust::from_unix_seconds(s);
    indexes()
        .into_iter()
        .flat_map(|i| i.entries)
        .filter(|e| !e.periods.is_empty())
        .map(|e| {
            let periods = e
                .periods
                .iter()
                .map(|(from, until)| cns_cades::Period { from: at(*from), until: until.map(at) });
            (e.sha256, periods.collect())
        })
        .collect()
}
