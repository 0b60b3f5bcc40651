#!/usr/bin/env bash
# Makes the benchmark's Jenkins-shaped base image and pushes it to the local registry, unless the registry already
# has the one made last time. Called by bench/run.sh; can be run alone:
#
#   bash bench/make-base.sh [--rebuild]
#
# The base (bench/base/Dockerfile) is laid out as jenkins/jenkins is: a busybox root filesystem (docker import) with
# /etc/passwd and /etc/group for root, "OS packages" above it, the accounts layer that adds jenkins 1000:1000 (the
# topmost layer with /etc/passwd and /etc/group), then the JDK, the war (about 90 MB), the plugins and small layers.
# Every data file is random bytes, so the compressed size is the real size. Sizes (MiB) can be changed with
# BENCH_OS_MB, BENCH_JDK_MB, BENCH_WAR_MB and BENCH_PLUGINS_MB.
#
# BENCH_BASE=debian makes the same layers over a real Debian root filesystem instead of busybox's (many small files,
# as the bottom layer of jenkins/jenkins is): `debootstrap --variant=minbase bookworm` from $BENCH_DEBIAN_MIRROR
# (default http://deb.debian.org/debian), run once and kept as $BENCH_HOME/debian/bookworm-minbase.tar (delete it to
# run debootstrap again). That base is 127.0.0.1:5000/bench/jenkins-debian:base, its data in $BENCH_HOME/base-debian.
#
# Writes $BENCH_HOME/base/base.json: the reference, the manifest digest, every layer (top first) with its compressed
# size and whether it holds etc/passwd and etc/group, the compressed total and the compressed size of the layers from
# the top down to the topmost layer holding both files (what a top-down reader has to fetch).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=bench/lib.sh
source "$BENCH_DIR/lib.sh"

OS_MB=${BENCH_OS_MB:-130}
JDK_MB=${BENCH_JDK_MB:-100}
WAR_MB=${BENCH_WAR_MB:-90}
PLUGINS_MB=${BENCH_PLUGINS_MB:-45}

# The random data is the same for both bases (BASE_DIR, BASE_JSON and BASE_REPOSITORY are lib.sh's, per BENCH_BASE)
CONTEXT=$BENCH_HOME/base/context
DEBIAN_TAR=$BENCH_HOME/debian/bookworm-minbase.tar
DEBIAN_MIRROR=${BENCH_DEBIAN_MIRROR:-http://deb.debian.org/debian}
ROOTFS_TAG=jenkins-dind-bench/rootfs:import

# random_file PATH MIB: PATH with MIB MiB of random bytes, unless it already has that size
random_file() {
  local path=$1 mib=$2
  if [[ -f $path && $(stat -c %s "$path") == $((mib * 1024 * 1024)) ]]; then
    return
  fi
  head -c "$((mib * 1024 * 1024))" /dev/urandom >"$path.tmp"
  mv "$path.tmp" "$path"
}

# random_dir DIR MIB CHUNK_MIB SUFFIX: DIR filled with MIB MiB of random files of CHUNK_MIB MiB each
random_dir() {
  local dir=$1 mib=$2 chunk=$3 suffix=$4 i count
  count=$(((mib + chunk - 1) / chunk))
  mkdir -p "$dir"
  for ((i = 0; i < count; i++)); do
    random_file "$(printf '%s/part-%03d%s' "$dir" "$i" "$suffix")" "$chunk"
  done
}

# debian_rootfs: $DEBIAN_TAR, a Debian bookworm minbase root filesystem made by debootstrap (once; cached)
debian_rootfs() {
  local dir=$BENCH_HOME/debian root
  if [[ -s $DEBIAN_TAR ]]; then
    log "Debian root filesystem: $DEBIAN_TAR (made before; delete it to run debootstrap again)"
    return
  fi
  if ! command -v debootstrap >/dev/null; then
    log "installing debootstrap"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null \
      || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        debootstrap >/dev/null; } || die "could not install debootstrap; perhaps you should install it (apt-get install debootstrap)"
  fi
  root=$dir/rootfs.tmp
  mkdir -p "$dir"
  rm -rf "$root"
  log "debootstrap --variant=minbase bookworm from $DEBIAN_MIRROR (once; log: $dir/debootstrap.log)"
  debootstrap --variant=minbase bookworm "$root" "$DEBIAN_MIRROR" >"$dir/debootstrap.log" 2>&1 \
    || { tail -n 20 "$dir/debootstrap.log" >&2; die "debootstrap failed (log: $dir/debootstrap.log); perhaps you should set BENCH_DEBIAN_MIRROR to a reachable Debian mirror"; }
  # as Debian's own images: no package files nor package lists left behind
  find "$root/var/cache/apt/archives" -name '*.deb' -delete
  find "$root/var/lib/apt/lists" -maxdepth 1 -type f -delete
  tar -C "$root" --numeric-owner -cf "$DEBIAN_TAR.tmp" .
  mv "$DEBIAN_TAR.tmp" "$DEBIAN_TAR"
  rm -rf "$root"
}

