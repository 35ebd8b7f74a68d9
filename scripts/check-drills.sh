#!/usr/bin/env bash
# Alert drills end to end, every process on 127.0.0.1 with free ports:
#   - the packaged service (target/quarkus-app/quarkus-run.jar) as checkout, its SIMULATOR_DRILLS_PROMETHEUS_URL and
#     SIMULATOR_DRILLS_ALERTMANAGER_URL at the two below, an admin token set;
#   - the pinned Prometheus 3 with the project's prometheus.yml and rules (targets and alerting moved to loopback by
#     rewrite-prometheus-config.mjs; rules and their `for:` unchanged: the lab never shortens them);
#   - the pinned Alertmanager with the project's alertmanager.yml, its webhook moved to the service's loopback URL
#     (rewrite-alertmanager-config.mjs).
# Checks: Alertmanager and Prometheus ready, Prometheus lists the Alertmanager as active, targets up; then
#   (a) POST /api/drills/error-storm (without the token: 401), its run polled until it ends (DRILL_TIMEOUT_SECONDS,
#       540): passed, every expected alert firing, notified and resolved; simulator_drill_runs_total
#       {drill="error-storm",result="passed"} is 1 and simulator_drill_detection_seconds has counts on /q/metrics; every
#       query of the Alert drills dashboard returns data (check-live.mjs);
#   (b) a drill expecting NoSuchAlertRule fails, with a reason naming it;
#   (c) the Postman collection's Drills folder passes (drillsEnabled=true, the admin token).
# --self-test: the same Prometheus and Alertmanager, with tools/stack-check/drills-stand-in.py in the service's place
#   (metrics that fire ObservabilityLabHighErrorRatio, then stop): the webhook must receive a version-4 firing payload,
#   then its resolved one (kept in target/drills/webhook-{firing,resolved}.json). Needs no jar.
# Logs and payloads in target/drills/. Bounded loops; everything started here is stopped on exit.
# Ends with "N passed, M failed".
# Usage: scripts/check-drills.sh [--self-test]
# shellcheck disable=SC2016  # the single-quoted snippets are JavaScript, not shell
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=scripts/lib/stack-tools.sh
source "$ROOT/scripts/lib/stack-tools.sh"
ensure_backends
ensure_cmd curl curl
ensure_node_tools

SELF_TEST=0
case "${1:-}" in
  --self-test) SELF_TEST=1 ;;
  "") ;;
  *) echo "usage: $0 [--self-test]" >&2; exit 2 ;;
esac
DRILL_TIMEOUT_SECONDS=${DRILL_TIMEOUT_SECONDS:-540}
OUT="$ROOT/target/drills"
rm -rf "$OUT"
mkdir -p "$OUT/webhooks"
START=$(date +%s)

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }
finish() { echo "$passed passed, $failed failed"; [ "$failed" -eq 0 ]; exit; }

PIDS=()
# shellcheck disable=SC2317  # invoked by the trap
stop_all() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop_all EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
# wait_for SECONDS COMMAND...: poll once a second, bounded; 1 when it never succeeded.
wait_for() {
  local seconds=$1
  shift
  for _ in $(seq "$seconds"); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 1
  done
  return 1
}
# ready PROGRAM URL WHAT: the backend just started answers URL/-/ready within 30 s, or the check ends with its log
# (target/drills/PROGRAM.log).
ready() {
  if wait_for 30 curl -fsS --max-time 2 "$2/-/ready"; then
    ok "$1 $("$1" --version 2>&1 | head -n 1 | awk '{print $3}') ready on $2 with $3"
  else
    fail "$1 did not become ready on $2"
    tail -n 20 "$OUT/$1.log"
    finish
  fi
}
# json FILE EXPRESSION: evaluate a JavaScript expression over the JSON document `d` in FILE, print the result.
json() { node -e 'const d = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); const r = eval(process.argv[2]); console.log(typeof r === "string" ? r : JSON.stringify(r));' "$1" "$2"; }

