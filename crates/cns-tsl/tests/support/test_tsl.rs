//! A trusted list made and signed in the tests by independent tools: the certificates by
//! `openssl`, the XML signature by `xmlsec1 --sign` from a template. Shared by the crate's tests
//! and the CLI's (`cns-manager/tests/cli_tsl.rs`, which includes this file by path).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::process::Command;

pub const CA_QC: &str = "http://uri.etsi.org/TrstSvc/Svctype/CA/QC";
pub const TSA_QTST: &str = "http://uri.etsi.org/TrstSvc/Svctype/TSA/QTST";
pub const GRANTED: &str = "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted";
pub const WITHDRAWN: &str = "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/withdrawn";
/// The Italian name of the TSP whose CA is granted (the report names it).
pub const GRANTED_TSP: &str = "Certificatore Qualificato di Prova S.p.A.";
pub const WITHDRAWN_TSP: &str = "Certificatore Cessato S.r.l.";

pub fn run(dir: &Path, prog: &str, args: &[&str]) -> std::process::Output {
    Command::new(prog).args(args).current_dir(dir).output().unwrap_or_else(|e| panic!("{prog}: {e}"))
}

pub fn ok(dir: &Path, prog: &str, args: &[&str]) {
    let o = run(dir, prog, args);
    assert!(o.status.success(), "{prog} {args:?}: {}", String::from_utf8_lossy(&o.stderr));
}

/// A self-signed certificate `NAME.pem`/`NAME.key`/`NAME.der` in `dir`; a CA if `ca`.
pub fn self_signed(dir: &Path, name: &str, subject: &str, ca: bool) {
    let (key, pem, der) = (format!("{name}.key"), format!("{name}.pem"), format!("{name}.der"));
    let mut args = vec![
        "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", &key, "-out", &pem, "-days", "3650",
        "-subj", subject,
    ];
    if ca {
        args.extend([
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "keyUsage=critical,keyCertSign,cRLSign",
        ]);
    }
    ok(dir, "openssl", &args);
    ok(dir, "openssl", &["x509", "-in", &pem, "-outform", "DER", "-out", &der]);
}

/// The Base64 body of `NAME.pem`.
pub fn b64(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(format!("{name}.pem")))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect()
}

/// The certificates of a test list: the granted CA (`qca`), a withdrawn CA (`oldca`), a granted
/// CA for website certificates only (`webca`), a qualified TSA (`qtsa`) and the list's signer
/// (`signer`).
pub fn make_certs(dir: &Path) {
    self_signed(dir, "qca", "/C=IT/O=Certificatore Qualificato di Prova S.p.A./CN=Prova Qualified CA", true);
    self_signed(dir, "oldca", "/C=IT/O=Certificatore Cessato S.r.l./CN=Cessato CA", true);
    self_signed(dir, "webca", "/C=IT/O=Certificatore Cessato S.r.l./CN=Cessato Web CA", true);
    self_signed(dir, "qtsa", "/C=IT/O=Certificatore Qualificato di Prova S.p.A./CN=Prova TSA", false);
    self_signed(dir, "signer", "/C=IT/O=Agenzia di Prova/CN=Test TSL signer", false);
}

fn service(kind: &str, name: &str, status: &str, cert_b64: &str) -> String {
    service_for(kind, name, status, cert_b64, "ForeSignatures")
}

/// A service qualified for `purpose` (AdditionalServiceInformation).
fn service_for(kind: &str, name: &str, status: &str, cert_b64: &str, purpose: &str) -> String {
    format!(
        "<TSPService><ServiceInformation><ServiceTypeIdentifier>{kind}</ServiceTypeIdentifier>\
         <ServiceName><Name xml:lang=\"en\">{name}</Name></ServiceName>\
         <ServiceDigitalIdentity><DigitalId><X509Certificate>\n{cert_b64}\n</X509Certificate></DigitalId>\
         </ServiceDigitalIdentity><ServiceStatus>{status}</ServiceStatus>\
         <StatusStartingTime>2020-01-01T00:00:00Z</StatusStartingTime><ServiceInformationExtensions>\
         <Extension Critical=\"false\"><AdditionalServiceInformation><URI xml:lang=\"en\">\
         http://uri.etsi.org/TrstSvc/TrustedList/SvcInfoExt/{purpose}</URI></AdditionalServiceInformation>\
         </Extension></ServiceInformationExtensions></ServiceInformation></TSPService>"
    )
}

