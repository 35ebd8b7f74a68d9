#!/usr/bin/env bash
# Checks against the packaged service and the real backends compose runs, all on loopback:
#   0. the pinned Jaeger v2 and Prometheus 3 are built from Go's module proxy (scripts/build-backends.sh);
#   1. the live tests in Java (./mvnw verify -Plive, src/test/java/dev/obslab/live, docs/checks.md): traces in Jaeger,
#      three services in one trace, a backend outage under load, hostile clients, graceful shutdown; each starts the
#      jar, Jaeger (the project's jaeger.yml on loopback) and Prometheus itself;
#   then, against a service, three more instances playing checkout, inventory and payments, and a Jaeger started
#   here (the project's jaeger.yml, listen addresses moved to loopback, nothing else changed), started while the Java
#   tests run:
#   2. promtool check metrics finds nothing to say about our metric families;
#   3. Prometheus 3 scrapes the service and Jaeger with the project's prometheus.yml and rules, and every exemplar's
#      trace id is a trace in Jaeger (scripts/check-prometheus-live.sh);
#   4. the Postman collection passes with Newman, twice in a row, and its Topology folder against the three
#      (scripts/run-newman.sh).
# LIVE_TESTS=TracesLiveIT,... runs only those Java tests (failsafe's it.test). Builds the jar first if it is missing.
# Everything started here is stopped on exit.
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
# The Java tests write target/live/; what is started here logs to target/live-stack/.
OUT=target/live-stack
mkdir -p "$OUT"
PIDS=()
# shellcheck disable=SC2317  # invoked by the trap
stop_all() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop_all EXIT

# --- Jaeger with the project's own config
JAEGER_PORTS=$(node "$STACK_CHECK_DIR/rewrite-jaeger-config.mjs" observability/jaeger/jaeger.yml "$OUT/jaeger.yml") \
  || die "observability/jaeger/jaeger.yml could not be moved to loopback"
jport() { node -e "console.log(JSON.parse(process.argv[1])[process.argv[2]])" "$JAEGER_PORTS" "$1"; }
JAEGER_URL="http://127.0.0.1:$(jport query_http)"
JAEGER_OTLP="http://127.0.0.1:$(jport otlp_grpc)"
JAEGER_METRICS="127.0.0.1:$(jport metrics)"
JAEGER_HEALTH="http://127.0.0.1:$(jport health)/status"
jaeger --config "$OUT/jaeger.yml" > "$OUT/jaeger.log" 2>&1 &
PIDS+=("$!")
# NAME READY-URL PID of everything started here, for await_ready.
STARTED=("jaeger $JAEGER_HEALTH $!")

# --- the packaged service, exporting to that Jaeger; and three more instances playing checkout, inventory and
# payments (checkout's steps call the other two), as compose runs them; ready once the Java tests are done
# start_service NAME PORT [ENV=VALUE ...]: java -jar on 127.0.0.1:PORT, log in $OUT/NAME.log
start_service() {
  local name=$1 port=$2
  shift 2
  env DEPLOYMENT_ENVIRONMENT=ci "$@" java -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" \
    -Dquarkus.otel.exporter.otlp.traces.endpoint="$JAEGER_OTLP" \
    -jar target/quarkus-app/quarkus-run.jar > "$OUT/$name.log" 2>&1 &
  PIDS+=("$!")
  STARTED+=("$name http://127.0.0.1:$port/q/health/ready $!")
}
await_ready() {
  local name url pid entry
  for entry in "${STARTED[@]}"; do
    read -r name url pid <<< "$entry"
    for _ in $(seq 90); do
      curl -fs -o /dev/null "$url" && break
      kill -0 "$pid" 2>/dev/null || break
      sleep 1
    done
    if ! curl -fs -o /dev/null "$url"; then
      echo "$name did not become ready ($url); last lines of its log:" >&2
      tail -n 40 "$OUT/$name.log" >&2
      exit 1
    fi
  done
}
PORT=$(free_port)
BASE_URL="http://127.0.0.1:$PORT"
start_service service "$PORT"
CHECKOUT_PORT=$(free_port); INVENTORY_PORT=$(free_port); PAYMENTS_PORT=$(free_port)
CHECKOUT_URL="http://127.0.0.1:$CHECKOUT_PORT"
INVENTORY_URL="http://127.0.0.1:$INVENTORY_PORT"
PAYMENTS_URL="http://127.0.0.1:$PAYMENTS_PORT"
CALL_TIMEOUT_MS=1500
start_service inventory "$INVENTORY_PORT" QUARKUS_OTEL_SERVICE_NAME=inventory \
  SIMULATOR_PROCESS_STEPS="lookup-stock:40,hold-items:60"
