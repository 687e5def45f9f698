//! "Firma un documento" and "Verifica un documento": choose (or drop) a file, for signing type the
//! PIN (checked locally, with the same last-try confirmation as the PIN wizards), then the work
//! runs on its own thread with a progress bar, and a result page says in plain words what
//! happened and whom to trust.
//!
//! The signature is the card worker's ([`crate::service::worker`], which owns every card
//! connection) and the same use case as `cns-manager sign` ([`crate::ops::sign`]): one card
//! session at the end (PIN and signature together, then a reset, see
//! `cns_core::card::sign_with_pin`). The check ([`crate::ops::verify`]) and the file dialog run
//! as [`Background`] jobs: the window never waits.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use egui::{RichText, Ui};

use super::a11y;
use super::app::{Action, CnsApp};
use super::doc_trust::{self, TrustStep};
use super::state::Screen;
use super::views::{banner, live_banner, primary_button, secondary_button};
use super::widgets::pin_entry::{PinBuffer, describe_pin_field, pin_entry_with_id};
use super::words::Tone;
use crate::i18n::Lang;
use crate::i18n::{Message, msg};
use crate::ops::sign::{SignError, SignJob, Signed, Unready};
use crate::ops::verify::{Check, VerifyError};
use crate::service::Background;
use crate::service::worker::{Request, Worker};
use crate::signature_words::{self as sig, Failure};
use cns_cades::card::CardSignError;
use cns_cades::verify::{CertValidity, Revocation, TrustStatus};
use cns_cades::{CadesError, VerifyReport};
use cns_core::Pin;
use cns_core::PinKind;
use cns_core::flow::{Outcome, Refusal};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Sign,
    Verify,
}

pub(crate) enum DocAction {
    /// Opens the screen, with a file already chosen (dropped) or not.
    Open(Kind, Option<PathBuf>),
    /// Asks the system's file dialog for a file.
    Pick,
    /// Opens the file typed in the in-window path field (no file dialog on this desktop).
    OpenTyped,
    /// "Firma un altro documento" / "Verifica un altro documento": the page afresh, the file
    /// chooser open.
    Another,
    /// Asks for the certificate of the authority to trust ([`doc_trust`]).
    PickAuthority,
    /// The authority's certificate, chosen or dropped on the window.
    AuthorityFile(PathBuf),
    /// The user read the authority's name and fingerprint and said yes.
    TrustConfirm,
    TrustCancel,
    /// Asks for a trusted list file (AgID's TSL) to import ([`doc_trust::import_tsl`]).
    PickTsl,
    /// The trusted list file, chosen or dropped on the window: imported on a thread of its own
    /// (xmlsec1 checks the list's signature, ~0.4 s for AgID's 2 MB list).
    TslFile(PathBuf),
    /// The import's answer: its summary (and whether the list is past its next update), or why
    /// nothing was trusted.
    TslImported(Result<(String, bool), String>),
    Detached(bool),
    /// Sign (after the PIN) or verify.
    Start,
    /// The user confirmed spending the last PIN try.
    ConfirmLastTry,
    /// Back from the last-try confirmation.
    CancelLastTry,
    /// Saves the extracted document beside the signed file.
    Extract,
    OpenFolder(PathBuf),
}

/// Why a signature was not made.
pub(crate) enum SignFailed {
    /// The card itself says one try is left (the window's status was older) and it was not
    /// confirmed: nothing was sent. The user types the PIN again and is asked to confirm.
    NeedsConfirmation,
    Other(String),
}

/// A check's answer: the report, the extracted document (a signature with the document inside),
/// the document a detached signature was checked against.
type Checked = Result<(VerifyReport, Option<tempfile::NamedTempFile>, Option<PathBuf>), Failure>;

/// Whose answer a working page waits for.
pub(crate) enum Pending {
    Verify(Background<Checked>),
    /// The card worker's [`crate::service::worker::Event::Signed`] with this number.
    Sign {
        seq: u64,
    },
}

/// Numbers the signatures sent to the worker, so that an answer for a page closed since is not
/// taken for the open one's.
static SIGN_SEQ: AtomicU64 = AtomicU64::new(0);

pub(crate) enum Phase {
    Choose { problem: Option<String> },
    ConfirmLastTry { focus: bool },
    Working { progress: Arc<AtomicU64>, total: u64, pending: Pending },
    Signed { path: PathBuf, signers: usize },
    Verified { report: VerifyReport, extracted: Option<tempfile::NamedTempFile>, saved: Option<PathBuf> },
    // (`detail`: the library's own text, shown only under "Dettagli tecnici")
    Failed { message: String, detail: Option<String> },
}

/// What a card event does to the document screen ([`DocFlow::on_card_change`]).
pub(crate) enum OnCardChange {
    Keep,
    Drop,
    /// Counter mode, a signature under way: the screen goes, with the removal notice.
    DropRemovedMidOperation,
}

/// What the file chooser (dialog or path field) is choosing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Choosing {
    Document,
    Authority,
    Tsl,
}

pub(crate) struct DocFlow {
    pub kind: Kind,
    file: Option<(PathBuf, u64)>,
    detached: bool,
    pin: PinBuffer,
    pub phase: Phase,
    /// The file dialog's answer; `Err`: there is no dialog on this desktop.
    picker: Option<Background<Result<Option<PathBuf>, ()>>>,
    /// The in-window path field, when the desktop has no file dialog (a bare X server, a
    /// kiosk): as for the certificate export.
    path_field: Option<String>,
    /// Put the cursor in the path field on the next frame (it just opened).
    focus_path: bool,
    /// A card operation happened: read the card again when leaving.
    pub touched_card: bool,
    focus_pin: bool,
    /// The card said one try is left: the next signature asks for confirmation first.
    card_says_last_try: bool,
    choosing: Choosing,
    /// A signed file was just chosen: check it at once, with no extra click.
    start_pending: bool,
    /// "Mostra le cifre" on the PIN step.
    show_digits: bool,
    /// Why the PIN was not accepted, under the field (a line above it would move the field and
    /// take its focus, losing the digits typed next).
    pin_hint: Option<String>,
    trust: TrustStep,
    /// A trusted list file chosen in the dialog, to import on the next frame.
    tsl_chosen: Option<PathBuf>,
    /// A trusted list import under way.
    tsl_import: Option<Background<Result<(String, bool), String>>>,
    /// What the last trusted list import said (kept over the check that follows it).
    tsl_note: Option<(String, bool)>,
    /// The document beside a detached signature that the check read (said on the result: for a
    /// later "x (2).txt.p7s" it may be "x.txt").
    detached_document: Option<PathBuf>,
}

