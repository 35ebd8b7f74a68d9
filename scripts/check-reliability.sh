#!/usr/bin/env bash
# The contract fuzz against the packaged service (target/quarkus-app/quarkus-run.jar, built when missing), on its own
# instance started here on a free 127.0.0.1 port and stopped on exit: Schemathesis (pinned, in target/venv) against
# /q/openapi, no 5xx but simulated ones, every answer documented (status, content type, schema).
# Hostile clients and graceful shutdown are Java live tests now (HostileClientsLiveIT, GracefulShutdownLiveIT, run by
# scripts/check-live.sh; alone: ./mvnw verify -Plive -Dit.test=HostileClientsLiveIT).
#
#   scripts/check-reliability.sh
#
# docs/checks.md, section "Reliability", says what it promises. Logs: target/reliability/fuzz*.log.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=scripts/lib/stack-tools.sh
source "$ROOT/scripts/lib/stack-tools.sh"
ensure_cmd curl curl
ensure_cmd python3 python3

[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
OUT=target/reliability
mkdir -p "$OUT"

SERVICE_PID=""
PORT=""
BASE_URL=""

stop_service() {
  [ -n "$SERVICE_PID" ] || return 0
  kill "$SERVICE_PID" 2>/dev/null || true
  wait "$SERVICE_PID" 2>/dev/null || true
  SERVICE_PID=""
}
trap stop_service EXIT

# start_service NAME [ENV=VALUE...]: the jar on a free loopback port, waits until ready.
start_service() {
  local name=$1
  shift
  PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  BASE_URL="http://127.0.0.1:$PORT"
  env "$@" java -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$PORT" -jar target/quarkus-app/quarkus-run.jar \
    > "$OUT/$name-service.log" 2>&1 &
  SERVICE_PID=$!
  for _ in $(seq 60); do
    curl -fs -o /dev/null "$BASE_URL/q/health/ready" && return 0
    kill -0 "$SERVICE_PID" 2>/dev/null || break
    sleep 1
  done
  echo "the service did not become ready on $BASE_URL; last lines of its log:" >&2
  tail -n 40 "$OUT/$name-service.log" >&2
  exit 1
}

FUZZ_TOKEN=fuzz-admin-token
fuzz() {
  echo "== Schemathesis against /q/openapi (seed 1; no injected failures, fixed 5 ms latency, controls locked)"
  local venv=target/venv
  if [ ! -x "$venv/bin/st" ] || ! cmp -s tools/schemathesis/requirements.txt "$venv/.requirements.txt"; then
    python3 -c 'import ensurepip, venv' 2>/dev/null || install_debian_package python3-venv
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check --require-hashes -r tools/schemathesis/requirements.txt
    cp tools/schemathesis/requirements.txt "$venv/.requirements.txt"
  fi
  # The traffic generator aims at a closed port: a fuzzed PUT /api/traffic cannot load the machine.
  start_service fuzz SIMULATOR_PROCESS_FAILURE_RATE=0 SIMULATOR_PROCESS_LATENCY_DISTRIBUTION=fixed \
    SIMULATOR_PROCESS_LATENCY_FIXED_MS=5 SIMULATOR_ADMIN_TOKEN="$FUZZ_TOKEN" SIMULATOR_TRAFFIC_BASE_URL=http://127.0.0.1:9
  local status=0
  (cd tools/schemathesis && SCHEMATHESIS_HOOKS=hooks PYTHONPATH=. HYPOTHESIS_STORAGE_DIRECTORY="$ROOT/$OUT/hypothesis" timeout 300 "$ROOT/$venv/bin/st" \
      --config-file schemathesis.toml run "$BASE_URL/q/openapi" --seed 1 --max-examples "${FUZZ_MAX_EXAMPLES:-100}" \
      -H "Authorization: Bearer $FUZZ_TOKEN" --no-color \
      --report junit --report-junit-path "$ROOT/$OUT/schemathesis-junit.xml") > "$OUT/fuzz.log" 2>&1 || status=$?
  tail -n 40 "$OUT/fuzz.log"
  stop_service
  [ "$status" -eq 0 ] || { echo "fuzz: Schemathesis found failures (exit $status); all of it in $OUT/fuzz.log" >&2; return 1; }
}

# install_debian_package PACKAGE: for a package that brings no command to look for (python3-venv).
install_debian_package() {
  command -v apt-get >/dev/null 2>&1 || die "$1 is missing and apt-get is not available"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  echo "installing $1"
  $sudo apt-get update -qq >/dev/null || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$1" >/dev/null \
    || die "apt-get install $1 failed"
}

fuzz
echo "reliability: fuzz: ok"
