#!/usr/bin/env bash
# Static checks of the observability stack, with the real tools (no Docker engine needed):
#   promtool check config / check rules / test rules   (the pinned Prometheus 3, tools/backends)
#   amtool check-config                                 (the pinned Alertmanager, tools/backends)
#   docker-compose config -q                            (Debian's docker-compose 1.29)
#   tools/stack-check/check-static.mjs                  (dashboards, PromQL/LogQL, provisioning,
#                                                        Compose spec, Dockerfiles, consistency)
#   ShellCheck lint of these scripts
# Installs what is missing (apt-get, npm ci). Ends with "N passed, M failed"; exit 1 on failure.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/lib/stack-tools.sh
source "$ROOT/scripts/lib/stack-tools.sh"

ensure_backends
ensure_cmd docker-compose docker-compose
ensure_cmd shellcheck shellcheck
ensure_node_tools

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

passed=0
failed=0
# step NAME COMMAND...: run, show the output only when it fails.
step() {
  local name=$1
  shift
  if "$@" >"$TMP/out" 2>&1; then
    passed=$((passed + 1))
    echo "ok   $name"
  else
    failed=$((failed + 1))
    echo "FAIL $name"
    sed 's/^/       /' "$TMP/out"
  fi
}

PROM="$ROOT/observability/prometheus"

# The config names its rules by their path inside the container; point it at the repository's
# rules so that `check config` loads and checks them too.
sed "s#/etc/prometheus/rules/#$PROM/rules/#" "$PROM/prometheus.yml" > "$TMP/prometheus.yml"
step "promtool check config observability/prometheus/prometheus.yml (rules included)" \
  promtool check config "$TMP/prometheus.yml"
step "promtool check rules observability/prometheus/rules/*.yml" \
  promtool check rules "$PROM"/rules/*.yml
# Run from tests/ so that the rule_files paths inside the test files resolve.
test_rules() { (cd "$PROM" && promtool test rules tests/*.yml); }
step "promtool test rules observability/prometheus/tests/*.yml" test_rules

step "amtool check-config observability/alertmanager/alertmanager.yml" \
  amtool check-config "$ROOT/observability/alertmanager/alertmanager.yml"

step "docker-compose config -q (with .env.example)" \
  docker-compose --project-directory "$ROOT" -f "$ROOT/docker-compose.yml" --env-file "$ROOT/.env.example" config -q

# Without a Grafana password the stack must refuse to start rather than fall back to admin/admin.
grep -v '^GRAFANA_ADMIN_PASSWORD=' "$ROOT/.env.example" > "$TMP/no-password.env"
refuses_without_password() {
  ! GRAFANA_ADMIN_PASSWORD='' docker-compose --project-directory "$ROOT" -f "$ROOT/docker-compose.yml" \
      --env-file "$TMP/no-password.env" config -q 2>"$TMP/err" \
    && grep -q GRAFANA_ADMIN_PASSWORD "$TMP/err"
}
step "docker-compose refuses to run without GRAFANA_ADMIN_PASSWORD" refuses_without_password

# The stack's scripts, from the root where their `source=` directives resolve.
lint_scripts() {
  (cd "$ROOT" && shellcheck -x scripts/check-stack.sh scripts/check-prometheus-live.sh scripts/check-live.sh scripts/build-backends.sh scripts/lib/stack-tools.sh \
    scripts/prepare-docker.sh scripts/check-compose.sh scripts/check-drills.sh)
}
step "shellcheck of the stack scripts" lint_scripts

# The Node checks print their own lines; add their counts to ours.
node "$STACK_CHECK_DIR/check-static.mjs" "$ROOT" > "$TMP/static.out" 2>&1 || true
sed '$d' "$TMP/static.out"
summary=$(tail -n 1 "$TMP/static.out")
if [[ $summary =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
  passed=$((passed + BASH_REMATCH[1]))
  failed=$((failed + BASH_REMATCH[2]))
else
  failed=$((failed + 1))
  echo "FAIL check-static.mjs did not finish"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