impl DocFlow {
    fn new(kind: Kind, file: Option<PathBuf>, lang: Lang) -> DocFlow {
        let mut f = DocFlow {
            kind,
            file: None,
            detached: false,
            pin: PinBuffer::default(),
            phase: Phase::Choose { problem: None },
            picker: None,
            path_field: None,
            focus_path: false,
            touched_card: false,
            card_says_last_try: false,
            focus_pin: true,
            choosing: Choosing::Document,
            start_pending: false,
            show_digits: false,
            pin_hint: None,
            trust: TrustStep::Idle,
            tsl_chosen: None,
            tsl_import: None,
            tsl_note: None,
            detached_document: None,
        };
        if let Some(p) = file {
            f.set_file(p, lang);
        }
        f
    }

    /// A file chosen, typed or dropped: a signed file is checked at once; a folder or a missing
    /// file is said as such.
    fn set_file(&mut self, p: PathBuf, lang: Lang) {
        let shown = p.display().to_string();
        let problem = match std::fs::metadata(&p) {
            Ok(m) if m.is_file() => {
                self.file = Some((p, m.len()));
                self.start_pending = self.kind == Kind::Verify;
                self.path_field = None;
                None
            }
            Ok(m) if m.is_dir() => Some(lang.tr(msg::docs_folder_not_file(shown))),
            _ => Some(lang.tr(msg::docs_file_not_found(shown))),
        };
        if problem.is_some() {
            self.file = None;
        }
        self.pin_hint = None;
        self.phase = Phase::Choose { problem };
    }

    /// Opens the file dialog (or, on a desktop without one, the path field) for `what`.
    fn pick(&mut self, what: Choosing, ctx: &egui::Context) {
        self.choosing = what;
        if !super::export::dialog_possible() {
            self.open_path_field();
            return;
        }
        let spawned = Background::spawn("file-dialog", repaint(ctx), || {
            let started = std::time::Instant::now();
            let chosen = rfd::FileDialog::new().pick_file();
            // rfd answers a missing portal like a cancel, only faster than a person.
            let unavailable = chosen.is_none() && started.elapsed() < TOO_FAST_FOR_A_HUMAN;
            if unavailable { Err(()) } else { Ok(chosen) }
        });
        match spawned {
            Ok(job) => self.picker = Some(job),
            Err(_) => self.open_path_field(),
        }
    }

    /// The authority's certificate file: its name and fingerprint to confirm, or why not.
    fn authority_file(&mut self, p: &Path, lang: Lang) {
        let Phase::Verified { report, .. } = &self.phase else { return };
        self.trust = match doc_trust::candidate(p, report, lang) {
            Ok(c) => {
                self.path_field = None;
                TrustStep::Offer(c)
            }
            Err(why) => TrustStep::Refused(why),
        };
    }

    fn open_path_field(&mut self) {
        let dir = super::export::default_dir().unwrap_or_else(|| PathBuf::from("."));
        let mut start = dir.to_string_lossy().into_owned();
        if !start.ends_with(std::path::MAIN_SEPARATOR) {
            start.push(std::path::MAIN_SEPARATOR);
        }
        self.path_field = Some(start);
        self.focus_path = true;
    }

    pub fn is_busy(&self) -> bool {
        matches!(self.phase, Phase::Working { .. })
    }

    /// The selected reader's card came, went or was swapped (`card_left`: there was one).
    /// A check of a signed file does not use the card and stays (counter mode: until a card
    /// leaves, since its result may name the citizen). A signature with the card: like a PIN
    /// wizard busy with its command, it waits for the answer, which then says whether the
    /// document was signed and whether the PIN's try may have been counted; its finished
    /// result stays readable. Anything else (a PIN typed for that card) goes.
    pub fn on_card_change(&mut self, counter: bool, card_left: bool) -> OnCardChange {
        self.pin.wipe();
        match (self.kind, &self.phase) {
            (Kind::Verify, _) if counter && card_left => OnCardChange::Drop,
            (Kind::Verify, _) => OnCardChange::Keep,
            (Kind::Sign, Phase::Working { .. }) if counter => OnCardChange::DropRemovedMidOperation,
            (Kind::Sign, Phase::Working { .. }) => OnCardChange::Keep,
            (Kind::Sign, Phase::Signed { .. } | Phase::Failed { .. }) if !counter => OnCardChange::Keep,
            (Kind::Sign, _) => OnCardChange::Drop,
        }
    }

    /// Collects what the threads sent; called every frame.
    fn poll(&mut self, lang: Lang) {
        if let Some(choice) = self.picker.as_ref().and_then(Background::try_take) {
            self.picker = None;
            match (choice, self.choosing) {
                (Ok(Some(p)), Choosing::Document) => self.set_file(p, lang),
                (Ok(Some(p)), Choosing::Authority) => self.authority_file(&p, lang),
                (Ok(Some(p)), Choosing::Tsl) => self.tsl_chosen = Some(p),
                (Ok(None), _) => {}
                (Err(()), _) => self.open_path_field(),
            }
        }
        let Phase::Working { pending: Pending::Verify(job), .. } = &self.phase else { return };
        let Some(checked) = job.try_take() else { return };
        self.phase = match checked {
            Ok((report, extracted, detached_document)) => {
                self.detached_document = detached_document;
                Phase::Verified { report, extracted, saved: None }
            }
            Err(Failure { words, detail }) => Phase::Failed { message: words, detail },
        };
    }

