#!/usr/bin/env bash
# Builds releasekit's native SHA-2 shim (releasekit_digest.c) into the module's classes, where NativeDigest finds it.
# Called by Maven (release-core, profile native-linux) in process-classes, after javac wrote the JNI header:
#   build.sh JAVA_HOME HEADER_DIR CLASSES_DIR REQUIRE
# Without gcc it prints why and builds nothing: the JDK's digests are used. With REQUIRE=true (CI) that is a failure.
set -euo pipefail
java_home=$1 headers=$2 classes=$3 require=$4
here=$(cd "$(dirname "$0")" && pwd)
case "$(uname -m)" in
  x86_64 | amd64) arch=x86_64 ;;
  aarch64 | arm64) arch=aarch64 ;;
  *) arch= ;;
esac
missing() {
  echo "[releasekit] native SHA-2 not built: $1; the JDK's digests will be used" >&2
  if [ "$require" = true ]; then
    echo "[releasekit] releasekit.requireNative=true: failing the build" >&2
    exit 1
  fi
  exit 0
}
[ -n "$arch" ] || missing "unsupported machine $(uname -m)"
command -v gcc >/dev/null 2>&1 || missing "gcc not found"
[ -f "$java_home/include/jni.h" ] || missing "no JNI headers under $java_home/include"
out=$classes/io/releasekit/core/artifact/internal/native/linux-$arch
mkdir -p "$out"
src=$here/releasekit_digest.c
lib=$out/libreleasekit-digest.so
if [ -f "$lib" ] && [ "$lib" -nt "$src" ] && [ "$lib" -nt "$headers/io_releasekit_core_artifact_internal_NativeDigest.h" ]; then
  exit 0
fi
gcc -std=c11 -O2 -fPIC -shared -Wall -Wextra -Wno-unused-parameter -fvisibility=default \
  -I"$java_home/include" -I"$java_home/include/linux" -I"$headers" \
  -o "$lib.tmp" "$src" -ldl || missing "gcc failed"
mv "$lib.tmp" "$lib"
echo "[releasekit] native SHA-2 built: $lib" >&2
