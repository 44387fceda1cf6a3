#!/usr/bin/env bash
# Benchmark: releasekit's manifest verification against `openssl dgst -sha256` and `sha256sum -c` over the same files.
#
#   bench/verify.sh            # 2 GiB release of 200 files (~10 MiB each) + a single 3 GiB artifact for peak RSS
#   RUNS=5 bench/verify.sh     # more repetitions (median is reported)
#   SKIP_BIG=1 bench/verify.sh # skip the 3 GiB artifact
#
# Data is made once from /dev/urandom with `head -c` and cached under bench/.cache (gitignored, ~5 GiB).
# The page cache is warmed (every file read once) before timing, so all tools hash from memory: the figures
# compare hashing, not the disk. Each tool runs RUNS times, interleaved; the median wall time is reported.
# The releasekit figure is the shipped command as users run it: `release-cli/target/releasekit verify --quiet DIR`
# (the launcher script, its jar and the class-data sharing archive the build made), one JVM per verification,
# start-up included. Files are hashed by the system's libcrypto through release-core's native shim when the build
# made it (Linux + gcc); the same run with the JDK's digests (-Dreleasekit.digest.native=false through
# RELEASEKIT_JAVA_OPTS) is reported as well.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-3}
CACHE=bench/.cache
REL=$CACHE/release
BIG=$CACHE/big

for tool in openssl sha256sum java; do
  command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }
done
if [ ! -x /usr/bin/time ]; then
  echo "installing GNU time (for peak RSS)" >&2
  apt-get install -y -q time >/dev/null
fi

mkdir -p "$REL"
made=0
for i in $(seq -w 1 200); do
  f=$REL/artifact-$i.bin
  if [ ! -f "$f" ]; then head -c 10485760 /dev/urandom > "$f.part" && mv "$f.part" "$f"; made=1; fi
done
if [ "$made" = 1 ] || [ ! -f "$REL/SHA256SUMS" ]; then
  (cd "$REL" && sha256sum -b artifact-*.bin > SHA256SUMS.part && mv SHA256SUMS.part SHA256SUMS)
fi
if [ -z "${SKIP_BIG:-}" ]; then
  mkdir -p "$BIG"
  if [ ! -f "$BIG/big.bin" ]; then
    head -c 3221225472 /dev/urandom > "$BIG/big.bin.part" && mv "$BIG/big.bin.part" "$BIG/big.bin"
    rm -f "$BIG/SHA256SUMS"
  fi
  [ -f "$BIG/SHA256SUMS" ] || (cd "$BIG" && sha256sum -b big.bin > SHA256SUMS)
fi

echo "building the shipped command (release-cli: launcher, jar and class-data archive)" >&2
if [ -z "${SKIP_BUILD:-}" ]; then
  ./mvnw -B -q -pl release-cli -am package -DskipTests
fi
RK=release-cli/target/releasekit
[ -x "$RK" ] && [ -s release-cli/target/releasekit.jsa ] || { echo "no $RK with its archive: build release-cli" >&2; exit 1; }

echo "warming the page cache (reading every file once)" >&2
cat "$REL"/artifact-*.bin > /dev/null
files=("$REL"/artifact-*.bin)

