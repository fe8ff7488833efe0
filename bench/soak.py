#!/usr/bin/env python3
"""Mixed traffic at a fixed rate against a running server, with a sample every minute.

Called by bench/soak.sh, which starts the server on a generated dataset. Reads and writes: members
load the main pages, a member comments on a meeting, a coordinator adds dated status notes. Every
minute it records the server's RSS, its open file descriptors, the TCP connections to its port, its
database connections and the answers of that minute. Python's standard library only.
"""
import argparse
import http.client
import json
import os
import re
import sys
import threading
import time
import urllib.parse


def connect(base):
    u = urllib.parse.urlsplit(base)
    return http.client.HTTPConnection(u.hostname, u.port, timeout=10)


def request(conn, method, path, cookie="", body=None, headers=None):
    h = {"Cookie": cookie} if cookie else {}
    h.update(headers or {})
    if body is not None:
        h["Content-Type"] = "application/x-www-form-urlencoded"
    conn.request(method, path, body=body, headers=h)
    r = conn.getresponse()
    data = r.read()
    return r.status, r.getheader("set-cookie") or "", data.decode("utf-8", "replace")


def sign_in(base, email, password):
    conn = connect(base)
    _, _, page = request(conn, "GET", "/login")
    action = re.search(r'action="(/api/[^"]*)"', page)
    if not action:
        sys.exit("soak: no sign-in form on /login")
    form = urllib.parse.urlencode({"email": email, "password": password})
    _, cookie, _ = request(conn, "POST", action.group(1), body=form)
    m = re.search(r"(samverkan_session=[^;]*)", cookie)
    if not m:
        sys.exit(f"soak: signing in as {email} failed")
    return m.group(1)


def form_action(base, cookie, page, name):
    """The path of a server function, from the form that posts to it on a page."""
    conn = connect(base)
    status, _, html = request(conn, "GET", page, cookie)
    m = re.search(r'action="(/api/' + name + r'[^"]*)"', html)
    if status != 200 or not m:
        sys.exit(f"soak: {page} answered {status} without a form for {name}")
    return m.group(1)


