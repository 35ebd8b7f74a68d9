#!/usr/bin/env bash
# Runs the Postman collection against a running observability-lab with Newman (pinned in package.json).
#
#   scripts/run-newman.sh [BASE_URL] [extra newman options...]
#
# BASE_URL defaults to http://localhost:8080. Reports: the CLI report on stdout, JUnit XML in
# target/newman/junit.xml, Newman's JSON report in target/newman/newman.json. Exits non-zero if any
# assertion fails or any request or script errors. Installs Newman with `npm ci` when node_modules lacks it.
# With SIMULATOR_ADMIN_TOKEN in the environment, the collection sends it on the requests that change behaviour.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

base_url="${1:-http://localhost:8080}"
[ $# -gt 0 ] && shift
base_url="${base_url%/}"

if [ ! -x node_modules/.bin/newman ]; then
    echo "run-newman: installing Newman from package-lock.json (npm ci)" >&2
    npm ci --no-audit --no-fund --loglevel=error
fi

out=target/newman
mkdir -p "$out"
rm -f "$out/junit.xml" "$out/newman.json"

token_args=()
if [ -n "${SIMULATOR_ADMIN_TOKEN:-}" ]; then
    token_args=(--env-var "adminToken=$SIMULATOR_ADMIN_TOKEN")
fi

status=0
npx --no-install newman run postman/observability-lab.postman_collection.json \
    --environment postman/local.postman_environment.json \
    --env-var "baseUrl=$base_url" \
    ${token_args[@]+"${token_args[@]}"} \
    --reporters cli,junit,json \
    --reporter-junit-export "$out/junit.xml" \
    --reporter-json-export "$out/newman.json" \
    --timeout-request 40000 \
    --timeout 600000 \
    "$@" || status=$?

# One closing line that any CI log reader understands: assertions passed and failed, where "failed"
# also counts requests that got no answer and scripts that threw.
if [ -s "$out/newman.json" ]; then
    node -e '
        const s = require(process.argv[1]).run.stats;
        const failed = s.assertions.failed + s.requests.failed + s.prerequestScripts.failed + s.testScripts.failed;
        console.log(`newman: ${s.assertions.total - s.assertions.failed} passed, ${failed} failed`);
    ' "$root/$out/newman.json" || true
fi
exit "$status"
