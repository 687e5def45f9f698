//! Runs a target over files without AFL (a crash reproduced, a corpus checked):
//! `replay TARGET FILE...`.
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(target) = args.next() else {
        eprintln!("usage: replay TARGET FILE...");
        return ExitCode::from(2);
    };
    for path in args {
        let Ok(data) = std::fs::read(&path) else {
            eprintln!("cannot read {path}");
            return ExitCode::from(2);
        };
        if !cns_fuzz::run(&target, &data) {
            eprintln!("unknown target {target}");
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}
