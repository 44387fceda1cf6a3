#!/usr/bin/env bash
# The durable run engine at volume (issue 17.3): RUNS runs of 5 steps through the packaged service, on H2 and on
# PostgreSQL, in one script.
#
# The run kind is artifacts.promote (alpha -> beta of a pipeline of two file-system stores), a real kind of the shipped
# product with exactly 5 steps: check-gate, verify-source, copy, verify-destination, write-manifest. Each run promotes
# its own build (FILES small objects of 1-4 KiB and their SHA256SUMS), so every step does its real work: the gate is
# read from the database, the source is hashed against its manifest, the objects are copied (staged, then moved),
# the destination is verified and the manifest written last. Everything is local: no network service but the database.
#
# For each database: a fresh data directory and destination store; the service is started as users start it
# (release-api/target/releasekit-service, the launcher with its class-data archive); CI records a PASSED gate for every
# build (untimed); then RUNS POST /api/v1/runs from CONCURRENCY client threads, as a CI fleet would (each with an
# Idempotency-Key), and the script waits until no run is queued or running. From the runs' own recorded times
# (GET /runs, GET /runs/{id}/events):
#   runs/s          RUNS / (first POST -> the last run's terminal state change)
#   step dispatch   per step, started - ready (ready = the run's change to RUNNING for the first step, the previous
#                   step's end for the others): the engine's own overhead between steps; p50 / p99
#   queue wait      created -> RUNNING: waiting for a free executor (grows with the backlog of a burst)
#   CPU per run     user+sys of the service during the timed part / RUNS (the load-independent figure)
#   DB connections  connections the service took from its pool per run (one per transaction or read: load-
#                   independent) and the time it waited for them
#   failed          runs that did not end SUCCEEDED (must be 0)
#
# PostgreSQL (PG=auto|docker|local): `docker` builds the test image of release-api
# (src/test/resources/docker/postgresql: FROM debian:bookworm-slim + Debian's postgresql 15, fsync off as in the tests)
# and runs it on a free port, removed at the end; `local` runs Debian's PostgreSQL 15 server binaries
# (/usr/lib/postgresql/15/bin) as user postgres in a temporary cluster with the same settings, stopped and removed at
# the end; `auto` takes docker when a Docker daemon answers, else local. The script never starts a Docker daemon.
#
# Regression check: bench/engine.baseline holds the recorded figures (runs/s, dispatch p99 and DB connections per run,
# per database). A run prints `REGRESSION: ...` when runs/s is more than 20 % below, or p99 or the DB connections per
# run (the load-independent one) more than 20 % above the recorded figure, `ok` otherwise. RECORD=1 writes this run's
# figures into the baseline (do it on an idle machine: wall-clock figures on a shared machine vary 3x).
# Options: RUNS (1000), CONCURRENCY (8), FILES (2), DBS ("h2 pg"), PG (auto), TIMEOUT (240 s per database),
# SKIP_BUILD=1 (use the packaged service as it is), RECORD=1, SERVICE_OPTS (more JVM options for the service, e.g.
# -XX:StartFlightRecording=filename=/tmp/engine.jfr).
# Last line: runs_per_s_h2=... runs_per_s_pg=...
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-1000}
CONCURRENCY=${CONCURRENCY:-8}
FILES=${FILES:-2}
DBS=${DBS:-h2 pg}
PG=${PG:-auto}
TIMEOUT=${TIMEOUT:-240}
BASELINE=bench/engine.baseline
CACHE=$PWD/bench/.cache/engine
PG_IMAGE=releasekit/postgresql-test:15
PG_BIN=/usr/lib/postgresql/15/bin
mkdir -p "$CACHE"

if [ -z "${SKIP_BUILD:-}" ] || [ ! -x release-api/target/releasekit-service ]; then
  echo "building the service (./mvnw package -pl release-api -am)" >&2
  ./mvnw -B -q -pl release-api -am package -DskipTests >&2
fi
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# the source store: RUNS builds, written once and reused while RUNS and FILES stay the same
FIXTURE="$CACHE/alpha-$RUNS-$FILES"
if [ ! -f "$FIXTURE/.done" ]; then
  rm -rf "$CACHE"/alpha-*
  python3 bench/engine.py fixture "$FIXTURE" "$RUNS" "$FILES"
  touch "$FIXTURE/.done"
fi

