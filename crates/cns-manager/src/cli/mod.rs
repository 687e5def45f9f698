//! The command-line interface: a stable contract for installers, counter staff and scripts.
//!
//! Exit codes (documented in the README; never change their meaning):
//! 0 success · 1 other error · 2 invalid input, nothing sent to the card · 3 wrong PIN/PUK ·
//! 4 PIN blocked · 5 PUK blocked, the card must be replaced · 6 no reader, no card or not a TS-CNS ·
//! 7 refused: exactly one try left and `--confirm-last-attempt` not given · 8 a signature is not
//! valid · 9 no signature shown broken, but a certificate expired, revoked or not trusted, a
//! revocation check asked for not possible, or a signature that cannot be checked · 141 the
//! output's reader went away (as on SIGPIPE).

/// `println!` for the command's output. Rust ignores SIGPIPE, so `println!` panics ("failed
/// printing to stdout: Broken pipe") when the reader has gone (`cns-manager readers | grep -q`);
/// these end the program quietly instead, as a SIGPIPE would.
macro_rules! outln {
    ($($t:tt)*) => { $crate::cli::write_out(format_args!("{}\n", format_args!($($t)*))) };
}
/// `print!` for the command's output: see [`outln`].
macro_rules! out {
    ($($t:tt)*) => { $crate::cli::write_out(format_args!($($t)*)) };
}

mod browser_setup;
mod ca;
mod ca_tsl;
mod doctor;
pub mod help;
mod help_pin;
mod messages;
mod parse_error;
mod pin_ops;
mod secrets;
mod sign;
mod status;
mod verify;
mod watch;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use serde_json::json;

use crate::backend::Backend;
use crate::gui::{self, GuiOptions};
use crate::i18n::{Lang, msg};
use cns_core::TransportError;
use cns_core::card::CardError;

/// The exit codes of the CLI contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Success = 0,
    Other = 1,
    InvalidInput = 2,
    WrongSecret = 3,
    PinBlocked = 4,
    PukBlocked = 5,
    NoCard = 6,
    LastTryRefused = 7,
    SignatureInvalid = 8,
    NotTrusted = 9,
}

impl From<Exit> for ExitCode {
    fn from(e: Exit) -> Self {
        ExitCode::from(e as u8)
    }
}

#[derive(Parser, Debug)]
#[command(
    name = "cns-manager",
    version,
    // The texts shown, in every language, come from the catalog (cli-help.ftl) through help.rs;
    // the doc comments below are for readers of this file.
    about = "Gestione della Tessera Sanitaria – CNS / TS-CNS card manager"
)]
pub struct Cli {
    /// Language of messages: it or en (default: from the locale, Italian otherwise).
    #[arg(long, global = true, value_name = "it|en|de")]
    pub lang: Option<Lang>,
    /// Use the simulated demo card instead of real readers.
    #[arg(long, global = true)]
    pub demo: bool,
    /// The demo card's type for the commands, by the short names of the window's demo "Tipo di
    /// tessera" (standard, stincard, siemens, idemia, legacy, nocount, idemia2021, applet2025,
    /// st2022); implies --demo.
    #[arg(long, global = true, value_name = "TYPE")]
    pub demo_card: Option<cns_sim::QuirkMode>,
    /// Counter (sportello) mode for the window: nothing personal survives the card's removal.
    #[arg(long)]
    pub counter: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// List the smart card readers and whether each holds a card.
    Readers {
        #[arg(long)]
        json: bool,
    },
    /// Holder, card, certificate, PIN and PUK state. Never spends a try.
    Status(CardArgs),
    /// Check the PIN (spends a try if it is wrong).
    VerifyPin(PinArgs),
    /// Change the PIN: current PIN, then the new one twice.
    ChangePin(PinArgs),
    /// Unblock the PIN with the PUK and set a new PIN.
    Unblock(UnblockArgs),
    /// Follow readers and cards: one line per event, and the status of each card inserted
    /// (read once, never spends a try), until interrupted.
    Watch {
        /// Only this reader's events.
        #[arg(long, value_name = "NAME")]
        reader: Option<String>,
        /// One JSON object per line.
        #[arg(long)]
        json: bool,
    },
    /// Sign a document with the card (CAdES: .p7m, or .p7s with --detached).
    Sign(sign::SignArgs),
    /// Check a signed document (.p7m/.p7s): who signed, when, whether to trust it.
    Verify(verify::VerifyArgs),
    /// The certification authorities trusted for checking signatures.
    Ca {
        #[command(subcommand)]
        action: ca::CaAction,
    },
    /// Save the authentication certificate to a file (DER, or PEM with --pem).
    ExportCert {
        #[command(flatten)]
        card: CardArgs,
        /// Where to write the certificate.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// PEM (text) instead of DER (binary).
        #[arg(long)]
        pem: bool,
    },
    /// Check the smart card service, driver, readers, cards and settings.
    Doctor(doctor::DoctorArgs),
    /// Which browsers will see the card; register the card's module where it is missing (asks
    /// first).
    BrowserSetup(browser_setup::BrowserSetupArgs),
    /// Where and how to get the PIN and PUK, who helps, and the online services that accept the
    /// card, for the card's region (read from its serial only) or the one given.
    HelpPin(help_pin::HelpPinArgs),
    /// Print the shell completion script.
    Completions {
        // The values are named in the help text, in the user's language (cli/help.rs): clap's
        // own "[possible values: …]" is English only.
        #[arg(value_name = "SHELL", hide_possible_values = true)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), in the language chosen: `cns-manager --lang en man | man -l -`.
    /// The package installs it from here.
    Man,
}

#[derive(Args, Debug, Clone)]
pub struct CardArgs {
    /// The reader to use (needed only when several hold a card).
    #[arg(long, value_name = "NAME")]
    pub reader: Option<String>,
    /// Machine-readable output on stdout.
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug, Clone)]
pub struct PinArgs {
    #[command(flatten)]
    pub card: CardArgs,
    /// Read the secrets from standard input, one per line, instead of asking on the terminal.
    #[arg(long)]
    pub stdin: bool,
    /// Allow the operation when exactly one try is left (a wrong value then blocks).
    #[arg(long)]
    pub confirm_last_attempt: bool,
}

