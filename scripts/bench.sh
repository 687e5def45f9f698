#!/usr/bin/env bash
# Side-by-side benchmark through one private pcscd and the vsmartcard vpcd virtual reader, on
# the same simulated card (release builds):
#   (a) APDUs and median wall time of `cns-manager status --json` vs OpenSC's
#       `pkcs15-tool --list-info --list-certificates --list-pins --read-certificate 01`
#       (standard card), and `cns-manager status --json` on the 2025 applet card, which OpenSC
#       cannot read;
#   (b) from the card's insertion at the virtual reader to `cns-manager watch --json` printing
#       its status, next to the time pcscd itself takes to report the insertion (a
#       SCardGetStatusChange probe: crates/cns-pcsc/examples/insertion_probe.rs).
# Prints a Markdown table (the README's Performance section). Needs root (private pcscd), like
# scripts/test.sh. Environment: RUNS (default 21), BENCH_VPCD_PORT (default 38963).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${RUNS:-21}"
PORT="${BENCH_VPCD_PORT:-38963}"
./scripts/setup-debian.sh
cargo build --release --locked -p cns-manager -p cns-vpcd --bins
cargo build --release --locked -p cns-pcsc --example insertion_probe
BIN=target/release

WORK="$(mktemp -d "${TMPDIR:-/tmp}/cns-bench.XXXXXX")"
. ./scripts/bench-rig.sh

wait_for() { # wait_for FILE PATTERN COUNT
    local i
    for i in $(seq 1 500); do
        [ "$(grep -c "$2" "$1" 2>/dev/null || true)" -ge "$3" ] && return 0
        sleep 0.01
    done
    echo "[bench] timed out waiting for $2 in $1:" >&2
    tail -5 "$1" >&2
    exit 1
}
# time_cmd NAME CMD...: APDUs of one run, then the median of RUNS runs
time_cmd() {
    local name="$1" before after t0 t1
    shift
    before=$(apdus)
    "$@" >"$WORK/first.out" 2>&1 || { echo "[bench] $name failed: $*" >&2; cat "$WORK/first.out" >&2; exit 1; }
    after=$(apdus)
    local n=$((after - before))
    for _ in $(seq 1 "$RUNS"); do
        t0=$(now_ns)
        "$@" >/dev/null 2>&1 || { echo "[bench] $name failed" >&2; exit 1; }
        t1=$(now_ns)
        echo $((t1 - t0))
    done | median >"$WORK/median"
    printf '| %s | %s | %s ms |\n' "$name" "$n" "$(ms "$(cat "$WORK/median")")"
}

echo "Through pcscd $PCSCD_VERSION and vpcd, $RUNS runs each, median:"
echo
echo "| command | APDUs | wall time |"
echo "|---|---|---|"
start_card standard classic
time_cmd "\`cns-manager status --json\` (standard card)" "$BIN/cns-manager" status --json --reader "$READER"
time_cmd "\`pkcs15-tool --list-info --list-certificates --list-pins --read-certificate 01\` (same card)" \
    pkcs15-tool --no-cache --reader "$READER" --list-info --list-certificates --list-pins --read-certificate 01
stop_card
start_card applet2025 applet2025 1
time_cmd "\`cns-manager status --json\` (2025 applet card)" "$BIN/cns-manager" status --json --reader "$READER"
if pkcs15-tool --no-cache --reader "$READER" --read-certificate 01 >/dev/null 2>&1; then
    echo "| pkcs15-tool on the 2025 applet card | reads it | |"
else
    echo "| pkcs15-tool on the 2025 applet card | fails (cannot bind the card) | – |"
fi
stop_card

# (b) insertion → status
start_card standard classic
"$BIN/cns-manager" watch --json --reader "$READER" >"$WORK/watch.log" 2>/dev/null &
pids+=($!)
"target/release/examples/insertion_probe" "$READER" >"$WORK/probe.log" 2>/dev/null &
pids+=($!)
wait_for "$WORK/watch.log" '"event":"status"' 1
: >"$WORK/inserts"
for i in $(seq 1 "$RUNS"); do
    kill -USR1 "$card_pid" # out
    wait_for "$WORK/watch.log" '"event":"card_removed"' "$i"
    wait_for "$WORK/probe.log" '^removed' "$i"
    now_ns >>"$WORK/inserts"
    kill -USR1 "$card_pid" # in
    wait_for "$WORK/watch.log" '"event":"status"' $((i + 1))
    wait_for "$WORK/probe.log" '^inserted' "$i"
done
python3 - "$WORK" <<'PY'
import json, sys, statistics, datetime
work = sys.argv[1]
inserts = [int(l) for l in open(f"{work}/inserts")]
probe = [int(l.split()[1]) for l in open(f"{work}/probe.log") if l.startswith("inserted")]
def ns(t):
    # RFC 3339 with nanoseconds, UTC
    base, frac = t.rstrip("Z").split(".")
    d = datetime.datetime.strptime(base, "%Y-%m-%dT%H:%M:%S").replace(tzinfo=datetime.timezone.utc)
    return int(d.timestamp()) * 10**9 + int(frac.ljust(9, "0")[:9])
status = [ns(json.loads(l)["time"]) for l in open(f"{work}/watch.log") if '"event":"status"' in l][1:]
n = min(len(inserts), len(probe), len(status))
pcscd = [(probe[i] - inserts[i]) / 1e6 for i in range(n)]
ours = [(status[i] - probe[i]) / 1e6 for i in range(n)]
total = [(status[i] - inserts[i]) / 1e6 for i in range(n)]
m = statistics.median
print()
print(f"Insertion to status, {n} insertions, median (max):")
print()
print("| from the card's insertion at the virtual reader to … | median | max |")
print("|---|---|---|")
print(f"| pcscd reporting it (SCardGetStatusChange probe) | {m(pcscd):.1f} ms | {max(pcscd):.1f} ms |")
print(f"| `watch --json` printing the card's status | {m(total):.1f} ms | {max(total):.1f} ms |")
print(f"| difference: watch after pcscd's own detection | {m(ours):.1f} ms | {max(ours):.1f} ms |")
PY
