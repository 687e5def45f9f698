#!/usr/bin/env bash
# The Windows build (issue 18), on Linux: clippy for x86_64-pc-windows-gnu, the release
# cns-manager.exe (a console program that lets go of its own console when the window opens, with
# its icon and version resource), its GUI-subsystem copy cns-managerw.exe (the Start menu's:
# scripts/windows-gui-copy.py) and cns_pkcs11.dll, linked by Debian's mingw-w64; clippy for macOS (aarch64-apple-darwin); and a
# CLI smoke test of the exe under Wine; the MSI and the portable zip (scripts/package-windows.sh),
# the MSI installed, run, and uninstalled under Wine; the unit and integration tests of every
# crate, GUI (kittest) tests included, built for Windows and run under Wine (step wine-tests).
#
# What Wine cannot show: PC/SC (Wine 8's winscard.dll is stubs, so only the demo card is used
# here), the real Windows console, Authenticode. See the README's Windows section.
#
# Cost on the 2-core machine, measured in a cold .ci/run on a fresh machine (after the Linux
# stages, their debug build scripts reused): 794 s (clippy 157, release build 227, macOS 64, CLI
# smoke 15, MSI and zip 2, their install, upgrade and uninstall under Wine 7, the window 29,
# wine-tests 287 of which 240 build the Windows test programs); about 115 s warm. wine-tests
# builds no debug info (that was
# 13 minutes and 11 GB, mostly linking) and leaves out, by name (WINE_SKIPPED_TARGETS), the
# targets that cannot run under Wine: the pcscd-rig ones, the Linux-only memory scan, the GPU
# snapshots; examples and doc tests are not built (clippy checks the examples).
# Each step prints "[windows] step NAME: N s". The exe and DLL are left in
# target/x86_64-pc-windows-gnu/release/, the MSI and the zip in target/windows/.
set -euo pipefail
cd "$(dirname "$0")/.."

WIN=x86_64-pc-windows-gnu
MAC=aarch64-apple-darwin
OUT="target/$WIN/release"
REPO="$PWD"
log() { echo "[windows] $*"; }
fail() {
    echo "[windows] FAILED: $*" >&2
    exit 1
}
step() {
    local name=$1 t0=$SECONDS
    shift
    "$@"
    log "step $name: $(( SECONDS - t0 )) s"
}

setup() {
    # mingw-w64 and wine are in setup-debian.sh's list; the Rust targets come from rustup.
    ./scripts/setup-debian.sh
    local installed
    installed="$(rustup target list --installed)"
    for t in "$WIN" "$MAC"; do
        grep -qx "$t" <<<"$installed" || rustup target add "$t"
    done
}

clippy() {
    # Every crate, tests and examples included, but cns-vpcd: its cns-sim-vpcd program is the
    # Linux test rig's card behind pcscd's vpcd driver, stopped by Unix signals (SIGUSR1, and
    # signal_hook's iterator, which has no Windows version); nothing of it ships on Windows.
    # Clippy compiles the `dev` profile's metadata only (no code generation): it shares nothing
    # with the release build below, but costs a fraction of a debug build.
    cargo clippy --locked --target "$WIN" --workspace --exclude cns-vpcd --all-targets -- -D warnings
}

