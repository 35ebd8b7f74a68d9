"""Schemathesis hooks of scripts/check-reliability.sh (fuzz): keep the run bounded, change nothing else.

A valid delay_ms (0..30000) is really waited for, and Hypothesis likes the large end of a range: a few hundred
requests of up to 30 s each would take the whole budget. So a valid delay_ms is folded into 0..49 ms (still valid,
still a forced delay); every invalid one (negative, too large, not a number) is sent as generated. The range itself
is checked by the Java tests and the Postman collection.
"""
import schemathesis

MAX_DELAY_MS = 30_000
FOLD_TO_MS = 50


def _fold(value):
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and 0 <= value <= MAX_DELAY_MS:
        return value % FOLD_TO_MS
    if isinstance(value, str) and value.strip().isdigit() and int(value) <= MAX_DELAY_MS:
        return str(int(value) % FOLD_TO_MS)
    return value


@schemathesis.hook
def map_case(context, case):
    if case.query and "delay_ms" in case.query:
        value = case.query["delay_ms"]
        case.query["delay_ms"] = [_fold(v) for v in value] if isinstance(value, list) else _fold(value)
    return case


# The only 5xx that are not simulated (docs/api.md): a call step whose downstream is unreachable or answers badly (502),
# a request past the hop limit (508), and a drill whose Prometheus or Alertmanager cannot be reached (503, before it
# changes anything; the fuzzed service runs without either). Anything else would be a bug.
NOT_SIMULATED_BUT_CONTRACTUAL = {
    (502, "urn:observability-lab:problem:downstream-failure"),
    (508, "urn:observability-lab:problem:loop-detected"),
    (503, "urn:observability-lab:problem:backend-unavailable"),
}


@schemathesis.check
def only_simulated_server_errors(ctx, response, case):
    """Replaces not_a_server_error: a 5xx is fine only as a failure the simulator injected (simulated: true), or as
    one of the two the contract names (downstream unreachable, loop)."""
    if response.status_code < 500:
        return None
    try:
        body = response.json()
    except Exception:  # not JSON at all: certainly not one of ours
        body = None
    if isinstance(body, dict) and (response.status_code, body.get("type")) in NOT_SIMULATED_BUT_CONTRACTUAL:
        return None
    if not isinstance(body, dict) or body.get("simulated") is not True:
        raise AssertionError(f"{response.status_code} that is not a simulated failure: {response.text[:300]!r}")
    return None
