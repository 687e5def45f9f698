//! What a page may know and what it may ask for. A page is a module with its own state type and
//! a view function `fn ui(&mut State, &Ctx, &mut egui::Ui) -> Vec<Action>`: it reads the
//! window's state through [`Ctx`], a read-only snapshot the app takes before drawing, changes only
//! its own state, and asks for everything else with an [`Action`] that the app applies after the
//! frame. No page imports the app.

use cns_core::flow::Operation;

use super::state::{CardView, Readers, Service, SessionCounter};
use crate::backend::Backend;
use crate::i18n::Lang;
use crate::service::Wake;

/// The window's state as every page may read it during one frame.
pub struct Ctx<'a> {
    pub lang: Lang,
    /// The day expiry warnings refer to (fixed by tests and snapshots).
    pub today: time::Date,
    pub counter: bool,
    /// Counter mode chosen at start: the staff cannot switch it off.
    pub counter_locked: bool,
    /// An operation is under way: whatever could start another is disabled.
    pub busy: bool,
    pub card: &'a CardView,
    pub readers: &'a Readers,
    pub service: Service,
    pub session: SessionCounter,
    /// To start background work (the doctor's checks, a browser scan) that outlives the frame.
    pub backend: &'a Backend,
    // Read by the browser page once it draws through Ctx (pages-flows is moving it).
    #[allow(dead_code)]
    pub wake: &'a Wake,
}

impl Ctx<'_> {
    pub fn is_demo(&self) -> bool {
        self.backend.is_demo()
    }
}

/// What the user asked for while the frame was drawn; applied once drawing is done.
pub(crate) enum Action {
    SelectReader(String),
    StartWizard(Operation),
    /// Esc on a wizard: one step back, or the wizard closes.
    WizardBack,
    /// A wizard's step gave a command for the card: the app sends it to the card worker and
    /// hands the answer back to the wizard.
    PinCommand(cns_core::Command),
    CloseScreen,
    ShowCertificate,
    ShowNewCardHelp,
    ShowDiagnostics,
    /// Run the doctor's checks (again) for the diagnostics page.
    RunDiagnostics,
    ShowBrowser,
    /// "Non hai il PIN o il PUK?".
    ShowPinHelp,
    /// "Usa la tessera": the region's services.
    ShowServices,
    Reread,
    RetryReaders,
    SetLang(Lang),
    SetCounter(bool),
    SwitchToDemo,
    LeaveDemo,
    Zoom(f32),
    Demo(super::chrome::demo_panel::DemoAction),
    ExportPem,
    ExportDer,
    ExportFallbackSave,
    ExportFallbackCancel,
    Document(super::doc_action::DocAction),
}
