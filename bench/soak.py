#!/usr/bin/env python3
"""Soak: the packaged service under mixed generated traffic for a long time, scenarios cycling, exporting to the
real Jaeger. A benchmark, not a test: it prints and writes what it saw and fails on nothing.

    bench/soak.py                    30 minutes (about 31 with start-up), writes target/bench/soak.md
    bench/soak.py --minutes 2        a short run; --smoke is 1 minute sampled every 10 s

Every sample: RSS, heap in use after the last GC (Micrometer's jvm_gc_live_data_size_bytes, the old generation
after a major collection; and the heap in use), live threads, open file descriptors, spans exported and dropped.
The table gives one row per five minutes (per minute for short runs): flat columns mean nothing leaks.
Traffic: the service's own generator at --rps with every request kind; the scenarios error-storm, latency-spike,
log-flood and steady take turns at half their real length (outage is left out: its 503 scrapes would hide the
figures this reads).
"""
import argparse
import json
import os
import subprocess
import sys
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402  (same folder: Service, Jaeger, metric_sum)

SCENARIOS = ["error-storm", "latency-spike", "log-flood", "steady"]


def http(method, url, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


def sample(svc, started):
    pid = svc.proc.pid
    with open(f"/proc/{pid}/status") as f:
        threads = next(int(line.split()[1]) for line in f if line.startswith("Threads:"))
    m = lambda fam, lab="": run.metric_sum(svc.url("/q/metrics"), fam, lab)  # noqa: E731
    return {"t": time.monotonic() - started, "rss": svc.rss_mb(), "threads": threads,
            "fds": len(os.listdir(f"/proc/{pid}/fd")),
            "live_heap": m("jvm_gc_live_data_size_bytes") / 2**20,
            "heap": m("jvm_memory_used_bytes", 'area="heap"') / 2**20,
            "exported": m("simulator_spans_exported_total"), "dropped": m("simulator_spans_dropped_total"),
            "requests": m("simulator_traffic_requests_total")}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--minutes", type=float, default=30)
    ap.add_argument("--rps", type=int, default=50)
    ap.add_argument("--smoke", action="store_true")
    ap.add_argument("--jar", default=os.path.join(run.ROOT, "target", "quarkus-app", "quarkus-run.jar"))
    ap.add_argument("--out", default=os.path.join(run.OUT, "soak.md"))
    args = ap.parse_args()
    if args.smoke:
        args.minutes = 1
    every = 10 if args.minutes < 5 else 30
    row_every = 60 if args.minutes < 10 else 300
    os.makedirs(run.OUT, exist_ok=True)

    jaeger = run.Jaeger()
    cmd = ["java", *run.JVM_OPTS.split(), "-jar", args.jar]
    svc = run.Service(cmd, "soak", {"SIMULATOR_TRACES_ENDPOINT": jaeger.otlp, "SIMULATOR_SCENARIOS_TIME_SCALE": "0.5"})
    samples = []
    try:
        mix = {"process": 70, "process_fail": 5, "process_slow": 5, "generate_logs": 20}
        traffic = {"rps": args.rps, "mix": mix, "maxInFlight": 256, "logCount": 20, "slowDelayMs": 1500}
        if http("PUT", svc.url("/api/traffic"), traffic) != 200:
            raise SystemExit("PUT /api/traffic refused")
        started = time.monotonic()
        end = started + args.minutes * 60
        turn = 0
        while time.monotonic() < end:
            # a scenario whenever none runs (each ends by itself and puts back the settings it found)
            if http("POST", svc.url(f"/api/scenarios/{SCENARIOS[turn % len(SCENARIOS)]}")) == 202:
                turn += 1
            samples.append(sample(svc, started))
            s = samples[-1]
            print(f"{s['t'] / 60:5.1f} min  RSS {s['rss']:.0f} MB  heap {s['heap']:.0f} MB (live after GC "
                  f"{s['live_heap']:.0f})  threads {s['threads']}  fds {s['fds']}  spans dropped {s['dropped']:.0f}",
                  flush=True)
            time.sleep(max(0, min(every, end - time.monotonic())))
        http("DELETE", svc.url("/api/scenarios/active"))
        http("PUT", svc.url("/api/traffic"), dict(traffic, rps=0))
        time.sleep(3)
        samples.append(sample(svc, started))
    finally:
        svc.stop()
        jaeger.stop()

    rows, next_at = [], 0
    for s in samples:
        if s["t"] >= next_at or s is samples[-1]:
            rows.append(s)
            next_at = s["t"] - s["t"] % row_every + row_every
    lines = [f"Soak: {args.minutes:g} minutes, the generator at {args.rps} requests/s (mix {mix}), scenarios "
             f"{', '.join(SCENARIOS)} in turn at half length ({turn} started), exporting to the real Jaeger; "
             f"{run.JVM_OPTS}. Written by `bench/soak.py` on {time.strftime('%Y-%m-%d')}.", "",
             "| minute | RSS MB | heap in use MB | live heap after GC MB | threads | open fds | generated requests | "
             "spans exported | spans dropped |", "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for s in rows:
        lines.append(f"| {s['t'] / 60:.0f} | {s['rss']:.0f} | {s['heap']:.0f} | {s['live_heap']:.0f} | {s['threads']} | "
                     f"{s['fds']} | {s['requests']:,.0f} | {s['exported']:,.0f} | {s['dropped']:,.0f} |")
    with open(args.out, "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