PID=""
PG_CONTAINER=""
PG_DIR=""
cleanup() {
  if [ -n "$PID" ]; then
    kill "$PID" 2>/dev/null || true
    wait "$PID" 2>/dev/null || true
    PID=""
  fi
  if [ -n "$PG_CONTAINER" ]; then
    docker rm -f "$PG_CONTAINER" >/dev/null 2>&1 || true
    PG_CONTAINER=""
  fi
  if [ -n "$PG_DIR" ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
    PG_DIR=""
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# as_pg CMD... -> runs a PostgreSQL server program: as user postgres when this script runs as root (the server refuses
# root), else as the current user
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# start_pg -> sets PG_URL (a fresh, empty database) and PG_KIND
start_pg() {
  local port mode=$PG
  port=$(free_port)
  if [ "$mode" = auto ]; then
    if command -v docker >/dev/null && timeout 10 docker info >/dev/null 2>&1; then mode=docker; else mode=local; fi
  fi
  if [ "$mode" = docker ]; then
    local ctx=release-api/src/test/resources/docker/postgresql
    # the classic builder, as Testcontainers uses: it takes debian:bookworm-slim from the local images, no registry
    DOCKER_BUILDKIT=0 docker build -q -t "$PG_IMAGE" "$ctx" >/dev/null
    PG_CONTAINER=releasekit-bench-engine-$$
    docker run -d --name "$PG_CONTAINER" -p "127.0.0.1:$port:5432" "$PG_IMAGE" >/dev/null
    PG_KIND="PostgreSQL 15 in a container ($PG_IMAGE, fsync off)"
  else
    [ -x "$PG_BIN/postgres" ] || { echo "no Docker daemon answers and $PG_BIN/postgres is missing" \
      "(apt-get install postgresql-15, or start Docker)" >&2; exit 1; }
    PG_DIR=$(mktemp -d /tmp/releasekit-bench-pg.XXXXXX)
    printf 'releasekit\n' >"$PG_DIR/pw"
    [ "$(id -u)" != 0 ] || chown -R postgres "$PG_DIR"
    as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U releasekit --pwfile="$PG_DIR/pw" \
      --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
    # the settings of the test image (release-api/src/test/resources/docker/postgresql/initdb.sh)
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w -o \
      "-p $port -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null
    PG_KIND="PostgreSQL 15 local server (Debian's $PG_BIN, fsync off as in the test image)"
  fi
  local i
  if [ -n "$PG_CONTAINER" ]; then
    # the image's cluster and its empty database "releasekit" were made when the image was built
    for ((i = 0; i < 600; i++)); do
      docker exec "$PG_CONTAINER" pg_isready -q -h 127.0.0.1 -p 5432 -U releasekit -d releasekit && break
      sleep 0.1
    done
  else
    as_pg "$PG_BIN/psql" -h "$PG_DIR" -p "$port" -U releasekit -d postgres -qtAc \
      'CREATE DATABASE releasekit' >/dev/null
  fi
  PG_URL="jdbc:postgresql://127.0.0.1:$port/releasekit"
}

# bench DB -> runs the load against a fresh service on DB, writes $CACHE/DB.json
bench() {
  local db=$1 data="$CACHE/data-$1" port i
  rm -rf "$data"
  mkdir -p "$data/beta"
  cat >"$CACHE/bench.yml" <<YML
releasekit:
  stores:
    alpha: { type: fs, path: "$FIXTURE" }
    beta: { type: fs, path: "$data/beta" }
  pipelines:
    bench:
      stages:
        - { name: alpha, store: alpha, prefix: "{build}/" }
        - { name: beta, store: beta, prefix: "{build}/" }
YML
  port=$(free_port)
  local env=(RELEASEKIT_DATA_DIR="$data" RELEASEKIT_PORT="$port"
    RELEASEKIT_JAVA_OPTS="-Dmicronaut.config.files=$CACHE/bench.yml ${SERVICE_OPTS:-}")
  if [ "$db" = pg ]; then
    start_pg
    env+=(DATASOURCES_DEFAULT_URL="$PG_URL" DATASOURCES_DEFAULT_USERNAME=releasekit
      DATASOURCES_DEFAULT_PASSWORD=releasekit)
  fi
  env "${env[@]}" release-api/target/releasekit-service >"$CACHE/service-$db.log" 2>&1 &
  PID=$!
  for ((i = 0; i < 1500; i++)); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health" 2>/dev/null)" = 200 ] && break
    kill -0 "$PID" 2>/dev/null || { echo "the service did not start on $db:" >&2; tail -30 "$CACHE/service-$db.log" >&2; exit 1; }
    sleep 0.1
  done
  python3 bench/engine.py load "http://127.0.0.1:$port" "$data/admin-token" "$PID" "$RUNS" "$CONCURRENCY" \
    "$TIMEOUT" "$CACHE/$db.json"
  cleanup
}

field() { python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$CACHE/$1.json" "$2"; }
fmt() { printf '%.1f' "$(field "$1" "$2")"; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for db in $DBS; do
  bench "$db"
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

echo "machine: $(nproc) cores; $(java -version 2>&1 | head -1); load average before / after: $load_before / $load_after"
echo "workload: $RUNS runs of artifacts.promote (5 steps, $FILES objects each, fs stores), POSTed by $CONCURRENCY threads"
[[ " $DBS " == *" pg "* ]] && echo "pg: ${PG_KIND:-}"
status=0
last=""
for db in $DBS; do
  rps=$(printf '%.2f' "$(field "$db" runs_per_s)")
  p99=$(fmt "$db" dispatch_p99_ms)
  dbr=$(fmt "$db" db_borrows_per_run)
  printf '%-3s runs=%s failed=%s wall=%ss runs/s=%s | step dispatch p50=%sms p99=%sms max=%sms (first step p99=%sms, later p99=%sms) | queue wait p50=%ss p99=%ss | POST p50=%sms p99=%sms | CPU %sms/run | DB connections %s/run, waited %sms/run\n' \
    "$db" "$(field "$db" runs)" "$(field "$db" failed)" "$(fmt "$db" wall_s)" "$rps" \
    "$(fmt "$db" dispatch_p50_ms)" "$p99" "$(fmt "$db" dispatch_max_ms)" \
    "$(fmt "$db" first_step_dispatch_p99_ms)" "$(fmt "$db" later_step_dispatch_p99_ms)" \
    "$(awk -v v="$(field "$db" queue_p50_ms)" 'BEGIN { printf "%.1f", v / 1000 }')" \
    "$(awk -v v="$(field "$db" queue_p99_ms)" 'BEGIN { printf "%.1f", v / 1000 }')" \
    "$(fmt "$db" post_p50_ms)" "$(fmt "$db" post_p99_ms)" "$(fmt "$db" cpu_ms_per_run)" \
    "$(fmt "$db" db_borrows_per_run)" "$(fmt "$db" db_wait_ms_per_run)"
  echo "    step time p50 (ms): $(field "$db" step_p50_ms)"
  if [ "$(field "$db" failed)" != 0 ]; then
    echo "FAILED: $(field "$db" failed) run(s) did not succeed on $db: $(field "$db" failed_reasons)"
    status=1
  fi
  if [ -n "${RECORD:-}" ]; then
    { grep -v "^$db " "$BASELINE" 2>/dev/null || true; echo "$db runs_per_s=$rps dispatch_p99_ms=$p99 db_per_run=$dbr"; } \
      >"$BASELINE.new"
    mv "$BASELINE.new" "$BASELINE"
    echo "    recorded in $BASELINE"
  fi
  rec=$(awk -v db="$db" '$1 == db' "$BASELINE" 2>/dev/null || true)
  if [ -z "$rec" ]; then
    echo "    no recorded figure for $db in $BASELINE"
  else
    rec_rps=$(sed -n 's/.*runs_per_s=\([0-9.]*\).*/\1/p' <<<"$rec")
    rec_p99=$(sed -n 's/.*dispatch_p99_ms=\([0-9.]*\).*/\1/p' <<<"$rec")
    rec_dbr=$(sed -n 's/.*db_per_run=\([0-9.]*\).*/\1/p' <<<"$rec")
    verdict=$(awk -v db="$db" -v r="$rps" -v rr="$rec_rps" -v p="$p99" -v rp="$rec_p99" -v d="$dbr" -v rd="$rec_dbr" 'BEGIN {
      out = ""
      # load-independent: database round trips per run (a recorded figure without it is not compared)
      if (rd != "" && d > 1.2 * rd) out = out sprintf("REGRESSION: %s DB connections per run %.1f is %.0f %% above the recorded %.1f; ", db, d, 100 * (d / rd - 1), rd)
      if (r < 0.8 * rr) out = out sprintf("REGRESSION: %s runs/s %.2f is %.0f %% below the recorded %.2f; ", db, r, 100 * (1 - r / rr), rr)
      if (p > 1.2 * rp) out = out sprintf("REGRESSION: %s step dispatch p99 %.1f ms is %.0f %% above the recorded %.1f ms; ", db, p, 100 * (p / rp - 1), rp)
      sub(/; $/, "", out)
      if (out == "") out = sprintf("ok: %s runs/s %.2f (recorded %.2f), dispatch p99 %.1f ms (recorded %.1f ms), DB connections per run %.1f (recorded %s)", db, r, rr, p, rp, d, rd == "" ? "-" : rd)
      print out }')
    echo "    $verdict"
  fi
  last="$last runs_per_s_$db=$rps"
done
echo "${last# }"
exit $status
