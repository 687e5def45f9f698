//! The languages the program speaks and how one is chosen (locale, setting, `--lang`). Its own
//! file, free of the catalog, so that the settings parser's fuzz target can compile it alone.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    It,
    En,
    /// Alto Adige / Südtirol is officially bilingual: its citizens carry the same card.
    De,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::It, Lang::En, Lang::De];

    /// From the POSIX locale (LC_ALL, LC_MESSAGES, LANG): English or German when the locale asks
    /// for it; Italian otherwise, since that is who the app is for.
    pub fn from_env() -> Lang {
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(v) = std::env::var(var)
                && !v.is_empty()
            {
                return Lang::from_locale(&v);
            }
        }
        Lang::It
    }

    pub fn from_locale(locale: &str) -> Lang {
        let l = locale.to_ascii_lowercase();
        if l.starts_with("en") {
            Lang::En
        } else if l.starts_with("de") {
            Lang::De
        } else {
            Lang::It
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::It => "it",
            Lang::En => "en",
            Lang::De => "de",
        }
    }

    /// The language's name in itself, as a language menu shows it to someone who does not read
    /// the current one.
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::It => "Italiano",
            Lang::En => "English",
            Lang::De => "Deutsch",
        }
    }
}

impl std::str::FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "it" | "ita" | "italiano" => Ok(Lang::It),
            "en" | "eng" | "english" => Ok(Lang::En),
            "de" | "deu" | "ger" | "deutsch" | "german" => Ok(Lang::De),
            other => Err(format!("unknown language '{other}' (it, en, de)")),
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}
