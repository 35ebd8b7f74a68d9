#!/usr/bin/env python3
"""Benchmarks of observability-lab: throughput, tail latency, concurrency, log and scrape cost, start-up, memory.

Starts the packaged service (target/quarkus-app) on free loopback ports, drives it with wrk and writes
docs/benchmarks.md. Benchmarks are not tests: nothing here fails on a number; --smoke only proves the script works.

    bench/run.py                 full run (about 12 minutes: 5 interleaved pairs of 10 s runs, a 3-minute soak)
    bench/run.py --smoke         a few seconds per figure, writes target/bench/benchmarks.md instead
    bench/run.py --jar PATH      another build; --native PATH measures a native executable instead
    bench/run.py --only targets  section 8 only (call steps, telemetry's cost, Little's law; about 7 minutes)
docs/benchmarks.md is the table this writes followed by bench/NOTES.md (the analysis, written by hand).
"""
import argparse
import datetime
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "target", "bench")

TARGETS = {
    "overhead": "instrumented throughput at least 0.85 of uninstrumented",
    "concurrency": "concurrency efficiency at least 0.9",
    "p99": "p99 under 10 ms at 50 connections, no simulated delay",
    "scrape": "scrape under 20 ms",
}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Service:
    """One service process; stdout (the JSON log) goes to a file so logging cost is real but not the terminal's."""

    def __init__(self, cmd, name, extra_env=None):
        self.port = free_port()
        self.log_path = os.path.join(OUT, f"{name}.log")
        env = dict(os.environ, QUARKUS_HTTP_PORT=str(self.port), QUARKUS_HTTP_HOST="127.0.0.1",
                   # nothing listens on 4317 here; export failures are rate-limited warnings, the cost is real
                   SIMULATOR_TRAFFIC_RPS="0")
        env.update(extra_env or {})
        self.started = time.monotonic()
        self.log = open(self.log_path, "w")
        self.proc = subprocess.Popen(cmd, stdout=self.log, stderr=subprocess.STDOUT, env=env)
        self.first_answer_s = self._await_first_answer()

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def _await_first_answer(self):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"service exited early, see {self.log_path}")
            try:
                with urllib.request.urlopen(self.url("/process?delay_ms=0&fail=false"), timeout=1) as r:
                    if r.status == 200:
                        return time.monotonic() - self.started
            except OSError:
                time.sleep(0.02)
        raise SystemExit(f"service did not answer within 60 s, see {self.log_path}")

    def started_in(self):
        with open(self.log_path) as f:
            m = re.search(r"started in ([0-9.]+)s", f.read())
        return float(m.group(1)) if m else None

    def cpu_seconds(self):
        """User + system CPU time the service has used so far (from /proc): per-request CPU cost is far less
        sensitive to a busy machine than throughput is."""
        with open(f"/proc/{self.proc.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def rss_mb(self):
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return None

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


# A bounded heap, as in a container, so RSS shows leaks rather than a default heap of a quarter of the machine's
# memory growing into use; the collector the JVM image runs (src/main/docker/Dockerfile.jvm).
JVM_OPTS = "-Xmx512m -XX:+UseParallelGC"
UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3}
# "Telemetry off" for the uninstrumented figure: no tracing (SDK disabled at runtime), no access-log line.
QUIET = {"QUARKUS_OTEL_SDK_DISABLED": "true", "QUARKUS_LOG_CATEGORY__DEV_OBSLAB_ACCESS__LEVEL": "OFF"}


