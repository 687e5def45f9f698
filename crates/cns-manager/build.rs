//! The message catalog, checked when the program is built: every `.ftl` file under
//! `assets/i18n/<lang>/` must parse, every language must have exactly the same message ids, and
//! each message becomes a Rust function whose parameters are the message's variables
//! (`pin-wrong = ... { $tries } ...` → `msg::pin_wrong(tries)`). A missing translation, a typo in
//! an id or a forgotten variable is therefore a compile error, not a blank in front of a user.

// A build script reports a broken catalog by failing: panicking is its way to say so.
#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use fluent_syntax::ast;

/// The languages the program speaks, the first one being the reference and the default.
const LANGS: [&str; 3] = ["it", "en", "de"];

type Vars = BTreeSet<String>;

struct Catalog {
    /// Message id → variables it uses (directly, or through messages it references).
    messages: BTreeMap<String, Vars>,
    /// Message id → the first line of its reference-language text, for the generated docs.
    docs: BTreeMap<String, String>,
    files: Vec<PathBuf>,
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/i18n");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut catalogs = Vec::new();
    for lang in LANGS {
        let dir = root.join(lang);
        println!("cargo:rerun-if-changed={}", dir.display());
        catalogs.push((lang, read_catalog(&dir)));
    }
    let (reference_lang, reference) = &catalogs[0];
    let mut problems = Vec::new();
    for (lang, c) in &catalogs[1..] {
        for id in reference.messages.keys().filter(|id| !c.messages.contains_key(*id)) {
            problems.push(format!("{lang}: message '{id}' is missing (it is in {reference_lang})"));
        }
        for id in c.messages.keys().filter(|id| !reference.messages.contains_key(*id)) {
            problems.push(format!("{lang}: message '{id}' is not in {reference_lang}"));
        }
    }
    if !problems.is_empty() {
        panic!("the message catalog is not consistent:\n  {}", problems.join("\n  "));
    }
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("catalog.rs");
    std::fs::write(&out, generate(&catalogs)).expect("OUT_DIR is writable");
    windows_resources();
}

fn read_catalog(dir: &Path) -> Catalog {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ftl"))
        .collect();
    files.sort();
    let mut direct: BTreeMap<String, (Vars, Vars)> = BTreeMap::new();
    let mut docs = BTreeMap::new();
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
        let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let resource = fluent_syntax::parser::parse(text.as_str())
            .unwrap_or_else(|(_, errors)| panic!("{}: Fluent syntax errors: {errors:?}", file.display()));
        for entry in &resource.body {
            let ast::Entry::Message(m) = entry else { continue };
            let id = m.id.name.to_owned();
            let Some(value) = &m.value else {
                panic!("{}: message '{id}' has no value (attributes alone are not used)", file.display())
            };
            let (mut vars, mut refs) = (Vars::new(), Vars::new());
            pattern_refs(value, &mut vars, &mut refs);
            if direct.insert(id.clone(), (vars, refs)).is_some() {
                panic!("{}: message '{id}' is defined twice", file.display());
            }
            docs.insert(id, first_text(value));
        }
    }
    // A message that references another one needs that one's variables too.
    let mut messages: BTreeMap<String, Vars> =
        direct.iter().map(|(k, (v, _))| (k.clone(), v.clone())).collect();
    loop {
        let mut changed = false;
        for (id, (_, refs)) in &direct {
            let inherited: Vars = refs.iter().filter_map(|r| messages.get(r)).flatten().cloned().collect();
            let own = messages.get_mut(id).expect("every id is in the map");
            let before = own.len();
            own.extend(inherited);
            changed |= own.len() != before;
        }
        if !changed {
            break;
        }
    }
    for (id, (_, refs)) in &direct {
        if let Some(r) = refs.iter().find(|r| !messages.contains_key(*r)) {
            panic!("{}: message '{id}' references '{r}', which does not exist", dir.display());
        }
    }
    Catalog { messages, docs, files }
}

fn pattern_refs(p: &ast::Pattern<&str>, vars: &mut Vars, refs: &mut Vars) {
    for el in &p.elements {
        if let ast::PatternElement::Placeable { expression } = el {
            expression_refs(expression, vars, refs);
        }
    }
}

