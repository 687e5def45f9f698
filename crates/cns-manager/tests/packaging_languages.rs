//! The desktop entry and the AppStream metainfo speak every language of the message catalog: a
//! language added under assets/i18n without its menu name, search keywords or software-centre
//! description fails here, in the ordinary test run (scripts/package.sh validates both files'
//! syntax with desktop-file-validate and appstreamcli, but needs a release build).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

const APP_ID: &str = "it.cnsmanager.CnsManager";

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The catalog's languages but English, which both files carry untagged (their default).
fn translated_languages() -> Vec<String> {
    let mut langs: Vec<String> = std::fs::read_dir(workspace().join("assets/i18n"))
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|l| l != "en")
        .collect();
    langs.sort();
    assert!(langs.contains(&"it".to_owned()) && langs.contains(&"de".to_owned()), "{langs:?}");
    langs
}

fn packaging_file(ext: &str) -> String {
    std::fs::read_to_string(workspace().join(format!("packaging/linux/{APP_ID}.{ext}"))).unwrap()
}

#[test]
fn the_desktop_entry_has_every_language() {
    let entry = packaging_file("desktop");
    for lang in translated_languages() {
        for key in ["Name", "GenericName", "Comment", "Keywords"] {
            let prefix = format!("{key}[{lang}]=");
            let value = entry.lines().find_map(|l| l.strip_prefix(&prefix));
            assert!(value.is_some_and(|v| !v.trim().is_empty()), "{prefix} missing in the desktop entry");
        }
    }
}

#[test]
fn the_appstream_metainfo_has_every_language() {
    let xml = packaging_file("metainfo.xml");
    for tag in ["name", "summary", "p", "li", "caption"] {
        let untagged = xml.matches(&format!("<{tag}>")).count();
        assert!(untagged > 0, "no <{tag}> in the metainfo");
        for lang in translated_languages() {
            let translated = xml.matches(&format!("<{tag} xml:lang=\"{lang}\">")).count();
            assert_eq!(translated, untagged, "<{tag}>: {untagged} in English, {translated} in {lang}");
        }
    }
}