#[derive(Args, Debug, Clone)]
pub struct UnblockArgs {
    #[command(flatten)]
    pub pin: PinArgs,
    /// Send a PUK of fewer than 8 digits (every TS-CNS PUK has 8: a shorter one is likely a typo,
    /// and a wrong PUK spends a try).
    #[arg(long)]
    pub confirm_short_puk: bool,
}

/// Entry point of the binary.
pub fn main() -> ExitCode {
    main_with(|| {})
}

/// [`main`], with what to do just before the window opens (the Windows program lets go of a
/// console made for it alone, see the binary's windows_console).
pub fn main_with(before_window: impl FnOnce()) -> ExitCode {
    init_logging();
    let cli = match help::parse(std::env::args_os().collect()) {
        Ok(c) => c,
        Err(e) if !e.use_stderr() => {
            // --help, --version
            let _ = e.print();
            return Exit::Success.into();
        }
        Err(e) => {
            let lang = help::lang_for(&std::env::args_os().collect::<Vec<_>>());
            eprint!("{}", parse_error::text(&e, lang));
            return Exit::InvalidInput.into();
        }
    };
    // --lang, else the installer's or user's setting, else the locale.
    let lang = cli.lang.or_else(|| crate::settings::Settings::load().lang).unwrap_or_else(Lang::from_env);
    let backend = match (cli.demo, cli.demo_card) {
        (_, Some(mode)) => Backend::Demo(cns_sim::SimHandle::new(crate::backend::demo_card(mode))),
        (true, None) => Backend::Demo(cns_sim::SimHandle::default()),
        (false, None) => Backend::Pcsc,
    };
    match cli.command {
        None => run_gui(&cli, lang, before_window),
        Some(cmd) => run(cmd, &backend, lang).into(),
    }
}

fn run_gui(cli: &Cli, lang: Lang, before_window: impl FnOnce()) -> ExitCode {
    let asked = cli.demo || cli.demo_card.is_some();
    let demo_reason = if asked { None } else { gui::autostart_demo_reason() };
    let demo = asked || demo_reason.is_some();
    if demo && !asked {
        eprintln!("{}", lang.tr(msg::cli_demo_autostart()));
    }
    let opts =
        GuiOptions { demo, counter: cli.counter, lang: cli.lang, demo_card: cli.demo_card, demo_reason };
    before_window();
    match gui::run(opts) {
        Ok(()) => Exit::Success.into(),
        Err(e) => {
            eprintln!("{}", lang.tr(msg::cli_window_failed(e.to_string())));
            Exit::Other.into()
        }
    }
}

