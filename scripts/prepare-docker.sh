#!/usr/bin/env bash
# Makes this machine able to run the project's docker-compose.yml without a container registry (CI scaffolding, see
# ci/stand-ins/README.md). Once per machine: every step is skipped when its result exists with a stamp of its inputs.
#   1. Debian's docker.io (plus debootstrap, busybox-static), installed with apt when missing;
#   2. dockerd started as root in the background when no engine answers (log: $CACHE/dockerd.log);
#   3. Compose v2 (tools/docker/compose, Go module proxy) as ~/.docker/cli-plugins/docker-compose;
#   4. BuildKit's Dockerfile frontend (tools/docker/buildkit) as the image docker/dockerfile:1, which the
#      `# syntax=docker/dockerfile:1` line of Dockerfile.jvm resolves;
#   5. a Debian bookworm base image (debootstrap --variant=minbase, docker import): obslab-ci/debian:bookworm;
#   6. JDK and JRE images on it (Debian's OpenJDK 17, this machine's extra CA files copied in at build time):
#      obslab-ci/jdk:17 and obslab-ci/jre:17, passed to Dockerfile.jvm as BUILD_IMAGE / RUNTIME_IMAGE by
#      ci/compose.ci.yml;
#   7. stand-ins for prom/prometheus, prom/alertmanager and jaegertracing/jaeger from the binaries
#      scripts/build-backends.sh builds, tagged with the upstream names docker-compose.yml uses (ci/stand-ins/README.md
#      says why).
# Needs root (apt, dockerd, debootstrap). Usage: scripts/prepare-docker.sh   (prints a line per step and its time)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${OBSLAB_CI_CACHE:-$HOME/.cache/observability-lab-ci}
STANDINS="$ROOT/ci/stand-ins"
SUITE=bookworm
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
BASE_IMAGE=obslab-ci/debian:$SUITE
JDK_IMAGE=obslab-ci/jdk:17
JRE_IMAGE=obslab-ci/jre:17
PLUGIN_DIR="$HOME/.docker/cli-plugins"
mkdir -p "$CACHE" "$PLUGIN_DIR"
export GOFLAGS="${GOFLAGS:--buildvcs=false} -mod=readonly"

die() { echo "prepare-docker: error: $*" >&2; exit 1; }
# dbuild ARGS...: docker build with the engine's classic builder (these Dockerfiles need nothing more, and no buildx is
# installed); its output only when it fails.
dbuild() {
  DOCKER_BUILDKIT=0 docker build "$@" > "$CACHE/build.log" 2>&1 || { tail -n 30 "$CACHE/build.log" >&2; return 1; }
}
[ "$(id -u)" -eq 0 ] || die "needs root (apt-get, dockerd, debootstrap)"
T0=$(date +%s)
step_start=$T0
step() { local now; now=$(date +%s); echo "prepare-docker: $* ($((now - step_start)) s)"; step_start=$now; }
sha() { cat "$@" | sha256sum | cut -d' ' -f1; }
# label IMAGE: the stamp an image of ours carries (empty when the image is missing)
label() { docker image inspect -f '{{ index .Config.Labels "dev.obslab.stamp" }}' "$1" 2>/dev/null || true; }

