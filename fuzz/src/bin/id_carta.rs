//! cargo-afl harness for the `id_carta` target (see `fuzz/src/targets.rs`).
fn main() {
    afl::fuzz!(|data: &[u8]| {
        cns_fuzz::run("id_carta", data);
    });
}
