//! cargo-afl harness for the `tsd` target (see `fuzz/src/targets.rs`).
fn main() {
    afl::fuzz!(|data: &[u8]| {
        cns_fuzz::run("tsd", data);
    });
}