    /// The worker's answer to the signature this page sent (`seq`); another page's is ignored.
    fn on_signed(&mut self, seq: u64, result: Result<Signed, SignError>, lang: Lang) {
        if !matches!(self.phase, Phase::Working { pending: Pending::Sign { seq: s }, .. } if s == seq) {
            return;
        }
        self.phase = match result.map_err(|e| sign_failure(lang, &e)) {
            Ok(signed) => Phase::Signed { path: signed.path, signers: signed.signers },
            Err(SignFailed::NeedsConfirmation) => {
                self.card_says_last_try = true;
                self.focus_pin = true;
                Phase::Choose { problem: Some(lang.tr(msg::sign_card_says_last_try())) }
            }
            Err(SignFailed::Other(message)) => Phase::Failed { message, detail: None },
        };
    }
}

/// Wakes the window when a background job has answered.
fn repaint(ctx: &egui::Context) -> crate::service::Wake {
    let ctx = ctx.clone();
    Arc::new(move || ctx.request_repaint())
}

/// A file dialog that "answers" faster than this did not open (as for the certificate export).
const TOO_FAST_FOR_A_HUMAN: std::time::Duration = std::time::Duration::from_millis(400);

/// A file name beside `wanted` that does not exist yet ("x.pdf", "x (2).pdf", ...).
fn free_name(wanted: &Path) -> PathBuf {
    if !wanted.exists() {
        return wanted.to_path_buf();
    }
    let stem = wanted.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let ext = wanted.extension().map(|e| format!(".{}", e.to_string_lossy())).unwrap_or_default();
    (2..1000)
        .map(|n| wanted.with_file_name(format!("{stem} ({n}){ext}")))
        .find(|p| !p.exists())
        .unwrap_or_else(|| wanted.to_path_buf())
}

/// Where "Estrai il documento" saves: the signed file's name without the signature extensions
/// the verification peeled off, one `.p7m`/`.p7s` per envelope of the report, whatever their
/// case (`x.pdf.p7m.p7m` → `x.pdf`, `X.PDF.P7M` → `X.PDF`). A name with none of them (a signed
/// file renamed `firmato.der`) gets `.bin` added; a name that would be empty, `documento.bin`.
fn extracted_name(source: &Path, layers: usize) -> PathBuf {
    let name = source.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut stem = name.as_str();
    for _ in 0..layers {
        let Some(dot) = stem.rfind('.') else { break };
        let ext = &stem[dot + 1..];
        if !["p7m", "p7s", "tsd", "m7m"].iter().any(|e| ext.eq_ignore_ascii_case(e)) {
            break;
        }
        stem = &stem[..dot];
    }
    let stripped = stem.len() < name.len();
    let file = if stem.trim_matches('.').trim().is_empty() {
        "documento.bin".to_owned()
    } else if stripped {
        stem.to_owned()
    } else {
        format!("{stem}.bin")
    };
    source.with_file_name(file)
}

fn size_words(lang: Lang, n: u64) -> String {
    let (v, unit) = match n {
        n if n >= 1 << 30 => (n as f64 / (1u64 << 30) as f64, "GB"),
        n if n >= 1 << 20 => (n as f64 / (1u64 << 20) as f64, "MB"),
        n if n >= 1 << 10 => (n as f64 / 1024.0, "KB"),
        n => return lang.tr(msg::docs_size_bytes(n.to_string())),
    };
    let s = format!("{v:.1} {unit}");
    // Italian and German write a decimal comma.
    if lang == Lang::En { s } else { s.replace('.', ",") }
}

impl CnsApp {
    /// Files dropped on the window: a signed file opens the verification, anything else the
    /// signature.
    pub(crate) fn take_dropped_files(&mut self, ui: &Ui) {
        let dropped: Vec<PathBuf> = ui.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if let Some(p) = dropped.into_iter().next() {
            let ext = p.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
            // A certificate dropped on a result that asks for its authority's: that answer.
            let asks_authority = !self.prefs.counter
                && matches!(&self.screen, Screen::Document(d)
                if matches!(&d.phase, Phase::Verified { report, .. }
                    if !doc_trust::untrusted_issuers(report).is_empty()));
            if asks_authority && matches!(ext.as_str(), "cer" | "crt" | "der" | "pem") {
                self.actions.push(Action::Document(DocAction::AuthorityFile(p)));
                return;
            }
            if asks_authority && ext == "xml" {
                self.actions.push(Action::Document(DocAction::TslFile(p)));
                return;
            }
            let kind =
                if matches!(ext.as_str(), "p7m" | "p7s" | "tsd" | "m7m") { Kind::Verify } else { Kind::Sign };
            self.actions.push(Action::Document(DocAction::Open(kind, Some(p))));
        }
    }

    /// The card worker's answer to a signature.
    pub(crate) fn document_signed(&mut self, seq: u64, result: Result<Signed, SignError>) {
        if let Screen::Document(flow) = &mut self.screen {
            flow.on_signed(seq, result, self.prefs.lang);
        }
    }

