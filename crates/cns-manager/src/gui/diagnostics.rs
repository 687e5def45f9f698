//! The "Diagnostica" page: the doctor's checks with their fixes, and the support report, shown
//! in full before it is saved.
//!
//! The checks run on a thread of their own (they talk to the card service and read each card),
//! so the window keeps painting; the page's whole state lives in [`Screen::Diagnostics`], and
//! its buttons act on it directly: the app only opens and closes the page.

use std::path::PathBuf;

use egui::RichText;

use super::app::{Action, CnsApp};
use super::state::Screen;
use super::views::{banner, primary_button, secondary_button};
use super::words::Tone;
use crate::backend::Backend;
use crate::doctor::{self, Diagnosis, Level, SettingsPaths};
use crate::i18n::{Lang, msg};
use crate::service::{Background, Wake};

/// The page's state.
pub struct Diagnostics {
    lang: Lang,
    running: Option<Background<Diagnosis>>,
    result: Option<Diagnosis>,
    /// The report's text, once asked for: shown in full before saving.
    report: Option<String>,
    /// Where to save it (editable).
    path: String,
    saved: Option<Result<PathBuf, String>>,
}

impl Diagnostics {
    /// Starts the checks at once.
    pub fn start(backend: &Backend, lang: Lang, wake: Wake) -> Diagnostics {
        let dir = super::export::default_dir().unwrap_or_else(|| PathBuf::from("."));
        let path = dir.join(lang.tr(msg::diagnostics_report_file_name()));
        let mut d = Diagnostics {
            lang,
            running: None,
            result: None,
            report: None,
            path: path.to_string_lossy().into_owned(),
            saved: None,
        };
        d.run(backend, wake);
        d
    }

    fn run(&mut self, backend: &Backend, wake: Wake) {
        let backend = backend.clone();
        let lang = self.lang;
        let job = Background::spawn("cns-doctor", wake, move || diagnose_real_system(&backend, lang));
        self.result = None;
        self.report = None;
        self.saved = None;
        self.running = job.ok();
    }

    fn poll(&mut self) {
        if let Some(d) = self.running.as_ref().and_then(Background::try_take) {
            self.result = Some(d);
            self.running = None;
        }
    }
}

/// The checks of this PC's real smart card service, driver and readers, whatever the window
/// shows: a demo started because the service is missing must not make the page say "no
/// problem". While the demo is on, its simulated card is checked as well, under its reader's
/// name, and the report says the window was in demo mode.
fn diagnose_real_system(backend: &Backend, lang: Lang) -> Diagnosis {
    let mut d = doctor::diagnose(&Backend::Pcsc, lang, &SettingsPaths::usual(), None);
    if backend.is_demo() && backend.readers().is_ok_and(|r| r.iter().any(|r| r.card_present)) {
        let (findings, info) = doctor::card_check(backend, crate::backend::DEMO_READER, lang);
        d.checks.extend(findings);
        d.cards.extend(info);
    }
    d.demo = backend.is_demo();
    d
}

/// Whom to call when the fix is not enough: the status page's help lines.
fn help_box(ui: &mut egui::Ui, lang: Lang) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        super::views::help::help_lines(ui, lang);
    });
}

fn tone(level: Level) -> Tone {
    match level {
        Level::Ok => Tone::Good,
        Level::Warning => Tone::Attention,
        Level::Problem => Tone::Bad,
    }
}

impl CnsApp {
    pub(crate) fn open_diagnostics(&mut self) {
        self.screen =
            Screen::Diagnostics(Box::new(Diagnostics::start(&self.backend, self.lang, self.wake.clone())));
    }

