#!/usr/bin/env bash
# Footprint of the releasekit service (issue 16.6) against a minimal Micronaut service on the same platform version
# (bench/minimal: one JSON endpoint, a shaded jar), both built by this script, in the same run:
#   start   wall from exec to the first 200 of GET /health, with a fresh data directory (the build's schema template copied, Flyway validating it; docs/persistence.md);
#           CPU (user+sys) and RSS of the process at that moment. RUNS starts each, alternating.
#   load    wrk -t2 -c50 (loopback) on POST /api/v1/versions/next (releasekit with its token, strict input and
#           security; the minimal service with the same body): requests per second and p99 latency, after a warm-up.
# Both services start as users start them: releasekit with release-api/target/releasekit-service (the launcher the
# build ships, with its class-data archive), the minimal service with `java -jar` (RK_START=jar starts releasekit with
# plain `java -jar releasekit.jar` as well; MINIMAL_CDS=1 gives the minimal service a class-data archive of its own).
# The launcher starts the JVM with options of its own (release-api/src/main/launcher/releasekit-service): the minimal
# service is also started with the same options (MINIMAL_OPTS, by default what the launcher prints), reported as
# "minimal-opts" beside plain `java -jar`, so the comparison stays honest (MINIMAL_OPTS= turns that row off).
# The load average before and after is printed: the machine is shared and wall times include waiting for a CPU.
# Last line: ratio=<releasekit start / minimal start> (medians, minimal with `java -jar`; target <= 1.3); the line
# before it: ratio_same_opts=<releasekit start / minimal-opts start>.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-5}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-15s}  # the request path is C2-compiled later with the launcher's raised Tier4 thresholds; 5 s left it half-compiled
RK_START=${RK_START:-launcher}
CACHE=bench/.cache/api
mkdir -p "$CACHE"
OUT="$CACHE/results"
rm -rf "$OUT"
mkdir -p "$OUT"

command -v wrk >/dev/null || {
  echo "installing Debian's wrk" >&2
  if [ "$(id -u)" = 0 ]; then apt-get install -y -q wrk >/dev/null; else sudo apt-get install -y -q wrk >/dev/null; fi
}
MN_VERSION=$(./mvnw -B -q help:evaluate -Dexpression=micronaut.version -DforceStdout -N)
if [ -z "${SKIP_BUILD:-}" ]; then
  echo "building the service (./mvnw package) and the minimal service on Micronaut $MN_VERSION" >&2
  ./mvnw -B -q -pl release-api -am package -DskipTests >&2
  ./mvnw -B -q -f bench/minimal/pom.xml package -Dmicronaut.version="$MN_VERSION" >&2
fi
RK_JAR=release-api/target/releasekit.jar
MIN_JAR=bench/minimal/target/minimal.jar
MINIMAL_OPTS=${MINIMAL_OPTS-$(RELEASEKIT_PRINT_JVM_OPTS=1 release-api/target/releasekit-service)}
NAMES="releasekit minimal"
[ -n "$MINIMAL_OPTS" ] && NAMES="$NAMES minimal-opts"
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# start NAME PORT DATA -> starts the service in the background, sets PID
start() {
  local name=$1 port=$2 data=$3
  if [ "$name" = releasekit ]; then
    if [ "$RK_START" = jar ]; then
      RELEASEKIT_DATA_DIR="$data" RELEASEKIT_PORT="$port" exec_bg java -jar "$RK_JAR"
    else
      RELEASEKIT_DATA_DIR="$data" RELEASEKIT_PORT="$port" exec_bg release-api/target/releasekit-service
    fi
  elif [ "$name" = minimal-opts ]; then
    # shellcheck disable=SC2086 # MINIMAL_OPTS is a list of options
    MINIMAL_PORT="$port" exec_bg java $MINIMAL_OPTS -jar "$MIN_JAR"
  elif [ -n "${MINIMAL_CDS:-}" ]; then
    MINIMAL_PORT="$port" exec_bg java -XX:SharedArchiveFile="$CACHE/minimal.jsa" -Xlog:cds=off -jar "$MIN_JAR"
  else
    MINIMAL_PORT="$port" exec_bg java -jar "$MIN_JAR"
  fi
}
exec_bg() {
  "$@" >"$CACHE/$name.log" 2>&1 &
  PID=$!
}

# wait_200 PORT -> polls GET /health until it answers 200 (at most 60 s)
wait_200() {
  local port=$1 i
  for ((i = 0; i < 3000; i++)); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health" 2>/dev/null)" = 200 ] && return 0
    kill -0 "$PID" 2>/dev/null || { echo "$name did not start:" >&2; tail -20 "$CACHE/$name.log" >&2; exit 1; }
    sleep 0.02
  done
  echo "$name gave no 200 in 60 s" >&2
  exit 1
}

cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"; }
rss_mb() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
stop() {
  kill "$PID" 2>/dev/null || true
  wait "$PID" 2>/dev/null || true
}
trap 'stop' EXIT

# one_start NAME -> appends wall, CPU and RSS of one cold start to $OUT/NAME.{wall,cpu,rss}
one_start() {
  local name=$1 port data s e
  port=$(free_port)
  data="$PWD/$CACHE/data-$name"
  rm -rf "$data"
  s=$(date +%s.%N)
  start "$name" "$port" "$data"
  wait_200 "$port"
  e=$(date +%s.%N)
  awk -v s="$s" -v e="$e" 'BEGIN { printf "%.3f\n", e - s }' >>"$OUT/$name.wall"
  cpu_seconds "$PID" >>"$OUT/$name.cpu"
  echo >>"$OUT/$name.cpu"
  rss_mb "$PID" >>"$OUT/$name.rss"
  echo >>"$OUT/$name.rss"
  stop
}
median() { sort -n "$OUT/$1" | awk 'NF {a[++n]=$1} END {print a[int((n+1)/2)]}'; }