    pub(crate) fn apply_document(&mut self, action: DocAction, ctx: &egui::Context) {
        if let DocAction::Open(kind, file) = action {
            self.screen = Screen::Document(Box::new(DocFlow::new(kind, file, self.prefs.lang)));
            return;
        }
        if let (DocAction::Another, Screen::Document(old)) = (&action, &self.screen) {
            // Nothing of the last document stays (its result, its messages); a signature may
            // have moved the PIN counter, so the tries shown next are read again.
            let (kind, touched) = (old.kind, old.touched_card);
            if touched && self.model.readers.selected_info().is_some_and(|r| r.card_present) {
                self.read_selected_keeping(true);
            }
            let mut fresh = DocFlow::new(kind, None, self.prefs.lang);
            fresh.pick(Choosing::Document, ctx);
            self.screen = Screen::Document(Box::new(fresh));
            return;
        }
        let now = time::OffsetDateTime::now_utc();
        // The card's state as the window last read it; the worker reads it again before the PIN.
        let last_try =
            self.model.card.status().and_then(|s| crate::ops::sign::check_card(s, false, now).err())
                == Some(Unready::LastTryNotConfirmed);
        let reader = self.model.readers.selected.clone();
        let lang = self.prefs.lang;
        let worker = &self.link.worker;
        let Screen::Document(flow) = &mut self.screen else { return };
        match action {
            DocAction::Open(..) | DocAction::Another => {}
            DocAction::Pick => flow.pick(Choosing::Document, ctx),
            DocAction::PickAuthority => flow.pick(Choosing::Authority, ctx),
            DocAction::PickTsl => flow.pick(Choosing::Tsl, ctx),
            DocAction::TslFile(p) => {
                if flow.tsl_import.is_some() {
                    return;
                }
                let job = Background::spawn("cns-tsl-import", repaint(ctx), move || {
                    doc_trust::import_tsl(&p, lang)
                });
                match job {
                    Ok(job) => flow.tsl_import = Some(job),
                    Err(e) => flow.trust = TrustStep::Refused(e.to_string()),
                }
            }
            DocAction::TslImported(done) => match done {
                // Checked again with the list's authorities, the import's summary kept above.
                Ok(note) => {
                    flow.tsl_note = Some(note);
                    if let Some((file, size)) = flow.file.clone() {
                        start_verify(flow, file, size, lang, ctx);
                    }
                }
                Err(why) => flow.trust = TrustStep::Refused(why),
            },
            DocAction::OpenTyped => {
                let typed = flow.path_field.as_deref().unwrap_or_default().trim().to_owned();
                match flow.choosing {
                    Choosing::Document => flow.set_file(PathBuf::from(typed), lang),
                    Choosing::Authority => flow.authority_file(Path::new(&typed), lang),
                    Choosing::Tsl => flow.tsl_chosen = Some(PathBuf::from(typed)),
                }
            }
            DocAction::AuthorityFile(p) => flow.authority_file(&p, lang),
            DocAction::TrustCancel => flow.trust = TrustStep::Idle,
            DocAction::TrustConfirm => {
                let TrustStep::Offer(c) = std::mem::take(&mut flow.trust) else { return };
                match crate::trusted_ca::import(&c.der) {
                    // Checked again against the store that now holds it: the verdict shown is
                    // the one any later check (window or `verify`) will give.
                    Ok(_) => {
                        if let Some((file, size)) = flow.file.clone() {
                            start_verify(flow, file, size, lang, ctx);
                        }
                    }
                    Err(e) => {
                        flow.trust =
                            TrustStep::Refused(lang.tr(msg::docs_authority_not_added(e.to_string())));
                    }
                }
            }
            DocAction::Detached(d) => flow.detached = d,
            DocAction::Start | DocAction::ConfirmLastTry => {
                let confirmed = matches!(action, DocAction::ConfirmLastTry);
                // One user action, one start: a click and an Enter in the same frame, or a
                // second click, find the work already under way and do nothing.
                let expected = if confirmed {
                    matches!(flow.phase, Phase::ConfirmLastTry { .. })
                } else {
                    matches!(flow.phase, Phase::Choose { .. })
                };
                if !expected {
                    return;
                }
                let Some((file, size)) = flow.file.clone() else { return };
                match flow.kind {
                    Kind::Verify => start_verify(flow, file, size, lang, ctx),
                    Kind::Sign => {
                        // More digits were typed than the field kept: the first eight are not
                        // what the user meant, and sending them would spend a try. The field's
                        // own "at most 8 digits" hint stays until the user deletes.
                        if flow.pin.overflowed() {
                            flow.focus_pin = true;
                            return;
                        }
                        let Ok(pin) = cns_core::Pin::new(flow.pin.as_str()) else {
                            flow.pin_hint = Some(lang.tr(msg::sign_pin_format()));
                            flow.focus_pin = true;
                            return;
                        };
                        if (last_try || flow.card_says_last_try) && !confirmed {
                            flow.phase = Phase::ConfirmLastTry { focus: true };
                            return;
                        }
                        let Some(reader) = reader else { return };
                        start_sign(flow, worker, reader, &file, pin, confirmed, lang);
                    }
                }
            }
            DocAction::CancelLastTry => {
                flow.pin.wipe();
                flow.focus_pin = true;
                flow.phase = Phase::Choose { problem: None };
            }
            DocAction::Extract => {
                let source = flow.file.as_ref().map(|(p, _)| p.clone());
                if let (Phase::Verified { extracted, saved, report }, Some(source)) =
                    (&mut flow.phase, source)
                    && let Some(tmp) = extracted.take()
                {
                    // A bundle (.tsd, .m7m) is one more extension to peel off.
                    let layers = report.layers.len() + usize::from(report.container.is_some());
                    // x.pdf.p7m.p7m → x.pdf, beside the signed file.
                    let target = free_name(&extracted_name(&source, layers));
                    match tmp.persist(&target) {
                        Ok(_) => *saved = Some(target),
                        Err(e) => {
                            let msg = e.error.to_string();
                            flow.phase = Phase::Failed { message: msg, detail: None };
                        }
                    }
                }
            }
            DocAction::OpenFolder(dir) => {
                let program = if cfg!(windows) {
                    "explorer"
                } else if cfg!(target_os = "macos") {
                    "open"
                } else {
                    "xdg-open"
                };
                if let Err(e) = std::process::Command::new(program).arg(&dir).spawn() {
                    tracing::debug!("cannot open the folder: {e}");
                }
            }
        }
    }