/// The unsigned template of a list with sequence number `seq` and next update `next` (the
/// signature to be filled by `xmlsec1 --sign`); `reference_uri` is "" (the whole document) normally,
/// "#tsl-1" (the root by its Id) for the wrapping test.
pub fn template(dir: &Path, seq: u64, next: &str, reference_uri: &str) -> String {
    let granted = format!(
        "<TrustServiceProvider><TSPInformation><TSPName><Name xml:lang=\"en\">Qualified Test Certifier</Name>\
         <Name xml:lang=\"it\">{GRANTED_TSP}</Name></TSPName></TSPInformation><TSPServices>{}{}</TSPServices>\
         </TrustServiceProvider>",
        service(CA_QC, "Prova Qualified CA", GRANTED, &b64(dir, "qca")),
        service(TSA_QTST, "Prova TSA", GRANTED, &b64(dir, "qtsa")),
    );
    let withdrawn = format!(
        "<TrustServiceProvider><TSPInformation><TSPName><Name xml:lang=\"it\">{WITHDRAWN_TSP}</Name></TSPName>\
         </TSPInformation><TSPServices>{}{}</TSPServices></TrustServiceProvider>",
        service(CA_QC, "Cessato CA", WITHDRAWN, &b64(dir, "oldca")),
        service_for(CA_QC, "Cessato Web CA", GRANTED, &b64(dir, "webca"), "ForWebSiteAuthentication"),
    );
    let transforms = "<ds:Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/>";
    format!(
        r##"<?xml version="1.0" encoding="UTF-8"?>
<TrustServiceStatusList xmlns="http://uri.etsi.org/02231/v2#" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" Id="tsl-1" TSLTag="http://uri.etsi.org/19612/TSLTag">
<SchemeInformation><TSLVersionIdentifier>5</TSLVersionIdentifier><TSLSequenceNumber>{seq}</TSLSequenceNumber>
<SchemeOperatorName><Name xml:lang="it">Agenzia di Prova</Name></SchemeOperatorName>
<SchemeTerritory>IT</SchemeTerritory><ListIssueDateTime>2026-01-01T00:00:00Z</ListIssueDateTime>
<NextUpdate><dateTime>{next}</dateTime></NextUpdate></SchemeInformation>
<TrustServiceProviderList>{granted}{withdrawn}</TrustServiceProviderList>
<ds:Signature Id="sig"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/><ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/><ds:Reference URI="{reference_uri}"><ds:Transforms>{transforms}<ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/></ds:Transforms><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue/></ds:Reference><ds:Reference Type="http://uri.etsi.org/01903#SignedProperties" URI="#xp"><ds:Transforms><ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/></ds:Transforms><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue/></ds:Reference></ds:SignedInfo><ds:SignatureValue/><ds:KeyInfo><ds:X509Data><ds:X509Certificate/></ds:X509Data></ds:KeyInfo><ds:Object><xades:QualifyingProperties xmlns:xades="http://uri.etsi.org/01903/v1.3.2#" Target="#sig"><xades:SignedProperties Id="xp"><xades:SignedSignatureProperties><xades:SigningTime>2026-01-01T00:00:00Z</xades:SigningTime></xades:SignedSignatureProperties></xades:SignedProperties></xades:QualifyingProperties></ds:Object></ds:Signature></TrustServiceStatusList>
"##
    )
}

/// `xmlsec1 --sign`s `xml` with key `who` (`WHO.key`, its certificate `WHO.pem` embedded) into
/// `out` in `dir`.
pub fn sign(dir: &Path, xml: &str, who: &str, out: &str) {
    let tpl = format!("{out}.tpl");
    std::fs::write(dir.join(&tpl), xml).unwrap();
    let key = format!("{who}.key,{who}.pem");
    ok(
        dir,
        "xmlsec1",
        &[
            "--sign",
            "--privkey-pem",
            &key,
            "--id-attr:Id",
            "http://uri.etsi.org/01903/v1.3.2#:SignedProperties",
            "--id-attr:Id",
            "http://uri.etsi.org/02231/v2#:TrustServiceStatusList",
            "--output",
            out,
            &tpl,
        ],
    );
}

/// Makes the certificates and a signed list `tsl.xml` (sequence `seq`, next update in 2099).
pub fn make_signed(dir: &Path, seq: u64) {
    make_certs(dir);
    sign(dir, &template(dir, seq, "2099-01-01T00:00:00Z", ""), "signer", "tsl.xml");
}
