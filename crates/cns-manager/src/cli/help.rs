//! The CLI's help, man page and completions in the user's language.
//!
//! clap's derive takes its texts from doc comments, in one language. Here the command built by
//! the derive is rewritten, before parsing, with the texts of the chosen language: every option,
//! every subcommand, the headings ("Uso:", "Opzioni:") and the help and version flags. The
//! language follows the same rule as every other message: `--lang` (looked for in the arguments
//! before parsing), else the settings' `lang`, else the locale.
//!
//! Every argument and subcommand must have an entry in [`ARGS`] / [`COMMANDS`]: a test fails
//! otherwise, so a new option cannot ship with English-only help.

use std::ffi::OsString;

use clap::{Arg, ArgAction, Command, CommandFactory, FromArgMatches};

use super::Cli;
use crate::i18n::Lang;

/// (argument id, Italian, English). "command.id" entries take precedence for that command's
/// argument, where the same option means something else.
const ARGS: &[(&str, &str, &str)] = &[
    (
        "lang",
        "Lingua dei messaggi: it o en (predefinita: quella delle impostazioni, poi quella del sistema; \
         altrimenti italiano).",
        "Language of messages: it or en (default: the one in the settings, then the system's locale; \
         Italian otherwise).",
    ),
    (
        "demo",
        "Usa la tessera dimostrativa simulata invece dei lettori veri.",
        "Use the simulated demo card instead of real readers.",
    ),
    (
        "demo_card",
        "Il tipo della tessera dimostrativa per i comandi, con i nomi brevi del «Tipo di tessera» della \
         dimostrazione nella finestra (standard, stincard, siemens, idemia, legacy, nocount, idemia2021, \
         applet2025, st2022); implica --demo.",
        "The demo card's type for the commands, by the short names of the window's demo \"Card type\" \
         (standard, stincard, siemens, idemia, legacy, nocount, idemia2021, applet2025, st2022); implies \
         --demo.",
    ),
    (
        "counter",
        "Modalità sportello per la finestra: nulla di personale resta dopo che la tessera è stata tolta.",
        "Counter (sportello) mode for the window: nothing personal survives the card's removal.",
    ),
    (
        "json",
        "Risultato per i programmi (JSON) sullo standard output.",
        "Machine-readable output (JSON) on stdout.",
    ),
    (
        "reader",
        "Il lettore da usare (serve solo quando più lettori contengono una tessera).",
        "The reader to use (needed only when several hold a card).",
    ),
    (
        "stdin",
        "Leggi i codici dallo standard input, uno per riga, invece di chiederli sul terminale.",
        "Read the secrets from standard input, one per line, instead of asking on the terminal.",
    ),
    (
        "confirm_last_attempt",
        "Consenti l'operazione quando resta un solo tentativo (un codice sbagliato allora blocca).",
        "Allow the operation when exactly one try is left (a wrong value then blocks).",
    ),
    (
        "confirm_short_puk",
        "Invia un PUK di meno di 8 cifre (ogni PUK della TS-CNS ne ha 8: uno più corto è probabilmente un \
         errore di battitura, e un PUK sbagliato consuma un tentativo).",
        "Send a PUK of fewer than 8 digits (every TS-CNS PUK has 8: a shorter one is likely a typo, and a \
         wrong PUK spends a try).",
    ),
    ("out", "Il file in cui scrivere il certificato.", "Where to write the certificate."),
    ("pem", "Formato PEM (testo) invece di DER (binario).", "PEM (text) instead of DER (binary)."),
    (
        "report",
        "Scrivi anche un rapporto per l'assistenza in FILE: risultati, versioni, lettori, profilo della \
         tessera e traccia dei comandi, con ogni dato personale e codice oscurato.",
        "Also write a support report to FILE: results, versions, readers, the card's profile and a \
         command trace, with every personal datum and secret redacted.",
    ),
    (
        "doctor_reader",
        "Controlla solo la tessera in questo lettore (gli altri lettori sono solo elencati).",
        "Check only the card in this reader (the other readers are only listed).",
    ),
    (
        "shell",
        "La shell: bash, zsh, fish, powershell o elvish.",
        "The shell: bash, zsh, fish, powershell or elvish.",
    ),
    ("check", "Controlla soltanto: non cambia nulla.", "Only check: never change anything."),
    ("yes", "Registra senza chiedere (per gli script).", "Register without asking (for scripts)."),
    ("sign.file", "Il documento da firmare.", "The document to sign."),
    (
        "sign.out",
        "Dove scrivere il file firmato (predefinito: FILE.p7m, FILE.p7s con --detached, mai sopra un file che \
         c'è già: una seconda firma di x.txt è «x (2).txt.p7m»; il file esistente con --add-to).",
        "Where to write the signed file (default: FILE.p7m, FILE.p7s with --detached, never over an existing \
         file: a second signature of x.txt is \"x (2).txt.p7m\"; the existing file with --add-to).",
    ),
    (
        "detached",
        "Firma separata (.p7s): il documento non è incluso.",
        "A detached signature (.p7s): the document is not included.",
    ),
    (
        "add_to",
        "Aggiungi questa firma a un .p7m esistente dello stesso documento (FILE).",
        "Add this signature to an existing .p7m of the same document (FILE).",
    ),
    (
        "verify.file",
        "Il file firmato (.p7m o .p7s; DER o Base64).",
        "The signed file (.p7m or .p7s; DER or Base64).",
    ),
    (
        "content",
        "Il documento originale, per una firma separata (.p7s). Predefinito: FILE senza \".p7s\" (per \
         «x (2).txt.p7s», x.txt se non c'è «x (2).txt»).",
        "The original document, for a detached signature (.p7s). Default: FILE without \".p7s\" (for \
         \"x (2).txt.p7s\", x.txt when there is no \"x (2).txt\").",
    ),
    (
        "extract",
        "Salva qui il documento firmato (da un .p7m; le buste annidate vengono aperte).",
        "Save the signed document here (from a .p7m; nested envelopes are opened).",
    ),
    (
        "ca",
        "Considera affidabile anche questo certificato di CA (DER o PEM), oltre a quelli importati. Ripetibile.",
        "Also trust this CA certificate (DER or PEM), besides the imported ones. Repeatable.",
    ),
    (
        "crl",
        "Controlla la revoca con questa CRL (DER o PEM).",
        "Check revocation against this CRL (DER or PEM).",
    ),
    (
        "fetch_crl",
        "Scarica la CRL dal punto di distribuzione del certificato (http://) per controllare la revoca.",
        "Download the CRL from the certificate's distribution point (http://) to check revocation.",
    ),
    (
        "ca import.file",
        "Il certificato di CA (DER o PEM; un PEM può contenerne più d'uno).",
        "The CA certificate (DER or PEM; a PEM may hold several).",
    ),
    (
        "ca import-tsl.file",
        "L'elenco di fiducia (TSL) in XML, ad esempio TSL-IT.xml di AgID.",
        "The trusted list (TSL) in XML, e.g. AgID's TSL-IT.xml.",
    ),
    (
        "ca import-tsl.signer",
        "Controlla la firma dell'elenco con questo certificato (DER o PEM) invece del firmatario fidato.",
        "Check the list's signature with this certificate (DER or PEM) instead of the pinned signer.",
    ),
    (
        "ca tsl-signer.file",
        "Il certificato (o i certificati, DER o PEM) di chi firma l'elenco di fiducia.",
        "The certificate(s) (DER or PEM) of whoever signs the trusted list.",
    ),
    (
        "fingerprint",
        "L'impronta SHA-256 della CA (almeno 8 cifre esadecimali).",
        "The CA's SHA-256 fingerprint (at least 8 hex digits).",
    ),
    ("watch.reader", "Solo gli eventi di questo lettore.", "Only this reader's events."),
    ("watch.json", "Un oggetto JSON per riga.", "One JSON object per line."),
    ("help", "Mostra questo aiuto.", "Print this help."),
    ("version", "Mostra la versione.", "Print the version."),
];

