#!/usr/bin/env python3
"""Where a request's CPU time goes: the profile behind docs/benchmarks.md.

Starts the packaged service, drives `/process?delay_ms=0&fail=false` with wrk at 50 connections and, after a
warm-up, measures the service's CPU time per request, then records a second run with Java Flight Recorder (an
execution sample every millisecond). Sorts every sample into the piece of the request path it belongs to (the
innermost one on its stack: the access-log line, the server span, the step spans, the HTTP metrics, ...) and prints a
markdown table: share of CPU samples, and the µs per request that share is of the measured CPU time.

    bench/profile.py                 the service as configured (everything on)
    bench/profile.py --off           telemetry off, as the uninstrumented figure of bench/run.py
    bench/profile.py --seconds 30    longer recording (default 20 s, after a warm-up as long)
    bench/profile.py --call          the caller of a call step: steps `a:50,b:50@<a second instance>`, only the
                                     caller recorded (its CPU per request includes no downstream work)
    bench/profile.py --top 30        also the 30 methods seen most often on top of the stack (where to look next)
Needs the JDK's `jfr` and `jcmd` tools (beside `java`) and wrk. Like bench/run.py it asserts nothing.
"""
import argparse
import collections
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402  (bench/run.py: Service, wrk, the "telemetry off" settings)

# Innermost match wins: a sample inside the JSON formatter called from the access-log code counts as "logging".
# Only Java frames are sampled: the µs column spreads all the CPU time measured (kernel, GC and JIT included) in
# proportion, so it is an estimate; the shares are what the recording saw.
PIECES = [
    # Call steps used a REST client until docs/benchmarks.md section 8; the traffic generator and scenarios still do.
    ("REST client: OpenTelemetry filter (client span, propagation)", "OpenTelemetryClientFilter"),
    ("REST client: metrics", "VertxHttpClientMetrics"),
    ("REST client: request, URI, invocation", "org.jboss.resteasy.reactive.client"),
    ("REST client: Quarkus", "io.quarkus.rest.client"),
    ("call step: the project's call code", "dev.obslab.calls"),
    ("logging: MDC, JSON formatter, write (JBoss LogManager)", "org.jboss.logmanager"),
    ("access-log line: its fields", "RequestTelemetryFilter.completed"),
    ("request id, X-Trace-Id/X-Request-Id headers", "RequestTelemetryFilter.handle"),
    ("server span: start (semconv attributes, sampler)", "VertxDelegator.receiveRequest"),
    ("server span: end", "VertxDelegator.sendResponse"),
    ("server span: REST route and exception", "OpenTelemetryReactiveServerFilter"),
    ("span export (batch processor, exporter)", "io.opentelemetry.sdk.trace.export"),
    ("step spans, step and work timers", "dev.obslab.process.ProcessRun"),
    ("simulator: draw and plan", "dev.obslab.process.ProcessService.process"),
    ("HTTP server metrics", "VertxHttpServerMetrics"),
    ("response JSON (Jackson)", "BasicServerJacksonMessageBodyWriter"),
    ("context propagation (SmallRye)", "io.smallrye.context"),
    ("Mutiny", "io.smallrye.mutiny"),
    ("resource method, parameters", "dev.obslab.process.ProcessResource"),
    ("Quarkus REST", "resteasy.reactive"),
    ("Vert.x Web routing", "io.vertx.ext.web"),
    ("Vert.x HTTP", "io.vertx.core"),
    ("Netty (sockets, HTTP codec)", "io.netty"),
]


def settings_file():
    """The JDK's 'profile' settings with execution sampled every millisecond instead of every 10 or 20."""
    java_home = os.path.dirname(os.path.dirname(os.path.realpath(shutil.which("java"))))
    with open(os.path.join(java_home, "lib", "jfr", "profile.jfc")) as f:
        jfc = f.read()
    jfc = re.sub(r'(<event name="jdk.ExecutionSample">.*?<setting name="period"[^>]*>)[^<]*', r"\g<1>1 ms", jfc,
                 flags=re.S)
    path = os.path.join(run.OUT, "profile-1ms.jfc")
    with open(path, "w") as f:
        f.write(jfc)
    return path


