#!/usr/bin/env bash
# pcsc-rig.sh - hardware-free PC/SC rig for the end-to-end tests: pcscd with a private
# reader.conf.d holding only the vsmartcard vpcd driver. A virtual card (any vpcd client, e.g.
# the tests' own emulator) then connects to 127.0.0.1:$VPCD_PORT to appear in reader
# "$READER_NAME 00 00" (and $VPCD_PORT+1 for "... 00 01"). Debian: pcscd, vsmartcard-vpcd.
# With RIG_SLOTS=N > 1 there are N vpcd entries, 2N readers: entry i (1..N) is named
# "$READER_NAME i" and listens on ports VPCD_PORT+2(i-1) ("$READER_NAME i 00 00") and the next
# one ("... 00 01"). $RIG_DIR/readers lists them ("PORT<TAB>READER NAME" per line) and
# $RIG_DIR/socket holds the pcscd socket path: the end-to-end tests take their slots from there.
#
#   scripts/pcsc-rig.sh start     start pcscd, wait until its socket and the vpcd port are up
#   scripts/pcsc-rig.sh stop      stop the card (if CARD_CMD started one) and pcscd, by pid file
#   scripts/pcsc-rig.sh status    pids, ports, readers
#   scripts/pcsc-rig.sh env       the variables a client and the tests need (eval "$(... env)")
#
# Environment:
#   RIG_DIR          state dir (pid files, logs, reader.conf.d)     default ${TMPDIR:-/tmp}/cns-pcsc-rig
#   VPCD_PORT        TCP port of reader "<name> 00 00"; "00 01" is port+1      default 35963
#   READER_NAME      FRIENDLYNAME of the vpcd readers                          default "Virtual PCD"
#   RIG_SLOTS        number of vpcd entries (2 readers each, max 8), default 1; with more than one
#                    each entry's FRIENDLYNAME is "$READER_NAME <i>", so every reader name is unique
#   CARD_CMD         optional card emulator to start after pcscd (must connect to 127.0.0.1:$VPCD_PORT);
#                    default none
#   PCSCD_ARGS       extra pcscd arguments, default "" (e.g. "--debug --apdu": logs APDUs, so PINs!)
#   RIG_PRIVATE_RUN  1 = run pcscd in a private mount namespace with /run/pcscd bound to
#                    $RIG_DIR/run, so it cannot clash with a system pcscd or another rig (needs
#                    CAP_SYS_ADMIN); clients then need PCSCLITE_CSOCK_NAME=$RIG_DIR/run/pcscd.comm
#   WAIT_SECS        how long start waits for readiness, default 10
#
# Never started with --auto-exit (pcscd would quit after 60 s idle, in the middle of a test run).
# Readiness is judged from the socket and /proc/net/tcp, never by connecting to the vpcd port:
# to vpcd any TCP connection is a card being inserted.
set -euo pipefail

RIG_DIR="${RIG_DIR:-${TMPDIR:-/tmp}/cns-pcsc-rig}"
VPCD_PORT="${VPCD_PORT:-35963}"
READER_NAME="${READER_NAME:-Virtual PCD}"
CARD_CMD="${CARD_CMD:-none}"
PCSCD_ARGS="${PCSCD_ARGS:-}"
RIG_PRIVATE_RUN="${RIG_PRIVATE_RUN:-0}"
RIG_SLOTS="${RIG_SLOTS:-1}"
WAIT_SECS="${WAIT_SECS:-10}"
VPCD_LIB=/usr/lib/pcsc/drivers/serial/libifdvpcd.so

if [ "$RIG_PRIVATE_RUN" = 1 ]; then SOCK="$RIG_DIR/run/pcscd.comm"; else SOCK=/run/pcscd/pcscd.comm; fi
case "$RIG_SLOTS" in [1-8]) ;; *) echo "[pcsc-rig] ERROR: RIG_SLOTS must be 1..8 (pcscd has 16 reader contexts)" >&2; exit 1 ;; esac

# The ports and reader names of every vpcd reader, "PORT<TAB>NAME" per line.
reader_list() {
    local i port name
    for i in $(seq 1 "$RIG_SLOTS"); do
        port=$((VPCD_PORT + 2 * (i - 1)))
        if [ "$RIG_SLOTS" = 1 ]; then name="$READER_NAME"; else name="$READER_NAME $i"; fi
        printf '%s\t%s 00 00\n%s\t%s 00 01\n' "$port" "$name" $((port + 1)) "$name"
    done
}
all_ports() { reader_list | cut -f1; }

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN{printf "%.3f", b-a}'; }
log() { echo "[pcsc-rig] $*"; }
die() { echo "[pcsc-rig] ERROR: $*" >&2; exit 1; }

