//! The "Diagnostica" page: the doctor's checks with their fixes, and the support report, shown
//! in full before it is saved.
//!
//! The checks run on the card worker, which owns every card connection of the window (they talk
//! to the card service and read each card), so the window keeps painting. The page owns its state
//! ([`Diagnostics`]); it asks for a run with [`Action::RunDiagnostics`] and the app hands it the
//! worker's answer.

use std::path::PathBuf;

use egui::RichText;

use crate::doctor::{self, Diagnosis, Level};
use crate::gui::page::{Action, Ctx};
use crate::gui::widgets::{banner, primary_button, secondary_button};
use crate::gui::words::Tone;
use crate::i18n::{Lang, msg};

/// The page's state.
pub struct Diagnostics {
    lang: Lang,
    result: Option<Diagnosis>,
    /// The report's text, once asked for: shown in full before saving.
    report: Option<String>,
    /// Where to save it (editable).
    path: String,
    saved: Option<Result<PathBuf, String>>,
}

impl Diagnostics {
    /// The page, waiting for its checks: the caller asks the worker for them.
    pub fn new(lang: Lang) -> Diagnostics {
        let dir = crate::gui::export::default_dir().unwrap_or_else(|| PathBuf::from("."));
        let path = dir.join(lang.tr(msg::diagnostics_report_file_name()));
        Diagnostics {
            lang,
            result: None,
            report: None,
            path: path.to_string_lossy().into_owned(),
            saved: None,
        }
    }

    /// The worker's checks, if they were made in the page's language (a run asked before the
    /// language changed is dropped: the next one is coming).
    pub fn finished(&mut self, lang: Lang, d: Diagnosis) {
        if lang == self.lang {
            self.result = Some(d);
        }
    }

    fn rerun(&mut self) -> Action {
        self.result = None;
        self.report = None;
        self.saved = None;
        Action::RunDiagnostics
    }
}

/// Whom to call when the fix is not enough: the status page's help lines.
fn help_box(ui: &mut egui::Ui, lang: Lang) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        super::new_card::help_lines(ui, lang);
    });
}

fn tone(level: Level) -> Tone {
    match level {
        Level::Ok => Tone::Good,
        Level::Warning => Tone::Attention,
        Level::Problem => Tone::Bad,
    }
}

/// Draws the page; what it asks of the window comes back as actions.
pub fn ui(d: &mut Diagnostics, ctx: &Ctx, ui: &mut egui::Ui) -> Vec<Action> {
    let lang = ctx.lang;
    let mut actions = Vec::new();
    if d.lang != lang {
        // The page speaks the window's language: run again in the new one.
        d.lang = lang;
        actions.push(d.rerun());
    }
    crate::gui::a11y::heading(ui, &lang.tr(msg::diagnostics_title()));
    ui.label(lang.tr(msg::diagnostics_intro()));
    if ui.link(lang.tr(msg::guidance_title())).clicked() {
        actions.push(Action::ShowPinHelp);
    }
    if ctx.is_demo() {
        ui.label(RichText::new(lang.tr(msg::diagnostics_demo_note())).strong());
    }
    ui.add_space(8.0);
    let mut asked = Asked::default();
    match &d.result {
        None => {
            ui.horizontal_wrapped(|ui| {
                ui.spinner();
                ui.label(lang.tr(msg::diagnostics_checking()));
            });
        }
        Some(result) => {
            let summary = match result.problems() {
                0 => (Tone::Good, lang.tr(msg::diagnostics_no_problem())),
                n => (Tone::Bad, lang.tr(msg::diagnostics_problems_found(n))),
            };
            banner(ui, summary.0, &summary.1);
            ui.add_space(8.0);
            asked = buttons(ui, ctx, d.report.is_none());
            if asked.report {
                d.report = Some(doctor::report::render(result, lang));
            }
            ui.add_space(8.0);
            if d.report.is_none() {
                checks_in_full(ui, result, lang);
            } else {
                checks_in_brief(ui, result, lang);
            }
        }
    }
    if let Some(text) = &d.report {
        report(ui, text, &mut d.path, &mut d.saved, lang);
    }
    if asked.rerun {
        actions.push(d.rerun());
    }
    if asked.close {
        actions.push(Action::CloseScreen);
    }
    if asked.browser {
        actions.push(Action::ShowBrowser);
    }
    actions
}

