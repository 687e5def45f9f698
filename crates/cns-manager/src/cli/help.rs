//! The CLI's help, man page and completions in the user's language.
//!
//! clap's derive takes its texts from doc comments, in one language. Here the command built by
//! the derive is rewritten, before parsing, with the texts of the chosen language: every option,
//! every subcommand, the headings ("Uso:", "Opzioni:") and the help and version flags. The
//! language follows the same rule as every other message: `--lang` (looked for in the arguments
//! before parsing), else the settings' `lang`, else the locale.
//!
//! The texts are in the message catalog (`assets/i18n/<lang>/cli-help.ftl`), named after clap's
//! ids: every argument and subcommand must have one, a test fails otherwise, and the catalog's
//! build check makes it exist in every language.

use std::ffi::OsString;

use clap::{Arg, ArgAction, Command, CommandFactory, FromArgMatches};

use super::Cli;
use crate::i18n::{Lang, Message, msg};

/// An argument's help: `arg-<id>` in the catalog (cli-help.ftl), or `arg-<command>-<id>` for a
/// command where the same option means something else (`sign.out` → `arg-sign-out`).
fn arg_message(command: &str, id: &str) -> Option<Message> {
    let scoped = if command.is_empty() {
        None
    } else {
        Message::by_id(&catalog_id("arg", &format!("{command} {id}")))
    };
    scoped.or_else(|| Message::by_id(&catalog_id("arg", id)))
}

/// A command's description: `cmd-<command>` (`ca import` → `cmd-ca-import`); the program itself
/// is `cmd-cns-manager`.
fn command_message(command: &str) -> Option<Message> {
    Message::by_id(&catalog_id("cmd", if command.is_empty() { "cns-manager" } else { command }))
}

/// Fluent ids are words joined by dashes; clap's ids have underscores, command paths spaces.
fn catalog_id(prefix: &str, name: &str) -> String {
    format!("{prefix}-{}", name.replace(['.', '_', ' '], "-"))
}

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
        .long_about(lang.tr(msg::cmd_long_about()))
        .subcommand_value_name(lang.tr(msg::usage_command_value()));
    localize(cmd, lang, "")
}

