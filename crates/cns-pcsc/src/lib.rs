//! # cns-pcsc
//!
//! The PC/SC side of the CNS manager: a [`cns_core::CardTransport`] over a shared PC/SC
//! connection ([`PcscTransport`]), a one-shot reader listing ([`list_readers`]) and a background
//! reader/card monitor ([`ReaderMonitor`]) that a GUI can poll without blocking.
//!
//! APDU contents are never logged (PINs travel through [`cns_core::CardSession::transmit`]);
//! trace-level logs carry lengths only.

#![forbid(unsafe_code)]

mod busy;
mod error;
mod monitor;
mod readers;
mod transport;

pub use busy::{BUSY_WAIT_ENV, DEFAULT_BUSY_WAIT, busy_wait};
pub use error::{Stack, map_error, map_error_on};
pub use monitor::{MonitorEvent, ReaderMonitor, apply_event, diff_readers};
pub use readers::{ReaderInfo, list_readers, list_readers_in};
pub use transport::PcscTransport;

/// The pcsc crate, re-exported so callers can hand [`PcscTransport::connect`] a context.
pub use pcsc;