def wrk(url, connections, seconds, threads=2, timeout_s=40, service=None):
    """Runs wrk; returns requests/s, p50 and p99 in ms, the non-2xx/socket error counts and, given the service,
    its CPU time per request in microseconds."""
    cpu0 = service.cpu_seconds() if service else None
    out = subprocess.run(["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", f"--timeout={timeout_s}s",
                          "--latency", url], capture_output=True, text=True, check=True).stdout

    def latency(pct):
        m = re.search(rf"^\s+{pct}%\s+([0-9.]+)(us|ms|s)\s*$", out, re.M)
        return float(m.group(1)) * UNITS[m.group(2)]

    rps = float(re.search(r"Requests/sec:\s+([0-9.]+)", out).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    cpu_us = (service.cpu_seconds() - cpu0) * 1e6 / max(1, total) if service else None
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {"rps": rps, "total": total, "p50": latency(50), "p99": latency(99),
            "non2xx": int(non2xx.group(1)) if non2xx else 0,
            "socket_errors": sum(int(x) for x in errors.groups()) if errors else 0, "cpu_us": cpu_us, "raw": out}


def median_of(runs, key):
    return statistics.median(r[key] for r in runs)


def spread(runs):
    """The range over runs of throughput and p99: on a shared VM it says how far apart the same run can land."""
    return {"rps": (min(r["rps"] for r in runs), max(r["rps"] for r in runs)),
            "p99": (min(r["p99"] for r in runs), max(r["p99"] for r in runs))}


def scrape_stats(service, n):
    times, size = [], 0
    for _ in range(n):
        t0 = time.perf_counter()
        req = urllib.request.Request(service.url("/q/metrics"), headers={"Accept": "text/plain"})
        with urllib.request.urlopen(req, timeout=10) as r:
            size = len(r.read())
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), max(times), size


class Jaeger:
    """The pinned Jaeger (scripts/build-backends.sh) with the project's jaeger.yml, moved to loopback ports."""

    def __init__(self):
        binary = subprocess.run([os.path.join(ROOT, "scripts", "build-backends.sh")], capture_output=True, text=True,
                                check=True).stdout.strip().splitlines()[-1]
        config = os.path.join(OUT, "jaeger.yml")
        ports = subprocess.run(["node", os.path.join(ROOT, "tools", "stack-check", "rewrite-jaeger-config.mjs"),
                                os.path.join(ROOT, "observability", "jaeger", "jaeger.yml"), config],
                               capture_output=True, text=True, check=True).stdout
        self.ports = json.loads(ports)
        self.log = open(os.path.join(OUT, "jaeger.log"), "w")
        self.proc = subprocess.Popen([os.path.join(binary, "jaeger"), "--config", config], stdout=self.log,
                                     stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.ports['health']}/status", timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline or self.proc.poll() is not None:
                    raise SystemExit(f"Jaeger did not start, see {self.log.name}")
                time.sleep(0.2)
        self.otlp = f"http://127.0.0.1:{self.ports['otlp_grpc']}"

    def stored_spans(self):
        """Spans Jaeger wrote to its storage (its own metric, unaffected by the in-memory store's eviction)."""
        return metric_sum(f"http://127.0.0.1:{self.ports['metrics']}/metrics", "otelcol_exporter_sent_spans_total")

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=20)
        self.log.close()


def metric_sum(url, family, label=""):
    req = urllib.request.Request(url, headers={"Accept": "text/plain"})
    with urllib.request.urlopen(req, timeout=10) as r:
        text = r.read().decode()
    total = 0.0
    for line in text.splitlines():
        if line.startswith(family) and (line[len(family)] in " {") and label in line:
            total += float(line.rsplit(" ", 1)[1])
    return total


def paced_wrk(url, rate, seconds, connections=50):
    """wrk at about `rate` requests/s: each connection waits between its requests (a Lua delay); returns wrk's
    figures (the rate reached is measured, not assumed)."""
    script = os.path.join(OUT, f"pace-{rate}.lua")
    delay_ms = max(0, connections * 1000 / rate - 1) if rate else 0
    with open(script, "w") as f:
        f.write(f"function delay() return {delay_ms:.1f} end\n")
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout=20s", "-s", script, url]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    return {"rps": float(re.search(r"Requests/sec:\s+([0-9.]+)", out).group(1)),
            "total": int(re.search(r"(\d+) requests in", out).group(1))}


