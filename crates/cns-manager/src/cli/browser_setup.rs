//! `cns-manager browser-setup [--check] [--json] [--yes]`: which browser databases will see the
//! card, and registering the PKCS#11 module where it is missing — after asking (a y/N question
//! on a terminal, `--yes` for scripts), never with `--check`, never twice, never under a running
//! Firefox.
//!
//! Exit 0 when every database found sees the card (also when none is found), 1 when one still
//! does not (not asked, declined, Firefox open, modutil failed, or the module is missing).

use std::io::{BufRead as _, IsTerminal as _, Write as _};

use clap::Args;
use serde_json::json;

use super::{Exit, Out};
use crate::browser::system::{Environment, RegisterError, Registered, register};
use crate::browser::{BrowserDb, ModuleLocation, ModuleSource};
use crate::i18n::Lang;

#[derive(Args, Debug, Clone)]
pub struct BrowserSetupArgs {
    /// Only check: never change anything.
    #[arg(long, conflicts_with = "yes")]
    pub check: bool,
    /// Machine-readable output on stdout.
    #[arg(long)]
    pub json: bool,
    /// Register without asking (for scripts).
    #[arg(long)]
    pub yes: bool,
}

/// What happened to one database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    /// It already sees the card, or nothing can be done here.
    None,
    Registered,
    /// --check, or not asked (no terminal and no --yes).
    NotAsked,
    Declined,
    InUse,
    Failed,
}

impl Action {
    fn code(self) -> Option<&'static str> {
        match self {
            Action::None => None,
            Action::Registered => Some("registered"),
            Action::NotAsked => Some("not_asked"),
            Action::Declined => Some("declined"),
            Action::InUse => Some("browser_open"),
            Action::Failed => Some("failed"),
        }
    }
}

pub fn run(args: &BrowserSetupArgs, out: &Out) -> Exit {
    let env = Environment::from_process();
    let interactive = !args.json && std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    let mut ask = |question: &str| -> bool {
        out!("{question} ");
        let _ = std::io::stdout().flush();
        let mut line = String::new();
        if std::io::stdin().lock().read_line(&mut line).is_err() {
            return false;
        }
        matches!(line.trim().to_lowercase().as_str(), "s" | "si" | "sì" | "y" | "yes")
    };
    run_with(&env, args, out, interactive, &mut ask)
}

