# Install helpers shared by the scripts: each checks first and stays quiet when nothing is
# missing, so every script can call them on every run.

ensure_rust_components() {
  local component
  for component in rustfmt clippy; do
    if ! rustup component list --installed 2>/dev/null | grep -q "^${component}"; then
      echo "installing rust component ${component}" >&2
      rustup component add "${component}" >&2
    fi
  done
}

ensure_node() {
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "installing node and npm" >&2
    apt-get update -qq >&2 && apt-get install -y -qq nodejs npm >&2
  fi
}

# The npm packages pinned by DIR/package-lock.json, installed when missing or when the lock
# changed since (npm ci records the lock it installed in node_modules/.package-lock.json).
ensure_npm_lock() {
  local dir=$1
  ensure_node
  if ! cmp -s <(node -e 'const l=require(process.argv[1]);console.log(JSON.stringify(Object.keys(l.packages).filter(k => k).sort()))' "$PWD/$dir/package-lock.json") \
       <(node -e 'try{const l=require(process.argv[1]);console.log(JSON.stringify(Object.keys(l.packages).sort()))}catch{console.log("none")}' "$PWD/$dir/node_modules/.package-lock.json") ; then
    echo "installing npm packages ($dir)" >&2
    (cd "$dir" && npm ci --silent --no-audit --no-fund >&2)
  fi
}

# npm packages of the reference implementations used by the differential tests.
ensure_reference_packages() {
  ensure_npm_lock tests/reference
}

# The wasm-bindgen version the crate depends on (Cargo.lock): the CLI must match it exactly.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock
}

# Debian's Rust toolchain with the wasm32 standard library sources (rustup here has no
# wasm32 target), wasm-bindgen-cli pinned to the crate's version, and binaryen's wasm-opt
# from npm (Debian's is old), installed into web/node_modules.
# Whether rustup has the wasm32 target (macOS, most Linux): then scripts/build-web uses it,
# and Debian's toolchain is not needed.
have_rustup_wasm32() {
  rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown
}

ensure_wasm_toolchain() {
  if ! have_rustup_wasm32 && { [ ! -x /usr/bin/rustc ] || [ ! -d /usr/lib/rustlib/src/rust/library ] || ! command -v rust-lld >/dev/null; }; then
    echo "installing Debian's Rust toolchain for wasm32 (rustc-web, cargo-web, rust-web-src, lld-22)" >&2
    apt-get update -qq >&2 && apt-get install -y -qq rustc-web cargo-web rust-web-src lld-22 >&2
  fi
  local version
  version=$(wasm_bindgen_version)
  if ! command -v wasm-bindgen >/dev/null || [ "$(wasm-bindgen --version | awk '{print $2}')" != "$version" ]; then
    echo "installing wasm-bindgen-cli ${version}" >&2
    cargo install --quiet wasm-bindgen-cli --version "=${version}" >&2
  fi
  ensure_node
  if [ ! -x web/node_modules/.bin/wasm-opt ]; then
    echo "installing web tooling (web/package-lock.json)" >&2
    (cd web && npm ci --silent --no-audit --no-fund >&2)
  fi
}

# Debian's Chromium for the browser tests (a test tool's own browser download cannot work here).
ensure_chromium() {
  if [ ! -x /usr/bin/chromium ]; then
    echo "installing chromium" >&2
    apt-get update -qq >&2 && apt-get install -y -qq chromium chromium-driver >&2
  fi
}

# A Python virtual environment at $1 with the pinned packages of the requirement files that
# follow, reinstalled when they change (the venvs are git-ignored).
ensure_python_venv() {
  local venv=$1
  shift
  if [ ! -x "${venv}/bin/python" ]; then
    echo "creating ${venv}" >&2
    python3 -m venv "${venv}" >&2
  fi
  if ! cmp -s <(cat "$@") "${venv}/.requirements"; then
    echo "installing $* into ${venv}" >&2
    local file args=()
    for file in "$@"; do args+=(-r "${file}"); done
    "${venv}/bin/pip" install -q "${args[@]}" >&2
    cat "$@" > "${venv}/.requirements"
  fi
}

# A Java runtime for PySpark (scripts/test-spark).
ensure_java() {
  if ! command -v java >/dev/null; then
    echo "installing a Java runtime" >&2
    apt-get update -qq >&2 && apt-get install -y -qq default-jre-headless >&2
  fi
}

# Debian's Neovim, a real LSP client for scripts/test-neovim.
ensure_neovim() {
  if ! command -v nvim >/dev/null; then
    echo "installing neovim" >&2
    apt-get update -qq >&2 && apt-get install -y -qq neovim >&2
  fi
}
