#!/usr/bin/env bash
# Server CPU per request of POST /api/v1/versions/next (bench/api.sh's light endpoint) and where it goes, for steering
# on a shared machine: CPU per request does not depend on how many other processes wait for the cores, req/s does.
#   bench/api-profile.sh [releasekit|minimal]     (default releasekit; the jars bench/api.sh builds, no build; RK_JAR=)
# Starts the service (java -jar, fresh data directory), warms it up with wrk -t2 -c50 for $WARMUP, then measures
# $ROUNDS rounds of $DURATION: requests (wrk), user and sys CPU of the server process (/proc), CPU us per request.
# With PROFILE=1 a last round runs under JFR (settings=profile) and bench/JfrBreakdown.java charges its execution
# samples to layers (security, strict input, validation, JSON, metrics, Netty, Reactor, ...) in us of user CPU per
# request. INCLUSIVE=prefix,prefix lists the inclusive share of the methods of those classes as well.
set -euo pipefail
cd "$(dirname "$0")/.."

NAME=${1:-releasekit}
WARMUP=${WARMUP:-15s}
DURATION=${DURATION:-10s}
ROUNDS=${ROUNDS:-2}
CACHE=bench/.cache/api-profile
mkdir -p "$CACHE"
case "$NAME" in
  releasekit) JAR=${RK_JAR:-release-api/target/releasekit.jar} ;;
  minimal) JAR=bench/minimal/target/minimal.jar ;;
  *) echo "usage: $0 [releasekit|minimal]" >&2; exit 2 ;;
esac
[ -r "$JAR" ] || { echo "$JAR is missing: build it first (bench/api.sh builds both)" >&2; exit 1; }
cp "$JAR" "$CACHE/$NAME.jar" # a rebuild during the run must not change the classes under the JVM

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
data="$PWD/$CACHE/data-$NAME"
rm -rf "$data"
RELEASEKIT_DATA_DIR="$data" RELEASEKIT_PORT="$port" MINIMAL_PORT="$port" \
  java ${PROFILE:+-XX:FlightRecorderOptions:stackdepth=1024} ${JAVA_OPTS_EXTRA:-} -jar "$CACHE/$NAME.jar" >"$CACHE/$NAME.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true' EXIT
for ((i = 0; i < 3000; i++)); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health" 2>/dev/null)" = 200 ] && break
  kill -0 "$PID" 2>/dev/null || { tail -20 "$CACHE/$NAME.log" >&2; exit 1; }
  sleep 0.02
done
token=""
[ "$NAME" = releasekit ] && token=$(cat "$data/admin-token")
export RK_TOKEN="$token" # bench/next.lua sends it
url="http://127.0.0.1:$port/api/v1/versions/next"
code=$(curl -s -o "$CACHE/answer" -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
  -H "Authorization: Bearer $token" -d '{"tags":["v1.2.3"],"prefix":"v"}' "$url")
[ "$code" = 200 ] || { echo "POST versions/next answered $code: $(cat "$CACHE/answer")" >&2; exit 1; }

hz=$(getconf CLK_TCK)
ticks() { awk '{ print $14, $15 }' "/proc/$PID/stat"; }
# round LABEL -> one wrk run; prints requests, req/s, p99 and the server's user/sys CPU us per request
round() {
  local u0 s0 u1 s1 reqs
  read -r u0 s0 < <(ticks)
  wrk -t2 -c50 -d"$DURATION" --latency -s bench/next.lua "$url" >"$CACHE/wrk.out"
  read -r u1 s1 < <(ticks)
  reqs=$(awk '/requests in/ { print $1 }' "$CACHE/wrk.out")
  non2xx=$(awk '/Non-2xx/ { print $5 }' "$CACHE/wrk.out")
  awk -v l="$1" -v r="$reqs" -v u="$((u1 - u0))" -v s="$((s1 - s0))" -v hz="$hz" \
    -v rps="$(awk '/Requests\/sec/ { print $2 }' "$CACHE/wrk.out")" \
    -v p99="$(awk '$1 == "99%" { print $2 }' "$CACHE/wrk.out")" -v bad="${non2xx:-0}" \
    'BEGIN { us = 1e6 / hz / r; printf "%-8s %8d req  %9.0f req/s  p99 %-8s  CPU/req %6.1f us (user %5.1f, sys %5.1f)  non-2xx %s\n",
      l, r, rps, p99, (u + s) * us, u * us, s * us, bad }'
  USER_US=$(awk -v r="$reqs" -v u="$((u1 - u0))" -v hz="$hz" 'BEGIN { printf "%.2f", u * 1e6 / hz / r }')
}

echo "$NAME: $(java -version 2>&1 | head -1); load average $(cut -d' ' -f1-3 /proc/loadavg)"
wrk -t2 -c50 -d"$WARMUP" -s bench/next.lua "$url" >/dev/null
for ((r = 1; r <= ROUNDS; r++)); do
  round "round $r"
done
if [ -n "${PROFILE:-}" ]; then
  rm -f "$CACHE/$NAME.jfr"
  jcmd "$PID" JFR.start name=rk settings=profile filename="$PWD/$CACHE/$NAME.jfr" >/dev/null
  user_us=$USER_US # JFR's own overhead must not inflate the figures: the shares are applied to the last plain round
  round "JFR"
  jcmd "$PID" JFR.stop name=rk >/dev/null
  echo "us/req below: the JFR round's shares of the last plain round's user CPU ($user_us us/req)"
  java bench/JfrBreakdown.java "$CACHE/$NAME.jfr" "$user_us" ${INCLUSIVE:-}
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
