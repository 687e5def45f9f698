//! Background watch on readers and cards, reported as events on a channel.
//!
//! Event model: the first event is [`MonitorEvent::Snapshot`] with every reader present at start
//! (or [`MonitorEvent::ServiceLost`] if pcscd is not reachable yet). After that only changes
//! follow, in the order they can be applied with [`apply_event`]. When pcscd goes away the monitor
//! sends `ServiceLost`, retries about once a second, and on success sends `ServiceBack` followed by
//! a fresh `Snapshot` that replaces whatever the receiver had.

use std::ffi::CStr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use cns_core::TransportError;
use pcsc::{Context, ReaderState, Scope, State};

use crate::error::{Stack, is_service_lost};
use crate::readers::{ReaderInfo, reader_names};

/// How long to wait between attempts to reach a stopped pcscd, and between polls on stacks
/// without PnP notification (macOS).
const RETRY: Duration = Duration::from_secs(1);
/// How long `stop` keeps cancelling before leaving a wedged thread behind rather than hanging
/// the caller (typically a GUI closing its window).
const STOP_GRACE: Duration = Duration::from_secs(2);

/// What the monitor saw. See the module docs for the order guarantees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MonitorEvent {
    /// The full picture: first event, and again right after `ServiceBack`.
    Snapshot(Vec<ReaderInfo>),
    /// A reader appeared (empty; a card in it follows as `CardInserted`).
    ReaderAdded(String),
    /// A reader went away (a card in it was reported as `CardRemoved` just before).
    ReaderRemoved(String),
    /// A card is now in `reader`; `atr` is empty when the card does not answer (mute).
    CardInserted { reader: String, atr: Vec<u8> },
    /// The card left `reader` (also sent before `CardInserted` when a card was swapped).
    CardRemoved { reader: String },
    /// pcscd is not reachable; the reader list is unknown until `ServiceBack` + `Snapshot`.
    ServiceLost,
    /// pcscd is reachable again; a `Snapshot` follows.
    ServiceBack,
}

/// Applies one event to a reader list kept by the receiver (e.g. GUI state).
pub fn apply_event(readers: &mut Vec<ReaderInfo>, event: &MonitorEvent) {
    match event {
        MonitorEvent::Snapshot(all) => readers.clone_from(all),
        MonitorEvent::ReaderAdded(name) => {
            if !readers.iter().any(|r| &r.name == name) {
                readers.push(ReaderInfo { name: name.clone(), card_present: false, atr: None });
            }
        }
        MonitorEvent::ReaderRemoved(name) => readers.retain(|r| &r.name != name),
        MonitorEvent::CardInserted { reader, atr } => {
            if let Some(r) = readers.iter_mut().find(|r| &r.name == reader) {
                r.card_present = true;
                r.atr = (!atr.is_empty()).then(|| atr.clone());
            }
        }
        MonitorEvent::CardRemoved { reader } => {
            if let Some(r) = readers.iter_mut().find(|r| &r.name == reader) {
                r.card_present = false;
                r.atr = None;
            }
        }
        MonitorEvent::ServiceLost => readers.clear(),
        MonitorEvent::ServiceBack => {}
    }
}

/// The events that turn reader list `old` into `new` (same order as [`ReaderMonitor`] sends).
pub fn diff_readers(old: &[ReaderInfo], new: &[ReaderInfo]) -> Vec<MonitorEvent> {
    let wrap = |v: &[ReaderInfo]| -> Vec<Observed> {
        v.iter().map(|info| Observed { info: info.clone(), count: 0 }).collect()
    };
    diff_observed(&wrap(old), &wrap(new))
}

/// A reader as seen once, with pcsc-lite's per-reader insert/remove counter, which reveals a
/// card pulled and put back (same ATR) between two looks.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Observed {
    info: ReaderInfo,
    count: u32,
}

