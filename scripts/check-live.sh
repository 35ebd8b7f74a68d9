#!/usr/bin/env bash
# Checks against the packaged service and the real backends compose runs, all on loopback:
#   0. the pinned Jaeger v2 and Prometheus 3 are built from Go's module proxy (scripts/build-backends.sh);
#   1. Jaeger starts with the project's observability/jaeger/jaeger.yml (listen addresses moved to loopback, nothing
#      else changed) and the service exports OTLP gRPC to it;
#   2. promtool check metrics finds nothing to say about our metric families;
#   3. traces, read back through Jaeger's query API (tools/stack-check/check-traces.mjs);
#   4. Prometheus 3 scrapes the service and Jaeger with the project's prometheus.yml and rules, and every exemplar's
#      trace id is a trace in Jaeger (scripts/check-prometheus-live.sh);
#   5. the Postman collection passes with Newman, twice in a row (scripts/run-newman.sh);
#   6. backends fail, the service does not: under load Jaeger is killed and started again and Prometheus is killed;
#      every request is answered without a latency jump, lost spans are counted, export resumes by itself
#      (tools/stack-check/check-backend-outage.mjs).
# Builds the jar first if it is missing. Everything started here is stopped on exit.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=scripts/lib/stack-tools.sh
source "$ROOT/scripts/lib/stack-tools.sh"
ensure_backends
ensure_cmd curl curl
ensure_node_tools
echo "backends: $BACKEND_VERSIONS"

[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
# A run of free consecutive ports for Jaeger's six listeners.
free_port_run() {
  python3 - <<'EOF'
import random, socket
for _ in range(200):
    base = random.randrange(20000, 60000)
    socks = []
    try:
        for p in range(base, base + 6):
            s = socket.socket(); s.bind(("127.0.0.1", p)); socks.append(s)
        print(base); break
    except OSError:
        pass
    finally:
        for s in socks: s.close()
EOF
}

mkdir -p target/live
PIDS=()
# shellcheck disable=SC2317  # invoked by the trap
stop_all() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  # The Jaeger restarted by the outage check is not this shell's child: wait for it too (it drains for up to 10 s).
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  done
}
trap stop_all EXIT

# --- Jaeger with the project's own config
JAEGER_PORTS=$(node "$STACK_CHECK_DIR/rewrite-jaeger-config.mjs" observability/jaeger/jaeger.yml target/live/jaeger.yml "$(free_port_run)") \
  || die "observability/jaeger/jaeger.yml could not be moved to loopback"
jport() { node -e "console.log(JSON.parse(process.argv[1])[process.argv[2]])" "$JAEGER_PORTS" "$1"; }
JAEGER_URL="http://127.0.0.1:$(jport query_http)"
JAEGER_OTLP="http://127.0.0.1:$(jport otlp_grpc)"
JAEGER_METRICS="127.0.0.1:$(jport metrics)"
JAEGER_HEALTH="http://127.0.0.1:$(jport health)/status"
jaeger --config target/live/jaeger.yml > target/live/jaeger.log 2>&1 &
JAEGER_PID=$!
PIDS+=("$JAEGER_PID")
for _ in $(seq 30); do
  curl -fs -o /dev/null "$JAEGER_HEALTH" && break
  kill -0 "$JAEGER_PID" 2>/dev/null || break
  sleep 1
done
if ! curl -fs -o /dev/null "$JAEGER_HEALTH"; then
  echo "FAIL Jaeger did not start with observability/jaeger/jaeger.yml; its log says:" >&2
  tail -n 8 target/live/jaeger.log | sed 's/^/    /' >&2
  exit 1
fi
echo "jaeger $(jaeger --version 2>/dev/null | tail -n 1 | awk '{print $3}') query $JAEGER_URL, OTLP $JAEGER_OTLP"

# --- the packaged service, exporting to that Jaeger
PORT=$(free_port)
BASE_URL="http://127.0.0.1:$PORT"
DEPLOYMENT_ENVIRONMENT=ci java -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$PORT" \
  -Dquarkus.otel.exporter.otlp.traces.endpoint="$JAEGER_OTLP" \
  -jar target/quarkus-app/quarkus-run.jar > target/live/service.log 2>&1 &
SERVICE_PID=$!
PIDS+=("$SERVICE_PID")
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

echo "== traces in Jaeger (every request, the generator's, none lost, the dashboards' Jaeger queries)"
node "$STACK_CHECK_DIR/check-traces.mjs" "$ROOT" "$BASE_URL" "$JAEGER_URL"

echo "== Prometheus 3 scrapes the service and Jaeger (config, rules, dashboards' queries, exemplars -> Jaeger)"
JAEGER_URL="$JAEGER_URL" JAEGER_METRICS="$JAEGER_METRICS" scripts/check-prometheus-live.sh "$BASE_URL"

echo "== Postman collection with Newman, twice in a row"
scripts/run-newman.sh "$BASE_URL" --iteration-count 2

echo "== backends fail, the service does not: Jaeger killed and restarted, Prometheus killed, under load"
PROM_PORT=$(free_port)
node "$STACK_CHECK_DIR/rewrite-prometheus-config.mjs" observability/prometheus/prometheus.yml target/live/prometheus-outage.yml \
  observability/prometheus/rules "observability-lab=127.0.0.1:$PORT" "prometheus=127.0.0.1:$PROM_PORT" "jaeger=$JAEGER_METRICS"
rm -rf target/live/prometheus-outage-data
prometheus --config.file=target/live/prometheus-outage.yml --storage.tsdb.path=target/live/prometheus-outage-data \
  --web.listen-address="127.0.0.1:$PROM_PORT" --enable-feature=exemplar-storage --log.level=warn \
  > target/live/prometheus-outage.log 2>&1 &
PROM_PID=$!
PIDS+=("$PROM_PID")
for _ in $(seq 30); do curl -fs -o /dev/null "http://127.0.0.1:$PROM_PORT/-/ready" && break; sleep 1; done
status=0
node "$STACK_CHECK_DIR/check-backend-outage.mjs" "$BASE_URL" "$JAEGER_URL" "$JAEGER_HEALTH" "$JAEGER_PID" "$PROM_PID" \
  target/live/jaeger.log -- jaeger --config target/live/jaeger.yml | tee target/live/outage.out || status=$?
status=${PIPESTATUS[0]}
restarted=$(awk '/^jaeger-pid/ { print $2 }' target/live/outage.out)
[ -z "$restarted" ] || PIDS+=("$restarted")
exit "$status"
