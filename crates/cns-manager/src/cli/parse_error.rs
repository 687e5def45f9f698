//! A mistyped command line explained in the user's language. clap's own messages are English
//! only ("error: unrecognized subcommand"), while the help they point to is Italian: the words
//! come from here, the facts (which argument, which suggestion, the usage) from clap's context.

use clap::error::{ContextKind, ErrorKind};

use crate::i18n::{Lang, Message, msg};

/// The message for a parse error that is not a request for help or version.
pub fn text(e: &clap::Error, lang: Lang) -> String {
    let get = |k: ContextKind| e.get(k).map(|v| v.to_string()).unwrap_or_default();
    let headline = lang.tr(headline(e, &get));
    let mut out = format!("{}: {headline}\n", lang.tr(msg::cli_parse_error()));
    let suggested =
        [ContextKind::SuggestedSubcommand, ContextKind::SuggestedArg, ContextKind::SuggestedValue]
            .into_iter()
            .map(get)
            .find(|s| !s.is_empty());
    if let Some(s) = suggested {
        out.push_str(&format!("\n  {} {s}\n", lang.tr(msg::cli_parse_did_you_mean())));
    }
    let usage = get(ContextKind::Usage);
    if let Some(rest) = usage.trim().strip_prefix("Usage:") {
        // clap's usage line: the words are its own (English), the command path is the fact.
        let rest = rest.replace("[OPTIONS]", &lang.tr(msg::usage_options_placeholder()));
        out.push_str(&format!("\n{}{rest}\n", lang.tr(msg::usage_title())));
    }
    out.push_str(&format!("\n{}\n", lang.tr(msg::cli_parse_more_info())));
    out
}

/// What is wrong, with the facts clap found (the argument, the value, the valid ones).
fn headline(e: &clap::Error, get: &impl Fn(ContextKind) -> String) -> Message {
    let option = get(ContextKind::InvalidArg);
    let value = get(ContextKind::InvalidValue);
    match e.kind() {
        ErrorKind::InvalidSubcommand => msg::cli_parse_unknown_command(get(ContextKind::InvalidSubcommand)),
        ErrorKind::UnknownArgument => msg::cli_parse_unknown_option(option),
        ErrorKind::InvalidValue => {
            let valid = get(ContextKind::ValidValue);
            match (value.is_empty(), valid.is_empty()) {
                (true, _) => msg::cli_parse_missing_value(option),
                (false, true) => {
                    msg::CliParseInvalidValue { value: value.into(), option: option.into() }.into()
                }
                (false, false) => msg::CliParseInvalidValueAmong {
                    value: value.into(),
                    option: option.into(),
                    valid: valid.into(),
                }
                .into(),
            }
        }
        // the argument's placeholder lists the valid values (--lang <it|en|de>); the parser's own
        // reason is English only
        ErrorKind::ValueValidation => {
            msg::CliParseInvalidValue { value: value.into(), option: option.into() }.into()
        }
        ErrorKind::MissingRequiredArgument => msg::cli_parse_missing_argument(option),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            msg::cli_parse_missing_command()
        }
        ErrorKind::ArgumentConflict => {
            msg::CliParseConflict { option: option.into(), other: get(ContextKind::PriorArg).into() }.into()
        }
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            msg::cli_parse_wrong_number_of_values(option)
        }
        _ => msg::cli_parse_invalid_arguments(),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn error(lang: Lang, args: &[&str]) -> String {
        let e = super::super::help::command(lang).try_get_matches_from(args).unwrap_err();
        text(&e, lang)
    }

    #[test]
    fn a_mistyped_command_is_named_with_the_suggestion_in_italian() {
        let t = error(Lang::It, &["cns-manager", "stauts"]);
        assert!(t.starts_with("errore: comando sconosciuto «stauts»"), "{t}");
        assert!(t.contains("forse intendevi: status"), "{t}");
        assert!(t.contains("Uso: cns-manager [OPZIONI]"), "{t}");
        assert!(!t.contains("Usage") && !t.contains("tip:"), "{t}");
    }

    #[test]
    fn an_unknown_option_and_a_bad_value_in_both_languages() {
        let t = error(Lang::It, &["cns-manager", "status", "--bogus"]);
        assert!(t.starts_with("errore: opzione sconosciuta «--bogus»"), "{t}");
        assert!(t.contains("Uso: cns-manager status [OPZIONI]"), "{t}");
        let t = error(Lang::En, &["cns-manager", "status", "--bogus"]);
        assert!(t.starts_with("error: unknown option '--bogus'"), "{t}");
        let t = error(Lang::It, &["cns-manager", "--lang", "fr", "status"]);
        assert!(t.starts_with("errore: valore «fr» non valido per --lang"), "{t}");
    }
}