SVC_PORT=$(free_port); PROM_PORT=$(free_port); AM_PORT=$(free_port)
SVC=http://127.0.0.1:$SVC_PORT
PROM=http://127.0.0.1:$PROM_PORT
AM=http://127.0.0.1:$AM_PORT
# A token, so that the drills' controls are proven locked as the other controls are (docs/api.md).
TOKEN=drills-check-$RANDOM$RANDOM
echo "backends: $BACKEND_VERSIONS"

# --- the service, or the stand-in
if [ "$SELF_TEST" -eq 1 ]; then
  python3 "$STACK_CHECK_DIR/drills-stand-in.py" "$SVC_PORT" "$OUT/webhooks" > "$OUT/stand-in.log" 2>&1 &
  PIDS+=("$!")
  wait_for 20 curl -fsS --max-time 2 "$SVC/q/metrics" || { fail "the stand-in did not start on $SVC"; cat "$OUT/stand-in.log"; finish; }
  echo "stand-in for the service on $SVC (self-test)"
else
  [ -f target/quarkus-app/quarkus-run.jar ] || die "target/quarkus-app/quarkus-run.jar is missing: ./mvnw -B package -DskipTests"
  # No trace backend runs here: spans are not sampled (none exported, so no export warnings and no span-loss alert
  # beside the drills'), but every answer still carries its trace id, as the Postman contract checks.
  env QUARKUS_OTEL_SERVICE_NAME=checkout DEPLOYMENT_ENVIRONMENT=ci QUARKUS_OTEL_TRACES_SAMPLER=always_off \
    SIMULATOR_ADMIN_TOKEN="$TOKEN" SIMULATOR_DRILLS_PROMETHEUS_URL="$PROM" SIMULATOR_DRILLS_ALERTMANAGER_URL="$AM" \
    java -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$SVC_PORT" -jar target/quarkus-app/quarkus-run.jar \
    > "$OUT/service.log" 2>&1 &
  SVC_PID=$!
  PIDS+=("$SVC_PID")
  if ! wait_for 90 curl -fsS --max-time 2 "$SVC/q/health/ready"; then
    fail "the service did not become ready on $SVC"
    tail -n 30 "$OUT/service.log"
    finish
  fi
  echo "service (checkout) on $SVC"
fi

# --- Alertmanager with the project's config, its webhook at the service
node "$STACK_CHECK_DIR/rewrite-alertmanager-config.mjs" observability/alertmanager/alertmanager.yml "$OUT/alertmanager.yml" "$SVC"
amtool check-config "$OUT/alertmanager.yml" > /dev/null || die "rewritten alertmanager.yml is invalid: $OUT/alertmanager.yml"
alertmanager --config.file="$OUT/alertmanager.yml" --storage.path="$OUT/alertmanager-data" \
  --web.listen-address="127.0.0.1:$AM_PORT" --cluster.listen-address= --log.level=info > "$OUT/alertmanager.log" 2>&1 &
PIDS+=("$!")
ready alertmanager "$AM" "observability/alertmanager/alertmanager.yml (webhook to $SVC)"

# --- Prometheus with the project's config and rules, alerting to that Alertmanager
node "$STACK_CHECK_DIR/rewrite-prometheus-config.mjs" observability/prometheus/prometheus.yml "$OUT/prometheus.yml" \
  observability/prometheus/rules "observability-lab=127.0.0.1:$SVC_PORT" "prometheus=127.0.0.1:$PROM_PORT" \
  "alertmanager=127.0.0.1:$AM_PORT" "--alertmanagers=127.0.0.1:$AM_PORT"
promtool check config "$OUT/prometheus.yml" > /dev/null || die "rewritten prometheus.yml is invalid: $OUT/prometheus.yml"
prometheus --config.file="$OUT/prometheus.yml" --storage.tsdb.path="$OUT/prometheus-data" \
  --web.listen-address="127.0.0.1:$PROM_PORT" --enable-feature=exemplar-storage --log.level=warn \
  > "$OUT/prometheus.log" 2>&1 &
PIDS+=("$!")
ready prometheus "$PROM" "observability/prometheus/prometheus.yml and rules"

