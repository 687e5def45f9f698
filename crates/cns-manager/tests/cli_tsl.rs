//! `ca import-tsl`, `ca tsl-signer` and the "qualified" words of `verify`, through the built
//! binary: a trusted list made and signed here (openssl certificates, `xmlsec1 --sign`), a signer
//! certificate with qcStatements issued by the list's CA, and a file OpenSSL signed with it.
//! Needs `openssl` and `xmlsec1` on PATH.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../../cns-cades/tests/support/openssl_pki.rs"]
mod openssl_pki;
#[path = "../../cns-tsl/tests/support/test_tsl.rs"]
mod test_tsl;

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;
use test_tsl::*;

#[path = "support/cli_out.rs"]
mod cli_out;
use cli_out::Out;

struct Env {
    dir: tempfile::TempDir,
}

/// qcStatements: QcCompliance and QcSSCD (ETSI EN 319 412-5), DER.
const QC_STATEMENTS: &str = "DER:30:14:30:08:06:06:04:00:8E:46:01:01:30:08:06:06:04:00:8E:46:01:04";

impl Env {
    /// The list's certificates, the signer's pinned certificate for this user, a holder of the
    /// granted CA with `holder_ext` and `doc.txt.p7m` signed by OpenSSL with its key.
    fn new(holder_ext: &str) -> Env {
        let e = Env { dir: tempfile::tempdir().unwrap() };
        for d in ["cfg", "sys-ca", "sys-signer"] {
            std::fs::create_dir(e.p(d)).unwrap();
        }
        let d = e.dir.path();
        make_certs(d);
        std::fs::write(
            e.p("holder.ext"),
            format!("keyUsage=critical,digitalSignature,nonRepudiation\n{holder_ext}\n"),
        )
        .unwrap();
        ok(
            d,
            "openssl",
            &[
                "req",
                "-new",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                "holder.key",
                "-out",
                "holder.csr",
                "-subj",
                "/C=IT/serialNumber=TINIT-RSSMRA80A01F205X/CN=ROSSI MARIO",
            ],
        );
        ok(
            d,
            "openssl",
            &[
                "x509",
                "-req",
                "-in",
                "holder.csr",
                "-CA",
                "qca.pem",
                "-CAkey",
                "qca.key",
                "-CAcreateserial",
                "-days",
                "365",
                "-sha256",
                "-extfile",
                "holder.ext",
                "-out",
                "holder.pem",
            ],
        );
        std::fs::write(e.p("doc.txt"), "delibera n. 12\n".repeat(50)).unwrap();
        openssl_pki::cms_sign(d, "doc.txt", "holder", "DER", "doc.txt.p7m");
        let r = e.cli(&["ca", "tsl-signer", "signer.pem"]);
        assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
        e
    }

    fn p(&self, f: &str) -> PathBuf {
        self.dir.path().join(f)
    }

    /// The program's user folder under `cfg` (XDG_CONFIG_HOME, and APPDATA on Windows).
    fn user_dir(&self) -> PathBuf {
        if cfg!(windows) { self.p("cfg/cns-manager/cns-manager/config") } else { self.p("cfg/cns-manager") }
    }

    fn cli(&self, args: &[&str]) -> Out {
        self.cli_with(args, &[])
    }

    fn cli_with(&self, args: &[&str], env: &[(&str, &str)]) -> Out {
        let mut c = Command::new(env!("CARGO_BIN_EXE_cns-manager"));
        c.args(args)
            .current_dir(self.dir.path())
            .env("XDG_CONFIG_HOME", self.p("cfg"))
            // The same folder for Windows, where the user's settings live under %APPDATA%.
            .env("APPDATA", self.p("cfg"))
            .env("HOME", self.dir.path())
            .env("CNS_SYSTEM_TRUSTED_CA_DIR", self.p("sys-ca"))
            .env("CNS_SYSTEM_TSL_SIGNER_DIR", self.p("sys-signer"))
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANG");
        for (k, v) in env {
            c.env(k, v);
        }
        let out = c.output().unwrap();
        Out::from(out)
    }

    fn list(&self, seq: u64, next: &str, file: &str) {
        sign(self.dir.path(), &template(self.dir.path(), seq, next, ""), "signer", file);
    }

    /// The CAs `ca list --json` says come from a trusted list: (sha256, tsp).
    fn trusted_from_lists(&self) -> Vec<(String, String)> {
        let j = self.cli(&["ca", "list", "--json"]).json();
        j["authorities"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| a["scope"] == "tsl")
            .map(|a| (a["sha256"].as_str().unwrap().to_owned(), a["tsl"]["tsp"].as_str().unwrap().to_owned()))
            .collect()
    }

