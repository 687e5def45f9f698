//! cargo-afl harness for the `personal_data` target (see `fuzz/src/targets.rs`).
fn main() {
    afl::fuzz!(|data: &[u8]| {
        cns_fuzz::run("personal_data", data);
    });
}