release() {
    # One release build of both deliverables; the smoke test below reuses it.
    cargo build --locked --release --target "$WIN" -p cns-manager --bin cns-manager -p cns-pkcs11 --lib
    local f
    for f in "$OUT/cns-manager.exe" "$OUT/cns_pkcs11.dll"; do
        [ -s "$f" ] || fail "$f was not built"
        file -b "$f" | grep -q 'PE32+' || fail "$f is not a PE32+ file: $(file -b "$f")"
    done
    local pe
    pe="$(x86_64-w64-mingw32-objdump -p "$OUT/cns-manager.exe")"
    # A console program, so that cmd and PowerShell wait for a command and a PIN prompt reads the
    # keyboard alone (a GUI program's prompt would share the keystrokes with the shell); started
    # from Explorer it lets go of the console Windows made for it (src/windows_console.rs)...
    grep -Eq '^Subsystem[[:space:]]+0+3[[:space:]]+\(Windows CUI\)' <<<"$pe" ||
        fail "cns-manager.exe is not a console-subsystem program: $(grep '^Subsystem' <<<"$pe")"
    # ... with its icon and version resource (build.rs, windres).
    python3 - "$OUT/cns-manager.exe" <<'PY' || fail "cns-manager.exe lacks its icon or version resource"
import sys
exe = open(sys.argv[1], "rb").read()
# The version resource's strings are UTF-16; an icon group starts with reserved 0, type 1 (icon), count 4.
assert "Gestione Tessera Sanitaria".encode("utf-16-le") in exe, "no version strings"
assert "VS_VERSION_INFO".encode("utf-16-le") in exe, "no version resource"
assert bytes([0, 0, 1, 0, 4, 0]) in exe, "no icon group"
PY
    # The copy the Start menu and a double click start: no console window at all, not even for
    # the moment before the console program lets go of it (Windows 11 opens a Terminal for it).
    python3 scripts/windows-gui-copy.py "$OUT/cns-manager.exe" "$OUT/cns-managerw.exe" ||
        fail "could not make cns-managerw.exe"
    gui_subsystem "$OUT/cns-managerw.exe"
}

# gui_subsystem EXE: the PE header says Windows GUI, as read by binutils (not by our script).
gui_subsystem() {
    local pe
    pe="$(x86_64-w64-mingw32-objdump -p "$1")"
    grep -Eq '^Subsystem[[:space:]]+0+2[[:space:]]+\(Windows GUI\)' <<<"$pe" ||
        fail "$1 is not a GUI-subsystem program: $(grep '^Subsystem' <<<"$pe")"
}

macos() {
    # Checking needs no linker and no SDK: every crate, tests included, is checked for macOS
    # (no C code is compiled for it: pcsc-sys only names the PCSC framework for the linker).
    # Clippy rather than check: the same compilation, and a warning in macOS-only code fails here.
    cargo clippy --locked --target "$MAC" --workspace --all-targets -- -D warnings
}

WINE_DIR=""
# The Wine prefix and its wineserver live only as long as this run, whatever ends it.
cleanup() {
    if [ -n "$WINE_DIR" ]; then
        WINEPREFIX="$WINE_DIR/prefix" wineserver -k 2>/dev/null || true
        rm -rf "$WINE_DIR"
    fi
}
trap cleanup EXIT

# The run's Wine prefix, made once (by the first step that needs it), with the ProcessPrng shim.
wine_prefix() {
    [ -z "$WINE_DIR" ] || return 0
    local dir
    dir="$(mktemp -d "${TMPDIR:-/tmp}/cns-wine.XXXXXX")"
    WINE_DIR="$dir"
    # A fresh prefix; the overrides keep Wine from offering to install Mono and Gecko, and from
    # copying the MSI's Start-menu shortcut into this machine's own menu (winemenubuilder).
    export WINEPREFIX="$dir/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml,winemenubuilder.exe="
    wineboot --init >/dev/null 2>&1 || fail "wineboot could not create the Wine prefix"
    wineserver -w
    x86_64-w64-mingw32-gcc -O2 -Wall -shared -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
        scripts/wine/processprng-shim.c -lbcrypt
}

smoke() {
    wine_prefix
    local dir="$WINE_DIR"
    # The PKCS#11 module loaded from C, as NSS loads it (scripts/wine/p11-load.c).
    x86_64-w64-mingw32-gcc -O2 -Wall -o "$dir/p11-load.exe" scripts/wine/p11-load.c
    # The portable layout: the DLL beside the exe is the module browser-setup registers.
    cp "$OUT/cns-manager.exe" "$OUT/cns_pkcs11.dll" "$dir/"
    cp crates/cns-sim/fixtures/ca-toscana-test.der "$dir/ca.der"
    (cd "$dir" && smoke_commands && browser_setup_commands)
}

