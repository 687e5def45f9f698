# Sourced by scripts/bench.sh and scripts/bench-pkcs11.sh: one private pcscd with the vpcd
# virtual reader pair ("CNS Bench 00 00" and "CNS Bench 00 01"), the simulated card served to
# one of them, and the timing helpers. The caller sets WORK (a fresh temporary folder), PORT
# (the vpcd port) and BIN (the release binaries) first; this starts the rig, and stops it, the
# card and every process in `pids` on exit.

rig() { RIG_DIR="$WORK/rig" RIG_PRIVATE_RUN=1 VPCD_PORT="$PORT" READER_NAME="CNS Bench" CARD_CMD=none ./scripts/pcsc-rig.sh "$@"; }
pids=()
card_pid=""
bench_cleanup() {
    local p
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    rig stop >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap bench_cleanup EXIT
rig start >/dev/null
eval "$(rig env)"
export PCSCLITE_CSOCK_NAME
READER="CNS Bench 00 00"
export HOME="$WORK" # OpenSC's file cache, if any, stays out of the real home
PCSCD_VERSION="$(pcscd --version 2>/dev/null | head -1 | awk '{sub(/\.$/, "", $NF); print $NF}')"

now_ns() { date +%s%N; }
ms() { python3 -c "import sys; print(f'{int(sys.argv[1])/1e6:.1f}')" "$1"; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# Each card has its own reader of the vpcd pair: on one reader, pcscd 1.9.9 + vpcd reported the
# first card's ATR for the second card (seen: the 2025 applet card named "Athena"), so it was
# read at the first card's family's cost (one SELECT more).
start_card() { # start_card MODE GENERATION [READER INDEX 0|1]; sets READER and card_pid
    local slot="${3:-0}"
    READER="CNS Bench 00 0$slot"
    "$BIN/cns-sim-vpcd" --port "$((PORT + slot))" --mode "$1" --state "$WORK/card-$1.toml" -v 2>"$WORK/card.log" &
    card_pid=$!
    pids+=("$card_pid")
    # present, and the new card (not the one before it, still cached by pcscd) answers
    for _ in $(seq 1 500); do
        "$BIN/cns-manager" status --json --reader "$READER" 2>/dev/null | grep -q "\"generation\": \"$2\"" && return 0
        sleep 0.01
    done
    echo "[bench] the card did not appear" >&2
    exit 1
}
stop_card() {
    kill "$card_pid"
    wait "$card_pid" 2>/dev/null || true
    # pcscd notices at its next poll of the reader
    for _ in $(seq 1 500); do
        "$BIN/cns-manager" readers --json 2>/dev/null | python3 -c '
import json, sys
sys.exit(0 if any(r["name"] == sys.argv[1] and not r["card_present"] for r in json.load(sys.stdin)) else 1)' "$READER" && return 0
        sleep 0.01
    done
    echo "[bench] the card did not go away" >&2
    exit 1
}
# The APDUs the simulated card has logged so far.
apdus() { grep -c ': APDU ' "$WORK/card.log" || true; }
