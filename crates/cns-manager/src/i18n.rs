//! Italian by default, English available, German being added. Two ways to a text, while the
//! move goes on: the message catalog ([`catalog`], Project Fluent files under `assets/i18n/`,
//! checked at build time: every message in every language), and the older `t(it, en)` pairs next
//! to the code that shows them. New and shared messages go to the catalog.

pub mod catalog;

pub use catalog::{Message, msg};

mod lang;
pub use lang::Lang;

impl Lang {
    /// A message of the catalog in this language.
    pub fn tr(self, m: impl Into<Message>) -> String {
        m.into().in_language(self.code())
    }
}

/// A region (or autonomous province) as the user reads it: in Italian "Regione Toscana"; in
/// English the English name, "Tuscany region", as English texts name Italian regions. The two
/// autonomous provinces are no region: "Provincia autonoma di Bolzano" / "Autonomous Province
/// of Bolzano". Machine-readable output (JSON) keeps the card's Italian name.
pub fn region_name(lang: Lang, r: &cns_core::files::id_carta::Region) -> String {
    let province = |it: &str, en: &str| lang.s(it.to_owned(), en.to_owned());
    let english = match r.code {
        "041" => return province(r.name, "Autonomous Province of Bolzano"),
        "042" => return province(r.name, "Autonomous Province of Trento"),
        "010" => "Piedmont",
        "020" => "Aosta Valley",
        "030" => "Lombardy",
        "090" => "Tuscany",
        "160" => "Apulia",
        "190" => "Sicily",
        "200" => "Sardinia",
        // The others are written the same in English (Veneto, Lazio, Emilia-Romagna…).
        _ => r.name,
    };
    lang.s(format!("Regione {}", r.name), format!("{english} region"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_in_each_language() {
        use cns_core::files::id_carta::region_by_code;
        let tuscany = region_by_code("090").unwrap();
        assert_eq!(region_name(Lang::It, &tuscany), "Regione Toscana");
        assert_eq!(region_name(Lang::En, &tuscany), "Tuscany region");
        let lombardy = region_by_code("030").unwrap();
        assert_eq!(region_name(Lang::En, &lombardy), "Lombardy region");
        let bolzano = region_by_code("041").unwrap();
        assert_eq!(region_name(Lang::It, &bolzano), "Provincia autonoma di Bolzano");
        assert_eq!(region_name(Lang::En, &bolzano), "Autonomous Province of Bolzano");
        // No English text keeps the Italian word.
        for r in cns_core::files::id_carta::REGIONS {
            assert!(!region_name(Lang::En, r).contains("Regione"), "{r:?}");
            assert!(!region_name(Lang::En, r).contains("Provincia"), "{r:?}");
        }
    }

    #[test]
    fn locale_rules() {
        assert_eq!(Lang::from_locale("en_GB.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale("it_IT.UTF-8"), Lang::It);
        assert_eq!(Lang::from_locale("C"), Lang::It);
        assert_eq!(Lang::from_locale("de_DE"), Lang::It);
        assert_eq!("EN".parse::<Lang>(), Ok(Lang::En));
        assert!("fr".parse::<Lang>().is_err());
        assert_eq!(Lang::En.t("ciao", "hello"), "hello");
    }
}
