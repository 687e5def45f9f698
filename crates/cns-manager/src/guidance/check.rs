//! The checks every guidance file passes before anything of it is shown: the TOML shape (serde,
//! unknown fields refused), then the content, each failure naming the file and the field
//! (`section[2].contact[0].phone`), so that whoever wrote the file finds the line to fix.

use super::{Contact, Guidance, GuidanceFile, Link, NATIONAL, Section, Service, Text};

/// The schema this program reads.
const SCHEMA: u32 = 1;

/// Why a guidance file was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {field}: {problem}")]
pub struct GuidanceError {
    pub file: String,
    /// Where in the file ("section[1].title.de"), or "-" for the file as a whole.
    pub field: String,
    pub problem: String,
}

impl GuidanceError {
    fn new(file: &str, field: impl Into<String>, problem: impl Into<String>) -> GuidanceError {
        GuidanceError { file: file.to_owned(), field: field.into(), problem: problem.into() }
    }

    pub(super) fn unreadable(file: &str, e: &std::io::Error) -> GuidanceError {
        GuidanceError::new(file, "-", format!("cannot be read: {e}"))
    }
}

/// Parses and checks one file's text (`file` names it in errors).
pub(super) fn parse(file: &str, text: &str) -> Result<GuidanceFile, GuidanceError> {
    let f: GuidanceFile = toml::from_str(text).map_err(|e| {
        // toml's message says the line and the field; one line of it is enough here.
        let problem = e.message().to_owned();
        let at = e.span().map(|s| format!("line {}", line_of(text, s.start))).unwrap_or_else(|| "-".into());
        GuidanceError::new(file, at, problem)
    })?;
    content(file, &f)?;
    Ok(f)
}

fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset).map_or(0, |t| t.matches('\n').count()) + 1
}

/// An installer's file `name`.toml against what is already in effect: the national file has no
/// region, a region's file has one that no other file claims, and skips only national sections
/// that exist.
pub(super) fn fits(
    file: &str,
    name: &str,
    f: &GuidanceFile,
    g: &Guidance,
) -> Result<GuidanceFile, GuidanceError> {
    match (&f.region, name == NATIONAL) {
        (Some(_), true) => return Err(GuidanceError::new(file, "region", "the national file has no region")),
        (None, false) => {
            return Err(GuidanceError::new(
                file,
                "region",
                "missing: the region code of the card number, e.g. \"030\"",
            ));
        }
        _ => {}
    }
    if let Some(code) = &f.region
        && let Some((other, _, _)) = g.files().find(|(n, o, _)| *n != name && o.region.as_ref() == Some(code))
    {
        return Err(GuidanceError::new(
            file,
            "region",
            format!("\"{code}\" is already the region of {other}.toml"),
        ));
    }
    let national = if name == NATIONAL { Some(f) } else { g.national() };
    for (i, id) in f.skip_national.iter().enumerate() {
        if !national.is_some_and(|n| n.section.iter().any(|s| &s.id == id)) {
            return Err(GuidanceError::new(
                file,
                format!("skip_national[{i}]"),
                format!("no national section \"{id}\""),
            ));
        }
    }
    Ok(f.clone())
}

/// The content of a file that has the right shape.
fn content(file: &str, f: &GuidanceFile) -> Result<(), GuidanceError> {
    let err = |field: String, problem: &str| GuidanceError::new(file, field, problem);
    if f.schema != SCHEMA {
        return Err(err("schema".into(), "this program reads schema = 1"));
    }
    if let Some(code) = &f.region
        && cns_core::files::id_carta::region_by_code(code).is_none()
    {
        return Err(err("region".into(), "not a region code of the card number (010 … 200)"));
    }
    if f.source.trim().is_empty() {
        return Err(err("source".into(), "say where the texts come from"));
    }
    text(file, "name", &f.name)?;
    unique(file, "section", f.section.iter().map(|s| s.id.as_str()))?;
    unique(file, "service", f.service.iter().map(|s| s.id.as_str()))?;
    for (i, s) in f.section.iter().enumerate() {
        section(file, &format!("section[{i}]"), s)?;
    }
    for (i, s) in f.service.iter().enumerate() {
        service(file, &format!("service[{i}]"), s)?;
    }
    Ok(())
}

