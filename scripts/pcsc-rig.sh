#!/usr/bin/env bash
# pcsc-rig.sh - hardware-free PC/SC rig for the end-to-end tests: pcscd with a private
# reader.conf.d holding only the vsmartcard vpcd driver. A virtual card (any vpcd client, e.g.
# the tests' own emulator) then connects to 127.0.0.1:$VPCD_PORT to appear in reader
# "$READER_NAME 00 00" (and $VPCD_PORT+1 for "... 00 01"). Debian: pcscd, vsmartcard-vpcd.
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
WAIT_SECS="${WAIT_SECS:-10}"
VPCD_LIB=/usr/lib/pcsc/drivers/serial/libifdvpcd.so

if [ "$RIG_PRIVATE_RUN" = 1 ]; then SOCK="$RIG_DIR/run/pcscd.comm"; else SOCK=/run/pcscd/pcscd.comm; fi

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
    for p in "$VPCD_PORT" $((VPCD_PORT + 1)); do
        if port_listening "$p"; then die "TCP port $p already in use (choose another VPCD_PORT)"; fi
    done

    # pcscd -c DIR reads only this directory, so /etc/reader.conf.d neither matters nor changes.
    # DEVICENAME /dev/null:PORT = vpcd listens on 0.0.0.0:PORT and PORT+1 (two slots).
    cat > "$RIG_DIR/reader.conf.d/vpcd" <<CONF
FRIENDLYNAME "$READER_NAME"
DEVICENAME   /dev/null:$VPCD_PORT
LIBPATH      $VPCD_LIB
CHANNELID    $VPCD_PORT
CONF
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
        if [ -S "$SOCK" ] && port_listening "$VPCD_PORT"; then ok=1; break; fi
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
    log "pcscd pid $(cat "$RIG_DIR/pcscd.pid") ready in $(since "$t0") s; socket $SOCK; vpcd on 0.0.0.0:$VPCD_PORT,$((VPCD_PORT + 1))"

    [ "$CARD_CMD" = none ] && return 0
    t0="$(now)"
    # shellcheck disable=SC2086
    setsid $CARD_CMD > "$RIG_DIR/card.log" 2>&1 < /dev/null &
    echo $! > "$RIG_DIR/card.pid"
    ok=0
    if command -v opensc-tool >/dev/null; then
        for _ in $(seq 1 $((WAIT_SECS * 20))); do
            if PCSCLITE_CSOCK_NAME="$SOCK" opensc-tool -l 2>/dev/null \
                | grep -Eq "^[0-9]+ +Yes .*$READER_NAME 00 00"; then ok=1; break; fi
            running "$(cat "$RIG_DIR/card.pid")" || break
            sleep 0.05
        done
    else
        sleep 1; running "$(cat "$RIG_DIR/card.pid")" && ok=1
    fi
    [ "$ok" = 1 ] || { tail -20 "$RIG_DIR/card.log" >&2; die "card not seen by pcscd within ${WAIT_SECS}s"; }
    log "card pid $(cat "$RIG_DIR/card.pid") present in '$READER_NAME 00 00' after $(since "$t0") s"
}

cmd_stop() {
    stop_pid "$RIG_DIR/card.pid" card '.' 3
    stop_pid "$RIG_DIR/pcscd.pid" pcscd '^pcscd$' 5
}

cmd_status() {
    local rc=0
    if alive "$RIG_DIR/pcscd.pid" '^pcscd$'; then log "pcscd: running, pid $(cat "$RIG_DIR/pcscd.pid")"
    else log "pcscd: not running"; rc=1; fi
    if alive "$RIG_DIR/card.pid" '.'; then log "card: running, pid $(cat "$RIG_DIR/card.pid")"; fi
    for p in "$VPCD_PORT" $((VPCD_PORT + 1)); do
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
    echo "export CNS_PCSC_READER='$READER_NAME 00 00'"
    echo "export CNS_PCSC_RIG_DIR='$RIG_DIR'"
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
    *) sed -n '2,30p' "$0"; exit 2 ;;
esac