/// (subcommand name, Italian, English); "" is the program itself.
const COMMANDS: &[(&str, &str, &str)] = &[
    (
        "",
        "Gestione della Tessera Sanitaria – Carta Nazionale dei Servizi (TS-CNS).",
        "Card manager for the Italian Tessera Sanitaria – Carta Nazionale dei Servizi (TS-CNS).",
    ),
    (
        "readers",
        "Elenca i lettori di smart card e dice se contengono una tessera.",
        "List the smart card readers and whether each holds a card.",
    ),
    (
        "status",
        "Titolare, tessera, certificato, stato di PIN e PUK. Non consuma mai un tentativo.",
        "Holder, card, certificate, PIN and PUK state. Never spends a try.",
    ),
    (
        "verify-pin",
        "Controlla il PIN (consuma un tentativo se è sbagliato).",
        "Check the PIN (spends a try if it is wrong).",
    ),
    (
        "change-pin",
        "Cambia il PIN: il PIN attuale, poi quello nuovo due volte.",
        "Change the PIN: current PIN, then the new one twice.",
    ),
    (
        "unblock",
        "Sblocca il PIN con il PUK e imposta un nuovo PIN.",
        "Unblock the PIN with the PUK and set a new PIN.",
    ),
    (
        "watch",
        "Segue lettori e tessere: una riga per evento e lo stato di ogni tessera inserita (letto una volta, \
         non consuma mai un tentativo), finché non viene interrotto.",
        "Follow readers and cards: one line per event, and the status of each card inserted (read once, never \
         spends a try), until interrupted.",
    ),
    (
        "sign",
        "Firma un documento con la tessera (CAdES: .p7m, o .p7s con --detached).",
        "Sign a document with the card (CAdES: .p7m, or .p7s with --detached).",
    ),
    (
        "verify",
        "Controlla un documento firmato (.p7m/.p7s): chi ha firmato, quando, se è affidabile.",
        "Check a signed document (.p7m/.p7s): who signed, when, whether to trust it.",
    ),
    (
        "ca",
        "Le autorità di certificazione considerate affidabili per controllare le firme.",
        "The certification authorities trusted for checking signatures.",
    ),
    (
        "ca import",
        "Considera affidabile un certificato di CA (DER o PEM; un PEM può contenerne più d'uno).",
        "Trust a CA certificate (DER or PEM; a PEM may hold several) for checking signatures.",
    ),
    (
        "ca list",
        "Elenca i certificati di CA affidabili (di sistema e tuoi).",
        "List the trusted CA certificates (system-wide and yours).",
    ),
    (
        "ca remove",
        "Smetti di considerare affidabile una CA che hai importato, indicata dalla sua impronta SHA-256.",
        "Stop trusting a CA you imported, named by its SHA-256 fingerprint.",
    ),
    (
        "ca import-tsl",
        "Considera affidabili le CA qualificate e i servizi di marca temporale di un elenco di fiducia UE \
         (TSL), dopo averne controllato la firma con xmlsec1. Il programma non lo scarica: salva l'elenco \
         italiano da https://eidas.agid.gov.it/TL/TSL-IT.xml con il browser o con \
         «curl -o TSL-IT.xml https://eidas.agid.gov.it/TL/TSL-IT.xml». Un elenco più recente sostituisce il \
         precedente dello stesso paese; le CA importate a mano restano.",
        "Trust the qualified CAs and timestamp services of an EU trusted list (TSL), after checking its \
         signature with xmlsec1. This program does not download it: save the Italian list from \
         https://eidas.agid.gov.it/TL/TSL-IT.xml with a browser or with \
         \"curl -o TSL-IT.xml https://eidas.agid.gov.it/TL/TSL-IT.xml\". A newer list replaces the previous \
         one of its country; CAs imported by hand stay.",
    ),
    (
        "ca tsl-signer",
        "Mostra il firmatario fidato degli elenchi di fiducia, o sostituiscilo (per te) con il certificato \
         indicato, ad esempio il nuovo di AgID pubblicato nell'elenco UE degli elenchi di fiducia.",
        "Show the trusted lists' pinned signer, or replace it (for you) with the given certificate, e.g. \
         AgID's new one published in the EU list of trusted lists.",
    ),
    (
        "export-cert",
        "Salva il certificato di autenticazione in un file (DER, o PEM con --pem).",
        "Save the authentication certificate to a file (DER, or PEM with --pem).",
    ),
    (
        "doctor",
        "Controlla servizio smart card, driver, lettori, tessere e impostazioni, e dice come risolvere \
         ogni problema. Esce con 0 se non ci sono problemi, 1 altrimenti.",
        "Check the smart card service, driver, readers, cards and settings, and say how to fix each \
         problem. Exits 0 when there is no problem, 1 otherwise.",
    ),
    (
        "browser-setup",
        "Dice quali browser (profili di Firefox, archivio di Chromium) vedranno la tessera e, dove manca, \
         registra il modulo PKCS#11 dopo averlo chiesto (--yes per gli script, --check per non cambiare \
         nulla). Firefox va chiuso prima. Esce con 0 se ogni browser trovato vede la tessera, 1 altrimenti.",
        "Say which browsers (Firefox profiles, the Chromium database) will see the card and, where it is \
         missing, register the PKCS#11 module after asking (--yes for scripts, --check to change nothing). \
         Close Firefox first. Exits 0 when every browser found sees the card, 1 otherwise.",
    ),
    (
        "completions",
        "Stampa lo script di completamento per la shell (bash, zsh, fish, powershell, elvish).",
        "Print the shell completion script (bash, zsh, fish, powershell, elvish).",
    ),
    (
        "man",
        "Stampa la pagina di manuale (roff) nella lingua scelta, per esempio: cns-manager --lang en man | \
         man -l -",
        "Print the manual page (roff) in the language chosen, for example: cns-manager --lang it man | \
         man -l -",
    ),
];

