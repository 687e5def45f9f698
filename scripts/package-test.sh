#!/usr/bin/env bash
# Installs the package built by scripts/package.sh with dpkg -i and exercises it from the
# installed path: --version, the man page in both languages, the completions (bash, zsh and
# fish each complete a command), the conffile,
# and `status --json` and `doctor` through the end-to-end rig's pcscd with a simulated card;
# the PKCS#11 module as p11-kit sees it (`p11-kit list-modules`, and pkcs11-tool through
# p11-kit-proxy.so, the way an NSS database with the proxy sees it) with the same card.
# Purges the package at the end (also on failure), so the machine is left as it was.
#
# Needs root (dpkg), the rig started by scripts/test.sh (CNS_E2E_RIG_DIR) and the debug
# cns-sim-vpcd binary. Run it before the cargo tests, which take the rig's slots.
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)"
DEB="target/cns-manager_${VERSION}_$(dpkg --print-architecture).deb"
RIG="${CNS_E2E_RIG_DIR:?the end-to-end rig (scripts/test.sh) is needed}"
[ -f "$DEB" ] || { echo "[package-test] $DEB missing: run scripts/package.sh" >&2; exit 1; }
if dpkg-query -W -f='${Status}' cns-manager 2>/dev/null | grep -q "install ok installed"; then
    # A developer's own installation is not ours to replace (CI machines never have one).
    echo "[package-test] SKIPPED: cns-manager is already installed on this machine; not touching it" >&2
    exit 0
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/cns-package-test.XXXXXX")"
CARD_PID=""
cleanup() {
    local rc=$?
    [ -n "$CARD_PID" ] && kill "$CARD_PID" 2>/dev/null && wait "$CARD_PID" 2>/dev/null
    dpkg --purge cns-manager >/dev/null 2>&1 || true
    rm -rf "$WORK"
    [ "$rc" = 0 ] || echo "[package-test] FAILED" >&2
    exit "$rc"
}
trap cleanup EXIT
fail() { echo "[package-test] FAIL: $*" >&2; exit 1; }

dpkg -i "$DEB" >/dev/null
echo "[package-test] installed $DEB"
APP=/usr/bin/cns-manager
# A clean user: no settings of the person running the tests, no locale.
export XDG_CONFIG_HOME="$WORK/config" HOME="$WORK/home"
unset LC_ALL LC_MESSAGES LANG LANGUAGE
mkdir -p "$HOME"

[ "$($APP --version)" = "cns-manager $VERSION" ] || fail "--version says '$($APP --version)'"
$APP --help | grep -q "^Uso: cns-manager" || fail "the default help is not Italian"
$APP --lang en --help | grep -q "^Usage: cns-manager" || fail "--lang en --help is not English"

# The man page renders, in Italian by default and in English with -L en.
man_it="$(MANWIDTH=100 man -P cat cns-manager 2>&1)" || fail "man cns-manager: $man_it"
grep -q "OPZIONI" <<<"$man_it" || fail "the default man page is not the Italian one"
grep -q "doctor" <<<"$man_it" || fail "the man page has no doctor command"
man_en="$(MANWIDTH=100 man -L en -P cat cns-manager 2>&1)" || fail "man -L en cns-manager: $man_en"
grep -q "OPTIONS" <<<"$man_en" || fail "man -L en is not English"
# Any language, whatever the locale: the page from the program itself (README, "Command line").
man_pipe="$($APP --lang en man | MANWIDTH=100 man -l -P cat - 2>&1)" || fail "cns-manager --lang en man | man -l -: $man_pipe"
grep -q "EXIT STATUS" <<<"$man_pipe" || fail "cns-manager --lang en man | man -l - is not the English page"