    pub(crate) fn document_view(&mut self, ui: &mut Ui) {
        let lang = self.prefs.lang;
        let counter = self.prefs.counter;
        let pin_state = self.model.card.status().map(|s| s.pin);
        // The rules `ops::sign` applies again on the card before the PIN goes out (the last try
        // is asked about when "Firma" is pressed, so here it counts as confirmed).
        let now = time::OffsetDateTime::now_utc();
        let unready = self.model.card.status().map(|s| crate::ops::sign::check_card(s, true, now).err());
        let mut actions = Vec::new();
        // A signature's result, said again where the focus lands (on "Chiudi").
        let mut result_words: Option<String> = None;
        let Screen::Document(flow) = &mut self.screen else { return };
        flow.poll(lang);
        if let Some(p) = flow.tsl_chosen.take() {
            actions.push(DocAction::TslFile(p));
        }
        if let Some(done) = flow.tsl_import.as_ref().and_then(Background::try_take) {
            flow.tsl_import = None;
            actions.push(DocAction::TslImported(done));
        }
        if std::mem::take(&mut flow.start_pending) {
            actions.push(DocAction::Start);
        }
        let title = lang.tr(match flow.kind {
            Kind::Sign => msg::docs_title_sign(),
            Kind::Verify => msg::docs_title_verify(),
        });
        a11y::heading(ui, &title);
        ui.add_space(8.0);
        if let Some((p, size)) = &flow.file {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            ui.label(RichText::new(format!("{name} – {}", size_words(lang, *size))).strong());
        }
        let another = lang.tr(match flow.kind {
            Kind::Sign => msg::docs_another_sign(),
            Kind::Verify => msg::docs_another_verify(),
        });
        let another = another.as_str();
        match &mut flow.phase {
            Phase::Choose { problem } => {
                if secondary_button(ui, &lang.tr(msg::docs_choose_file())).clicked() {
                    actions.push(DocAction::Pick);
                }
                ui.label(RichText::new(lang.tr(msg::docs_or_drop())).weak());
                path_field(ui, lang, &mut flow.path_field, &mut flow.focus_path, &mut actions);
                ui.add_space(10.0);
                if let Some(p) = problem {
                    live_banner(ui, Tone::Bad, p);
                    ui.add_space(6.0);
                }
                if flow.file.is_some() && flow.kind == Kind::Sign {
                    match unready {
                        None => banner(ui, Tone::Attention, &lang.tr(msg::sign_insert_card())),
                        Some(Some(Unready::PinBlocked)) => {
                            banner(ui, Tone::Bad, &lang.tr(msg::sign_pin_blocked()))
                        }
                        Some(Some(Unready::CertificateExpired { .. })) => {
                            banner(ui, Tone::Bad, &lang.tr(msg::sign_card_certificate_expired()))
                        }
                        // (no certificate: the signature says so, in the card's own answer)
                        Some(_) => pin_step(ui, lang, flow, pin_state, &mut actions),
                    }
                }
            }
            Phase::ConfirmLastTry { focus } => {
                // The last try in the words every PIN screen uses.
                let warning = crate::pin_words::one_try_left(lang, PinKind::Pin);
                let warning = warning.as_str();
                banner(ui, Tone::Bad, warning);
                ui.add_space(8.0);
                ui.horizontal_wrapped(|ui| {
                    let cancel = primary_button(ui, &lang.tr(msg::docs_cancel()));
                    a11y::describe(ui.ctx(), cancel.id, warning);
                    if std::mem::take(focus) {
                        cancel.request_focus();
                    }
                    if cancel.clicked() {
                        actions.push(DocAction::CancelLastTry);
                    }
                    if secondary_button(ui, &lang.tr(msg::sign_use_last_try())).clicked() {
                        actions.push(DocAction::ConfirmLastTry);
                    }
                });
            }
            Phase::Working { progress, total, .. } => {
                let done = progress.load(Ordering::Relaxed);
                let frac = (done as f64 / (*total).max(1) as f64).min(1.0) as f32;
                let what = lang.tr(match flow.kind {
                    Kind::Sign if frac >= 1.0 => msg::sign_working_card(),
                    Kind::Sign => msg::sign_working_reading(),
                    Kind::Verify => msg::verify_working(),
                });
                ui.label(what);
                ui.add(egui::ProgressBar::new(frac).show_percentage());
                ui.ctx().request_repaint_after(std::time::Duration::from_millis(100));
            }
            Phase::Signed { path, signers } => {
                let text = sig::document_signed(lang, path, *signers);
                live_banner(ui, Tone::Good, &text);
                result_words = Some(text);
                ui.add_space(8.0);
                ui.horizontal_wrapped(|ui| {
                    if primary_button(ui, another).clicked() {
                        actions.push(DocAction::Another);
                    }
                    if let Some(dir) = path.parent()
                        && secondary_button(ui, &lang.tr(msg::docs_open_folder())).clicked()
                    {
                        actions.push(DocAction::OpenFolder(dir.to_path_buf()));
                    }
                });
            }
            Phase::Verified { report, extracted, saved } => {
                report_view(ui, lang, report);
                if let Some(doc) = &flow.detached_document
                    && report.layers.first().is_some_and(|l| l.detached)
                {
                    let name = doc.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                    ui.add_space(4.0);
                    ui.label(lang.tr(msg::docs_detached_checked(name)));
                }
                // At a shared counter the window trusts nothing new: that is the installer's
                // system-wide folder, not one citizen's click.
                let issuers = doc_trust::untrusted_issuers(report);
                doc_trust::tsl_note(ui, flow.tsl_note.as_ref());
                if flow.tsl_import.is_some() {
                    ui.add_space(6.0);
                    ui.label(lang.tr(msg::docs_tsl_checking()));
                }
                if !counter && !issuers.is_empty() {
                    doc_trust::view(ui, lang, &flow.trust, &issuers, &mut actions);
                    if matches!(flow.choosing, Choosing::Authority | Choosing::Tsl) {
                        path_field(ui, lang, &mut flow.path_field, &mut flow.focus_path, &mut actions);
                    }
                }
                ui.add_space(10.0);
                if let Some(p) = saved {
                    banner(ui, Tone::Good, &lang.tr(msg::docs_extracted_to(p.display().to_string())));
                }
                ui.horizontal_wrapped(|ui| {
                    if extracted.is_some() && primary_button(ui, &lang.tr(msg::docs_extract())).clicked() {
                        actions.push(DocAction::Extract);
                    }
                    let dir = saved.as_ref().or(flow.file.as_ref().map(|(p, _)| p)).and_then(|p| p.parent());
                    if let Some(dir) = dir
                        && secondary_button(ui, &lang.tr(msg::docs_open_folder())).clicked()
                    {
                        actions.push(DocAction::OpenFolder(dir.to_path_buf()));
                    }
                    if secondary_button(ui, another).clicked() {
                        actions.push(DocAction::Another);
                    }
                });
            }
            Phase::Failed { message, detail } => {
                live_banner(ui, Tone::Bad, message);
                result_words = Some(message.clone());
                if let Some(detail) = detail {
                    super::views::status::technical(ui, lang, |ui| {
                        ui.label(detail.as_str());
                    });
                }
                ui.add_space(8.0);
                if secondary_button(ui, another).clicked() {
                    actions.push(DocAction::Another);
                }
            }
        }
        let working = matches!(flow.phase, Phase::Working { .. } | Phase::ConfirmLastTry { .. });
        let mut close = false;
        if !working {
            ui.add_space(16.0);
            let chiudi = secondary_button(ui, &lang.tr(msg::docs_close()));
            if let Some(words) = result_words {
                a11y::describe(ui.ctx(), chiudi.id, &words);
                // The field that had the focus is gone with the signature: the result is where
                // the focus goes next, so that a screen reader says it.
                if ui.ctx().memory(|m| m.focused().is_none()) {
                    chiudi.request_focus();
                }
            }
            close = chiudi.clicked();
        }
        for a in actions {
            self.actions.push(Action::Document(a));
        }
        if close {
            self.actions.push(Action::CloseScreen);
        }
    }
}

