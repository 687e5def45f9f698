//! `card-holder READER exclusive|transaction SECONDS`: another program holding the card, as a
//! browser's PKCS#11 module or a signing tool would, for the end-to-end sharing tests
//! (`e2e_faults.rs`: SCARD_E_SHARING_VIOLATION and a long transaction; `e2e_doctor.rs`: the
//! doctor naming a card in use). Connects to READER exclusively, or shared inside a transaction,
//! prints `held` once it holds the card and keeps it for SECONDS, or until a line arrives on its
//! stdin (a test lets go when it has seen what it waited for, not after a guessed time), then
//! lets go leaving the card as it is.
use std::ffi::CString;
use std::io::{BufRead, Write};
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use pcsc::{Context, Disposition, Protocols, Scope, ShareMode};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = || {
        eprintln!("usage: card-holder READER exclusive|transaction SECONDS");
        ExitCode::from(2)
    };
    let (Some(reader), Some(mode), Some(secs)) = (args.first(), args.get(1), args.get(2)) else {
        return usage();
    };
    let share = match mode.as_str() {
        "exclusive" => ShareMode::Exclusive,
        "transaction" => ShareMode::Shared,
        _ => return usage(),
    };
    let Ok(secs) = secs.parse::<u64>() else { return usage() };
    let Ok(name) = CString::new(reader.as_str()) else { return usage() };
    let ctx = match Context::establish(Scope::User) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("card-holder: no PC/SC context: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut card = match ctx.connect(&name, share, Protocols::ANY) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("card-holder: connect ({mode}): {e}");
            return ExitCode::FAILURE;
        }
    };
    {
        let tx = if share == ShareMode::Shared {
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
        hold_for(Duration::from_secs(secs));
        if let Some(tx) = tx
            && let Err((tx, e)) = tx.end(Disposition::LeaveCard)
        {
            eprintln!("card-holder: end of the transaction: {e}");
            drop(tx);
        }
    }
    // (pcsc's Drop would reset the card)
    let _ = card.disconnect(Disposition::LeaveCard);
    ExitCode::SUCCESS
}

/// Returns after `most`, or as soon as a line arrives on stdin. A stdin that is closed or null
/// says nothing: the whole time is kept then.
fn hold_for(most: Duration) {
    let until = Instant::now() + most;
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        if std::io::stdin().lock().read_line(&mut line).is_ok_and(|n| n > 0) {
            let _ = tx.send(());
        }
    });
    if let Err(mpsc::RecvTimeoutError::Disconnected) = rx.recv_timeout(most) {
        std::thread::sleep(until.saturating_duration_since(Instant::now()));
    }
}
