#!/usr/bin/env bash
# Live check: the pinned Prometheus 3 (tools/backends) scrapes the running service with the project's own
# prometheus.yml and rules, after a burst of traffic.
#   scripts/check-prometheus-live.sh http://127.0.0.1:18080
# With JAEGER_METRICS=127.0.0.1:PORT (Jaeger's own metrics) the `jaeger` job scrapes that Jaeger too, and with
# JAEGER_URL=http://127.0.0.1:PORT (its query API) every exemplar's trace id must be a trace there. With
# ALERTMANAGER=127.0.0.1:PORT (a loopback Alertmanager) alerts are sent there and the `alertmanager` job scrapes it;
# without it the alerting section is dropped (no Alertmanager runs). With
# EXTRA_SERVICE_URLS="http://127.0.0.1:P1 http://127.0.0.1:P2 ..." (instances playing other services) the service job
# scrapes those too, the burst reaches them, and dashboards with a $service variable are checked for each service.
# The service must already run at that loopback URL (for example
#   java -Dquarkus.http.port=18080 -jar target/quarkus-app/quarkus-run.jar).
# The burst is curl requests plus the service's own traffic generator (PUT /api/traffic, every
# request kind) and a short run of the `steady` scenario; the traffic settings found before are
# put back and the scenario stopped at the end of the burst (or on exit).
# Asserts: the target is up, every rule is healthy, every Prometheus query of every dashboard
# returns data (Grafana variables substituted; annotations something to mark), exemplars with
# trace ids are stored.
# With PROMETHEUS_URL=http://127.0.0.1:PORT a Prometheus already running (compose's, scripts/check-compose.sh) is
# checked instead, with its own config: no Prometheus is started, TARGET_JOBS=job,... names the jobs whose targets
# must be up (the others do not run there) and EXPECT_SERVICES=a,b,c the services whose exemplars must resolve.
# Loopback only, bounded loops, Prometheus is stopped on exit. Ends with "N passed, M failed".
set -euo pipefail

