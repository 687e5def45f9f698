//! Where a signature is saved, and where a detached signature's document is looked for: one
//! answer for the window and the command line, so that a file signed in one is found by the
//! other.
//!
//! The signed file keeps the `name.ext.p7m` structure every Italian verifier relies on: taking
//! the `.p7m` off gives back a document with its own extension. A second signature of `x.txt`
//! beside the first is `x (2).txt.p7m` (extracted: `x (2).txt`), never `x.txt (2).p7m`, whose
//! extracted name `x.txt (2)` no program would open.

use std::io;
use std::path::{Path, PathBuf};

/// The extensions of a signature envelope, in any case.
fn is_signature_ext(ext: &str) -> bool {
    ext.eq_ignore_ascii_case("p7m") || ext.eq_ignore_ascii_case("p7s")
}

/// `name` split into (base, document extension with its dot, signature chain with its dots):
/// `x.pdf.p7m` → (`x`, `.pdf`, `.p7m`); `README` → (`README`, ``, ``); `.bashrc` has no
/// extension (a leading dot is part of the name).
fn split(name: &str) -> (&str, &str, &str) {
    let mut doc_end = name.len();
    while let Some(dot) = name[..doc_end].rfind('.') {
        if dot == 0 || !is_signature_ext(&name[dot + 1..doc_end]) {
            break;
        }
        doc_end = dot;
    }
    let (doc, chain) = name.split_at(doc_end);
    match doc.rfind('.') {
        Some(dot) if dot > 0 => (&doc[..dot], &doc[dot..], chain),
        _ => (doc, "", chain),
    }
}

/// The `n`-th candidate name (1 = the plain one) for `doc` signed into `ext` ("p7m"/"p7s").
pub fn signed_name(doc: &Path, ext: &str, n: u32) -> PathBuf {
    let name = doc.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let file = if n <= 1 {
        format!("{name}.{ext}")
    } else {
        let (base, doc_ext, chain) = split(&name);
        format!("{base} ({n}){doc_ext}{chain}.{ext}")
    };
    doc.with_file_name(file)
}

/// How many names are tried before giving up (a folder with a thousand signatures of one file
/// is a script gone wrong, not a user).
const MAX_TRIES: u32 = 1000;

/// Saves the finished signature `tmp` (written in `doc`'s folder) beside `doc`, under the first
/// free name of [`signed_name`]: never over an existing file, even one that appears meanwhile
/// (the rename itself refuses to replace). The data reach the disk before the name does, so a
/// crash leaves no empty or partial signed file under a real name.
pub fn save_beside(tmp: tempfile::NamedTempFile, doc: &Path, detached: bool) -> io::Result<PathBuf> {
    tmp.as_file().sync_all()?;
    let ext = if detached { "p7s" } else { "p7m" };
    let mut tmp = tmp;
    for n in 1..=MAX_TRIES {
        let dest = signed_name(doc, ext, n);
        match tmp.persist_noclobber(&dest) {
            Ok(_) => return Ok(dest),
            Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists => tmp = e.file,
            Err(e) => return Err(e.error),
        }
    }
    Err(io::Error::new(io::ErrorKind::AlreadyExists, format!("{MAX_TRIES} signed copies already exist")))
}

/// Saves `tmp` as `dest`, replacing it (a name the user gave, or the file a signature is added
/// to), after its data reached the disk.
pub fn save_as(tmp: tempfile::NamedTempFile, dest: &Path) -> io::Result<()> {
    tmp.as_file().sync_all()?;
    tmp.persist(dest).map(|_| ()).map_err(|e| e.error)
}

/// The document a detached signature `sig` was made of, when it is beside it: `x.txt.p7s` →
/// `x.txt`; for a later signature `x (2).txt.p7s`, `x (2).txt` if there is one, else `x.txt`.
pub fn detached_document(sig: &Path) -> Option<PathBuf> {
    let name = sig.file_name()?.to_str()?;
    let dot = name.rfind('.')?;
    if !name[dot + 1..].eq_ignore_ascii_case("p7s") || dot == 0 {
        return None;
    }
    let doc = sig.with_file_name(&name[..dot]);
    if doc.is_file() {
        return Some(doc);
    }
    // Undo what signed_name added: " (n)" just before the document's extension.
    let (base, ext, chain) = split(&name[..dot]);
    let open = base.rfind(" (")?;
    let counter = base[open + 2..].strip_suffix(')')?;
    if counter.is_empty() || !counter.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(sig.with_file_name(format!("{}{ext}{chain}", &base[..open]))).filter(|p| p.is_file())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn name(doc: &str, ext: &str, n: u32) -> String {
        signed_name(&Path::new("/d").join(doc), ext, n).file_name().unwrap().to_string_lossy().into_owned()
    }

    #[test]
    fn a_later_signature_keeps_the_document_extension_before_the_p7m() {
        assert_eq!(name("x.txt", "p7m", 1), "x.txt.p7m");
        assert_eq!(name("x.txt", "p7m", 2), "x (2).txt.p7m");
        assert_eq!(name("x.txt", "p7s", 3), "x (3).txt.p7s");
        assert_eq!(name("Relazione v1.2.pdf", "p7m", 2), "Relazione v1.2 (2).pdf.p7m");
        assert_eq!(name("README", "p7m", 2), "README (2).p7m");
        assert_eq!(name(".profile", "p7m", 2), ".profile (2).p7m");
        // a signed file signed again: the counter goes before the document's own extension
        assert_eq!(name("x.pdf.p7m", "p7m", 1), "x.pdf.p7m.p7m");
        assert_eq!(name("x.pdf.P7M", "p7m", 2), "x (2).pdf.P7M.p7m");
    }

    #[test]
    fn saving_never_replaces_and_counts_up() {
        let dir = tempfile::tempdir().unwrap();
        let doc = dir.path().join("x.txt");
        std::fs::write(&doc, b"x").unwrap();
        let save = |data: &[u8]| {
            let mut t = tempfile::NamedTempFile::new_in(dir.path()).unwrap();
            std::io::Write::write_all(&mut t, data).unwrap();
            save_beside(t, &doc, false).unwrap()
        };
        assert_eq!(save(b"1"), dir.path().join("x.txt.p7m"));
        assert_eq!(save(b"2"), dir.path().join("x (2).txt.p7m"));
        assert_eq!(std::fs::read(dir.path().join("x.txt.p7m")).unwrap(), b"1");
        assert_eq!(std::fs::read(dir.path().join("x (2).txt.p7m")).unwrap(), b"2");
    }

    #[test]
    fn a_detached_signature_finds_its_document_also_under_a_later_name() {
        let dir = tempfile::tempdir().unwrap();
        let doc = dir.path().join("fattura.xml");
        std::fs::write(&doc, b"<f/>").unwrap();
        assert_eq!(detached_document(&dir.path().join("fattura.xml.p7s")), Some(doc.clone()));
        assert_eq!(detached_document(&dir.path().join("fattura (2).xml.p7s")), Some(doc.clone()));
        assert_eq!(detached_document(&dir.path().join("fattura.xml.P7S")), Some(doc));
        // a document of that name wins over the guess
        let second = dir.path().join("fattura (2).xml");
        std::fs::write(&second, b"<g/>").unwrap();
        assert_eq!(detached_document(&dir.path().join("fattura (2).xml.p7s")), Some(second));
        assert_eq!(detached_document(&dir.path().join("altro.xml.p7s")), None);
        assert_eq!(detached_document(&dir.path().join("fattura.xml.p7m")), None);
        assert_eq!(detached_document(&dir.path().join("fattura (x).xml.p7s")), None);
    }
}
