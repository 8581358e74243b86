#!/usr/bin/env bash
# What `npm test` needs beyond Node 20, `npm ci` and ../shared: Debian's Chromium at /usr/bin/chromium (the web UI's
# browser tests; playwright-core drives it, nothing downloads a browser) and Debian's PostgreSQL server binaries
# (the PostgreSQL tests start a private cluster of their own with initdb; no service is needed).
# Installs whichever is missing with apt-get (through sudo when not root). `--check` only says what is missing.
set -euo pipefail

check_only=false
[ "${1:-}" = "--check" ] && check_only=true

have_postgres() {
  if [ -n "${EDGARKIT_PG_BIN:-}" ] && [ -x "$EDGARKIT_PG_BIN/initdb" ]; then return 0; fi
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null && return 0
  command -v initdb >/dev/null 2>&1
}

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
have_postgres || missing+=(postgresql)

if [ ${#missing[@]} -eq 0 ]; then
  echo "test prerequisites: Chromium and PostgreSQL are installed"
  exit 0
fi
if $check_only; then
  echo "test prerequisites: missing ${missing[*]} (Debian packages; npm run test:setup installs them)" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "npm test needs ${missing[*]}: no apt-get here, so install them with this system's package manager" >&2
  exit 1
fi
run=()
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "npm test needs ${missing[*]}: run as root: apt-get update && apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  run=(sudo)
fi
echo "test prerequisites: installing ${missing[*]} with apt-get" >&2
export DEBIAN_FRONTEND=noninteractive
"${run[@]}" apt-get update -qq
"${run[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
