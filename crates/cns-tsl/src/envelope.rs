//! The shape of a trusted list's signature, checked around xmlsec1's cryptographic check so that
//! what is read afterwards is what was signed (no signature wrapping): exactly one ds:Signature in
//! the whole document, a child of the root, whose SignedInfo signs the whole document (a Reference
//! with URI="" and the enveloped-signature transform, only canonicalisation besides it) and
//! otherwise only elements inside the signature itself (the XAdES SignedProperties).
//! Pure functions of the parsed document.

use roxmltree::{Document, Node};

use crate::Error;
use crate::list::{base64_der, text};

pub const DSIG_NS: &str = "http://www.w3.org/2000/09/xmldsig#";
const ENVELOPED: &str = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
/// Transforms that select nothing away: canonicalisation only. An XPath or XSLT transform could
/// leave part of the document unsigned, so it is refused.
const CANONICALISATIONS: &[&str] = &[
    "http://www.w3.org/2001/10/xml-exc-c14n#",
    "http://www.w3.org/2001/10/xml-exc-c14n#WithComments",
    "http://www.w3.org/TR/2001/REC-xml-c14n-20010315",
    "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments",
    "http://www.w3.org/2006/12/xml-c14n11",
    "http://www.w3.org/2006/12/xml-c14n11#WithComments",
];

/// What the signature carries about its key: the certificates in KeyInfo/X509Data (each must be
/// the pinned signer's; the key itself always comes from the pinned certificate).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Envelope {
    pub embedded_certificates: Vec<Vec<u8>>,
}

/// Checks the signature's shape (see the module doc).
pub fn check(doc: &Document<'_>) -> Result<Envelope, Error> {
    let root = doc.root_element();
    let sigs: Vec<Node<'_, '_>> = doc.descendants().filter(|n| is(*n, "Signature")).collect();
    let sig = match sigs.as_slice() {
        [] => return Err(Error::Unsigned),
        [one] => *one,
        _ => return Err(Error::Wrapped(format!("{} signatures in the document", sigs.len()))),
    };
    if sig.parent_element() != Some(root) {
        return Err(Error::Wrapped("the signature is not a child of the list's root".into()));
    }
    let signed_info = child(sig, "SignedInfo").ok_or_else(|| Error::Wrapped("no SignedInfo".into()))?;
    let mut whole_document = 0;
    for r in children(signed_info, "Reference") {
        let uri = r.attribute("URI").ok_or_else(|| Error::Wrapped("a Reference without URI".into()))?;
        let transforms: Vec<&str> = child(r, "Transforms")
            .map(|t| children(t, "Transform").filter_map(|x| x.attribute("Algorithm")).collect())
            .unwrap_or_default();
        if let Some(bad) = transforms.iter().find(|a| **a != ENVELOPED && !CANONICALISATIONS.contains(a)) {
            return Err(Error::Wrapped(format!("a transform that may leave content unsigned: {bad}")));
        }
        if uri.is_empty() {
            if !transforms.contains(&ENVELOPED) {
                return Err(Error::Wrapped("the whole-document Reference is not enveloped".into()));
            }
            whole_document += 1;
        } else if let Some(id) = uri.strip_prefix('#') {
            // Only an element of the signature itself (XAdES SignedProperties), named once.
            let named: Vec<Node<'_, '_>> = doc.descendants().filter(|n| has_id(*n, id)).collect();
            match named.as_slice() {
                [one] if one.ancestors().any(|a| a == sig) => {}
                _ => {
                    return Err(Error::Wrapped(format!(
                        "Reference #{id} does not name one element inside the signature"
                    )));
                }
            }
        } else {
            return Err(Error::Wrapped(format!("a Reference to another document: {uri}")));
        }
    }
    if whole_document != 1 {
        return Err(Error::Wrapped(format!(
            "{whole_document} Reference(s) to the whole document (URI=\"\"), one expected"
        )));
    }
    let mut embedded_certificates = Vec::new();
    if let Some(ki) = child(sig, "KeyInfo") {
        for data in children(ki, "X509Data") {
            for c in children(data, "X509Certificate") {
                embedded_certificates.push(base64_der(&text(c))?);
            }
        }
    }
    Ok(Envelope { embedded_certificates })
}

fn has_id(n: Node<'_, '_>, id: &str) -> bool {
    n.is_element() && n.attributes().any(|a| a.name().eq_ignore_ascii_case("id") && a.value() == id)
}

fn is(n: Node<'_, '_>, name: &str) -> bool {
    n.is_element() && n.tag_name().namespace() == Some(DSIG_NS) && n.tag_name().name() == name
}

fn children<'a, 'i>(n: Node<'a, 'i>, name: &'static str) -> impl Iterator<Item = Node<'a, 'i>> {
    n.children().filter(move |c| is(*c, name))
}

fn child<'a, 'i>(n: Node<'a, 'i>, name: &'static str) -> Option<Node<'a, 'i>> {
    children(n, name).next()
}
