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
use crate::browser::words::{self as browser_words, Surface};
use crate::browser::{BrowserDb, ModuleLocation, ModuleSource};
use crate::i18n::{Lang, msg};

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
        // Yes in any of the program's languages, whichever it speaks now.
        matches!(line.trim().to_lowercase().as_str(), "s" | "si" | "sì" | "y" | "yes" | "j" | "ja")
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
            outln!("{}", browser_words::none_found(lang, Surface::Cli));
        }
        if let Some(note) = browser_words::chromium_note(lang, env.os) {
            outln!("{note}");
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
            ask(&format!(
                "    {} {}",
                lang.tr(msg::browser_register_question(db.title(lang))),
                lang.tr(msg::cli_yes_no())
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
            Err(e) => {
                let action = if matches!(e, RegisterError::InUse) { Action::InUse } else { Action::Failed };
                (action, Some(browser_words::register_failure(lang, &e, Surface::Cli)))
            }
        };
        actions[i] = action;
        if !out.json {
            match (&action, &error) {
                (Action::Registered, _) => outln!("    ✔ {}", lang.tr(msg::browser_registered_restart())),
                (_, Some(e)) => outln!("    ⛔ {}", browser_words::not_registered(lang, e)),
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

fn close_firefox(lang: Lang) -> String {
    browser_words::firefox_open(lang, Surface::Cli)
}

fn print_module(lang: Lang, module: Option<&ModuleLocation>) {
    let Some(m) = module else {
        outln!("{}", lang.tr(msg::browser_module_not_installed()));
        return;
    };
    let from = lang.tr(match m.source {
        ModuleSource::Env => msg::browser_module_from_env(),
        ModuleSource::Settings => msg::browser_module_from_settings(),
        ModuleSource::Installed => msg::browser_module_from_installed(),
        ModuleSource::BesideProgram => msg::browser_module_from_beside_program(),
    });
    let path = m.path.display().to_string();
    let line = if m.exists { msg::browser_module_at(path) } else { msg::browser_module_not_at(path) };
    outln!("{} ({from})", lang.tr(line));
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
            outln!("{}", lang.tr(msg::browser_summary_all_see()));
        }
        return;
    }
    outln!("{}", lang.tr(msg::browser_summary_missing(missing)));
    let advice = if args.check {
        msg::browser_summary_how_to_register()
    } else if !module {
        msg::browser_summary_no_module()
    } else if !interactive && actions.contains(&Action::NotAsked) {
        msg::browser_summary_not_asked()
    } else {
        return;
    };
    outln!("{}", lang.tr(advice));
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
            os: crate::doctor::fixes::Os::Linux,
            appdata: None,
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
