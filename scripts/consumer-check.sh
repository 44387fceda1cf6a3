#!/usr/bin/env bash
# The artifacts as a library user gets them (issue 16.3): installs releasekit's BOM and library modules into a private
# local repository (target/consumer-repo; never the shared ~/.m2, which only serves third-party artifacts read-only as
# the chained "tail"), then builds scripts/consumer, which imports the BOM, with the Java example of README.md's
# "Using the library" section copied in verbatim, and runs it. Fails on any step, or when the example does not print
# SUCCEEDED. Tests are skipped in the inner install: the build that runs this has run them.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD/target/consumer-repo
tail_repo=${MAVEN_REPO_TAIL:-$HOME/.m2/repository}
rm -rf "$repo" scripts/consumer/target scripts/consumer/src
mkdir -p "$repo" scripts/consumer/src/main/java
mvn_private() { ./mvnw -B -q -Dmaven.repo.local="$repo" -Dmaven.repo.local.tail="$tail_repo" "$@"; }

mvn_private install -pl release-bom,release-core,release-processes -am -DskipTests -Dmaven.javadoc.skip=true \
  -Dspotless.check.skip=true -Dspotless.apply.skip=true

# the README's example, as written: the Java block of "## Using the library"
awk '/^## Using the library/ { on = 1; next } /^## / { on = 0 } on && /^```java/ { code = 1; next }
  code && /^```/ { code = 0; exit } code { print }' README.md >scripts/consumer/src/main/java/ReleaseExample.java
[ -s scripts/consumer/src/main/java/ReleaseExample.java ] || { echo "consumer-check: no Java block in README.md" >&2; exit 1; }

mvn_private -f scripts/consumer/pom.xml package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
out=$(java -cp "scripts/consumer/target/classes:$(cat scripts/consumer/target/classpath.txt)" ReleaseExample)
echo "consumer-check: README example printed: $out"
case "$out" in
  SUCCEEDED*) ;;
  *) echo "consumer-check: the README example did not succeed" >&2; exit 1 ;;
esac