const LONG_ABOUT: (&str, &str) = (
    "Gestione della Tessera Sanitaria – Carta Nazionale dei Servizi (TS-CNS): stato della tessera, \
     cambio del PIN, sblocco con il PUK, certificato.\nSenza comando apre la finestra; con un comando \
     lavora da terminale.",
    "Card manager for the Italian Tessera Sanitaria – Carta Nazionale dei Servizi (TS-CNS): the card's \
     state, PIN change, unblock with the PUK, certificate.\nWith no command it opens the window; with a \
     command it works in the terminal.",
);

/// The language for the help: `--lang` among the arguments (even before parsing, so that
/// `--help --lang en` is English), else the settings, else the locale.
pub fn lang_for(args: &[OsString]) -> Lang {
    lang_in_args(args).or_else(|| crate::settings::Settings::load().lang).unwrap_or_else(Lang::from_env)
}

fn lang_in_args(args: &[OsString]) -> Option<Lang> {
    let mut it = args.iter().skip(1).filter_map(|a| a.to_str());
    while let Some(a) = it.next() {
        if a == "--" {
            return None;
        }
        if let Some(v) = a.strip_prefix("--lang=") {
            return v.parse().ok();
        }
        if a == "--lang" {
            return it.next().and_then(|v| v.parse().ok());
        }
    }
    None
}

