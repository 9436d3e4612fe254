#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Container lab: everything container tests need, on a machine with no internet.
#
#   bash scripts/container-lab.sh up       bring it up (idempotent); prints `export ...` lines on stdout
#   bash scripts/container-lab.sh env      print the `export ...` lines of a running lab
#   bash scripts/container-lab.sh status   say what runs
#   bash scripts/container-lab.sh down     stop what the lab started and delete the lab folder
#
# What "up" provides (see scripts/lab/README.md):
#   - a Docker Engine: DOCKER_HOST if it answers, else /var/run/docker.sock if it answers, else (as root)
#     a private dockerd with vfs storage on $LAB_DIR/docker.sock;
#   - a private registry (Debian docker-registry) with htpasswd basic auth on 127.0.0.1:$LAB_REGISTRY_PORT;
#   - two busybox images built offline and pushed there (then removed from the engine, so a pull
#     really goes to the registry and needs the credentials).
#
# Settings (environment): LAB_DIR (default /tmp/batch-studio-lab), LAB_REGISTRY_PORT (default 5123),
# LAB_BUSYBOX (default /bin/busybox, must be static: Debian busybox-static).
# Progress goes to stderr; only `export` lines go to stdout, so `eval "$(... up)"` is safe.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$SCRIPT_DIR/lab/common.sh"
source "$SCRIPT_DIR/lab/engine.sh"
source "$SCRIPT_DIR/lab/registry.sh"
source "$SCRIPT_DIR/lab/images.sh"

cmd_up() {
  ensure_packages
  mkdir -p "$LAB_DIR"
  chmod 700 "$LAB_DIR"
  with_lock up_locked
}

up_locked() {
  engine_up
  registry_up
  images_up
  write_env
  cat "$LAB_ENV_FILE"
  log "lab is up (engine: $(engine_mode), registry: $(registry_host), dir: $LAB_DIR)"
}

write_env() {
  local tmp="$LAB_ENV_FILE.tmp"
  {
    echo "export DOCKER_HOST=$(shell_quote "$(engine_docker_host)")"
    echo "export LAB_DIR=$(shell_quote "$LAB_DIR")"
    echo "export LAB_REGISTRY=$(shell_quote "$(registry_host)")"
    echo "export LAB_REGISTRY_USER=$(shell_quote "$LAB_REGISTRY_USER")"
    echo "export LAB_REGISTRY_PASSWORD=$(shell_quote "$(registry_password)")"
    echo "export LAB_IMAGE_PLAIN=$(shell_quote "$(image_ref plain)")"
    echo "export LAB_IMAGE_ENTRYPOINT=$(shell_quote "$(image_ref entrypoint)")"
  } >"$tmp"
  chmod 600 "$tmp"
  mv "$tmp" "$LAB_ENV_FILE"
}

cmd_env() {
  if [[ ! -f "$LAB_ENV_FILE" ]]; then
    die "the lab is not up (no $LAB_ENV_FILE); run: bash scripts/container-lab.sh up"
  fi
  if ! registry_answers || ! engine_answers "$(engine_docker_host)"; then
    die "the lab in $LAB_DIR is not running any more; run: bash scripts/container-lab.sh up"
  fi
  cat "$LAB_ENV_FILE"
}

cmd_status() {
  local ok=0
  if [[ ! -d "$LAB_DIR" ]]; then
    echo "lab: down (no $LAB_DIR)"
    return 1
  fi
  local host
  host="$(engine_docker_host 2>/dev/null || true)"
  if [[ -n "$host" ]] && engine_answers "$host"; then
    echo "engine: up ($(engine_mode), $host, Docker $(engine_version "$host"))"
  else
    echo "engine: down"
    ok=1
  fi
  if registry_answers; then
    echo "registry: up ($(registry_host), user $LAB_REGISTRY_USER, data $LAB_DIR/registry/data)"
    for kind in plain entrypoint; do
      if image_in_registry "$kind"; then echo "image $kind: $(image_ref "$kind")"; else echo "image $kind: missing" && ok=1; fi
    done
  else
    echo "registry: down"
    ok=1
  fi
  return "$ok"
}

cmd_down() {
  if [[ ! -d "$LAB_DIR" ]]; then
    log "nothing to do: $LAB_DIR does not exist"
    return 0
  fi
  with_lock down_locked
  # The lock file lives in the lab folder, so the folder goes last.
  remove_lab_dir
  log "lab is down"
}

down_locked() {
  registry_down
  images_down
  engine_down
}

main() {
  local cmd="${1:-}"
  case "$cmd" in
    up) cmd_up ;;
    env) cmd_env ;;
    status) cmd_status ;;
    down) cmd_down ;;
    *)
      echo "usage: bash scripts/container-lab.sh up|env|status|down" >&2
      exit 2
      ;;
  esac
}

main "$@"