def spans_under_load(cmd, args, settings):
    """Spans sent against spans the real Jaeger stored, at increasing /process rates, for each queue setting."""
    rows = []
    jaeger = Jaeger()
    try:
        for label, env in settings:
            svc = Service(cmd, f"spans-{label}", dict(env, SIMULATOR_TRACES_ENDPOINT=jaeger.otlp))
            try:
                m = lambda fam, lab="": metric_sum(svc.url("/q/metrics"), fam, lab)
                # warm-up as long as a run, at the target rate: a cold exporter falls behind and fills the queue
                paced_wrk(svc.url("/process?delay_ms=0&fail=false"), 5000, args.seconds)
                for rate in SPAN_RATES[:1] if args.smoke else SPAN_RATES:
                    drain(m, jaeger)
                    before = (m("simulator_spans_exported_total"), m("simulator_spans_dropped_total"),
                              m("simulator_spans_dropped_total", 'reason="queue_full"'), jaeger.stored_spans())
                    run = paced_wrk(svc.url("/process?delay_ms=0&fail=false"), rate, args.seconds)
                    drain(m, jaeger)
                    exported = m("simulator_spans_exported_total") - before[0]
                    dropped = m("simulator_spans_dropped_total") - before[1]
                    full = m("simulator_spans_dropped_total", 'reason="queue_full"') - before[2]
                    stored = jaeger.stored_spans() - before[3]
                    sent = exported + dropped
                    rows.append({"settings": label, "target": rate, "rps": run["rps"], "requests": run["total"],
                                 "spans": sent, "stored": stored, "lost": sent - stored, "queue_full": full,
                                 "export_failed": dropped - full})
                    print(f"spans {label} target {rate or 'max'}: {run['rps']:,.0f} req/s, {sent:,.0f} spans, "
                          f"{stored:,.0f} stored, {full:,.0f} dropped on a full queue", flush=True)
            finally:
                svc.stop()
    finally:
        jaeger.stop()
    return rows


def drain(m, jaeger, timeout_s=30):
    """Until the span queue is empty and neither the service's counts nor Jaeger's stored spans move for 1.5 s
    (a batch taken off the queue may still be on its way, and Jaeger batches too)."""
    deadline = time.monotonic() + timeout_s
    last = None
    while time.monotonic() < deadline:
        now = (m("simulator_span_queue_size"), m("simulator_spans_exported_total"), m("simulator_spans_dropped_total"),
               jaeger.stored_spans())
        if now == last and now[0] == 0:
            return
        last = now
        time.sleep(1.5)


def tcp_active_opens():
    """Connections this machine opened (connect() calls) so far: /proc/net/snmp's Tcp ActiveOpens."""
    with open("/proc/net/snmp") as f:
        rows = [line.split() for line in f if line.startswith("Tcp:")]
    return int(rows[1][rows[0].index("ActiveOpens")])


def established_to(port):
    """Established TCP connections to a loopback port right now (the caller's pool to a downstream)."""
    out = subprocess.run(["ss", "-Htn", "state", "established", f"( dport = :{port} )"], capture_output=True,
                         text=True).stdout
    return len([line for line in out.splitlines() if line.strip()])


def measured(svcs, url, connections, seconds):
    """One wrk run; CPU per request of each service in `svcs` (a dict name -> Service), and the connections the
    machine opened during it beyond wrk's own."""
    cpu0 = {k: s.cpu_seconds() for k, s in svcs.items()}
    opens0 = tcp_active_opens()
    r = wrk(url, connections, seconds)
    opens = tcp_active_opens() - opens0 - connections
    total = r["total"]
    r["cpu"] = {k: (s.cpu_seconds() - cpu0[k]) * 1e6 / max(1, total) for k, s in svcs.items()}
    r["opened_per_1000"] = max(0, opens) * 1000 / max(1, total)
    return r