fn section(file: &str, at: &str, s: &Section) -> Result<(), GuidanceError> {
    text(file, &format!("{at}.title"), &s.title)?;
    let lists = [("text", &s.text), ("items", &s.items), ("steps", &s.steps), ("notes", &s.notes)];
    for (name, list) in lists {
        for (i, t) in list.iter().enumerate() {
            text(file, &format!("{at}.{name}[{i}]"), t)?;
        }
    }
    for (i, c) in s.contact.iter().enumerate() {
        contact(file, &format!("{at}.contact[{i}]"), c)?;
    }
    for (i, l) in s.link.iter().enumerate() {
        link(file, &format!("{at}.link[{i}]"), l)?;
    }
    if lists.iter().all(|(_, l)| l.is_empty()) && s.contact.is_empty() && s.link.is_empty() {
        return Err(GuidanceError::new(file, at, "empty: give it a text, items, steps, contacts or links"));
    }
    Ok(())
}

fn contact(file: &str, at: &str, c: &Contact) -> Result<(), GuidanceError> {
    text(file, &format!("{at}.what"), &c.what)?;
    if let Some(h) = &c.hours {
        text(file, &format!("{at}.hours"), h)?;
    }
    if c.phone.is_none() && c.email.is_none() {
        return Err(GuidanceError::new(file, at, "give a phone number or an e-mail address"));
    }
    if let Some(p) = &c.phone
        && !is_phone(p)
    {
        return Err(GuidanceError::new(
            file,
            format!("{at}.phone"),
            "digits and spaces only, e.g. \"800 030 606\"",
        ));
    }
    if let Some(e) = &c.email
        && !is_email(e)
    {
        return Err(GuidanceError::new(file, format!("{at}.email"), "not an e-mail address"));
    }
    Ok(())
}

fn link(file: &str, at: &str, l: &Link) -> Result<(), GuidanceError> {
    text(file, &format!("{at}.text"), &l.text)?;
    url(file, &format!("{at}.url"), &l.url)
}

fn service(file: &str, at: &str, s: &Service) -> Result<(), GuidanceError> {
    text(file, &format!("{at}.name"), &s.name)?;
    text(file, &format!("{at}.what"), &s.what)?;
    url(file, &format!("{at}.url"), &s.url)
}

/// Every language written.
fn text(file: &str, at: &str, t: &Text) -> Result<(), GuidanceError> {
    for (lang, value) in [("it", &t.it), ("en", &t.en), ("de", &t.de)] {
        if value.trim().is_empty() {
            return Err(GuidanceError::new(file, format!("{at}.{lang}"), "empty"));
        }
    }
    Ok(())
}

fn url(file: &str, at: &str, u: &str) -> Result<(), GuidanceError> {
    let host = u.strip_prefix("https://").and_then(|r| r.split('/').next()).unwrap_or("");
    if host.is_empty() || !host.contains('.') || u.chars().any(char::is_whitespace) {
        return Err(GuidanceError::new(
            file,
            at,
            "an https:// address, e.g. \"https://www.regione.lombardia.it/\"",
        ));
    }
    Ok(())
}

fn unique<'a>(file: &str, what: &str, ids: impl Iterator<Item = &'a str>) -> Result<(), GuidanceError> {
    let mut seen: Vec<&str> = Vec::new();
    for (i, id) in ids.enumerate() {
        let well_formed =
            !id.is_empty() && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !well_formed {
            return Err(GuidanceError::new(
                file,
                format!("{what}[{i}].id"),
                "lowercase letters, digits and \"-\"",
            ));
        }
        if seen.contains(&id) {
            return Err(GuidanceError::new(
                file,
                format!("{what}[{i}].id"),
                format!("\"{id}\" is used twice"),
            ));
        }
        seen.push(id);
    }
    Ok(())
}

fn is_phone(p: &str) -> bool {
    let digits = p.chars().filter(char::is_ascii_digit).count();
    (3..=15).contains(&digits) && p.chars().all(|c| c.is_ascii_digit() || c == ' ' || c == '+')
}

fn is_email(e: &str) -> bool {
    match e.split_once('@') {
        Some((user, domain)) => {
            !user.is_empty()
                && domain.contains('.')
                && !domain.contains('@')
                && !e.contains(char::is_whitespace)
        }
        None => false,
    }
}
