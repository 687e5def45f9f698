//! `cns-manager doctor [--json] [--report FILE]`: what stands between this PC and a working card.
//! Exit 0 when no check found a problem, 1 otherwise (warnings do not count).

use std::io::Write as _;
use std::path::PathBuf;

use clap::Args;
use serde_json::json;

use super::{Exit, Out};
use crate::backend::Backend;
use crate::doctor::{self, SettingsPaths};
use crate::i18n::msg;

#[derive(Args, Debug, Clone)]
pub struct DoctorArgs {
    #[arg(long)]
    pub json: bool,
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    #[arg(long = "reader", id = "doctor_reader", value_name = "NAME")]
    pub reader: Option<String>,
}

pub fn run(backend: &Backend, args: &DoctorArgs, out: &Out) -> Exit {
    let d = doctor::diagnose(backend, out.lang, &SettingsPaths::usual(), args.reader.as_deref());
    let code = if d.problems() == 0 { Exit::Success } else { Exit::Other };
    let mut report_written = None;
    if let Some(path) = &args.report {
        if let Err(e) = doctor::report::write(&d, out.lang, path) {
            return out.fail(
                Exit::Other,
                "write_failed",
                &out.lang.tr(msg::CliWriteFailed {
                    error: e.to_string().into(),
                    file: path.display().to_string().into(),
                }),
            );
        }
        report_written = Some(path.display().to_string());
    }
    if out.json {
        let versions: serde_json::Map<String, serde_json::Value> =
            d.versions.iter().map(|(n, v)| (n.clone(), json!(v))).collect();
        let value = json!({
            "result": if d.problems() == 0 { "ok" } else { "problems" },
            "problems": d.problems(),
            "warnings": d.warnings(),
            "checks": d.checks,
            "versions": versions,
            "readers": d.readers,
            "cards": d.cards,
            "demo": d.demo,
            "report": report_written,
            "exit_code": code as u8,
        });
        outln!("{}", serde_json::to_string_pretty(&value).unwrap_or_default());
    } else {
        out!("{}", doctor::to_text(&d, out.lang));
        if let Some(p) = report_written {
            outln!("{}", out.lang.tr(msg::doctor_report_saved(p.to_string())));
        }
    }
    code
}

/// Writes generated text (man page, completions) to stdout.
pub fn print_bytes(bytes: &[u8]) -> Exit {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => Exit::Success,
        Err(_) => Exit::Other,
    }
}