# Runs p11-load.exe on a DLL (a Windows path); fails unless NSS's calls all succeed on our module.
p11_load() {
    local out
    out="$(timeout 60 wine "$WINE_DIR/p11-load.exe" "$1" 2>&1)" || fail "loading $1 as NSS does: $out"
    grep -q '^manufacturer=cns-manager description=TS-CNS PKCS#11 cryptoki=2.40 slots=0' <<<"$out" ||
        fail "loading $1: unexpected answer: $out"
}

# The portable copy's "cns-manager browser-setup" registers the DLL beside it in a Firefox profile
# under %APPDATA%\Mozilla\Firefox, Windows having no modutil: pkcs11.txt as Firefox 153 for Windows
# writes it (CRLF), our block appended with the DLL's Windows path; --check then finds it set up.
browser_setup_commands() {
    local appdata root profile out
    appdata="$(winepath -u "$(wine cmd /c echo %APPDATA% 2>/dev/null | tr -d '\r')")"
    root="$appdata/Mozilla/Firefox"
    profile="$root/Profiles/q1w2e3r4.default-release"
    mkdir -p "$profile"
    printf '[Profile0]\r\nName=default-release\r\nIsRelative=1\r\nPath=Profiles/q1w2e3r4.default-release\r\nDefault=1\r\n\r\n[General]\r\nStartWithLastProfile=1\r\nVersion=2\r\n' >"$root/profiles.ini"
    printf 'library=\r\nname=NSS Internal PKCS #11 Module\r\nparameters=configdir='"'"'sql:C:\\Users\\x\\q1w2e3r4.default-release'"'"' \r\nNSS=Flags=internal,critical trustOrder=75 cipherOrder=100\r\n\r\nlibrary=osclientcerts.dll\r\nname=OS Client Cert Module\r\n\r\n' >"$profile/pkcs11.txt"
    cp "$profile/pkcs11.txt" before.txt
    if exe browser-setup --check --json >check.json; then
        fail "browser-setup --check found the new profile already set up: $(cat check.json)"
    fi
    out="$(exe browser-setup --yes --json)" || fail "browser-setup --yes exited with $?: $out"
    local dll
    dll="$(winepath -w "$PWD/cns_pkcs11.dll" 2>/dev/null | tr -d '\r')"
    { cat before.txt && printf 'library=%s\r\nname=CNS (cns-manager)\r\n\r\n' "$dll"; } >expected.txt
    cmp -s "$profile/pkcs11.txt" expected.txt ||
        fail "after browser-setup --yes, pkcs11.txt is not the old one plus our block: $(diff <(od -c expected.txt) <(od -c "$profile/pkcs11.txt"))"
    exe browser-setup --check --json >check.json || fail "browser-setup --check after --yes exited with $?: $(cat check.json)"
    out="$(exe browser-setup --yes --json)" || fail "a second browser-setup --yes exited with $?"
    cmp -s "$profile/pkcs11.txt" expected.txt || fail "a second browser-setup --yes changed pkcs11.txt"
    p11_load "$dll"
    # The prefix is shared with the later steps: no Firefox profile left in it.
    rm -rf "$root"
    log "wine: browser-setup registers the DLL in a Firefox profile under %APPDATA% (CRLF kept, once); the DLL loads as NSS loads it"
}

msi() {
    ./scripts/package-windows.sh
}

# Runs the exe under Wine in the current directory (relative paths: Wine maps it to Z:\…).
exe() {
    timeout 120 wine ./cns-manager.exe "$@"
}

