//! `cns-hold-card READER`: connects to the card in READER exclusively, as another program holding
//! the card would (a browser's PKCS#11 module, a signing tool), prints "held" and keeps it until
//! its standard input closes. Used by tests/e2e_doctor.rs to make SCARD_E_SHARING_VIOLATION
//! happen for real.

use std::ffi::CString;
use std::io::{Read, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(reader) = std::env::args().nth(1).and_then(|r| CString::new(r).ok()) else {
        eprintln!("usage: cns-hold-card READER");
        return ExitCode::from(2);
    };
    let ctx = match pcsc::Context::establish(pcsc::Scope::User) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("no PC/SC context: {e}");
            return ExitCode::from(1);
        }
    };
    let card = match ctx.connect(&reader, pcsc::ShareMode::Exclusive, pcsc::Protocols::ANY) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("cannot connect exclusively: {e}");
            return ExitCode::from(1);
        }
    };
    println!("held");
    let _ = std::io::stdout().flush();
    let mut sink = Vec::new();
    let _ = std::io::stdin().read_to_end(&mut sink);
    drop(card);
    ExitCode::SUCCESS
}