running() { kill -0 "$1" 2>/dev/null && ! grep -q '^State:.*Z' "/proc/$1/status" 2>/dev/null; }

alive() {  # alive PIDFILE COMM_REGEX: the pid file names a live (non-zombie) process of that name
    local f="$1" re="$2" p
    [ -s "$f" ] || return 1
    p="$(cat "$f")"
    running "$p" || return 1
    # a recycled pid must not be mistaken for ours
    grep -Eq "$re" "/proc/$p/comm" 2>/dev/null
}

port_listening() {  # reads /proc/net/tcp{,6}; connecting to the port would insert a card
    local hex; hex="$(printf '%04X' "$1")"
    awk -v h=":$hex" '$4 == "0A" && substr($2, length($2) - 4) == h { f = 1 } END { exit !f }' \
        /proc/net/tcp /proc/net/tcp6 2>/dev/null
}

ports_up() {
    local p
    for p in $(all_ports); do port_listening "$p" || return 1; done
}

stop_pid() {  # stop_pid PIDFILE NAME COMM_REGEX TIMEOUT_SECS
    local f="$1" name="$2" re="$3" t="$4" p t0
    if alive "$f" "$re"; then
        p="$(cat "$f")"; t0="$(now)"
        kill -TERM "$p" 2>/dev/null || true
        for _ in $(seq 1 $((t * 20))); do running "$p" || break; sleep 0.05; done
        if running "$p"; then
            log "$name (pid $p) ignored SIGTERM for ${t}s, sending SIGKILL"
            kill -KILL "$p" 2>/dev/null || true
        fi
        log "$name (pid $p) stopped in $(since "$t0") s"
    fi
    rm -f "$f"
}

cmd_start() {
    command -v pcscd >/dev/null || die "pcscd not installed (scripts/setup-debian.sh, or apt-get install pcscd)"
    [ -e "$VPCD_LIB" ] || die "$VPCD_LIB missing (apt-get install vsmartcard-vpcd)"
    mkdir -p "$RIG_DIR/reader.conf.d"
    if alive "$RIG_DIR/pcscd.pid" '^pcscd$'; then
        die "rig already running (pcscd pid $(cat "$RIG_DIR/pcscd.pid")); $0 stop first"
    fi
    if [ "$RIG_PRIVATE_RUN" != 1 ] && [ -s /run/pcscd/pcscd.pid ] \
        && kill -0 "$(tr -d '\0' < /run/pcscd/pcscd.pid)" 2>/dev/null; then
        die "another pcscd (pid $(tr -d '\0' < /run/pcscd/pcscd.pid)) owns /run/pcscd; stop it or use RIG_PRIVATE_RUN=1"
    fi
    for p in $(all_ports); do
        if port_listening "$p"; then die "TCP port $p already in use (choose another VPCD_PORT)"; fi
    done

    # pcscd -c DIR reads only this directory, so /etc/reader.conf.d neither matters nor changes.
    # DEVICENAME /dev/null:PORT = vpcd listens on 0.0.0.0:PORT and PORT+1 (two slots).
    # vpcd keeps its connections in a static array indexed by slot number only, so two entries
    # sharing one loaded driver would overwrite each other (only the last entry would work).
    # Each entry therefore gets its own copy of the driver: a separate file is a separate
    # dlopen, with its own statics.
    local i port name lib
    : > "$RIG_DIR/reader.conf.d/vpcd"
    rm -rf "$RIG_DIR/drivers"
    for i in $(seq 1 "$RIG_SLOTS"); do
        port=$((VPCD_PORT + 2 * (i - 1)))
        if [ "$RIG_SLOTS" = 1 ]; then
            name="$READER_NAME"; lib="$VPCD_LIB"
        else
            name="$READER_NAME $i"; lib="$RIG_DIR/drivers/libifdvpcd-$i.so"
            mkdir -p "$RIG_DIR/drivers"
            cp "$(readlink -f "$VPCD_LIB")" "$lib"
        fi
        cat >> "$RIG_DIR/reader.conf.d/vpcd" <<CONF
FRIENDLYNAME "$name"
DEVICENAME   /dev/null:$port
LIBPATH      $lib
CHANNELID    $port

CONF
    done
    reader_list > "$RIG_DIR/readers"
    echo "$SOCK" > "$RIG_DIR/socket"
    local t0; t0="$(now)"
    # --foreground under setsid: $! is the daemon itself (after the exec chain) and it survives
    # the shell that started it without sharing its process group.
    # shellcheck disable=SC2086
    if [ "$RIG_PRIVATE_RUN" = 1 ]; then
        mkdir -p "$RIG_DIR/run"
        setsid unshare --mount --propagation private sh -c \
            "mkdir -p /run/pcscd && mount --bind '$RIG_DIR/run' /run/pcscd && exec pcscd --foreground -c '$RIG_DIR/reader.conf.d' $PCSCD_ARGS" \
            > "$RIG_DIR/pcscd.log" 2>&1 < /dev/null &
    else
        setsid pcscd --foreground -c "$RIG_DIR/reader.conf.d" $PCSCD_ARGS \
            > "$RIG_DIR/pcscd.log" 2>&1 < /dev/null &
    fi
    echo $! > "$RIG_DIR/pcscd.pid"
    local ok=0
    for _ in $(seq 1 $((WAIT_SECS * 20))); do
        if [ -S "$SOCK" ] && ports_up; then ok=1; break; fi
        running "$(cat "$RIG_DIR/pcscd.pid")" || break
        sleep 0.05
    done
    if [ "$ok" != 1 ]; then
        tail -20 "$RIG_DIR/pcscd.log" >&2
        cmd_stop
        die "pcscd did not come up"
    fi
    # until here comm could still read setsid/unshare/sh; now it must be pcscd
    for _ in $(seq 1 20); do alive "$RIG_DIR/pcscd.pid" '^pcscd$' && break; sleep 0.05; done
    alive "$RIG_DIR/pcscd.pid" '^pcscd$' || die "pid file does not point at pcscd: $(cat "$RIG_DIR/pcscd.pid")"
    log "pcscd pid $(cat "$RIG_DIR/pcscd.pid") ready in $(since "$t0") s; socket $SOCK; vpcd on 0.0.0.0:$(all_ports | paste -sd, -)"

    [ "$CARD_CMD" = none ] && return 0
    local first; first="$(reader_list | head -1 | cut -f2)"
    t0="$(now)"
    # shellcheck disable=SC2086
    setsid $CARD_CMD > "$RIG_DIR/card.log" 2>&1 < /dev/null &
    echo $! > "$RIG_DIR/card.pid"
    ok=0
    if command -v opensc-tool >/dev/null; then
        for _ in $(seq 1 $((WAIT_SECS * 20))); do
            if PCSCLITE_CSOCK_NAME="$SOCK" opensc-tool -l 2>/dev/null \
                | grep -Eq "^[0-9]+ +Yes .*$first\$"; then ok=1; break; fi
            running "$(cat "$RIG_DIR/card.pid")" || break
            sleep 0.05
        done
    else
        sleep 1; running "$(cat "$RIG_DIR/card.pid")" && ok=1
    fi
    [ "$ok" = 1 ] || { tail -20 "$RIG_DIR/card.log" >&2; die "card not seen by pcscd within ${WAIT_SECS}s"; }
    log "card pid $(cat "$RIG_DIR/card.pid") present in '$first' after $(since "$t0") s"
}

