//! `cns-manager watch`: one line per reader or card event, and the status of each card inserted,
//! read once, until interrupted. For installers, kiosks and scripts. Never spends a try: the
//! status read is the same as `status`.

use std::sync::Arc;
use std::sync::mpsc;

use serde_json::{Value, json};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::{Exit, Out, messages, status};
use crate::backend::Backend;
use crate::i18n::msg;
use crate::service::monitor::Monitor;
use cns_core::card;
use cns_pcsc::MonitorEvent;

pub fn run(backend: &Backend, only: Option<&str>, out: &Out) -> Exit {
    // A service that cannot be reached at all fails the start, with the exit codes of `readers`.
    if let Err(e) = backend.readers() {
        return out.transport_error(&e);
    }
    let (wake_tx, woken) = mpsc::channel::<()>();
    let monitor = Monitor::start(
        backend,
        Arc::new(move || {
            let _ = wake_tx.send(());
        }),
    );
    if matches!(monitor, Monitor::None) {
        return out.fail(Exit::Other, "monitor", &out.lang.tr(msg::cli_watch_failed()));
    }
    // Ends when the process is interrupted; a dead monitor ends it too.
    while woken.recv().is_ok() {
        for event in monitor.drain() {
            report(backend, out, &event, only);
        }
    }
    Exit::Other
}

/// The lines one monitor event gives: the event, and for a card, its status.
fn report(backend: &Backend, out: &Out, event: &MonitorEvent, only: Option<&str>) {
    let wanted = |reader: &str| only.is_none_or(|o| o == reader);
    match event {
        MonitorEvent::Snapshot(readers) => {
            for r in readers.iter().filter(|r| wanted(&r.name)) {
                emit(out, "reader_added", &r.name, json!({}));
                if r.card_present {
                    card_inserted(backend, out, &r.name, r.atr.as_deref().unwrap_or_default());
                }
            }
        }
        MonitorEvent::ReaderAdded(name) if wanted(name) => emit(out, "reader_added", name, json!({})),
        MonitorEvent::ReaderRemoved(name) if wanted(name) => emit(out, "reader_removed", name, json!({})),
        MonitorEvent::CardInserted { reader, atr } if wanted(reader) => {
            card_inserted(backend, out, reader, atr)
        }
        MonitorEvent::CardRemoved { reader } if wanted(reader) => {
            emit(out, "card_removed", reader, json!({}))
        }
        MonitorEvent::ReaderAdded(_)
        | MonitorEvent::ReaderRemoved(_)
        | MonitorEvent::CardInserted { .. }
        | MonitorEvent::CardRemoved { .. } => {}
        MonitorEvent::ServiceLost => emit(out, "service_lost", "", json!({})),
        MonitorEvent::ServiceBack => emit(out, "service_back", "", json!({})),
    }
}

fn card_inserted(backend: &Backend, out: &Out, reader: &str, atr: &[u8]) {
    emit(out, "card_inserted", reader, json!({ "atr": hex(atr) }));
    let result =
        backend.open(reader).map_err(card::CardError::from).and_then(|mut t| card::read_status(t.as_mut()));
    match result {
        Ok(s) => {
            let today = OffsetDateTime::now_utc().date();
            if out.json {
                emit(out, "status", reader, json!({ "status": status::to_json(reader, &s, today) }));
            } else {
                emit(out, "status", reader, json!({ "line": status::one_line(out.lang, &s, today) }));
            }
        }
        Err(e) => {
            let (code, kind, message) = messages::card_error(out.lang, &e);
            emit(
                out,
                "status_error",
                reader,
                json!({ "error": { "kind": kind, "message": message }, "exit_code": code as u8 }),
            );
        }
    }
}

/// One line: JSON with `event`, `time` and `reader`, or text in the user's language.
fn emit(out: &Out, event: &str, reader: &str, extra: Value) {
    let time = OffsetDateTime::now_utc().format(&Rfc3339).unwrap_or_default();
    if out.json {
        let mut line = json!({ "event": event, "time": time });
        if !reader.is_empty() {
            line["reader"] = json!(reader);
        }
        if let (Value::Object(line), Value::Object(extra)) = (&mut line, extra) {
            line.extend(extra);
        }
        outln!("{line}");
        return;
    }
    let lang = out.lang;
    let what = match event {
        "reader_added" => lang.tr(msg::cli_event_reader_added()),
        "reader_removed" => lang.tr(msg::cli_event_reader_removed()),
        "card_inserted" => lang.tr(msg::cli_event_card_inserted()),
        "card_removed" => lang.tr(msg::cli_event_card_removed()),
        "service_lost" => lang.tr(msg::cli_event_service_lost()),
        "service_back" => lang.tr(msg::cli_event_service_back()),
        "status" => extra["line"].as_str().unwrap_or_default().to_owned(),
        _ => extra["error"]["message"].as_str().unwrap_or_default().to_owned(),
    };
    // Text is for people: Italian time, to the second.
    let now = cns_core::italian_time::to_italian(OffsetDateTime::now_utc());
    let local = format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
        now.year(),
        u8::from(now.month()),
        now.day(),
        now.hour(),
        now.minute(),
        now.second()
    );
    if reader.is_empty() {
        outln!("{local}  {what}");
    } else {
        outln!("{local}  {reader}: {what}");
    }
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02X}")).collect()
}
