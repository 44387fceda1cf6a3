#!/usr/bin/env bash
# Start-up benchmark of the shipped `releasekit` command (release-cli/target/releasekit: the launcher, its jar and the
# class-data sharing archive the build made) against another release-adjacent CLI's start, `aws --version` (Debian's
# awscli), in the same run:
#   help     releasekit --help
#   next     releasekit versions next v1.2.3 v1.3.0   (against the service, release-api's fat jar started here)
#   verify   releasekit verify DIR                    (10 files of 64 KiB, no service)
# Each command runs RUNS times, interleaved with `aws --version`; medians of wall time are compared. The load average
# before and after is printed: the machine is shared, and wall times include waiting for a CPU.
# Last line: ratio=<the largest of the three ratios> (target <= 1.0).
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-11}
CACHE=bench/.cache
AWS=${AWS:-/usr/bin/aws}
mkdir -p "$CACHE"

if [ ! -x "$AWS" ]; then
  echo "installing Debian's awscli (the baseline)" >&2
  apt-get install -y -q awscli >/dev/null
fi
if [ -z "${SKIP_BUILD:-}" ]; then
  echo "building the service and the command (./mvnw package)" >&2
  ./mvnw -B -q -pl release-api,release-cli -am package -DskipTests >&2
fi
RK=release-cli/target/releasekit

# the service, for `versions next`
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
DATA="$PWD/$CACHE/cli-service-data"
rm -rf "$DATA"
RELEASEKIT_DATA_DIR="$DATA" RELEASEKIT_PORT="$PORT" java -jar release-api/target/releasekit.jar >"$CACHE/cli-service.log" 2>&1 &
SERVICE=$!
trap 'kill $SERVICE 2>/dev/null || true' EXIT
for ((i = 0; i < 240; i++)); do
  curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break
  kill -0 $SERVICE 2>/dev/null || { echo "the service did not start:" >&2; tail -20 "$CACHE/cli-service.log" >&2; exit 1; }
  sleep 0.5
done
export RELEASEKIT_URL="http://127.0.0.1:$PORT"
RELEASEKIT_TOKEN=$(cat "$DATA/admin-token")
export RELEASEKIT_TOKEN
export RELEASEKIT_CONFIG=/nonexistent

# 10 files for verify
DIR=$CACHE/cli-verify
mkdir -p "$DIR"
for i in $(seq -w 1 10); do
  [ -f "$DIR/f$i.bin" ] || head -c 65536 /dev/urandom > "$DIR/f$i.bin"
done
(cd "$DIR" && sha256sum -b f*.bin > SHA256SUMS)

# sanity: each command works before it is timed
"$RK" --help >/dev/null
[ "$("$RK" versions next v1.2.3 v1.3.0)" = "v1.3.1" ] || { echo "versions next gave a wrong answer" >&2; exit 1; }
"$RK" verify "$DIR" >/dev/null
"$AWS" --version >/dev/null

# t LABEL CMD... -> appends the wall seconds to $CACHE/cli.t.LABEL
t() {
  local label=$1; shift
  local s e
  s=$(date +%s.%N)
  "$@" >/dev/null 2>&1 || { echo "$label failed" >&2; exit 1; }
  e=$(date +%s.%N)
  awk -v s="$s" -v e="$e" 'BEGIN { printf "%.3f\n", e - s }' >> "$CACHE/cli.t.$label"
}
median() { sort -n "$CACHE/cli.t.$1" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

rm -f "$CACHE"/cli.t.*
# a warm-up of each (page cache, the service's first request)
t warm "$RK" --help; t warm "$RK" versions next v1.0.0; t warm "$AWS" --version
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for _ in $(seq 1 "$RUNS"); do
  t aws "$AWS" --version
  t help "$RK" --help
  t next "$RK" versions next v1.2.3 v1.3.0
  t verify "$RK" verify "$DIR"
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

aws=$(median aws)
echo "machine: $(nproc) cores; $(java -version 2>&1 | head -1); $("$AWS" --version 2>&1 | cut -d' ' -f1-2)"
echo "load average before/after: $load_before / $load_after"
echo "median wall of $RUNS runs each (seconds):"
echo "  aws --version              : $aws"
max=0
for label in help next verify; do
  m=$(median "$label")
  r=$(awk -v a="$m" -v b="$aws" 'BEGIN { printf "%.3f", a / b }')
  printf '  releasekit %-16s: %s  ratio=%s\n' "$label" "$m" "$r"
  max=$(awk -v a="$r" -v b="$max" 'BEGIN { print (a > b) ? a : b }')
done
echo "ratio=$max"