fn expression_refs(e: &ast::Expression<&str>, vars: &mut Vars, refs: &mut Vars) {
    match e {
        ast::Expression::Select { selector, variants } => {
            inline_refs(selector, vars, refs);
            for v in variants {
                pattern_refs(&v.value, vars, refs);
            }
        }
        ast::Expression::Inline(i) => inline_refs(i, vars, refs),
    }
}

fn inline_refs(i: &ast::InlineExpression<&str>, vars: &mut Vars, refs: &mut Vars) {
    match i {
        ast::InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_owned());
        }
        ast::InlineExpression::MessageReference { id, .. } => {
            refs.insert(id.name.to_owned());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => call_refs(arguments, vars, refs),
        ast::InlineExpression::TermReference { arguments: Some(arguments), .. } => {
            call_refs(arguments, vars, refs)
        }
        ast::InlineExpression::Placeable { expression } => expression_refs(expression, vars, refs),
        _ => {}
    }
}

fn call_refs(args: &ast::CallArguments<&str>, vars: &mut Vars, refs: &mut Vars) {
    for a in &args.positional {
        inline_refs(a, vars, refs);
    }
    for a in &args.named {
        inline_refs(&a.value, vars, refs);
    }
}

fn first_text(p: &ast::Pattern<&str>) -> String {
    let mut s = String::new();
    for el in &p.elements {
        match el {
            ast::PatternElement::TextElement { value } => s.push_str(value),
            ast::PatternElement::Placeable { .. } => s.push_str("{…}"),
        }
    }
    s.lines().next().unwrap_or_default().trim().replace('`', "'")
}

fn rust_name(id: &str) -> String {
    let name = id.replace('-', "_");
    if name.chars().next().is_some_and(|c| c.is_ascii_digit()) { format!("m_{name}") } else { name }
}

fn generate(catalogs: &[(&str, Catalog)]) -> String {
    let mut g = String::from("// Generated by build.rs from assets/i18n: do not edit.\n\n");
    g.push_str("/// The catalog's files per language, embedded: (language code, [file contents]).\n");
    g.push_str("pub(crate) const SOURCES: &[(&str, &[&str])] = &[\n");
    for (lang, c) in catalogs {
        let files: Vec<String> =
            c.files.iter().map(|f| format!("include_str!({:?})", f.display().to_string())).collect();
        let _ = writeln!(g, "    ({lang:?}, &[{}]),", files.join(", "));
    }
    g.push_str("];\n\n");
    let reference = &catalogs[0].1;
    g.push_str(
        "/// Every message id with its variables, for the tests that format each one in each language.\n",
    );
    g.push_str("#[cfg(test)]\npub(crate) const ALL: &[(&str, &[&str])] = &[\n");
    for (id, vars) in &reference.messages {
        let vars: Vec<String> = vars.iter().map(|v| format!("{v:?}")).collect();
        let _ = writeln!(g, "    ({id:?}, &[{}]),", vars.join(", "));
    }
    g.push_str("];\n\n");
    g.push_str("/// The ids of the messages without variables, sorted, for [`Message::by_id`].\n");
    g.push_str("pub(crate) const WITHOUT_VARIABLES: &[&str] = &[\n");
    for id in reference.messages.iter().filter(|(_, vars)| vars.is_empty()).map(|(id, _)| id) {
        let _ = writeln!(g, "    {id:?},");
    }
    g.push_str("];\n\n");
    g.push_str(
        "/// The messages of the catalog: a function for one with at most one variable, a struct with\n",
    );
    g.push_str("/// a named field per variable for one with several (two texts cannot be swapped unseen).\n");
    g.push_str("pub mod msg {\n    use super::{Arg, Message};\n");
    for (id, vars) in &reference.messages {
        let doc = reference.docs.get(id).cloned().unwrap_or_default();
        let _ = writeln!(g, "\n    /// `{id}`: {doc}");
        if vars.len() <= 1 {
            let params: Vec<String> =
                vars.iter().map(|v| format!("{}: impl Into<Arg>", rust_name(v))).collect();
            let args: Vec<String> =
                vars.iter().map(|v| format!("({v:?}, {}.into())", rust_name(v))).collect();
            let _ = writeln!(
                g,
                "    pub fn {}({}) -> Message {{\n        Message::new({id:?}, vec![{}])\n    }}",
                rust_name(id),
                params.join(", "),
                args.join(", ")
            );
            continue;
        }
        let ty = type_name(id);
        let fields: Vec<String> =
            vars.iter().map(|v| format!("        pub {}: Arg,", rust_name(v))).collect();
        let args: Vec<String> = vars.iter().map(|v| format!("({v:?}, m.{})", rust_name(v))).collect();
        let _ = writeln!(
            g,
            "    #[derive(Debug, Clone)]\n    pub struct {ty} {{\n{}\n    }}\n\n    impl From<{ty}> for Message {{\n        fn from(m: {ty}) -> Message {{\n            Message::new({id:?}, vec![{}])\n        }}\n    }}",
            fields.join("\n"),
            args.join(", ")
        );
    }
    g.push_str("}\n");
    g
}