BASE_URL=${1:-}
[[ $BASE_URL =~ ^http://(127\.[0-9]+\.[0-9]+\.[0-9]+|localhost):([0-9]+)/?$ ]] \
  || { echo "usage: $0 http://127.0.0.1:PORT   (loopback only)" >&2; exit 2; }
BASE_URL=${BASE_URL%/}
SERVICE_HOSTPORT="${BASH_REMATCH[1]}:${BASH_REMATCH[2]}"
BURST_SECONDS=${BURST_SECONDS:-25}
# How long the `steady` scenario runs at the start of the burst: longer than the 5 s step of the
# scenario annotation, so that one of its samples falls inside.
SCENARIO_SECONDS=${SCENARIO_SECONDS:-8}
# The generator during the burst: every request kind, so that every series of the traffic panels
# moves; fast enough, and the slow kind short enough, not to reach maxInFlight.
TRAFFIC_BURST='{"rps":20,"mix":{"process":8,"process_fail":1,"process_slow":1,"generate_logs":2},"maxInFlight":64,"logCount":5,"slowDelayMs":300}'

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/lib/stack-tools.sh
source "$ROOT/scripts/lib/stack-tools.sh"
ensure_backends
ensure_cmd curl curl
ensure_node_tools

read -r -a EXTRA_URLS <<< "${EXTRA_SERVICE_URLS:-}"
TMP=$(mktemp -d)
PROM_PID=""
TRAFFIC_BEFORE=""   # the generator's settings found before the burst, while not yet put back
SCENARIO_RUNNING=0  # 1 while the scenario this script started runs

# The service as it was: the scenario stopped first (its end puts back the traffic settings it
# found, ours), then the generator's own settings.
# shellcheck disable=SC2317  # also invoked by the trap
restore_service() {
  if [ "$SCENARIO_RUNNING" -eq 1 ]; then
    curl -s -o /dev/null --max-time 5 -X DELETE "$BASE_URL/api/scenarios/active" || true
    for url in "${EXTRA_URLS[@]}"; do curl -s -o /dev/null --max-time 5 -X DELETE "$url/api/scenarios/active" || true; done
    SCENARIO_RUNNING=0
  fi
  if [ -n "$TRAFFIC_BEFORE" ]; then
    curl -fsS -o /dev/null --max-time 5 -X PUT -H 'Content-Type: application/json' --data "$TRAFFIC_BEFORE" \
      "$BASE_URL/api/traffic" || echo "warning: could not put back the traffic settings $TRAFFIC_BEFORE" >&2
    TRAFFIC_BEFORE=""
  fi
}

# shellcheck disable=SC2317  # invoked by the trap
cleanup() {
  restore_service
  if [ -n "$PROM_PID" ] && kill -0 "$PROM_PID" 2>/dev/null; then
    kill "$PROM_PID" 2>/dev/null || true
    wait "$PROM_PID" 2>/dev/null || true
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT INT TERM

# wait_for DESCRIPTION SECONDS COMMAND...: poll once a second, bounded.
wait_for() {
  local what=$1 seconds=$2
  shift 2
  for _ in $(seq "$seconds"); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 1
  done
  echo "FAIL timed out after ${seconds}s waiting for $what"
  echo "0 passed, 1 failed"
  exit 1
}

wait_for "the service at $BASE_URL/q/health/ready" 60 curl -fsS --max-time 2 "$BASE_URL/q/health/ready"

if [ -n "${PROMETHEUS_URL:-}" ]; then
  PROM_URL=${PROMETHEUS_URL%/}
  wait_for "the Prometheus at $PROM_URL" 60 curl -fsS --max-time 2 "$PROM_URL/-/ready"
  echo "prometheus $(curl -fsS --max-time 5 "$PROM_URL/api/v1/status/buildinfo" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).data.version))') at $PROM_URL (already running, its own config)"
else
# A free loopback port for Prometheus.
PROM_PORT=""
for port in $(seq 19090 19190); do
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then PROM_PORT=$port; break; fi
done
[ -n "$PROM_PORT" ] || die "no free port in 19090-19190"
PROM_URL="http://127.0.0.1:$PROM_PORT"

service_targets=$SERVICE_HOSTPORT
for url in "${EXTRA_URLS[@]}"; do service_targets+=",${url#http://}"; done
jobs=("observability-lab=$service_targets" "prometheus=127.0.0.1:$PROM_PORT")
[ -z "${JAEGER_METRICS:-}" ] || jobs+=("jaeger=$JAEGER_METRICS")
[ -z "${ALERTMANAGER:-}" ] || jobs+=("alertmanager=$ALERTMANAGER" "--alertmanagers=$ALERTMANAGER")
node "$STACK_CHECK_DIR/rewrite-prometheus-config.mjs" "$ROOT/observability/prometheus/prometheus.yml" \
  "$TMP/prometheus.yml" "$ROOT/observability/prometheus/rules" "${jobs[@]}"
promtool check config "$TMP/prometheus.yml" >/dev/null || die "rewritten prometheus.yml is invalid: $TMP/prometheus.yml"

echo "prometheus $(prometheus --version 2>&1 | head -n 1 | awk '{print $3}') on $PROM_URL scraping ${jobs[*]}"
prometheus --config.file="$TMP/prometheus.yml" --storage.tsdb.path="$TMP/data" \
  --web.listen-address="127.0.0.1:$PROM_PORT" --enable-feature=exemplar-storage \
  --log.level=warn >"$TMP/prometheus.log" 2>&1 &
PROM_PID=$!
wait_for "Prometheus to be ready" 30 curl -fsS --max-time 2 "$PROM_URL/-/ready"
fi
# Ready is not scraping yet: Prometheus applies its targets up to 5 s later. Start the burst at
# the first scrape, so that its first seconds (the scenario) are seen.
# shellcheck disable=SC2317  # invoked through wait_for
scraped() {
  curl -fsS --max-time 2 "$PROM_URL/api/v1/query" --data-urlencode 'query=up{job="observability-lab"}' \
    | grep -q '"result":\[{'
}
wait_for "the first scrape of the service" 30 scraped

START=$(date +%s)

# Traffic: every endpoint family, successes and forced failures, slow and fast, log bursts,
# a 404 and one settings change (PUT of the current settings), for BURST_SECONDS seconds; the
# service's traffic generator at the same time, and the `steady` scenario for SCENARIO_SECONDS.
echo "sending traffic for ${BURST_SECONDS}s to $BASE_URL"
request() { curl -s -o /dev/null --max-time 35 "$@" || true; }
settings=$(curl -fsS --max-time 5 "$BASE_URL/api/simulator")
before=$(curl -fsS --max-time 5 "$BASE_URL/api/traffic") || die "GET $BASE_URL/api/traffic failed"
TRAFFIC_BEFORE=$before
curl -fsS -o /dev/null --max-time 5 -X PUT -H 'Content-Type: application/json' --data "$TRAFFIC_BURST" \
  "$BASE_URL/api/traffic" || die "PUT $BASE_URL/api/traffic failed"
echo "traffic generator on: $TRAFFIC_BURST (was $before)"

# `steady` changes the least (start-up settings, at least 5 requests/s). A scenario someone else
# started is left alone: it already gives the scenario queries something to show.
scenario_deadline=0
code=$(curl -s -o "$TMP/scenario.json" -w '%{http_code}' --max-time 5 -X POST "$BASE_URL/api/scenarios/steady" || true)
# The other instances run it too: the scenario and settings annotations are checked for each service.
for url in "${EXTRA_URLS[@]}"; do
  curl -s -o /dev/null --max-time 5 -X POST "$url/api/scenarios/steady" || true
done
case $code in
  202) SCENARIO_RUNNING=1
       scenario_deadline=$(($(date +%s) + SCENARIO_SECONDS))
       echo "scenario steady started for ${SCENARIO_SECONDS}s" ;;
  409) echo "a scenario is already running: leaving it alone ($(curl -s --max-time 5 "$BASE_URL/api/scenarios"))" ;;
  *)   echo "warning: POST /api/scenarios/steady answered $code: $(cat "$TMP/scenario.json" 2>/dev/null)" ;;