class Proc:
    """What /proc says about the server process."""

    def __init__(self, pid, port):
        self.pid, self.port = pid, port

    def rss_mb(self):
        with open(f"/proc/{self.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return 0.0

    def fds(self):
        out = []
        for fd in os.listdir(f"/proc/{self.pid}/fd"):
            try:
                out.append(os.readlink(f"/proc/{self.pid}/fd/{fd}"))
            except OSError:
                pass
        return out

    def tcp_clients(self):
        """Established TCP connections whose local port is the server's."""
        n = 0
        for table in ("/proc/net/tcp", "/proc/net/tcp6"):
            try:
                with open(table) as f:
                    next(f)
                    for line in f:
                        parts = line.split()
                        if parts[3] == "01" and int(parts[1].rsplit(":", 1)[1], 16) == self.port:
                            n += 1
            except FileNotFoundError:
                pass
        return n


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--base", required=True)
    p.add_argument("--pid", type=int, required=True)
    p.add_argument("--minutes", type=float, default=30)
    p.add_argument("--rate", type=float, default=20, help="requests per second, all kinds together")
    p.add_argument("--workers", type=int, default=16)
    p.add_argument("--member", required=True)
    p.add_argument("--coordinator", default="samordnare@samverkan.test")
    p.add_argument("--password", required=True)
    p.add_argument("--pages", required=True, help="JSON list of [name, path] the member loads")
    p.add_argument("--comment-meetings", required=True, help="JSON list of meetings whose agendas the member comments on, in turn (not the loaded pages, which would grow)")
    p.add_argument("--database-file", default="", help="SQLite file: its open descriptors are the database connections")
    p.add_argument("--pg-connections", default="", help="shell command printing PostgreSQL's connection count")
    p.add_argument("--json", required=True)
    a = p.parse_args()

    member = sign_in(a.base, a.member, a.password)
    coordinator = sign_in(a.base, a.coordinator, a.password)
    pages = json.loads(a.pages)
    meetings = json.loads(a.comment_meetings)
    comment_path = form_action(a.base, member, f"/meetings/{meetings[0]}", "post_comment")
    note_path = form_action(a.base, coordinator, "/forums/strategiskt-samverkansforum/actions/1", "add_action_note")
    json_accept = {"Accept": "application/json"}

    # Two requests in ten write: a comment (k % 10 == 3) and a status note (k % 10 == 8).
    def job(k):
        if k % 10 == 3:
            body = urllib.parse.urlencode({"kind": "agenda", "target_id": meetings[k // 10 % len(meetings)], "body": f"Soak-kommentar {k}."})
            return "write:comment", "POST", comment_path, member, body, json_accept
        if k % 10 == 8:
            body = urllib.parse.urlencode({"slug": "strategiskt-samverkansforum", "number": 1, "note_date": "", "body": f"Soak-notering {k}.", "state": ""})
            return "write:status-note", "POST", note_path, coordinator, body, json_accept
        name, path = pages[k % len(pages)]
        return name, "GET", path, member, None, None

    # The first write of each kind shows whether the setup is right before the clock starts.
    for k in (3, 8):
        name, method, path, cookie, body, headers = job(k)
        status, _, text = request(connect(a.base), method, path, cookie, body, headers)
        if status != 200:
            sys.exit(f"soak: {name} answered {status}: {text[:200]}")

    proc = Proc(a.pid, int(urllib.parse.urlsplit(a.base).port))
    lock = threading.Lock()
    minute = {"answers": {}, "latencies": [], "errors": 0}
    counter = [0]
    start = time.monotonic()
    end = start + a.minutes * 60
    late = [0.0]

    def worker():
        conn = connect(a.base)
        while True:
            with lock:
                k = counter[0]
                counter[0] += 1
            due = start + k / a.rate
            # A little past the end, so that the last sample sees the load still running.
            if due >= end + 3:
                return
            wait = due - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            else:
                with lock:
                    late[0] = max(late[0], -wait)
            name, method, path, cookie, body, headers = job(k)
            t0 = time.monotonic()
            try:
                status, _, _ = request(conn, method, path, cookie, body, headers)
            except Exception:
                conn.close()
                conn = connect(a.base)
                with lock:
                    minute["errors"] += 1
                continue
            ms = (time.monotonic() - t0) * 1000
            with lock:
                minute["answers"][status] = minute["answers"].get(status, 0) + 1
                minute["latencies"].append(ms)

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(a.workers)]
    for t in threads:
        t.start()

    def cpu_times():
        with open("/proc/stat") as f:
            v = [int(x) for x in f.readline().split()[1:]]
        return sum(v), v[7] if len(v) > 7 else 0  # total, steal

    samples = []
    n = 0
    cpu_before = cpu_times()
    while True:
        n += 1
        target = start + n * 60
        if target > end + 1:
            break
        time.sleep(max(0.0, target - time.monotonic()))
        with lock:
            taken = dict(minute)
            minute.update({"answers": {}, "latencies": [], "errors": 0})
        fds = proc.fds()
        database = ""
        if a.database_file:
            database = sum(1 for f in fds if f == a.database_file)
        elif a.pg_connections:
            database = os.popen(a.pg_connections).read().strip()
        cpu_now = cpu_times()
        # Time the hypervisor gave to others: latency spikes with high steal are the host's, not ours.
        steal = round(100 * (cpu_now[1] - cpu_before[1]) / max(1, cpu_now[0] - cpu_before[0]), 1)
        cpu_before = cpu_now
        lat = sorted(taken["latencies"])
        pct = lambda q: round(lat[min(len(lat) - 1, int(q * len(lat)))], 1) if lat else None
        s = {
            "minute": n,
            "rss_mb": round(proc.rss_mb(), 1),
            "fds": len(fds),
            "tcp_clients": proc.tcp_clients(),
            "database_connections": database,
            "requests": sum(taken["answers"].values()),
            "answers": {str(k): v for k, v in sorted(taken["answers"].items())},
            "errors": taken["errors"],
            "p50_ms": pct(0.50),
            "p99_ms": pct(0.99),
            "steal_pct": steal,
        }
        samples.append(s)
        print(f"soak: minute {n}: {s['requests']} answered {s['answers']}, {s['errors']} errors, p99 {s['p99_ms']} ms, "
              f"RSS {s['rss_mb']} MB, {s['fds']} fds, {s['tcp_clients']} TCP, {database} database, CPU steal {steal} %", flush=True)
    for t in threads:
        t.join(timeout=15)
    with open(a.json, "w") as f:
        json.dump({"samples": samples, "rate": a.rate, "workers": a.workers, "minutes": a.minutes, "max_late_s": round(late[0], 3)}, f)


if __name__ == "__main__":
    main()
