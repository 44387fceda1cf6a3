#!/usr/bin/env bash
# Publication benchmark (issue 17): a release of SMALL + MEDIUM + MULTIPART objects published bucket -> bucket on
# S3Proxy (filesystem backend, its own JVM) by releasekit and by Debian's `aws s3 sync` (awscli v2, --endpoint-url at
# S3Proxy), cold onto an empty prefix and again as a no-op rerun onto the complete destination; then the file-system
# variant (a directory -> a bucket). releasekit runs as the LIBRARY (io.releasekit.core.artifact.Publisher) in a fresh
# JVM per run, PublishCommand.call() (a rerun recognised from the destination's record; else verify-source, copy,
# verify-destination and the manifest), and with PHASED_REPEATS the same four phases called one by one, each timed
# (JVM start included in wall).
#
#   bench/publish.sh                          # 9,975 small (1-16 KiB), 20 medium (10-48 MiB), 5 multipart
#                                             # (4 x 20 MiB + 1 x 100 MiB in 5 MiB parts): 10,000 objects, ~0.9 GiB
#   REPEATS=3 TRUST=true CONCURRENCY=16 bench/publish.sh
#   SMALL=990 MEDIUM=10 MULTIPART=0 bench/publish.sh   # issue 17's first measurement size
#   FS_REPEATS=0 bench/publish.sh             # skip the file-system variant
#   PHASED_REPEATS=0 bench/publish.sh         # skip the runs with the phases one after the other (timed each)
#   WARMUP=0 bench/publish.sh                 # skip the untimed warm-up publication (S3Proxy's JIT) before the runs
#
# TRUST=true (default) publishes with trust-store-checksums (the mode that reaches <= 2 requests per object); TRUST=false
# reads every byte at both ends. Prints per run: wall and CPU (client; S3Proxy separately), peak RSS, requests by S3
# operation and per object (releasekit: counted at its HTTP client; aws: from a separate untimed --debug run, botocore's
# "Making request for OperationModel" lines), payload bytes through the client, load average; then medians and, last,
# ratio=<releasekit median wall / aws s3 sync median wall> of the cold bucket -> bucket runs.
# Needs: Java 17, /usr/bin/time (apt-get install -y time), Debian's awscli (apt-get install -y awscli).
set -euo pipefail

SMALL=${SMALL:-9975}
MEDIUM=${MEDIUM:-20}
MULTIPART=${MULTIPART:-5}
REPEATS=${REPEATS:-3}
FS_REPEATS=${FS_REPEATS:-1}
PHASED_REPEATS=${PHASED_REPEATS:-1}
WARMUP=${WARMUP:-1}
TRUST=${TRUST:-true}
CONCURRENCY=${CONCURRENCY:-16}
CLIENT_OPTS=${CLIENT_OPTS:--Xmx256m -XX:+UseSerialGC}
AWS=${AWS:-/usr/bin/aws}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$ROOT/bench/out/publish
CP_FILE=$ROOT/bench/.cache/release-aws-test.classpath

for tool in /usr/bin/time "$AWS"; do
  [ -x "$tool" ] || { echo "publish.sh: $tool is missing (apt-get install -y time awscli)" >&2; exit 1; }