/// Parses the arguments with help texts in the user's language.
pub fn parse(args: Vec<OsString>) -> Result<Cli, clap::Error> {
    let lang = lang_for(&args);
    let matches = command(lang).try_get_matches_from(args)?;
    Cli::from_arg_matches(&matches)
}

/// The whole command line definition, with every text in `lang`.
pub fn command(lang: Lang) -> Command {
    let cmd = Cli::command()
        .disable_help_subcommand(true)
        .disable_version_flag(true)
        .arg(Arg::new("version").short('V').long("version").action(ArgAction::Version))
        .long_about(lang.t(LONG_ABOUT.0, LONG_ABOUT.1))
        .subcommand_value_name(lang.t("COMANDO", "COMMAND"));
    localize(cmd, lang, "")
}

fn localize(cmd: Command, lang: Lang, name: &str) -> Command {
    let about = COMMANDS.iter().find(|(n, ..)| *n == name).map(|(_, it, en)| lang.t(it, en));
    let mut cmd =
        cmd.disable_help_flag(true).arg(Arg::new("help").short('h').long("help").action(ArgAction::Help));
    if let Some(about) = about {
        cmd = cmd.about(about);
        if !name.is_empty() {
            cmd = cmd.long_about(None::<&str>);
        }
    }
    cmd = cmd.mut_args(|a| {
        let id = a.get_id().as_str().to_owned();
        let scoped = format!("{name}.{id}");
        // The placeholders too: --reader <NOME>.
        let a = match a.get_value_names().and_then(|v| v.first()).map(|v| v.as_str()) {
            Some("NAME") if lang == Lang::It => a.value_name("NOME"),
            _ => a,
        };
        match ARGS.iter().find(|(n, ..)| *n == scoped).or_else(|| ARGS.iter().find(|(n, ..)| *n == id)) {
            Some((_, it, en)) => a.help(lang.t(it, en)).long_help(None::<&str>),
            None => a,
        }
    });
    let t = template(&cmd, lang, name);
    cmd = cmd.help_template(t);
    let subs: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_owned()).collect();
    for s in subs {
        // Nested commands are named by their path: "ca import".
        let path = if name.is_empty() { s.clone() } else { format!("{name} {s}") };
        cmd = cmd.mut_subcommand(s, |sc| localize(sc, lang, &path));
    }
    cmd
}

