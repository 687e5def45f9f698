//! `cns-sim-vpcd`: the simulated TS-CNS card in reader `Virtual PCD 00 00` of a real pcscd.
//!
//! `--card not-cns` serves a card of another kind instead (a payment card's ATR, "not found" to
//! every SELECT), as a user may insert by mistake.
//!
//! Needs pcscd with the vsmartcard vpcd driver. SIGUSR1 toggles removed/inserted,
//! SIGTERM/SIGINT exit. With `-v` APDU headers are logged (never the data: it holds PINs).

#![forbid(unsafe_code)]

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::thread;

use clap::Parser;
use cns_sim::{EofStyle, HolderPreset, Hostility, QuirkMode, SimCard};
use cns_vpcd::foreign::NotCnsCard;
use cns_vpcd::sim::ServedCard;
use cns_vpcd::{Control, ControlByte, Event, VirtualCard, log_connection_events, serve_with};
use signal_hook::consts::{SIGINT, SIGTERM, SIGUSR1};
use signal_hook::iterator::Signals;

/// Which card is in the reader.
#[derive(clap::ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
enum CardKind {
    /// The simulated TS-CNS (every option below applies to it).
    #[default]
    Cns,
    /// A card that is not a TS-CNS (a payment card's ATR; every SELECT answers 6A 82): what a
    /// user inserts by mistake. The CNS options are ignored.
    NotCns,
}