/// Runs one subcommand; prints its output and returns the exit code.
pub fn run(cmd: Command, backend: &Backend, lang: Lang) -> Exit {
    let out = Out { lang, json: cmd_json(&cmd) };
    match cmd {
        Command::Readers { .. } => readers(backend, &out),
        Command::Status(a) => status::run(backend, &a, &out),
        Command::VerifyPin(a) => pin_ops::run(cns_core::flow::Operation::VerifyPin, backend, &a, false, &out),
        Command::ChangePin(a) => pin_ops::run(cns_core::flow::Operation::ChangePin, backend, &a, false, &out),
        Command::Unblock(a) => {
            pin_ops::run(cns_core::flow::Operation::UnblockPin, backend, &a.pin, a.confirm_short_puk, &out)
        }
        Command::ExportCert { card, out: path, pem } => export_cert(backend, &card, &path, pem, &out),
        Command::Watch { reader, .. } => watch::run(backend, reader.as_deref(), &out),
        Command::Sign(a) => sign::run(backend, &a, &out),
        Command::Verify(a) => verify::run(&a, &out),
        Command::Ca { action } => ca::run(&action, &out),
        Command::Doctor(a) => doctor::run(backend, &a, &out),
        Command::BrowserSetup(a) => browser_setup::run(&a, &out),
        Command::HelpPin(a) => help_pin::run(backend, &a, &out),
        Command::Completions { shell } => doctor::print_bytes(&help::completions(shell, lang)),
        Command::Man => match help::man_page(lang) {
            Ok(page) => doctor::print_bytes(&page),
            Err(_) => Exit::Other,
        },
    }
}

fn cmd_json(cmd: &Command) -> bool {
    match cmd {
        Command::Readers { json } | Command::Watch { json, .. } => *json,
        Command::Status(a) | Command::ExportCert { card: a, .. } => a.json,
        Command::VerifyPin(a) | Command::ChangePin(a) => a.card.json,
        Command::Unblock(a) => a.pin.card.json,
        Command::Sign(a) => a.pin.card.json,
        Command::Verify(a) => a.json,
        Command::Ca { action } => action.json(),
        Command::Doctor(a) => a.json,
        Command::BrowserSetup(a) => a.json,
        Command::HelpPin(a) => a.json,
        Command::Completions { .. } | Command::Man => false,
    }
}

/// Where results and errors go, in the chosen language and format.
pub(crate) struct Out {
    pub lang: Lang,
    pub json: bool,
}

impl Out {
    /// Prints a failure and returns its exit code. JSON: `{"error": {...}}` on stdout.
    pub fn fail(&self, code: Exit, kind: &str, message: &str) -> Exit {
        if self.json {
            outln!("{}", json!({ "error": { "kind": kind, "message": message }, "exit_code": code as u8 }));
        } else {
            eprintln!("{message}");
        }
        code
    }

    pub fn card_error(&self, e: &CardError) -> Exit {
        let (code, kind, msg) = messages::card_error(self.lang, e);
        self.fail(code, kind, &msg)
    }

    pub fn transport_error(&self, e: &TransportError) -> Exit {
        let (code, kind, msg) = messages::transport_error(self.lang, e);
        self.fail(code, kind, &msg)
    }
}

fn readers(backend: &Backend, out: &Out) -> Exit {
    let list = match backend.readers() {
        Ok(l) => l,
        Err(e) => return out.transport_error(&e),
    };
    if out.json {
        outln!("{}", serde_json::to_string_pretty(&list).unwrap_or_else(|_| "[]".into()));
        return Exit::Success;
    }
    if list.is_empty() {
        outln!("{}", messages::no_reader_help(out.lang));
    }
    for r in &list {
        let state = match (&r.card_present, r.atr_hex()) {
            (true, Some(atr)) => format!("{}  ATR {atr}", out.lang.tr(msg::report_card_present())),
            (true, None) => out.lang.tr(msg::cli_reader_mute_card()),
            (false, _) => out.lang.tr(msg::report_empty()),
        };
        outln!("{}\t{state}", r.name);
    }
    Exit::Success
}

