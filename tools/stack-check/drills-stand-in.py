#!/usr/bin/env python3
"""Stand-in for the service in `scripts/check-drills.sh --self-test`: proves Prometheus -> Alertmanager -> webhook
with the project's rules and configs before (or without) the service's drills API.

  python3 drills-stand-in.py PORT OUT_DIR

On 127.0.0.1:PORT only:
  GET  /q/metrics                 http_server_requests_seconds_count of a service "checkout", 10 successes/s, and
                                  10 server errors/s while storming (50%: ObservabilityLabHighErrorRatio fires)
  POST /storm, POST /calm         errors on / off
  POST /api/drills/notifications  Alertmanager's webhook: each body kept as OUT_DIR/NNN.json, 200
Counters follow the wall clock, so Prometheus' 1 s scrapes see real rates.
"""
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT, OUT = int(sys.argv[1]), sys.argv[2]
os.makedirs(OUT, exist_ok=True)
LOCK = threading.Lock()
STATE = {"storm": False, "ok": 0.0, "errors": 0.0, "at": time.monotonic(), "received": 0}
RATE = 10.0  # requests per second of each kind
LABELS = 'method="GET",service="checkout",uri="/process"'


def advance():
    now = time.monotonic()
    elapsed = now - STATE["at"]
    STATE["at"] = now
    STATE["ok"] += RATE * elapsed
    if STATE["storm"]:
        STATE["errors"] += RATE * elapsed


class Handler(BaseHTTPRequestHandler):
    def log_message(self, fmt, *args):  # quiet: the script keeps its own log
        pass

    def answer(self, code, body, content_type="application/json"):
        data = body.encode()
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path != "/q/metrics":
            return self.answer(404, '{"error":"not found"}')
        with LOCK:
            advance()
            ok, errors = int(STATE["ok"]), int(STATE["errors"])
        text = (
            "# TYPE http_server_requests_seconds_count counter\n"
            f'http_server_requests_seconds_count{{{LABELS},outcome="SUCCESS",status="200"}} {ok}\n'
            f'http_server_requests_seconds_count{{{LABELS},outcome="SERVER_ERROR",status="500"}} {errors}\n'
        )
        return self.answer(200, text, "text/plain; version=0.0.4; charset=utf-8")

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(min(length, 1 << 20))
        if self.path in ("/storm", "/calm"):
            with LOCK:
                advance()
                STATE["storm"] = self.path == "/storm"
            return self.answer(200, json.dumps({"storm": STATE["storm"]}))
        if self.path != "/api/drills/notifications":
            return self.answer(404, '{"error":"not found"}')
        try:
            payload = json.loads(body)
        except ValueError:
            return self.answer(400, '{"error":"not JSON"}')
        with LOCK:
            STATE["received"] += 1
            n = STATE["received"]
        with open(os.path.join(OUT, f"{n:03d}.json"), "w", encoding="utf-8") as f:
            json.dump(payload, f, indent=2)
            f.write("\n")
        return self.answer(200, "{}")


ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
