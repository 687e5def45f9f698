#!/usr/bin/env bash
# The Windows deliverables (issue 18 §5), made on Linux from the release build that
# scripts/windows.sh leaves in target/x86_64-pc-windows-gnu/release/:
#   target/windows/cns-manager-VERSION-x64.msi  the installer (wixl, from packaging/windows/cns-manager.wxs)
#   target/windows/cns-manager-VERSION-x64.zip  the portable copy: both exes, DLL and LEGGIMI.txt
# (cns-managerw.exe is cns-manager.exe marked for the GUI subsystem, made by the release step:
# the Start menu's and the double click's, with no console window).
# The MSI also puts a commented config.toml.example in C:\ProgramData\cns-manager\ (never config.toml).
# Neither is signed (no Authenticode certificate here): see the README's Windows section.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN="target/x86_64-pc-windows-gnu/release"
DEST="target/windows"
fail() {
    echo "[package-windows] FAILED: $*" >&2
    exit 1
}

for f in "$BIN/cns-manager.exe" "$BIN/cns-managerw.exe" "$BIN/cns_pkcs11.dll"; do
    [ -s "$f" ] || fail "$f is missing: build it first (scripts/windows.sh, step release)"
done
command -v wixl >/dev/null || fail "wixl is not installed (Debian package wixl: scripts/setup-debian.sh)"
command -v zip >/dev/null || fail "zip is not installed (scripts/setup-debian.sh)"

# The workspace's version, the one `cns-manager --version` prints. `--version X.Y.Z --out DIR`
# make another one elsewhere: scripts/windows.sh installs it over the real one to test upgrades.
VERSION="$(grep -m1 '^version = ' Cargo.toml | cut -d'"' -f2)"
while [ $# -gt 0 ]; do
    case "$1" in
    --version) VERSION="${2:?--version needs X.Y.Z}" && shift 2 ;;
    --out) DEST="${2:?--out needs a folder}" && shift 2 ;;
    *) fail "unknown argument \"$1\" (usage: package-windows.sh [--version X.Y.Z] [--out DIR])" ;;
    esac
done
# An MSI's ProductVersion is three numbers below 256.256.65536: a pre-release suffix would not fit.
[[ "$VERSION" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "version \"$VERSION\" is not X.Y.Z, which an MSI needs"

mkdir -p "$DEST"
MSI="$DEST/cns-manager-$VERSION-x64.msi"
ZIP="$DEST/cns-manager-$VERSION-x64.zip"
rm -f "$MSI" "$ZIP"

# The staging folder holds the text files with Windows line ends (Notepad reads UTF-8 with CRLF
# well, and without a BOM too since Windows 10 1903).
# Relative: wixl takes a Source path relative to the working folder only.
mkdir -p target
STAGE="$(mktemp -d target/package-windows.XXXXXX)"
trap 'rm -rf "$STAGE"' EXIT
sed 's/$/\r/' packaging/windows/config.toml.example >"$STAGE/config.toml.example"
wixl --arch x64 -D Version="$VERSION" -D BinDir="$BIN" -D IconFile=packaging/windows/cns-manager.ico \
    -D ConfigExample="$STAGE/config.toml.example" -o "$MSI" packaging/windows/cns-manager.wxs
[ -s "$MSI" ] || fail "wixl wrote no $MSI"
# Per-machine: Wine installs the same either way (its Start menu is the user's), so the property
# that makes Windows install for every user is checked here, in the MSI itself.
msiinfo export "$MSI" Property | tr -d '\r' | grep -qx $'ALLUSERS\t1' ||
    fail "$MSI does not set ALLUSERS=1: it would install for the current user only"

# The zip holds one folder, so that "Extract all" does not scatter the files.
PORTABLE="$STAGE/cns-manager-$VERSION"
mkdir "$PORTABLE"
cp "$BIN/cns-manager.exe" "$BIN/cns-managerw.exe" "$BIN/cns_pkcs11.dll" "$PORTABLE/"
sed 's/$/\r/' packaging/windows/LEGGIMI.txt >"$PORTABLE/LEGGIMI.txt"
# zip runs in the staging folder, so it gets the archive's absolute path.
zip_abs="$(realpath -m "$ZIP")"
(cd "$STAGE" && zip -q -X -r "$zip_abs" "cns-manager-$VERSION")
[ -s "$ZIP" ] || fail "zip wrote no $ZIP"

echo "[package-windows] $MSI ($(du -h "$MSI" | cut -f1))"
echo "[package-windows] $ZIP ($(du -h "$ZIP" | cut -f1))"