# load NAME -> wrk figures of one started service into $OUT/NAME.{rps,p99}
load() {
  local name=$1 port data token=""
  port=$(free_port)
  data="$PWD/$CACHE/data-$name"
  rm -rf "$data"
  start "$name" "$port" "$data"
  wait_200 "$port"
  [ "$name" = releasekit ] && token=$(cat "$data/admin-token")
  export RK_TOKEN="$token" # bench/next.lua sends it
  local url="http://127.0.0.1:$port/api/v1/versions/next"
  [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
    -H "Authorization: Bearer $token" -d '{"tags":["v1.2.3"],"prefix":"v"}' "$url")" = 200 ] \
    || { echo "$name: POST versions/next is not 200" >&2; exit 1; }
  wrk -t2 -c50 -d"$WARMUP" -s bench/next.lua "$url" >/dev/null
  local cpu0 cpu1
  cpu0=$(cpu_seconds "$PID")
  wrk -t2 -c50 -d"$DURATION" --latency -s bench/next.lua "$url" >"$OUT/$name.wrk"
  cpu1=$(cpu_seconds "$PID")
  awk '/Requests\/sec/ { print $2 }' "$OUT/$name.wrk" >"$OUT/$name.rps"
  awk '$1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms/, "", v) }
    else if (v ~ /s$/) { sub(/s/, "", v); v *= 1000 } printf "%.2f\n", v }' "$OUT/$name.wrk" >"$OUT/$name.p99"
  awk -v a="$cpu0" -v b="$cpu1" -v r="$(cat "$OUT/$name.rps")" -v d="${DURATION%s}" \
    'BEGIN { printf "%.1f\n", (b - a) * 1e6 / (r * d) }' >"$OUT/$name.cpureq"
  stop
}

if [ -n "${MINIMAL_CDS:-}" ]; then
  # the minimal service's own archive, recorded like the launcher's: start, first 200, stop
  rm -f "$CACHE/minimal.jsa"
  name=minimal
  port=$(free_port)
  MINIMAL_PORT="$port" exec_bg java -XX:ArchiveClassesAtExit="$CACHE/minimal.jsa" -Xlog:cds=off -jar "$MIN_JAR"
  wait_200 "$port"
  stop
fi

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
# a warm-up start of each (page cache)
for name in $NAMES; do one_start "$name"; done
rm -f "$OUT"/*.wall "$OUT"/*.cpu "$OUT"/*.rss
for _ in $(seq 1 "$RUNS"); do
  for name in $NAMES; do one_start "$name"; done
done
load_mid=$(cut -d' ' -f1-3 /proc/loadavg)
for name in $NAMES; do load "$name"; done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

echo "machine: $(nproc) cores; $(java -version 2>&1 | head -1); Micronaut $MN_VERSION; releasekit started by: $RK_START"
echo "load average before / after the starts / after wrk: $load_before / $load_mid / $load_after"
[ -n "$MINIMAL_OPTS" ] && echo "minimal-opts: the minimal service with the launcher's JVM options: $MINIMAL_OPTS"
for name in $NAMES; do
  printf '%-12s start walls: %s\n' "$name" "$(tr '\n' ' ' <"$OUT/$name.wall")"
done
rk_start=$(median releasekit.wall)
min_start=$(median minimal.wall)
printf '%-12s  %8s  %8s  %8s  %9s  %8s  %10s\n' "" "start s" "CPU s" "RSS MB" "req/s" "p99 ms" "CPU us/req"
for name in $NAMES; do
  printf '%-12s  %8s  %8s  %8s  %9s  %8s  %10s\n' "$name" "$(median "$name.wall")" "$(median "$name.cpu")" \
    "$(median "$name.rss")" "$(cat "$OUT/$name.rps")" "$(cat "$OUT/$name.p99")" "$(cat "$OUT/$name.cpureq")"
done
rps_ratio=$(awk -v a="$(cat "$OUT/releasekit.rps")" -v b="$(cat "$OUT/minimal.rps")" 'BEGIN { printf "%.2f", a / b }')
p99_ratio=$(awk -v a="$(cat "$OUT/releasekit.p99")" -v b="$(cat "$OUT/minimal.p99")" 'BEGIN { printf "%.2f", a / b }')
echo "targets: start <= 1.3x minimal; RSS after start <= 200 MB; req/s >= 0.6x minimal (is ${rps_ratio}x); p99 <= 1.5x minimal (is ${p99_ratio}x)"
cpu_ratio=$(awk -v a="$(median releasekit.cpu)" -v b="$(median minimal.cpu)" 'BEGIN { printf "%.2f", a / b }')
echo "start CPU ratio (load-independent): $cpu_ratio"
if [ -n "$MINIMAL_OPTS" ]; then
  awk -v a="$rk_start" -v b="$(median minimal-opts.wall)" 'BEGIN { printf "ratio_same_opts=%.2f\n", a / b }'
fi
awk -v a="$rk_start" -v b="$min_start" 'BEGIN { printf "ratio=%.2f\n", a / b }'
