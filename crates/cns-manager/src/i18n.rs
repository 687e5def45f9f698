//! Italian by default, English and German available. Every user-facing text comes from the
//! message catalog ([`catalog`], Project Fluent files under `assets/i18n/<lang>/`, checked at
//! build time: every message in every language).

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
/// English the English name, "Tuscany region", as English texts name Italian regions; in German
/// the German name, "Region Toskana". The two autonomous provinces are no region: "Provincia
/// autonoma di Bolzano" / "Autonomous Province of Bolzano" / "Autonome Provinz Bozen". The names
/// are in `regions.ftl`; machine-readable output (JSON) keeps the card's Italian name.
pub fn region_name(lang: Lang, r: &cns_core::files::id_carta::Region) -> String {
    match region_message(r) {
        Some(m) => lang.tr(m),
        // `Region`s come from cns-core's table, which `region_message` follows code by code (a
        // test checks it); a code added there is shown as the card names it until it is here.
        None => r.name.to_owned(),
    }
}

fn region_message(r: &cns_core::files::id_carta::Region) -> Option<Message> {
    Some(match r.code {
        "010" => msg::region_piemonte(),
        "020" => msg::region_valle_d_aosta(),
        "030" => msg::region_lombardia(),
        "041" => msg::region_bolzano(),
        "042" => msg::region_trento(),
        "050" => msg::region_veneto(),
        "060" => msg::region_friuli_venezia_giulia(),
        "070" => msg::region_liguria(),
        "080" => msg::region_emilia_romagna(),
        "090" => msg::region_toscana(),
        "100" => msg::region_umbria(),
        "110" => msg::region_marche(),
        "120" => msg::region_lazio(),
        "130" => msg::region_abruzzo(),
        "140" => msg::region_molise(),
        "150" => msg::region_campania(),
        "160" => msg::region_puglia(),
        "170" => msg::region_basilicata(),
        "180" => msg::region_calabria(),
        "190" => msg::region_sicilia(),
        "200" => msg::region_sardegna(),
        _ => return None,
    })
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
    fn every_region_of_the_card_table_is_in_the_catalog_in_three_languages() {
        use cns_core::files::id_carta::{REGIONS, region_by_code};
        for r in REGIONS {
            let m = region_message(r).unwrap_or_else(|| panic!("{r:?} is not in regions.ftl"));
            // The Italian text is the card's own name, with "Regione" before a region's.
            let expected = if r.name.starts_with("Provincia") {
                r.name.to_owned()
            } else {
                format!("Regione {}", r.name)
            };
            assert_eq!(m.in_language("it"), expected, "{r:?}");
            let de = m.in_language("de");
            assert!(de.starts_with("Region ") || de.starts_with("Autonome Provinz "), "{r:?}: {de}");
        }
        let de = |code| region_by_code(code).and_then(|r| region_message(&r)).unwrap().in_language("de");
        assert_eq!(de("041"), "Autonome Provinz Bozen");
        assert_eq!(de("042"), "Autonome Provinz Trient");
        assert_eq!(de("030"), "Region Lombardei");
        assert_eq!(de("090"), "Region Toskana");
    }

    #[test]
    fn locale_rules() {
        assert_eq!(Lang::from_locale("en_GB.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale("it_IT.UTF-8"), Lang::It);
        assert_eq!(Lang::from_locale("C"), Lang::It);
        assert_eq!(Lang::from_locale("de_DE.UTF-8"), Lang::De);
        assert_eq!(Lang::from_locale("de_IT"), Lang::De);
        assert_eq!(Lang::from_locale("fr_FR"), Lang::It);
        assert_eq!("EN".parse::<Lang>(), Ok(Lang::En));
        assert_eq!("de".parse::<Lang>(), Ok(Lang::De));
        assert!("fr".parse::<Lang>().is_err());
        for l in Lang::ALL {
            assert_eq!(l.code().parse::<Lang>(), Ok(l));
        }
    }
}
