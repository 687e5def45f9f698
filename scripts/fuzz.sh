#!/usr/bin/env bash
# Coverage-guided fuzzing of every parser of outside data (fuzz/, cargo-afl = AFL++ on the
# stable toolchain), one target after the other, each for SECONDS:
#
#   ./scripts/fuzz.sh SECONDS [TARGET...]     # default: every target
#
# Writes a table (target, executions, crashes, corpus size) to stdout and fuzz/results.md.
# Crash inputs are copied to fuzz/regressions/<target>/, where tests/fuzz_corpus.rs replays them
# in the normal test suite once committed; the script then exits 1.
# Environment: FUZZ_OUT (default fuzz/out), FUZZ_JOBS=1 (targets run one at a time).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH="${1:?usage: scripts/fuzz.sh SECONDS [TARGET...]}"
shift
ALL=(atr fci status_word id_carta personal_data processor codice_fiscale cert vpcd card_answers settings)
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=("${ALL[@]}")
OUT="${FUZZ_OUT:-$PWD/fuzz/out}"

if ! cargo afl --version >/dev/null 2>&1; then
    echo "[fuzz] installing cargo-afl (builds AFL++; needs a C compiler and make)" >&2
    cargo install cargo-afl --locked
fi
# not --locked: the path crates' dependencies move with the workspace (fuzz/Cargo.lock follows)
(cd fuzz && cargo afl build --release)
BIN="$PWD/fuzz/target/release"
# seed corpora: committed; regenerated only where a folder is missing
for t in "${TARGETS[@]}"; do
    [ -d "fuzz/corpus/$t" ] || "$BIN/seeds" fuzz/corpus
done

export AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_QUIET=1
export AFL_SKIP_CRASHES=1 AFL_NO_AFFINITY=1
rows=()
total_crashes=0
for t in "${TARGETS[@]}"; do
    rm -rf "${OUT:?}/$t"
    mkdir -p "$OUT/$t"
    echo "[fuzz] $t for ${SECONDS_EACH}s" >&2
    # -V: stop after SECONDS; -t: 1 s per input is a hang
    cargo afl fuzz -V "$SECONDS_EACH" -t 1000 -i "fuzz/corpus/$t" -o "$OUT/$t" "$BIN/$t" \
        >"$OUT/$t.log" 2>&1 || { echo "[fuzz] afl-fuzz failed for $t:" >&2; tail -20 "$OUT/$t.log" >&2; exit 1; }
    stats="$OUT/$t/default/fuzzer_stats"
    execs=$(awk -F: '/^execs_done/ {gsub(/ /,"",$2); print $2}' "$stats")
    crashes=$(awk -F: '/^saved_crashes/ {gsub(/ /,"",$2); print $2}' "$stats")
    hangs=$(awk -F: '/^saved_hangs/ {gsub(/ /,"",$2); print $2}' "$stats")
    corpus=$(awk -F: '/^corpus_count/ {gsub(/ /,"",$2); print $2}' "$stats")
    if [ "${crashes:-0}" != 0 ] || [ "${hangs:-0}" != 0 ]; then
        mkdir -p "fuzz/regressions/$t"
        for f in "$OUT/$t/default/crashes/"id* "$OUT/$t/default/hangs/"id*; do
            [ -f "$f" ] && cp "$f" "fuzz/regressions/$t/$(sha256sum "$f" | cut -c1-16)"
        done
    fi
    total_crashes=$((total_crashes + ${crashes:-0} + ${hangs:-0}))
    rows+=("| $t | $execs | $crashes | $hangs | $corpus |")
done

{
    echo "Fuzzing run of $(date -u +%Y-%m-%dT%H:%MZ), ${SECONDS_EACH} s per target, cargo-afl $(cargo afl --version 2>/dev/null | head -1 | awk '{print $2}'), $(nproc) cores"
    echo
    echo "| target | executions | crashes | hangs | corpus size |"
    echo "|---|---:|---:|---:|---:|"
    printf '%s\n' "${rows[@]}"
} | tee fuzz/results.md
if [ "$total_crashes" != 0 ]; then
    echo "[fuzz] $total_crashes crash/hang inputs copied to fuzz/regressions/: fix, then commit them" >&2
    exit 1
fi
