//! `ca import|list|remove|import-tsl|tsl-signer`: the CA certificates trusted for checking
//! signatures, by hand or from an EU trusted list.

use std::path::PathBuf;

use clap::Subcommand;
use serde_json::json;

use super::{Exit, Out};
use crate::i18n::msg;
use crate::trusted_ca;

#[derive(Subcommand, Debug, Clone)]
pub enum CaAction {
    /// Trust a CA certificate (DER or PEM; a PEM may hold several) for checking signatures.
    Import {
        #[arg(value_name = "CERT")]
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// List the trusted CA certificates (system-wide and yours).
    List {
        #[arg(long)]
        json: bool,
    },
    /// Stop trusting a CA you imported, named by its SHA-256 fingerprint (at least 8 hex digits).
    Remove {
        #[arg(value_name = "SHA256")]
        fingerprint: String,
        #[arg(long)]
        json: bool,
    },
    /// Trust the qualified CAs and timestamp services of an EU trusted list (TSL), after checking
    /// its signature against the list's pinned signer (needs the xmlsec1 program). This program
    /// does not download it: save the Italian list from https://eidas.agid.gov.it/TL/TSL-IT.xml
    /// with a browser or `curl -o TSL-IT.xml https://eidas.agid.gov.it/TL/TSL-IT.xml`. A newer
    /// list replaces the previous one of its country; CAs imported by hand stay.
    ImportTsl {
        #[arg(value_name = "TSL.xml")]
        file: PathBuf,
        /// Check the signature with this certificate (DER or PEM) instead of the pinned signer.
        #[arg(long, value_name = "CERT")]
        signer: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Show the trusted list's pinned signer, or replace it (for you) with the certificate(s) in
    /// FILE (DER or PEM), e.g. AgID's new one from the EU list of trusted lists.
    TslSigner {
        #[arg(value_name = "CERT")]
        file: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
}

impl CaAction {
    pub fn json(&self) -> bool {
        match self {
            CaAction::Import { json, .. }
            | CaAction::List { json }
            | CaAction::Remove { json, .. }
            | CaAction::ImportTsl { json, .. }
            | CaAction::TslSigner { json, .. } => *json,
        }
    }
}

pub fn run(action: &CaAction, out: &Out) -> Exit {
    let lang = out.lang;
    match action {
        CaAction::ImportTsl { file, signer, .. } => super::ca_tsl::import(file, signer.as_deref(), out),
        CaAction::TslSigner { file, .. } => super::ca_tsl::signer(file.as_deref(), out),
        CaAction::Import { file, .. } => {
            let bytes = match trusted_ca::read_cert_file(file) {
                Ok(b) => b,
                Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
                    let (p, max) = (file.display(), trusted_ca::MAX_CERT_FILE / 1024);
                    return out.fail(
                        Exit::InvalidInput,
                        "too_large",
                        &lang.tr(msg::CaTooLarge { max: max.to_string().into(), path: p.to_string().into() }),
                    );
                }
                Err(e) => {
                    return out.fail(Exit::InvalidInput, "no_file", &format!("{}: {e}", file.display()));
                }
            };
            let certs = match trusted_ca::certificates_in(&bytes) {
                Ok(c) => c,
                Err(e) => {
                    return out.fail(
                        Exit::InvalidInput,
                        "not_a_certificate",
                        &lang.tr(msg::ca_not_a_certificate(e)),
                    );
                }
            };
            for der in &certs {
                if !matches!(trusted_ca::describe(der), Ok((_, _, true))) {
                    return out.fail(Exit::InvalidInput, "not_a_ca", &lang.tr(msg::ca_not_a_ca()));
                }
            }
            match trusted_ca::import(&bytes) {
                Ok(added) => {
                    if out.json {
                        outln!(
                            "{}",
                            json!({ "operation": "ca-import", "result": "ok", "imported": added, "exit_code": 0 })
                        );
                    } else {
                        for c in added {
                            outln!("{} {} (SHA-256 {})", lang.tr(msg::ca_trusted()), c.subject, c.sha256);
                        }
                    }
                    Exit::Success
                }
                Err(e) => out.fail(Exit::Other, "io", &e),
            }
        }
        CaAction::List { .. } => {
            let all: Vec<_> = trusted_ca::list().into_iter().map(|(c, _)| c).collect();
            if out.json {
                let listed: Vec<_> = all.iter().map(super::ca_tsl::list_json).collect();
                outln!("{}", json!({ "operation": "ca-list", "authorities": listed, "exit_code": 0 }));
            } else if all.is_empty() {
                outln!("{}", lang.tr(msg::ca_none()));
            } else {
                for c in all {
                    let scope = match c.scope {
                        "system" => lang.tr(msg::doctor_origin_system()),
                        "tsl" => super::ca_tsl::list_scope_words(lang, &c.sha256),
                        _ => lang.tr(msg::doctor_origin_user()),
                    };
                    outln!(
                        "{}\t{} {}\t{scope}\t{}",
                        c.sha256,
                        lang.tr(msg::ca_expires()),
                        c.not_after,
                        c.subject
                    );
                }
            }
            Exit::Success
        }
        CaAction::Remove { fingerprint, .. } => match trusted_ca::remove(fingerprint) {
            Ok(removed) if removed.is_empty() => {
                out.fail(Exit::InvalidInput, "not_found", &lang.tr(msg::ca_no_such_fingerprint()))
            }
            Ok(removed) => {
                if out.json {
                    outln!(
                        "{}",
                        json!({ "operation": "ca-remove", "result": "ok", "removed": removed, "exit_code": 0 })
                    );
                } else {
                    for c in removed {
                        outln!("{} {}", lang.tr(msg::ca_no_longer_trusted()), c.subject);
                    }
                }
                Exit::Success
            }
            Err(e) => out.fail(Exit::InvalidInput, "cannot_remove", &e),
        },
    }
}