# Completions, from the installed files only: each shell really completes a command ("st" ->
# "status"), and the descriptions follow the locale. zsh is driven as a user types, in a
# pseudo-terminal: the first Tab must complete (a stub that only registered at the first Tab
# passed a "does it register" check and completed nothing).
words="$(bash -c 'source /usr/share/bash-completion/completions/cns-manager || exit 1
    f="$(complete -p cns-manager | sed -n "s/.* -F \([^ ]*\) .*/\1/p")"
    [ -n "$f" ] || exit 1
    COMP_WORDS=(cns-manager st); COMP_CWORD=1; COMP_LINE="cns-manager st"; COMP_POINT=${#COMP_LINE}
    "$f" cns-manager st cns-manager; printf "%s\n" "${COMPREPLY[@]}"')" || true
[ "$words" = "status" ] || fail "bash completes 'cns-manager st' to '$words', not 'status'"
line="$(zsh -f scripts/zsh-complete.zsh "cns-manager st" "$WORK/zsh-line")" || true
[ "$line" = "cns-manager status " ] || fail "zsh: the first Tab after 'cns-manager st' left '$line'"
# (clap's zsh script completes an option that takes a value as "--report=")
line="$(zsh -f scripts/zsh-complete.zsh "cns-manager doctor --rep" "$WORK/zsh-line")" || true
[ "$line" = "cns-manager doctor --report=" ] || fail "zsh: the first Tab after 'cns-manager doctor --rep' left '$line'"
# fish prints "candidate<TAB>description"
words="$(fish -c 'complete -C"cns-manager st"')" || true
grep -q "^status	Titolare, tessera" <<<"$words" || fail "fish completes 'cns-manager st' to '$words'"
words="$(LANG=en_US.UTF-8 fish -c 'complete -C"cns-manager st"')" || true
grep -q "^status	Holder, card" <<<"$words" || fail "fish, English locale: '$words'"

# The system-wide settings file is a conffile, and valid.
dpkg-query -W -f='${Conffiles}\n' cns-manager | grep -q "/etc/cns-manager/config.toml" \
    || fail "/etc/cns-manager/config.toml is not a conffile"

# No smart card service for this client: doctor says so and exits 1.
set +e
out="$(PCSCLITE_CSOCK_NAME="$WORK/no-pcscd.comm" $APP doctor)"; rc=$?
set -e
[ "$rc" = 1 ] || fail "doctor without pcscd exited $rc: $out"
grep -q "non è in esecuzione" <<<"$out" || fail "doctor without pcscd: $out"

# A simulated card in the rig's first reader, then status --json and doctor from /usr/bin.
SOCK="$(cat "$RIG/socket")"
IFS=$'\t' read -r PORT READER < <(head -1 "$RIG/readers")
target/debug/cns-sim-vpcd --port "$PORT" --mode standard --state "$WORK/state.toml" \
    >"$WORK/card.log" 2>&1 </dev/null &
CARD_PID=$!
for _ in $(seq 1 100); do
    PCSCLITE_CSOCK_NAME="$SOCK" $APP readers | grep -qF "$READER	tessera presente" && break
    sleep 0.1
done
export PCSCLITE_CSOCK_NAME="$SOCK"
status="$($APP status --json --reader "$READER")" || fail "status --json: $status"
grep -q '"serial": "6090104237815004"' <<<"$status" || fail "status --json: $status"
set +e
out="$($APP doctor --json)"; rc=$?
set -e
[ "$rc" = 0 ] || fail "doctor exited $rc: $out"
grep -q '"result": "ok"' <<<"$out" || fail "doctor --json: $out"
grep -q '"profile": "Athena"' <<<"$out" || fail "doctor --json: $out"
echo "[package-test] ok: --version, help, man (it, en), bash, zsh and fish completion, conffile, status --json and doctor through pcscd"

# The PKCS#11 module: installed where p11-kit looks, registered, and seeing the card.
TRIPLET="$(dpkg-architecture -qDEB_HOST_MULTIARCH)"
MODULE="/usr/lib/$TRIPLET/pkcs11/cns-pkcs11.so"
[ -f "$MODULE" ] || fail "$MODULE is not installed"
[ -f /usr/share/p11-kit/modules/cns-manager.module ] || fail "the p11-kit module file is not installed"
# p11-kit loads every registered module (OpenSC's too: it may list the same card as a token of
# its own); ours is the entry named after its file, with our library's manufacturer.
modules="$(p11-kit list-modules 2>&1)" || fail "p11-kit list-modules: $modules"
ours="$(awk '/^[^ \t]/ {on = ($1 == "cns-manager:")} on' <<<"$modules")"
grep -q "library-manufacturer: cns-manager" <<<"$ours" || fail "p11-kit does not list our module: $modules"
grep -q "token: BIANCHI GIULIA" <<<"$ours" || fail "p11-kit lists our module without the card's token: $ours"
grep -q "serial-number: 6090104237815004" <<<"$ours" || fail "p11-kit: no card serial in $ours"
# Through the proxy: what a browser whose NSS database loads p11-kit-proxy.so sees.
PROXY="/usr/lib/$TRIPLET/p11-kit-proxy.so"
[ -f "$PROXY" ] || fail "$PROXY missing: apt install p11-kit-modules (scripts/setup-debian.sh)"
slots="$(pkcs11-tool --module "$PROXY" --list-slots 2>&1)" || fail "pkcs11-tool through p11-kit-proxy: $slots"
grep -q "token manufacturer *: TS-CNS" <<<"$slots" || fail "p11-kit-proxy does not show our token: $slots"
grep -q "token label *: BIANCHI GIULIA" <<<"$slots" || fail "p11-kit-proxy: no card token in $slots"
echo "[package-test] ok: $MODULE registered with p11-kit; the card's token seen by p11-kit list-modules and through p11-kit-proxy.so"
