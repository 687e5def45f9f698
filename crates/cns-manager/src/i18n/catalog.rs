//! The message catalog: Project Fluent files under `assets/i18n/<lang>/`, embedded in the
//! program. `build.rs` checks them when the program is built (same ids in every language) and
//! generates [`msg`]: a function per message with at most one variable, and for a message with
//! several a struct with one named field per variable (`msg::TslStale { next, url }`), so a
//! message is named and filled in by the compiler's rules, not by a string that could be
//! misspelt, and two of its texts cannot be swapped unseen.
//!
//! Why `fluent-bundle` with a build script rather than `i18n-embed`'s `fl!` macro: the same
//! compile-time checks (ids and variables) with three small crates instead of a proc-macro stack
//! and an embedding framework, and typed functions that editors can complete.
//!
//! Messages are organised by domain event (one file per domain: `pin.ftl`, ...), each written
//! once and used by the window and the CLI alike.

use std::borrow::Cow;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

include!(concat!(env!("OUT_DIR"), "/catalog.rs"));

/// A value for a message's variable: a number (plural rules apply to it) or a text.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Number(f64),
    Text(String),
}

macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                Arg::Number(n as f64)
            }
        }
    )*};
}
number_arg!(u8, u16, u32, u64, usize, i32, i64);

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Text(s.to_owned())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}

/// One message of the catalog with its variables filled in, not yet in a language.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    id: &'static str,
    args: Vec<(&'static str, Arg)>,
}

impl Message {
    pub(crate) fn new(id: &'static str, args: Vec<(&'static str, Arg)>) -> Message {
        Message { id, args }
    }

    /// A message without variables, named by a string made at run time (the command line's help
    /// looks its texts up by clap's ids): `None` when the catalog has no such message, or when
    /// it needs variables.
    pub fn by_id(id: &str) -> Option<Message> {
        let found = WITHOUT_VARIABLES.binary_search(&id).ok()?;
        WITHOUT_VARIABLES.get(found).copied().map(|id| Message::new(id, Vec::new()))
    }

    pub fn id(&self) -> &'static str {
        self.id
    }

    /// The text in the language `code` ("it", "en", "de"; another code gives Italian).
    pub fn in_language(&self, code: &str) -> String {
        let (text, _) = self.format(code);
        text
    }

    /// The text and the formatting errors (there are none for a catalog that built; the tests
    /// check every message in every language).
    fn format(&self, code: &str) -> (String, Vec<String>) {
        let bundles = bundles();
        let Some(bundle) =
            bundles.iter().find(|(c, _)| *c == code).or_else(|| bundles.first()).map(|(_, b)| b)
        else {
            return (self.id.to_owned(), vec!["no catalog".into()]);
        };
        let Some(pattern) = bundle.get_message(self.id).and_then(|m| m.value()) else {
            return (self.id.to_owned(), vec![format!("no message {}", self.id)]);
        };
        let mut args = FluentArgs::new();
        for (name, value) in &self.args {
            match value {
                Arg::Number(n) => args.set(*name, FluentValue::from(*n)),
                Arg::Text(t) => args.set(*name, FluentValue::String(Cow::Owned(t.clone()))),
            }
        }
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&args), &mut errors).into_owned();
        (text, errors.iter().map(ToString::to_string).collect())
    }
}

type Bundle = FluentBundle<FluentResource>;