/// The in-window path field, when the desktop has no file dialog (a bare X server, a kiosk):
/// Enter or "Apri" opens what is typed.
fn path_field(
    ui: &mut Ui,
    lang: Lang,
    text: &mut Option<String>,
    focus: &mut bool,
    actions: &mut Vec<DocAction>,
) {
    let focus = std::mem::take(focus);
    let Some(text) = text.as_mut() else { return };
    ui.add_space(6.0);
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(RichText::new(lang.tr(msg::docs_path_label())).strong());
        let field = ui.add(egui::TextEdit::singleline(text).desired_width(420.0)).labelled_by(label.id);
        if focus {
            field.request_focus();
        }
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if secondary_button(ui, &lang.tr(msg::docs_open())).clicked() || entered {
            actions.push(DocAction::OpenTyped);
        }
    });
}

/// The PIN step of a signature: the tries left, the field with "Mostra le cifre", why a PIN was
/// not accepted (under the field, which keeps its place and its focus), and "Firma".
fn pin_step(
    ui: &mut Ui,
    lang: Lang,
    flow: &mut DocFlow,
    pin_state: Option<cns_core::PinState>,
    actions: &mut Vec<DocAction>,
) {
    let mut detached = flow.detached;
    if ui.checkbox(&mut detached, lang.tr(msg::sign_detached_choice())).changed() {
        actions.push(DocAction::Detached(detached));
    }
    ui.add_space(6.0);
    let pin_label = lang.tr(msg::sign_pin_label());
    ui.label(RichText::new(pin_label.as_str()).strong());
    // What the field's description says: the step, the tries, what is wrong.
    let mut about = vec![pin_label];
    // The tries in the PIN box's own words (one wording for the card's state everywhere).
    if let Some(s @ (cns_core::PinState::TriesLeft { .. } | cns_core::PinState::Unknown)) = pin_state {
        // (the PUK's state changes only the words about unblocking, which are not shown here)
        let (tone, head, detail) = super::words::pin_state(lang, s, cns_core::PinState::Unknown);
        let text = if s.is_last_try() { head } else { detail };
        about.push(text.clone());
        match tone {
            Tone::Good => {
                ui.label(text);
            }
            _ => hint(ui, tone, &text),
        }
    }
    // One PIN field on screen at a time, so a fixed id is unique.
    let id = egui::Id::unique("cns-sign-pin");
    let entry = ui.horizontal(|ui| {
        let e = pin_entry_with_id(ui, id, &mut flow.pin, "PIN", flow.show_digits);
        ui.checkbox(&mut flow.show_digits, lang.tr(msg::sign_show_digits()));
        e
    });
    let entry = entry.inner;
    if std::mem::take(&mut flow.focus_pin) {
        entry.response.request_focus();
    }
    if entry.response.changed() {
        flow.pin_hint = None;
    }
    if let Some(r) = flow.pin.refused() {
        let text = super::words::typed_refusal(lang, cns_core::PinKind::Pin, r);
        hint(ui, Tone::Attention, &text);
        about.push(text);
    }
    if let Some(h) = &flow.pin_hint {
        hint(ui, Tone::Bad, h);
        about.push(h.clone());
    }
    let invalid = flow.pin.refused().is_some() || flow.pin_hint.is_some();
    describe_pin_field(&entry.response, lang, flow.pin.len(), &about, invalid);
    ui.add_space(8.0);
    let submitted = entry.submitted && {
        // Enter on an empty field moves nothing: the field keeps the focus and says what it needs.
        if flow.pin.is_empty() {
            flow.pin_hint = Some(lang.tr(msg::sign_pin_empty()));
            entry.response.request_focus();
            false
        } else {
            true
        }
    };
    if primary_button(ui, &lang.tr(msg::sign_button())).clicked() || submitted {
        actions.push(DocAction::Start);
    }
}

fn hint(ui: &mut Ui, tone: Tone, text: &str) {
    let line = ui.label(RichText::new(format!("{} {text}", tone.icon())).color(tone.color()));
    a11y::mark_live(&line, tone);
}