/// The command against an environment; `ask` puts a yes/no question to the user.
fn run_with(
    env: &Environment,
    args: &BrowserSetupArgs,
    out: &Out,
    interactive: bool,
    ask: &mut dyn FnMut(&str) -> bool,
) -> Exit {
    let lang = out.lang;
    let module = env.module();
    let p11kit = env.p11kit_has_ours();
    let mut dbs = env.scan();
    let mut actions = vec![Action::None; dbs.len()];
    let mut errors: Vec<Option<String>> = vec![None; dbs.len()];
    let usable = module.as_ref().filter(|m| m.exists);
    if !out.json {
        print_module(lang, module.as_ref());
        if dbs.is_empty() {
            outln!(
                "{}",
                lang.t(
                    "Nessun browser trovato: né profili di Firefox né l'archivio di Chromium (~/.pki/nssdb). Apri il \
                     browser una volta, poi ripeti.",
                    "No browser found: no Firefox profile and no Chromium database (~/.pki/nssdb). Open the browser \
                     once, then run this again.",
                )
            );
        }
    }
    for (i, db) in dbs.iter().enumerate() {
        if !out.json {
            outln!("{}: {}", db.title(lang), db.state.words(lang));
            outln!("    {}", db.dir.display());
        }
        if !db.state.needs_setup() {
            continue;
        }
        if args.check {
            actions[i] = Action::NotAsked;
            continue;
        }
        let Some(m) = usable else {
            actions[i] = Action::Failed;
            continue;
        };
        if db.in_use {
            actions[i] = Action::InUse;
            if !out.json {
                outln!("    {}", close_firefox(lang));
            }
            continue;
        }
        let yes = if args.yes {
            true
        } else if interactive {
            ask(&lang.s(
                format!("    Registro il modulo della tessera in {}? [s/N]", db.title(lang)),
                format!("    Register the card's module in {}? [y/N]", db.title(lang)),
            ))
        } else {
            actions[i] = Action::NotAsked;
            continue;
        };
        if !yes {
            actions[i] = Action::Declined;
            continue;
        }
        let (action, error) = match register(db, &m.path, p11kit) {
            Ok(Registered::Done | Registered::Already) => (Action::Registered, None),
            Err(RegisterError::InUse) => (Action::InUse, Some(close_firefox(lang).to_owned())),
            Err(RegisterError::NoModule(p)) => (Action::Failed, Some(format!("{}", p.display()))),
            Err(RegisterError::NotPossible(s)) => (Action::Failed, Some(s.words(lang))),
            Err(RegisterError::Failed(e)) => (Action::Failed, Some(e)),
        };
        actions[i] = action;
        if !out.json {
            match (&action, &error) {
                (Action::Registered, _) => outln!(
                    "    ✔ {}",
                    lang.t(
                        "Fatto: riavvia il browser perché veda la tessera.",
                        "Done: restart the browser so that it sees the card."
                    )
                ),
                (_, Some(e)) => outln!("    ⛔ {}: {e}", lang.t("Non registrato", "Not registered")),
                _ => {}
            }
        }
        errors[i] = error;
    }
    // The states after what was done.
    for (db, a) in dbs.iter_mut().zip(&actions) {
        if *a == Action::Registered {
            db.state = crate::browser::system::read_state(&db.dir, p11kit);
        }
    }
    let all_see = dbs.iter().all(|d| d.state.sees_card());
    let code = if all_see { Exit::Success } else { Exit::Other };
    if out.json {
        let list: Vec<serde_json::Value> = dbs
            .iter()
            .zip(actions.iter().zip(&errors))
            .map(|(db, (a, e))| {
                let mut v = serde_json::to_value(db).unwrap_or_default();
                if let Some(o) = v.as_object_mut() {
                    o.insert("sees_card".into(), json!(db.state.sees_card()));
                    o.insert("action".into(), json!(a.code()));
                    o.insert("error".into(), json!(e));
                    o.insert("message".into(), json!(db.state.words(lang)));
                }
                v
            })
            .collect();
        let value = json!({
            "result": if all_see { "ok" } else { "missing" },
            "module": module,
            "p11_kit_registered": p11kit,
            "databases": list,
            "exit_code": code as u8,
        });
        outln!("{}", serde_json::to_string_pretty(&value).unwrap_or_default());
        return code;
    }
    summary(lang, &dbs, &actions, args, usable.is_some(), interactive);
    code
}

fn close_firefox(lang: Lang) -> &'static str {
    lang.t(
        "Firefox è aperto con questo profilo: chiudilo del tutto, poi ripeti (l'archivio non va cambiato mentre è \
         in uso).",
        "Firefox is open with this profile: close it completely, then run this again (the database must not be \
         changed while in use).",
    )
}

fn print_module(lang: Lang, module: Option<&ModuleLocation>) {
    match module {
        Some(m) => {
            let from = match m.source {
                ModuleSource::Env => lang.t("da CNS_PKCS11_MODULE", "from CNS_PKCS11_MODULE"),
                ModuleSource::Settings => {
                    lang.t("dalle impostazioni (pkcs11_module)", "from the settings (pkcs11_module)")
                }
                ModuleSource::Installed => lang.t("installato", "installed"),
                ModuleSource::BesideProgram => lang.t("accanto al programma", "beside the program"),
            };
            let missing = if m.exists { "" } else { lang.t(" – NON TROVATO", " – NOT FOUND") };
            outln!("{}: {} ({from}){missing}", lang.t("Modulo PKCS#11", "PKCS#11 module"), m.path.display());
        }
        None => outln!(
            "{}",
            lang.t(
                "Modulo PKCS#11: non trovato. Installa il pacchetto cns-manager, o indica il file con \
                 CNS_PKCS11_MODULE o pkcs11_module nelle impostazioni.",
                "PKCS#11 module: not found. Install the cns-manager package, or name the file with \
                 CNS_PKCS11_MODULE or pkcs11_module in the settings.",
            )
        ),
    }
}

