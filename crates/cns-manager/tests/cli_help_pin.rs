//! `cns-manager help-pin` through the built binary: the region from the demo card or from
//! `--region`, the same data and words as the window's page, an installer's file in effect or,
//! broken, refused with the built-in data kept (and the doctor saying so), and the command in
//! the help, the man page and the completions.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// Runs the program with a home of its own and the installer's guidance folder `guidance`.
fn run(home: &Path, guidance: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cns-manager"))
        .args(args)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("CNS_SYSTEM_GUIDANCE_DIR", guidance)
        // No smart card service: only the demo has a card.
        .env("PCSCLITE_CSOCK_NAME", home.join("no-pcscd.comm"))
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn json(out: &Output) -> Value {
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn ids(v: &Value) -> Vec<String> {
    v["sections"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap().to_owned()).collect()
}

fn phones(v: &Value) -> Vec<String> {
    v["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["contacts"].as_array().unwrap().iter())
        .filter_map(|c| c["phone"].as_str().map(str::to_owned))
        .collect()
}

const LOMBARDY: &str = include_str!("../../../assets/guidance/lombardia.toml");

#[test]
fn the_region_comes_from_the_demo_card_or_from_the_argument() {
    let home = tempfile::tempdir().unwrap();
    let none = home.path().join("no-guidance");
    // The demo card is Tuscan: no file yet, the national part and "ask your region".
    let v = json(&run(home.path(), &none, &["--demo", "help-pin", "--json"]));
    assert_eq!((v["region"]["code"].as_str(), v["region_from"].as_str()), (Some("090"), Some("card")));
    assert_eq!(v["region_has_guidance"], false);
    assert_eq!(ids(&v), ["ask-region", "new-card", "help"]);
    // Lombardy by name, in English.
    let v = json(&run(home.path(), &none, &["--lang", "en", "help-pin", "--region", "Lombardia", "--json"]));
    assert_eq!(
        (v["region"]["code"].as_str(), v["region"]["name"].as_str()),
        (Some("030"), Some("Lombardy Region"))
    );
    assert_eq!(v["title"], "No PIN or PUK?");
    assert_eq!(phones(&v), ["800 030 606", "800 030 070"]);
    let services: Vec<&str> =
        v["services"].as_array().unwrap().iter().map(|s| s["url"].as_str().unwrap()).collect();
    assert_eq!(
        services[..3],
        [
            "https://www.fascicolosanitario.regione.lombardia.it/",
            "https://www.prenotasalute.regione.lombardia.it/",
            "https://www.bandi.regione.lombardia.it/"
        ]
    );
    // No card, no argument: the national part, and how to ask for a region.
    let out = run(home.path(), &none, &["help-pin"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(text.starts_with("Non hai il PIN o il PUK?\n"), "{text}");
    assert!(
        text.contains("Nessuna tessera letta.") && text.contains("cns-manager help-pin --region"),
        "{text}"
    );
    // Not a region: exit 2, said on stderr (or as JSON).
    let out = run(home.path(), &none, &["help-pin", "--region", "Atlantide"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("«Atlantide» non è una Regione"));
    let out = run(home.path(), &none, &["help-pin", "--region", "Atlantide", "--json"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((v["error"]["kind"].as_str(), out.status.code()), (Some("unknown_region"), Some(2)));
}

#[test]
fn an_installers_file_is_used_and_a_broken_one_is_refused_and_reported() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("guidance");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("lombardia.toml"), LOMBARDY.replace("800 030 606", "800 123 456")).unwrap();
    let v = json(&run(home.path(), &dir, &["help-pin", "--region", "030", "--json"]));
    assert_eq!(phones(&v), ["800 123 456", "800 030 070"]);
    assert_eq!(v["invalid_installed_files"], serde_json::json!([]));
    // Broken: the English of the first title missing. The built-in Lombardy guidance shows.
    std::fs::write(
        dir.join("lombardia.toml"),
        LOMBARDY.replacen("en = \"Getting the PIN and PUK in person\"\n", "", 1),
    )
    .unwrap();
    let out = run(home.path(), &dir, &["help-pin", "--region", "lombardia"]);
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("Alcune indicazioni installate su questo computer non sono valide"), "{stderr}");
    assert!(stderr.contains("lombardia.toml: line ") && stderr.contains("missing field `en`"), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("    800 030 606\n"));
    // The doctor names it too (a warning: the app works on).
    let out = run(home.path(), &dir, &["--demo", "doctor", "--json"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let checks = v["checks"].as_array().unwrap();
    let refused: Vec<&Value> =
        checks.iter().filter(|c| c["id"].as_str().is_some_and(|id| id.starts_with("guidance:"))).collect();
    assert_eq!(refused.len(), 1, "{checks:?}");
    assert_eq!(refused[0]["level"], "warning");
    assert!(refused[0]["detail"].as_str().unwrap().contains("missing field `en`"));
}

#[test]
fn the_command_is_in_the_help_the_man_page_and_the_completions() {
    let home = tempfile::tempdir().unwrap();
    let none = home.path().join("no-guidance");
    let help = String::from_utf8(run(home.path(), &none, &["--help"]).stdout).unwrap();
    assert!(help.contains("help-pin") && help.contains("Dove e come avere il PIN e il PUK"), "{help}");
    let man = String::from_utf8(run(home.path(), &none, &["--lang", "en", "man"]).stdout).unwrap();
    assert!(man.contains("cns\\-manager help\\-pin") && man.contains("CNS_SYSTEM_GUIDANCE_DIR"), "{man}");
    assert!(man.contains("/etc/cns\\-manager/guidance/*.toml"));
    let bash = String::from_utf8(run(home.path(), &none, &["completions", "bash"]).stdout).unwrap();
    assert!(bash.contains("help-pin") && bash.contains("--region"));
}
