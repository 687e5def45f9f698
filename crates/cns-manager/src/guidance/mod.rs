//! "Non hai il PIN o il PUK?" and "Usa la tessera": what a citizen needs to hear about getting
//! the PIN and PUK, who helps, and which online services accept the card — per region, as data.
//!
//! The texts are TOML files in `assets/guidance/` (their format is described at the top of
//! `national.toml`), one per region keyed by the region code of the card's serial
//! ([`cns_core::files::id_carta::CardId::region`]), plus `national.toml` for every card. They
//! are built into the program; an installer may replace one, or add a region, with a file of
//! the same name in the system-wide folder ([`system_dir`]). A file there that does not pass
//! the checks is ignored, the built-in one stays, and the doctor says why ([`Guidance::problems`]).
//!
//! The window's page and `cns-manager help-pin` both read [`Guidance::for_region`]: one data
//! path for both front ends.

mod check;
pub mod launch;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::i18n::Lang;

pub use check::GuidanceError;

/// Replaces the system-wide folder (tests, installers that keep their files elsewhere).
pub const SYSTEM_DIR_ENV: &str = "CNS_SYSTEM_GUIDANCE_DIR";
/// A guidance file larger than this is not one (Lombardy's is about 12 KB).
const MAX_FILE: u64 = 512 * 1024;
/// The file every card gets, after its region's.
pub const NATIONAL: &str = "national";

/// The files built into the program: (name without `.toml`, text).
const EMBEDDED: &[(&str, &str)] = &[
    (NATIONAL, include_str!("../../../../assets/guidance/national.toml")),
    ("lombardia", include_str!("../../../../assets/guidance/lombardia.toml")),
];

/// A text in every language the program speaks.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub it: String,
    pub en: String,
    pub de: String,
}

impl Text {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::It => &self.it,
            Lang::En => &self.en,
            Lang::De => &self.de,
        }
    }
}

/// When a section of the national file is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Show {
    #[default]
    Always,
    /// Only for a card whose region has no file yet ("ask your region's offices").
    WithoutRegionData,
}

/// Someone to call or write to.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// What the number or address is for.
    pub what: Text,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// When it answers.
    pub hours: Option<Text>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub text: Text,
    pub url: String,
}

/// One block of the page: a title, then paragraphs, bullet points, numbered steps, notes (the
/// paragraphs after the lists), contacts and links, in that order.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    #[serde(default)]
    pub show: Show,
    pub title: Text,
    #[serde(default)]
    pub text: Vec<Text>,
    #[serde(default)]
    pub items: Vec<Text>,
    #[serde(default)]
    pub steps: Vec<Text>,
    #[serde(default)]
    pub notes: Vec<Text>,
    #[serde(default)]
    pub contact: Vec<Contact>,
    #[serde(default)]
    pub link: Vec<Link>,
}

/// An online service that accepts the card.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    pub id: String,
    pub name: Text,
    pub what: Text,
    pub url: String,
}

/// One file: the national guidance, or one region's.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuidanceFile {
    pub schema: u32,
    /// The region code of the card serial ("030"); none in the national file.
    pub region: Option<String>,
    pub source: String,
    pub name: Text,
    /// National sections this region's file replaces with its own.
    #[serde(default)]
    pub skip_national: Vec<String>,
    #[serde(default)]
    pub section: Vec<Section>,
    #[serde(default)]
    pub service: Vec<Service>,
}

/// Where the guidance a page shows came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    BuiltIn,
    /// The installer's file in the system-wide folder.
    Installed,
}

/// Every file in effect, and what was wrong with the installer's files that were refused.
#[derive(Debug, Clone)]
pub struct Guidance {
    files: BTreeMap<String, (GuidanceFile, Origin)>,
    problems: Vec<GuidanceError>,
    /// The folder the installer's files were looked for in.
    dir: Option<PathBuf>,
}

/// What the page (or `help-pin`) shows for one card: the region's sections, then the national
/// ones, and the services.
#[derive(Debug, Clone)]
pub struct Chosen<'a> {
    /// The region asked for, by its card code; `None`: no region known.
    pub region: Option<cns_core::files::id_carta::Region>,
    /// That region's file, when there is one.
    pub region_file: Option<&'a GuidanceFile>,
    pub sections: Vec<&'a Section>,
    pub services: Vec<&'a Service>,
}

impl Guidance {
    /// The built-in files, replaced or completed by the installer's (see [`system_dir`]).
    pub fn load() -> Guidance {
        Guidance::load_from(system_dir().as_deref())
    }

    /// The built-in files, replaced or completed by the `*.toml` files of `dir`.
    pub fn load_from(dir: Option<&Path>) -> Guidance {
        let mut g = Guidance::built_in();
        g.dir = dir.map(Path::to_path_buf);
        if let Some(dir) = dir {
            for (name, path) in toml_files(dir) {
                g.add_installed(&name, &path);
            }
        }
        g
    }

    /// Only the files built into the program.
    pub fn built_in() -> Guidance {
        let mut files = BTreeMap::new();
        let mut problems = Vec::new();
        for (name, text) in EMBEDDED {
            match check::parse(name, text) {
                Ok(f) => {
                    files.insert((*name).to_owned(), (f, Origin::BuiltIn));
                }
                // A test keeps this from happening; if it did, the rest still shows.
                Err(e) => problems.push(e),
            }
        }
        Guidance { files, problems, dir: None }
    }

