#!/usr/bin/env bash
# Make Docker + Testcontainers usable on a machine that reaches no image registry.
#
#   eval "$(scripts/setup-docker.sh)"
#
# On Debian/apt (CI, the project's dev machines) it:
#   1. installs docker.io and debootstrap if they are missing,
#   2. starts ONE dockerd (setsid, log: /tmp/releasekit-dockerd.log) if no daemon answers,
#   3. builds debian:bookworm-slim with debootstrap from the machine's own Debian mirror
#      and `docker import`s it, if that image is missing.
# Anywhere else (e.g. Docker Desktop) it only checks that docker answers.
# Idempotent: a second run on a ready machine takes about a second.
#
# stdout carries ONLY the `export ...` lines; every log line goes to stderr.
# See docs/docker.md.
set -euo pipefail

readonly DOCKERD_LOG=/tmp/releasekit-dockerd.log
readonly LOCK_FILE=/tmp/releasekit-setup-docker.lock
readonly APT_LOG=/tmp/releasekit-apt.log
readonly DEBOOTSTRAP_LOG=/tmp/releasekit-debootstrap.log
readonly BASE_IMAGE=debian:bookworm-slim
readonly SUITE=bookworm
readonly DOCKERD_WAIT_SECONDS=${RELEASEKIT_DOCKERD_WAIT_SECONDS:-60}

