#!/usr/bin/env bash
# Benchmarks releasekit's git primitives against the fastest equivalent git command line, on the same synthetic
# repository in the same run:
#   find-version  the commit that set VERSION to its oldest value (the deepest in history: the worst case)
#   tag           an annotated tag at a commit
#   move-branch   a fast-forward-only branch move
# The repository (COMMITS commits, VERSION changing every 100) is built once with git fast-import and cached under
# bench/.cache. releasekit runs as `java -cp` of the built classes, one JVM per operation, so JVM start is part of its
# wall time; a separate JVM then repeats each operation in process ("warm", JVM start excluded).
# releasekit is also timed as CI scripts and portals use it: over REST, a `curl` per operation against the service
# (release-api's fat jar, started once by this script on the same repository, configured by name).
# Prints one line per operation (wall and CPU seconds) and, for find-version, ratio_new_jvm (a new JVM per call: JVM
# start included), ratio_cpu, ratio_in_process, ratio_in_process_cpu and, last, ratio=<releasekit wall / git wall>
# where releasekit is the REST call (curl's process start and HTTP included). SKIP_REST=1 skips the service and
# makes the last line the new-JVM ratio.
set -euo pipefail

cd "$(dirname "$0")/.."
COMMITS="${COMMITS:-50000}"
RUNS="${RUNS:-5}"
CACHE=bench/.cache
REPO="$CACHE/history-$COMMITS.git"
# one JVM per operation, as a CLI would run: quick start (C1 only, serial GC)
JAVA_OPTS="${JAVA_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto}"
# the in-process JVM, as the REST server runs: default tiered compilation
WARM_OPTS="${WARM_OPTS:--XX:+UseSerialGC}"
# no SLF4J provider on the classpath: releasekit logs nothing here; silence SLF4J's notice about it
JAVA_OPTS="$JAVA_OPTS -Dslf4j.internal.verbosity=ERROR"
mkdir -p "$CACHE"

export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null LC_ALL=C
export GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.invalid GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.invalid

if [[ ! -f "$REPO/.complete" ]]; then
  echo "building a $COMMITS-commit repository with git fast-import ..." >&2
  rm -rf "$REPO"
  git init -q --bare -b main "$REPO"
  awk -v N="$COMMITS" -v EVERY=100 -f bench/history.awk | git -C "$REPO" fast-import --quiet
  # pack it the way a server packs a clone (fast-import's own pack has long delta chains no clone would have)
  git -C "$REPO" repack -a -d -f -q
  touch "$REPO/.complete"
fi

if [[ ! -f "$CACHE/classpath-git.txt" || release-git/pom.xml -nt "$CACHE/classpath-git.txt" ]]; then
  echo "resolving the classpath ..." >&2
  ./mvnw -B -q -pl release-git -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$PWD/$CACHE/classpath-git.txt" -DincludeScope=runtime >&2
else
  ./mvnw -B -q -pl release-git -am test-compile >&2
fi
CP="release-git/target/classes:release-git/target/test-classes:$(cat "$CACHE/classpath-git.txt")"

OLDEST="$(git -C "$REPO" show main~$((COMMITS - 1)):VERSION)"
TARGET="$(git -C "$REPO" rev-parse main)"
START="$(git -C "$REPO" rev-parse main~1000)"
git -C "$REPO" update-ref refs/heads/bench-stable "$START"