fn report_view(ui: &mut Ui, lang: Lang, r: &VerifyReport) {
    use sig::{Headline, headline, headline_words};
    let h = headline(r);
    let tone = match h {
        Headline::Valid | Headline::TimestampedDocument => Tone::Good,
        Headline::Altered | Headline::BundleAltered | Headline::Revoked => Tone::Bad,
        _ => Tone::Attention,
    };
    live_banner(ui, tone, &headline_words(h, lang));
    if let Some(c) = &r.container {
        ui.add_space(8.0);
        ui.label(RichText::new(lang.tr(msg::docs_timestamped_file())).strong());
        for t in &c.timestamps {
            ui.label(window_marks(&sig::timestamp_line(t, lang)));
        }
        if !c.inner_signed {
            ui.label(sig::container_inner_not_signed(lang));
        }
    }
    for s in r.signers() {
        ui.add_space(8.0);
        ui.label(RichText::new(sig::sentence(&sig::signer_name(s, lang))).strong());
        if let Some(t) = s.signing_time {
            ui.label(format!("{} {}", lang.tr(msg::signed_on()), sig::human_time(t)));
        }
        for t in &s.timestamps {
            ui.label(window_marks(&sig::timestamp_line(t, lang)));
        }
        // One line per fact, the window's symbol in front.
        let line = |ok: bool, m: Message| format!("{} {}", if ok { "✔" } else { "⛔" }, lang.tr(m));
        ui.label(if !s.unverifiable.is_empty() {
            line(false, msg::docs_signature_unverifiable(sig::findings(&s.unverifiable, lang)))
        } else if s.content_intact && s.signature_valid {
            line(true, msg::docs_intact_and_valid())
        } else {
            line(false, msg::docs_altered_or_invalid())
        });
        ui.label(match s.cert_validity {
            CertValidity::Valid => line(true, msg::docs_certificate_valid()),
            _ => line(false, msg::docs_certificate_not_valid()),
        });
        let issuer = s.issuer_cn.clone().unwrap_or_default();
        ui.label(match &s.trust {
            TrustStatus::Trusted { .. } => line(true, msg::docs_issued_by_trusted(issuer)),
            TrustStatus::ChainInvalid { at } => line(
                false,
                crate::i18n::Message::from(msg::DocsIssuedByChainInvalid {
                    at: at.clone().into(),
                    issuer: issuer.into(),
                }),
            ),
            TrustStatus::NotTrusted => line(false, msg::docs_issued_by_not_trusted(issuer)),
        });
        if let Some(l) = crate::trusted_list::qualified_line(lang, s) {
            ui.label(format!("✔ {l}"));
        }
        match &s.revocation {
            Revocation::Revoked { .. } => {
                if let Some((stands, w)) = sig::revoked(s, lang) {
                    ui.label(format!("{} {}", if stands { "✔" } else { "⛔" }, sig::sentence(&w)));
                }
            }
            Revocation::Unavailable { reasons } => {
                let reason = sig::revocation_gaps(reasons, lang);
                ui.label(line(false, msg::docs_revocation_unavailable(reason)));
            }
            Revocation::Good { .. } => {
                ui.label(line(true, msg::docs_not_revoked()));
            }
            Revocation::NotChecked => {
                ui.label(RichText::new(lang.tr(msg::docs_revocation_not_checked())).weak());
            }
        }
        for c in &s.countersigners {
            let who = sig::signer_name(c, lang);
            let v = c.verdict();
            let state = match v {
                cns_cades::verify::Verdict::Valid => format!("✔ {}", sig::verdict_words(v, lang)),
                cns_cades::verify::Verdict::Invalid => format!("⛔ {}", sig::verdict_words(v, lang)),
                _ => sig::verdict_words(v, lang),
            };
            ui.label(lang.tr(msg::DocsCountersignature { state: state.into(), who: who.into() }));
        }
        if !s.not_checked.is_empty() {
            ui.label(
                RichText::new(format!("{}: {}", lang.tr(msg::read_not_checked()), s.not_checked.join(", ")))
                    .weak(),
            );
        }
    }
}

fn start_verify(flow: &mut DocFlow, file: PathBuf, size: u64, lang: Lang, ctx: &egui::Context) {
    flow.trust = TrustStep::Idle;
    flow.choosing = Choosing::Document;
    flow.path_field = None;
    let progress = Arc::new(AtomicU64::new(0));
    let p = progress.clone();
    let job = Background::spawn("verify", repaint(ctx), move || {
        let trust = crate::trusted_ca::store(&[]);
        // A .p7s: the original beside it, found as `cns-manager verify` finds it.
        let check = Check { trust: &trust, crls: vec![], fetch_crl: None, content: None };
        let progress = |n: u64| p.store(n, Ordering::Relaxed);
        match crate::ops::verify::verify(&file, check, Some(crate::ops::folder_of(&file)), progress) {
            Ok(v) => {
                // Only a signature with the document inside has one to extract.
                let attached = v.report.layers.iter().any(|l| !l.detached);
                let extracted = v.extracted.filter(|_| attached);
                Ok((v.report, extracted, v.detached_document))
            }
            Err(VerifyError::TempFile { source, .. } | VerifyError::Extract(source)) => {
                Err(source.to_string().into())
            }
            Err(VerifyError::Check(e)) => Err(verify_error(lang, &e)),
        }
    });
    flow.phase = match job {
        Ok(job) => Phase::Working { progress, total: size, pending: Pending::Verify(job) },
        Err(e) => Phase::Failed { message: e.to_string(), detail: None },
    };
}

fn verify_error(lang: Lang, e: &CadesError) -> Failure {
    match e {
        CadesError::DetachedContentMissing => lang.tr(msg::docs_detached_missing()).into(),
        other => sig::file_failure(other, lang),
    }
}

/// Hands the signature to the card worker; its answer comes back as
/// [`CnsApp::document_signed`].
fn start_sign(
    flow: &mut DocFlow,
    worker: &Worker,
    reader: String,
    file: &Path,
    pin: Pin,
    confirmed: bool,
    lang: Lang,
) {
    flow.pin.wipe();
    flow.touched_card = true;
    let job = match SignJob::new(file, None, None, flow.detached, confirmed) {
        Ok(job) => job,
        Err(e) => {
            flow.phase = match sign_failure(lang, &e) {
                SignFailed::Other(message) => Phase::Failed { message, detail: None },
                SignFailed::NeedsConfirmation => Phase::ConfirmLastTry { focus: true },
            };
            return;
        }
    };
    let progress = Arc::new(AtomicU64::new(0));
    let total = job.len();
    let seq = SIGN_SEQ.fetch_add(1, Ordering::Relaxed) + 1;
    flow.phase = if worker.send(Request::Sign { reader, job, pin, progress: progress.clone(), seq }) {
        Phase::Working { progress, total, pending: Pending::Sign { seq } }
    } else {
        Phase::Failed { message: lang.tr(msg::sign_failed(lang.tr(msg::ops_worker_gone()))), detail: None }
    };
}