/// `tsl-imported` → `TslImported`.
fn type_name(id: &str) -> String {
    id.split(['-', '_'])
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
        })
        .collect()
}

/// The Windows program's icon (Explorer, the taskbar, the Start menu) and version resource (the
/// file's Properties → Details), compiled by mingw-w64's windres and linked into cns-manager.exe.
/// The icon is packaging/windows/cns-manager.ico, made from the Linux package's SVG (16, 32, 48
/// and 256 pixels: rsvg-convert, then ImageMagick's convert). Other targets: nothing to do.
fn windows_resources() {
    let var = |name: &str| std::env::var(name).unwrap_or_default();
    if var("CARGO_CFG_TARGET_OS") != "windows" {
        return;
    }
    if var("CARGO_CFG_TARGET_ENV") != "gnu" {
        println!("cargo:warning=no icon and version resource: only the -gnu target compiles them (windres)");
        return;
    }
    let icon = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../packaging/windows/cns-manager.ico");
    println!("cargo:rerun-if-changed={}", icon.display());
    println!("cargo:rerun-if-env-changed=WINDRES");
    let version = var("CARGO_PKG_VERSION");
    // FILEVERSION takes four numbers: 0.1.0 → 0,1,0,0 (a pre-release suffix is dropped).
    let mut numbers: Vec<String> =
        version.split(['.', '-', '+']).take(3).map(|n| n.parse::<u16>().unwrap_or(0).to_string()).collect();
    numbers.resize(4, "0".into());
    let numbers = numbers.join(",");
    // Italian (0x0410), Unicode (1200): the program's reference language.
    let rc = format!(
        r#"1 ICON "{icon}"
1 VERSIONINFO
FILEVERSION {numbers}
PRODUCTVERSION {numbers}
FILEOS 0x40004
FILETYPE 0x1
BEGIN
  BLOCK "StringFileInfo"
  BEGIN
    BLOCK "041004B0"
    BEGIN
      VALUE "FileDescription", "Gestione Tessera Sanitaria (TS-CNS)"
      VALUE "ProductName", "Gestione Tessera Sanitaria"
      VALUE "FileVersion", "{version}"
      VALUE "ProductVersion", "{version}"
      VALUE "InternalName", "cns-manager"
      VALUE "OriginalFilename", "cns-manager.exe"
      VALUE "LegalCopyright", "EUPL-1.2"
    END
  END
  BLOCK "VarFileInfo"
  BEGIN
    VALUE "Translation", 0x0410, 1200
  END
END
"#,
        icon = icon.display().to_string().replace('\\', "/"),
    );
    let out = PathBuf::from(var("OUT_DIR"));
    let (rc_file, object) = (out.join("cns-manager.rc"), out.join("cns-manager-resources.o"));
    std::fs::write(&rc_file, rc).expect("OUT_DIR is writable");
    // Cross-compiling from Linux: the target-prefixed windres of mingw-w64; on Windows (MSYS2)
    // plain windres. WINDRES overrides both.
    let windres = std::env::var("WINDRES").unwrap_or_else(|_| {
        if var("HOST") == var("TARGET") {
            "windres".into()
        } else {
            format!("{}-w64-mingw32-windres", var("CARGO_CFG_TARGET_ARCH"))
        }
    });
    let status = std::process::Command::new(&windres)
        .arg("--input")
        .arg(&rc_file)
        .args(["--output-format", "coff", "--output"])
        .arg(&object)
        .status()
        .unwrap_or_else(|e| panic!("{windres} (mingw-w64's resource compiler) could not be started: {e}"));
    assert!(status.success(), "{windres} failed on {} ({status})", rc_file.display());
    // An object file, not an archive: the linker keeps it although no code refers to it.
    println!("cargo:rustc-link-arg-bin=cns-manager={}", object.display());
}
