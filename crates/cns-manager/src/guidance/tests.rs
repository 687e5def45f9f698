#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::*;

fn lombardy_text() -> &'static str {
    EMBEDDED.iter().find(|(n, _)| *n == "lombardia").map(|(_, t)| *t).unwrap()
}

fn texts_of(f: &GuidanceFile) -> Vec<&Text> {
    let mut all = vec![&f.name];
    for s in &f.section {
        all.push(&s.title);
        all.extend(s.text.iter().chain(&s.items).chain(&s.steps).chain(&s.notes));
        for c in &s.contact {
            all.push(&c.what);
            all.extend(c.hours.iter());
        }
        all.extend(s.link.iter().map(|l| &l.text));
    }
    for s in &f.service {
        all.extend([&s.name, &s.what]);
    }
    all
}

fn contacts<'a>(c: &Chosen<'a>) -> Vec<&'a Contact> {
    c.sections.iter().flat_map(|s| s.contact.iter()).collect()
}

fn ids(c: &Chosen<'_>) -> Vec<String> {
    c.sections.iter().map(|s| s.id.clone()).collect()
}

#[test]
fn every_built_in_file_parses_and_speaks_every_language() {
    let g = Guidance::built_in();
    assert!(g.problems().is_empty(), "{:?}", g.problems());
    assert_eq!(g.files().count(), EMBEDDED.len());
    for (name, f, origin) in g.files() {
        assert_eq!(origin, Origin::BuiltIn);
        for t in texts_of(f) {
            for lang in Lang::ALL {
                assert!(!t.get(lang).trim().is_empty(), "{name}: {t:?} has no {lang:?}");
            }
            // A copy of the Italian is not a translation.
            assert!(t.en != t.it && t.de != t.it || t.it.len() < 30, "{name}: untranslated {t:?}");
        }
    }
}

#[test]
fn a_lombardy_card_gets_the_regions_offices_numbers_and_the_national_new_card() {
    let g = Guidance::built_in();
    let c = g.for_region(Some("030"));
    assert_eq!(c.region_name(Lang::It).as_deref(), Some("Regione Lombardia"));
    assert_eq!(
        ids(&c),
        ["pin-in-person", "pin-online", "minors", "remote", "delegation", "puk", "help", "new-card"],
        "the region's own help replaces the national one; 'ask your region' is not for Lombardy"
    );
    let phones: Vec<_> = contacts(&c).iter().filter_map(|c| c.phone.clone()).collect();
    assert_eq!(phones, ["800 030 606", "800 030 070"]);
    let mails: Vec<_> = contacts(&c).iter().filter_map(|c| c.email.clone()).collect();
    assert_eq!(mails, ["contactcenter-SISS@regione.lombardia.it"]);
    // Each number says when it answers; the toll-free one that holidays are excluded.
    for c in contacts(&c).iter().filter(|c| c.phone.is_some()) {
        assert!(c.hours.as_ref().is_some_and(|h| h.it.contains("8:00")), "{c:?}");
    }
    assert!(contacts(&c)[0].hours.as_ref().unwrap().it.contains("festivi esclusi"));
    let text: String = c
        .sections
        .iter()
        .flat_map(|s| s.text.iter().chain(&s.steps).chain(&s.notes))
        .map(|t| t.it.as_str())
        .collect();
    for needed in
        ["prima metà del PIN", "modulo per i minori", "videochiamata", "coniuge", "stessi uffici del PIN"]
    {
        assert!(text.contains(needed), "missing {needed:?}");
    }
}

#[test]
fn a_region_without_a_file_gets_the_national_part_and_is_told_to_ask_its_offices() {
    let g = Guidance::built_in();
    let c = g.for_region(Some("090"));
    assert!(c.region_file.is_none());
    assert_eq!(c.region_name(Lang::It).as_deref(), Some("Regione Toscana"));
    assert_eq!(ids(&c), ["ask-region", "new-card", "help"]);
    assert_eq!(contacts(&c).iter().filter_map(|c| c.phone.as_deref()).collect::<Vec<_>>(), ["800 030 070"]);
    // No card at all: the same national part, and no region named.
    let none = g.for_region(None);
    assert_eq!((ids(&none), none.region_name(Lang::It)), (ids(&c), None));
    // A code that is no region (a national card, 5902…) is no region either.
    assert!(g.for_region(Some("902")).region.is_none());
}