# Issue 20's targets, each measured in one run beside the others (ratios and differences, not absolute speed).
ISSUE_TARGETS = {
    "call_cpu": "a call step costs the caller at most 40 µs of CPU more than a local step",
    "call_throughput": "a two-service request reaches at least 0.5 of its all-local twin's throughput (after a 20 s warm-up)",
    "call_reuse": "connections to a downstream reused: a bounded pool, few connections opened per 1,000 calls",
    "telemetry_cpu": "telemetry costs at most 12 µs of CPU per request over tracing off, at delay_ms=0",
    "little": "Little's law efficiency at least 0.9 at 1000 connections x 100 ms, telemetry on",
}


def call_and_telemetry(cmd, args):
    """The call-step case and the telemetry and concurrency targets, with every service exporting to the real Jaeger:
    (a) two local steps (`a:50,b:50`) against the same steps with the second one a call to a second instance on
    loopback; (b) tracing on against `QUARKUS_OTEL_SDK_DISABLED=true`, back to back, `--runs` pairs;
    (c) 1000 connections x 100 ms. Returns the figures and the target rows."""
    fast = "/process?delay_ms=0&fail=false"
    warm = max(2, args.seconds) if args.smoke else 20  # the issue's bound: throughput within 20 s of warm-up
    r = {"local": [], "remote": [], "on": [], "off": []}
    jaeger = Jaeger()
    try:
        traces = {"SIMULATOR_TRACES_ENDPOINT": jaeger.otlp}
        for i in range(args.runs):
            local = Service(cmd, f"call-local-{i}", dict(traces, SIMULATOR_PROCESS_STEPS="a:50,b:50"))
            try:
                wrk(local.url(fast), 50, warm)
                r["local"].append(measured({"caller": local}, local.url(fast), 50, args.seconds))
            finally:
                local.stop()
            downstream = Service(cmd, f"call-downstream-{i}", dict(traces, SIMULATOR_PROCESS_STEPS="a:50,b:50",
                                                                    QUARKUS_OTEL_SERVICE_NAME="inventory"))
            caller = Service(cmd, f"call-caller-{i}", dict(traces, QUARKUS_OTEL_SERVICE_NAME="checkout",
                                                           SIMULATOR_PROCESS_STEPS=f"a:50,b:50@{downstream.url('')}"))
            try:
                wrk(caller.url(fast), 50, warm)
                run_ = measured({"caller": caller, "downstream": downstream}, caller.url(fast), 50, args.seconds)
                run_["pool"] = established_to(downstream.port)
                r["remote"].append(run_)
            finally:
                caller.stop()
                downstream.stop()
            print(f"call step {i}: local {r['local'][-1]['rps']:,.0f} req/s {r['local'][-1]['cpu']['caller']:.0f} µs; "
                  f"remote {run_['rps']:,.0f} req/s, caller {run_['cpu']['caller']:.0f} µs, downstream "
                  f"{run_['cpu']['downstream']:.0f} µs, {run_['opened_per_1000']:.2f} connections opened per 1,000 "
                  f"calls, {run_['pool']} open", flush=True)
            for label, env in (("on", traces), ("off", dict(traces, QUARKUS_OTEL_SDK_DISABLED="true"))):
                svc = Service(cmd, f"telemetry-{label}-{i}", env)
                try:
                    wrk(svc.url(fast), 50, args.seconds)
                    r[label].append(measured({"svc": svc}, svc.url(fast), 50, args.seconds))
                finally:
                    svc.stop()
            print(f"telemetry {i}: on {r['on'][-1]['cpu']['svc']:.0f} µs, off {r['off'][-1]['cpu']['svc']:.0f} µs",
                  flush=True)
        svc = Service(cmd, "little", traces)
        try:
            wrk(svc.url(fast), 50, args.seconds)
            wrk(svc.url("/process?delay_ms=100&fail=false"), 1000, args.seconds)
            r["little"] = [wrk(svc.url("/process?delay_ms=100&fail=false"), 1000, args.seconds)
                           for _ in range(args.runs)]
            print("little: " + ", ".join(f"{x['rps']:,.0f}" for x in r['little']) + " req/s", flush=True)
        finally:
            svc.stop()
    finally:
        jaeger.stop()
    med = statistics.median
    extra = [b["cpu"]["caller"] - a["cpu"]["caller"] for a, b in zip(r["local"], r["remote"])]
    # The downstream does the all-local twin's work (two local steps) at the caller's rate: caller minus downstream is
    # a call step against a local step at the same request rate (fewer requests per event-loop wake-up cost more each).
    same_rate = [x["cpu"]["caller"] - x["cpu"]["downstream"] for x in r["remote"]]
    thr = [b["rps"] / a["rps"] for a, b in zip(r["local"], r["remote"])]
    tele = [a["cpu"]["svc"] - b["cpu"]["svc"] for a, b in zip(r["on"], r["off"])]
    little = [x["rps"] / 10_000 for x in r["little"]]
    opened = med(x["opened_per_1000"] for x in r["remote"])
    pool = max(x["pool"] for x in r["remote"])
    lst = lambda xs, f: ", ".join(f.format(x) for x in xs)
    r["rows"] = [
        ("call_cpu", f"{med(extra):.0f} µs (pairs: {lst(extra, '{:.0f}')}); caller {med(x['cpu']['caller'] for x in r['remote']):.0f} "
                     f"µs/request against {med(x['cpu']['caller'] for x in r['local']):.0f} all local; the downstream's own "
                     f"request {med(x['cpu']['downstream'] for x in r['remote']):.0f} µs, so against a local step at the same rate "
                     f"{med(same_rate):.0f} µs (pairs: {lst(same_rate, '{:.0f}')})", med(extra) <= 40),
        ("call_throughput", f"{med(thr):.2f} (pairs: {lst(thr, '{:.2f}')}); {med(x['rps'] for x in r['remote']):,.0f} "
                            f"against {med(x['rps'] for x in r['local']):,.0f} req/s", med(thr) >= 0.5),
        ("call_reuse", f"{opened:.2f} connections opened per 1,000 calls; at most {pool} open to the downstream "
                       "after a run at 50 connections", opened < 1),
        ("telemetry_cpu", f"{med(tele):.0f} µs (pairs: {lst(tele, '{:.0f}')}); {med(x['cpu']['svc'] for x in r['on']):.0f} "
                          f"against {med(x['cpu']['svc'] for x in r['off']):.0f} µs/request; "
                          f"{med(x['rps'] for x in r['on']):,.0f} against {med(x['rps'] for x in r['off']):,.0f} req/s",
         med(tele) <= 12),
        ("little", f"{med(little):.2f} (runs: {lst(little, '{:.2f}')}); p99 {med(x['p99'] for x in r['little']):.0f} ms",
         med(little) >= 0.9),
    ]
    return r


