//! One libFuzzer harness for every target: `CNS_FUZZ_TARGET=atr cns-libfuzzer CORPUS_DIR ...`
//! (`scripts/fuzz.sh --engine libfuzzer`). The targets are those of the AFL harnesses.
#![no_main]

use std::sync::OnceLock;

fn target() -> &'static str {
    static T: OnceLock<String> = OnceLock::new();
    T.get_or_init(|| std::env::var("CNS_FUZZ_TARGET").unwrap_or_default())
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    // an unknown name is a usage error, not a finding: abort before the first run counts
    if !cns_fuzz::run(target(), data) {
        eprintln!("CNS_FUZZ_TARGET={:?}: not a target", target());
        std::process::exit(2);
    }
});