cmd_stop() {
    stop_pid "$RIG_DIR/card.pid" card '.' 3
    # cards the end-to-end tests started (tests/support/rig.rs), should a test process have died
    # without stopping its own
    local f
    for f in "$RIG_DIR"/cards/*.pid; do
        if [ -e "$f" ]; then stop_pid "$f" "test card $(basename "$f" .pid)" '^cns-sim-vpcd$' 3; fi
    done
    stop_pid "$RIG_DIR/pcscd.pid" pcscd '^pcscd$' 5
}

cmd_status() {
    local rc=0
    if alive "$RIG_DIR/pcscd.pid" '^pcscd$'; then log "pcscd: running, pid $(cat "$RIG_DIR/pcscd.pid")"
    else log "pcscd: not running"; rc=1; fi
    if alive "$RIG_DIR/card.pid" '.'; then log "card: running, pid $(cat "$RIG_DIR/card.pid")"; fi
    for p in $(all_ports); do
        if port_listening "$p"; then log "port $p: listening"; else log "port $p: closed"; fi
    done
    if [ "$rc" = 0 ] && command -v opensc-tool >/dev/null; then
        PCSCLITE_CSOCK_NAME="$SOCK" opensc-tool -l || true
    fi
    return "$rc"
}

cmd_env() {
    echo "export CNS_PCSCD_TESTS=1"
    echo "export CNS_VPCD_PORT=$VPCD_PORT"
    echo "export CNS_PCSC_READER='$(reader_list | head -1 | cut -f2)'"
    echo "export CNS_PCSC_RIG_DIR='$RIG_DIR'"
    # the end-to-end tests (tests/support/rig.rs) take their readers from $RIG_DIR/readers
    echo "export CNS_E2E_RIG_DIR='$RIG_DIR'"
    if [ "$RIG_PRIVATE_RUN" = 1 ]; then
        echo "export CNS_PCSC_RIG_PRIVATE_RUN=1"
        echo "export PCSCLITE_CSOCK_NAME='$SOCK'"
    fi
}

case "${1:-}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    env) cmd_env ;;
    *) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 2 ;;
esac
