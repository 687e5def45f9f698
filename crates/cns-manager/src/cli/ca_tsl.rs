//! `ca import-tsl` and `ca tsl-signer`: trust from an EU trusted list (see
//! [`crate::trusted_list`]).

use std::io::Read;
use std::path::Path;

use serde_json::{Value, json};

use super::{Exit, Out};
use crate::i18n::{Lang, msg};
use crate::trusted_ca::{self, TrustedCa};
use crate::trusted_list::{self, ImportError};

pub fn import(file: &Path, signer: Option<&Path>, out: &Out) -> Exit {
    let lang = out.lang;
    let xml = match read_capped(file) {
        Ok(x) => x,
        Err(e) => return out.fail(Exit::InvalidInput, "no_file", &format!("{}: {e}", file.display())),
    };
    let pinned = match signer {
        None => None,
        Some(p) => match trusted_ca::read_cert_file(p)
            .map_err(|e| e.to_string())
            .and_then(|b| trusted_ca::certificates_in(&b))
        {
            Ok(c) => Some(c),
            Err(e) => {
                return out.fail(
                    Exit::InvalidInput,
                    "not_a_certificate",
                    &lang.tr(msg::CaFileNotACertificate {
                        error: e.into(),
                        path: p.display().to_string().into(),
                    }),
                );
            }
        },
    };
    match trusted_list::import(&xml, pinned) {
        Ok(index) => {
            let stale = trusted_list::stale_words(lang, &index);
            if out.json {
                outln!(
                    "{}",
                    json!({
                        "operation": "ca-import-tsl", "result": "ok",
                        "territory": index.territory, "sequence_number": index.sequence_number,
                        "issue_date": index.issue_date, "next_update": index.next_update,
                        "stale": index.is_stale(), "warning": stale,
                        "signer_sha256": index.signer_sha256,
                        "qualified_cas": index.qualified_cas(), "timestamp_services": index.timestamp_services(),
                        "trusted": index.entries, "exit_code": 0
                    })
                );
            } else {
                outln!("{}", trusted_list::import_words(lang, &index));
                if let Some(w) = stale {
                    eprintln!("{w}");
                }
            }
            Exit::Success
        }
        Err(e) => {
            let (code, kind) = match &e {
                ImportError::Tsl(cns_tsl::Error::TooLarge { .. }) => (Exit::InvalidInput, "too_large"),
                ImportError::Tsl(cns_tsl::Error::Malformed(_)) => (Exit::InvalidInput, "not_a_tsl"),
                ImportError::Tsl(
                    cns_tsl::Error::Unsigned
                    | cns_tsl::Error::Wrapped(_)
                    | cns_tsl::Error::BadSignature
                    | cns_tsl::Error::OtherSigner,
                ) => (Exit::SignatureInvalid, "bad_signature"),
                ImportError::Tsl(cns_tsl::Error::NoSigner) => (Exit::InvalidInput, "no_signer"),
                ImportError::Tsl(cns_tsl::Error::XmlsecMissing) => (Exit::Other, "xmlsec1_missing"),
                ImportError::Older { .. } => (Exit::InvalidInput, "older_list"),
                ImportError::NoConfigDir | ImportError::Io(_) | ImportError::Tsl(cns_tsl::Error::Io(_)) => {
                    (Exit::Other, "io")
                }
            };
            out.fail(code, kind, &trusted_list::import_error_words(lang, &e))
        }
    }
}

/// Reads at most [`cns_tsl::MAX_TSL_BYTES`] + 1 bytes: a larger file is refused by the check
/// without being read whole.
fn read_capped(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut v = Vec::new();
    std::fs::File::open(path)?.take(cns_tsl::MAX_TSL_BYTES as u64 + 1).read_to_end(&mut v)?;
    Ok(v)
}

pub fn signer(file: Option<&Path>, out: &Out) -> Exit {
    let lang = out.lang;
    if let Some(p) = file {
        let set = trusted_ca::read_cert_file(p)
            .map_err(|e| e.to_string())
            .and_then(|b| trusted_list::set_user_signer(&b));
        if let Err(e) = set {
            return out.fail(
                Exit::InvalidInput,
                "not_a_certificate",
                &lang
                    .tr(msg::CaFileNotACertificate { error: e.into(), path: p.display().to_string().into() }),
            );
        }
    }
    let (certs, source) = trusted_list::signers();
    let described: Vec<Value> = certs
        .iter()
        .map(|c| {
            let (subject, not_after) = trusted_ca::describe(c).map(|(s, n, _)| (s, n)).unwrap_or_default();
            json!({ "subject": subject, "not_after": not_after, "sha256": trusted_ca::sha256_hex(c) })
        })
        .collect();
    if out.json {
        outln!(
            "{}",
            json!({ "operation": "ca-tsl-signer", "source": source, "signers": described, "exit_code": 0 })
        );
    } else {
        let from = lang.tr(match source {
            trusted_list::SignerSource::User => msg::tsl_signers_user(),
            trusted_list::SignerSource::System => msg::tsl_signers_system(),
            trusted_list::SignerSource::BuiltIn => msg::tsl_signers_built_in(),
        });
        outln!("{} ({from}):", lang.tr(msg::tsl_signers_heading()));
        for d in &described {
            outln!(
                "{}\t{} {}\t{}",
                d["sha256"].as_str().unwrap_or(""),
                lang.tr(msg::ca_expires()),
                d["not_after"].as_str().unwrap_or(""),
                d["subject"].as_str().unwrap_or("")
            );
        }
    }
    Exit::Success
}

/// A `ca list --json` entry: the CA, and for one from a trusted list what the list says of it.
pub fn list_json(c: &TrustedCa) -> Value {
    let mut v = serde_json::to_value(c).unwrap_or(Value::Null);
    if c.scope == "tsl"
        && let (Some((territory, e)), Some(o)) = (trusted_list::lookup(&c.sha256), v.as_object_mut())
    {
        o.insert(
            "tsl".into(),
            json!({ "territory": territory, "tsp": e.tsp, "service": e.service, "service_type": e.service_type, "status": e.status }),
        );
    }
    v
}

/// The scope column of `ca list` for a CA from a trusted list: "elenco di fiducia IT: InfoCert S.p.A.".
pub fn list_scope_words(lang: Lang, sha256: &str) -> String {
    let what = lang.tr(msg::ca_scope_tsl());
    match trusted_list::lookup(sha256) {
        Some((territory, e)) => format!("{what} {territory}: {}", e.tsp),
        None => what,
    }
}