fn template(cmd: &Command, lang: Lang, name: &str) -> String {
    // clap's own usage line says "[OPTIONS]" and "[COMMAND]" whatever the language: write it here.
    let mut usage = String::from("cns-manager");
    if !name.is_empty() {
        usage.push(' ');
        usage.push_str(name);
    }
    usage.push_str(lang.t(" [OPZIONI]", " [OPTIONS]"));
    for a in cmd.get_arguments().filter(|a| a.is_required_set() && !a.is_positional()) {
        let value = a.get_value_names().and_then(|v| v.first()).map(|v| v.to_string()).unwrap_or_default();
        usage.push_str(&format!(" --{} <{value}>", a.get_long().unwrap_or("")));
    }
    for a in cmd.get_positionals() {
        let value = a.get_value_names().and_then(|v| v.first()).map(|v| v.to_string()).unwrap_or_default();
        usage.push_str(&format!(" <{value}>"));
    }
    if cmd.has_subcommands() {
        usage.push_str(lang.t(" [COMANDO]", " [COMMAND]"));
    }
    let mut t = format!("{{about-with-newline}}\n{} {usage}\n", lang.t("Uso:", "Usage:"));
    if cmd.has_subcommands() {
        t.push_str(&format!("\n{}\n{{subcommands}}\n", lang.t("Comandi:", "Commands:")));
    }
    if cmd.get_positionals().next().is_some() {
        t.push_str(&format!("\n{}\n{{positionals}}\n", lang.t("Argomenti:", "Arguments:")));
    }
    t.push_str(&format!("\n{}\n{{options}}{{after-help}}", lang.t("Opzioni:", "Options:")));
    t
}

/// Every argument and subcommand's text, for the completeness test.
#[cfg(test)]
fn missing_texts(cmd: &Command, path: &str, out: &mut Vec<String>) {
    for a in cmd.get_arguments() {
        let id = a.get_id().as_str();
        let scoped = format!("{path}.{id}");
        if !ARGS.iter().any(|(n, ..)| *n == id || *n == scoped) {
            out.push(format!("argument {scoped}"));
        }
    }
    for s in cmd.get_subcommands() {
        let sub = if path.is_empty() { s.get_name().to_owned() } else { format!("{path} {}", s.get_name()) };
        if !COMMANDS.iter().any(|(n, ..)| *n == sub) {
            out.push(format!("subcommand {sub}"));
        }
        missing_texts(s, &sub, out);
    }
}