fn summary(
    lang: Lang,
    dbs: &[BrowserDb],
    actions: &[Action],
    args: &BrowserSetupArgs,
    module: bool,
    interactive: bool,
) {
    let missing = dbs.iter().filter(|d| !d.state.sees_card()).count();
    if missing == 0 {
        if !dbs.is_empty() {
            outln!(
                "{}",
                lang.t(
                    "Esito: tutti i browser trovati vedono la tessera.",
                    "Result: every browser found sees the card."
                )
            );
        }
        return;
    }
    outln!(
        "{}",
        match missing {
            1 => lang
                .t(
                    "Esito: un browser non vede ancora la tessera.",
                    "Result: one browser does not see the card yet."
                )
                .to_owned(),
            n => lang.s(
                format!("Esito: {n} browser non vedono ancora la tessera."),
                format!("Result: {n} browsers do not see the card yet."),
            ),
        }
    );
    if args.check {
        outln!(
            "{}",
            lang.t(
                "Per registrare il modulo: cns-manager browser-setup",
                "To register the module: cns-manager browser-setup"
            )
        );
    } else if !module {
        outln!(
            "{}",
            lang.t(
                "Nulla è stato registrato: manca il modulo PKCS#11.",
                "Nothing was registered: the PKCS#11 module is missing."
            )
        );
    } else if !interactive && actions.contains(&Action::NotAsked) {
        outln!(
            "{}",
            lang.t(
                "Nulla è stato registrato senza chiedere: esegui il comando in un terminale, o aggiungi --yes.",
                "Nothing was registered without asking: run the command in a terminal, or add --yes.",
            )
        );
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;
    use crate::browser::DbState;

    fn fake_home() -> (tempfile::TempDir, Environment) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join(".mozilla/firefox");
        std::fs::create_dir_all(root.join("p.default")).unwrap();
        std::fs::write(root.join("profiles.ini"), "[Profile0]\nName=default\nIsRelative=1\nPath=p.default\n")
            .unwrap();
        let env = Environment {
            home: Some(dir.path().to_path_buf()),
            env_module: Some(dir.path().join("absent.so")),
            settings_module: None,
            installed: vec![],
            program_dir: None,
            p11kit_dirs: vec![],
        };
        (dir, env)
    }

    fn args(check: bool, yes: bool) -> BrowserSetupArgs {
        BrowserSetupArgs { check, json: true, yes }
    }

    #[test]
    fn check_never_asks_and_says_what_is_missing() {
        let (dir, env) = fake_home();
        let out = Out { lang: Lang::It, json: true };
        let mut asked = 0;
        let code = run_with(&env, &args(true, false), &out, true, &mut |_| {
            asked += 1;
            true
        });
        assert_eq!(code, Exit::Other);
        assert_eq!(asked, 0);
        assert!(!dir.path().join(".mozilla/firefox/p.default/pkcs11.txt").exists());
    }

    #[test]
    fn a_missing_module_registers_nothing() {
        let (dir, env) = fake_home();
        let out = Out { lang: Lang::En, json: true };
        let code = run_with(&env, &args(false, true), &out, false, &mut |_| true);
        assert_eq!(code, Exit::Other);
        assert!(!dir.path().join(".mozilla/firefox/p.default/pkcs11.txt").exists());
    }

    #[test]
    fn a_no_at_the_question_registers_nothing() {
        let (dir, mut env) = fake_home();
        let lib = dir.path().join("libcns_pkcs11.so");
        std::fs::write(&lib, b"x").unwrap();
        env.env_module = Some(lib);
        let out = Out { lang: Lang::It, json: false };
        let mut questions = Vec::new();
        let code = run_with(&env, &args(false, false), &out, true, &mut |q| {
            questions.push(q.to_owned());
            false
        });
        assert_eq!(code, Exit::Other);
        assert_eq!(questions.len(), 1, "{questions:?}");
        assert!(
            questions[0].contains("Firefox – profilo «default»") && questions[0].contains("[s/N]"),
            "{questions:?}"
        );
        assert!(!dir.path().join(".mozilla/firefox/p.default/pkcs11.txt").exists());
        // Not on a terminal and no --yes: not even asked.
        let mut asked = false;
        let code = run_with(&env, &args(false, false), &out, false, &mut |_| {
            asked = true;
            true
        });
        assert_eq!((code, asked), (Exit::Other, false));
    }

    #[test]
    fn nothing_to_do_when_every_database_sees_the_card() {
        let (dir, mut env) = fake_home();
        let lib = dir.path().join("libcns_pkcs11.so");
        std::fs::write(&lib, b"x").unwrap();
        env.env_module = Some(lib.clone());
        std::fs::write(
            dir.path().join(".mozilla/firefox/p.default/pkcs11.txt"),
            format!("library={}\nname=CNS\n", lib.display()),
        )
        .unwrap();
        assert!(matches!(env.scan()[0].state, DbState::Registered { .. }));
        let out = Out { lang: Lang::It, json: true };
        let mut asked = false;
        assert_eq!(
            run_with(&env, &args(false, false), &out, true, &mut |_| {
                asked = true;
                false
            }),
            Exit::Success
        );
        assert!(!asked, "asked although nothing was missing");
    }
}