    /// One installer's file: in effect if it passes the checks, else the built-in one stays.
    fn add_installed(&mut self, name: &str, path: &Path) {
        let shown = path.display().to_string();
        let parsed = read_limited(path)
            .map_err(|e| GuidanceError::unreadable(&shown, &e))
            .and_then(|text| check::parse(&shown, &text))
            .and_then(|f| check::fits(&shown, name, &f, self));
        match parsed {
            Ok(f) => {
                self.files.insert(name.to_owned(), (f, Origin::Installed));
            }
            Err(e) => {
                tracing::warn!("{e}; using the built-in guidance");
                self.problems.push(e);
            }
        }
    }

    /// The installer's files that were refused, each with its file and field.
    pub fn problems(&self) -> &[GuidanceError] {
        &self.problems
    }

    /// The folder installer's files were looked for in.
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// Every file in effect: (name, file, origin).
    pub fn files(&self) -> impl Iterator<Item = (&str, &GuidanceFile, Origin)> {
        self.files.iter().map(|(n, (f, o))| (n.as_str(), f, *o))
    }

    pub fn national(&self) -> Option<&GuidanceFile> {
        self.files.get(NATIONAL).map(|(f, _)| f)
    }

    /// The file of the region with this card code ("030").
    pub fn region_file(&self, code: &str) -> Option<&GuidanceFile> {
        self.files.values().map(|(f, _)| f).find(|f| f.region.as_deref() == Some(code))
    }

    /// What to show for a card of region `code` (`None`: no card, or a card of no region).
    pub fn for_region(&self, code: Option<&str>) -> Chosen<'_> {
        let region = code.and_then(cns_core::files::id_carta::region_by_code);
        let region_file = region.and_then(|r| self.region_file(r.code));
        let skip: &[String] = region_file.map_or(&[], |f| &f.skip_national);
        let mut sections: Vec<&Section> = region_file.map(|f| f.section.iter().collect()).unwrap_or_default();
        let mut services: Vec<&Service> = region_file.map(|f| f.service.iter().collect()).unwrap_or_default();
        if let Some(national) = self.national() {
            sections.extend(
                national
                    .section
                    .iter()
                    .filter(|s| !skip.contains(&s.id) && (s.show == Show::Always || region_file.is_none())),
            );
            services.extend(national.service.iter());
        }
        Chosen { region, region_file, sections, services }
    }
}

impl Chosen<'_> {
    /// How the region is named to the user: by its file, else by the catalog.
    pub fn region_name(&self, lang: Lang) -> Option<String> {
        match (self.region_file, &self.region) {
            (Some(f), _) => Some(f.name.get(lang).to_owned()),
            (None, Some(r)) => Some(crate::i18n::region_name(lang, r)),
            (None, None) => None,
        }
    }
}

/// The installer's folder: `guidance/` beside the system-wide settings file
/// (`/etc/cns-manager/guidance/`, `%PROGRAMDATA%\cns-manager\guidance\`), or [`SYSTEM_DIR_ENV`].
pub fn system_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os(SYSTEM_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(d));
    }
    crate::settings::system_path().and_then(|p| p.parent().map(|d| d.join("guidance")))
}

/// The `*.toml` files of `dir` by name, sorted; a missing folder has none.
fn toml_files(dir: &Path) -> Vec<(String, PathBuf)> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut out: Vec<(String, PathBuf)> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .filter_map(|p| Some((p.file_stem()?.to_str()?.to_owned(), p.clone())))
        .collect();
    out.sort();
    out
}

fn read_limited(path: &Path) -> std::io::Result<String> {
    use std::io::Read;
    let mut text = String::new();
    std::fs::File::open(path)?.take(MAX_FILE + 1).read_to_string(&mut text)?;
    if text.len() as u64 > MAX_FILE {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("larger than {} KiB", MAX_FILE / 1024),
        ));
    }
    Ok(text)
}

/// A region given by the user (`--region 030`, `--region lombardia`): by its code, or by its
/// name in any language the program speaks, ignoring case ("Lombardia", "lombardy").
pub fn find_region(g: &Guidance, asked: &str) -> Option<cns_core::files::id_carta::Region> {
    use cns_core::files::id_carta::REGIONS;
    let asked = asked.trim().to_lowercase();
    let named = |r: &cns_core::files::id_carta::Region| {
        let mut names = vec![r.name.to_lowercase()];
        names.extend(Lang::ALL.iter().map(|l| crate::i18n::region_name(*l, r).to_lowercase()));
        if let Some(f) = g.region_file(r.code) {
            names.extend(Lang::ALL.iter().map(|l| f.name.get(*l).to_lowercase()));
        }
        names.iter().any(|n| *n == asked || (asked.len() >= 4 && n.split([' ', '\'']).any(|w| w == asked)))
    };
    REGIONS.iter().find(|r| r.code == asked).or_else(|| REGIONS.iter().find(|r| named(r))).copied()
}

#[cfg(test)]
mod tests;