make_rootfs() {
  local root=$BASE_DIR/rootfs applet
  if [[ $BENCH_BASE == debian ]]; then
    debian_rootfs
    ln -sf "$DEBIAN_TAR" "$BASE_DIR/rootfs.tar"
    return
  fi
  rm -rf "$root"
  mkdir -p "$root"/{bin,etc,root,tmp,var,usr/bin,usr/local/bin,usr/share}
  cp /bin/busybox "$root/bin/busybox"
  for applet in $("$root/bin/busybox" --list); do
    [[ $applet == busybox ]] || ln -sf busybox "$root/bin/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$root/etc/passwd"
  printf 'root:x:0:\nshadow:x:42:\nusers:x:100:\nnogroup:x:65534:\n' >"$root/etc/group"
  printf 'root:*:19000:0:99999:7:::\nnobody:*:19000:0:99999:7:::\n' >"$root/etc/shadow"
  printf 'root:*::\nshadow:*::\nusers:*::\nnogroup:*::\n' >"$root/etc/gshadow"
  chmod 0640 "$root/etc/shadow" "$root/etc/gshadow"
  chown 0:42 "$root/etc/shadow" "$root/etc/gshadow"
  chmod 1777 "$root/tmp"
  chmod 0700 "$root/root"
  tar -C "$root" --numeric-owner -cf "$BASE_DIR/rootfs.tar" .
}

make_context() {
  log "writing the base's data under $CONTEXT (random, ${OS_MB}+${JDK_MB}+${WAR_MB}+${PLUGINS_MB} MiB)"
  mkdir -p "$CONTEXT"
  cp "$BENCH_DIR/base/Dockerfile" "$CONTEXT/Dockerfile"
  random_dir "$CONTEXT/os" "$OS_MB" 10 .deb
  random_dir "$CONTEXT/jdk" "$JDK_MB" 10 .jmod
  random_file "$CONTEXT/jenkins.war" "$WAR_MB"
  random_dir "$CONTEXT/plugins" "$PLUGINS_MB" 1 .jpi
  random_file "$CONTEXT/tini" 1
  chmod 0755 "$CONTEXT/tini"
  cat >"$CONTEXT/jenkins.sh" <<'SCRIPT'
#!/bin/sh
# Stand-in for the Jenkins entrypoint of the benchmark base: prints who it runs as and the docker CLI version.
id
exec /usr/local/bin/docker version
SCRIPT
  chmod 0755 "$CONTEXT/jenkins.sh"
}

# registry_digest REPOSITORY TAG: the manifest digest the registry has for the tag, or nothing
registry_digest() {
  curl -fsS -I -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
    "http://$REGISTRY/v2/$1/manifests/$2" 2>/dev/null \
    | tr -d '\r' | awk -F': ' 'tolower($1) == "docker-content-digest" { print $2 }'
}

