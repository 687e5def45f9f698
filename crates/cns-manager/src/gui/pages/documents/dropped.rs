//! Files dropped on the window: what each asks of the document page.

use std::path::PathBuf;

use super::flow::{DocFlow, Phase};
use super::{DocAction, Kind, trust};

/// What a file dropped on the window asks for. On a verification result that asks for an
/// authority (`open`: the document page, if it is the one on screen), a certificate is that
/// authority's and an XML file a trusted list; otherwise a signed file opens the verification
/// and anything else the signature. At a counter nothing new is trusted (`counter`).
pub(crate) fn dropped_file(p: PathBuf, open: Option<&DocFlow>, counter: bool) -> DocAction {
    let ext = p.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    let asks_authority = !counter
        && open.is_some_and(|d| {
            matches!(&d.phase, Phase::Verified { report, .. } if !trust::untrusted_issuers(report).is_empty())
        });
    if asks_authority && matches!(ext.as_str(), "cer" | "crt" | "der" | "pem") {
        return DocAction::AuthorityFile(p);
    }
    if asks_authority && ext == "xml" {
        return DocAction::TslFile(p);
    }
    let kind = if matches!(ext.as_str(), "p7m" | "p7s" | "tsd" | "m7m") { Kind::Verify } else { Kind::Sign };
    DocAction::Open(kind, Some(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opens(name: &str) -> Option<Kind> {
        match dropped_file(PathBuf::from(name), None, false) {
            DocAction::Open(kind, Some(p)) if p.as_os_str() == name => Some(kind),
            _ => None,
        }
    }

    #[test]
    fn a_signed_file_opens_the_check_and_anything_else_the_signature() {
        for signed in ["a.pdf.p7m", "A.PDF.P7M", "a.txt.p7s", "a.pdf.tsd", "a.m7m"] {
            assert_eq!(opens(signed), Some(Kind::Verify), "{signed}");
        }
        // with no result asking for an authority, a certificate or a list is a document to sign
        for other in ["a.pdf", "ca.pem", "tsl.xml", "noextension"] {
            assert_eq!(opens(other), Some(Kind::Sign), "{other}");
        }
    }
}
