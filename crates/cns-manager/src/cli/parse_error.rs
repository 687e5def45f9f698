//! A mistyped command line explained in the user's language. clap's own messages are English
//! only ("error: unrecognized subcommand"), while the help they point to is Italian: the words
//! come from here, the facts (which argument, which suggestion, the usage) from clap's context.

use clap::error::{ContextKind, ErrorKind};

use crate::i18n::Lang;

/// The message for a parse error that is not a request for help or version.
pub fn text(e: &clap::Error, lang: Lang) -> String {
    let get = |k: ContextKind| e.get(k).map(|v| v.to_string()).unwrap_or_default();
    let arg = get(ContextKind::InvalidArg);
    let value = get(ContextKind::InvalidValue);
    let it = lang == Lang::It;
    let headline = match e.kind() {
        ErrorKind::InvalidSubcommand => {
            let sub = get(ContextKind::InvalidSubcommand);
            if it { format!("comando sconosciuto «{sub}»") } else { format!("unknown command '{sub}'") }
        }
        ErrorKind::UnknownArgument => {
            if it {
                format!("opzione sconosciuta «{arg}»")
            } else {
                format!("unknown option '{arg}'")
            }
        }
        ErrorKind::InvalidValue => {
            let valid = get(ContextKind::ValidValue);
            match (it, value.is_empty(), valid.is_empty()) {
                (true, true, _) => format!("manca il valore di {arg}"),
                (false, true, _) => format!("{arg} needs a value"),
                (true, false, true) => format!("valore «{value}» non valido per {arg}"),
                (false, false, true) => format!("'{value}' is not a valid value for {arg}"),
                (true, false, false) => format!("valore «{value}» non valido per {arg} (possibili: {valid})"),
                (false, false, false) => {
                    format!("'{value}' is not a valid value for {arg} (possible: {valid})")
                }
            }
        }
        // the argument's placeholder lists the valid values (--lang <it|en>); the parser's own
        // reason is English only
        ErrorKind::ValueValidation => {
            if it {
                format!("valore «{value}» non valido per {arg}")
            } else {
                format!("'{value}' is not a valid value for {arg}")
            }
        }
        ErrorKind::MissingRequiredArgument => {
            if it {
                format!("manca un argomento obbligatorio: {arg}")
            } else {
                format!("a required argument is missing: {arg}")
            }
        }
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            lang.t("manca il comando", "the command is missing").to_owned()
        }
        ErrorKind::ArgumentConflict => {
            let prior = get(ContextKind::PriorArg);
            if it {
                format!("{arg} non si può usare insieme a {prior}")
            } else {
                format!("{arg} cannot be used together with {prior}")
            }
        }
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            if it {
                format!("numero di valori sbagliato per {arg}")
            } else {
                format!("wrong number of values for {arg}")
            }
        }
        _ => lang.t("argomenti non validi", "invalid arguments").to_owned(),
    };
    let mut out = format!("{}: {headline}\n", lang.t("errore", "error"));
    let suggested =
        [ContextKind::SuggestedSubcommand, ContextKind::SuggestedArg, ContextKind::SuggestedValue]
            .into_iter()
            .map(get)
            .find(|s| !s.is_empty());
    if let Some(s) = suggested {
        out.push_str(&format!("\n  {} {s}\n", lang.t("forse intendevi:", "did you mean:")));
    }
    let usage = get(ContextKind::Usage);
    if let Some(rest) = usage.trim().strip_prefix("Usage:") {
        let rest = if it { rest.replace("[OPTIONS]", "[OPZIONI]") } else { rest.to_owned() };
        out.push_str(&format!("\n{}{rest}\n", lang.t("Uso:", "Usage:")));
    }
    out.push_str(&format!(
        "\n{}\n",
        lang.t("Per saperne di più: cns-manager --help", "For more information: cns-manager --help")
    ));
    out
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
