#!/usr/bin/env bash
# Image promotion benchmark (issue 13, point 8): an image of LAYERS random (incompressible) layers of LAYER_BYTES
# each (default 10 x 20 MiB = 200 MiB) is promoted by digest between two repositories of one registry (Debian's
# docker-registry 2.8 in a container, filesystem storage), by releasekit (CopyImageCommand through the guarded
# OciImageRegistry, in a fresh JVM per run) and by `skopeo copy` (Debian's skopeo), alternating, REPEATS times each
# into fresh target repositories. Wall time is the whole process (JVM start included for releasekit). "Layer bytes
# through the client" is measured by the registry itself: the bytes of the blob GETs its access log records during
# each run (a client that copies a layer must download it; a mounted layer is never downloaded).
#
#   bench/image.sh                       # 10 x 20 MiB, 3 repeats
#   LAYERS=4 LAYER_BYTES=1048576 REPEATS=1 bench/image.sh
#
# Needs: docker (running), the local debian:bookworm-slim image (scripts/setup-docker.sh), skopeo
# (apt-get install -y skopeo), Java 17. Builds release-registry's test classes through the reactor (never mvn
# install) and runs the main from the test classpath. Last line: ratio=<releasekit median wall / skopeo median wall>.
set -euo pipefail

LAYERS=${LAYERS:-10}
LAYER_BYTES=${LAYER_BYTES:-20971520}
REPEATS=${REPEATS:-3}
# skopeo remembers in its blob-info cache where it saw each blob and then mounts instead of copying. Without that
# knowledge (a fresh CI runner) it downloads and uploads every layer. fresh (default): the cache is removed before
# each skopeo run; keep: it is kept, so from the second run on skopeo mounts too.
SKOPEO_CACHE=${SKOPEO_CACHE:-fresh}
SKOPEO_CACHE_FILE=/var/lib/containers/cache/blob-info-cache-v1.boltdb
[ "$(id -u)" = 0 ] || SKOPEO_CACHE_FILE=$HOME/.local/share/containers/cache/blob-info-cache-v1.boltdb
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$ROOT/bench/out/image
CP_FILE=$ROOT/bench/.cache/release-registry-test.classpath
IMAGE=releasekit/docker-registry-test:2.8

command -v skopeo >/dev/null || { echo "image.sh: skopeo is missing (apt-get install -y skopeo)" >&2; exit 1; }
mkdir -p "$OUT" "$(dirname "$CP_FILE")"

echo "load_before=$(cut -d' ' -f1-3 /proc/loadavg) cpus=$(nproc)"
docker build -q -t "$IMAGE" "$ROOT/release-registry/src/test/resources/docker/registry" >/dev/null
(cd "$ROOT" && ./mvnw -B -q -pl release-registry -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE" >"$OUT/build.log" 2>&1) || { cat "$OUT/build.log" >&2; exit 1; }
CP="$ROOT/release-registry/target/test-classes:$ROOT/release-registry/target/classes:$ROOT/release-core/target/classes:$(cat "$CP_FILE")"
# A short-lived client JVM: C1 only and the serial GC start faster; CDS (on by default) shares the JDK's classes.
JAVA="java -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener -cp $CP"

CID=$(docker run -d -p 127.0.0.1::5000 "$IMAGE")
trap 'docker rm -f "$CID" >/dev/null 2>&1 || true' EXIT
PORT=$(docker port "$CID" 5000 | head -1 | sed 's/.*://')
BASE=http://127.0.0.1:$PORT
for _ in $(seq 1 100); do curl -sf "$BASE/v2/" >/dev/null && break; sleep 0.1; done

cat >"$OUT/policy.json" <<'POLICY'
{"default":[{"type":"insecureAcceptAnything"}]}
POLICY

SEED=$($JAVA io.releasekit.registry.bench.ImageBenchMain seed "$BASE" bench/src "$LAYERS" "$LAYER_BYTES")
DIGEST=$(echo "$SEED" | sed -n 's/^digest=//p')
echo "image=bench/src@$DIGEST layers=$LAYERS layer_bytes=$LAYER_BYTES total_mib=$(( LAYERS * LAYER_BYTES / 1048576 ))"

# Bytes of successful blob GETs the registry logged since a timestamp.
blob_bytes() {
  docker logs --since "$1" "$CID" 2>&1 | awk '$6 == "\"GET" && $7 ~ /\/blobs\/sha256:/ && $9 == 200 { s += $10 } END { print s + 0 }'
}
now_ms() { date +%s%3N; }

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

rk_walls=() sk_walls=()
for i in $(seq 1 "$REPEATS"); do
  since=$(date -u +%Y-%m-%dT%H:%M:%S.%NZ)
  t0=$(now_ms)
  report=$($JAVA io.releasekit.registry.bench.ImageBenchMain promote "$BASE" bench/src "$DIGEST" "bench/rk-$i" 1.0.0)
  t1=$(now_ms)
  sleep 1 # let the registry flush its access log before it is read
  bytes=$(blob_bytes "$since")
  echo "run=$i tool=releasekit wall_ms=$(( t1 - t0 )) layer_bytes_through_client=$bytes $report"
  rk_walls+=($(( t1 - t0 )))

  [ "$SKOPEO_CACHE" = fresh ] && rm -f "$SKOPEO_CACHE_FILE"
  since=$(date -u +%Y-%m-%dT%H:%M:%S.%NZ)
  t0=$(now_ms)
  skopeo --policy "$OUT/policy.json" copy -q --src-tls-verify=false --dest-tls-verify=false \
    "docker://127.0.0.1:$PORT/bench/src@$DIGEST" "docker://127.0.0.1:$PORT/bench/sk-$i:1.0.0" >/dev/null
  t1=$(now_ms)
  sleep 1
  bytes=$(blob_bytes "$since")
  echo "run=$i tool=skopeo wall_ms=$(( t1 - t0 )) layer_bytes_through_client=$bytes"
  sk_walls+=($(( t1 - t0 )))
done

rk=$(printf '%s\n' "${rk_walls[@]}" | median)
sk=$(printf '%s\n' "${sk_walls[@]}" | median)
echo "skopeo_cache=$SKOPEO_CACHE"
echo "median releasekit_wall_ms=$rk skopeo_wall_ms=$sk"
echo "load_after=$(cut -d' ' -f1-3 /proc/loadavg)"
awk -v a="$rk" -v b="$sk" 'BEGIN { printf "ratio=%.3f\n", a / b }'