#[test]
fn the_services_that_accept_the_card_are_the_regions_then_the_national_ones() {
    let g = Guidance::built_in();
    let names = |code| g.for_region(code).services.iter().map(|s| s.id.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(Some("030")),
        ["fascicolo-sanitario", "prenota-salute", "bandi-online", "agenzia-entrate", "sistema-ts"]
    );
    assert_eq!(names(Some("090")), ["agenzia-entrate", "sistema-ts"]);
    let lombardy = g.for_region(Some("030"));
    let fse = lombardy.services.first().unwrap();
    assert_eq!(fse.url, "https://www.fascicolosanitario.regione.lombardia.it/");
    assert_eq!(fse.name.it, "Fascicolo Sanitario Elettronico");
}

#[test]
fn an_installed_file_replaces_the_built_in_one_or_adds_a_region() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("lombardia.toml"), lombardy_text().replace("800 030 606", "800 111 222"))
        .unwrap();
    let tuscany = "schema = 1\nregion = \"090\"\nsource = \"test\"\n[name]\nit = \"Regione Toscana\"\nen = \"Tuscany\"\nde = \"Toskana\"\n\
        [[section]]\nid = \"pin\"\n[section.title]\nit = \"PIN in Toscana\"\nen = \"PIN in Tuscany\"\nde = \"PIN in der Toskana\"\n\
        [[section.contact]]\nphone = \"800 004 477\"\n[section.contact.what]\nit = \"Aiuto\"\nen = \"Help\"\nde = \"Hilfe\"\n";
    std::fs::write(dir.path().join("toscana.toml"), tuscany).unwrap();
    std::fs::write(dir.path().join("README.txt"), "not a guidance file").unwrap();
    let g = Guidance::load_from(Some(dir.path()));
    assert!(g.problems().is_empty(), "{:?}", g.problems());
    let phones =
        |code| contacts(&g.for_region(Some(code))).iter().filter_map(|c| c.phone.clone()).collect::<Vec<_>>();
    assert_eq!(phones("030"), ["800 111 222", "800 030 070"]);
    assert_eq!(phones("090"), ["800 004 477", "800 030 070"]);
    assert_eq!(ids(&g.for_region(Some("090"))), ["pin", "new-card", "help"], "no 'ask your region' any more");
    assert!(g.files().any(|(n, _, o)| n == "lombardia" && o == Origin::Installed));
}

#[test]
fn a_broken_installed_file_is_refused_by_file_and_field_and_the_built_in_one_stays() {
    let dir = tempfile::tempdir().unwrap();
    // The German title of the third section left out.
    let broken = lombardy_text().replacen("de = \"Ohne Gang zum Schalter: der Fernservice\"\n", "", 1);
    std::fs::write(dir.path().join("lombardia.toml"), broken).unwrap();
    std::fs::write(dir.path().join("national.toml"), "schema = 1\nsource = \"x\"\n[name\n").unwrap();
    let bad_phone = lombardy_text().replacen("800 030 606", "call us", 1).replacen("\"030\"", "\"090\"", 1);
    std::fs::write(dir.path().join("toscana.toml"), bad_phone).unwrap();
    let g = Guidance::load_from(Some(dir.path()));
    let p = g.problems();
    assert_eq!(p.len(), 3, "{p:?}");
    assert!(p[0].file.ends_with("lombardia.toml") && p[0].problem.contains("missing field `de`"), "{}", p[0]);
    assert!(p[0].field.starts_with("line "), "{}", p[0]);
    assert!(p[1].file.ends_with("national.toml") && p[1].field == "line 3", "{}", p[1]);
    assert!(p[2].file.ends_with("toscana.toml") && p[2].field == "section[6].contact[0].phone", "{}", p[2]);
    // What shows is the built-in guidance, whole.
    assert_eq!(
        contacts(&g.for_region(Some("030"))).first().and_then(|c| c.phone.as_deref()),
        Some("800 030 606")
    );
    assert_eq!(ids(&g.for_region(Some("090"))), ["ask-region", "new-card", "help"]);
    assert!(g.files().all(|(_, _, o)| o == Origin::BuiltIn));
}