# time_it LABEL CMD... -> appends "wall_seconds max_rss_kb cpu_seconds" to $CACHE/t.LABEL
time_it() {
  local label=$1; shift
  /usr/bin/time -f "%e %M %U %S" -o "$CACHE/time.tmp" "$@" > "$CACHE/out.$label" 2>&1 || {
    echo "$label failed:" >&2; cat "$CACHE/out.$label" >&2; exit 1; }
  awk '{ printf "%s %s %.2f\n", $1, $2, $3 + $4 }' "$CACHE/time.tmp" >> "$CACHE/t.$label"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
minimum() { sort -n | head -1; }

# the fixed cost of one verification (JVM start, class-data archive, native shim): a release of one small file
TINY=$CACHE/tiny
mkdir -p "$TINY"
[ -f "$TINY/SHA256SUMS" ] || (cd "$TINY" && printf 'releasekit\n' > one.bin && sha256sum -b one.bin > SHA256SUMS)

rm -f "$CACHE"/t.*
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for run in $(seq 1 "$RUNS"); do
  time_it startup "$RK" verify --quiet "$TINY"
  time_it releasekit "$RK" verify --quiet "$REL"
  time_it jdk env RELEASEKIT_JAVA_OPTS=-Dreleasekit.digest.native=false "$RK" verify --quiet "$REL"
  time_it openssl openssl dgst -sha256 "${files[@]}"
  time_it sha256sum sh -c "cd '$REL' && sha256sum -c --quiet SHA256SUMS"
done

rk=$(cut -d' ' -f1 "$CACHE/t.releasekit" | median)
os=$(cut -d' ' -f1 "$CACHE/t.openssl" | median)
ss=$(cut -d' ' -f1 "$CACHE/t.sha256sum" | median)
rss=$(cut -d' ' -f2 "$CACHE/t.releasekit" | sort -n | tail -1)
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
cpu() { cut -d' ' -f3 "$CACHE/t.$1" | median; }
best() { cut -d' ' -f1 "$CACHE/t.$1" | minimum; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(java -version 2>&1 | head -1)"
echo "load average before/after: $load_before / $load_after (other processes share the cores: wall times include waiting)"
awk -v l="${load_before%% *}" -v n="$(nproc)" 'BEGIN { if (l > n / 2) printf "NOT IDLE: load %s on %s cores; the wall ratios below are not the idle-machine figure (ratio_cpu is)\n", l, n }'
echo "release: 200 files x 10 MiB = 2 GiB, page cache warm, $RUNS runs each (median wall, best wall, median CPU user+sys)"
echo "  releasekit verify : $rk s  best $(best releasekit) s  cpu $(cpu releasekit) s  (peak RSS $((rss / 1024)) MB)"
echo "  JDK digests       : $(cut -d' ' -f1 "$CACHE/t.jdk" | median) s  best $(best jdk) s  cpu $(cpu jdk) s"
echo "  openssl dgst      : $os s  best $(best openssl) s  cpu $(cpu openssl) s"
echo "  sha256sum -c      : $ss s  best $(best sha256sum) s  cpu $(cpu sha256sum) s"
echo "  start-up          : $(cut -d' ' -f1 "$CACHE/t.startup" | median) s  best $(best startup) s  cpu $(cpu startup) s  (verify of a 1-file release)"
echo "  releasekit says   : $(tail -1 "$CACHE/out.releasekit")"
echo "  with JDK digests  : $(tail -1 "$CACHE/out.jdk")"
echo "  hashing engine    : $("$RK" --json verify "$REL" | python3 -c 'import json, sys; print(json.load(sys.stdin)["engine"])')"

if [ -z "${SKIP_BIG:-}" ]; then
  echo "warming the page cache for the 3 GiB artifact" >&2
  cat "$BIG/big.bin" > /dev/null
  time_it big "$RK" verify --quiet "$BIG"
  read -r bw brss bcpu < "$CACHE/t.big"
  echo "single 3 GiB artifact: releasekit verify $bw s wall, cpu $bcpu s, peak RSS $((brss / 1024)) MB"
fi

awk -v rk="$rk" -v ss="$ss" 'BEGIN { printf "ratio_sha256sum=%.3f (releasekit wall / sha256sum -c wall; target <= 0.2)\n", rk / ss }'
awk -v a="$(cpu releasekit)" -v b="$(cpu openssl)" 'BEGIN { printf "ratio_cpu=%.3f (releasekit CPU / openssl CPU: the work done, whatever the load)\n", a / b }'
awk -v a="$(cut -d' ' -f1 "$CACHE/t.jdk" | median)" -v b="$os" 'BEGIN { printf "ratio_jdk_digests=%.3f (the same verification on the JDK'"'"'s SHA-256, no native shim)\n", a / b }'
awk -v a="$(best releasekit)" -v b="$(best openssl)" 'BEGIN { printf "ratio_best=%.3f (best wall / best wall)\n", a / b }'
awk -v rk="$rk" -v os="$os" 'BEGIN { printf "ratio=%.3f\n", rk / os }'