/// The manual page, in `lang`: the program, its options, each command with its options, the exit
/// codes and the settings files.
pub fn man_page(lang: Lang) -> Result<Vec<u8>, std::io::Error> {
    let mut cmd = command(lang);
    cmd.build();
    let man = clap_mangen::Man::new(cmd.clone())
        .manual(lang.t("Manuale di cns-manager", "cns-manager manual"))
        .source(format!("cns-manager {}", env!("CARGO_PKG_VERSION")));
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    man.render_options_section(&mut out)?;
    let mut text = String::from_utf8_lossy(&out).into_owned();
    if lang == Lang::It {
        for (en, it) in [
            (".SH NAME", ".SH NOME"),
            (".SH SYNOPSIS", ".SH SINTASSI"),
            (".SH DESCRIPTION", ".SH DESCRIZIONE"),
            (".SH OPTIONS", ".SH OPZIONI"),
        ] {
            text = text.replace(en, it);
        }
    }
    text.push_str(&format!(".SH {}\n", lang.t("COMANDI", "COMMANDS")));
    // Each command, and the commands under it ("ca import"), with its own options.
    let mut all: Vec<(String, &Command)> = Vec::new();
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        all.push((sub.get_name().to_owned(), sub));
        for nested in sub.get_subcommands().filter(|s| !s.is_hide_set()) {
            all.push((format!("{} {}", sub.get_name(), nested.get_name()), nested));
        }
    }
    for (path, sub) in all {
        text.push_str(&format!(".SS \"cns\\-manager {}\"\n", roff_escape(&path)));
        if let Some(about) = sub.get_about() {
            text.push_str(&format!("{}\n", roff_escape(&about.to_string())));
        }
        for a in
            sub.get_arguments().filter(|a| !a.is_hide_set() && a.get_id() != "help" && !a.is_global_set())
        {
            let long = a.get_long().map(|l| l.replace('-', "\\-"));
            let head = match (long, a.get_value_names()) {
                (Some(l), _) if matches!(a.get_action(), ArgAction::SetTrue) => format!("\\fB\\-\\-{l}\\fR"),
                (Some(l), Some(v)) => {
                    format!("\\fB\\-\\-{l}\\fR \\fI{}\\fR", v.first().map(|s| s.as_str()).unwrap_or(""))
                }
                (Some(l), None) => format!("\\fB\\-\\-{l}\\fR"),
                (None, Some(v)) => format!("\\fI{}\\fR", v.first().map(|s| s.as_str()).unwrap_or("")),
                (None, None) => format!("\\fI{}\\fR", a.get_id().as_str().to_uppercase()),
            };
            text.push_str(&format!(".TP\n{head}\n"));
            if let Some(h) = a.get_help() {
                text.push_str(&format!("{}\n", roff_escape(&h.to_string())));
            }
        }
    }
    text.push_str(&format!(".SH {}\n", lang.t("CODICI DI USCITA", "EXIT STATUS")));
    for (code, it, en) in EXIT_CODES {
        text.push_str(&format!(".TP\n\\fB{code}\\fR\n{}\n", roff_escape(lang.t(it, en))));
    }
    text.push_str(&format!(".SH {}\n", lang.t("FILE", "FILES")));
    text.push_str(&format!(
        ".TP\n\\fI/etc/cns\\-manager/config.toml\\fR\n{}\n.TP\n\\fI~/.config/cns\\-manager/config.toml\\fR\n{}\n",
        roff_escape(lang.t(
            "Impostazioni per tutto il sistema (lang, preferred_reader, mode, zoom, pkcs11_module), messe \
             dall'installatore.",
            "System-wide settings (lang, preferred_reader, mode, zoom, pkcs11_module), set by the installer.",
        )),
        roff_escape(lang.t(
            "Impostazioni dell'utente, scritte dall'applicazione: prevalgono campo per campo.",
            "The user's settings, written by the app: they override the system-wide ones field by field.",
        )),
    ));
    text.push_str(&format!(".SH {}\n", lang.t("AMBIENTE", "ENVIRONMENT")));
    text.push_str(&format!(
        ".TP\n\\fBCNS_LOG\\fR\n{}\n",
        roff_escape(lang.t(
            "Diagnostica su stderr, per esempio debug o cns::apdu=trace (PIN e PUK non compaiono mai).",
            "Diagnostics on stderr, e.g. debug or cns::apdu=trace (PIN and PUK never appear).",
        ))
    ));
    text.push_str(&format!(
        ".TP\n\\fBCNS_SYSTEM_TRUSTED_CA_DIR\\fR\n{}\n",
        roff_escape(lang.t(
            "La cartella delle autorità fidate per tutto il sistema, al posto di /etc/cns-manager/trusted-ca (per \
             prove e pacchetti).",
            "The system-wide trusted-authority folder, instead of /etc/cns-manager/trusted-ca (for tests and \
             packagers).",
        ))
    ));
    text.push_str(&format!(
        ".TP\n\\fBCNS_PKCS11_MODULE\\fR\n{}\n",
        roff_escape(lang.t(
            "Il modulo PKCS#11 che browser-setup registra nei browser, al posto di quello installato.",
            "The PKCS#11 module browser-setup registers in the browsers, instead of the installed one.",
        ))
    ));
    Ok(text.into_bytes())
}

