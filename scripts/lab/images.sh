# shellcheck shell=bash
# The lab's test images (sourced by scripts/container-lab.sh), built with no internet from Debian's
# static busybox, then pushed to the lab registry and removed from the engine so that every test pull
# really goes to the registry with credentials.
#
#   plain       <registry>/lab/busybox:latest             no ENTRYPOINT, no CMD, no WORKDIR
#   entrypoint  <registry>/lab/busybox-entrypoint:latest  ENTRYPOINT ["/usr/local/bin/lab-entrypoint"],
#               WORKDIR /app. With no command it prints "entrypoint ran in /app"; with a command it
#               prints that line, then runs the command (exec "$@").
# Both have busybox applets under /bin, /sbin, /usr/bin, /usr/sbin, PATH set, /tmp, and users root and nobody.

LAB_ENTRYPOINT_PATH="/usr/local/bin/lab-entrypoint"
LAB_IMAGE_PATH_ENV='ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'

image_repo() {
  case "$1" in
    plain) echo "lab/busybox" ;;
    entrypoint) echo "lab/busybox-entrypoint" ;;
    *) die "unknown lab image kind: $1" ;;
  esac
}
image_ref() { echo "$(registry_host)/$(image_repo "$1"):latest"; }

image_in_registry() {
  registry_curl -f -o /dev/null -I \
    -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
    -H 'Accept: application/vnd.oci.image.manifest.v1+json' \
    "http://$(registry_host)/v2/$(image_repo "$1")/manifests/latest" 2>/dev/null
}

images_up() {
  if image_in_registry plain && image_in_registry entrypoint; then
    log "reusing the lab images in the registry"
    return 0
  fi
  [[ -x "$LAB_BUSYBOX" ]] || die "$LAB_BUSYBOX not found (apt-get install busybox-static)"
  if command -v file >/dev/null && file -L "$LAB_BUSYBOX" | grep -q 'dynamically linked'; then
    die "$LAB_BUSYBOX is dynamically linked; the images need a static one (apt-get install busybox-static)"
  fi
  local build="$LAB_DIR/build"
  rm -rf "$build"
  mkdir -p "$build"
  images_make_rootfs "$build/rootfs"
  tar --numeric-owner -C "$build/rootfs" -cf "$build/rootfs.tar" .

  local plain entry
  plain="$(image_ref plain)"
  entry="$(image_ref entrypoint)"
  log "importing $plain and $entry"
  lab_docker import --change "$LAB_IMAGE_PATH_ENV" "$build/rootfs.tar" "$plain" >/dev/null
  lab_docker import --change "$LAB_IMAGE_PATH_ENV" \
    --change "ENTRYPOINT [\"$LAB_ENTRYPOINT_PATH\"]" --change 'WORKDIR /app' \
    "$build/rootfs.tar" "$entry" >/dev/null
  images_smoke_test "$plain" "$entry"

  log "pushing the images to $(registry_host) (login with the lab user, push, logout)"
  registry_password | lab_docker login --username "$LAB_REGISTRY_USER" --password-stdin "$(registry_host)" >/dev/null 2>&1 ||
    die "docker login to $(registry_host) failed"
  local pushed=0
  lab_docker push -q "$plain" >/dev/null && lab_docker push -q "$entry" >/dev/null && pushed=1
  lab_docker logout "$(registry_host)" >/dev/null 2>&1 || true
  ((pushed)) || die "pushing the lab images to $(registry_host) failed"
  # Gone from the engine: a test that wants them must pull, with credentials.
  lab_docker rmi "$plain" "$entry" >/dev/null
  rm -rf "$build"
  if ! image_in_registry plain || ! image_in_registry entrypoint; then
    die "the pushed images are not in the registry"
  fi
}

images_make_rootfs() {
  local root="$1"
  mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,usr/local/bin,etc,tmp,root,app,proc,sys,dev}
  chmod 1777 "$root/tmp"
  cp "$LAB_BUSYBOX" "$root/bin/busybox"
  local applet
  while IFS= read -r applet; do
    [[ -e "$root/$applet" ]] || ln -s /bin/busybox "$root/$applet"
  done < <("$LAB_BUSYBOX" --list-full)
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
  cat >"$root$LAB_ENTRYPOINT_PATH" <<'EOF'
#!/bin/sh
# Lab image entrypoint: says where it runs, then runs the command it was given, if any.
echo "entrypoint ran in $(pwd)"
[ "$#" -eq 0 ] || exec "$@"
EOF
  chmod 755 "$root$LAB_ENTRYPOINT_PATH"
}

# Catch a broken image (dynamic busybox, missing applets, an engine that cannot run containers) here,
# with a clear message, instead of in a confusing test failure later.
images_smoke_test() {
  local plain="$1" entry="$2" out
  out="$(lab_docker run --rm "$plain" /bin/sh -c 'echo plain ok' 2>&1)" ||
    die "the engine cannot run the plain lab image: $out"
  [[ "$out" == "plain ok" ]] || die "the plain lab image printed '$out' instead of 'plain ok'"
  out="$(lab_docker run --rm "$entry" 2>&1)" || die "the entrypoint lab image failed: $out"
  [[ "$out" == "entrypoint ran in /app" ]] || die "the entrypoint lab image printed '$out'"
}

# With our own engine the whole data-root goes away; an external engine keeps nothing of ours.
images_down() {
  [[ "$(engine_mode)" == external ]] || return 0
  local host
  host="$(engine_docker_host)" || return 0
  engine_answers "$host" || return 0
  lab_docker rmi -f "$(image_ref plain)" "$(image_ref entrypoint)" >/dev/null 2>&1 || true
}
