#!/usr/bin/env bash
# Installs what building, running and testing cns-manager needs on Debian/Ubuntu.
# Idempotent: installs only what is missing. Needs root (or sudo) when something is missing.
set -euo pipefail

PKGS=(
  # build: pcsc-sys finds libpcsclite through pkg-config
  pkg-config libpcsclite-dev
  # run: the PC/SC service, a CCID driver for USB readers, and the virtual reader used by demo and tests
  pcscd libccid vsmartcard-vpcd
  # tests: OpenSC as an independent client of the simulated card; OpenSSL as an independent
  # CMS implementation for the signature tests (and to regenerate the certificate fixtures)
  opensc openssl
  # run and tests: xmlsec1 checks the XML signature of an EU trusted list before
  # `cns-manager ca import-tsl` trusts anything in it (and signs the lists the tests make)
  xmlsec1
  # tests of the PKCS#11 module: NSS's modutil/certutil (what Firefox and Chromium use), and
  # OpenSSL's PKCS#11 engine for a TLS client authentication through the module
  libnss3-tools libengine-pkcs11-openssl
  # the package's p11-kit registration (scripts/package-test.sh: p11-kit list-modules, and
  # pkcs11-tool through p11-kit-proxy.so)
  p11-kit p11-kit-modules
  # GUI at run time (winit/glow load these with dlopen) and screenshots under Xvfb
  libgl1 libglx-mesa0 libgl1-mesa-dri libegl1 libegl-mesa0 libx11-xcb1 libxcursor1 libxrandr2 libxi6
  libxkbcommon-x11-0 fonts-dejavu-core xvfb xauth imagemagick xdotool
  # the Windows window's test (scripts/wine/window-test.sh): an independent reader of what the
  # window shows, OCR in Italian
  tesseract-ocr tesseract-ocr-ita
  # the accessibility test (scripts/a11y-test.sh): the window's tree read through AT-SPI as Orca
  # reads it, on a private D-Bus session (dbus-daemon, gdbus from libglib2.0-bin) with the AT-SPI
  # bus and registry, by pyatspi; xdotool (above) types into the focused field
  dbus at-spi2-core libglib2.0-bin python3 python3-pyatspi gir1.2-atspi-2.0
  # image snapshot tests: Vulkan on the CPU (lavapipe)
  libvulkan1 mesa-vulkan-drivers
  # the Debian package (scripts/package.sh) and its validators; man-db to render its man page
  dpkg-dev binutils librsvg2-bin desktop-file-utils appstream lintian man-db
  # the shells whose completions the package ships: scripts/package-test.sh completes a command
  # with each after installing it
  zsh fish
  # fuzzing (scripts/fuzz.sh): libfuzzer-sys compiles libFuzzer (C++); cargo-afl builds AFL++
  # from source with a C compiler and make
  gcc g++ make
  # the Windows build (scripts/windows.sh): mingw-w64 links x86_64-pc-windows-gnu and builds
  # the test-only ProcessPrng shim; Wine runs the exe's CLI; file checks the PE format;
  # wixl (msitools) builds the MSI and zip the portable archive (scripts/package-windows.sh)
  gcc-mingw-w64-x86-64 wine wine64 file wixl msitools zip
  # the login in real browsers (scripts/browser-test.sh): Firefox ESR driven through Marionette
  # and Chromium under Xvfb (xdotool above types the PIN), both on the PKCS#11 module; together
  # about 203 MB to download (16 packages with --no-install-recommends), ~40 s to install
  firefox-esr chromium
)

if ! command -v cargo >/dev/null 2>&1; then
  echo "[setup] Rust (cargo) is not installed. Install it from https://rustup.rs:" >&2
  echo "        curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh" >&2
  exit 1
fi

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "[setup] installing: ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
