//! The card worker: one thread owns the backend and every connection to a card, so the window
//! never waits for a card. Requests in, events out; after each event the worker wakes the UI.
//!
//! Every operation opens its own short connection and session and drops it before answering:
//! nothing is held while the user types.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;

use cns_core::card::{self, CardError, CardStatus, Location};
use cns_core::{Command, Pin, StatusWord, TransportError};
use cns_pcsc::ReaderInfo;

use crate::backend::Backend;
use crate::doctor::Diagnosis;
use crate::i18n::Lang;
use crate::ops::sign::{SignError, SignJob, Signed};

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
    /// Sign a document with the card in `reader` ([`crate::ops::sign`]); `progress` counts the
    /// bytes hashed, for the window's bar. Requests sent meanwhile wait for the signed file: one
    /// card operation at a time, as for every other request. The PIN is wiped when dropped,
    /// sent or not.
    Sign { reader: String, job: SignJob, pin: Pin, progress: Arc<AtomicU64>, seq: u64 },
    /// The doctor's checks for the diagnostics page, in `lang`: they read every card, so they
    /// wait their turn like any other card operation.
    Diagnose { lang: Lang },
}

/// What the worker reports.
pub enum Event {
    Status { reader: String, seq: u64, result: Result<Box<CardStatus>, CardError> },
    PinAnswer { seq: u64, result: Result<StatusWord, CardError> },
    Readers(Result<Vec<ReaderInfo>, TransportError>),
    Exported(Result<PathBuf, String>),
    Signed { seq: u64, result: Result<Signed, SignError> },
    Diagnosed { lang: Lang, diagnosis: Box<Diagnosis> },
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
        Request::Export { path, bytes } => Event::Exported(
            crate::ops::export::write(&path, &bytes).map(|()| path).map_err(|e| e.to_string()),
        ),
        Request::Sign { reader, job, pin, progress, seq } => {
            let result = match backend.open(&reader) {
                Ok(mut t) => crate::ops::sign::sign(t.as_mut(), &job, pin, &mut |n| {
                    progress.store(n, Ordering::Relaxed)
                }),
                // Dropping the PIN wipes it: it never reached a card.
                Err(e) => Err(SignError::Card(CardError::from(e))),
            };
            Event::Signed { seq, result }
        }
        Request::Diagnose { lang } => {
            Event::Diagnosed { lang, diagnosis: Box::new(crate::doctor::diagnose_for_window(backend, lang)) }
        }
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]
    use super::*;
    use crate::backend::DEMO_READER;
    use cns_sim::SimHandle;
    use std::time::Duration;

    /// The worker's next event (it wakes `woken` after each).
    fn next(worker: &Worker, woken: &Receiver<()>) -> Event {
        loop {
            if let Some(ev) = worker.try_recv() {
                return ev;
            }
            woken.recv_timeout(Duration::from_secs(20)).unwrap();
        }
    }

    fn spawned(handle: &SimHandle) -> (Worker, Receiver<()>) {
        let (tx, woken) = mpsc::channel();
        let wake: Wake = Arc::new(move || {
            let _ = tx.send(());
        });
        (Worker::spawn(Backend::Demo(handle.clone()), wake).unwrap(), woken)
    }

    fn sign_request(reader: &str, doc: &std::path::Path, progress: &Arc<AtomicU64>, seq: u64) -> Request {
        Request::Sign {
            reader: reader.to_owned(),
            job: SignJob::new(doc, None, None, false, false).unwrap(),
            pin: Pin::new("12345").unwrap(),
            progress: progress.clone(),
            seq,
        }
    }

    #[test]
    fn the_worker_signs_and_answers_the_requests_behind_it_afterwards() {
        let dir = tempfile::tempdir().unwrap();
        let doc = dir.path().join("x.txt");
        std::fs::write(&doc, b"testo").unwrap();
        let handle = SimHandle::default();
        let (worker, woken) = spawned(&handle);
        let progress = Arc::new(AtomicU64::new(0));
        assert!(worker.send(sign_request(DEMO_READER, &doc, &progress, 7)));
        assert!(worker.send(Request::ReadCard { reader: DEMO_READER.to_owned(), seq: 1 }));
        match next(&worker, &woken) {
            Event::Signed { seq: 7, result: Ok(signed) } => {
                assert_eq!(signed.path, dir.path().join("x.txt.p7m"));
                assert!(signed.path.is_file());
            }
            _ => panic!("the signature's answer comes first"),
        }
        assert_eq!(progress.load(Ordering::Relaxed), 5, "the bar reached the document's size");
        assert!(matches!(next(&worker, &woken), Event::Status { seq: 1, result: Ok(_), .. }));
        let verifies = handle.command_log().iter().filter(|c| c.header[1] == 0x20 && c.lc.is_some()).count();
        assert_eq!(verifies, 1, "one PIN for one signature");
    }

    #[test]
    fn no_card_no_signature_and_no_file() {
        let dir = tempfile::tempdir().unwrap();
        let doc = dir.path().join("x.txt");
        std::fs::write(&doc, b"testo").unwrap();
        let handle = SimHandle::default();
        handle.remove();
        let (worker, woken) = spawned(&handle);
        let progress = Arc::new(AtomicU64::new(0));
        assert!(worker.send(sign_request(DEMO_READER, &doc, &progress, 3)));
        match next(&worker, &woken) {
            Event::Signed {
                seq: 3,
                result: Err(SignError::Card(CardError::Transport(TransportError::NoCard))),
            } => {}
            _ => panic!("a missing card is said as such"),
        }
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "only the document");
    }

    #[test]
    fn the_doctor_runs_on_the_worker_in_the_language_asked_and_checks_the_demo_card() {
        let handle = SimHandle::default();
        let (worker, woken) = spawned(&handle);
        assert!(worker.send(Request::Diagnose { lang: Lang::En }));
        match next(&worker, &woken) {
            Event::Diagnosed { lang: Lang::En, diagnosis } => {
                assert!(diagnosis.demo, "the report says the window was in demo mode");
                // (the real readers are checked too: a test rig's pcscd may list cards of its own)
                let demo_cards = diagnosis.cards.iter().filter(|c| c.reader == DEMO_READER).count();
                assert_eq!(demo_cards, 1, "the demo card is read, once");
            }
            _ => panic!("the checks come back in the language asked"),
        }
        // One connection at a time: the card read queued behind the checks answers after them.
        assert!(worker.send(Request::Diagnose { lang: Lang::It }));
        assert!(worker.send(Request::ReadCard { reader: DEMO_READER.to_owned(), seq: 3 }));
        assert!(matches!(next(&worker, &woken), Event::Diagnosed { lang: Lang::It, .. }));
        assert!(matches!(next(&worker, &woken), Event::Status { seq: 3, result: Ok(_), .. }));
    }
}
