#!/usr/bin/env bash
# Checks against the packaged service, started here on a free loopback port:
#   1. promtool check metrics finds nothing to say about our metric families;
#   2. Debian's Prometheus scrapes it with the project's prometheus.yml and rules (scripts/check-prometheus-live.sh);
#   3. the Postman collection passes with Newman, twice in a row (scripts/run-newman.sh).
# Builds the jar first if it is missing. The service is stopped on exit.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=scripts/lib/stack-tools.sh
source "$ROOT/scripts/lib/stack-tools.sh"
ensure_cmd promtool prometheus
ensure_cmd curl curl

[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE_URL="http://127.0.0.1:$PORT"
mkdir -p target/live
java -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$PORT" -jar target/quarkus-app/quarkus-run.jar \
  > target/live/service.log 2>&1 &
SERVICE_PID=$!
stop_service() { kill "$SERVICE_PID" 2>/dev/null || return 0; wait "$SERVICE_PID" 2>/dev/null || true; }
trap stop_service EXIT

for _ in $(seq 60); do
  curl -fs -o /dev/null "$BASE_URL/q/health/ready" && break
  kill -0 "$SERVICE_PID" 2>/dev/null || break
  sleep 1
done
if ! curl -fs -o /dev/null "$BASE_URL/q/health/ready"; then
  echo "the service did not become ready on $BASE_URL; last lines of its log:" >&2
  tail -n 40 target/live/service.log >&2
  exit 1
fi

echo "== promtool check metrics (our families: http_server_requests, simulator_*)"
# Touch every family first, so every series exists.
curl -fs -o /dev/null "$BASE_URL/process?delay_ms=1&fail=false"
curl -fs -o /dev/null "$BASE_URL/process?fail=true" || true
curl -fs -o /dev/null "$BASE_URL/generate_logs?count=5"
curl -fs -H 'Accept: text/plain' "$BASE_URL/q/metrics" > target/live/metrics.txt
lint=$(promtool check metrics < target/live/metrics.txt 2>&1 | grep -E '^(simulator_|http_server_requests)' || true)
if [ -n "$lint" ]; then
  echo "promtool check metrics complains about our families:" >&2
  echo "$lint" >&2
  exit 1
fi
echo "ok: $(grep -c '^simulator_' target/live/metrics.txt) simulator_ series, promtool has nothing to say about them"

echo "== Prometheus scrapes the service (config, rules, dashboards' queries, exemplars)"
scripts/check-prometheus-live.sh "$BASE_URL"

echo "== Postman collection with Newman, twice in a row"
scripts/run-newman.sh "$BASE_URL" --iteration-count 2