def samples_of(jfr_file):
    """The stack of every execution sample, innermost frame first, method names without their signatures."""
    out = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "200", jfr_file],
                         capture_output=True, text=True, check=True).stdout
    result, frames = [], None
    for line in out.splitlines():
        s = line.strip()
        if s.startswith("stackTrace = ["):
            frames = []
        elif frames is not None:
            if s.startswith("]"):
                result.append(frames)
                frames = None
            elif s and s != "...":
                frames.append(s.split("(")[0])
    return result


def piece(frames):
    best, depth = "other (JIT, GC, idle threads)", len(frames) + 1
    for name, marker in PIECES:
        for i, frame in enumerate(frames):
            if marker in frame:
                if i < depth:
                    best, depth = name, i
                break
    return best


def shares(samples):
    by = collections.Counter(piece(frames) for frames in samples)
    return {k: v / max(1, len(samples)) for k, v in by.items()}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--off", action="store_true", help="telemetry off, as bench/run.py's uninstrumented runs")
    ap.add_argument("--seconds", type=int, default=20, help="recorded run, after a warm-up as long")
    ap.add_argument("--jar", default=os.path.join(run.ROOT, "target", "quarkus-app", "quarkus-run.jar"))
    ap.add_argument("--call", action="store_true", help="profile the caller of a call step (two instances)")
    ap.add_argument("--top", type=int, default=0, help="also list the N most frequent innermost methods")
    args = ap.parse_args()
    for tool in ("wrk", "jfr", "jcmd"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is missing")
    os.makedirs(run.OUT, exist_ok=True)
    label = ("profile-call-" if args.call else "profile-") + ("off" if args.off else "on")
    recording = os.path.join(run.OUT, f"{label}.jfr")
    cmd = ["java", *run.JVM_OPTS.split(), "-jar", args.jar]
    env = dict(run.QUIET) if args.off else {}
    downstream = None
    if args.call:
        downstream = run.Service(cmd, label + "-downstream", dict(env, SIMULATOR_PROCESS_STEPS="a:50,b:50"))
        env["SIMULATOR_PROCESS_STEPS"] = f"a:50,b:50@{downstream.url('')}"
    svc = run.Service(cmd, label, env)
    url = svc.url("/process?delay_ms=0&fail=false")
    try:
        run.wrk(url, 50, args.seconds)  # warm-up: the JIT's work is not the request path's
        # CPU per request without the recorder (sampling every millisecond costs CPU too), then the recorded run.
        measured = run.wrk(url, 50, args.seconds, service=svc)
        subprocess.run(["jcmd", str(svc.proc.pid), "JFR.start", "name=bench", f"settings={settings_file()}",
                        f"filename={recording}"], check=True, capture_output=True)
        run.wrk(url, 50, args.seconds)
        subprocess.run(["jcmd", str(svc.proc.pid), "JFR.stop", "name=bench"], check=True, capture_output=True)
    finally:
        svc.stop()
        if downstream:
            downstream.stop()
    samples = samples_of(recording)
    cpu = shares(samples)
    print(f"{label}: {measured['rps']:,.0f} req/s and {measured['cpu_us']:.0f} µs of service CPU per request "
          f"(unrecorded run); {len(samples)} samples in {recording}\n")
    print("| piece of the request path | CPU samples | ≈ µs per request |")
    print("| --- | --- | --- |")
    for name in sorted(cpu, key=cpu.get, reverse=True):
        print(f"| {name} | {cpu[name]:.1%} | {cpu[name] * measured['cpu_us']:.1f} |")
    if args.top:
        tops = collections.Counter(frames[0] for frames in samples if frames)
        print(f"\nMost frequent innermost methods ({len(samples)} samples):")
        for method, n in tops.most_common(args.top):
            print(f"{n / len(samples):6.1%}  {method}")


if __name__ == "__main__":
    main()
