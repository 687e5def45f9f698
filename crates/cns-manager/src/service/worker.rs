//! The card worker: one thread owns the backend and every connection to a card, so the window
//! never waits for a card. Requests in, events out; after each event the worker wakes the UI.
//!
//! Every operation opens its own short connection and session and drops it before answering:
//! nothing is held while the user types.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;

use cns_core::card::{self, CardError, CardStatus, Location};
use cns_core::{Command, StatusWord, TransportError};
use cns_pcsc::ReaderInfo;

use crate::backend::Backend;

use super::Wake;

/// What the UI asks for. No `Debug`: a PIN command carries a PIN.
pub enum Request {
    /// Read everything the status screen shows. `seq` lets the UI drop answers for a card that
    /// has gone since.
    ReadCard { reader: String, seq: u64 },
    /// Send one PIN command built by a `PinFlow`, exactly once.
    /// `seq` comes back with the answer, so a late answer never lands in a newer wizard.
    /// `location` is where the status read found the CNS files (classic tree or applet).
    PinCommand { reader: String, location: Location, cmd: Command, seq: u64 },
    /// List readers now (the "Riprova" button; the monitor keeps the list current anyway).
    ListReaders,
    /// Switch between real readers and the demo card.
    SetBackend(Backend),
    /// Write an exported certificate where the user chose.
    Export { path: PathBuf, bytes: Vec<u8> },
}

/// What the worker reports.
pub enum Event {
    Status { reader: String, seq: u64, result: Result<Box<CardStatus>, CardError> },
    PinAnswer { seq: u64, result: Result<StatusWord, CardError> },
    Readers(Result<Vec<ReaderInfo>, TransportError>),
    Exported(Result<PathBuf, String>),
}

pub struct Worker {
    tx: Option<Sender<Request>>,
    rx: Receiver<Event>,
    handle: Option<JoinHandle<()>>,
}

impl Worker {
    pub fn spawn(backend: Backend, wake: Wake) -> Result<Worker, String> {
        let (tx, requests) = mpsc::channel::<Request>();
        let (events, rx) = mpsc::channel::<Event>();
        let handle = std::thread::Builder::new()
            .name("cns-card-worker".into())
            .spawn(move || {
                let mut backend = backend;
                // Ends when the UI drops its sender.
                for req in requests {
                    let ev = match handle_request(&mut backend, req) {
                        Some(ev) => ev,
                        None => continue,
                    };
                    if events.send(ev).is_err() {
                        return;
                    }
                    wake();
                }
            })
            .map_err(|e| e.to_string())?;
        Ok(Worker { tx: Some(tx), rx, handle: Some(handle) })
    }

    /// A worker that answers nothing (its thread could not start).
    pub fn dead() -> Worker {
        let (_, rx) = mpsc::channel();
        Worker { tx: None, rx, handle: None }
    }

    /// Queues a request; false when the worker is gone.
    pub fn send(&self, req: Request) -> bool {
        self.tx.as_ref().is_some_and(|tx| tx.send(req).is_ok())
    }

    pub fn try_recv(&self) -> Option<Event> {
        self.rx.try_recv().ok()
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        drop(self.tx.take());
        if let Some(h) = self.handle.take() {
            // A card operation finishes in well under a second; waiting keeps the card from
            // being cut off mid-command when the window closes.
            let _ = h.join();
        }
    }
}

fn handle_request(backend: &mut Backend, req: Request) -> Option<Event> {
    Some(match req {
        Request::ReadCard { reader, seq } => {
            let result = backend
                .open(&reader)
                .map_err(CardError::from)
                .and_then(|mut t| card::read_status(t.as_mut()).map(Box::new));
            Event::Status { reader, seq, result }
        }
        Request::PinCommand { reader, location, cmd, seq } => {
            let result = match backend.open(&reader) {
                Ok(mut t) => card::send_pin_command(t.as_mut(), location, cmd),
                Err(e) => {
                    drop(cmd);
                    Err(CardError::from(e))
                }
            };
            Event::PinAnswer { seq, result }
        }
        Request::ListReaders => Event::Readers(backend.readers()),
        Request::SetBackend(b) => {
            *backend = b;
            return None;
        }
        Request::Export { path, bytes } => {
            Event::Exported(std::fs::write(&path, &bytes).map(|()| path).map_err(|e| e.to_string()))
        }
    })
}