def targets_table(r):
    lines = ["| target | measured | |", "| --- | --- | --- |"]
    for key, figure, ok in r["rows"]:
        lines.append(f"| {ISSUE_TARGETS[key]} | {figure} | {verdict(ok)} |")
    return lines


# /process rates (requests/s; 0 = as fast as wrk goes), 5 spans each. The queue settings compared: the defaults,
# and Quarkus' own defaults (what the service had before it built its own pipeline).
SPAN_RATES = [1000, 2000, 5000, 8000, 0]
SPAN_SETTINGS = [
    ("queue 8192, batch 1024 (defaults)", {}),
    ("queue 8192, batch 512", {"SIMULATOR_TRACES_MAX_EXPORT_BATCH_SIZE": "512"}),
    ("queue 2048, batch 512", {"SIMULATOR_TRACES_MAX_QUEUE_SIZE": "2048", "SIMULATOR_TRACES_MAX_EXPORT_BATCH_SIZE": "512"}),
]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--smoke", action="store_true", help="seconds, not minutes; writes under target/bench")
    ap.add_argument("--runs", type=int, default=5, help="instrumented/uninstrumented pairs, and concurrency runs")
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--soak-seconds", type=int, default=180)
    ap.add_argument("--jar", default=os.path.join(ROOT, "target", "quarkus-app", "quarkus-run.jar"))
    ap.add_argument("--native", help="path of a native executable to measure instead of the jar")
    ap.add_argument("--no-build", action="store_true", help="use the existing build")
    ap.add_argument("--jvm-opts", default=JVM_OPTS, help=f"JVM options (default: {JVM_OPTS})")
    ap.add_argument("--out", help="markdown file to write (default docs/benchmarks.md, or target/bench for --smoke)")
    ap.add_argument("--only", choices=["spans", "targets"],
                    help="run one section only and print it (writes nothing under docs): spans (7), or targets (8: call steps, telemetry, Little's law)")
    args = ap.parse_args()
    if args.smoke:
        args.runs, args.seconds, args.soak_seconds = 1, 2, 5
    os.makedirs(OUT, exist_ok=True)
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install wrk")
    if not args.no_build and not args.native:
        subprocess.run([os.path.join(ROOT, "mvnw"), "-B", "-q", "package", "-DskipTests"], cwd=ROOT, check=True)
    cmd = [args.native] if args.native else ["java", *args.jvm_opts.split(), "-jar", args.jar]
    runtime = "native" if args.native else subprocess.run(["java", "-version"], capture_output=True,
                                                          text=True).stderr.splitlines()[0]
    fast = "/process?delay_ms=0&fail=false"
    results = {}
    if args.only == "spans":
        rows = spans_under_load(cmd, args, SPAN_SETTINGS)
        print("\n".join(spans_table(rows)))
        return
    if args.only == "targets":
        print("\n".join(targets_table(call_and_telemetry(cmd, args))))
        return

    # 1 and 2: the same service, instrumented then with telemetry switched off at runtime, in this one run.
    on, off = [], []
    for i in range(args.runs):  # interleaved so that drift of the machine hits both alike
        for label, runs, env in (("instrumented", on, None), ("uninstrumented", off, QUIET)):
            svc = Service(cmd, f"{label}-{i}", env)
            try:
                wrk(svc.url(fast), 50, args.seconds)  # warm-up as long as the run: a cold JIT halves the figures
                runs.append(wrk(svc.url(fast), 50, args.seconds, service=svc))
                if label == "instrumented" and i == 0:
                    results["rss_load"] = svc.rss_mb()
            finally:
                svc.stop()
    results["on"] = {k: median_of(on, k) for k in ("rps", "p50", "p99", "cpu_us")}
    results["off"] = {k: median_of(off, k) for k in ("rps", "p50", "p99", "cpu_us")}
    results["on_range"] = spread(on)
    results["off_range"] = spread(off)
    # Each pair ran back to back, so its ratio is the least disturbed by the machine's drift: the median of those.
    pair_ratios = [a["rps"] / b["rps"] for a, b in zip(on, off)]
    results["overhead_ratio"] = statistics.median(pair_ratios)
    results["overhead_ratios"] = pair_ratios
    results["cpu_ratio"] = statistics.median(b["cpu_us"] / a["cpu_us"] for a, b in zip(on, off))

    svc = Service(cmd, "main")
    try:
        results["started_in"] = svc.started_in()
        results["first_answer"] = svc.first_answer_s
        time.sleep(3)
        results["rss_idle"] = svc.rss_mb()
        # 3: concurrency against Little's law: 1000 connections x 100 ms can do at most 10,000 requests/s.
        wrk(svc.url(fast), 50, args.seconds)  # warm-up
        wrk(svc.url("/process?delay_ms=100&fail=false"), 1000, max(1, args.seconds // 2))
        conc = [wrk(svc.url("/process?delay_ms=100&fail=false"), 1000, args.seconds) for _ in range(args.runs)]
        results["conc"] = {k: median_of(conc, k) for k in ("rps", "p50", "p99")}
        results["conc_range"] = spread(conc)
        results["conc"]["errors"] = sum(r["socket_errors"] + r["non2xx"] for r in conc)
        results["efficiency"] = results["conc"]["rps"] / 10_000
        # 4: log bursts, 1000 JSON events per request.
        logs = [wrk(svc.url("/generate_logs?count=1000"), 8, args.seconds) for _ in range(args.runs)]
        results["log_events_per_s"] = median_of(logs, "rps") * 1000
        # 5: the scrape after all of the above.
        results["scrape_ms"], results["scrape_max_ms"], results["scrape_bytes"] = scrape_stats(svc, 20 if args.smoke else 50)
        # 6: memory after minutes of steady load must level off: RSS sampled after each slice of the soak.
        slices = 4
        soak_rps, rss_series = [], []
        for _ in range(slices):
            soak_rps.append(wrk(svc.url(fast), 50, max(1, args.soak_seconds // slices))["rps"])
            rss_series.append(svc.rss_mb())
        results["soak_rps"] = statistics.median(soak_rps)
        results["rss_series"] = rss_series
        results["rss_soak"] = rss_series[-1]
        time.sleep(2)
        results["rss_after_soak_idle"] = svc.rss_mb()
    finally:
        svc.stop()

    # 7: spans under load, against the real Jaeger.
    results["spans"] = spans_under_load(cmd, args, SPAN_SETTINGS[:1] if args.smoke else SPAN_SETTINGS)
    # 8: call steps, telemetry's cost and Little's law, every service exporting to the real Jaeger.
    results["targets"] = call_and_telemetry(cmd, args)

    write(args, runtime, results)


def spans_table(rows):
    lines = ["| settings | target req/s | reached req/s | spans sent | stored by Jaeger | lost | dropped: queue full | "
             "lost in failed exports |", "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for r in rows:
        lines.append(f"| {r['settings']} | {r['target'] or 'max'} | {r['rps']:,.0f} | {r['spans']:,.0f} | "
                     f"{r['stored']:,.0f} | {r['lost']:,.0f} | {r['queue_full']:,.0f} | {r['export_failed']:,.0f} |")
    for label in dict.fromkeys(r["settings"] for r in rows):
        # lost < 0 is a batch counted by Jaeger after the interval was read (NOTES), not a loss
        clean = [r["rps"] for r in rows if r["settings"] == label and r["lost"] <= 0 and r["queue_full"] == 0
                 and r["export_failed"] == 0]
        lines.append("")
        lines.append(f"{label}: highest rate with no span lost **{max(clean):,.0f} req/s**" if clean
                     else f"{label}: spans were lost at every rate tried")
    return lines


def ranges(rng, runs):
    if runs < 2:
        return ""
    return (f"Over the {runs} runs: {rng['rps'][0]:,.0f}–{rng['rps'][1]:,.0f} req/s, "
            f"p99 {rng['p99'][0]:.1f}–{rng['p99'][1]:.1f} ms.")


def verdict(ok):
    return "met" if ok else "**missed**"


def write(args, runtime, r):
    out = args.out or (os.path.join(OUT, "benchmarks.md") if args.smoke else os.path.join(ROOT, "docs", "benchmarks.md"))
    cores = os.cpu_count()
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.machine())
    lines = [
        "# Benchmarks",
        "",
        f"Written by `bench/run.py{' --smoke' if args.smoke else ''}` on {datetime.date.today().isoformat()}: "
        f"{cores} cores ({cpu}), {runtime}, wrk 2 threads on the same machine (it competes for the same cores). "
        f"Median of {args.runs} run(s) of {args.seconds} s each, each after a warm-up as long (instrumented and "
        "uninstrumented runs alternate); "
        "the service logs JSON to a file, "
        "exports traces to an OTLP endpoint where nothing listens (as a bare `java -jar` does).",
        "",
        "| # | what | figure | target |",
        "| --- | --- | --- | --- |",
        f"| 1 | `/process?delay_ms=0&fail=false`, 50 connections | {r['on']['rps']:,.0f} req/s, p50 {r['on']['p50']:.2f} ms, "
        f"p99 {r['on']['p99']:.2f} ms; {r['on']['cpu_us']:.0f} µs of service CPU per request. {ranges(r['on_range'], args.runs)} "
        f"| p99 < 10 ms: {verdict(r['on']['p99'] < 10)} |",
        f"| 2 | same, telemetry off (`QUARKUS_OTEL_SDK_DISABLED=true`, access log off) | {r['off']['rps']:,.0f} req/s, "
        f"p50 {r['off']['p50']:.2f} ms, p99 {r['off']['p99']:.2f} ms; {r['off']['cpu_us']:.0f} µs CPU per request. "
        f"{ranges(r['off_range'], args.runs)} Instrumented/uninstrumented, median of the pairs: throughput "
        f"**{r['overhead_ratio']:.2f}** (pairs: {', '.join(f'{x:.2f}' for x in r['overhead_ratios'])}), "
        f"CPU per request **{r['cpu_ratio']:.2f}** "
        f"| >= 0.85: {verdict(r['overhead_ratio'] >= 0.85)} |",
        f"| 3 | `/process?delay_ms=100&fail=false`, 1000 connections | {r['conc']['rps']:,.0f} req/s of a 10,000 req/s bound "
        f"(Little's law): efficiency **{r['efficiency']:.2f}**; p50 {r['conc']['p50']:.0f} ms, p99 {r['conc']['p99']:.0f} ms; "
        f"{r['conc']['errors']} errors. {ranges(r['conc_range'], args.runs)} | >= 0.9: {verdict(r['efficiency'] >= 0.9)} |",
        f"| 4 | `/generate_logs?count=1000`, 8 connections | {r['log_events_per_s']:,.0f} JSON log events/s | - |",
        f"| 5 | `/q/metrics` after the runs above | median {r['scrape_ms']:.1f} ms (max {r['scrape_max_ms']:.1f} ms), "
        f"{r['scrape_bytes'] / 1024:.0f} KiB | < 20 ms: {verdict(r['scrape_ms'] < 20)} |",
        f"| 6 | start-up | \"started in\" {r['started_in']} s; first answered request {r['first_answer']:.2f} s after launch | - |",
        f"| 6 | memory (RSS, {'native' if args.native else args.jvm_opts}) | idle {r['rss_idle']:.0f} MB; under load "
        f"{r['rss_load']:.0f} MB; during {args.soak_seconds} s more load ({r['soak_rps']:,.0f} req/s), after each quarter: "
        f"{', '.join(f'{x:.0f}' for x in r['rss_series'])} MB; idle again {r['rss_after_soak_idle']:.0f} MB | levels off |",
        "",
        "## Spans under load (7)",
        "",
        "The service exports to the real Jaeger (the pinned release, `observability/jaeger/jaeger.yml` on loopback); "
        "wrk paces `/process?delay_ms=0&fail=false` (5 spans per request) at each rate for "
        f"{args.seconds} s. Spans sent = exported + dropped as the service counts them; stored = Jaeger's "
        "`otelcol_exporter_sent_spans_total` (what it wrote to storage). Target: no span lost at 5,000 requests/s.",
        "",
        *spans_table(r["spans"]),
        "",
        "## Call steps, telemetry, Little's law (8)",
        "",
        "Every service exports its spans to the real Jaeger. A call step: `a:50,b:50@<a second instance on loopback>` "
        "against the same two steps local, each after a 20 s warm-up at 50 connections; the caller's CPU per request "
        "is its own process' only. Telemetry: tracing on against `QUARKUS_OTEL_SDK_DISABLED=true` (access line and "
        f"metrics kept), back to back. Medians of {args.runs} pairs.",
        "",
        *targets_table(r["targets"]),
        "",
    ]
    notes = os.path.join(ROOT, "bench", "NOTES.md")
    if os.path.exists(notes) and not args.smoke:
        lines += [open(notes).read()]
    with open(out, "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))
    print(f"written to {out}")


if __name__ == "__main__":
    main()
