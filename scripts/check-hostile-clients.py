#!/usr/bin/env python3
"""Hostile clients against a running observability-lab, with real sockets (stdlib only, loopback only).

    scripts/check-hostile-clients.py --port 18080 [--idle-timeout 4] [--idle-connections 2000]

Each check prints one line (PASS/FAIL and what it saw); the last line is "N passed, M failed"; exit 1 on any
failure. Every count and wait is bounded: the whole run takes well under 90 s. scripts/check-reliability.sh starts
the packaged jar and runs this; --idle-timeout must be the service's quarkus.http.idle-timeout in seconds (the
wrapper starts the jar with a short one, so that the cut-off can be watched in a few seconds).
"""
import argparse
import json
import resource
import select
import socket
import sys
import threading
import time

HOST = "127.0.0.1"
PROBLEM = "application/problem+json"
results = []


def check(name, ok, detail):
    results.append(ok)
    print(f"{'PASS' if ok else 'FAIL'} {name}: {detail}", flush=True)


def connect(port, timeout=10.0):
    s = socket.create_connection((HOST, port), timeout=timeout)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


def read_response(s, deadline_s=15.0):
    """Reads one HTTP/1.1 response (Content-Length framed, or up to EOF): (status, headers, body)."""
    s.settimeout(deadline_s)
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = s.recv(65536)
        if not chunk:
            break
        data += chunk
    if b"\r\n\r\n" not in data:
        return None, {}, data
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        k, _, v = line.partition(":")
        headers[k.strip().lower()] = v.strip()
    length = int(headers.get("content-length", "-1"))
    while (length < 0 or len(body) < length):
        try:
            chunk = s.recv(65536)
        except socket.timeout:
            break
        if not chunk:
            break
        body += chunk
    return status, headers, body[:length] if length >= 0 else body


def request(port, raw, body_chunks=(), timeout=15.0):
    s = connect(port, timeout)
    try:
        s.sendall(raw)
        send_error = None
        for chunk in body_chunks:
            try:
                s.sendall(chunk)
            except OSError as e:  # the server may stop reading once it has answered
                send_error = e
                break
        status, headers, body = read_response(s, timeout)
        return status, headers, body, send_error
    finally:
        s.close()


def is_problem(status, headers, body, expected):
    if status != expected or not headers.get("content-type", "").startswith(PROBLEM):
        return False
    try:
        return json.loads(body).get("status") == expected
    except ValueError:
        return False


def describe(status, headers, body, err=None):
    return (f"status {status}, content-type {headers.get('content-type')!r}, {len(body)} body bytes"
            + (f", send stopped: {err}" if err else ""))


def timed_get(port, path="/process?delay_ms=0&fail=false"):
    started = time.monotonic()
    status, _, _, _ = request(port, f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n".encode(),
                              timeout=10)
    return status, time.monotonic() - started


def served_meanwhile(port, n=20, budget_s=1.0):
    """n normal requests, one after another: every one 200 within budget_s."""
    worst, statuses = 0.0, set()
    for _ in range(n):
        status, took = timed_get(port)
        statuses.add(status)
        worst = max(worst, took)
    return statuses == {200} and worst < budget_s, f"{n} requests, statuses {sorted(statuses)}, slowest {worst * 1000:.0f} ms"


def check_big_header(port):
    raw = (f"GET /process?delay_ms=0&fail=false HTTP/1.1\r\nHost: {HOST}\r\nX-Big: {'a' * 70_000}\r\n"
           "Connection: close\r\n\r\n").encode()
    status, headers, body, err = request(port, raw)
    check("70 kB header -> 431 problem+json", is_problem(status, headers, body, 431), describe(status, headers, body, err))


def check_long_url(port):
    raw = f"GET /process?pad={'a' * 100_000} HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n".encode()
    status, headers, body, err = request(port, raw)
    check("100 kB URL -> 414 problem+json", is_problem(status, headers, body, 414), describe(status, headers, body, err))


def settings(port):
    status, _, body, _ = request(port, f"GET /api/simulator HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n".encode())
    return status, body