/// Picks the reader: the one named, or the only one holding a card. Several cards and no
/// `--reader`: lists them and refuses (exit 2), since guessing could send a PIN to the wrong card.
pub(crate) fn choose_reader(backend: &Backend, args: &CardArgs, out: &Out) -> Result<String, Exit> {
    let list = backend.readers().map_err(|e| out.transport_error(&e))?;
    if let Some(name) = &args.reader {
        return match list.iter().find(|r| &r.name == name) {
            Some(r) if r.card_present => Ok(r.name.clone()),
            Some(_) => Err(out.transport_error(&TransportError::NoCard)),
            None => Err(out.fail(
                Exit::NoCard,
                "unknown_reader",
                &out.lang.tr(msg::CliReaderNotFound {
                    reader: name.as_str().into(),
                    readers: names(&list).into(),
                }),
            )),
        };
    }
    let with_card: Vec<_> = list.iter().filter(|r| r.card_present).collect();
    match with_card.as_slice() {
        [one] => Ok(one.name.clone()),
        [] if list.is_empty() => Err(out.transport_error(&TransportError::NoReader)),
        [] => Err(out.transport_error(&TransportError::NoCard)),
        several => {
            let names = several.iter().map(|r| r.name.as_str()).collect::<Vec<_>>().join(", ");
            Err(out.fail(Exit::InvalidInput, "several_cards", &out.lang.tr(msg::cli_several_cards(names))))
        }
    }
}

/// Chooses the reader and connects to its card: (reader name, transport).
pub(crate) fn open_card(
    backend: &Backend,
    args: &CardArgs,
    out: &Out,
) -> Result<(String, Box<dyn cns_core::CardTransport>), Exit> {
    let reader = choose_reader(backend, args, out)?;
    let transport = backend.open(&reader).map_err(|e| out.transport_error(&e))?;
    Ok((reader, transport))
}

fn names(list: &[cns_pcsc::ReaderInfo]) -> String {
    if list.is_empty() {
        return "-".into();
    }
    list.iter().map(|r| r.name.as_str()).collect::<Vec<_>>().join(", ")
}

fn export_cert(backend: &Backend, args: &CardArgs, path: &std::path::Path, pem: bool, out: &Out) -> Exit {
    use crate::ops::export::{self, CertFormat, ExportError};
    let (_, mut transport) = match open_card(backend, args, out) {
        Ok(t) => t,
        Err(code) => return code,
    };
    let format = if pem { CertFormat::Pem } else { CertFormat::Der };
    let saved = match export::from_card(transport.as_mut(), format, path) {
        Ok(s) => s,
        Err(ExportError::Card(e)) => return out.card_error(&e),
        Err(ExportError::NotParsable) => {
            return out.fail(Exit::Other, "bad_certificate", &out.lang.tr(msg::cli_cert_not_parsable()));
        }
        Err(ExportError::Write { path, source }) => {
            return out.fail(
                Exit::Other,
                "write_failed",
                &out.lang.tr(msg::CliWriteFailed {
                    file: path.display().to_string().into(),
                    error: source.to_string().into(),
                }),
            );
        }
    };
    if out.json {
        outln!(
            "{}",
            json!({ "file": saved.path.display().to_string(), "format": saved.format.code(),
                    "bytes": saved.bytes, "sha256": saved.sha256 })
        );
    } else {
        outln!(
            "{}",
            out.lang.tr(msg::CliCertSaved {
                file: saved.path.display().to_string().into(),
                bytes: saved.bytes.into()
            })
        );
        if let Some(f) = saved.sha256 {
            outln!("SHA-256: {f}");
        }
    }
    Exit::Success
}

fn init_logging() {
    use tracing_subscriber::EnvFilter;
    // CNS_LOG=debug (or cns::apdu=trace) for diagnostics; secrets never reach the log, see
    // cns_core::apdu::Command::log_line.
    let filter = EnvFilter::try_from_env("CNS_LOG").unwrap_or_else(|_| EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).try_init();
}

/// Writes to standard output; a reader that has gone ends the program (exit 141, what a shell
/// reports for SIGPIPE), any other failure too (there is nowhere left to say it).
pub(crate) fn write_out(args: std::fmt::Arguments<'_>) {
    use std::io::Write;
    let mut o = std::io::stdout().lock();
    if o.write_fmt(args).and_then(|()| o.flush()).is_err() {
        std::process::exit(141);
    }
}
