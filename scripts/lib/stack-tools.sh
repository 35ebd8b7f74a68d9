# shellcheck shell=bash
# Sourced by scripts/check-stack.sh and scripts/check-prometheus-live.sh.
# Installs what the checks need when it is missing: Debian packages through apt-get, the Node
# tools through `npm ci` from tools/stack-check/package-lock.json (exact versions).

STACK_CHECK_DIR="${ROOT:?ROOT must be set}/tools/stack-check"
_APT_UPDATED=0

die() { echo "error: $*" >&2; exit 1; }

# ensure_cmd COMMAND DEBIAN_PACKAGE: install the package when the command is missing.
ensure_cmd() {
  local cmd=$1 pkg=$2
  command -v "$cmd" >/dev/null 2>&1 && return 0
  command -v apt-get >/dev/null 2>&1 || die "$cmd is missing and apt-get is not available: install $pkg"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "$cmd is missing: install the Debian package $pkg (needs root)"
    sudo="sudo"
  fi
  echo "installing $pkg (for $cmd)"
  if [ "$_APT_UPDATED" -eq 0 ]; then
    $sudo apt-get update -qq >/dev/null || die "apt-get update failed"
    _APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$pkg" >/dev/null \
    || die "apt-get install $pkg failed"
  command -v "$cmd" >/dev/null 2>&1 || die "$pkg installed but $cmd is still missing"
}

# ensure_node_tools: Node >= 20 (ts-json-schema-generator needs it) and the pinned npm dependencies of tools/stack-check.
ensure_node_tools() {
  ensure_cmd node nodejs
  ensure_cmd npm npm
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  [ "$major" -ge 20 ] || die "Node.js >= 20 is needed, found $(node --version)"
  # npm ci again whenever package-lock.json changed since the last install.
  local stamp="$STACK_CHECK_DIR/node_modules/.installed-lock.sha256" want
  want=$(sha256sum "$STACK_CHECK_DIR/package-lock.json" | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    echo "installing the Node tools of tools/stack-check (npm ci)"
    (cd "$STACK_CHECK_DIR" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || die "npm ci failed in $STACK_CHECK_DIR"
    echo "$want" > "$stamp"
  fi
}

# ensure_backends: the pinned Jaeger v2, Prometheus 3 and promtool, Alertmanager and amtool (tools/backends, built
# from Go's module proxy by scripts/build-backends.sh; seconds when Go's caches are warm), first on PATH so that they,
# not any other copy, run the checks.
ensure_backends() {
  command -v go >/dev/null 2>&1 || die "go is missing: Go 1.26+ builds the pinned Jaeger, Prometheus and Alertmanager (tools/backends)"
  local bin
  bin=$("$ROOT/scripts/build-backends.sh" | tail -n 1) || die "scripts/build-backends.sh failed"
  export PATH="$bin:$PATH"
  export BACKEND_VERSIONS
  BACKEND_VERSIONS=$(cat "$bin/VERSIONS")
}
