#!/usr/bin/env python3
"""Graceful shutdown of the packaged service, proved with SIGTERM and slow requests in flight (stdlib, loopback).

    scripts/check-graceful-shutdown.py --jar target/quarkus-app/quarkus-run.jar --log target/reliability/shutdown.log

Starts the jar on a free 127.0.0.1 port, sends 50 requests of /process?delay_ms=2000 at once, sends SIGTERM while
they are in flight, and checks: readiness reports DOWN during the shutdown delay; every request is answered 200
(none loses its connection); the process exits 0, soon after the last answer and well within the shutdown timeout;
the log ends with Quarkus' "stopped in" line and has the 50 completion lines. One line per check, then
"N passed, M failed"; exit 1 on any failure. Bounded: about 15 s.
"""
import argparse
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time

HOST = "127.0.0.1"
results = []


def check(name, ok, detail):
    results.append(ok)
    print(f"{'PASS' if ok else 'FAIL'} {name}: {detail}", flush=True)


def free_port():
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def get(port, path, timeout=5.0):
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", path)
        r = conn.getresponse()
        return r.status, r.getheader("Content-Type", ""), r.read()
    finally:
        conn.close()


def trace_complete(query_url, trace_id, spans=5):
    """The trace is in Jaeger with at least `spans` spans (the server span and the four default steps)."""
    import urllib.request
    try:
        with urllib.request.urlopen(f"{query_url}/api/traces/{trace_id}", timeout=10) as r:
            data = json.loads(r.read()).get("data") or []
        return bool(data) and len(data[0].get("spans", [])) >= spans
    except OSError:
        return False


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jar", required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--delay-ms", type=int, default=2000)
    parser.add_argument("--shutdown-timeout", type=float, default=35.0, help="quarkus.shutdown.timeout, seconds")
    parser.add_argument("--jaeger-otlp", help="OTLP gRPC endpoint of a real Jaeger the service exports to")
    parser.add_argument("--jaeger-query", help="that Jaeger's query API: the answered requests' traces must be there")
    args = parser.parse_args()
    if not 1 <= args.requests <= 200 or not 0 <= args.delay_ms <= 10_000:
        parser.error("--requests 1..200, --delay-ms 0..10000 (keeps the run bounded)")

    port = free_port()
    log = open(args.log, "wb")
    export = [f"-Dquarkus.otel.exporter.otlp.traces.endpoint={args.jaeger_otlp}"] if args.jaeger_otlp else []
    service = subprocess.Popen(["java", f"-Dquarkus.http.host={HOST}", f"-Dquarkus.http.port={port}", *export,
                                "-jar", args.jar], stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if get(port, "/q/health/ready", 1)[0] == 200:
                    break
            except OSError:
                pass
            if service.poll() is not None or time.monotonic() > deadline:
                print(f"the service did not become ready; see {args.log}")
                sys.exit(1)
            time.sleep(0.3)

        answers = [None] * args.requests

        def slow(i):
            try:
                status, ctype, body = get(port, f"/process?delay_ms={args.delay_ms}&fail=false", timeout=60)
                answers[i] = (status, ctype, body)
            except OSError as e:
                answers[i] = (None, "", repr(e).encode())

        threads = [threading.Thread(target=slow, args=(i,), daemon=True) for i in range(args.requests)]
        for t in threads:
            t.start()
        time.sleep(0.5)  # all of them in flight: they take delay_ms
        sigterm_at = time.monotonic()
        service.send_signal(signal.SIGTERM)

        time.sleep(0.3)
        try:
            ready = get(port, "/q/health/ready", 2)
            check("readiness reports DOWN once SIGTERM arrived", ready[0] == 503 and b'"DOWN"' in ready[2],
                  f"GET /q/health/ready -> {ready[0]}")
        except OSError as e:
            check("readiness reports DOWN once SIGTERM arrived", False, f"no answer: {e}")

        for t in threads:
            t.join(60)
        last_answer = time.monotonic()
        statuses = {}
        for status, ctype, body in answers:
            ok_problem = status == 503 and ctype.startswith("application/problem+json")
            key = status if status == 200 or ok_problem else f"{status} {body[:80]!r}"
            statuses[key] = statuses.get(key, 0) + 1
        check(f"all {args.requests} requests in flight answered 200", statuses == {200: args.requests},
              f"answers: {statuses}")

        try:
            code = service.wait(args.shutdown_timeout + 10)
        except subprocess.TimeoutExpired:
            code = None
        exited = time.monotonic()
        check("exit code 0 after SIGTERM", code == 0, f"exit code {code}")
        took, after_last = exited - sigterm_at, exited - last_answer
        check("exits soon after the last answer, within the shutdown timeout",
              code is not None and took < args.shutdown_timeout and after_last < 8,
              f"{took:.1f} s after SIGTERM, {after_last:.1f} s after the last answer (timeout {args.shutdown_timeout:g} s)")
    finally:
        if service.poll() is None:
            service.kill()
            service.wait()
        log.close()

    lines = []
    with open(args.log, "rb") as f:
        for raw in f:
            try:
                lines.append(json.loads(raw))
            except ValueError:
                pass
    last = lines[-1] if lines else {}
    check("the last log line is Quarkus' shutdown line", last.get("loggerName") == "io.quarkus"
          and "stopped in" in last.get("message", ""), f"last line: {last.get('message')!r}")
    completions = sum(1 for l in lines if l.get("mdc", {}).get("event") == "request.completed"
                      and l.get("mdc", {}).get("route") == "/process" and l.get("mdc", {}).get("status") == "200")
    check("every answered request wrote its completion line", completions == args.requests,
          f"{completions} completion lines of /process 200")

    if args.jaeger_query:
        # Answered a moment before the exit: their spans were still in the queue, and only the flush on shutdown
        # can have sent them.
        ids = []
        for status, _, body in answers:
            try:
                ids.append(json.loads(body)["traceId"])
            except (ValueError, KeyError, TypeError):
                pass
        # Jaeger batches what it receives (up to 200 ms) before its store has it: look again, for a bounded time.
        missing = ids
        deadline = time.monotonic() + 15
        while missing and time.monotonic() < deadline:
            missing = [i for i in missing if not trace_complete(args.jaeger_query, i)]
            if missing:
                time.sleep(0.5)
        check("the answered requests' traces reached Jaeger (spans flushed on shutdown)", ids and not missing,
              f"{len(ids) - len(missing)} of {len(ids)} traces complete in Jaeger; missing e.g. {missing[:2]}")

    passed = sum(results)
    print(f"{passed} passed, {len(results) - passed} failed")
    sys.exit(0 if passed == len(results) else 1)


if __name__ == "__main__":
    main()
