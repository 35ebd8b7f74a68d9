#!/usr/bin/env bash
# Builds the pinned Jaeger v2, Prometheus 3 (and promtool) and Alertmanager (and amtool) from Go's module proxy into
# tools/backends/bin (ignored). The versions are the ones tools/backends/*/go.mod pin, each in a module
# of its own so each program is built with its own dependency set, not a merge of them.
# Go's module and build caches are reused when present: a warm rebuild takes seconds.
# Usage: scripts/build-backends.sh   (prints the bin folder on its last line)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="$root/tools/backends/bin"
mkdir -p "$bin"
export GOFLAGS="${GOFLAGS:--buildvcs=false} -mod=readonly"

# version <module dir> <module path>: the version go.mod pins
version() { (cd "$root/tools/backends/$1" && go list -m -f '{{.Version}}' "$2"); }

jaeger_mod=github.com/jaegertracing/jaeger
prom_mod=github.com/prometheus/prometheus
am_mod=github.com/prometheus/alertmanager
jv="$(version jaeger $jaeger_mod)"      # v1.76.0: Jaeger released v1.x/v2.x pairs; v1.76.0 is 2.13.0
pv="$(version prometheus $prom_mod)"    # v0.313.2 is Prometheus 3.13.2
av="$(version alertmanager $am_mod)"    # v0.31.1 is Alertmanager 0.31.1 (later ones lack their UI in the module)
jaeger_release="${jv/v1./2.}"; jaeger_release="$(echo "$jaeger_release" | awk -F. '{printf "%d.%d.%d", 2, $2-63, $3}')"
prom_release="$(echo "${pv#v0.}" | awk -F. '{printf "3.%d.%d", $1-300, $2}')"
am_release="${av#v}"

build() { # build <module dir> <package> <output> [ldflags]
  local dir="$1" pkg="$2" out="$3" ld="${4:-}"
  echo "== go build $pkg -> $out" >&2
  (cd "$root/tools/backends/$dir" && go build -trimpath -ldflags "$ld" -o "$bin/$out" "$pkg")
}

# Nothing to do when the binaries were built from these very pins by this very script.
stamp="$(cat "$root"/tools/backends/*/go.mod "$root"/tools/backends/*/go.sum "$0" | sha256sum | cut -d' ' -f1)"
if [ -x "$bin/jaeger" ] && [ -x "$bin/prometheus" ] && [ -x "$bin/promtool" ] \
    && [ -x "$bin/alertmanager" ] && [ -x "$bin/amtool" ] && [ "$(cat "$bin/.stamp" 2>/dev/null)" = "$stamp" ]; then
  cat "$bin/VERSIONS" >&2
  echo "$bin"
  exit 0
fi

build jaeger $jaeger_mod/cmd/jaeger jaeger \
  "-X $jaeger_mod/internal/version.latestVersion=v$jaeger_release"
pver="-X github.com/prometheus/common/version.Version=$prom_release -X github.com/prometheus/common/version.Branch=release"
build prometheus $prom_mod/cmd/prometheus prometheus "$pver"
build prometheus $prom_mod/cmd/promtool promtool "$pver"
aver="-X github.com/prometheus/common/version.Version=$am_release -X github.com/prometheus/common/version.Branch=release"
build alertmanager $am_mod/cmd/alertmanager alertmanager "$aver"
build alertmanager $am_mod/cmd/amtool amtool "$aver"
echo "jaeger $jaeger_release ($jv), prometheus $prom_release ($pv), alertmanager $am_release ($av)" > "$bin/VERSIONS"
echo "$stamp" > "$bin/.stamp"
cat "$bin/VERSIONS" >&2
echo "$bin"