smoke_commands() {
    local version out
    version="$(grep -m1 '^version = ' "$REPO/Cargo.toml" | cut -d'"' -f2)"
    out="$(exe --version)" || fail "cns-manager.exe --version exited with $?"
    [ "$out" = "cns-manager $version" ] || fail "--version printed \"$out\", expected \"cns-manager $version\""
    log "wine: --version prints \"$out\""

    local lang usage
    for lang in it:Uso en:Usage de:Aufruf; do
        usage="${lang#*:}"
        lang="${lang%%:*}"
        out="$(exe --lang "$lang" --help)" || fail "--lang $lang --help exited with $?"
        grep -q "^$usage: cns-manager" <<<"$out" || fail "--lang $lang --help has no \"$usage: cns-manager\" line"
        grep -q 'verify-pin' <<<"$out" || fail "--lang $lang --help does not list verify-pin"
    done
    log "wine: --help in it, en, de"

    exe --demo status --json >status.json || fail "--demo status --json exited with $?"
    python3 - status.json <<'PY' || fail "--demo status --json: unexpected content (above)"
import json, re, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
checks = {
    "card.serial is 16 digits": re.fullmatch(r"\d{16}", d["card"]["serial"] or ""),
    "pin ok, 3 tries": d["pin"] == {"state": "ok", "tries_left": 3},
    "puk ok, 8 tries": d["puk"] == {"state": "ok", "tries_left": 8},
    "certificate RSA 2048": (d["certificate"]["key_type"], d["certificate"]["key_bits"]) == ("RSA", 2048),
    "fiscal code valid": d["holder"]["fiscal_code_valid"] is True,
    "card and certificate agree": d["consistency"]["card_serial"] == "match",
}
bad = [k for k, ok in checks.items() if not ok]
if bad:
    print("[windows] status --json: not as expected:", ", ".join(bad), file=sys.stderr)
    sys.exit(1)
PY
    log "wine: --demo status --json parsed, fields checked"

    # Only the result is printed on failure: the JSON names the (demo) holder.
    local verdict='import json,sys; print(json.loads(sys.stdin.read() or "{}").get("result"))'
    # An accented name: the exe gets its arguments as UTF-16 and writes files by that name.
    local doc="prova è.bin"
    head -c 300000 /dev/urandom >"$doc"
    # The demo card's PIN, from stdin: nothing waits on a console under Wine.
    out="$(printf '12345\n' | exe --demo sign "$doc" --stdin --json)" || fail "--demo sign exited with $?"
    [ -s "$doc.p7m" ] || fail "--demo sign wrote no \"$doc.p7m\" (result: $(python3 -c "$verdict" <<<"$out" 2>&1))"
    out="$(exe --demo verify "$doc.p7m" --ca ca.der --extract estratto.bin --json)" ||
        fail "--demo verify --ca exited with $? (result: $(python3 -c "$verdict" <<<"$out" 2>&1))"
    [ "$(python3 -c "$verdict" <<<"$out")" = valid ] ||
        fail "verify did not find the signature valid (result: $(python3 -c "$verdict" <<<"$out" 2>&1))"
    cmp "$doc" estratto.bin || fail "the extracted file differs from the signed one"
    log "wine: --demo sign, verify --ca valid, extracted file identical"
}

