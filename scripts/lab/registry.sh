# shellcheck shell=bash
# The lab's private registry (sourced by scripts/container-lab.sh): Debian's docker-registry
# (CNCF distribution, v2 API) with htpasswd basic auth, on loopback only. Docker treats 127.0.0.1:<port>
# as an insecure registry by default, so plain http works without daemon configuration.

LAB_REGISTRY_DIR="$LAB_DIR/registry"
LAB_REGISTRY_PIDFILE="$LAB_REGISTRY_DIR/registry.pid"
LAB_REGISTRY_REALM="batch-studio-lab"

registry_host() { echo "127.0.0.1:$LAB_REGISTRY_PORT"; }
registry_password() { cat "$LAB_REGISTRY_DIR/password"; }

# Our registry answers GET /v2/ with 401 and our realm; anything else on the port is not ours.
registry_answers() {
  local headers
  headers="$(curl -sS -m 3 -o /dev/null -D - "http://$(registry_host)/v2/" 2>/dev/null)" || return 1
  grep -q '^HTTP/[0-9.]* 401' <<<"$headers" && grep -qi "realm=\"$LAB_REGISTRY_REALM\"" <<<"$headers"
}

registry_port_taken() {
  curl -sS -m 2 -o /dev/null "http://$(registry_host)/" 2>/dev/null ||
    (exec 3<>"/dev/tcp/127.0.0.1/$LAB_REGISTRY_PORT") 2>/dev/null
}

registry_write_config() {
  mkdir -p "$LAB_REGISTRY_DIR/data"
  chmod 700 "$LAB_REGISTRY_DIR"
  if [[ ! -s "$LAB_REGISTRY_DIR/password" ]]; then
    # Random per lab, kept for the lab's lifetime so a second `up` hands out the same one.
    (umask 077 && head -c 24 /dev/urandom | base64 | tr -d '/+=\n' >"$LAB_REGISTRY_DIR/password")
  fi
  # htpasswd reads the password from stdin (-i), so it never shows in the process list.
  (umask 077 && htpasswd -niB "$LAB_REGISTRY_USER" <"$LAB_REGISTRY_DIR/password" >"$LAB_REGISTRY_DIR/htpasswd")
  cat >"$LAB_REGISTRY_DIR/config.yml" <<EOF
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $LAB_REGISTRY_DIR/data
  delete:
    enabled: true
http:
  addr: $(registry_host)
  secret: $(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
auth:
  htpasswd:
    realm: $LAB_REGISTRY_REALM
    path: $LAB_REGISTRY_DIR/htpasswd
EOF
  chmod 600 "$LAB_REGISTRY_DIR/config.yml"
}

registry_up() {
  if pid_alive "$LAB_REGISTRY_PIDFILE" && registry_answers; then
    log "reusing the lab registry on $(registry_host) (pid $(cat "$LAB_REGISTRY_PIDFILE"))"
    return 0
  fi
  stop_pid "$LAB_REGISTRY_PIDFILE" "a stale lab registry" 10
  if registry_port_taken; then
    die "port $LAB_REGISTRY_PORT on 127.0.0.1 is taken by something else; choose another with LAB_REGISTRY_PORT=<port>"
  fi
  command -v docker-registry >/dev/null || die "docker-registry is not installed (apt-get install docker-registry)"
  command -v htpasswd >/dev/null || die "htpasswd is not installed (apt-get install apache2-utils)"
  registry_write_config
  log "starting the registry on $(registry_host) (log: $LAB_REGISTRY_DIR/registry.log)"
  # The shell records its own pid, then becomes the registry: the pidfile names exactly our process.
  # shellcheck disable=SC2016 # $$, $1 and $2 belong to the inner shell
  setsid nohup bash -c 'echo $$ >"$1"; exec docker-registry serve "$2"' _ \
    "$LAB_REGISTRY_PIDFILE" "$LAB_REGISTRY_DIR/config.yml" \
    </dev/null >"$LAB_REGISTRY_DIR/registry.log" 2>&1 9>&- &
  if ! wait_until 20 registry_answers; then
    tail -n 20 "$LAB_REGISTRY_DIR/registry.log" >&2 || true
    die "the registry did not answer GET /v2/ with 401 within 20 s (log: $LAB_REGISTRY_DIR/registry.log)"
  fi
}

registry_down() {
  stop_pid "$LAB_REGISTRY_PIDFILE" "the lab registry" 10
}

# curl with the lab credentials, passed in a config on stdin so they never show in the process list.
registry_curl() {
  printf 'user = "%s:%s"\n' "$LAB_REGISTRY_USER" "$(registry_password)" | curl -K - -sS -m 10 "$@"
}