# shellcheck disable=SC2317  # invoked through wait_for
active_am() {
  curl -fsS --max-time 5 "$PROM/api/v1/alertmanagers" > "$OUT/alertmanagers.json" \
    && [ "$(json "$OUT/alertmanagers.json" 'd.data.activeAlertmanagers.map((a) => a.url).join(",")')" = "$AM/api/v2/alerts" ]
}
if wait_for 30 active_am; then ok "Prometheus lists $AM as its one active Alertmanager (/api/v1/alertmanagers)"
else fail "Prometheus does not list $AM as active: $(cat "$OUT/alertmanagers.json" 2>/dev/null)"; fi

# shellcheck disable=SC2317  # invoked through wait_for
targets_up() {
  curl -fsS --max-time 5 "$PROM/api/v1/targets?state=active" > "$OUT/targets.json" \
    && [ "$(json "$OUT/targets.json" 'd.data.activeTargets.filter((t) => t.health === "up").map((t) => t.labels.job).sort().join(",")')" \
      = "alertmanager,observability-lab,prometheus" ]
}
if wait_for 30 targets_up; then ok "targets up: alertmanager, observability-lab, prometheus"
else fail "targets: $(json "$OUT/targets.json" 'd.data.activeTargets.map((t) => `${t.labels.job}=${t.health} ${t.lastError}`).join("; ")' 2>/dev/null)"; fi