now() { date +%s%N; }
# CPU seconds (user + sys) used so far by this shell's finished children, into CPU_NOW ("times" must run in this
# shell, not in a command substitution, whose subshell has no children)
child_cpu() {
  times >"$CACHE/.times"
  CPU_NOW=$(tail -1 "$CACHE/.times" | awk '{ t = 0; for (i = 1; i <= NF; i++) { split($i, p, "m"); t += p[1] * 60 + p[2] } printf "%.4f", t }')
}
# "median-wall median-cpu" (seconds) of RUNS runs of "$@"; a setup function given in $SETUP runs untimed before each
median() {
  local walls=() cpus=() t0 t1 c0 c1 i
  for ((i = 0; i < RUNS; i++)); do
    [[ -n "${SETUP:-}" ]] && $SETUP
    child_cpu
    c0=$CPU_NOW
    t0=$(now)
    if ! "$@" >/dev/null; then echo "failed: $*" >&2; exit 1; fi
    t1=$(now)
    child_cpu
    c1=$CPU_NOW
    walls+=("$(( (t1 - t0) / 1000 ))")
    cpus+=("$(awk -v a="$c0" -v b="$c1" 'BEGIN { printf "%d", (b - a) * 1e6 }')")
  done
  printf '%s %s\n' "$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.4f", a[int((NR+1)/2)]/1e6}')" \
    "$(printf '%s\n' "${cpus[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.4f", a[int((NR+1)/2)]/1e6}')"
}
wall() { cut -d' ' -f1 <<<"$1"; }
cpu() { cut -d' ' -f2 <<<"$1"; }

# --- find-version ---------------------------------------------------------------------------------------------
# git: one history walk limited to VERSION with the raw diff (the new blob id of each change); the oldest commit
# whose new VERSION blob is the wanted content is the last one listed. The blob id comes from git hash-object.
git_find_version() {
  local blob
  blob="$(printf '%s\n' "$OLDEST" | git hash-object --stdin)"
  git -C "$REPO" log --format=%H --raw --no-abbrev main -- VERSION \
    | awk -v b="$blob" 'length($0) == 40 { c = $0 } $4 == b { found = c } END { print found }'
}
rk() { java $JAVA_OPTS -cp "$CP" io.releasekit.git.bench.GitBench "$@"; }

expected="$(git_find_version)"
actual="$(rk find-version "$REPO" "$OLDEST" | cut -d' ' -f1)"
if [[ "$expected" != "$actual" ]]; then
  echo "find-version disagrees: git $expected, releasekit $actual" >&2
  exit 1
fi

git_find=$(median git_find_version)
rk_find=$(median rk find-version "$REPO" "$OLDEST")

# --- tag -------------------------------------------------------------------------------------------------------
drop_tag() { git -C "$REPO" update-ref -d refs/tags/bench-tag 2>/dev/null || true; }
git_tag() { git -C "$REPO" tag -a -m bench bench-tag "$TARGET"; }
git_t=$(SETUP=drop_tag median git_tag)
rk_t=$(SETUP=drop_tag median rk tag "$REPO" bench-tag "$TARGET")
drop_tag

# --- move-branch ------------------------------------------------------------------------------------------------
reset_stable() { git -C "$REPO" update-ref refs/heads/bench-stable "$START"; }
# git: the fast-forward check and the compare-and-swap ref update
git_move() {
  git -C "$REPO" merge-base --is-ancestor "$START" "$TARGET" \
    && git -C "$REPO" update-ref refs/heads/bench-stable "$TARGET" "$START"
}
git_m=$(SETUP=reset_stable median git_move)
rk_m=$(SETUP=reset_stable median rk move "$REPO" bench-stable "$TARGET")
reset_stable