fn bundles() -> &'static [(&'static str, Bundle)] {
    static BUNDLES: OnceLock<Vec<(&'static str, Bundle)>> = OnceLock::new();
    BUNDLES.get_or_init(|| {
        SOURCES
            .iter()
            .map(|(code, files)| {
                let mut bundle = Bundle::new_concurrent(vec![code.parse().unwrap_or_default()]);
                // No Unicode isolation marks around placeables: they would reach terminals,
                // JSON and screen readers as invisible characters.
                bundle.set_use_isolating(false);
                for text in *files {
                    // build.rs parsed these very files without error.
                    let resource = FluentResource::try_new((*text).to_owned()).unwrap_or_else(|(r, _)| r);
                    let _ = bundle.add_resource(resource);
                }
                (*code, bundle)
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sample values: a number for each variable, then a text, so that both plural and text
    /// selectors are exercised.
    fn samples(vars: &[&'static str]) -> Vec<Vec<(&'static str, Arg)>> {
        [Arg::Number(1.0), Arg::Number(3.0), Arg::Text("pin".into()), Arg::Text("puk".into())]
            .into_iter()
            .map(|v| vars.iter().map(|n| (*n, v.clone())).collect())
            .collect()
    }

    #[test]
    fn every_message_formats_in_every_language_without_errors() {
        assert!(!ALL.is_empty());
        for (code, _) in SOURCES {
            for (id, vars) in ALL {
                for args in samples(vars) {
                    let m = Message::new(id, args);
                    let (text, errors) = m.format(code);
                    assert!(errors.is_empty(), "{code} {id}: {errors:?}");
                    assert!(!text.trim().is_empty(), "{code} {id} is empty");
                    assert!(!text.contains('{') && !text.contains('\u{2068}'), "{code} {id}: {text}");
                }
            }
        }
    }

    #[test]
    fn the_languages_are_italian_english_and_german_and_differ() {
        let codes: Vec<&str> = SOURCES.iter().map(|(c, _)| *c).collect();
        assert_eq!(codes, ["it", "en", "de"]);
        let m = msg::secret_wrong("PIN");
        let texts: Vec<String> = codes.iter().map(|c| m.in_language(c)).collect();
        assert_eq!(texts, ["PIN errato", "Wrong PIN", "Falsche PIN"]);
    }

    #[test]
    fn plurals_follow_each_language() {
        let one = msg::tries_left(1).in_language("it");
        let three = msg::tries_left(3).in_language("it");
        assert_eq!(one, "Ti resta un solo tentativo.");
        assert_eq!(three, "Ti restano 3 tentativi.");
        assert_eq!(msg::tries_left(3).in_language("de"), "Sie haben noch 3 Versuche.");
        assert_eq!(msg::tries_left(1).in_language("en"), "Only one try left.");
    }

    #[test]
    fn a_message_without_variables_is_found_by_its_id_and_only_such_a_one() {
        assert_eq!(Message::by_id("tries-unknown"), Some(msg::tries_unknown()));
        // tries-left needs $tries: by its id alone it could not be formatted.
        assert_eq!(Message::by_id("tries-left"), None);
        assert_eq!(Message::by_id("no-such-message"), None);
        for (id, vars) in ALL {
            assert_eq!(Message::by_id(id).is_some(), vars.is_empty(), "{id}");
        }
    }

    /// Each event is written once: two messages that say the same in every language are one
    /// message written twice (the window and the CLI would drift apart the day one is edited).
    /// Homonyms differ in some language and pass.
    #[test]
    fn no_message_is_written_twice() {
        let text = |id: &'static str, vars: &[&'static str], code: &str| -> Vec<String> {
            samples(vars).into_iter().map(|args| Message::new(id, args).in_language(code)).collect()
        };
        // Homonyms that happen to read alike in all three languages: a placeholder and a manual
        // section ("NOME"), and adjectives said of different things.
        const HOMONYMS: &[&str] = &["man-name", "verdict-valid", "fiscal-code-valid"];
        let mut seen: std::collections::HashMap<Vec<Vec<String>>, &str> = std::collections::HashMap::new();
        let mut twice = Vec::new();
        for (id, vars) in ALL.iter().filter(|(id, _)| !HOMONYMS.contains(id)) {
            let texts: Vec<Vec<String>> = SOURCES.iter().map(|(code, _)| text(id, vars, code)).collect();
            if let Some(first) = seen.insert(texts, id) {
                twice.push(format!("{first} = {id}"));
            }
        }
        assert!(twice.is_empty(), "the same message twice:\n{}", twice.join("\n"));
    }

    #[test]
    fn an_unknown_language_falls_back_to_italian() {
        assert_eq!(msg::secret_wrong("PUK").in_language("fr"), "PUK errato");
    }
}