fn diff_observed(old: &[Observed], new: &[Observed]) -> Vec<MonitorEvent> {
    let mut events = Vec::new();
    let find =
        |list: &'_ [Observed], name: &str| -> Option<usize> { list.iter().position(|o| o.info.name == name) };
    for o in old {
        if find(new, &o.info.name).is_none() {
            if o.info.card_present {
                events.push(MonitorEvent::CardRemoved { reader: o.info.name.clone() });
            }
            events.push(MonitorEvent::ReaderRemoved(o.info.name.clone()));
        }
    }
    for n in new {
        let inserted = || MonitorEvent::CardInserted {
            reader: n.info.name.clone(),
            atr: n.info.atr.clone().unwrap_or_default(),
        };
        let removed = || MonitorEvent::CardRemoved { reader: n.info.name.clone() };
        match find(old, &n.info.name).map(|i| &old[i]) {
            None => {
                events.push(MonitorEvent::ReaderAdded(n.info.name.clone()));
                if n.info.card_present {
                    events.push(inserted());
                }
            }
            Some(o) => match (o.info.card_present, n.info.card_present) {
                (false, true) => events.push(inserted()),
                (true, false) => events.push(removed()),
                (true, true) if o.info.atr != n.info.atr || o.count != n.count => {
                    events.push(removed());
                    events.push(inserted());
                }
                _ => {}
            },
        }
    }
    events
}

struct Shared {
    stop: AtomicBool,
    // The context the thread is blocked on, so `stop` can cancel it from outside.
    ctx: Mutex<Option<Context>>,
}

impl Shared {
    fn stopping(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
    }

    fn set_ctx(&self, ctx: Option<Context>) {
        *self.ctx.lock().unwrap_or_else(|p| p.into_inner()) = ctx;
    }

    fn cancel(&self) {
        if let Some(ctx) = self.ctx.lock().unwrap_or_else(|p| p.into_inner()).as_ref() {
            // Fails harmlessly when nothing is blocked or the service is gone.
            let _ = ctx.cancel();
        }
    }
}

/// A background thread that watches readers and cards and reports [`MonitorEvent`]s.
///
/// It has its own PC/SC context (operations on one context are serialised, so sharing the card
/// worker's would stall it) and blocks in `SCardGetStatusChange` while nothing happens. Dropping
/// it stops the thread, like [`ReaderMonitor::stop`].
pub struct ReaderMonitor {
    events: Receiver<MonitorEvent>,
    shared: Arc<Shared>,
    // Dropped on stop to cut short the retry sleep while pcscd is down.
    stop_tx: Option<Sender<()>>,
    handle: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for ReaderMonitor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReaderMonitor").field("running", &self.handle.is_some()).finish_non_exhaustive()
    }
}

impl ReaderMonitor {
    /// Starts the monitor. `wake` runs on the monitor thread after every event sent (a GUI
    /// passes its repaint request). Fails only if the thread cannot be started: an unreachable
    /// pcscd is reported as a `ServiceLost` event, and the monitor keeps trying.
    pub fn spawn(wake: impl Fn() + Send + Sync + 'static) -> Result<ReaderMonitor, TransportError> {
        let (tx, events) = mpsc::channel();
        let (stop_tx, stop_rx) = mpsc::channel();
        let shared = Arc::new(Shared { stop: AtomicBool::new(false), ctx: Mutex::new(None) });
        let thread_shared = Arc::clone(&shared);
        let handle = std::thread::Builder::new()
            .name("cns-reader-monitor".into())
            .spawn(move || {
                let emit = |ev: MonitorEvent| {
                    tracing::debug!(event = ?ev, "reader monitor");
                    // The receiver lives in the ReaderMonitor, which joins us before dropping it.
                    let _ = tx.send(ev);
                    wake();
                };
                run(&thread_shared, &emit, &stop_rx);
                thread_shared.set_ctx(None);
            })
            .map_err(TransportError::other)?;
        Ok(ReaderMonitor { events, shared, stop_tx: Some(stop_tx), handle: Some(handle) })
    }

    /// The event channel, for `recv_timeout`, `try_iter` and friends.
    pub fn events(&self) -> &Receiver<MonitorEvent> {
        &self.events
    }

    /// The next pending event, without waiting.
    pub fn try_recv(&self) -> Option<MonitorEvent> {
        self.events.try_recv().ok()
    }

    /// All pending events, without waiting.
    pub fn drain(&self) -> Vec<MonitorEvent> {
        self.events.try_iter().collect()
    }

    /// Stops the thread and waits for it (normally a few milliseconds).
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        let Some(handle) = self.handle.take() else {
            return;
        };
        self.shared.stop.store(true, Ordering::SeqCst);
        drop(self.stop_tx.take());
        // SCardCancel only interrupts a call already in progress, so one cancel can land just
        // before the thread blocks; repeat until the thread is gone.
        let deadline = Instant::now() + STOP_GRACE;
        while !handle.is_finished() {
            if Instant::now() >= deadline {
                tracing::warn!("reader monitor did not stop in time; leaving it behind");
                return;
            }
            self.shared.cancel();
            std::thread::sleep(Duration::from_millis(5));
        }
        if handle.join().is_err() {
            tracing::warn!("reader monitor thread panicked");
        }
    }
}