const EXIT_CODES: &[(u8, &str, &str)] = &[
    (0, "Riuscito.", "Success."),
    (
        1,
        "Qualsiasi altro errore (per doctor: almeno un problema; per browser-setup: un browser non vede \
         ancora la tessera).",
        "Any other error (for doctor: at least one problem; for browser-setup: a browser does not see the \
         card yet).",
    ),
    (
        2,
        "Dati non validi: nulla è stato inviato alla tessera.",
        "Invalid input: nothing was sent to the card.",
    ),
    (3, "PIN o PUK sbagliato.", "Wrong PIN or PUK."),
    (4, "PIN bloccato: sbloccalo con il PUK.", "PIN blocked: unblock it with the PUK."),
    (5, "PUK bloccato: la tessera va sostituita.", "PUK blocked: the card must be replaced."),
    (6, "Nessun lettore, nessuna tessera, o non è una TS-CNS.", "No reader, no card, or not a TS-CNS card."),
    (
        7,
        "Rifiutato: resta un solo tentativo e manca --confirm-last-attempt.",
        "Refused: exactly one try left and --confirm-last-attempt not given.",
    ),
    (
        8,
        "verify: una firma NON è valida (documento modificato, firma alterata, non è un file firmato).",
        "verify: a signature is NOT valid (document altered, signature broken, not a signed file).",
    ),
    (
        9,
        "verify: nessuna firma risulta alterata, ma il file non è affidabile: certificato scaduto, revocato o \
         non fidato, revoca chiesta ma non verificabile, o una firma che il programma non sa controllare \
         (algoritmo non supportato, certificato mancante).",
        "verify: no signature is shown broken, but the file cannot be relied on: a certificate expired, revoked \
         or not trusted, a revocation check asked for but not possible, or a signature this program cannot \
         check (algorithm not supported, certificate missing).",
    ),
    (
        141,
        "Chi leggeva l'output ha chiuso (cns-manager status | head -1): il programma si ferma senza \
         messaggi, come con SIGPIPE.",
        "The output's reader went away (cns-manager status | head -1): the program stops quietly, as \
         on SIGPIPE.",
    ),
];

