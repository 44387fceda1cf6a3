#!/usr/bin/env python3
"""The client side of bench/engine.sh: drives one running releasekit service through its REST API.

  engine.py fixture DIR RUNS FILES     writes RUNS builds (FILES small files and a SHA256SUMS each) below DIR
  engine.py load URL TOKEN_FILE PID RUNS CONCURRENCY TIMEOUT OUT_JSON
      1. records a PASSED gate at stage alpha for every build (untimed: CI does it when its tests pass);
      2. posts RUNS runs of artifacts.promote (alpha -> beta, 5 steps) from CONCURRENCY threads, each POST with an
         Idempotency-Key as a CI job sends it;
      3. waits until no run of the kind is QUEUED or RUNNING (polls GET /runs?state=...&limit=1);
      4. reads every run (GET /runs) and every run's events (GET /runs/{id}/events, which ends when the run ended),
         and computes, from the run's own recorded times:
           runs/s              RUNS / (first POST -> the last run's terminal state change)
           step dispatch       per step: started - ready, where ready is the run's change to RUNNING for the first
                               step and the previous step's end for the others
           queue wait          run created -> RUNNING (waiting for a free executor: grows with the backlog)
           CPU of the service  user+sys of PID over the timed part, per run
           database borrows    connections taken from the service's pool (HikariCP's acquire count at /prometheus)
                               per run, and the time spent waiting for one
Only the standard library: it runs wherever the service's scripts run.
"""
import concurrent.futures
import hashlib
import http.client
import json
import os
import sys
import threading
import time
import urllib.parse
from datetime import datetime

KIND = "artifacts.promote"
PIPELINE = "bench"


def build_id(i):
    return "b%05d" % i


def fixture(root, runs, files):
    """RUNS builds in the alpha store's directory: FILES objects of 1-4 KiB and their SHA256SUMS each."""
    for i in range(runs):
        d = os.path.join(root, build_id(i))
        os.makedirs(d, exist_ok=True)
        sums = []
        for f in range(files):
            name = "artifact-%d.bin" % f
            data = hashlib.sha256(b"%d/%d" % (i, f)).digest() * (32 + 32 * (f % 4))
            with open(os.path.join(d, name), "wb") as out:
                out.write(data)
            sums.append("%s  %s\n" % (hashlib.sha256(data).hexdigest(), name))
        with open(os.path.join(d, "SHA256SUMS"), "w") as out:
            out.writelines(sums)


class Api:
    """One keep-alive connection per thread."""

    def __init__(self, url, token):
        u = urllib.parse.urlparse(url)
        self.host, self.port = u.hostname, u.port
        self.headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
        self.local = threading.local()

    def _conn(self):
        c = getattr(self.local, "conn", None)
        if c is None:
            c = http.client.HTTPConnection(self.host, self.port, timeout=120)
            self.local.conn = c
        return c

    def call(self, method, path, body=None, headers=None):
        h = dict(self.headers)
        if headers:
            h.update(headers)
        data = None if body is None else json.dumps(body).encode()
        for attempt in range(3):
            c = self._conn()
            try:
                c.request(method, path, body=data, headers=h)
                r = c.getresponse()
                return r.status, r.read()
            except (http.client.HTTPException, OSError):
                c.close()
                self.local.conn = None
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")


def ts(text):
    """An ISO-8601 instant from the API (Z or offset, up to nanoseconds) as epoch seconds."""
    t = text.replace("Z", "+00:00")
    if "." in t:
        head, rest = t.split(".", 1)
        frac = "".join(ch for ch in rest if ch.isdigit())
        tz = rest[len(frac):]
        t = head + "." + (frac + "000000")[:6] + tz
    return datetime.fromisoformat(t).timestamp()