# --- over REST: the service, as CI scripts and portals call it ----------------------------------------------------
rest_find_t="" rest_t="" rest_m=""
if [[ -z "${SKIP_REST:-}" ]]; then
  echo "building the service (release-api fat jar) ..." >&2
  ./mvnw -B -q -pl release-api -am package -DskipTests >&2
  PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  DATA="$PWD/$CACHE/service-data"
  rm -rf "$DATA"
  RELEASEKIT_DATA_DIR="$DATA" RELEASEKIT_PORT="$PORT" RELEASEKIT_REPOSITORIES_BENCH_PATH="$PWD/$REPO" \
    java -jar release-api/target/releasekit.jar >"$CACHE/service.log" 2>&1 &
  SERVICE=$!
  trap 'kill $SERVICE 2>/dev/null || true' EXIT
  for ((i = 0; i < 120; i++)); do
    curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break
    kill -0 $SERVICE 2>/dev/null || { echo "the service did not start:" >&2; tail -20 "$CACHE/service.log" >&2; exit 1; }
    sleep 0.5
  done
  API="http://127.0.0.1:$PORT/api/v1/repositories/bench"
  AUTH="Authorization: Bearer $(cat "$DATA/admin-token")"
  rest_find() { curl -sf -H "$AUTH" "$API/version-commit?version=$OLDEST&from=main"; }
  rest_tag() {
    curl -sf -H "$AUTH" -H 'Content-Type: application/json' \
      -d "{\"tag\":\"bench-tag\",\"target\":\"$TARGET\",\"message\":\"bench\"}" "$API/tags"
  }
  rest_move() {
    curl -sf -H "$AUTH" -H 'Content-Type: application/json' \
      -d "{\"branch\":\"bench-stable\",\"to\":\"$TARGET\"}" "$API/branches/move"
  }
  got="$(rest_find)"
  if [[ "$got" != *"$expected"* ]]; then
    echo "find-version over REST disagrees: git $expected, releasekit $got" >&2
    exit 1
  fi
  # a long-running service has served requests before: warm it up as the in-process run below does
  for ((i = 0; i < 10; i++)); do
    rest_find >/dev/null
    drop_tag && rest_tag >/dev/null
    reset_stable && rest_move >/dev/null
  done
  drop_tag
  reset_stable
  rest_find_t=$(median rest_find)
  rest_t=$(SETUP=drop_tag median rest_tag)
  drop_tag
  rest_m=$(SETUP=reset_stable median rest_move)
  reset_stable
  kill $SERVICE 2>/dev/null || true
  wait $SERVICE 2>/dev/null || true
fi

# --- in process, JVM start excluded ------------------------------------------------------------------------------
warm="$(java $WARM_OPTS -Dslf4j.internal.verbosity=ERROR -cp "$CP" io.releasekit.git.bench.GitBench warm "$REPO" "$OLDEST" "$TARGET")"
w() { awk -v op="$1" -v k="$2" '$1 == op { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == k) print kv[2] } }' <<<"$warm"; }

echo "# $(git --version), $(java -version 2>&1 | head -1)"
echo "# $COMMITS commits, VERSION changes every 100; median of $RUNS runs; $(nproc) CPUs; load $(cut -d' ' -f1 /proc/loadavg)"
echo "# releasekit = a new JVM per operation ($JAVA_OPTS); in-process = one JVM ($WARM_OPTS), first call and warm median"
echo "# wall and cpu (user+sys) seconds; under load, wall mostly measures waiting for a CPU and cpu is the stable figure"
echo "# rest = curl against the running service (warm; curl's own start included), cpu = curl's only"
line() { # op git releasekit rest
  printf '%s git=%ss (cpu %ss) rest=%ss new-jvm=%ss (cpu %ss) in-process-first=%ss in-process-warm=%ss (cpu %ss)\n' \
    "$1" "$(wall "$2")" "$(cpu "$2")" "$(wall "$4")" "$(wall "$3")" "$(cpu "$3")" "$(w "$1" first)" "$(w "$1" median)" \
    "$(w "$1" cpu)"
}
line find-version "$git_find" "$rk_find" "${rest_find_t:-- -}"
line tag "$git_t" "$rk_t" "${rest_t:-- -}"
line move-branch "$git_m" "$rk_m" "${rest_m:-- -}"
awk -v r="$(wall "$rk_find")" -v g="$(wall "$git_find")" -v rc="$(cpu "$rk_find")" -v gc="$(cpu "$git_find")" \
  -v w="$(w find-version median)" -v wc="$(w find-version cpu)" -v rest="${rest_find_t%% *}" \
  'BEGIN {
     printf "ratio_new_jvm=%.2f\nratio_cpu=%.2f\nratio_in_process=%.2f\nratio_in_process_cpu=%.2f\n", r / g, rc / gc, w / g, wc / gc
     printf "ratio=%.2f\n", (rest == "" ? r : rest) / g
   }'