log() { printf 'setup-docker: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

now() { printf '%s' "${EPOCHREALTIME/,/.}"; }
# elapsed START -> "12.3s"
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1fs", b - a }'; }

T_TOTAL=$(now)

print_exports() {
  # The only thing this script writes to stdout.
  printf 'export TESTCONTAINERS_RYUK_DISABLED=true\n'
  printf 'export TESTCONTAINERS_HOST_OVERRIDE=localhost\n'
}

finish() {
  log "total $(elapsed "$T_TOTAL")"
  print_exports
  exit 0
}

docker_ok() { command -v docker >/dev/null 2>&1 && timeout 20 docker info >/dev/null 2>&1; }

is_apt_debian() { [[ -f /etc/debian_version ]] && command -v apt-get >/dev/null 2>&1; }

SUDO=()
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=(sudo -n); fi
fi
as_root() { "${SUDO[@]}" "$@"; }

# ---------------------------------------------------------------------------
# Not Debian: nothing to install or build here, a normal Docker (Desktop) pulls images.
if ! is_apt_debian; then
  if docker_ok; then
    log "not Debian/apt and docker answers: nothing to set up"
    finish
  fi
  die "docker does not answer and this is not a Debian/apt machine: start Docker yourself"
fi

# Serialise concurrent runs (two parallel runs must never start two dockerds).
# fd 9 is closed for dockerd below so the daemon does not keep the lock.
exec 9>"$LOCK_FILE"
if command -v flock >/dev/null 2>&1; then
  flock -w 600 9 || die "could not lock $LOCK_FILE within 600 s"
fi

# ---------------------------------------------------------------------------
# Phase: apt
APT_UPDATED=0
apt_install() {
  local t
  t=$(now)
  export DEBIAN_FRONTEND=noninteractive
  if [[ $APT_UPDATED -eq 0 ]]; then
    log "apt-get update"
    as_root apt-get update -qq >>"$APT_LOG" 2>&1 \
      || { tail -n 30 "$APT_LOG" >&2; die "apt-get update failed (see $APT_LOG)"; }
    APT_UPDATED=1
  fi
  log "apt-get install $* (log: $APT_LOG)"
  as_root apt-get install -y -qq --no-install-recommends "$@" >>"$APT_LOG" 2>&1 \
    || { tail -n 30 "$APT_LOG" >&2; die "apt-get install $* failed (see $APT_LOG)"; }
  log "apt $(elapsed "$t")"
}

dockerd_path() {
  if command -v dockerd >/dev/null 2>&1; then command -v dockerd; return 0; fi
  if [[ -x /usr/sbin/dockerd ]]; then printf '/usr/sbin/dockerd'; return 0; fi
  return 1
}

DOCKER_OK=0
if docker_ok; then DOCKER_OK=1; fi

if [[ $DOCKER_OK -eq 0 ]]; then
  pkgs=()
  if ! command -v docker >/dev/null 2>&1 || ! dockerd_path >/dev/null; then pkgs+=(docker.io); fi
  # Needed below unless the base image already exists; one apt run is cheaper than two.
  if ! command -v debootstrap >/dev/null 2>&1; then pkgs+=(debootstrap); fi
  if ((${#pkgs[@]})); then apt_install "${pkgs[@]}"; fi
fi

# ---------------------------------------------------------------------------
# Phase: dockerd
dockerd_running() { pgrep -x dockerd >/dev/null 2>&1; }

if [[ $DOCKER_OK -eq 0 ]]; then
  t=$(now)
  if dockerd_running; then
    # A daemon is starting (or was started by a package's init script): never start a second.
    log "a dockerd process exists but does not answer yet: waiting for it"
  else
    dockerd_bin=$(dockerd_path) || die "dockerd not found after installing docker.io"
    log "starting $dockerd_bin (log: $DOCKERD_LOG)"
    # setsid: own session, survives this shell; all fds redirected so $(...) callers don't hang.
    as_root setsid "$dockerd_bin" >"$DOCKERD_LOG" 2>&1 </dev/null 9>&- &
  fi
  deadline=$(( $(date +%s) + DOCKERD_WAIT_SECONDS ))
  until docker_ok; do
    if (( $(date +%s) >= deadline )); then
      tail -n 30 "$DOCKERD_LOG" >&2 2>/dev/null || true
      die "docker did not answer within ${DOCKERD_WAIT_SECONDS}s (see $DOCKERD_LOG)"
    fi
    sleep 0.2
  done
  log "dockerd $(elapsed "$t")"
fi

# ---------------------------------------------------------------------------
# Phase: base image (no registry: build it from the Debian mirror the machine already uses)

# First Debian archive URI from apt's sources (one-line *.list and deb822 *.sources),
# skipping security/updates archives and disabled deb822 stanzas.
debian_mirror() {
  local f files=()
  [[ -f /etc/apt/sources.list ]] && files+=(/etc/apt/sources.list)
  for f in /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
    [[ -f $f ]] && files+=("$f")
  done
  ((${#files[@]})) || return 1
  # Portable awk (mawk is Debian's default: no ENDFILE).
  awk '
    function emit(u) { if (!found && u ~ /^(https?|ftp):\/\// && u !~ /security/) { print u; found = 1 } }
    function flush(  n, i, u) {                      # end of a deb822 stanza
      if (types ~ /(^| )deb( |$)/ && enabled) { n = split(uris, u, " "); for (i = 1; i <= n; i++) emit(u[i]) }
      types = ""; uris = ""; enabled = 1
    }
    FNR == 1 { flush() }
    FILENAME ~ /\.sources$/ {
      if ($0 ~ /^[ \t]*$/) { flush(); next }
      if ($0 ~ /^[ \t]*#/) next
      key = tolower($1)
      if (key == "types:")   { $1 = ""; types = $0 " " }
      if (key == "uris:")    { $1 = ""; uris = $0 }
      if (key == "enabled:") { enabled = (tolower($2) != "no") }
      next
    }
    $1 == "deb" {                                    # one-line: deb [opts] uri suite comps
      i = 2
      if ($i ~ /^\[/) { while (i <= NF && $i !~ /\]$/) i++; i++ }
      emit($i)
    }
    END { flush() }
  ' "${files[@]}"
}

if ! docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
  if ! command -v debootstrap >/dev/null 2>&1; then apt_install debootstrap; fi
  mirror=${RELEASEKIT_DEBIAN_MIRROR:-}
  if [[ -z $mirror ]]; then mirror=$(debian_mirror || true); fi
  if [[ -z $mirror ]]; then mirror=http://deb.debian.org/debian; fi

  t_base=$(now)
  rootfs=$(mktemp -d /tmp/releasekit-rootfs.XXXXXX)
  [[ -d $rootfs && $rootfs == /tmp/releasekit-rootfs.* ]] || die "bad rootfs dir: $rootfs"
  trap 'as_root rm -rf --one-file-system "$rootfs"' EXIT
  as_root chmod 0755 "$rootfs"   # becomes the image's /: mktemp made it 0700
  t=$(now)
  log "debootstrap --variant=minbase $SUITE from $mirror"
  if ! as_root debootstrap --variant=minbase "$SUITE" "$rootfs" "$mirror" >"$DEBOOTSTRAP_LOG" 2>&1; then
    tail -n 30 "$DEBOOTSTRAP_LOG" >&2 || true
    die "debootstrap failed (see $DEBOOTSTRAP_LOG)"
  fi
  # Slim it like the official -slim image: no docs, man pages or translations, now and in
  # later `apt-get install`s (smaller, faster test image builds); no .debs, no package lists.
  printf '%s\n' \
    'path-exclude /usr/share/doc/*' 'path-include /usr/share/doc/*/copyright' \
    'path-exclude /usr/share/man/*' 'path-exclude /usr/share/groff/*' \
    'path-exclude /usr/share/info/*' 'path-exclude /usr/share/lintian/*' \
    'path-exclude /usr/share/linda/*' 'path-exclude /usr/share/locale/*' \
    | as_root tee "$rootfs/etc/dpkg/dpkg.cfg.d/docker-slim" >/dev/null
  # ...and, like the official image, apt keeps no .debs or caches in image layers.
  printf '%s\n' \
    'DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };' \
    'APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };' \
    'Dir::Cache::pkgcache "";' 'Dir::Cache::srcpkgcache "";' \
    | as_root tee "$rootfs/etc/apt/apt.conf.d/docker-clean" >/dev/null
  as_root find "$rootfs/usr/share/doc" -mindepth 1 ! -type d ! -name copyright -delete
  as_root find "$rootfs/usr/share/man" "$rootfs/usr/share/info" "$rootfs/usr/share/locale" \
    "$rootfs/var/cache/apt/archives" "$rootfs/var/lib/apt/lists" \
    -mindepth 1 -maxdepth 1 ! -name partial ! -name lock -exec rm -rf {} + 2>/dev/null || true
  log "debootstrap $(elapsed "$t")"

  t=$(now)
  as_root tar -C "$rootfs" -c . | docker import --change 'CMD ["bash"]' - "$BASE_IMAGE" >/dev/null
  log "docker import $(elapsed "$t")"
  as_root rm -rf --one-file-system "$rootfs"
  trap - EXIT
  log "base image $(elapsed "$t_base")"
else
  log "$BASE_IMAGE present"
fi

finish
