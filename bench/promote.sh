#!/usr/bin/env bash
# Promotion benchmark: OBJECTS objects of SIZE bytes promoted bucket to bucket on S3Proxy, by server-side copy
# (CopyObject, no object byte through the client) and by download + upload. S3Proxy runs on disk in its own JVM;
# each mode runs in its own client JVM under /usr/bin/time -v so its peak RSS is its own.
#
#   bench/promote.sh                 # 1000 x 1 MiB, 8 threads
#   OBJECTS=200 SIZE=4194304 THREADS=4 bench/promote.sh
#   BACKEND=disk bench/promote.sh    # S3Proxy keeps objects in files under bench/out (default: memory)
#   LINK_MBPS=1000 bench/promote.sh  # client <-> S3 through an emulated 1 Gbit/s full-duplex link (default: loopback)
#
# Prints one line per mode, then the peak RSS of each client JVM, and last: ratio=<stream wall / server-side wall>.
# Needs: Java 17, /usr/bin/time (apt-get install -y time). Builds release-aws's test classes through the reactor
# (never mvn install) and runs the mains from the test classpath.
set -euo pipefail

OBJECTS=${OBJECTS:-1000}
SIZE=${SIZE:-1048576}
THREADS=${THREADS:-8}
BACKEND=${BACKEND:-memory}
LINK_MBPS=${LINK_MBPS:-0}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$ROOT/bench/out/promote
CP_FILE=$ROOT/bench/.cache/release-aws-test.classpath

if [ ! -x /usr/bin/time ]; then
  echo "promote.sh: /usr/bin/time is missing (apt-get install -y time)" >&2
  exit 1
fi

mkdir -p "$OUT" "$(dirname "$CP_FILE")"
rm -rf "$OUT/s3proxy-data"
STORE_ARG=memory
SERVER_HEAP=$(( (OBJECTS * SIZE * 3 / 1048576) + 512 ))m
if [ "$BACKEND" = disk ]; then
  STORE_ARG=$OUT/s3proxy-data
  SERVER_HEAP=1g
fi
(cd "$ROOT" && ./mvnw -B -q -pl release-aws -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE" >"$OUT/build.log" 2>&1) || {
  cat "$OUT/build.log" >&2
  exit 1
}
CP="$ROOT/release-aws/target/test-classes:$ROOT/release-aws/target/classes:$ROOT/release-core/target/classes:$(cat "$CP_FILE")"

# S3Proxy in its own JVM; it stops when its stdin (this fifo) closes.
rm -f "$OUT/s3proxy.in"
mkfifo "$OUT/s3proxy.in"
java -Xmx"$SERVER_HEAP" -Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener -cp "$CP" io.releasekit.aws.bench.S3ProxyMain "$STORE_ARG" \
  bench-artifacts bench-releases bench-streamed <"$OUT/s3proxy.in" >"$OUT/s3proxy.log" 2>&1 &
S3PROXY_PID=$!
exec 3>"$OUT/s3proxy.in"
cleanup() {
  exec 3>&- || true
  wait "$S3PROXY_PID" 2>/dev/null || true
  rm -f "$OUT/s3proxy.in"
  rm -rf "$OUT/s3proxy-data"
}
trap cleanup EXIT

for _ in $(seq 1 100); do
  grep -q '^endpoint=' "$OUT/s3proxy.log" 2>/dev/null && break
  sleep 0.2
done
ENDPOINT=$(sed -n 's/^endpoint=//p' "$OUT/s3proxy.log")
[ -n "$ENDPOINT" ] || { cat "$OUT/s3proxy.log" >&2; exit 1; }

# CPU seconds (user + system) S3Proxy has used so far, from /proc (clock ticks).
server_cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", ($14 + $15) / hz }' "/proc/$S3PROXY_PID/stat"; }

run() {
  local mode=$1
  local before
  before=$(server_cpu)
  /usr/bin/time -v -o "$OUT/$mode.time" \
    java -Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener -cp "$CP" io.releasekit.aws.bench.PromoteBenchmark "$mode" "$ENDPOINT" "$OBJECTS" "$SIZE" "$THREADS" "$LINK_MBPS" \
    2>"$OUT/$mode.err" >"$OUT/$mode.out"
  echo "$(cat "$OUT/$mode.out") server_cpu_s=$(awk -v a="$before" -v b="$(server_cpu)" 'BEGIN { printf "%.1f", b - a }')"
}
field() { sed -n "s/.*$2=\([0-9]*\).*/\1/p" "$OUT/$1.out"; }
rss() { sed -n 's/.*Maximum resident set size (kbytes): //p' "$OUT/$1.time"; }

echo "backend=$BACKEND cpus=$(nproc) load_before=$(cut -d' ' -f1 /proc/loadavg)"
LINK_MBPS=0 run seed >/dev/null # seeding is setup, not measured against the link
run server-side
run stream

echo "load_after=$(cut -d' ' -f1 /proc/loadavg)"
echo "peak_rss_kb server-side=$(rss server-side) stream=$(rss stream) seed=$(rss seed)"
awk -v s="$(field server-side wall_ms)" -v d="$(field stream wall_ms)" 'BEGIN { printf "ratio=%.2f\n", d / s }'
