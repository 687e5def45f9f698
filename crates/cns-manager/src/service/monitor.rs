//! Reader and card events for the window, from the PC/SC monitor or from the demo's virtual
//! reader, in the same [`MonitorEvent`] form.

use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;

use cns_pcsc::{MonitorEvent, ReaderInfo, ReaderMonitor, diff_readers};

use crate::backend::Backend;

use super::Wake;

pub enum Monitor {
    Pcsc(ReaderMonitor),
    Demo(DemoMonitor),
    /// The monitor thread could not start: the reader list only changes on "Riprova".
    None,
}

impl Monitor {
    pub fn start(backend: &Backend, wake: Wake) -> Monitor {
        let started = match backend {
            Backend::Pcsc => {
                ReaderMonitor::spawn(move || wake()).map(Monitor::Pcsc).map_err(|e| e.to_string())
            }
            Backend::Demo(_) => DemoMonitor::spawn(backend.clone(), wake).map(Monitor::Demo),
        };
        started.unwrap_or_else(|e| {
            tracing::warn!("reader monitor not started: {e}");
            Monitor::None
        })
    }

    pub fn drain(&self) -> Vec<MonitorEvent> {
        match self {
            Monitor::Pcsc(m) => m.drain(),
            Monitor::Demo(m) => m.events.try_iter().collect(),
            Monitor::None => Vec::new(),
        }
    }
}

/// Watches the demo's virtual reader, so a card pulled out by the demo controls (or by the
/// simulator's own removal knob) is noticed the way a real removal is. It sleeps until the slot
/// reports a change: no polling, no CPU while idle.
pub struct DemoMonitor {
    events: Receiver<MonitorEvent>,
    poke: Sender<Poke>,
    handle: Option<JoinHandle<()>>,
}

enum Poke {
    Look,
    Stop,
}

impl DemoMonitor {
    fn spawn(backend: Backend, wake: Wake) -> Result<DemoMonitor, String> {
        let (tx, events) = mpsc::channel();
        let (poke, poked) = mpsc::channel::<Poke>();
        if let Backend::Demo(h) = &backend {
            let poke = poke.clone();
            h.watch(move || {
                // The monitor may be gone (demo switched off): nothing to tell then.
                let _ = poke.send(Poke::Look);
            });
        }
        let handle = std::thread::Builder::new()
            .name("cns-demo-monitor".into())
            .spawn(move || {
                let look = || backend.readers().unwrap_or_default();
                let mut last: Vec<ReaderInfo> = look();
                if tx.send(MonitorEvent::Snapshot(last.clone())).is_err() {
                    return;
                }
                wake();
                while let Ok(Poke::Look) = poked.recv() {
                    let now = look();
                    let changes = diff_readers(&last, &now);
                    if changes.is_empty() {
                        continue;
                    }
                    for ev in changes {
                        if tx.send(ev).is_err() {
                            return;
                        }
                    }
                    last = now;
                    wake();
                }
            })
            .map_err(|e| e.to_string())?;
        Ok(DemoMonitor { events, poke, handle: Some(handle) })
    }
}

impl Drop for DemoMonitor {
    fn drop(&mut self) {
        let _ = self.poke.send(Poke::Stop);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}