#[test]
fn an_installed_file_must_fit_the_others() {
    let dir = tempfile::tempdir().unwrap();
    // A second file for Lombardy, a national file with a region, a region file without one,
    // and a skip of a national section that does not exist.
    std::fs::write(dir.path().join("lombardia2.toml"), lombardy_text()).unwrap();
    let national = EMBEDDED.iter().find(|(n, _)| *n == NATIONAL).map(|(_, t)| *t).unwrap();
    std::fs::write(
        dir.path().join("national.toml"),
        national.replacen("schema = 1", "schema = 1\nregion = \"030\"", 1),
    )
    .unwrap();
    std::fs::write(dir.path().join("nowhere.toml"), lombardy_text().replacen("region = \"030\"\n", "", 1))
        .unwrap();
    std::fs::write(
        dir.path().join("veneto.toml"),
        lombardy_text().replacen("\"030\"", "\"050\"", 1).replacen("[\"help\"]", "[\"faq\"]", 1),
    )
    .unwrap();
    let g = Guidance::load_from(Some(dir.path()));
    let fields: Vec<_> = g.problems().iter().map(|p| (p.field.as_str(), p.problem.as_str())).collect();
    assert_eq!(
        fields,
        [
            ("region", "\"030\" is already the region of lombardia.toml"),
            ("region", "the national file has no region"),
            ("region", "missing: the region code of the card number, e.g. \"030\""),
            ("skip_national[0]", "no national section \"faq\""),
        ]
    );
}

#[test]
fn the_checks_name_what_is_wrong() {
    let cases = [
        ("schema = 1", "schema = 2", "schema"),
        ("region = \"030\"", "region = \"031\"", "region"),
        (
            "https://www.bandi.regione.lombardia.it/",
            "http://www.bandi.regione.lombardia.it/",
            "service[2].url",
        ),
        ("contactcenter-SISS@regione.lombardia.it", "contactcenter", "section[6].contact[1].email"),
        ("id = \"minors\"", "id = \"puk\"", "section[5].id"),
        ("id = \"minors\"", "id = \"Minors\"", "section[2].id"),
    ];
    for (from, to, field) in cases {
        let e = check::parse("x.toml", &lombardy_text().replacen(from, to, 1)).unwrap_err();
        assert_eq!(e.field, field, "{from} → {to}: {e}");
    }
    let empty =
        lombardy_text().replacen("it = \"Per un minore o una persona sotto tutela\"", "it = \" \"", 1);
    assert_eq!(check::parse("x.toml", &empty).unwrap_err().field, "section[2].title.it");
}

#[test]
fn a_region_is_found_by_code_or_by_name_in_any_language() {
    let g = Guidance::built_in();
    let code = |asked| find_region(&g, asked).map(|r| r.code);
    assert_eq!(code("030"), Some("030"));
    assert_eq!(code("Lombardia"), Some("030"));
    assert_eq!(code("lombardy"), Some("030"));
    assert_eq!(code("LOMBARDEI"), Some("030"));
    assert_eq!(code("toscana"), Some("090"));
    assert_eq!(code("bolzano"), Some("041"));
    assert_eq!(code("di"), None, "a word of a name is not a name");
    assert_eq!(code("atlantide"), None);
}

#[test]
fn the_installers_folder_is_beside_the_system_settings() {
    if cfg!(target_os = "linux") && std::env::var_os(SYSTEM_DIR_ENV).is_none() {
        assert_eq!(system_dir(), Some(PathBuf::from("/etc/cns-manager/guidance")));
    }
}

#[test]
fn the_doctor_names_the_files_in_use_and_each_refused_one() {
    use crate::doctor::{Level, guidance_checks};
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("lombardia.toml"),
        lombardy_text().replacen("schema = 1", "schema = 7", 1),
    )
    .unwrap();
    let tuscany = lombardy_text().replacen("\"030\"", "\"090\"", 1);
    std::fs::write(dir.path().join("toscana.toml"), tuscany).unwrap();
    let checks = guidance_checks(&Guidance::load_from(Some(dir.path())), Lang::It);
    assert_eq!(checks.len(), 2, "{checks:?}");
    assert_eq!((checks[0].id.as_str(), checks[0].level), ("guidance", Level::Ok));
    assert_eq!(
        checks[0].detail,
        "In uso: lombardia.toml (incluso nel programma), national.toml (incluso nel programma), toscana.toml (installato)."
    );
    let refused = &checks[1];
    assert_eq!(refused.level, Level::Warning, "the app works on: a warning, not a problem");
    assert!(refused.id.starts_with("guidance:") && refused.id.ends_with("lombardia.toml"), "{refused:?}");
    assert!(
        refused.detail.contains(
            "lombardia.toml: schema: this program reads schema = 1. Al suo posto uso le indicazioni incluse"
        ),
        "{refused:?}"
    );
    assert!(refused.fix.as_deref().is_some_and(|f| f.contains("national.toml")));
}
