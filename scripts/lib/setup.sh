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

# npm packages of the reference implementations used by the differential tests, pinned in
# tests/reference/package-lock.json.
ensure_reference_packages() {
  ensure_node
  if [ ! -d tests/reference/node_modules/twitter-text ] || [ ! -d tests/reference/node_modules/sms-segments-calculator ]; then
    echo "installing reference npm packages (tests/reference)" >&2
    (cd tests/reference && npm ci --silent --no-audit --no-fund >&2)
  fi
}