start_service payments "$PAYMENTS_PORT" QUARKUS_OTEL_SERVICE_NAME=payments \
  SIMULATOR_PROCESS_STEPS="fraud-check:30,authorize:50,capture:20"
start_service checkout "$CHECKOUT_PORT" QUARKUS_OTEL_SERVICE_NAME=checkout SIMULATOR_PROCESS_CALL_TIMEOUT_MS=$CALL_TIMEOUT_MS \
  SIMULATOR_SCENARIOS_SERVICES="inventory=$INVENTORY_URL,payments=$PAYMENTS_URL" \
  SIMULATOR_PROCESS_STEPS="validate-cart:10,reserve-stock:30@$INVENTORY_URL,charge-card:40@$PAYMENTS_URL,confirm-order:20"

# The jar exists (built above or by verify before): the live profile runs the tests without building it again.
# HostileClientsLiveIT holds 2000 idle connections: both ends in processes started from here.
ulimit -n 8192 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
echo "== live tests in Java: traces, topology, backend outage, hostile clients, graceful shutdown (./mvnw verify -Plive)"
./mvnw -B verify -Plive -Dquarkus.build.skip=true ${LIVE_TESTS:+-Dit.test="$LIVE_TESTS"}

# Jaeger first: one that does not start with observability/jaeger/jaeger.yml says why in its log.
await_ready
echo "jaeger $(jaeger --version 2>/dev/null | tail -n 1 | awk '{print $3}') query $JAEGER_URL, OTLP $JAEGER_OTLP"

echo "== promtool check metrics (our families: http_server_requests, simulator_*)"
# Touch every family first, so every series exists.
curl -fs -o /dev/null "$BASE_URL/process?delay_ms=1&fail=false"
curl -fs -o /dev/null "$BASE_URL/process?fail=true" || true
curl -fs -o /dev/null "$BASE_URL/generate_logs?count=5"
curl -fs -H 'Accept: text/plain' "$BASE_URL/q/metrics" > "$OUT/metrics.txt"
lint=$(promtool check metrics < "$OUT/metrics.txt" 2>&1 | grep -E '^(simulator_|http_server_requests)' || true)
if [ -n "$lint" ]; then
  echo "promtool check metrics complains about our families:" >&2
  echo "$lint" >&2
  exit 1
fi
echo "ok: $(grep -c '^simulator_' "$OUT/metrics.txt") simulator_ series, promtool has nothing to say about them"

echo "== Prometheus 3 scrapes the four instances and Jaeger (config, rules, dashboards' queries per service, exemplars -> Jaeger)"
JAEGER_URL="$JAEGER_URL" JAEGER_METRICS="$JAEGER_METRICS" EXTRA_SERVICE_URLS="$CHECKOUT_URL $INVENTORY_URL $PAYMENTS_URL" \
  scripts/check-prometheus-live.sh "$BASE_URL"

echo "== Postman collection with Newman, twice in a row (the Topology folder skipped: one service)"
scripts/run-newman.sh "$BASE_URL" --iteration-count 2 --env-var inventoryUrl=

echo "== Postman's Topology folder against checkout, inventory and payments"
# The shipped environment leaves inventoryUrl and paymentsUrl empty (the folder skips itself on a plain service):
# every URL the folder needs is given here.
scripts/run-newman.sh "$CHECKOUT_URL" --folder Topology --env-var "inventoryUrl=$INVENTORY_URL" \
  --env-var "paymentsUrl=$PAYMENTS_URL" --env-var "paymentsInternalUrl=$PAYMENTS_URL" --env-var "jaegerUrl=$JAEGER_URL"
# A request that skipped itself passes silently: every request of the folder must have been sent.
# shellcheck disable=SC2016  # JavaScript in single quotes, not shell
node -e '
  const [collection, report] = process.argv.slice(1).map((f) => require(f));
  const expected = collection.item.find((i) => i.name === "Topology").item.length;
  const sent = report.run.stats.requests.total;
  if (sent !== expected) { console.error(`FAIL Topology: ${sent} of ${expected} requests sent, the others skipped themselves`); process.exit(1); }
  console.log(`ok: Topology sent all ${sent} requests`);
' "$ROOT/postman/observability-lab.postman_collection.json" "$ROOT/target/newman/newman.json"
