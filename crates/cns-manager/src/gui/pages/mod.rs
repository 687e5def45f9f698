//! The pages that fill the window's main area. Each is a module with its own state type and a
//! view function `ui(&mut State, &Ctx, &mut egui::Ui) -> Vec<Action>` (see `gui/page.rs`): it
//! reads the window through `Ctx`, changes only its own state, and asks the app for the rest.
//! No page imports the app.

pub(crate) mod browser;
pub(crate) mod certificate;
pub(crate) mod diagnostics;
pub(crate) mod documents;
pub(crate) mod new_card;
pub(crate) mod pin_help;
pub(crate) mod services;
pub(crate) mod status;
pub(crate) mod wizard;
