//! The desktop app (in progress).

use crate::i18n::Lang;

/// How the window starts.
#[derive(Debug, Clone, Default)]
pub struct GuiOptions {
    /// Demo mode: the simulated card in a virtual reader.
    pub demo: bool,
    /// Counter (sportello) mode.
    pub counter: bool,
    /// Forced language (else settings, else locale).
    pub lang: Option<Lang>,
}

/// Opens the window and returns when it is closed.
pub fn run(_opts: GuiOptions) -> Result<(), String> {
    Err("the window is not available yet in this build; use the subcommands (cns-manager --help)".into())
}

/// True when there is no usable reader (service down or no reader), so the app should start in
/// demo mode.
pub fn should_autostart_demo() -> bool {
    !matches!(cns_pcsc::list_readers(), Ok(list) if !list.is_empty())
}