done
mkdir -p "$OUT" "$(dirname "$CP_FILE")"
rm -rf "$OUT/s3proxy-data" "$OUT/src-dir" "$OUT"/*.time "$OUT"/*.out "$OUT"/*.err
(cd "$ROOT" && ./mvnw -B -q -pl release-aws -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE" >"$OUT/build.log" 2>&1) || { cat "$OUT/build.log" >&2; exit 1; }
# a copy of the classes, so a build in the worktree while the benchmark runs cannot change what it runs
rm -rf "$OUT/classes" && mkdir -p "$OUT/classes"
for d in release-aws/target/test-classes release-aws/target/classes release-core/target/classes; do
  cp -r "$ROOT/$d" "$OUT/classes/${d//\//_}"
done
CP="$OUT/classes/release-aws_target_test-classes:$OUT/classes/release-aws_target_classes:$OUT/classes/release-core_target_classes:$(cat "$CP_FILE")"
QUIET=-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener

rm -f "$OUT/s3proxy.in"
mkfifo "$OUT/s3proxy.in"
java -Xmx1g $QUIET -cp "$CP" io.releasekit.aws.bench.S3ProxyMain "$OUT/s3proxy-data" bench-src bench-dst \
  <"$OUT/s3proxy.in" >"$OUT/s3proxy.log" 2>&1 &
S3PROXY_PID=$!
exec 3>"$OUT/s3proxy.in"
cleanup() {
  exec 3>&- || true
  wait "$S3PROXY_PID" 2>/dev/null || true
  rm -f "$OUT/s3proxy.in"
  rm -rf "$OUT/s3proxy-data" "$OUT/src-dir"
}
trap cleanup EXIT
for _ in $(seq 1 150); do
  grep -q '^endpoint=' "$OUT/s3proxy.log" 2>/dev/null && break
  sleep 0.2
done
EP=$(sed -n 's/^endpoint=//p' "$OUT/s3proxy.log")
[ -n "$EP" ] || { cat "$OUT/s3proxy.log" >&2; exit 1; }

export AWS_ACCESS_KEY_ID=AKIARELEASEKITTEST01 AWS_SECRET_ACCESS_KEY=releasekit-test-secret-key-0123456789abcd
export AWS_DEFAULT_REGION=us-east-1 AWS_CONFIG_FILE=$OUT/aws-config AWS_PAGER=""
printf '[default]\ns3 =\n  addressing_style = path\n' >"$AWS_CONFIG_FILE"
# S3Proxy 4.1.0 does not implement GetObjectTagging, which aws s3 sync's default --copy-props (default) asks for
AWS_SYNC=(s3 sync --endpoint-url "$EP" --only-show-errors --copy-props metadata-directive)

server_cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$S3PROXY_PID/stat"; }
load() { cut -d' ' -f1 /proc/loadavg; }
rss() { sed -n 's/.*Maximum resident set size (kbytes): //p' "$OUT/$1.time"; }
cpu() { awk '/User time/ {u=$4} /System time/ {s=$4} END {printf "%.2f", u + s}' "$OUT/$1.time"; }
wall() { sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$OUT/$1.time" |
  awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }'; }

echo "publish.sh: seeding $((SMALL + MEDIUM + MULTIPART)) objects (S3Proxy filesystem backend at $EP, cpus=$(nproc), load=$(load))"
java $CLIENT_OPTS $QUIET -cp "$CP" io.releasekit.aws.bench.PublishBenchmark seed "$EP" bench-src rel/ "$OUT/src-dir" \
  "$SMALL" "$MEDIUM" "$MULTIPART" | tee "$OUT/seed.out"

# one run: label, then the command; records wall, CPU, RSS of the client and S3Proxy's CPU during it
run() {
  local label=$1 before
  shift
  before=$(server_cpu)
  local l0
  l0=$(load)
  /usr/bin/time -v -o "$OUT/$label.time" "$@" >"$OUT/$label.out" 2>"$OUT/$label.err" || {
    echo "publish.sh: $label failed:" >&2
    tail -20 "$OUT/$label.err" >&2
    exit 1
  }
  printf '%-22s wall_s=%-7s cpu_s=%-6s s3proxy_cpu_s=%-6s peak_rss_mb=%-4s load=%s %s\n' "$label" "$(wall "$label")" \
    "$(cpu "$label")" "$(awk -v a="$before" -v b="$(server_cpu)" 'BEGIN { printf "%.2f", b - a }')" \
    "$(($(rss "$label") / 1024))" "$l0" "$(head -c 600 "$OUT/$label.out" | tr '\n' ' ')"
}
# /usr/bin/time runs programs, not shell functions: releasekit's run is a small script
cat >"$OUT/rk" <<EOF
#!/bin/sh
exec java $CLIENT_OPTS $QUIET -cp "$CP" io.releasekit.aws.bench.PublishBenchmark publish "$EP" "\$1" bench-dst "\$2" "$TRUST" "$CONCURRENCY" "\${3:-call}"
EOF
chmod +x "$OUT/rk"
awscount() { # label src dst: an untimed aws run with --debug, counting the S3 operations it made
  "$AWS" "${AWS_SYNC[@]}" --debug "$2" "$3" 2>&1 >/dev/null |
    sed -n 's/.*Making request for OperationModel(name=\([A-Za-z0-9]*\)).*/\1/p' | sort | uniq -c |
    awk -v l="$1" -v n="$((SMALL + MEDIUM + MULTIPART))" '{ t += $1; o = o sprintf("%s:%d(%.3f/obj),", $2, $1, $1 / n) }
      END { printf "%-22s requests=%d requests_per_object=%.3f by_op=%s\n", l, t, t / n, o }'
}