    fn sha(&self, name: &str) -> String {
        cns_manager::trusted_ca::sha256_hex(&std::fs::read(self.p(&format!("{name}.der"))).unwrap())
    }
}

#[test]
#[cfg_attr(windows, ignore = "needs openssl and xmlsec1 (absent under Wine)")]
fn an_imported_list_makes_its_qualified_ca_trusted_and_the_report_says_qualified() {
    let e = Env::new(&format!("1.3.6.1.5.5.7.1.3={QC_STATEMENTS}"));
    // Not trusted before.
    assert_eq!(e.cli(&["verify", "doc.txt.p7m"]).code, 9);

    e.list(7, "2099-01-01T00:00:00Z", "tsl.xml");
    let r = e.cli(&["ca", "import-tsl", "tsl.xml"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout.contains("Elenco di fiducia IT n. 7 del 2026-01-01 (prossimo aggiornamento 2099-01-01)"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("1 autorità di certificazione qualificate e 1 servizi di marca temporale"),
        "{}",
        r.stdout
    );
    assert!(r.stderr.is_empty(), "no warning for a current list: {}", r.stderr);
    // Exactly the granted CA and the qualified TSA, not the withdrawn CA.
    let mut got = e.trusted_from_lists();
    got.sort();
    let mut want = vec![(e.sha("qca"), GRANTED_TSP.to_owned()), (e.sha("qtsa"), GRANTED_TSP.to_owned())];
    want.sort();
    assert_eq!(got, want);
    let text = e.cli(&["ca", "list"]).stdout;
    assert!(text.contains(&format!("elenco di fiducia IT: {GRANTED_TSP}")), "{text}");
    assert!(!text.contains("Cessato"), "{text}");

    let v = e.cli(&["verify", "doc.txt.p7m"]);
    assert_eq!(v.code, 0, "{}{}", v.stdout, v.stderr);
    assert!(
        v.stdout.contains(&format!(
            "Qualifica: certificato qualificato, certificatore accreditato: {GRANTED_TSP} (dispositivo sicuro di firma)"
        )),
        "{}",
        v.stdout
    );
    let en = e.cli(&["--lang", "en", "verify", "doc.txt.p7m"]);
    assert!(
        en.stdout.contains(&format!(
            "Qualification: qualified certificate, accredited certification authority: {GRANTED_TSP} (secure \
             signature creation device)"
        )),
        "{}",
        en.stdout
    );
    let j = e.cli(&["verify", "--json", "doc.txt.p7m"]);
    assert_eq!(j.code, 0);
    let q = &j.json()["layers"][0]["signers"][0]["qualified"];
    assert_eq!(q["tsp"], GRANTED_TSP);
    assert_eq!(q["territory"], "IT");
    assert_eq!(q["qc_compliance"], true);
    assert_eq!(q["qscd"], true);
}

/// A CA in the list but a certificate without qcStatements: only the accredited-CA part.
#[test]
#[cfg_attr(windows, ignore = "needs openssl and xmlsec1 (absent under Wine)")]
fn without_qc_statements_only_the_accredited_authority_is_said() {
    let e = Env::new("");
    e.list(7, "2099-01-01T00:00:00Z", "tsl.xml");
    assert_eq!(e.cli(&["ca", "import-tsl", "tsl.xml"]).code, 0);
    let v = e.cli(&["verify", "doc.txt.p7m"]);
    assert_eq!(v.code, 0, "{}", v.stdout);
    assert!(
        v.stdout.contains(&format!("Qualifica: certificatore accreditato: {GRANTED_TSP}\n")),
        "{}",
        v.stdout
    );
    assert!(!v.stdout.contains("certificato qualificato"));
    let q = &e.cli(&["verify", "--json", "doc.txt.p7m"]).json()["layers"][0]["signers"][0]["qualified"];
    assert_eq!((q["qc_compliance"].as_bool(), q["qscd"].as_bool()), (Some(false), Some(false)));
}

#[test]
#[cfg_attr(windows, ignore = "needs openssl and xmlsec1 (absent under Wine)")]
fn tampered_older_and_foreign_lists_are_refused_and_trust_nothing() {
    let e = Env::new("");
    e.list(7, "2099-01-01T00:00:00Z", "tsl.xml");
    let xml = std::fs::read_to_string(e.p("tsl.xml")).unwrap();
    std::fs::write(e.p("tampered.xml"), xml.replacen("Prova S.p.A.", "Prova S.p.B.", 1)).unwrap();
    let r = e.cli(&["ca", "import-tsl", "tampered.xml"]);
    assert_eq!(r.code, 8, "{}{}", r.stdout, r.stderr);
    assert!(r.stderr.contains("La firma dell'elenco di fiducia non è valida"), "{}", r.stderr);
    assert!(r.stderr.contains("Nessuna autorità aggiunta"));
    assert!(e.trusted_from_lists().is_empty());
    assert_eq!(e.cli(&["verify", "doc.txt.p7m"]).code, 9);

    // Signed by a key other than the pinned signer's (its own certificate inside).
    self_signed(e.dir.path(), "other", "/C=IT/O=Agenzia di Prova/CN=Test TSL signer", false);
    sign(e.dir.path(), &template(e.dir.path(), 8, "2099-01-01T00:00:00Z", ""), "other", "other.xml");
    let r = e.cli(&["ca", "import-tsl", "--json", "other.xml"]);
    assert_eq!(r.code, 8);
    assert_eq!(r.json()["error"]["kind"], "bad_signature");
    assert!(e.trusted_from_lists().is_empty());
    // ...unless the user says that certificate is the signer, for this import only.
    assert_eq!(e.cli(&["ca", "import-tsl", "--signer", "other.pem", "other.xml"]).code, 0);
    assert_eq!(e.trusted_from_lists().len(), 2);

    // Sequence 7 after 8: refused, the imported list stays.
    let r = e.cli(&["ca", "import-tsl", "tsl.xml"]);
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
    assert!(r.stderr.contains("(n. 7) è più vecchio di quello già importato (n. 8)"), "{}", r.stderr);
    assert_eq!(e.trusted_from_lists().len(), 2);
}

#[test]
#[cfg_attr(windows, ignore = "needs openssl and xmlsec1 (absent under Wine)")]
fn a_newer_list_replaces_only_the_previous_lists_entries_and_a_stale_one_warns() {
    let e = Env::new("");
    e.list(7, "2099-01-01T00:00:00Z", "tsl.xml");
    assert_eq!(e.cli(&["ca", "import-tsl", "tsl.xml"]).code, 0);
    // A CA the user imported by hand.
    assert_eq!(e.cli(&["ca", "import", "oldca.pem"]).code, 0);
    // Number 8: the TSA withdrawn, next update already past.
    let tpl = template(e.dir.path(), 8, "2020-01-01T00:00:00Z", "");
    let at = tpl.find("Prova TSA").unwrap();
    let tsa_withdrawn = format!("{}{}", &tpl[..at], tpl[at..].replacen(GRANTED, WITHDRAWN, 1));
    sign(e.dir.path(), &tsa_withdrawn, "signer", "tsl8.xml");
    let r = e.cli(&["ca", "import-tsl", "tsl8.xml"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("1 autorità di certificazione qualificate e 0 servizi"), "{}", r.stdout);
    assert!(r.stderr.contains("doveva essere sostituito entro il 2020-01-01"), "{}", r.stderr);
    assert_eq!(e.trusted_from_lists(), vec![(e.sha("qca"), GRANTED_TSP.to_owned())]);
    let all = e.cli(&["ca", "list", "--json"]).json();
    let user: Vec<&Value> =
        all["authorities"].as_array().unwrap().iter().filter(|a| a["scope"] == "user").collect();
    assert_eq!(user.len(), 1);
    assert_eq!(user[0]["sha256"], e.sha("oldca").as_str());
    let j = e.cli(&["ca", "import-tsl", "--json", "tsl8.xml"]).json();
    assert_eq!(j["stale"], true);
    assert_eq!(j["sequence_number"], 8);
}

#[test]
#[cfg_attr(windows, ignore = "needs openssl (absent under Wine)")]
fn without_xmlsec1_the_user_is_told_what_to_install() {
    let e = Env::new("");
    e.list(7, "2099-01-01T00:00:00Z", "tsl.xml");
    let r = e.cli_with(&["ca", "import-tsl", "tsl.xml"], &[("CNS_XMLSEC1", "/nonexistent/xmlsec1")]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("Manca il programma xmlsec1"), "{}", r.stderr);
    assert!(r.stderr.contains("sudo apt install xmlsec1"));
    assert!(e.trusted_from_lists().is_empty());
}

#[test]
#[cfg_attr(windows, ignore = "needs openssl and xmlsec1 (absent under Wine)")]
fn the_pinned_signer_is_shown_and_the_users_replaces_the_built_in_one() {
    let e = Env::new("");
    let j = e.cli(&["ca", "tsl-signer", "--json"]).json();
    assert_eq!(j["source"], "user");
    assert_eq!(j["signers"][0]["sha256"], e.sha("signer").as_str());
    // Another home without a signer of its own: the AgID certificates built in.
    let other = Env { dir: tempfile::tempdir().unwrap() };
    std::fs::create_dir(other.p("cfg")).unwrap();
    std::fs::create_dir(other.p("sys-signer")).unwrap();
    let j = other.cli(&["ca", "tsl-signer", "--json"]).json();
    assert_eq!(j["source"], "built_in");
    let shas: Vec<&str> =
        j["signers"].as_array().unwrap().iter().map(|s| s["sha256"].as_str().unwrap()).collect();
    assert!(shas.contains(&"ed36919a6a09991c1428fa779133166839d05640d0639b4a2e42bb05fdb678da"), "{shas:?}");
    // The system's folder replaces the built-in ones.
    std::fs::copy(e.p("signer.pem"), other.p("sys-signer/agid.pem")).unwrap();
    let j = other.cli(&["ca", "tsl-signer", "--json"]).json();
    assert_eq!(j["source"], "system");
    assert_eq!(j["signers"].as_array().unwrap().len(), 1);
}

/// The citizen's path with real data only: AgID's own list (no. 141, 2019), checked against the
/// AgID signer certificates built into the program, then genuine Italian files of the corpus.
/// A file signed under Aruba's qualified CA is valid and said to be qualified. An InfoCert one of
/// 2015 (Dike, CAdES-T) is fully valid too: its TSA, "InfoCert Time Stamping Authority 2", is no
/// longer a current service of the list, but its history says it was accredited from 2013 to
/// 2016, and the token's time falls there.
#[test]
#[cfg_attr(windows, ignore = "needs gzip and xmlsec1 (absent under Wine)")]
fn the_real_agid_list_makes_genuine_italian_signatures_valid_and_qualified() {
    let e = Env { dir: tempfile::tempdir().unwrap() };
    for d in ["cfg", "sys-ca", "sys-signer"] {
        std::fs::create_dir(e.p(d)).unwrap();
    }
    let gz = concat!(env!("CARGO_MANIFEST_DIR"), "/../cns-tsl/tests/data/TSL-IT-seq141.xml.gz");
    let xml = Command::new("gzip").args(["-dc", gz]).output().unwrap();
    assert!(xml.status.success());
    std::fs::write(e.p("TSL-IT.xml"), &xml.stdout).unwrap();
    let r = e.cli(&["ca", "import-tsl", "TSL-IT.xml"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    // Trusted today, and (withdrawn since) only for the years a timestamp shows: said apart.
    let said = format!("{}{}", r.stdout, r.stderr);
    assert!(
        said.contains("128 autorità di certificazione qualificate e 18 servizi di marca temporale"),
        "{said}"
    );
    assert!(
        said.contains("Altre 86 autorità valgono solo per le firme che una marca temporale colloca"),
        "{said}"
    );
    let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/../cns-cades/tests/corpus/");

    let r = e.cli(&["verify", &format!("{corpus}it-a38-test.txt.p7m")]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout.contains(
            "certificato qualificato, certificatore accreditato: Aruba Posta Elettronica Certificata S.p.A."
        ),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("codice fiscale ZNINRC76E03A785Z"), "{}", r.stdout);

    let r = e.cli(&["verify", "--json", &format!("{corpus}it-sinekarta-dike_pippo.txt.p7m")]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let j = r.json();
    let s = &j["layers"][0]["signers"][0];
    assert_eq!(s["trust"]["status"], "trusted", "{s}");
    assert_eq!(s["qualified"]["tsp"], "Infocert S.p.A.", "{s}");
    let t = &s["timestamps"][0];
    assert_eq!((t["imprint_ok"].as_bool(), t["signature_ok"].as_bool()), (Some(true), Some(true)), "{t}");
    assert_eq!(t["gen_time"], "2015-01-09T14:29:05Z");
    assert_eq!(t["trust"]["status"], "trusted", "{t}");
    // The same TSA at a time outside its accredited years would not vouch: the periods are
    // kept in the index, each certificate with its own.
    let idx: Value =
        serde_json::from_slice(&std::fs::read(e.user_dir().join("trusted-tsl/IT/index.json")).unwrap())
            .unwrap();
    let infocert_tsa2 = idx["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| {
            x["service"].as_str().is_some_and(|n| n.contains("Time Stamping Authority 2"))
                && x["status"].as_str().is_some_and(|s| s.ends_with("recognisedatnationallevel"))
        })
        .unwrap_or_else(|| panic!("{idx}"));
    assert_eq!(infocert_tsa2["periods"][0][1], 1_467_324_000, "accredited until 2016-06-30T22:00:00Z");
}
