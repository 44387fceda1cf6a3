#!/usr/bin/env bash
# Runs every test of releasekit: unit, component (real git repositories, S3Proxy, WireMock) and the
# Docker-backed integration tests (PostgreSQL through Testcontainers).
# On a Debian machine without Docker, scripts/setup-docker.sh installs and starts it first (needs root);
# elsewhere it only checks that Docker answers. With CI=true a missing Docker fails the build instead of
# skipping those tests. Likewise Debian's chromium + chromium-driver for the console's browser test.
set -euo pipefail
cd "$(dirname "$0")/.."
if docker_env=$(bash scripts/setup-docker.sh); then
  eval "$docker_env"
else
  echo "test.sh: Docker is not available; Docker-backed tests will be skipped (CI=true turns this into a failure)" >&2
fi
# release-core builds its native SHA-2 shim with gcc (CI requires it); install it where this machine can.
if ! command -v gcc >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "test.sh: installing gcc for release-core's native SHA-2 shim" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q gcc libc6-dev >/dev/null || echo "test.sh: could not install gcc" >&2
fi
# The console's browser test drives Debian's chromium through chromium-driver (CI requires them).
if { ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; } \
  && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "test.sh: installing chromium and chromium-driver for the console's browser test" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver >/dev/null \
    || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver >/dev/null; } \
    || echo "test.sh: could not install chromium (CI=true makes the browser test fail)" >&2
fi
# release-client lints the OpenAPI file and compiles the TypeScript client through npm (Node.js 20.19+ or 22.12+).
if ! command -v npm >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "test.sh: installing nodejs and npm for release-client's contract checks" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs npm >/dev/null \
    || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs npm >/dev/null; } \
    || echo "test.sh: could not install nodejs and npm (release-client's build fails without them)" >&2
fi
exec ./mvnw -B verify "$@"