if [ "$WARMUP" = 1 ]; then
  # S3Proxy JIT-compiles its HEAD, COPY and LIST paths during the first run that uses them: without a warm-up the
  # first timed run pays for it (measured: 18.2 s of S3Proxy CPU for a first releasekit run, 10.8 s for a later one)
  echo "== warm-up (untimed): one releasekit publication and one aws s3 sync, load=$(load)"
  "$OUT/rk" bench-src/rel/ warmup/ >"$OUT/warmup.out" 2>&1 || { tail -20 "$OUT/warmup.out" >&2; exit 1; }
  "$AWS" "${AWS_SYNC[@]}" s3://bench-src/rel/ s3://bench-dst/aws-warmup/
fi
echo "== bucket -> bucket, trust-store-checksums=$TRUST, releasekit concurrency=$CONCURRENCY (aws: its default 10)"
for r in $(seq 1 "$REPEATS"); do
  run "rk-cold-$r" "$OUT/rk" bench-src/rel/ "rk-$r/"
  run "aws-cold-$r" "$AWS" "${AWS_SYNC[@]}" s3://bench-src/rel/ "s3://bench-dst/aws-$r/"
  run "rk-rerun-$r" "$OUT/rk" bench-src/rel/ "rk-$r/"
  run "aws-rerun-$r" "$AWS" "${AWS_SYNC[@]}" s3://bench-src/rel/ "s3://bench-dst/aws-$r/"
done
# the same publication with the phases called one by one (as the run steps do it), each phase timed: where the time goes
for r in $(seq 1 "$PHASED_REPEATS"); do
  run "rkphased-cold-$r" "$OUT/rk" bench-src/rel/ "rkphased-$r/" phases
  run "rkphased-rerun-$r" "$OUT/rk" bench-src/rel/ "rkphased-$r/" phases
done
echo "== aws s3 sync requests (untimed --debug runs)"
awscount aws-cold s3://bench-src/rel/ s3://bench-dst/aws-count/
awscount aws-rerun s3://bench-src/rel/ s3://bench-dst/aws-count/

if [ "$FS_REPEATS" -gt 0 ]; then
  echo "== directory -> bucket (streamed uploads; releasekit verifies the files it reads and the S3 checksum of each put)"
  for r in $(seq 1 "$FS_REPEATS"); do
    run "rk-fs-cold-$r" "$OUT/rk" "fs:$OUT/src-dir" "rkfs-$r/"
    run "aws-fs-cold-$r" "$AWS" "${AWS_SYNC[@]}" "$OUT/src-dir/" "s3://bench-dst/awsfs-$r/"
    run "rk-fs-rerun-$r" "$OUT/rk" "fs:$OUT/src-dir" "rkfs-$r/"
    run "aws-fs-rerun-$r" "$AWS" "${AWS_SYNC[@]}" "$OUT/src-dir/" "s3://bench-dst/awsfs-$r/"
  done
fi

median() { # label prefix: median wall of its runs
  for f in "$OUT/$1"-*.time; do wall "$(basename "$f" .time)"; done | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}
echo "== medians (wall seconds, JVM / Python start included), load_after=$(load)"
for m in rk-cold aws-cold rk-rerun aws-rerun $([ "$PHASED_REPEATS" -gt 0 ] && echo rkphased-cold); do printf '%s=%s ' "$m" "$(median "$m")"; done
echo
awk -v a="$(median rk-rerun)" -v b="$(median aws-rerun)" 'BEGIN { printf "rerun_ratio=%.3f (releasekit no-op rerun / aws s3 sync no-op, target <= 0.5)\n", a / b }'
awk -v a="$(median rk-cold)" -v b="$(median aws-cold)" 'BEGIN { printf "ratio=%.3f\n", a / b }'
