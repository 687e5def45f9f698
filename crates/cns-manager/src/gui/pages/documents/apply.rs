//! What the document page's buttons (and the files dropped on it) do to its state.

use std::path::{Path, PathBuf};

use super::flow::{Choosing, DocFlow, Phase};
use super::trust::TrustStep;
use super::{DocAction, Kind};
use crate::gui::page::Ctx;

impl DocFlow {
    /// Applies `action` to the page; what only the app can do comes back: the signature for
    /// the card worker ([`DocAction::Sign`]), and opening the page afresh
    /// ([`DocAction::Open`], [`DocAction::Another`]).
    pub(crate) fn apply(&mut self, action: DocAction, ctx: &Ctx) -> Option<DocAction> {
        let (lang, wake) = (ctx.lang, ctx.wake.clone());
        match action {
            DocAction::Open(..) | DocAction::Another | DocAction::Sign(_) => return Some(action),
            DocAction::Pick => self.pick(Choosing::Document, wake),
            DocAction::PickAuthority => self.pick(Choosing::Authority, wake),
            DocAction::PickTsl => self.pick(Choosing::Tsl, wake),
            DocAction::TslFile(p) => self.start_tsl_import(p, lang, wake),
            DocAction::TslImported(done) => self.tsl_imported(done, lang, wake),
            DocAction::OpenTyped => self.open_typed(ctx),
            DocAction::AuthorityFile(p) => self.authority_file(&p, lang),
            DocAction::TrustCancel => self.trust = TrustStep::Idle,
            DocAction::TrustConfirm => self.trust_confirmed(lang, wake),
            DocAction::Detached(d) => self.detached = d,
            DocAction::Start => return self.start(false, ctx),
            DocAction::ConfirmLastTry => return self.start(true, ctx),
            DocAction::CancelLastTry => {
                self.pin.wipe();
                self.focus_pin = true;
                self.phase = Phase::Choose { problem: None };
            }
            DocAction::Extract => self.extract(),
            DocAction::OpenFolder(dir) => open_folder(&dir),
        }
        None
    }

    /// Enter or "Apri" in the path field: what is typed, for what the chooser was choosing.
    fn open_typed(&mut self, ctx: &Ctx) {
        let typed = self.path_field.as_deref().unwrap_or_default().trim().to_owned();
        match self.choosing {
            Choosing::Document => self.set_file(PathBuf::from(typed), ctx.lang),
            Choosing::Authority => self.authority_file(Path::new(&typed), ctx.lang),
            Choosing::Tsl => self.tsl_chosen = Some(PathBuf::from(typed)),
        }
    }

    /// "Firma" / "Verifica", or the last try confirmed (`confirmed`).
    fn start(&mut self, confirmed: bool, ctx: &Ctx) -> Option<DocAction> {
        // One user action, one start: a click and an Enter in the same frame, or a second
        // click, find the work already under way and do nothing.
        let expected = if confirmed {
            matches!(self.phase, Phase::ConfirmLastTry { .. })
        } else {
            matches!(self.phase, Phase::Choose { .. })
        };
        if !expected {
            return None;
        }
        let (file, _) = self.file.clone()?;
        match self.kind {
            Kind::Verify => {
                self.start_verify(ctx.lang, ctx.wake.clone());
                None
            }
            Kind::Sign => self.start_signature(&file, confirmed, ctx),
        }
    }
}

/// The folder of a signed or extracted file, in the system's file manager.
fn open_folder(dir: &Path) {
    let program = if cfg!(windows) {
        "explorer"
    } else if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    if let Err(e) = std::process::Command::new(program).arg(dir).spawn() {
        tracing::debug!("cannot open the folder: {e}");
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::backend::Backend;
    use crate::gui::state::{CardView, Readers, Service, SessionCounter};
    use crate::i18n::Lang;
    use crate::service::Wake;

    /// Runs `f` with what the page reads of a window whose reader `reader` holds no card read yet.
    fn with_ctx<R>(reader: Option<&str>, f: impl FnOnce(&Ctx) -> R) -> R {
        let card = CardView::Empty;
        let readers = Readers { list: Vec::new(), selected: reader.map(str::to_owned) };
        let wake: Wake = Arc::new(|| {});
        let ctx = Ctx {
            lang: Lang::It,
            today: time::macros::date!(2026 - 11 - 26),
            counter: false,
            counter_locked: false,
            busy: false,
            card: &card,
            readers: &readers,
            service: Service::Up,
            session: SessionCounter::default(),
            backend: &Backend::Pcsc,
            wake: &wake,
        };
        f(&ctx)
    }

    fn sign_page(dir: &tempfile::TempDir) -> DocFlow {
        let doc = dir.path().join("atto.pdf");
        std::fs::write(&doc, b"%PDF-1.4 atto").unwrap();
        let mut flow = DocFlow::new(Kind::Sign, Some(doc), Lang::It);
        flow.pin.type_text("12345");
        flow
    }

    #[test]
    fn one_press_of_sign_is_one_signature_for_the_worker() {
        let dir = tempfile::tempdir().unwrap();
        let mut flow = sign_page(&dir);
        let (first, again) = with_ctx(Some("reader"), |ctx| {
            (flow.apply(DocAction::Start, ctx), flow.apply(DocAction::Start, ctx))
        });
        let Some(DocAction::Sign(request)) = first else { panic!("no signature asked of the app") };
        assert!(again.is_none(), "a second Start while the first runs sends nothing");
        assert!(flow.is_busy() && flow.touched_card);
        assert!(flow.pin.is_empty(), "the request holds the PIN, the field does not");
        // the worker's answer to another signature is not this page's
        flow.on_signed(request.seq() + 1, Err(crate::ops::sign::SignError::WouldReplaceDocument), Lang::It);
        assert!(flow.is_busy());
        // and when the worker is gone, the page says the document was not signed
        flow.not_sent(request.seq(), Lang::It);
        assert!(matches!(flow.phase, Phase::Failed { .. }));
    }

    #[test]
    fn a_pin_that_is_not_one_is_said_under_the_field_and_nothing_is_asked() {
        let dir = tempfile::tempdir().unwrap();
        let mut flow = sign_page(&dir);
        flow.pin.wipe();
        flow.pin.type_text("12");
        let asked = with_ctx(Some("reader"), |ctx| flow.apply(DocAction::Start, ctx));
        assert!(asked.is_none());
        assert!(flow.pin_hint.is_some() && matches!(flow.phase, Phase::Choose { .. }));
        // no reader selected: nothing to sign with, nothing sent
        let mut flow = sign_page(&dir);
        assert!(with_ctx(None, |ctx| flow.apply(DocAction::Start, ctx)).is_none());
        assert!(!flow.is_busy());
    }

    #[test]
    fn opening_the_page_afresh_is_the_apps() {
        let dir = tempfile::tempdir().unwrap();
        let mut flow = sign_page(&dir);
        let back = with_ctx(None, |ctx| flow.apply(DocAction::Another, ctx));
        assert!(matches!(back, Some(DocAction::Another)));
    }
}
