#!/usr/bin/env bash
# Shared by scripts/run and scripts/test: installs what is missing, idempotently,
# from the package registries only (crates.io, npm, Debian, PyPI). Pinned versions.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
TRUNK_VERSION="0.21.14"
BINARYEN_VERSION="132"
# The accessibility checker injected by the browser tests (npm axe-core).
AXE_VERSION="4.14.1"
export PATH="$HOME/.cargo/bin:$TOOLS/binaryen/node_modules/.bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "need root (or sudo) to run: $*" >&2; return 1; fi
}

# Debian packages, installed only when one is missing.
apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

# Everything needed to build the server and the web app.
ensure_build_tools() {
  apt_install build-essential pkg-config libssl-dev ca-certificates
  command -v cargo >/dev/null || { echo "Rust (cargo) is required: install it with rustup" >&2; exit 1; }
  if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
    say "installing trunk $TRUNK_VERSION (several minutes, once)"
    CARGO_PROFILE_RELEASE_LTO=off CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
      cargo install --locked --force trunk --version "$TRUNK_VERSION"
  fi
  local wbg; wbg="$(wasm_bindgen_version)"
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wbg" ]; then
    say "installing wasm-bindgen-cli $wbg (the version Cargo.lock needs)"
    # Not --locked: the CLI's own lock file pins a crate the registry no longer serves.
    CARGO_PROFILE_RELEASE_LTO=off CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
      cargo install --force wasm-bindgen-cli --version "$wbg"
  fi
  if ! wasm-opt --version 2>/dev/null | grep -q "version $BINARYEN_VERSION"; then
    command -v npm >/dev/null || apt_install nodejs npm
    say "installing wasm-opt (npm binaryen@$BINARYEN_VERSION)"
    npm install --silent --no-audit --no-fund --prefix "$TOOLS/binaryen" "binaryen@$BINARYEN_VERSION" >/dev/null
  fi
  say "fetching crates"
  (cd "$ROOT" && cargo fetch --locked >/dev/null)
}

# The release build of the web app into frontend/dist.
build_spa() {
  say "building the web app (trunk build --release)"
  (cd "$ROOT" && trunk build --release >/dev/null)
}

# Extra tools the test suite needs: PostgreSQL, Chromium, Playwright.
ensure_test_tools() {
  # curl: tests/api/readme.rs runs the README's curl examples.
  apt_install postgresql chromium chromium-driver python3-venv fonts-dejavu-core poppler-utils curl
  if [ ! -x "$TOOLS/venv/bin/python" ]; then
    say "creating the Python venv for browser tests"
    python3 -m venv "$TOOLS/venv"
  fi
  local want have
  want="$(sha256sum "$ROOT/tests/requirements.txt" | cut -d' ' -f1)"
  have="$(cat "$TOOLS/venv/.requirements.sha256" 2>/dev/null || true)"
  if [ "$want" != "$have" ]; then
    say "installing the browser-test tools (pinned in tests/requirements.txt)"
    "$TOOLS/venv/bin/pip" install -q --disable-pip-version-check -r "$ROOT/tests/requirements.txt"
    echo "$want" > "$TOOLS/venv/.requirements.sha256"
  fi
  ensure_axe
}

# axe-core for the browser tests' accessibility checks, from npm into
# .tools/axe (the tests read its axe.min.js; nothing is fetched at test time).
ensure_axe() {
  local have
  have="$(node -p "require('$TOOLS/axe/node_modules/axe-core/package.json').version" 2>/dev/null || true)"
  if [ "$have" != "$AXE_VERSION" ]; then
    command -v npm >/dev/null || apt_install nodejs npm
    say "installing axe-core $AXE_VERSION (npm)"
    npm install --silent --no-audit --no-fund --prefix "$TOOLS/axe" "axe-core@$AXE_VERSION" >/dev/null
  fi
}

# A free TCP port on loopback.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# Starts a throw-away PostgreSQL cluster; sets PG_DIR and PG_PORT.
start_postgres() {
  local bin; bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)"
  PG_DIR="$(mktemp -d /tmp/ecom-pg.XXXXXX)"
  PG_PORT="$(free_port)"
  chmod 755 "$PG_DIR"
  if [ "$(id -u)" = 0 ]; then
    chown postgres "$PG_DIR"
    su postgres -c "$bin/initdb -D $PG_DIR/data -A trust -U postgres" >/dev/null
    su postgres -c "$bin/pg_ctl -D $PG_DIR/data -l $PG_DIR/log -w -o '-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off' start" >/dev/null
  else
    "$bin/initdb" -D "$PG_DIR/data" -A trust -U postgres >/dev/null
    "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
  fi
  export PG_DIR PG_PORT
}

stop_postgres() {
  [ -n "${PG_DIR:-}" ] || return 0
  local bin; bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)"
  if [ "$(id -u)" = 0 ]; then su postgres -c "$bin/pg_ctl -D $PG_DIR/data -m immediate stop" >/dev/null 2>&1 || true
  else "$bin/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true; fi
  rm -rf "$PG_DIR"
  PG_DIR=""
}