fn localize(cmd: Command, lang: Lang, name: &str) -> Command {
    let mut cmd =
        cmd.disable_help_flag(true).arg(Arg::new("help").short('h').long("help").action(ArgAction::Help));
    if let Some(about) = command_message(name) {
        cmd = cmd.about(lang.tr(about));
        if !name.is_empty() {
            cmd = cmd.long_about(None::<&str>);
        }
    }
    // The placeholders too: --reader <NOME>.
    let (name_value, file_value) = (lang.tr(msg::usage_name_value()), lang.tr(msg::usage_file_value()));
    cmd = cmd.mut_args(|a| {
        let id = a.get_id().as_str().to_owned();
        let a = match a.get_value_names().and_then(|v| v.first()).map(|v| v.as_str()) {
            Some("NAME") => a.value_name(name_value.clone()),
            Some("FILE") => a.value_name(file_value.clone()),
            _ => a,
        };
        match arg_message(name, &id) {
            Some(m) => a.help(lang.tr(m)).long_help(None::<&str>),
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
    usage.push(' ');
    usage.push_str(&lang.tr(msg::usage_options_placeholder()));
    for a in cmd.get_arguments().filter(|a| a.is_required_set() && !a.is_positional()) {
        let value = a.get_value_names().and_then(|v| v.first()).map(|v| v.to_string()).unwrap_or_default();
        usage.push_str(&format!(" --{} <{value}>", a.get_long().unwrap_or("")));
    }
    for a in cmd.get_positionals() {
        let value = a.get_value_names().and_then(|v| v.first()).map(|v| v.to_string()).unwrap_or_default();
        usage.push_str(&format!(" <{value}>"));
    }
    if cmd.has_subcommands() {
        usage.push(' ');
        usage.push_str(&lang.tr(msg::usage_command_placeholder()));
    }
    let mut t = format!("{{about-with-newline}}\n{} {usage}\n", lang.tr(msg::usage_title()));
    if cmd.has_subcommands() {
        t.push_str(&format!("\n{}\n{{subcommands}}\n", lang.tr(msg::usage_commands_heading())));
    }
    if cmd.get_positionals().next().is_some() {
        t.push_str(&format!("\n{}\n{{positionals}}\n", lang.tr(msg::usage_arguments_heading())));
    }
    t.push_str(&format!("\n{}\n{{options}}{{after-help}}", lang.tr(msg::usage_options_heading())));
    t
}

/// Every argument and subcommand without a text, or whose German text is a copy of the Italian
/// or English one (not translated), for the completeness test.
#[cfg(test)]
fn missing_texts(cmd: &Command, path: &str, out: &mut Vec<String>) {
    let untranslated = |m: &Message| {
        let de = m.in_language("de");
        de == m.in_language("it") || de == m.in_language("en")
    };
    for a in cmd.get_arguments() {
        let id = a.get_id().as_str();
        match arg_message(path, id) {
            None => out.push(format!("argument {path}.{id} ({})", catalog_id("arg", id))),
            Some(m) if untranslated(&m) => out.push(format!("German of {}", m.id())),
            Some(_) => {}
        }
    }
    for s in cmd.get_subcommands() {
        let sub = if path.is_empty() { s.get_name().to_owned() } else { format!("{path} {}", s.get_name()) };
        match command_message(&sub) {
            None => out.push(format!("subcommand {sub} ({})", catalog_id("cmd", &sub))),
            Some(m) if untranslated(&m) => out.push(format!("German of {}", m.id())),
            Some(_) => {}
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
        .manual(lang.tr(msg::man_manual()))
        .source(format!("cns-manager {}", env!("CARGO_PKG_VERSION")));
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    man.render_options_section(&mut out)?;
    let mut text = String::from_utf8_lossy(&out).into_owned();
    // clap_mangen writes its section titles in English.
    for (english, title) in [
        (".SH NAME", msg::man_name()),
        (".SH SYNOPSIS", msg::man_synopsis()),
        (".SH DESCRIPTION", msg::man_description()),
        (".SH OPTIONS", msg::man_options()),
    ] {
        text = text.replace(english, &format!(".SH {}", lang.tr(title)));
    }
    text.push_str(&format!(".SH {}\n", lang.tr(msg::man_commands())));
    text.push_str(&commands_section(&cmd));
    text.push_str(&format!(".SH {}\n", lang.tr(msg::man_exit_status())));
    for (code, meaning) in exit_codes() {
        text.push_str(&format!(".TP\n\\fB{code}\\fR\n{}\n", roff_escape(&lang.tr(meaning))));
    }
    text.push_str(&format!(".SH {}\n", lang.tr(msg::man_files())));
    text.push_str(&format!(
        ".TP\n\\fI/etc/cns\\-manager/config.toml\\fR\n{}\n.TP\n\\fI~/.config/cns\\-manager/config.toml\\fR\n{}\n",
        roff_escape(&lang.tr(msg::man_file_system_settings())),
        roff_escape(&lang.tr(msg::man_file_user_settings())),
    ));
    text.push_str(&format!(
        ".TP\n\\fI/etc/cns\\-manager/guidance/*.toml\\fR\n{}\n",
        roff_escape(&lang.tr(msg::man_file_guidance()))
    ));
    text.push_str(&format!(".SH {}\n", lang.tr(msg::man_environment())));
    for (variable, meaning) in [
        ("CNS_LOG", msg::man_env_cns_log()),
        ("CNS_SYSTEM_TRUSTED_CA_DIR", msg::man_env_system_trusted_ca_dir()),
        ("CNS_PKCS11_MODULE", msg::man_env_pkcs11_module()),
        (crate::guidance::SYSTEM_DIR_ENV, msg::man_env_system_guidance_dir()),
    ] {
        text.push_str(&format!(
            ".TP\n\\fB{}\\fR\n{}\n",
            roff_escape(variable),
            roff_escape(&lang.tr(meaning))
        ));
    }
    Ok(text.into_bytes())
}

/// Each command, and the commands under it ("ca import"), with its own options: clap_mangen
/// lists the program's options only.
fn commands_section(cmd: &Command) -> String {
    let mut text = String::new();
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
    text
}

/// The exit codes of the CLI contract (cli/mod.rs, the README's table) and what each means.
fn exit_codes() -> [(u8, Message); 11] {
    [
        (0, msg::man_exit_0()),
        (1, msg::man_exit_1()),
        (2, msg::man_exit_2()),
        (3, msg::man_exit_3()),
        (4, msg::man_exit_4()),
        (5, msg::man_exit_5()),
        (6, msg::man_exit_6()),
        (7, msg::man_exit_7()),
        (8, msg::man_exit_8()),
        (9, msg::man_exit_9()),
        (141, msg::man_exit_141()),
    ]
}

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
    fn every_argument_and_command_has_a_text_in_the_catalog() {
        let mut missing = Vec::new();
        missing_texts(&Cli::command(), "", &mut missing);
        // The program itself, whose description is not a subcommand's.
        if command_message("").is_none() {
            missing.push("cmd-cns-manager".into());
        }
        assert!(missing.is_empty(), "help texts missing in cli-help.ftl: {missing:?}");
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