def cpu_seconds(pid):
    with open("/proc/%s/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def pool_figures(api):
    """Connection borrows (one per transaction or read) and the seconds spent waiting for a connection, so far."""
    s, body = api.call("GET", "/prometheus", headers={"Accept": "text/plain"})
    if s != 200:
        raise SystemExit("GET /prometheus: %s %s" % (s, body[:300]))
    out = {}
    for line in body.decode().splitlines():
        for name in ("hikaricp_connections_acquire_seconds_count", "hikaricp_connections_acquire_seconds_sum"):
            if line.startswith(name + "{"):
                out[name] = out.get(name, 0.0) + float(line.rsplit(" ", 1)[1])
    return out.get("hikaricp_connections_acquire_seconds_count", 0.0), out.get(
        "hikaricp_connections_acquire_seconds_sum", 0.0)


def pct(values, p):
    if not values:
        return float("nan")
    s = sorted(values)
    k = max(0, min(len(s) - 1, int(round(p / 100.0 * len(s) + 0.5)) - 1))
    return s[k]


def pool_map(fn, items, threads):
    with concurrent.futures.ThreadPoolExecutor(threads) as ex:
        return list(ex.map(fn, items))


def events_of(api, run_id):
    status, body = api.call("GET", "/api/v1/runs/%s/events" % run_id, headers={"Accept": "text/event-stream"})
    if status != 200:
        raise SystemExit("GET events of %s: %s %s" % (run_id, status, body[:300]))
    out = []
    for line in body.decode().splitlines():
        if line.startswith("data:"):
            out.append(json.loads(line[5:].strip()))
    return out


def load(url, token_file, pid, runs, concurrency, timeout, out_json):
    with open(token_file) as f:
        api = Api(url, f.read().strip())
    builds = [build_id(i) for i in range(runs)]

    def gate(b):
        s, body = api.call("POST", "/api/v1/artifacts/gates",
                           {"pipeline": PIPELINE, "build": b, "stage": "alpha", "status": "PASSED"})
        if s not in (200, 201):
            raise SystemExit("POST gate %s: %s %s" % (b, s, body[:300]))

    pool_map(gate, builds, concurrency)

    post_latency = []

    def post(b):
        t = time.time()
        s, body = api.call("POST", "/api/v1/runs",
                           {"kind": KIND, "parameters": {"pipeline": PIPELINE, "build": b, "from": "alpha"}},
                           {"Idempotency-Key": "bench-" + b})
        post_latency.append(time.time() - t)
        if s != 202:
            raise SystemExit("POST run for %s: %s %s" % (b, s, body[:400]))
        return json.loads(body)["id"]

    borrows0, wait0 = pool_figures(api)
    cpu0 = cpu_seconds(pid)
    t0 = time.time()
    ids = pool_map(post, builds, concurrency)
    posted = time.time()

    def open_runs():
        for state in ("QUEUED", "RUNNING"):
            s, body = api.call("GET", "/api/v1/runs?kind=%s&state=%s&limit=1" % (KIND, state))
            if s != 200:
                raise SystemExit("GET runs: %s %s" % (s, body[:300]))
            if json.loads(body):
                return True
        return False

    deadline = t0 + timeout
    while open_runs():
        if time.time() > deadline:
            raise SystemExit("runs still open %d s after the first POST" % timeout)
        time.sleep(0.2)
    cpu1 = cpu_seconds(pid)
    seen_done = time.time()
    borrows1, wait1 = pool_figures(api)

    s, body = api.call("GET", "/api/v1/runs?kind=%s&limit=1000" % KIND)
    listed = {r["id"]: r for r in json.loads(body)}
    runs_by_id = {}
    for i in ids:  # more than 1000 runs (RUNS > 1000) are read one by one
        if i in listed:
            runs_by_id[i] = listed[i]
        else:
            _, b = api.call("GET", "/api/v1/runs/" + i)
            runs_by_id[i] = json.loads(b)
    events = dict(zip(ids, pool_map(lambda i: events_of(api, i), ids, concurrency)))

    failed = [i for i in ids if runs_by_id[i]["state"] != "SUCCEEDED"]
    dispatch, first_dispatch, later_dispatch, queue, step_time = [], [], [], [], {}
    last_end = t0
    for i in ids:
        run, evs = runs_by_id[i], events[i]
        running = [e for e in evs if e["type"] == "RUN_STATE_CHANGED" and e["data"].get("state") == "RUNNING"]
        ended = [e for e in evs if e["type"] == "RUN_STATE_CHANGED"
                 and e["data"].get("state") in ("SUCCEEDED", "SUCCEEDED_DEGRADED", "FAILED", "CANCELLED")]
        if ended:
            last_end = max(last_end, ts(ended[-1]["at"]))
        if not running or i in failed:
            continue
        ready = ts(running[0]["at"])
        queue.append(ready - ts(run["createdAt"]))
        for k, step in enumerate(run["steps"]):
            started, finished = ts(step["startedAt"]), ts(step["finishedAt"])
            (first_dispatch if k == 0 else later_dispatch).append(started - ready)
            dispatch.append(started - ready)
            step_time.setdefault(step["name"], []).append(finished - started)
            ready = finished

    wall = last_end - t0
    result = {
        "runs": runs,
        "failed": len(failed),
        "failed_reasons": sorted({runs_by_id[i]["state"] + ": " + str(runs_by_id[i].get("reason")) for i in failed})[:5],
        "steps_per_run": len(runs_by_id[ids[0]]["steps"]),
        "wall_s": wall,
        "runs_per_s": runs / wall,
        "post_s": posted - t0,
        "post_p50_ms": 1000 * pct(post_latency, 50),
        "post_p99_ms": 1000 * pct(post_latency, 99),
        "dispatch_p50_ms": 1000 * pct(dispatch, 50),
        "dispatch_p99_ms": 1000 * pct(dispatch, 99),
        "dispatch_max_ms": 1000 * max(dispatch) if dispatch else float("nan"),
        "first_step_dispatch_p99_ms": 1000 * pct(first_dispatch, 99),
        "later_step_dispatch_p99_ms": 1000 * pct(later_dispatch, 99),
        "queue_p50_ms": 1000 * pct(queue, 50),
        "queue_p99_ms": 1000 * pct(queue, 99),
        "step_p50_ms": {k: round(1000 * pct(v, 50), 1) for k, v in step_time.items()},
        "cpu_s": cpu1 - cpu0,
        "cpu_ms_per_run": 1000 * (cpu1 - cpu0) / runs,
        "poll_lag_s": seen_done - last_end,
        # the client's polls (two reads every 0.2 s) are in these figures: a few hundred borrows in all
        "db_borrows_per_run": (borrows1 - borrows0) / runs,
        "db_wait_ms_per_run": 1000 * (wait1 - wait0) / runs,
    }
    with open(out_json, "w") as f:
        json.dump(result, f, indent=1)


if __name__ == "__main__":
    if sys.argv[1] == "fixture":
        fixture(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    elif sys.argv[1] == "load":
        a = sys.argv[2:]
        load(a[0], a[1], a[2], int(a[3]), int(a[4]), int(a[5]), a[6])
    else:
        raise SystemExit("usage: engine.py fixture DIR RUNS FILES | load URL TOKEN_FILE PID RUNS CONCURRENCY TIMEOUT OUT")