esac

deadline=$((START + BURST_SECONDS))
settings_put=0
i=0
while [ "$(date +%s)" -lt "$deadline" ] && [ "$i" -lt 2000 ]; do
  i=$((i + 1))
  if [ "$SCENARIO_RUNNING" -eq 1 ] && [ "$(date +%s)" -ge "$scenario_deadline" ]; then
    curl -fsS -o /dev/null --max-time 5 -X DELETE "$BASE_URL/api/scenarios/active" \
      || echo "warning: DELETE /api/scenarios/active failed"
    for url in "${EXTRA_URLS[@]}"; do curl -s -o /dev/null --max-time 5 -X DELETE "$url/api/scenarios/active" || true; done
    SCENARIO_RUNNING=0
    echo "scenario steady stopped after round $i"
  fi
  pids=()
  request "$BASE_URL/process" & pids+=($!)
  request -X POST "$BASE_URL/process?delay_ms=$(( (i % 7) * 150 ))" & pids+=($!)
  request "$BASE_URL/generate_logs?count=20" & pids+=($!)
  for url in "${EXTRA_URLS[@]}"; do
    request "$url/process" & pids+=($!)
    if [ $((i % 4)) -eq 2 ]; then
      request "$url/process?fail=true" & pids+=($!)
      request "$url/generate_logs?count=5&level=ERROR" & pids+=($!)
      request "$url/no-such-path" & pids+=($!)
    fi
  done
  if [ $((i % 4)) -eq 0 ]; then
    request "$BASE_URL/process?fail=true" & pids+=($!)
    request "$BASE_URL/generate_logs?count=5&level=ERROR" & pids+=($!)
    request "$BASE_URL/api/simulator" & pids+=($!)
    request "$BASE_URL/no-such-path" & pids+=($!)
  fi
  # Twice, seconds apart, and not while the scenario runs (its end would put back the settings it found):
  # the settings-change annotations need a change that lands between two scrapes of the range.
  if [ "$SCENARIO_RUNNING" -eq 0 ] && { { [ "$settings_put" -eq 0 ] && [ "$i" -ge 10 ]; } \
      || { [ "$settings_put" -eq 1 ] && [ "$i" -ge 30 ]; }; }; then
    settings_put=$((settings_put + 1))
    request -X PUT -H 'Content-Type: application/json' --data "$settings" "$BASE_URL/api/simulator" & pids+=($!)
    for url in "${EXTRA_URLS[@]}"; do
      own=$(curl -fsS --max-time 5 "$url/api/simulator") \
        && request -X PUT -H 'Content-Type: application/json' --data "$own" "$url/api/simulator"
    done
  fi
  # Only this round's requests: a bare `wait` would also wait for Prometheus.
  wait "${pids[@]}"
  sleep 0.2
done
restore_service
echo "sent $i rounds of requests; traffic generator back to $before"

# Let the last scrapes land and every rule group evaluate at least once (each group has its
# own offset within its interval; the slowest groups run once a minute).
rules_ready() {
  local rules
  rules=$(curl -fsS --max-time 5 "$PROM_URL/api/v1/rules") || return 1
  ! grep -q '"health":"unknown"' <<<"$rules" || return 1
  curl -fsS --max-time 5 "$PROM_URL/api/v1/query" \
      --data-urlencode 'query=count(job:http_server_requests_errors:ratio_rate1m)' | grep -q '"result":\[{'
}
service_down() {
  curl -fsS --max-time 5 "$PROM_URL/api/v1/query" --data-urlencode 'query=up{job="observability-lab"} == 0' \
    | grep -q '"result":\[{'
}
# Bounded; when the series never come the assertions below say why (target down, rule error).
for _ in $(seq 120); do rules_ready && break; service_down && break; sleep 1; done
sleep 3

status=0
JAEGER_URL=${JAEGER_URL:-} node "$STACK_CHECK_DIR/check-live.mjs" "$ROOT" "$PROM_URL" "$START" || status=$?
if [ "$status" -ne 0 ] && [ -s "$TMP/prometheus.log" ]; then
  echo "--- prometheus log (last lines)"
  tail -n 20 "$TMP/prometheus.log"
fi
exit "$status"