    pub(crate) fn diagnostics_view(&mut self, ui: &mut egui::Ui) {
        let lang = self.lang;
        let counter = self.counter;
        let backend = self.backend.clone();
        let wake = self.wake.clone();
        let Screen::Diagnostics(d) = &mut self.screen else {
            return;
        };
        d.poll();
        if d.lang != lang {
            // The page speaks the window's language: run again in the new one.
            d.lang = lang;
            d.run(&backend, wake.clone());
        }
        super::a11y::heading(ui, &lang.tr(msg::diagnostics_title()));
        ui.label(lang.tr(msg::diagnostics_intro()));
        if backend.is_demo() {
            ui.label(RichText::new(lang.tr(msg::diagnostics_demo_note())).strong());
        }
        ui.add_space(8.0);
        let mut close = false;
        let mut rerun = false;
        let mut browser = false;
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
                // The buttons first, where they are seen without scrolling.
                ui.horizontal_wrapped(|ui| {
                    if d.report.is_none()
                        && primary_button(ui, &lang.tr(msg::diagnostics_prepare_report())).clicked()
                    {
                        d.report = Some(doctor::report::render(result, lang));
                    }
                    if secondary_button(ui, &lang.tr(msg::diagnostics_check_again())).clicked() {
                        rerun = true;
                    }
                    // The browser checks' fix, one click away; needs no card (counter mode:
                    // the PC's browsers are not the citizen's business).
                    if !counter && secondary_button(ui, &lang.tr(msg::diagnostics_browser())).clicked() {
                        browser = true;
                    }
                    if secondary_button(ui, &lang.tr(msg::diagnostics_close())).clicked() {
                        close = true;
                    }
                });
                ui.add_space(8.0);
                if d.report.is_none() {
                    for c in &result.checks {
                        let t = tone(c.level);
                        ui.label(
                            RichText::new(format!("{} {} – {}", t.icon(), c.level.word(lang), c.title))
                                .strong()
                                .color(t.color()),
                        );
                        ui.label(&c.detail);
                        if let Some(fix) = &c.fix {
                            ui.label(
                                RichText::new(format!("{}: {fix}", lang.tr(msg::how_to_fix()))).strong(),
                            );
                        }
                        ui.add_space(6.0);
                    }
                    help_box(ui, lang);
                    ui.add_space(6.0);
                    let versions: Vec<String> = result
                        .versions
                        .iter()
                        .map(|(n, v)| {
                            format!("{n} {}", v.clone().unwrap_or_else(|| lang.tr(msg::version_not_found())))
                        })
                        .collect();
                    ui.label(
                        RichText::new(format!("{}: {}", lang.tr(msg::versions()), versions.join(" · ")))
                            .weak(),
                    );
                } else {
                    // The report is open: the checks stay in sight, one line each, so the user
                    // still sees what was found (the fixes are in the report).
                    for c in &result.checks {
                        let t = tone(c.level);
                        ui.label(
                            RichText::new(format!(
                                "{} {} – {}: {}",
                                t.icon(),
                                c.level.word(lang),
                                c.title,
                                c.detail
                            ))
                            .color(t.color()),
                        );
                    }
                    ui.add_space(10.0);
                }
            }
        }
        if let Some(text) = &d.report {
            super::a11y::heading(ui, &lang.tr(msg::diagnostics_report_title()));
            ui.label(lang.tr(msg::diagnostics_report_intro()));
            ui.horizontal_wrapped(|ui| {
                let label = ui.label(lang.tr(msg::diagnostics_save_to()));
                ui.add(
                    egui::TextEdit::singleline(&mut d.path)
                        .desired_width(360.0)
                        .hint_text(lang.tr(msg::diagnostics_file_path())),
                )
                .labelled_by(label.id);
                if primary_button(ui, &lang.tr(msg::diagnostics_save())).clicked() {
                    let path = PathBuf::from(d.path.trim());
                    d.saved = Some(
                        std::fs::write(&path, text.as_bytes()).map(|()| path).map_err(|e| e.to_string()),
                    );
                }
            });
            match &d.saved {
                Some(Ok(p)) => {
                    banner(ui, Tone::Good, &lang.tr(msg::diagnostics_report_saved(p.display().to_string())))
                }
                Some(Err(e)) => {
                    banner(ui, Tone::Bad, &lang.tr(msg::diagnostics_report_not_saved(e.to_string())))
                }
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
        if rerun {
            d.run(&backend, wake);
        }
        if close {
            self.actions.push(Action::CloseScreen);
        }
        if browser {
            self.actions.push(Action::ShowBrowser);
        }
        ui.add_space(12.0);
        ui.separator();
        self.counter_setting(ui);
    }
}
