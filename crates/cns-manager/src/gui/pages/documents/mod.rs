//! "Firma un documento" and "Verifica un documento": choose (or drop) a file, for signing type the
//! PIN (checked locally, with the same last-try confirmation as the PIN wizards), then the work
//! runs on its own thread with a progress bar, and a result page says in plain words what
//! happened and whom to trust.
//!
//! The signature is the card worker's ([`crate::service::worker`], which owns every card
//! connection) and the same use case as `cns-manager sign` ([`crate::ops::sign`]): one card
//! session at the end (PIN and signature together, then a reset, see
//! `cns_core::card::sign_with_pin`). The page prepares it and asks the app to hand it to the
//! worker ([`DocAction::Sign`]); the answer comes back through [`DocFlow::on_signed`]. The check
//! ([`crate::ops::verify`]) and the file dialog run as [`crate::service::Background`] jobs that
//! the page owns: the window never waits.
//!
//! The rooms: [`flow`] the page's state and its transitions, [`apply`] what its buttons do,
//! [`sign`] and [`verify`] the two use cases as the page starts them, [`trust`] trusting an
//! authority or a trusted list, [`dropped`] files dropped on the window, and the views
//! ([`view`], [`sign_view`], [`verify_view`]).

mod apply;
mod dropped;
mod flow;
mod sign;
mod sign_view;
mod trust;
mod verify;
mod verify_view;
mod view;

pub(crate) use crate::gui::doc_action::{DocAction, Kind, SignRequest};
pub(crate) use dropped::dropped_file;
pub(crate) use flow::{DocFlow, OnCardChange};
pub(crate) use view::ui;