impl Drop for ReaderMonitor {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// Sleeps for `d` unless stop is requested first; true when it was.
fn sleep_or_stop(shared: &Shared, stop_rx: &Receiver<()>, d: Duration) -> bool {
    match stop_rx.recv_timeout(d) {
        Err(RecvTimeoutError::Timeout) => shared.stopping(),
        Ok(()) | Err(RecvTimeoutError::Disconnected) => true,
    }
}

enum Exit {
    Stop,
    ServiceLost(pcsc::Error),
}

/// What a missing or lost service is for the user on `stack`: on Windows no reader (its Smart
/// Card service runs only while a reader is attached, so "service down" would send the user to
/// the wrong fix), elsewhere the service down.
fn service_gone(stack: Stack) -> MonitorEvent {
    if stack.service_follows_readers() {
        MonitorEvent::Snapshot(Vec::new())
    } else {
        MonitorEvent::ServiceLost
    }
}

fn run(shared: &Shared, emit: &dyn Fn(MonitorEvent), stop_rx: &Receiver<()>) {
    let stack = Stack::current();
    // Presumed up so that an unreachable pcscd at start is announced once, as a loss.
    let mut service_up = true;
    while !shared.stopping() {
        let ctx = match Context::establish(Scope::User) {
            Ok(ctx) => ctx,
            Err(e) => {
                if service_up {
                    tracing::info!(error = %e, "smart card service not reachable");
                    emit(service_gone(stack));
                    service_up = false;
                }
                if sleep_or_stop(shared, stop_rx, RETRY) {
                    return;
                }
                continue;
            }
        };
        shared.set_ctx(Some(ctx.clone()));
        if !service_up {
            tracing::info!("smart card service is back");
            if !stack.service_follows_readers() {
                emit(MonitorEvent::ServiceBack);
            }
        }
        // watch only comes back for a stop or a lost service, so `service_up` is settled here.
        let exit = watch(&ctx, shared, emit, stop_rx);
        shared.set_ctx(None);
        match exit {
            Exit::Stop => return,
            Exit::ServiceLost(e) => {
                tracing::info!(error = %e, "smart card service lost");
                emit(service_gone(stack));
                service_up = false;
                if sleep_or_stop(shared, stop_rx, RETRY) {
                    return;
                }
            }
        }
    }
}

/// Watches on one context until stop is requested or the context dies.
fn watch(ctx: &Context, shared: &Shared, emit: &dyn Fn(MonitorEvent), stop_rx: &Receiver<()>) -> Exit {
    let pnp_name = pcsc::PNP_NOTIFICATION();
    let mut pnp = true;
    let mut states = vec![ReaderState::new(pnp_name, State::UNAWARE)];
    let mut prev: Option<Vec<Observed>> = None;
    loop {
        if shared.stopping() {
            return Exit::Stop;
        }
        let names = match reader_names(ctx) {
            Ok(names) => names,
            Err(e) if is_service_lost(e) => return Exit::ServiceLost(e),
            Err(e) => {
                tracing::warn!(error = %e, "listing readers failed");
                if sleep_or_stop(shared, stop_rx, RETRY) {
                    return Exit::Stop;
                }
                continue;
            }
        };
        states.retain(|rs| {
            rs.name() == pnp_name
                || (names.iter().any(|n| n.as_c_str() == rs.name())
                    && !rs.event_state().intersects(State::UNKNOWN | State::IGNORE))
        });
        for name in names {
            if !states.iter().any(|rs| rs.name() == name.as_c_str()) {
                states.push(ReaderState::new(name, State::UNAWARE));
            }
        }

        // Fresh entries (and the PnP entry on the first pass) need their state read once before
        // they can be compared and waited on.
        if states.iter().any(|rs| rs.current_state() == State::UNAWARE) {
            match wait_change(ctx, Some(Duration::ZERO), &mut states) {
                Ok(()) => {}
                Err(Exit::Stop) if !shared.stopping() => continue,
                Err(exit) => return exit,
            }
        }
        if pnp && states.first().is_some_and(|rs| is_unsupported_pnp(pnp_name, rs)) {
            tracing::debug!("no PnP notification; polling for new readers");
            pnp = false;
            states.retain(|rs| rs.name() != pnp_name);
        }
        for rs in &mut states {
            rs.sync_current_state();
        }

        let now: Vec<Observed> = states
            .iter()
            .filter(|rs| rs.name() != pnp_name)
            .filter(|rs| !rs.current_state().intersects(State::UNKNOWN | State::IGNORE))
            .map(|rs| observe(rs.name(), rs.current_state(), rs.atr(), rs.event_count()))
            .collect();
        match &prev {
            None => emit(MonitorEvent::Snapshot(now.iter().map(|o| o.info.clone()).collect())),
            Some(before) => diff_observed(before, &now).into_iter().for_each(emit),
        }
        prev = Some(now);

        if states.is_empty() {
            // No PnP and no reader: nothing to block on.
            if sleep_or_stop(shared, stop_rx, RETRY) {
                return Exit::Stop;
            }
            continue;
        }
        let timeout = if pnp { None } else { Some(RETRY) };
        match wait_change(ctx, timeout, &mut states) {
            Ok(()) => {}
            Err(Exit::Stop) if !shared.stopping() => {}
            Err(exit) => return exit,
        }
    }
}

/// One `SCardGetStatusChange`; timeouts count as success, cancellation as `Exit::Stop` (the
/// caller checks whether a stop was really asked for), a dead context as `ServiceLost`.
fn wait_change(ctx: &Context, timeout: Option<Duration>, states: &mut [ReaderState]) -> Result<(), Exit> {
    match ctx.get_status_change(timeout, states) {
        Ok(()) | Err(pcsc::Error::Timeout) => Ok(()),
        Err(pcsc::Error::Cancelled) => Err(Exit::Stop),
        Err(e) if is_service_lost(e) => Err(Exit::ServiceLost(e)),
        Err(e) => {
            // Unknown trouble: back off a little instead of spinning on it.
            tracing::warn!(error = %e, "waiting for reader changes failed");
            std::thread::sleep(Duration::from_millis(200));
            Ok(())
        }
    }
}

fn is_unsupported_pnp(pnp_name: &CStr, rs: &ReaderState) -> bool {
    rs.name() == pnp_name && rs.event_state().contains(State::UNKNOWN)
}

fn observe(name: &CStr, state: State, atr: &[u8], count: u32) -> Observed {
    Observed { info: ReaderInfo::from_state(name.to_string_lossy().into_owned(), state, atr), count }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reader(name: &str, atr: Option<&[u8]>) -> ReaderInfo {
        ReaderInfo { name: name.into(), card_present: atr.is_some(), atr: atr.map(<[u8]>::to_vec) }
    }

    fn obs(name: &str, atr: Option<&[u8]>, count: u32) -> Observed {
        Observed { info: reader(name, atr), count }
    }

    fn applied(old: &[ReaderInfo], events: &[MonitorEvent]) -> Vec<ReaderInfo> {
        let mut list = old.to_vec();
        for ev in events {
            apply_event(&mut list, ev);
        }
        list
    }

    const A: &[u8] = &[0x3B, 0x88, 0x80, 0x01];
    const B: &[u8] = &[0x3B, 0x8F, 0x80, 0x01];

    #[test]
    fn on_windows_the_service_gone_is_no_reader_and_elsewhere_the_service_down() {
        // Windows stops SCardSvr with the last reader: the list empties, the window says
        // "connect a reader", not "start the service"
        let before = vec![reader("r0", Some(A))];
        let after = applied(&before, &[service_gone(Stack::WinScard)]);
        assert!(after.is_empty());
        assert!(matches!(service_gone(Stack::WinScard), MonitorEvent::Snapshot(ref l) if l.is_empty()));
        assert!(matches!(service_gone(Stack::PcscLite), MonitorEvent::ServiceLost));
        assert!(matches!(service_gone(Stack::MacOs), MonitorEvent::ServiceLost));
    }

    #[test]
    fn no_change_no_events() {
        let v = vec![reader("r0", Some(A)), reader("r1", None)];
        assert!(diff_readers(&v, &v).is_empty());
    }

    #[test]
    fn card_inserted_and_removed() {
        let empty = vec![reader("r0", None)];
        let full = vec![reader("r0", Some(A))];
        assert_eq!(
            diff_readers(&empty, &full),
            vec![MonitorEvent::CardInserted { reader: "r0".into(), atr: A.to_vec() }]
        );
        assert_eq!(diff_readers(&full, &empty), vec![MonitorEvent::CardRemoved { reader: "r0".into() }]);
    }

    #[test]
    fn reader_with_card_added_and_removed() {
        let none: Vec<ReaderInfo> = vec![];
        let one = vec![reader("r0", Some(A))];
        assert_eq!(
            diff_readers(&none, &one),
            vec![
                MonitorEvent::ReaderAdded("r0".into()),
                MonitorEvent::CardInserted { reader: "r0".into(), atr: A.to_vec() },
            ]
        );
        assert_eq!(
            diff_readers(&one, &none),
            vec![MonitorEvent::CardRemoved { reader: "r0".into() }, MonitorEvent::ReaderRemoved("r0".into()),]
        );
        let empty_reader = vec![reader("r1", None)];
        assert_eq!(diff_readers(&none, &empty_reader), vec![MonitorEvent::ReaderAdded("r1".into())]);
    }

    #[test]
    fn swapped_card_is_removal_then_insertion() {
        let a = vec![reader("r0", Some(A))];
        let b = vec![reader("r0", Some(B))];
        assert_eq!(
            diff_readers(&a, &b),
            vec![
                MonitorEvent::CardRemoved { reader: "r0".into() },
                MonitorEvent::CardInserted { reader: "r0".into(), atr: B.to_vec() },
            ]
        );
    }

    #[test]
    fn same_card_reinserted_is_seen_through_the_event_counter() {
        let before = vec![obs("r0", Some(A), 3)];
        let after = vec![obs("r0", Some(A), 5)];
        assert_eq!(
            diff_observed(&before, &after),
            vec![
                MonitorEvent::CardRemoved { reader: "r0".into() },
                MonitorEvent::CardInserted { reader: "r0".into(), atr: A.to_vec() },
            ]
        );
        // Inserted and pulled again between two looks: nothing to tell.
        let empty_before = vec![obs("r0", None, 3)];
        let empty_after = vec![obs("r0", None, 5)];
        assert!(diff_observed(&empty_before, &empty_after).is_empty());
    }

    #[test]
    fn mute_card_is_inserted_with_empty_atr() {
        let empty = vec![reader("r0", None)];
        let mute = vec![ReaderInfo { name: "r0".into(), card_present: true, atr: None }];
        let events = diff_readers(&empty, &mute);
        assert_eq!(events, vec![MonitorEvent::CardInserted { reader: "r0".into(), atr: vec![] }]);
        assert_eq!(applied(&empty, &events), mute);
    }

    #[test]
    fn applying_the_diff_reproduces_the_new_list() {
        let lists: Vec<Vec<ReaderInfo>> = vec![
            vec![],
            vec![reader("r0", None)],
            vec![reader("r0", Some(A))],
            vec![reader("r0", Some(B)), reader("r1", None)],
            vec![reader("r1", Some(A))],
            vec![reader("r0", None), reader("r1", Some(B)), reader("r2", Some(A))],
        ];
        for old in &lists {
            for new in &lists {
                let events = diff_readers(old, new);
                let mut got = applied(old, &events);
                let mut want = new.clone();
                got.sort_by(|a, b| a.name.cmp(&b.name));
                want.sort_by(|a, b| a.name.cmp(&b.name));
                assert_eq!(got, want, "{old:?} -> {new:?} via {events:?}");
            }
        }
    }

    #[test]
    fn snapshot_and_service_events_apply() {
        let mut list = vec![reader("old", None)];
        let snap = vec![reader("r0", Some(A))];
        apply_event(&mut list, &MonitorEvent::Snapshot(snap.clone()));
        assert_eq!(list, snap);
        apply_event(&mut list, &MonitorEvent::ServiceLost);
        assert!(list.is_empty());
        apply_event(&mut list, &MonitorEvent::ServiceBack);
        assert!(list.is_empty());
        // Events about unknown readers are ignored rather than invented.
        apply_event(&mut list, &MonitorEvent::CardInserted { reader: "x".into(), atr: A.to_vec() });
        apply_event(&mut list, &MonitorEvent::CardRemoved { reader: "x".into() });
        assert!(list.is_empty());
    }

    #[test]
    fn stop_is_prompt_even_without_pcscd_answering() {
        // Whatever the machine has (no pcscd, or a running one), stop must not hang.
        let monitor = ReaderMonitor::spawn(|| {}).unwrap();
        let first = monitor.events().recv_timeout(Duration::from_secs(5)).unwrap();
        assert!(matches!(first, MonitorEvent::Snapshot(_) | MonitorEvent::ServiceLost), "{first:?}");
        let t0 = Instant::now();
        monitor.stop();
        assert!(t0.elapsed() < Duration::from_millis(500), "{:?}", t0.elapsed());
    }
}