# ---------------------------------------------------------------------------------------------------------------------
if [ "$SELF_TEST" -eq 1 ]; then
  # The first webhook body whose status and alertname match, as a file name (bounded by the caller's loop).
  find_payload() { # STATUS ALERTNAME
    local f
    for f in "$OUT"/webhooks/*.json; do
      [ -e "$f" ] || continue
      [ "$(json "$f" "d.status + ' ' + d.groupLabels.alertname")" = "$1 $2" ] && { echo "$f"; return 0; }
    done
    return 1
  }
  # Shape of a version-4 payload (what the drills' receiver parses).
  payload_problems() { # FILE STATUS
    json "$1" '[
      d.version === "4" || `version ${d.version}`,
      d.status === "'"$2"'" || `status ${d.status}`,
      d.receiver === "lab-drills" || `receiver ${d.receiver}`,
      typeof d.groupKey === "string" || "no groupKey",
      d.truncatedAlerts === 0 || `truncatedAlerts ${d.truncatedAlerts}`,
      ["alertname", "service", "severity"].every((k) => k in d.groupLabels) || `groupLabels ${JSON.stringify(d.groupLabels)}`,
      d.commonLabels.service === "checkout" || `commonLabels.service ${d.commonLabels.service}`,
      typeof d.externalURL === "string" || "no externalURL",
      d.alerts.length > 0 || "no alerts",
      ...d.alerts.map((a) => (a.status === "'"$2"'" && a.labels.alertname && a.annotations.runbook_url && a.startsAt
        && a.endsAt && typeof a.generatorURL === "string" && /^[0-9a-f]{16}$/.test(a.fingerprint)
        && ("'"$2"'" === "firing" ? a.endsAt.startsWith("0001-") : !a.endsAt.startsWith("0001-"))) || `alert ${JSON.stringify(a)}`),
    ].filter((x) => x !== true).join("; ")'
  }
  await_payload() { # STATUS SECONDS: the payload file, or nothing when none came in time
    local f=""
    for _ in $(seq "$2"); do f=$(find_payload "$1" ObservabilityLabHighErrorRatio) && break; sleep 1; done
    echo "$f"
  }

  curl -fsS -o /dev/null --max-time 5 -X POST "$SVC/storm"
  t=$(date +%s)
  echo "storm: 50% of the stand-in's requests fail; ObservabilityLabHighErrorRatio (for: 2m) should be notified in about 2.5 min"
  firing=$(await_payload firing 300)
  if [ -z "$firing" ]; then
    fail "no firing notification of ObservabilityLabHighErrorRatio within 300 s ($(find "$OUT/webhooks" -name '*.json' | wc -l) webhook bodies)"
    curl -fsS --max-time 5 "$PROM/api/v1/alerts" | head -c 1000; echo
  else
    problems=$(payload_problems "$firing" firing)
    cp "$firing" "$OUT/webhook-firing.json"
    if [ -z "$problems" ]; then ok "webhook: firing ObservabilityLabHighErrorRatio{service=checkout}, version 4, $(( $(date +%s) - t )) s after the storm began ($OUT/webhook-firing.json)"
    else fail "webhook firing payload: $problems"; fi

    curl -fsS -o /dev/null --max-time 5 -X POST "$SVC/calm"
    t=$(date +%s)
    echo "calm: no more errors; the resolution should be notified within about 2 min (1m rate window, group_interval 1m)"
    resolved=$(await_payload resolved 240)
    if [ -z "$resolved" ]; then
      fail "no resolved notification of ObservabilityLabHighErrorRatio within 240 s"
    else
      problems=$(payload_problems "$resolved" resolved)
      cp "$resolved" "$OUT/webhook-resolved.json"
      if [ -z "$problems" ]; then ok "webhook: resolved ObservabilityLabHighErrorRatio, version 4, $(( $(date +%s) - t )) s after the storm ended ($OUT/webhook-resolved.json)"
      else fail "webhook resolved payload: $problems"; fi
    fi
  fi
  finish
fi

# ---------------------------------------------------------------------------------------------------------------------
# start_drill NAME [BODY]: POST /api/drills/NAME with the token; prints the run's path from Location.
start_drill() {
  local name=$1 body=${2:-} code args=()
  [ -z "$body" ] || args=(-H 'Content-Type: application/json' --data "$body")
  code=$(curl -sS -o "$OUT/start-$name.json" -D "$OUT/start-$name.headers" -w '%{http_code}' --max-time 10 -X POST \
    -H "Authorization: Bearer $TOKEN" "${args[@]}" "$SVC/api/drills/$name") || code=000
  if [ "$code" != 202 ]; then
    echo "POST /api/drills/$name answered $code: $(head -c 400 "$OUT/start-$name.json" 2>/dev/null)" >&2
    return 1
  fi
  tr -d '\r' < "$OUT/start-$name.headers" | sed -n 's/^[Ll]ocation: *//p' | sed -E 's#^https?://[^/]+##'
}
# await_run PATH FILE: poll the run every 5 s until its status is not `running` (at most DRILL_TIMEOUT_SECONDS);
# the last report in FILE.
await_run() {
  local run=$1 file=$2 deadline status=""
  deadline=$(( $(date +%s) + DRILL_TIMEOUT_SECONDS ))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    if curl -fsS --max-time 10 -o "$file" "$SVC$run"; then
      status=$(json "$file" 'd.status')
      [ "$status" = running ] || return 0
    fi
    sleep 5
  done
  return 1
}
# samples NAME LABEL=\"VALUE\"...: the samples of /q/metrics (text format) of that name carrying those labels (others,
# such as the common `service` tag, may be there too), one "labels value" line each
samples() {
  local name=$1
  shift
  curl -fsS --max-time 5 -H 'Accept: text/plain' "$SVC/q/metrics" > "$OUT/metrics.txt" || return 0
  awk -v name="$name" -v want="$*" '
    index($1, name "{") == 1 { n = split(want, w, " "); for (i = 1; i <= n; i++) if (index($1, w[i]) == 0) next; print }
  ' "$OUT/metrics.txt"
}

