#!/usr/bin/env bash
# Starts the app. On a fresh Debian/Ubuntu machine it first installs what is missing (with sudo
# if you are not root) and builds it. With no reader or no smart card service it opens in demo
# mode, on a simulated card. Extra arguments go to cns-manager (e.g. --demo, --counter, --lang en).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup-debian.sh
cargo build --release --locked -p cns-manager
exec ./target/release/cns-manager "$@"