/// A disk error while signing, with the file it concerns.
fn disk_error(lang: Lang, path: &Path, e: &std::io::Error) -> SignFailed {
    SignFailed::Other(
        lang.tr(msg::SignDiskError { error: e.to_string().into(), path: path.display().to_string().into() }),
    )
}

/// Why the worker's signature was not made, in the window's words.
fn sign_failure(lang: Lang, e: &SignError) -> SignFailed {
    let text = match e {
        SignError::Unready(Unready::LastTryNotConfirmed) => return SignFailed::NeedsConfirmation,
        SignError::Signing(e) => return sign_error(lang, e),
        SignError::Card(e) => not_signed_words(lang, e, false),
        SignError::Unready(Unready::PinBlocked) => lang.tr(msg::sign_pin_blocked()),
        SignError::Unready(Unready::CertificateExpired { .. }) => {
            lang.tr(msg::sign_card_certificate_expired())
        }
        SignError::Unready(Unready::NoCertificate) => lang.tr(msg::sign_no_certificate()),
        SignError::NoDocument { path } => lang.tr(msg::docs_file_not_found(path.display().to_string())),
        SignError::WouldReplaceDocument => lang.tr(msg::sign_would_replace_document()),
        SignError::TempFile { dir: path, source } | SignError::ReadDocument { path, source } => {
            return disk_error(lang, path, source);
        }
        // (said of the folder, as the window always did)
        SignError::Save { path, source } => return disk_error(lang, crate::ops::folder_of(path), source),
    };
    SignFailed::Other(text)
}

/// The card was lost or failed around the signature: the document was not signed (no file is
/// written without a signature), and whether the PIN's try may have been counted, as the PIN
/// wizards say it. `pin_in_doubt`: the PIN command itself went out and its answer was lost.
fn not_signed_words(lang: Lang, e: &cns_core::card::CardError, pin_in_doubt: bool) -> String {
    use cns_core::TransportError as T;
    let removed = matches!(e, cns_core::card::CardError::Transport(T::CardRemoved | T::NoCard | T::NoReader));
    let head = if removed {
        lang.tr(msg::sign_card_removed())
    } else {
        lang.tr(msg::sign_not_signed_because(cns_core::error_chain(e)))
    };
    let tries = lang.tr(if pin_in_doubt { msg::sign_pin_in_doubt() } else { msg::sign_no_try_used() });
    format!("{head} {tries}")
}

fn sign_error(lang: Lang, e: &CadesError) -> SignFailed {
    let inner = match e {
        CadesError::Signer(inner) => inner.downcast_ref::<CardSignError>(),
        _ => None,
    };
    let text = match inner {
        Some(CardSignError::Pin(Outcome::Wrong { tries_left, .. })) => {
            sig::wrong_pin_not_signed(lang, *tries_left)
        }
        Some(CardSignError::Pin(Outcome::Blocked { kind: PinKind::Pin }))
        | Some(CardSignError::Refused(Refusal::PinBlocked)) => lang.tr(msg::sign_pin_blocked()),
        Some(CardSignError::NeedsConfirmation) => return SignFailed::NeedsConfirmation,
        Some(CardSignError::Card(op)) => {
            return SignFailed::Other(not_signed_words(lang, &op.error, op.command_sent));
        }
        _ => {
            return SignFailed::Other(lang.tr(msg::sign_failed(e.to_string())));
        }
    };
    SignFailed::Other(text)
}

/// The shared report lines in the window's glyphs: egui's bundled fonts have no ✓ (U+2713) or
/// ✗ (U+2717), which a terminal shows; the window's state icons are ✔ and ⛔ (emoji font).
fn window_marks(line: &str) -> String {
    line.replace('✓', "✔").replace('✗', "⛔")
}

#[cfg(test)]
mod tests {
    use super::extracted_name;
    use std::path::{Path, PathBuf};

    fn name(file: &str, layers: usize) -> PathBuf {
        extracted_name(&Path::new("/docs").join(file), layers)
    }

    #[test]
    fn the_extracted_document_loses_every_signature_layer() {
        assert_eq!(name("x.pdf.p7m", 1), Path::new("/docs/x.pdf"));
        assert_eq!(name("x.pdf.p7m.p7m", 2), Path::new("/docs/x.pdf"));
        // case does not matter, nor which of the two extensions each envelope has
        assert_eq!(name("Atto.PDF.P7M.p7m", 2), Path::new("/docs/Atto.PDF"));
        assert_eq!(name("x.pdf.p7s.p7m", 2), Path::new("/docs/x.pdf"));
        // A time-stamped bundle is one more layer to peel off.
        assert_eq!(name("x.pdf.p7m.tsd", 2), Path::new("/docs/x.pdf"));
        assert_eq!(name("x.pdf.m7m", 2), Path::new("/docs/x.pdf"));
        // only as many as the report shows: a one-envelope file keeps the inner name
        assert_eq!(name("x.pdf.p7m.p7m", 1), Path::new("/docs/x.pdf.p7m"));
        // never past the document's own extension, however many layers
        assert_eq!(name("x.pdf.p7m", 3), Path::new("/docs/x.pdf"));
        assert_eq!(name("relazione.p7m", 1), Path::new("/docs/relazione"));
    }

    #[test]
    fn odd_names_fall_back_to_a_sane_one() {
        // a signed file renamed without its extension: the document gets .bin, not the same name
        assert_eq!(name("firmato.der", 1), Path::new("/docs/firmato.der.bin"));
        assert_eq!(name("firmato", 1), Path::new("/docs/firmato.bin"));
        // nothing left of the name
        assert_eq!(name(".p7m", 1), Path::new("/docs/documento.bin"));
        assert_eq!(name("..p7m.p7m", 2), Path::new("/docs/documento.bin"));
    }
}