# --- 1. packages
need=()
command -v dockerd >/dev/null 2>&1 || need+=(docker.io)
command -v debootstrap >/dev/null 2>&1 || need+=(debootstrap)
# A static busybox: copied alone into the stand-ins for the `wget` of compose's health checks.
dpkg -s busybox-static >/dev/null 2>&1 || need+=(busybox-static)
if [ ${#need[@]} -gt 0 ]; then
  apt-get -o DPkg::Lock::Timeout=300 update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
    || die "apt-get install ${need[*]} failed"
  step "installed ${need[*]}"
fi

# --- 2. the engine
if ! docker info >/dev/null 2>&1; then
  # Detached from this script (setsid), so that it outlives CI's shell: the next run finds it.
  # At normal priority even when this script runs niced (.ci/run): the containers inherit the engine's.
  setsid nohup nice -n "-$(nice)" dockerd >>"$CACHE/dockerd.log" 2>&1 < /dev/null &
  for _ in $(seq 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
  docker info >/dev/null 2>&1 || { tail -n 20 "$CACHE/dockerd.log" >&2; die "dockerd did not answer within 60 s"; }
  step "dockerd started (log $CACHE/dockerd.log)"
fi

# --- 3. Compose v2
stamp=$(sha "$ROOT/tools/docker/compose/go.mod" "$ROOT/tools/docker/compose/go.sum")
if [ "$(cat "$PLUGIN_DIR/.docker-compose.stamp" 2>/dev/null)" != "$stamp" ] || [ ! -x "$PLUGIN_DIR/docker-compose" ]; then
  v=$(cd "$ROOT/tools/docker/compose" && go list -m -f '{{.Version}}' github.com/docker/compose/v2)
  (cd "$ROOT/tools/docker/compose" && CGO_ENABLED=0 go build -trimpath \
    -ldflags "-s -w -X github.com/docker/compose/v2/internal.Version=$v" \
    -o "$PLUGIN_DIR/docker-compose" github.com/docker/compose/v2/cmd) || die "building Compose $v failed"
  echo "$stamp" > "$PLUGIN_DIR/.docker-compose.stamp"
  step "built Compose $v into $PLUGIN_DIR/docker-compose"
fi
docker compose version >/dev/null 2>&1 || die "docker compose does not run"

# --- 4. the Dockerfile frontend
stamp=$(sha "$ROOT/tools/docker/buildkit/go.mod" "$ROOT/tools/docker/buildkit/go.sum" "$STANDINS/frontend/Dockerfile")
if [ "$(label docker/dockerfile:1)" != "$stamp" ]; then
  ctx=$(mktemp -d)
  (cd "$ROOT/tools/docker/buildkit" && CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" \
    -o "$ctx/dockerfile-frontend" github.com/moby/buildkit/frontend/dockerfile/cmd/dockerfile-frontend) \
    || die "building BuildKit's Dockerfile frontend failed"
  dbuild -f "$STANDINS/frontend/Dockerfile" --label "dev.obslab.stamp=$stamp" \
    -t docker/dockerfile:1 "$ctx" || die "docker build of docker/dockerfile:1 failed"
  rm -rf "$ctx"
  step "built docker/dockerfile:1 (BuildKit's Dockerfile frontend)"
fi

# --- 5. the Debian base
stamp="debootstrap --variant=minbase $SUITE"
if [ "$(label "$BASE_IMAGE")" != "$stamp" ]; then
  rootfs="$CACHE/rootfs-$SUITE"
  rm -rf "$rootfs"
  debootstrap --variant=minbase "$SUITE" "$rootfs" "$MIRROR" > "$CACHE/debootstrap.log" 2>&1 \
    || { tail -n 20 "$CACHE/debootstrap.log" >&2; die "debootstrap $SUITE failed"; }
  # The security and updates suites too, so that the JDK images get Debian's current OpenJDK 17.
  printf '%s\n' "deb $MIRROR $SUITE main" "deb $MIRROR $SUITE-updates main" \
    "deb http://deb.debian.org/debian-security $SUITE-security main" > "$rootfs/etc/apt/sources.list"
  rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/archives/*.deb
  tar -C "$rootfs" -c . | docker import --change "LABEL dev.obslab.stamp=\"$stamp\"" \
    --change 'CMD ["bash"]' - "$BASE_IMAGE" >/dev/null || die "docker import of $BASE_IMAGE failed"
  rm -rf "$rootfs"
  step "made $BASE_IMAGE (debootstrap, docker import)"
fi

# --- 6. JDK and JRE, with this machine's extra CA files (copied at build time, never into the repository)
certs_sum=$(cat /usr/local/share/ca-certificates/*.crt 2>/dev/null | sha256sum | cut -d' ' -f1)
for pair in "$JDK_IMAGE openjdk-17-jdk-headless" "$JRE_IMAGE openjdk-17-jre-headless"; do
  read -r image package <<< "$pair"
  stamp=$(echo "$(label "$BASE_IMAGE") $package $certs_sum $(sha "$STANDINS/jdk/Dockerfile")" | sha256sum | cut -d' ' -f1)
  [ "$(label "$image")" = "$stamp" ] && continue
  ctx=$(mktemp -d)
  mkdir "$ctx/certs"
  cp /usr/local/share/ca-certificates/*.crt "$ctx/certs/" 2>/dev/null || true
  dbuild -f "$STANDINS/jdk/Dockerfile" --build-arg "BASE=$BASE_IMAGE" \
    --build-arg "PACKAGE=$package" --label "dev.obslab.stamp=$stamp" -t "$image" "$ctx" \
    || { rm -rf "$ctx"; die "docker build of $image failed"; }
  rm -rf "$ctx"
  step "built $image ($package)"
done

# --- 7. Prometheus, Alertmanager and Jaeger stand-ins from scripts/build-backends.sh's binaries
bin=$("$ROOT/scripts/build-backends.sh" 2>/dev/null | tail -n 1) || die "scripts/build-backends.sh failed"
# "jaeger 2.13.0 (v1.76.0), prometheus 3.13.2 (v0.313.2), alertmanager 0.31.1 (v0.31.1)"
read -r _ jaeger_version _ _ prom_version _ _ am_version _ < "$bin/VERSIONS"
[[ $prom_version =~ ^3\. && $jaeger_version =~ ^2\. && $am_version =~ ^0\. ]] || die "unexpected $bin/VERSIONS: $(cat "$bin/VERSIONS")"
for pair in "prom/prometheus:v$prom_version prometheus prometheus promtool" "jaegertracing/jaeger:$jaeger_version jaeger jaeger" \
    "prom/alertmanager:v$am_version alertmanager alertmanager amtool"; do
  read -r image dir rest <<< "$pair"
  read -r -a files <<< "$rest"
  stamp=$(echo "$(label "$BASE_IMAGE") $(sha "$bin/.stamp" "$STANDINS/$dir/Dockerfile" /bin/busybox)" | sha256sum | cut -d' ' -f1)
  [ "$(label "$image")" = "$stamp" ] && continue
  ctx=$(mktemp -d)
  for f in "${files[@]}"; do cp "$bin/$f" "$ctx/"; done
  cp /bin/busybox "$ctx/busybox"
  dbuild -f "$STANDINS/$dir/Dockerfile" --build-arg "BASE=$BASE_IMAGE" \
    --build-arg "VERSION=${image##*:}" --label "dev.obslab.stamp=$stamp" -t "$image" "$ctx" \
    || { rm -rf "$ctx"; die "docker build of $image failed"; }
  rm -rf "$ctx"
  docker run --rm "$image" --version >/dev/null 2>&1 \
    || die "$image does not run its own binary (a library missing from the base?)"
  step "built stand-in $image"
done

echo "prepare-docker: ready in $(( $(date +%s) - T0 )) s: $(docker compose version --short 2>/dev/null | sed 's/^/compose /'), engine $(docker version -f '{{.Server.Version}}')"
