//! `card-holder READER exclusive|transaction SECONDS`: another program holding the card, for the
//! end-to-end sharing tests (`e2e_faults.rs`): connects to READER exclusively, or shared inside
//! a transaction, prints `held` and keeps it for SECONDS.
use std::ffi::CString;
use std::io::Write;
use std::process::ExitCode;
use std::time::Duration;

use pcsc::{Context, Protocols, Scope, ShareMode};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(reader), Some(mode), Some(secs)) = (args.first(), args.get(1), args.get(2)) else {
        eprintln!("usage: card-holder READER exclusive|transaction SECONDS");
        return ExitCode::from(2);
    };
    let secs: u64 = secs.parse().unwrap_or(5);
    let Ok(name) = CString::new(reader.as_str()) else { return ExitCode::from(2) };
    let ctx = match Context::establish(Scope::User) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("card-holder: {e}");
            return ExitCode::FAILURE;
        }
    };
    let share = if mode == "exclusive" { ShareMode::Exclusive } else { ShareMode::Shared };
    let mut card = match ctx.connect(&name, share, Protocols::ANY) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("card-holder: connect: {e}");
            return ExitCode::FAILURE;
        }
    };
    let tx = if mode == "transaction" {
        match card.transaction() {
            Ok(tx) => Some(tx),
            Err(e) => {
                eprintln!("card-holder: transaction: {e}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        None
    };
    println!("held");
    let _ = std::io::stdout().flush();
    std::thread::sleep(Duration::from_secs(secs));
    drop(tx);
    ExitCode::SUCCESS
}