/// The buttons pressed this frame.
#[derive(Default)]
struct Asked {
    report: bool,
    rerun: bool,
    browser: bool,
    close: bool,
}

/// The buttons first, where they are seen without scrolling.
fn buttons(ui: &mut egui::Ui, ctx: &Ctx, offer_report: bool) -> Asked {
    let lang = ctx.lang;
    let mut asked = Asked::default();
    ui.horizontal_wrapped(|ui| {
        asked.report =
            offer_report && primary_button(ui, &lang.tr(msg::diagnostics_prepare_report())).clicked();
        asked.rerun = secondary_button(ui, &lang.tr(msg::diagnostics_check_again())).clicked();
        // The browser checks' fix, one click away; needs no card (counter mode: the PC's
        // browsers are not the citizen's business).
        asked.browser = !ctx.counter && secondary_button(ui, &lang.tr(msg::browser_page_title())).clicked();
        asked.close = secondary_button(ui, &lang.tr(msg::docs_close())).clicked();
    });
    asked
}

/// Each check with its detail and its fix, then whom to call and the versions found.
fn checks_in_full(ui: &mut egui::Ui, result: &Diagnosis, lang: Lang) {
    for c in &result.checks {
        let t = tone(c.level);
        ui.label(
            RichText::new(format!("{} {} – {}", t.icon(), c.level.word(lang), c.title))
                .strong()
                .color(t.color()),
        );
        ui.label(&c.detail);
        if let Some(fix) = &c.fix {
            ui.label(RichText::new(format!("{}: {fix}", lang.tr(msg::how_to_fix()))).strong());
        }
        ui.add_space(6.0);
    }
    help_box(ui, lang);
    ui.add_space(6.0);
    let versions: Vec<String> = result
        .versions
        .iter()
        .map(|(n, v)| format!("{n} {}", v.clone().unwrap_or_else(|| lang.tr(msg::version_not_found()))))
        .collect();
    ui.label(RichText::new(format!("{}: {}", lang.tr(msg::versions()), versions.join(" · "))).weak());
}

/// The report is open: the checks stay in sight, one line each, so the user still sees what
/// was found (the fixes are in the report).
fn checks_in_brief(ui: &mut egui::Ui, result: &Diagnosis, lang: Lang) {
    for c in &result.checks {
        let t = tone(c.level);
        ui.label(
            RichText::new(format!("{} {} – {}: {}", t.icon(), c.level.word(lang), c.title, c.detail))
                .color(t.color()),
        );
    }
    ui.add_space(10.0);
}

/// The support report in full, where to save it, and whether it was saved.
fn report(
    ui: &mut egui::Ui,
    text: &str,
    path: &mut String,
    saved: &mut Option<Result<PathBuf, String>>,
    lang: Lang,
) {
    crate::gui::a11y::heading(ui, &lang.tr(msg::diagnostics_report_title()));
    ui.label(lang.tr(msg::diagnostics_report_intro()));
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(lang.tr(msg::diagnostics_save_to()));
        ui.add(
            egui::TextEdit::singleline(path)
                .desired_width(360.0)
                .hint_text(lang.tr(msg::diagnostics_file_path())),
        )
        .labelled_by(label.id);
        if primary_button(ui, &lang.tr(msg::diagnostics_save())).clicked() {
            let target = PathBuf::from(path.trim());
            *saved =
                Some(std::fs::write(&target, text.as_bytes()).map(|()| target).map_err(|e| e.to_string()));
        }
    });
    match saved {
        Some(Ok(p)) => {
            banner(ui, Tone::Good, &lang.tr(msg::diagnostics_report_saved(p.display().to_string())))
        }
        Some(Err(e)) => banner(ui, Tone::Bad, &lang.tr(msg::diagnostics_report_not_saved(e.to_string()))),
        None => {}
    }
    ui.add_space(6.0);
    help_box(ui, lang);
    ui.add_space(6.0);
    egui::Frame::group(ui.style()).show(ui, |ui| {
        egui::ScrollArea::vertical().id_salt("report_preview").max_height(300.0).show(ui, |ui| {
            ui.add(egui::Label::new(RichText::new(text).monospace()).wrap());
        });
    });
}
