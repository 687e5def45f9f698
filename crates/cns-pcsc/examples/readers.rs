//! Prints the readers as JSON (what a CLI `readers --json` would show); with `--watch SECS`
//! then prints reader and card events for that long and stops the monitor.
//!
//! `cargo run -p cns-pcsc --example readers -- [--watch SECS]`

use std::time::{Duration, Instant};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let readers = cns_pcsc::list_readers()?;
    println!("{}", serde_json::to_string_pretty(&readers)?);
    let args: Vec<String> = std::env::args().collect();
    let secs = match args.get(1..3) {
        Some([flag, secs]) if flag == "--watch" => secs.parse::<f64>()?,
        _ => return Ok(()),
    };
    let t0 = Instant::now();
    let monitor = cns_pcsc::ReaderMonitor::spawn(|| {})?;
    let end = t0 + Duration::from_secs_f64(secs);
    while let Some(left) = end.checked_duration_since(Instant::now()) {
        if let Ok(ev) = monitor.events().recv_timeout(left) {
            println!("{:8.3}s {ev:?}", t0.elapsed().as_secs_f64());
        }
    }
    let t = Instant::now();
    monitor.stop();
    println!("stopped in {:?}", t.elapsed());
    Ok(())
}
