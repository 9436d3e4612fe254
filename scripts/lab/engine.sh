# shellcheck shell=bash
# The lab's Docker Engine (sourced by scripts/container-lab.sh).
#
# Order: a lab engine already started by an earlier `up`; DOCKER_HOST when it answers; the default
# socket when it answers; else, as root with dockerd installed, our own dockerd. Our own daemon uses
# vfs storage (works inside containers and on any file system), no iptables and no bridge (so it
# changes nothing on the host's network), and private data-root/exec-root/pidfile/socket under $LAB_DIR.
# `docker run` works on its default network, on `--network host` and on `--network none`.

LAB_ENGINE_SOCKET="$LAB_DIR/docker.sock"
LAB_ENGINE_HOST="unix://$LAB_ENGINE_SOCKET"
LAB_ENGINE_PIDFILE="$LAB_DIR/dockerd.pid"

engine_mode() { cat "$LAB_DIR/engine-mode" 2>/dev/null || echo none; }
engine_docker_host() {
  [[ -s "$LAB_DIR/engine-host" ]] || return 1
  cat "$LAB_DIR/engine-host"
}

engine_answers() {
  DOCKER_HOST="$1" timeout 10 docker version --format '{{.Server.Version}}' >/dev/null 2>&1
}
engine_version() { DOCKER_HOST="$1" timeout 10 docker version --format '{{.Server.Version}}' 2>/dev/null; }

# Run the docker CLI against the lab engine with a private client config (the host's ~/.docker is
# never read or written; logins made here disappear with the lab).
lab_docker() {
  DOCKER_HOST="$(engine_docker_host)" DOCKER_CONFIG="$LAB_DIR/docker-config" docker "$@"
}

engine_use() {
  echo "$1" >"$LAB_DIR/engine-mode"
  echo "$2" >"$LAB_DIR/engine-host"
  mkdir -p "$LAB_DIR/docker-config"
  chmod 700 "$LAB_DIR/docker-config"
}

engine_up() {
  if [[ "$(engine_mode)" == own ]] && pid_alive "$LAB_ENGINE_PIDFILE" && engine_answers "$LAB_ENGINE_HOST"; then
    log "reusing the lab's dockerd (pid $(cat "$LAB_ENGINE_PIDFILE"))"
    return 0
  fi
  if [[ "$(engine_mode)" == external ]] && engine_answers "$(engine_docker_host)"; then
    log "reusing the Docker Engine at $(engine_docker_host)"
    return 0
  fi
  if [[ -n "${DOCKER_HOST:-}" && "$DOCKER_HOST" != "$LAB_ENGINE_HOST" ]]; then
    if engine_answers "$DOCKER_HOST"; then
      log "using the Docker Engine at DOCKER_HOST=$DOCKER_HOST"
      engine_use external "$DOCKER_HOST"
      return 0
    fi
    log "DOCKER_HOST=$DOCKER_HOST does not answer; looking further"
  fi
  if [[ -S /var/run/docker.sock ]] && engine_answers unix:///var/run/docker.sock; then
    log "using the Docker Engine at /var/run/docker.sock"
    engine_use external unix:///var/run/docker.sock
    return 0
  fi
  engine_start_own
}

engine_start_own() {
  if [[ "$(id -u)" != 0 ]]; then
    die "no Docker Engine answers (DOCKER_HOST or /var/run/docker.sock) and starting one needs root"
  fi
  command -v dockerd >/dev/null || die "no Docker Engine answers and dockerd is not installed (apt-get install docker.io)"
  # A unix socket path is limited to 107 bytes; containerd's socket sits deeper than ours.
  if ((${#LAB_DIR} > 60)); then
    die "LAB_DIR is too long for unix sockets (${#LAB_DIR} > 60 characters): $LAB_DIR"
  fi
  stop_pid "$LAB_ENGINE_PIDFILE" "a stale lab dockerd" 20
  rm -f "$LAB_ENGINE_SOCKET"
  # Our own config file, so a host /etc/docker/daemon.json cannot conflict with the flags below.
  echo '{}' >"$LAB_DIR/daemon.json"
  mkdir -p "$LAB_DIR/docker-data" "$LAB_DIR/docker-exec"
  log "starting a private dockerd on $LAB_ENGINE_SOCKET (vfs storage; log: $LAB_DIR/dockerd.log)"
  setsid nohup dockerd \
    --host="$LAB_ENGINE_HOST" \
    --config-file="$LAB_DIR/daemon.json" \
    --data-root="$LAB_DIR/docker-data" \
    --exec-root="$LAB_DIR/docker-exec" \
    --pidfile="$LAB_ENGINE_PIDFILE" \
    --storage-driver=vfs \
    --iptables=false \
    --ip-masq=false \
    --bridge=none \
    --shutdown-timeout=5 \
    --log-level=warn \
    </dev/null >"$LAB_DIR/dockerd.log" 2>&1 9>&- &
  if ! wait_until 60 engine_answers "$LAB_ENGINE_HOST"; then
    tail -n 20 "$LAB_DIR/dockerd.log" >&2 || true
    die "the private dockerd did not answer within 60 s (log above, full log in $LAB_DIR/dockerd.log)"
  fi
  engine_use own "$LAB_ENGINE_HOST"
  log "dockerd is up: Docker $(engine_version "$LAB_ENGINE_HOST")"
}

engine_down() {
  if [[ "$(engine_mode)" != own ]]; then
    return 0
  fi
  stop_pid "$LAB_ENGINE_PIDFILE" "the lab dockerd" 30
  # dockerd normally stops the containerd it started; after a kill -9 it may be left behind.
  stop_pid "$LAB_DIR/docker-exec/containerd/containerd.pid" "the lab containerd" 10
}
