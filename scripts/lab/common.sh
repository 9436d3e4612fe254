# shellcheck shell=bash
# Shared helpers of scripts/container-lab.sh (sourced, not run).

LAB_DIR="${LAB_DIR:-/tmp/batch-studio-lab}"
LAB_REGISTRY_PORT="${LAB_REGISTRY_PORT:-5123}"
# shellcheck disable=SC2034 # used by the other lab files
LAB_REGISTRY_USER="batchlab"
LAB_BUSYBOX="${LAB_BUSYBOX:-/bin/busybox}"
# shellcheck disable=SC2034
LAB_ENV_FILE="$LAB_DIR/env"

log() { echo "[container-lab] $*" >&2; }

die() {
  echo "[container-lab] error: $*" >&2
  exit 1
}

# Quote a value for `eval` by a POSIX shell.
shell_quote() { printf "'%s'" "${1//\'/\'\\\'\'}"; }

# Run a function while holding the lab lock, so concurrent `up`/`down` calls (several test runners,
# several helpers) serialize instead of starting two daemons. The lock is on fd 9; long-lived children
# (dockerd, the registry) are started with `9>&-` so they do not keep holding it.
with_lock() {
  local fn="$1"
  exec 9>"$LAB_DIR/.lock"
  if ! flock -w 300 9; then
    die "another container-lab.sh is busy with $LAB_DIR for more than 5 minutes"
  fi
  "$fn"
  exec 9>&-
}

# wait_until <seconds> <command...>: poll every 0.2 s until the command succeeds, at most <seconds>.
wait_until() {
  local seconds="$1"
  shift
  local tries=$((seconds * 5))
  for ((i = 0; i < tries; i++)); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.2
  done
  return 1
}

pid_alive() {
  local pidfile="$1"
  [[ -s "$pidfile" ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null
}

# stop_pid <pidfile> <name> <seconds>: TERM, wait, then KILL. Only ever the pid the lab recorded.
stop_pid() {
  local pidfile="$1" name="$2" seconds="$3"
  if ! pid_alive "$pidfile"; then
    rm -f "$pidfile"
    return 0
  fi
  local pid
  pid="$(cat "$pidfile")"
  log "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  if ! wait_until "$seconds" bash -c "! kill -0 $pid"; then
    log "$name did not exit within ${seconds}s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
    wait_until 5 bash -c "! kill -0 $pid" || true
  fi
  rm -f "$pidfile"
}

# Debian packages the lab needs. As root with apt-get, install what is missing; otherwise say what to install.
ensure_packages() {
  local missing=()
  command -v docker >/dev/null || missing+=(docker.io)
  if ! command -v dockerd >/dev/null && [[ -z "${DOCKER_HOST:-}" ]] && [[ ! -S /var/run/docker.sock ]]; then
    missing+=(docker.io)
  fi
  command -v docker-registry >/dev/null || missing+=(docker-registry)
  command -v htpasswd >/dev/null || missing+=(apache2-utils)
  command -v curl >/dev/null || missing+=(curl)
  [[ -x "$LAB_BUSYBOX" ]] || missing+=(busybox-static)
  ((${#missing[@]} == 0)) && return 0
  # Deduplicate.
  mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
  if [[ "$(id -u)" != 0 ]] || ! command -v apt-get >/dev/null; then
    die "missing Debian packages: ${missing[*]} (install them, e.g. sudo apt-get install ${missing[*]})"
  fi
  log "installing Debian packages: ${missing[*]}"
  local apt=(apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=300)
  if ! DEBIAN_FRONTEND=noninteractive "${apt[@]}" "${missing[@]}" >&2; then
    apt-get update -q >&2
    DEBIAN_FRONTEND=noninteractive "${apt[@]}" "${missing[@]}" >&2 || die "could not install ${missing[*]}"
  fi
}

# Delete the lab folder. A killed dockerd can leave mounts under it; unmount those first and never
# cross into another file system.
remove_lab_dir() {
  local mounts
  mounts="$(awk -v d="$LAB_DIR/" 'index($2, d) == 1 { print $2 }' /proc/mounts 2>/dev/null | sort -r || true)"
  if [[ -n "$mounts" ]]; then
    while IFS= read -r m; do umount -l "$m" 2>/dev/null || true; done <<<"$mounts"
  fi
  rm -rf --one-file-system "$LAB_DIR"
}
