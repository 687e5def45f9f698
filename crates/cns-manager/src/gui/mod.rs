//! The desktop app (eframe/egui).
//!
//! Threads: the UI thread draws; the card worker ([`crate::service::worker`]) owns the backend
//! and the card connections; the reader monitor ([`crate::service::monitor`]: PC/SC, or the
//! demo's virtual reader) reports readers and cards. Both wake the UI with a repaint request after
//! each event; nothing repaints while nothing happens.

mod a11y;
mod app;
mod chrome;
mod doc_action;
pub mod export;
mod page;
mod pages;
mod state;
mod style;
mod why_demo;
mod widgets;
mod words;

pub use app::{AppConfig, CnsApp};
pub use state::SessionCounter;
pub use why_demo::DemoReason;
pub use widgets::pin_entry::{PinBuffer, pin_entry};

use crate::backend::Backend;
use crate::i18n::Lang;
use crate::settings::{self, Mode, Settings};

/// How the window starts.
#[derive(Debug, Clone, Default)]
pub struct GuiOptions {
    /// Demo mode: the simulated card in a virtual reader.
    pub demo: bool,
    /// Counter (sportello) mode.
    pub counter: bool,
    /// Forced language (else settings, else locale).
    pub lang: Option<Lang>,
    /// The family of the simulated card (`--demo-card`); the standard one when `None`.
    pub demo_card: Option<cns_sim::QuirkMode>,
    /// The demo was not asked for: the window chose it, for this reason (shown in its banner).
    pub demo_reason: Option<DemoReason>,
}

/// Why there is nothing real to talk to (the smart card service is unreachable or lists no
/// reader), or `None`. `main` then starts the demo, so a first run shows something useful,
/// and the banner says why.
pub fn autostart_demo_reason() -> Option<DemoReason> {
    DemoReason::detect()
}

/// Opens the window and returns when it is closed.
pub fn run(opts: GuiOptions) -> Result<(), String> {
    let settings = Settings::load();
    let counter = opts.counter || settings.mode == Mode::Counter;
    let lang = opts.lang.or(settings.lang).unwrap_or_else(Lang::from_env);
    let backend = if opts.demo {
        let mode = opts.demo_card.unwrap_or_default();
        Backend::Demo(cns_sim::SimHandle::new(crate::backend::demo_card(mode)))
    } else {
        Backend::Pcsc
    };
    let config = AppConfig {
        backend,
        lang,
        counter,
        // Counter mode writes nothing, not even settings.
        settings_path: if counter { None } else { settings::user_path() },
        settings,
        today: None,
        demo_reason: if opts.demo { opts.demo_reason } else { None },
        launcher: std::sync::Arc::new(crate::guidance::launch::SystemLauncher),
    };
    // The window grows with the text size, so 150 % is as usable as 100 % from the first frame.
    let zoom = config.settings.zoom.clamp(settings::MIN_ZOOM, settings::MAX_ZOOM);
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(a11y::window_title(lang))
            // The desktop entry's id (packaging/linux): Wayland compositors match the window to it.
            .with_app_id("it.cnsmanager.CnsManager")
            .with_inner_size([960.0 * zoom, 640.0 * zoom])
            // The smallest window the layout is checked at (tests/gui_sizes.rs).
            .with_min_inner_size([640.0, 480.0]),
        // Window geometry and egui memory are not persisted: nothing of a session goes to disk.
        persist_window: false,
        ..Default::default()
    };
    eframe::run_native(
        // eframe's app name (its storage and the X11 window class), not the visible title.
        "CNS Manager",
        options,
        Box::new(move |cc| Ok(Box::new(CnsApp::new(&cc.egui_ctx, config)))),
    )
    .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
        let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for entry in entries {
            let path = entry.unwrap_or_else(|e| panic!("{}: {e}", dir.display())).path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|x| x == "rs") {
                out.push(path);
            }
        }
    }

    /// The rooms of the window (issue 17): pages and chrome read the window through `Ctx` and
    /// answer with `Action`s. One that reached up into the app would bring back the cycle
    /// between the app and its parts, where any file could change any of the window's state.
    #[test]
    fn no_page_and_no_chrome_imports_the_app() {
        let gui = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/gui");
        let mut files = Vec::new();
        rust_files(&gui.join("pages"), &mut files);
        rust_files(&gui.join("chrome"), &mut files);
        // status, certificate, new card, diagnostics, wizard, documents, browser; top bar,
        // readers, demo band and panel, notice bar, counter setting, session line
        assert!(files.len() >= 11, "the pages and the chrome were not found: {files:?}");
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
            for reach_up in ["super::app", "gui::app", "impl CnsApp"] {
                assert!(!text.contains(reach_up), "{} reaches up into the app: {reach_up}", f.display());
            }
        }
    }

    /// What pages stand on (the contract, the window's model, the shared words and widgets)
    /// imports no page: a page's types there would make every page depend on that one.
    #[test]
    fn nothing_below_the_pages_imports_a_page() {
        let gui = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/gui");
        let mut files: Vec<PathBuf> =
            ["page.rs", "doc_action.rs", "state.rs", "words.rs", "a11y.rs", "style.rs"]
                .iter()
                .map(|f| gui.join(f))
                .collect();
        rust_files(&gui.join("widgets"), &mut files);
        rust_files(&gui.join("chrome"), &mut files);
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
            for reach_up in ["pages::", "super::app", "gui::app"] {
                assert!(
                    !text.contains(reach_up),
                    "{} reaches up into a page or the app: {reach_up}",
                    f.display()
                );
            }
        }
    }
}
