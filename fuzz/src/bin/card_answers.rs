//! cargo-afl harness for the `card_answers` target (see `fuzz/src/targets.rs`).
fn main() {
    afl::fuzz!(|data: &[u8]| {
        cns_fuzz::run("card_answers", data);
    });
}