echo "== (a) error-storm: the scenario runs, its alerts must fire, be notified and resolve (up to ${DRILL_TIMEOUT_SECONDS} s)"
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -X POST "$SVC/api/drills/error-storm" || true)
if [ "$code" = 401 ]; then ok "POST /api/drills/error-storm without the admin token: 401"; else fail "POST /api/drills/error-storm without the admin token answered $code, not 401"; fi
if run=$(start_drill error-storm) && [[ $run == /api/drills/runs/* ]]; then
  ok "POST /api/drills/error-storm: 202, Location $run"
  t=$(date +%s)
  if await_run "$run" "$OUT/run-error-storm.json"; then
    problems=$(json "$OUT/run-error-storm.json" '[
      d.status === "passed" || `status ${d.status}${d.reason ? ` (${d.reason})` : ""}`,
      d.alerts.some((a) => a.expected) || "no expected alert in the report",
      ...d.alerts.filter((a) => a.expected).flatMap((a) => ["firingAt", "notifiedAt", "resolvedAt"]
        .filter((k) => !a[k]).map((k) => `${a.name} ${JSON.stringify(a.labels)}: no ${k}`)),
    ].filter((x) => x !== true).join("; ")')
    if [ -z "$problems" ]; then
      ok "error-storm passed in $(( $(date +%s) - t )) s: $(json "$OUT/run-error-storm.json" 'd.alerts.filter((a) => a.expected).map((a) => `${a.name} detected in ${a.detectionSeconds} s`).join(", ")')"
    else
      fail "error-storm: $problems ($OUT/run-error-storm.json)"
    fi
  else
    fail "error-storm still running after ${DRILL_TIMEOUT_SECONDS} s ($OUT/run-error-storm.json)"
    curl -s -o /dev/null --max-time 5 -X DELETE -H "Authorization: Bearer $TOKEN" "$SVC$run" || true
  fi
  runs=$(samples simulator_drill_runs_total 'drill="error-storm"' 'result="passed"' | awk '{ print $2 }')
  if [ "${runs%.0}" = 1 ]; then ok "simulator_drill_runs_total{drill=\"error-storm\",result=\"passed\"} is 1"
  else fail "simulator_drill_runs_total{drill=\"error-storm\",result=\"passed\"} is ${runs:-absent}, not 1"; fi
  counts=$(samples simulator_drill_detection_seconds_count 'drill="error-storm"' | awk '$2 > 0' | wc -l)
  if [ "$counts" -gt 0 ]; then ok "simulator_drill_detection_seconds_count has $counts series with counts for error-storm"
  else fail "simulator_drill_detection_seconds_count has no count for error-storm"; fi
  # The Alert drills dashboard: every query returns data now that a drill ran and alerts fired. Its annotations are
  # evaluated on a 10 s step grid: a run that ended a moment ago falls after the last step until the next one passes.
  sleep 15
  if ONLY_DASHBOARDS=alert-drills.json node "$STACK_CHECK_DIR/check-live.mjs" "$ROOT" "$PROM" "$START" > "$OUT/dashboard.out" 2>&1; then
    ok "every query of the Alert drills dashboard returns data"
  else
    fail "the Alert drills dashboard: $(grep -A5 '^FAIL' "$OUT/dashboard.out" | head -n 12)"
  fi
else
  fail "POST /api/drills/error-storm did not start a run (202 with Location /api/drills/runs/{id})"
fi

echo "== (b) a drill whose expected alert has no rule fails, naming it"
if run=$(start_drill quiet '{"expect":[{"alert":"NoSuchAlertRule"}],"deadlineSeconds":120}') && [[ $run == /api/drills/runs/* ]]; then
  if await_run "$run" "$OUT/run-impossible.json"; then
    problems=$(json "$OUT/run-impossible.json" '[
      d.status === "failed" || `status ${d.status}`,
      /NoSuchAlertRule/.test(d.reason ?? "") || `reason ${JSON.stringify(d.reason)} does not name NoSuchAlertRule`,
    ].filter((x) => x !== true).join("; ")')
    if [ -z "$problems" ]; then ok "the impossible drill failed: $(json "$OUT/run-impossible.json" 'd.reason')"
    else fail "the impossible drill: $problems ($OUT/run-impossible.json)"; fi
  else
    fail "the impossible drill still running after ${DRILL_TIMEOUT_SECONDS} s"
    curl -s -o /dev/null --max-time 5 -X DELETE -H "Authorization: Bearer $TOKEN" "$SVC$run" || true
  fi
else
  fail "POST /api/drills/quiet with an impossible expectation did not start a run"
fi

echo "== (c) the Postman collection's Drills folder against this service, with its real backends"
if SIMULATOR_ADMIN_TOKEN="$TOKEN" scripts/run-newman.sh "$SVC" --folder Drills --env-var drillsEnabled=true \
    > "$OUT/newman-drills.log" 2>&1; then
  ok "Newman, Drills folder: $(tail -n 1 "$OUT/newman-drills.log")"
else
  grep -E '^\s+[0-9]+\. ' "$OUT/newman-drills.log" | head -n 20
  fail "Newman, Drills folder: $(tail -n 1 "$OUT/newman-drills.log")"
fi

finish