fn roff_escape(s: &str) -> String {
    let s = s.replace('\\', "\\e").replace('-', "\\-");
    // A line starting with a dot or an apostrophe would be a roff request.
    s.lines()
        .map(|l| if l.starts_with('.') || l.starts_with('\'') { format!("\\&{l}") } else { l.to_owned() })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The completion script for `shell`, with descriptions in `lang`.
pub fn completions(shell: clap_complete::Shell, lang: Lang) -> Vec<u8> {
    let mut cmd = command(lang);
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "cns-manager", &mut out);
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn help(lang: Lang, args: &[&str]) -> String {
        let mut c = command(lang);
        c.build();
        let mut target = &mut c;
        for a in args {
            target = target.find_subcommand_mut(a).unwrap();
        }
        target.render_help().to_string()
    }

    #[test]
    fn every_argument_and_command_has_both_texts() {
        let mut missing = Vec::new();
        missing_texts(&Cli::command(), "", &mut missing);
        assert!(missing.is_empty(), "help texts missing in cli/help.rs: {missing:?}");
    }

    #[test]
    fn italian_help_has_no_english_and_english_no_italian() {
        for sub in
            [&[][..], &["status"], &["change-pin"], &["export-cert"], &["doctor"], &["completions"], &["man"]]
        {
            let it = help(Lang::It, sub);
            let en = help(Lang::En, sub);
            for word in [
                "Usage",
                "Options",
                "OPTIONS",
                "COMMAND",
                "Print help",
                "The reader",
                "Machine-readable",
                "Commands:",
                "possible values",
                "The shell",
            ] {
                assert!(!it.contains(word), "{sub:?}: Italian help contains {word:?}:\n{it}");
            }
            for word in ["Uso:", "Opzioni", "Mostra", "lettore", "tessera"] {
                assert!(!en.contains(word), "{sub:?}: English help contains {word:?}:\n{en}");
            }
            assert!(it.contains("Uso:") && it.contains("Opzioni:"), "{it}");
            assert!(en.contains("Usage:") && en.contains("Options:"), "{en}");
        }
        assert!(help(Lang::It, &[]).contains("Comandi:"));
        // The shells are named in each language, clap's English list is not there.
        let it = help(Lang::It, &["completions"]);
        assert!(it.contains("La shell: bash, zsh, fish, powershell o elvish."), "{it}");
        let en = help(Lang::En, &["completions"]);
        assert!(
            en.contains("The shell: bash, zsh, fish, powershell or elvish.") && !en.contains("[possible"),
            "{en}"
        );
        // `man` is a command like the others, listed in the help.
        assert!(help(Lang::It, &[]).contains("man ") && help(Lang::En, &[]).contains("man -l -"));
        assert!(help(Lang::It, &["status"]).contains("Il lettore da usare"));
    }

    #[test]
    fn lang_is_found_before_parsing() {
        let a = |v: &[&str]| v.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(lang_in_args(&a(&["cns-manager", "--help", "--lang", "en"])), Some(Lang::En));
        assert_eq!(lang_in_args(&a(&["cns-manager", "status", "--lang=it"])), Some(Lang::It));
        assert_eq!(lang_in_args(&a(&["cns-manager", "--lang"])), None);
        assert_eq!(lang_in_args(&a(&["cns-manager", "--", "--lang", "en"])), None);
        let cli = parse(a(&["cns-manager", "--lang", "en", "status", "--json"])).unwrap();
        assert_eq!(cli.lang, Some(Lang::En));
        assert!(matches!(cli.command, Some(super::super::Command::Status(ref c)) if c.json));
    }

    #[test]
    fn placeholders_follow_the_language() {
        assert!(help(Lang::It, &["status"]).contains("--reader <NOME>"));
        assert!(help(Lang::En, &["status"]).contains("--reader <NAME>"));
    }

    #[test]
    fn man_page_and_completions_follow_the_language() {
        let it = String::from_utf8(man_page(Lang::It).unwrap()).unwrap();
        let en = String::from_utf8(man_page(Lang::En).unwrap()).unwrap();
        assert!(it.contains(".SH NOME") && it.contains(".SH OPZIONI") && it.contains("Il lettore da usare"));
        assert!(it.contains("[\\fIcomando\\fR]") && en.contains("[\\fIcommand\\fR]"), "{it}");
        assert!(en.contains(".SH NAME") && en.contains(".SH OPTIONS") && en.contains("The reader to use"));
        assert!(!it.contains("The reader") && !en.contains("Il lettore"));
        // Every exit code of the CLI contract (cli/mod.rs, the README's table), in both.
        for code in [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 141] {
            for page in [&it, &en] {
                assert!(
                    page.contains(&format!(".TP\n\\fB{code}\\fR\n")),
                    "exit code {code} missing:\n{page}"
                );
            }
        }
        assert!(it.contains("il file non è affidabile") && en.contains("the file cannot be relied on"));
        let fish_it = String::from_utf8(completions(clap_complete::Shell::Fish, Lang::It)).unwrap();
        let fish_en = String::from_utf8(completions(clap_complete::Shell::Fish, Lang::En)).unwrap();
        assert!(fish_it.contains("Cambia il PIN") && !fish_it.contains("Change the PIN"));
        assert!(fish_en.contains("Change the PIN") && !fish_en.contains("Cambia il PIN"));
    }
}
