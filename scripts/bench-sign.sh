#!/usr/bin/env bash
# Signs and verifies a 1 GiB file (CAdES .p7m, streaming) with the shipped commands and compares
# the wall time with `sha256sum` of the same file; peak RSS from /usr/bin/time -v. Numbers for the
# README.
#
#   ./scripts/bench-sign.sh [SIZE_MIB]      (default 1024)
#
# `cns-manager --demo sign --stdin` signs on the simulated card (in process, no reader): the PIN
# check and the card's RSA signature are the simulator's, a real card adds about a second and
# nothing proportional to the file. `cns-manager verify --ca` checks the result against the
# simulated card's issuer (exit 0 expected). The library alone (crates/cns-cades/examples/bench.rs)
# is timed too, to show what the command adds around it.
set -euo pipefail
cd "$(dirname "$0")/.."
size="${1:-1024}"
work="$(mktemp -d "${TMPDIR:-/tmp}/cns-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT

cargo build --release --locked -p cns-manager --bin cns-manager >&2
cargo build --release --locked -p cns-cades --example bench >&2
cli=target/release/cns-manager
bench=target/release/examples/bench
head -c "$((size * 1024 * 1024))" /dev/urandom > "$work/doc.bin"
"$bench" ca "$work/sim-ca.der"
printf '12345\n' > "$work/pin"
# A private, empty configuration: nothing trusted but --ca, and no settings of the machine's user.
export XDG_CONFIG_HOME="$work/cfg" CNS_SYSTEM_TRUSTED_CA_DIR="$work/no-ca"
# Warm the page cache so every run reads from memory, as the second run of anything would.
cat "$work/doc.bin" > /dev/null

measure() { # label, expected exit code, command...   (stdin from $work/pin)
    local label="$1" want="$2"; shift 2
    local rc=0
    /usr/bin/time -v "$@" < "$work/pin" 2> "$work/time.txt" > /dev/null || rc=$?
    if [ "$rc" != "$want" ]; then
        echo "$label: exit $rc, expected $want" >&2
        cat "$work/time.txt" >&2
        exit 1
    fi
    local wall rss
    wall="$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.txt")"
    rss="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")"
    printf '| %s | %s | %s MB |\n' "$label" "$wall" "$((rss / 1024))"
}

echo "| ${size} MiB file | wall time (m:ss) | peak RSS |"
echo "|---|---|---|"
measure "sha256sum" 0 sha256sum "$work/doc.bin"
measure "openssl dgst -sha256" 0 openssl dgst -sha256 "$work/doc.bin"
measure "cns-manager --demo sign --stdin (.p7m)" 0 \
    "$cli" --demo sign "$work/doc.bin" --out "$work/cli.p7m" --stdin --json
cat "$work/cli.p7m" > /dev/null
measure "cns-manager verify --ca (hash only)" 0 "$cli" verify "$work/cli.p7m" --ca "$work/sim-ca.der" --json
measure "cns-manager verify --ca --extract" 0 \
    "$cli" verify "$work/cli.p7m" --ca "$work/sim-ca.der" --extract "$work/out.bin" --json
rm -f "$work/out.bin" "$work/cli.p7m"
measure "library: sign (.p7m), examples/bench.rs" 0 "$bench" sign "$work/doc.bin" "$work/doc.bin.p7m"
cat "$work/doc.bin.p7m" > /dev/null
measure "library: verify (extract to /dev/null)" 0 "$bench" verify "$work/doc.bin.p7m"
