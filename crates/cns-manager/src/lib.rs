//! # cns-manager
//!
//! The desktop card manager for the Italian TS-CNS (eframe/egui GUI) and its command-line
//! interface. The binary opens the GUI when run with no subcommand.

#![forbid(unsafe_code)]

pub mod backend;
pub mod browser;
pub mod card_words;
pub mod cli;
pub mod doctor;
pub mod gui;
pub mod guidance;
pub mod i18n;
pub mod ops;
pub mod pin_words;
pub mod service;
pub mod settings;
pub mod signature_words;
pub mod signed_files;
pub mod trusted_ca;
pub mod trusted_list;
