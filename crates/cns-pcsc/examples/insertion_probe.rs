//! Prints, for one reader, the wall-clock time (Unix nanoseconds) at which pcscd reports each
//! card insertion: what pcscd itself knows, as a baseline for `cns-manager watch`
//! (`scripts/bench.sh`). One `SCardGetStatusChange` wait per change, no polling.
//!
//! `cargo run -p cns-pcsc --example insertion_probe -- "READER NAME"`

use std::ffi::CString;
use std::io::Write as _;
use std::time::{SystemTime, UNIX_EPOCH};

use pcsc::{Context, ReaderState, Scope, State};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let reader = std::env::args().nth(1).ok_or("usage: insertion_probe READER")?;
    let ctx = Context::establish(Scope::User)?;
    let mut states = [ReaderState::new(CString::new(reader)?, State::UNAWARE)];
    let mut present = None;
    loop {
        ctx.get_status_change(None, &mut states)?;
        let now = SystemTime::now().duration_since(UNIX_EPOCH)?.as_nanos();
        let state = states[0].event_state();
        states[0].sync_current_state();
        let is_present = state.contains(State::PRESENT);
        if present != Some(is_present) {
            if present.is_some() {
                println!("{} {}", if is_present { "inserted" } else { "removed" }, now);
                std::io::stdout().flush()?;
            }
            present = Some(is_present);
        }
    }
}
