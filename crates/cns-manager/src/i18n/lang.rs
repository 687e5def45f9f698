//! The languages the program speaks and how one is chosen (locale, setting, `--lang`). Its own
//! file, free of the catalog, so that the settings parser's fuzz target can compile it alone.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    It,
    En,
}

impl Lang {
    /// Picks the text for this language.
    pub fn t(self, it: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::It => it,
            Lang::En => en,
        }
    }

    /// Same, for texts built at run time.
    pub fn s(self, it: String, en: String) -> String {
        match self {
            Lang::It => it,
            Lang::En => en,
        }
    }

    /// From the POSIX locale (LC_ALL, LC_MESSAGES, LANG): English only when the locale asks for
    /// it; Italian otherwise, since that is who the app is for.
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
        if locale.to_ascii_lowercase().starts_with("en") { Lang::En } else { Lang::It }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::It => "it",
            Lang::En => "en",
        }
    }
}

impl std::str::FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "it" | "ita" | "italiano" => Ok(Lang::It),
            "en" | "eng" | "english" => Ok(Lang::En),
            other => Err(format!("unknown language '{other}' (it, en)")),
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}
