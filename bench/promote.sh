#!/usr/bin/env bash
# Promotion benchmark: OBJECTS objects of SIZE bytes promoted bucket to bucket on S3Proxy, by server-side copy
# (CopyObject, no object byte through the client) and by download + upload. S3Proxy runs on disk in its own JVM;
# each mode runs in its own client JVM under /usr/bin/time -v so its peak RSS is its own.
#
#   bench/promote.sh                 # 1000 x 1 MiB, 8 threads
#   OBJECTS=200 SIZE=4194304 THREADS=4 bench/promote.sh
#   BACKEND=disk bench/promote.sh    # S3Proxy keeps objects in files under bench/out (default: memory)
#   LINK_MBPS=100 bench/promote.sh   # the emulated link between client and S3 in Mbit/s (default 1000; 0: none)
#   WARMUP=0 bench/promote.sh        # no untimed warm-up promotion in each client JVM (default: 200 objects)
#   WARMUP_ROUNDS=5 bench/promote.sh # promote the warm-up objects 5 times (default 1): JIT compilation done first
#   LEVEL=publish bench/promote.sh   # the whole Publisher (verify source, copy, verify destination, manifest) with
#                                    # trusted store checksums instead of S3ArtifactStore.serverSideCopy / open + put
#
# Both modes run twice: on loopback (client and S3Proxy on the same CPUs, no network between them), then through an
# emulated full-duplex link of LINK_MBPS (default 1 Gbit/s, a CI runner's NIC; S3 is never on the client's
# loopback). On loopback S3Proxy's CopyObject reads, hashes (MD5) and writes every byte on the same two CPUs the
# client uses, so the server-side copy saves little there: that figure is printed as ratio_loopback. The last line,
# ratio=<stream wall / server-side wall>, is through the link. Then the peak RSS of each client JVM. Each mode's line
# also has the requests it sent by S3 operation and the CPU time of client and S3Proxy threads during the timed run
# only (server_cpu_s before it spans the whole client JVM, warm-up included), split into work, jit and gc.
# Needs: Java 17, /usr/bin/time (apt-get install -y time). Builds release-aws's test classes through the reactor
# (never mvn install) and runs the mains from the test classpath.
set -euo pipefail

OBJECTS=${OBJECTS:-1000}
SIZE=${SIZE:-1048576}
THREADS=${THREADS:-8}
BACKEND=${BACKEND:-memory}
LINK_MBPS=${LINK_MBPS:-1000}
WARMUP=${WARMUP:-200}
WARMUP_ROUNDS=${WARMUP_ROUNDS:-1}
LEVEL=${LEVEL:-store}
case "$LEVEL" in
  store) SERVER_SIDE=server-side STREAM=stream ;;
  publish) SERVER_SIDE=publish-server-side STREAM=publish-stream ;;
  *) echo "promote.sh: LEVEL must be store or publish, was '$LEVEL'" >&2; exit 1 ;;
esac
# Client JVM options; {mode} is replaced by the mode (e.g. a JFR file per mode). The heap cap shows that the
# promotion runs in bounded memory: without it the JVM grows its heap lazily towards a quarter of the RAM.
CLIENT_OPTS=${CLIENT_OPTS:--Xmx128m}
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
SERVER_HEAP=$(( ((OBJECTS + WARMUP) * SIZE * 3 / 1048576) + 512 ))m
if [ "$LEVEL" = publish ]; then
  # each publication writes every object again, below its own prefix
  runs=2
  [ "$LINK_MBPS" != 0 ] && runs=4
  stored_mib=$(( (OBJECTS + WARMUP + runs * (OBJECTS + WARMUP * WARMUP_ROUNDS)) * SIZE / 1048576 ))
  if [ "$BACKEND" = memory ] && [ "$stored_mib" -ge 4096 ]; then
    echo "promote.sh: LEVEL=publish would store $stored_mib MiB; S3Proxy's memory store holds 4 GiB:" \
      "use LINK_MBPS=0 or BACKEND=disk" >&2
    exit 1
  fi
  SERVER_HEAP=$(( stored_mib + 512 ))m
fi
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

run() { # mode link_mbps label
  local mode=$1 link=$2 label=$3
  local before
  before=$(server_cpu)
  /usr/bin/time -v -o "$OUT/$label.time" \
    java ${CLIENT_OPTS//\{mode\}/$label} -DserverPid="$S3PROXY_PID" -DwarmupRounds="$WARMUP_ROUNDS" -Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener -cp "$CP" io.releasekit.aws.bench.PromoteBenchmark "$mode" "$ENDPOINT" "$OBJECTS" "$SIZE" "$THREADS" "$link" "$WARMUP" \
    2>"$OUT/$label.err" >"$OUT/$label.out"
  echo "$(cat "$OUT/$label.out") server_cpu_s=$(awk -v a="$before" -v b="$(server_cpu)" 'BEGIN { printf "%.1f", b - a }')"
}
field() { sed -n "s/.*[ ,]$2=\([0-9]*\).*/\1/p" "$OUT/$1.out"; }
rss() { sed -n 's/.*Maximum resident set size (kbytes): //p' "$OUT/$1.time"; }

echo "level=$LEVEL backend=$BACKEND cpus=$(nproc) client_jvm_options='$CLIENT_OPTS' load_before=$(cut -d' ' -f1 /proc/loadavg)"
run seed 0 seed >/dev/null # seeding is setup, not measured
run "$SERVER_SIDE" 0 server-side-loopback
run "$STREAM" 0 stream-loopback
labels="server-side-loopback stream-loopback"
if [ "$LINK_MBPS" != 0 ]; then
  run "$SERVER_SIDE" "$LINK_MBPS" server-side-link
  run "$STREAM" "$LINK_MBPS" stream-link
  labels="$labels server-side-link stream-link"
fi

echo "load_after=$(cut -d' ' -f1 /proc/loadavg)"
# CPU per promoted object in the timed run: all threads, then the request-handling threads alone (no JIT, no GC)
for l in $labels; do
  awk -v l="$l" -v n="$OBJECTS" -v cc="$(field "$l" client_cpu_ms)" -v sc="$(field "$l" server_cpu_ms)" \
    -v cw="$(sed -n 's/.*client_cpu_by_kind_ms=work=\([0-9-]*\).*/\1/p' "$OUT/$l.out")" \
    -v sw="$(sed -n 's/.*server_cpu_by_kind_ms=work=\([0-9-]*\).*/\1/p' "$OUT/$l.out")" \
    'BEGIN { printf "cpu_ms_per_object %s: client=%.2f server=%.2f (work only: client=%.2f server=%.2f)\n", l, cc / n, sc / n, cw / n, sw / n }'
done
echo "peak_rss_kb $(for l in $labels seed; do printf '%s=%s ' "$l" "$(rss "$l")"; done)"
awk -v s="$(field server-side-loopback wall_ms)" -v d="$(field stream-loopback wall_ms)" \
  'BEGIN { printf "ratio_loopback=%.2f (stream wall / server-side wall, no network between client and S3Proxy)\n", d / s }'
if [ "$LINK_MBPS" != 0 ]; then
  awk -v s="$(field server-side-link wall_ms)" -v d="$(field stream-link wall_ms)" -v m="$LINK_MBPS" \
    'BEGIN { printf "ratio=%.2f (through an emulated %s Mbit/s link)\n", d / s, m }'
else
  awk -v s="$(field server-side-loopback wall_ms)" -v d="$(field stream-loopback wall_ms)" 'BEGIN { printf "ratio=%.2f\n", d / s }'
fi