# analyse DIGEST: writes base.json from the registry's manifest and the layers' file lists
analyse() {
  local digest=$1 manifest layers count i layer size names has_passwd has_group needed=0 found_passwd=false
  local found_group=false json_layers=()
  manifest=$(curl -fsS -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
    "http://$REGISTRY/v2/$BASE_REPOSITORY/manifests/$digest")
  layers=$(jq -r '.layers | reverse | .[] | "\(.digest) \(.size)"' <<<"$manifest")
  count=$(wc -l <<<"$layers")
  i=$count
  while read -r layer size; do
    names=$(curl -fsS "http://$REGISTRY/v2/$BASE_REPOSITORY/blobs/$layer" | tar -tzf - | sed 's|^\./||')
    has_passwd=false
    has_group=false
    grep -qx 'etc/passwd' <<<"$names" && has_passwd=true
    grep -qx 'etc/group' <<<"$names" && has_group=true
    if ! { $found_passwd && $found_group; }; then
      needed=$((needed + size))
      $has_passwd && found_passwd=true
      $has_group && found_group=true
    fi
    json_layers+=("$(jq -nc --arg d "$layer" --argjson s "$size" --argjson n "$i" --argjson p "$has_passwd" \
      --argjson g "$has_group" '{number: $n, digest: $d, size: $s, etcPasswd: $p, etcGroup: $g}')")
    i=$((i - 1))
  done <<<"$layers"
  printf '%s\n' "${json_layers[@]}" | jq -s --arg ref "$BASE_REF" --arg digest "$digest" \
    --argjson needed "$needed" --argjson manifestSize "${#manifest}" \
    --arg sizes "os=${OS_MB} jdk=${JDK_MB} war=${WAR_MB} plugins=${PLUGINS_MB} MiB" --arg kind "$BENCH_BASE" \
    '{reference: $ref, digest: $digest, kind: $kind, layers: ., layerCount: length,
      compressedTotal: (map(.size) | add), topDownToAccounts: $needed,
      configSize: null, manifestSize: $manifestSize, data: $sizes}' >"$BASE_JSON.tmp"
  local config_size
  config_size=$(jq -r '.config.size' <<<"$manifest")
  jq --argjson c "$config_size" '.configSize = $c' "$BASE_JSON.tmp" >"$BASE_JSON"
  rm -f "$BASE_JSON.tmp"
}

main() {
  local rebuild=false digest
  [[ ${1:-} == --rebuild ]] && rebuild=true
  mkdir -p "$BASE_DIR"
  if ! $rebuild && [[ -s $BASE_JSON ]]; then
    digest=$(registry_digest "$BASE_REPOSITORY" "$BASE_TAG")
    if [[ -n $digest && $digest == "$(jq -r .digest "$BASE_JSON")" ]]; then
      log "base $BASE_REF@$digest is in the registry (made before; --rebuild makes it again)"
      return
    fi
  fi
  log "making the base $BASE_REF ($BENCH_BASE)"
  rm -f "$BASE_DIR/rootfs.tar"
  make_rootfs
  make_context
  docker rmi -f "$BASE_REF" "$ROOTFS_TAG" >/dev/null 2>&1 || true
  docker import "$BASE_DIR/rootfs.tar" "$ROOTFS_TAG" >/dev/null
  DOCKER_BUILDKIT=0 docker build -q -t "$BASE_REF" "$CONTEXT" >/dev/null
  log "pushing $BASE_REF"
  docker push -q "$BASE_REF" >/dev/null
  digest=$(registry_digest "$BASE_REPOSITORY" "$BASE_TAG")
  [[ -n $digest ]] || die "the registry has no $BASE_REF after docker push"
  # The Dockerfile way must start from an empty daemon: keep nothing of the base in dockerd.
  docker rmi -f "$BASE_REF" "$ROOTFS_TAG" >/dev/null
  log "reading the layers of $BASE_REF@$digest"
  analyse "$digest"
  jq -r '"base: \(.layerCount) layers, \(.compressedTotal) bytes compressed, \(.topDownToAccounts) from the top down to the accounts layer"' "$BASE_JSON" | while read -r line; do log "$line"; done
}

main "$@"