#[derive(Parser, Debug)]
#[command(version, about = "Serve the simulated TS-CNS card to pcscd through the vsmartcard vpcd driver")]
struct Args {
    /// vpcd host (vpcd listens on all interfaces; the card connects to it).
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
    /// vpcd port: 35963 = reader "Virtual PCD 00 00", 35964 = "... 00 01".
    #[arg(long, default_value_t = cns_vpcd::DEFAULT_PORT)]
    port: u16,
    /// The card: cns (the simulated TS-CNS) or not-cns (a card of another kind).
    #[arg(long, value_enum, default_value_t = CardKind::Cns)]
    card: CardKind,
    /// Card family preset: standard, stincard, siemens, idemia, legacy, nocount, idemia2021,
    /// applet2025, st2022
    /// [default: standard, or the state file's].
    #[arg(long)]
    mode: Option<QuirkMode>,
    /// Card holder: bianchi-giulia, rossi-mario [default: bianchi-giulia, or the state file's].
    #[arg(long)]
    holder: Option<HolderPreset>,
    /// PIN value, 5 to 8 digits [default: 12345, or the state file's].
    #[arg(long)]
    pin: Option<String>,
    /// PUK value, 5 to 8 digits [default: 12345678, or the state file's].
    #[arg(long)]
    puk: Option<String>,
    /// PIN tries left (0 = blocked); raises the maximum if needed.
    #[arg(long, value_parser = clap::value_parser!(u8).range(0..=15))]
    pin_tries: Option<u8>,
    /// PUK tries left (0 = blocked); raises the maximum if needed.
    #[arg(long, value_parser = clap::value_parser!(u8).range(0..=15))]
    puk_tries: Option<u8>,
    /// Quirk: PIN commands need P2 = 0x90/0x91.
    #[arg(long)]
    pin_p2_backtracking: bool,
    /// Quirk: a wrong PIN answers 63 00 (no tries count).
    #[arg(long)]
    wrong_pin_without_count: bool,
    /// Quirk: an empty VERIFY costs a PIN try.
    #[arg(long)]
    empty_verify_counts: bool,
    /// Quirk: responses with data come as 61xx, to be fetched with GET RESPONSE.
    #[arg(long)]
    get_response: bool,
    /// Quirk: READ BINARY past the end answers 6Cxx instead of data + 62 82.
    #[arg(long)]
    eof_6cxx: bool,
    /// Quirk: READ BINARY with Le = 00 on a file longer than 256 bytes answers 67 00.
    #[arg(long)]
    le00_6700: bool,
    /// A broken or malicious card on top of the preset: fci-lies, read-overflow, endless-61,
    /// endless-6c, random-files, huge-lengths, odd-status, long-atr (see cns-sim's `hostile`).
    #[arg(long, value_name = "KIND")]
    hostile: Option<Hostility>,
    /// Card state file (TOML): loaded if it exists, else created; rewritten after every
    /// command that changes the PIN/PUK state. Explicit flags override what it holds.
    #[arg(long, value_name = "FILE")]
    state: Option<PathBuf>,
    /// Remove the card when APDU number N+1 since insertion arrives (it gets no answer);
    /// SIGUSR1 re-inserts it.
    #[arg(long, value_name = "N")]
    remove_after: Option<u32>,
    /// Hang when APDU number N+1 since insertion arrives: it is never answered, the reader
    /// stays busy, until SIGUSR1 removes the card (or the process stops). Once per run.
    #[arg(long, value_name = "N")]
    stall_after: Option<u32>,
    /// Start with the card removed (SIGUSR1 inserts it).
    #[arg(long)]
    start_removed: bool,
    /// Write the process id to FILE (removed again on exit).
    #[arg(long, value_name = "FILE")]
    pid_file: Option<PathBuf>,
    /// -v: log each APDU header (CLA INS P1 P2 Lc) and SW, and power events; -vv also GET ATR polls.
    #[arg(short, long, action = clap::ArgAction::Count)]
    verbose: u8,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("cns-sim-vpcd: {msg}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &Args) -> Result<(), String> {
    let control = if args.start_removed { Control::new_removed() } else { Control::new() };
    if args.card == CardKind::NotCns {
        let mut card = NotCnsCard;
        eprintln!(
            "cns-sim-vpcd: pid {}, a card that is not a TS-CNS, ATR {}, vpcd at {}:{}",
            std::process::id(),
            hex(&card.atr()),
            args.host,
            args.port
        );
        return serve(args, &mut card, &control);
    }
    let card = build_card(args)?;
    let remove_after = args.remove_after.or(card.quirks().remove_after_commands);
    eprintln!(
        "cns-sim-vpcd: pid {}, mode {}{}, holder {}, ATR {}, vpcd at {}:{}{}",
        std::process::id(),
        card.mode(),
        card.quirks().hostile.map_or(String::new(), |h| format!(" (hostile: {h})")),
        card.holder_preset(),
        hex(&card.atr()),
        args.host,
        args.port,
        remove_after.map_or(String::new(), |n| format!(", removal after {n} APDUs")),
    );
    let mut served = ServedCard::new(card, control.clone())
        .with_remove_after(remove_after)
        .with_stall_after(args.stall_after);
    if let Some(path) = &args.state {
        served = served
            .with_state_file(path)
            .map_err(|e| format!("cannot write state file {}: {e}", path.display()))?;
    }
    serve(args, &mut served, &control)
}

/// Serves `card` until SIGTERM/SIGINT; SIGUSR1 pulls it out and puts it back.
fn serve(args: &Args, card: &mut dyn VirtualCard, control: &Control) -> Result<(), String> {
    let mut signals = Signals::new([SIGUSR1, SIGTERM, SIGINT])
        .map_err(|e| format!("cannot install signal handlers: {e}"))?;
    let signal_handle = signals.handle();
    let sig_control = control.clone();
    let signal_thread = thread::spawn(move || {
        for sig in signals.forever() {
            if sig == SIGUSR1 {
                let inserted = sig_control.toggle();
                eprintln!("cns-sim-vpcd: SIGUSR1: card {}", if inserted { "inserted" } else { "removed" });
            } else {
                sig_control.stop();
                break;
            }
        }
    });

    let _pid_file = match &args.pid_file {
        Some(path) => Some(PidFile::create(path)?),
        None => None,
    };

    let verbose = args.verbose;
    let result = serve_with((args.host.as_str(), args.port), card, control, &mut |ev| log_event(ev, verbose));
    signal_handle.close();
    let _ = signal_thread.join();
    result.map_err(|e| format!("cannot serve on {}:{}: {e}", args.host, args.port))?;
    eprintln!("cns-sim-vpcd: exit");
    Ok(())
}

fn build_card(args: &Args) -> Result<SimCard, String> {
    let loaded = match &args.state {
        Some(path) if path.exists() => Some(
            SimCard::from_file(path)
                .map_err(|e| format!("cannot load state file {}: {e}", path.display()))?,
        ),
        _ => None,
    };
    let mut card = match loaded {
        Some(card) => {
            if let Some(mode) = args.mode
                && mode != card.mode()
            {
                let mut card = card;
                card.set_mode(mode);
                card
            } else {
                card
            }
        }
        None => SimCard::new(args.mode.unwrap_or_default(), args.holder.unwrap_or_default()),
    };
    if let Some(holder) = args.holder
        && holder != card.holder_preset()
    {
        card.set_holder(holder);
    }
    if let Some(pin) = &args.pin {
        card.set_pin(pin).map_err(|_| "--pin must be 5 to 8 digits".to_string())?;
    }
    if let Some(puk) = &args.puk {
        card.set_puk(puk).map_err(|_| "--puk must be 5 to 8 digits".to_string())?;
    }
    if let Some(n) = args.pin_tries {
        let max = card.pin_max_tries().max(n).max(1);
        card.set_pin_tries(n, max);
    }
    if let Some(n) = args.puk_tries {
        let max = card.puk_max_tries().max(n).max(1);
        card.set_puk_tries(n, max);
    }
    let q = card.quirks_mut();
    q.pin_p2_backtracking |= args.pin_p2_backtracking;
    q.wrong_pin_without_count |= args.wrong_pin_without_count;
    q.empty_verify_counts_as_failure |= args.empty_verify_counts;
    q.get_response |= args.get_response;
    q.le00_long_file_6700 |= args.le00_6700;
    if args.eof_6cxx {
        q.eof = EofStyle::Sw6Cxx;
    }
    if args.hostile.is_some() {
        q.hostile = args.hostile;
    }
    Ok(card)
}

fn log_event(ev: &Event<'_>, verbose: u8) {
    match ev {
        Event::Apdu { header, sw, elapsed, .. } if verbose >= 1 => {
            let h = header.map_or_else(|| "(shorter than 4 bytes)".to_string(), |h| h.to_string());
            let sw = sw.map_or_else(|| "-".to_string(), |sw| hex(&sw));
            eprintln!("cns-sim-vpcd: APDU {h} -> {sw} ({elapsed:?})");
        }
        Event::Control(ControlByte::GetAtr) if verbose >= 2 => {
            eprintln!("cns-sim-vpcd: GET ATR");
        }
        Event::Control(c @ (ControlByte::PowerOn | ControlByte::PowerOff | ControlByte::Reset))
            if verbose >= 1 =>
        {
            eprintln!("cns-sim-vpcd: {c:?}");
        }
        Event::Control(ControlByte::Unknown(b)) if verbose >= 1 => {
            eprintln!("cns-sim-vpcd: unknown control byte {b:#04x} ignored");
        }
        _ => log_connection_events(ev),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect::<Vec<_>>().join(" ")
}

/// Removes the pid file on drop, unless another process has taken it over meanwhile.
struct PidFile {
    path: PathBuf,
    pid: String,
}

impl PidFile {
    fn create(path: &Path) -> Result<Self, String> {
        let pid = std::process::id().to_string();
        std::fs::write(path, format!("{pid}\n"))
            .map_err(|e| format!("cannot write pid file {}: {e}", path.display()))?;
        Ok(Self { path: path.to_path_buf(), pid })
    }
}

impl Drop for PidFile {
    fn drop(&mut self) {
        if std::fs::read_to_string(&self.path).is_ok_and(|s| s.trim() == self.pid) {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}