# The MSI as an administrator installs it (msiexec /qn, per-machine), in the smoke test's prefix.
msi_install_test() {
    local version msi dir lnk key out m
    version="$(grep -m1 '^version = ' Cargo.toml | cut -d'"' -f2)"
    msi="target/windows/cns-manager-$version-x64.msi"
    [ -s "$msi" ] || fail "$msi was not built (step msi)"
    cp "$msi" "$WINE_DIR/cns-manager.msi"
    dir="$WINEPREFIX/drive_c/Program Files/CNS Manager"
    # The MSI is per-machine (ALLUSERS=1, checked by package-windows.sh), so Windows puts the
    # shortcut in the all-users Start menu; Wine 8's msi puts it in the user's one all the same.
    local menus=("$WINEPREFIX/drive_c/ProgramData/Microsoft/Windows/Start Menu/Programs"
        "$WINEPREFIX"/drive_c/users/*/AppData/Roaming/Microsoft/Windows/"Start Menu"/Programs)
    key='HKLM\Software\Policies\Mozilla\Firefox\SecurityDevices\Add'
    local settings="$WINEPREFIX/drive_c/ProgramData/cns-manager"

    (cd "$WINE_DIR" && timeout 300 wine msiexec /i cns-manager.msi /qn) || fail "msiexec /i exited with $?"
    local f
    for f in cns-manager.exe cns-managerw.exe cns_pkcs11.dll; do
        cmp -s "$dir/$f" "$OUT/$f" || fail "after install, expected C:\\Program Files\\CNS Manager\\$f identical to $OUT/$f"
    done
    out="$(timeout 120 wine 'C:\Program Files\CNS Manager\cns-manager.exe' --version)" ||
        fail "the installed cns-manager.exe --version exited with $?"
    [ "$out" = "cns-manager $version" ] || fail "the installed exe printed \"$out\", expected \"cns-manager $version\""
    lnk=""
    for m in "${menus[@]}"; do
        [ -s "$m/Gestione Tessera Sanitaria.lnk" ] && lnk="$m/Gestione Tessera Sanitaria.lnk"
    done
    [ -n "$lnk" ] || fail "after install, expected the Start-menu shortcut \"Gestione Tessera Sanitaria\""
    # A shell link keeps its target's full path as plain text (and again in UTF-16).
    grep -qF 'C:\Program Files\CNS Manager\cns-managerw.exe' "$lnk" ||
        fail "the shortcut \"Gestione Tessera Sanitaria\" does not point at C:\\Program Files\\CNS Manager\\cns-managerw.exe"
    gui_subsystem "$dir/cns-managerw.exe"
    out="$(wine reg query "$key" /v 'CNS (cns-manager)' 2>&1)" || fail "after install, expected the registry value $key\\CNS (cns-manager): $out"
    grep -qF 'C:\Program Files\CNS Manager\cns_pkcs11.dll' <<<"$out" ||
        fail "$key\\CNS (cns-manager) is not the installed DLL's path: $out"
    p11_load 'C:\Program Files\CNS Manager\cns_pkcs11.dll'
    sed 's/$/\r/' packaging/windows/config.toml.example | cmp -s - "$settings/config.toml.example" ||
        fail "after install, expected C:\\ProgramData\\cns-manager\\config.toml.example (CRLF) as in packaging/windows/"
    [ ! -e "$settings/config.toml" ] || fail "the MSI installed config.toml: it is the administrator's alone"
    log "wine-msi: installed: files in Program Files, --version, shortcut to the GUI-subsystem copy, Firefox policy (SecurityDevices\\Add), the DLL loads as NSS loads it, the settings example in ProgramData"
    # The administrator's system-wide settings: the example with lang uncommented, set to German.
    sed 's/^#lang = "it"/lang = "de"/; s/$/\r/' packaging/windows/config.toml.example >"$settings/config.toml"
    installed_speaks_german "the installed exe with lang = \"de\" in C:\\ProgramData\\cns-manager\\config.toml"

    (cd "$WINE_DIR" && timeout 300 wine msiexec /x cns-manager.msi /qn) || fail "msiexec /x exited with $?"
    if [ -e "$dir" ]; then
        out="$(find "$dir" -mindepth 1)"
        [ -z "$out" ] || fail "after uninstall, expected nothing under Program Files\\CNS Manager, found: $out"
    fi
    [ ! -e "$lnk" ] || fail "after uninstall, expected no Start-menu shortcut, found ${lnk#"$WINEPREFIX/drive_c/"}"
    if out="$(wine reg query "$key" /v 'CNS (cns-manager)' 2>&1)"; then
        fail "after uninstall, expected no registry value $key\\CNS (cns-manager), found: $out"
    fi
    [ ! -e "$settings/config.toml.example" ] || fail "after uninstall, config.toml.example is still in ProgramData"
    [ -s "$settings/config.toml" ] || fail "uninstalling removed the administrator's C:\\ProgramData\\cns-manager\\config.toml"
    log "wine-msi: uninstalled: Program Files\\CNS Manager, the shortcut, the policy value and the example are gone; the administrator's config.toml is kept"
    msi_upgrade_test "$version" "$dir"
    rm -f "$settings/config.toml"
}

# The installed exe's help is in German: the system-wide settings were read.
installed_speaks_german() {
    local out
    out="$(LANG=C.UTF-8 timeout 120 wine 'C:\Program Files\CNS Manager\cns-manager.exe' --help)" ||
        fail "$1: --help exited with $?"
    grep -q '^Aufruf: cns-manager' <<<"$out" || fail "$1: --help is not in German: $(head -3 <<<"$out")"
}

# A newer MSI (same UpgradeCode) replaces the installed one instead of installing beside it.
msi_upgrade_test() {
    local version=$1 dir=$2 next out
    next="$(awk -F. '{ printf "%d.%d.%d", $1, $2, $3 + 1 }' <<<"$version")"
    ./scripts/package-windows.sh --version "$next" --out "$WINE_DIR/next" >/dev/null
    cp "$WINE_DIR/next/cns-manager-$next-x64.msi" "$WINE_DIR/next.msi"
    (cd "$WINE_DIR" && timeout 300 wine msiexec /i cns-manager.msi /qn) || fail "msiexec /i exited with $?"
    (cd "$WINE_DIR" && timeout 300 wine msiexec /i next.msi /qn) || fail "msiexec /i of version $next exited with $?"
    installed_speaks_german "after the upgrade to $next, the installed exe"
    out="$(wine reg query 'HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall' /s 2>/dev/null |
        tr -d '\r' | awk '/^HKEY_/ { if (n == "CNS Manager") print v; n = ""; v = "" }
            $1 == "DisplayName" { n = $0; sub(/.*REG_SZ[ \t]+/, "", n) }
            $1 == "DisplayVersion" { v = $3 }
            END { if (n == "CNS Manager") print v }')"
    [ "$out" = "$next" ] || fail "after installing $next over $version, expected one CNS Manager $next in \"Apps and features\", found versions: ${out//$'\n'/ }"
    (cd "$WINE_DIR" && timeout 300 wine msiexec /x next.msi /qn) || fail "msiexec /x of version $next exited with $?"
    [ ! -e "$dir" ] || [ -z "$(find "$dir" -mindepth 1)" ] ||
        fail "after uninstalling the upgrade, expected nothing under Program Files\\CNS Manager, found: $(find "$dir" -mindepth 1)"
    log "wine-msi: $next installed over $version replaces it, keeps the administrator's settings, and uninstalls cleanly"
}

# The window under Xvfb in a Wine prefix of its own, driven through a PIN verify and read back
# by OCR (scripts/wine/window-test.sh; screenshots in target/windows/).
window_test() {
    # The GUI-subsystem copy, as the Start menu starts it (same code as cns-manager.exe)
    ./scripts/wine/window-test.sh "$OUT/cns-managerw.exe"
}

# The test targets that cannot run under Wine, left out of the build, with why (the tests
# inside the built targets that need a missing tool are marked in the code instead:
# #[cfg_attr(windows, ignore = "needs openssl (absent under Wine)")], and listed at the end).
WINE_SKIPPED_TARGETS=(
    "e2e_cli:drives cns-manager through a pcscd rig (Wine 8's winscard.dll is stubs)"
    "e2e_doctor:drives cns-manager through a pcscd rig (Wine 8's winscard.dll is stubs)"
    "e2e_faults:drives cns-manager through a pcscd rig (Wine 8's winscard.dll is stubs)"
    "e2e_sign:drives cns-manager through a pcscd rig (Wine 8's winscard.dll is stubs)"
    "e2e_pkcs11:the PKCS#11 module through a pcscd rig, pkcs11-tool and NSS (absent under Wine)"
    "opensc:OpenSC's tools through a pcscd rig (absent under Wine)"
    "pcscd:cns-pcsc against a pcscd it stops and restarts (absent under Wine)"
    "secrets_memory:scans the CLI process's memory through /proc (Linux only)"
    "gui_snapshots:image snapshots need --features snapshot and a GPU stack (run on Linux)"
)

# Builds the unit tests (--lib, --bins) and every integration test target but those above, for
# Windows, and prints the cargo arguments that select them.
wine_test_args() {
    local skip="" t
    for t in "${WINE_SKIPPED_TARGETS[@]}"; do skip+="${t%%:*} "; done
    cargo metadata --locked --no-deps --format-version 1 | SKIP="$skip" python3 -c '
import json, os, sys
skip = set(os.environ["SKIP"].split())
names = sorted({t["name"] for p in json.load(sys.stdin)["packages"] if p["name"] != "cns-vpcd"
                for t in p["targets"] if "test" in t["kind"] and t["name"] not in skip})
print(" ".join(["--workspace", "--exclude", "cns-vpcd", "--lib", "--bins"] + [f"--test={n}" for n in names]))
'
}

wine_tests() {
    wine_prefix
    local args log rc=0
    # shellcheck disable=SC2207 # target names have no spaces
    args=($(wine_test_args))
    # No debug info for the Windows test programs: with it, linking ~55 programs of 50-300 MB
    # each is most of the build's time and 11 GB of disk. Target flags only: the build scripts and
    # proc macros (host code) built by the Linux stages are reused as they are.
    export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUSTFLAGS="-C debuginfo=0 -C strip=debuginfo"
    local t0=$SECONDS
    cargo test --locked --no-run --target "$WIN" "${args[@]}" 2>&1 | grep --line-buffered -v '^ *Executable ' || fail "the Windows test build failed"
    log "wine-tests: built in $(( SECONDS - t0 )) s"
    log="$WINE_DIR/wine-tests.log"
    # Cargo runs each test program through Wine, in its package's folder (Z:\... under Wine).
    # Without scripts/test.sh's rig variables: Wine reaches no pcscd, so a test that looks for the
    # rig must find none (and say it is skipped) rather than try it.
    env -u CNS_PCSCD_TESTS -u CNS_E2E_RIG_DIR -u CNS_PCSC_RIG_DIR -u CNS_VPCD_PORT -u CNS_PCSC_READER \
        -u CNS_PCSC_RIG_PRIVATE_RUN -u PCSCLITE_CSOCK_NAME \
        CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER=wine timeout 1800 \
        cargo test --locked --target "$WIN" "${args[@]}" --no-fail-fast >"$log" 2>&1 || rc=$?
    wine_tests_report "$log"
    if [ "$rc" != 0 ]; then
        sed -n '/^failures:$/,/^test result:/p' "$log" >&2
        tail -25 "$log" >&2
        fail "tests failed under Wine (exit $rc; the failures above)"
    fi
}

# What ran, and every test and target that did not, by name and why.
wine_tests_report() {
    local log=$1 t
    # Cargo prints "Running SOURCE (target/.../NAME-HASH.exe)" before each program's result.
    awk '/^ *Running / { n = $NF; sub(/.*\//, "", n); sub(/-[0-9a-f]+\.exe\)$/, "", n) }
        /^test result:/ { p += $4; f += $6; i += $8; per = per sprintf(" %s %d/%d", n, $4, $4 + $6 + $8) }
        END { printf "[windows] wine-tests: passed/all per program:%s\n", per
              printf "[windows] wine-tests: %d passed, %d failed, %d not run (below)\n", p, f, i }' "$log"
    for t in "${WINE_SKIPPED_TARGETS[@]}"; do log "skipped: test target ${t%%:*} — ${t#*:}"; done
    # libtest prints "test NAME ... ignored, REASON". A test that another one runs in a child
    # process ("run by ...") is ignored on Linux too; it runs when that one does.
    sed -n 's/^test \(.*\) \.\.\. ignored, \(.*\)$/\1 — \2/p' "$log" | sort -u | while IFS= read -r t; do
        case "$t" in
        *" — run by "*) log "ignored as on Linux: $t" ;;
        *) log "skipped: $t" ;;
        esac
    done
}

step setup setup
step clippy clippy
step release release
step msi msi
step macos macos
step wine smoke
step wine-msi msi_install_test
step wine-window window_test
step wine-tests wine_tests