def check_big_body(port):
    before = settings(port)
    size = 30 * 1024 * 1024
    raw = (f"PUT /api/simulator HTTP/1.1\r\nHost: {HOST}\r\nContent-Type: application/json\r\n"
           f"Content-Length: {size}\r\nConnection: close\r\n\r\n").encode()
    block = b" " * 65536
    status, headers, body, err = request(port, raw, (block for _ in range(size // len(block))), timeout=30)
    after = settings(port)
    check("30 MB PUT /api/simulator -> 413 problem+json, settings unchanged",
          is_problem(status, headers, body, 413) and before == after and before[0] == 200,
          describe(status, headers, body, err) + ("" if before == after else ", settings CHANGED"))


def closed_by_peer(s):
    """True if the server closed (or reset) this connection: readable with nothing to read."""
    poller = select.poll()  # not select(): it cannot watch descriptors above 1023
    poller.register(s, select.POLLIN | select.POLLERR | select.POLLHUP)
    if not poller.poll(0):
        return False
    try:
        return s.recv(1, socket.MSG_PEEK) == b""
    except OSError:
        return True


def check_idle_connections(port, count, idle_timeout):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < count + 100:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, count + 200), hard))
        except (ValueError, OSError):
            pass
    idle = []
    try:
        started = time.monotonic()
        for _ in range(count):
            idle.append(connect(port, timeout=5))
        opened = time.monotonic() - started
        time.sleep(0.5)
        dropped = sum(closed_by_peer(s) for s in idle)
        ok, detail = served_meanwhile(port)
        check(f"{count} idle connections held open, a normal client still served quickly",
              ok and dropped == 0, f"opened in {opened:.1f} s, {dropped} closed early; {detail}")
        # The idle timeout closes them all: none of them sent a byte.
        deadline = time.monotonic() + idle_timeout + 5
        while time.monotonic() < deadline and not all(closed_by_peer(s) for s in idle):
            time.sleep(0.25)
        still = sum(not closed_by_peer(s) for s in idle)
        check(f"idle connections closed by the idle timeout ({idle_timeout:g} s)", still == 0,
              f"{count - still} of {count} closed within {idle_timeout + 5:g} s")
    except OSError as e:
        check(f"{count} idle connections held open", False, f"could not open them: {e} (after {len(idle)})")
    finally:
        for s in idle:
            s.close()


def check_slowloris(port, idle_timeout):
    """
    A client sending its request head a byte every 0.5 s. Vert.x' idle timer sits behind the HTTP decoder, so bytes
    that do not complete a head do not reset it: the idle timeout is also a deadline for a request head.
    """
    s = connect(port)
    head = f"GET /process?delay_ms=0 HTTP/1.1\r\nHost: {HOST}\r\nX-Slow: ".encode() + b"x" * 1000
    stop = threading.Event()
    sent = [0]

    def trickle():
        for byte in head:
            if stop.is_set():
                return
            try:
                s.send(bytes([byte]))
                sent[0] += 1
            except OSError:
                return
            time.sleep(0.5)

    began = time.monotonic()
    t = threading.Thread(target=trickle, daemon=True)
    t.start()
    time.sleep(1)
    ok, detail = served_meanwhile(port, n=10)
    check("slowloris (a header byte every 0.5 s): others served meanwhile", ok, detail)
    while time.monotonic() - began < idle_timeout + 5 and not closed_by_peer(s):
        time.sleep(0.1)
    took = time.monotonic() - began
    cut = closed_by_peer(s)
    stop.set()
    t.join(2)
    check(f"slowloris cut off by the idle timeout ({idle_timeout:g} s) while still trickling",
          cut and idle_timeout * 0.8 <= took <= idle_timeout + 2,
          f"{'closed' if cut else 'still open'} after {took:.1f} s and {sent[0]} bytes")
    s.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--idle-timeout", type=float, default=4.0, help="the service's idle timeout, seconds")
    parser.add_argument("--idle-connections", type=int, default=2000)
    args = parser.parse_args()
    if not 1 <= args.idle_connections <= 5000:
        parser.error("--idle-connections: 1..5000")
    if not 0.5 <= args.idle_timeout <= 20:
        parser.error("--idle-timeout: 0.5..20 s (keeps the run bounded)")

    started = time.monotonic()
    for step in (lambda: check_big_header(args.port), lambda: check_long_url(args.port),
                 lambda: check_big_body(args.port),
                 lambda: check_idle_connections(args.port, args.idle_connections, args.idle_timeout),
                 lambda: check_slowloris(args.port, args.idle_timeout)):
        try:
            step()
        except Exception as e:  # a check that blows up is a failed check, not a stopped run
            check(getattr(step, "__name__", "check"), False, f"{type(e).__name__}: {e}")
    ok, detail = served_meanwhile(args.port, n=5)
    check("still serving after all of it", ok, detail)
    passed = sum(results)
    print(f"{passed} passed, {len(results) - passed} failed ({time.monotonic() - started:.0f} s)")
    sys.exit(0 if passed == len(results) else 1)


if __name__ == "__main__":
    main()
