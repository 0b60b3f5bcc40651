#!/usr/bin/env bash
# Makes the two-platform benchmark base, 127.0.0.1:5000/bench/jenkins-multi:base, unless the registry already has the
# one made last time. Called by bench/platforms.sh; can be run alone:
#
#   bash bench/platforms/make-base.sh [--rebuild]
#
# One image index (a Docker manifest list) of two platforms, both laid out as jenkins/jenkins is (bench/base/Dockerfile):
#   linux/amd64  the benchmark's own base, bench/jenkins:base (bench/make-base.sh), copied into the repository by skopeo
#                (same registry: its blobs are mounted, its digest kept);
#   linux/arm64  the same layers made without a Dockerfile (no emulation needed): a root filesystem of Debian's static
#                aarch64 busybox (.ci/foreign-binaries.sh) with the same account files, "OS packages", the accounts
#                layer that adds jenkins 1000:1000, the JDK, the war, the plugins, tini and jenkins.sh, each data file
#                random bytes of its own (other blobs than amd64's, as two architectures' layers are), the same sizes
#                (BENCH_OS_MB, BENCH_JDK_MB, BENCH_WAR_MB, BENCH_PLUGINS_MB) and the same config; assembled with umoci
#                (`umoci raw add-layer`, `umoci config`) and pushed by skopeo in Docker format.
# The manifest list is PUT by curl. $BENCH_HOME/multi/multi.json records the index's digest, each platform's and
# every layer (digest, size) of both.
set -euo pipefail

PLATFORMS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BENCH_DIR=$(cd "$PLATFORMS_DIR/.." && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)
# shellcheck source=bench/lib.sh
BENCH_BASE=random source "$BENCH_DIR/lib.sh"

OS_MB=${BENCH_OS_MB:-130}
JDK_MB=${BENCH_JDK_MB:-100}
WAR_MB=${BENCH_WAR_MB:-90}
PLUGINS_MB=${BENCH_PLUGINS_MB:-45}
MULTI_REPOSITORY=${MULTI_REPOSITORY:-bench/jenkins-multi}
MULTI_TAG=base
MULTI_REF=$REGISTRY/$MULTI_REPOSITORY:$MULTI_TAG
MULTI_DIR=$BENCH_HOME/multi
MULTI_JSON=$MULTI_DIR/multi.json
ARM=$MULTI_DIR/arm64
LIST_TYPE=application/vnd.docker.distribution.manifest.list.v2+json
MANIFEST_TYPE=application/vnd.docker.distribution.manifest.v2+json

random_file() {
  local path=$1 mib=$2
  if [[ -f $path && $(stat -c %s "$path") == $((mib * 1024 * 1024)) ]]; then return; fi
  head -c "$((mib * 1024 * 1024))" /dev/urandom >"$path.tmp"
  mv "$path.tmp" "$path"
}

random_dir() {
  local dir=$1 mib=$2 chunk=$3 suffix=$4 i count
  count=$(((mib + chunk - 1) / chunk))
  mkdir -p "$dir"
  for ((i = 0; i < count; i++)); do random_file "$(printf '%s/part-%03d%s' "$dir" "$i" "$suffix")" "$chunk"; done
}

# manifest_digest REPOSITORY REFERENCE [TYPE]: the digest the registry gives for a manifest, or nothing
manifest_digest() {
  curl -fsS -I -H "Accept: ${3:-$MANIFEST_TYPE}" "http://$REGISTRY/v2/$1/manifests/$2" 2>/dev/null \
    | tr -d '\r' | awk -F': ' 'tolower($1) == "docker-content-digest" { print $2 }'
}

foreign_busybox() {
  local properties=$SERVICES_DIR/foreign.properties path
  path=$(sed -n 's/^busybox.arm64=//p' "$properties" 2>/dev/null | tail -n 1)
  if [[ -z $path || ! -s $path ]]; then
    log "fetching Debian's arm64 busybox-static (.ci/foreign-binaries.sh)"
    SERVICES_DIR=$SERVICES_DIR bash "$REPO_DIR/.ci/foreign-binaries.sh" >&2
    path=$(sed -n 's/^busybox.arm64=//p' "$properties" | tail -n 1)
  fi
  [[ -s $path ]] || die "no arm64 busybox after .ci/foreign-binaries.sh"
  echo "$path"
}

# layer N: an empty directory for layer N's files
layer() { rm -rf "$ARM/layers/$1"; mkdir -p "$ARM/layers/$1"; echo "$ARM/layers/$1"; }

make_arm64() {
  local busybox applet l context=$ARM/context
  busybox=$(foreign_busybox)
  log "writing the arm64 platform's data under $context (random, ${OS_MB}+${JDK_MB}+${WAR_MB}+${PLUGINS_MB} MiB)"
  random_dir "$context/os" "$OS_MB" 10 .deb
  random_dir "$context/jdk" "$JDK_MB" 10 .jmod
  random_file "$context/jenkins.war" "$WAR_MB"
  random_dir "$context/plugins" "$PLUGINS_MB" 1 .jpi
  random_file "$context/tini" 1
  # 1: the root filesystem, as bench/make-base.sh's, with the aarch64 busybox (its applets are those of the machine's
  # busybox: the same Debian version)
  l=$(layer 1)
  mkdir -p "$l"/{bin,etc,root,tmp,var,usr/bin,usr/local/bin,usr/share}
  cp "$busybox" "$l/bin/busybox"
  chmod 0755 "$l/bin/busybox"
  for applet in $(/bin/busybox --list); do [[ $applet == busybox ]] || ln -sf busybox "$l/bin/$applet"; done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$l/etc/passwd"
  printf 'root:x:0:\nshadow:x:42:\nusers:x:100:\nnogroup:x:65534:\n' >"$l/etc/group"
  printf 'root:*:19000:0:99999:7:::\nnobody:*:19000:0:99999:7:::\n' >"$l/etc/shadow"
  printf 'root:*::\nshadow:*::\nusers:*::\nnogroup:*::\n' >"$l/etc/gshadow"
  chmod 0640 "$l/etc/shadow" "$l/etc/gshadow"
  chown 0:42 "$l/etc/shadow" "$l/etc/gshadow"
  chmod 1777 "$l/tmp"
  chmod 0700 "$l/root"
  # 2: "OS packages"
  l=$(layer 2)
  mkdir -p "$l/usr/lib" && cp -r "$context/os" "$l/usr/lib/bench-os"
  # 3: the accounts layer (the Dockerfile's RUN): the four files with jenkins added, and its directories
  l=$(layer 3)
  mkdir -p "$l/etc" "$l/var/jenkins_home" "$l/usr/share/jenkins/ref"
  cp -p "$ARM/layers/1/etc/"{passwd,group,shadow,gshadow} "$l/etc/"
  echo 'jenkins:x:1000:1000::/var/jenkins_home:/bin/sh' >>"$l/etc/passwd"
  echo 'jenkins:x:1000:' >>"$l/etc/group"
  echo 'jenkins:!:19000:0:99999:7:::' >>"$l/etc/shadow"
  echo 'jenkins:!::' >>"$l/etc/gshadow"
  chown 1000:1000 "$l/var/jenkins_home" "$l/usr/share/jenkins/ref"
  # 4 to 8: the JDK, the war, the plugins, tini, jenkins.sh
  l=$(layer 4) && mkdir -p "$l/opt/java" && cp -r "$context/jdk" "$l/opt/java/openjdk"
  l=$(layer 5) && mkdir -p "$l/usr/share/jenkins" && cp "$context/jenkins.war" "$l/usr/share/jenkins/jenkins.war"
  l=$(layer 6) && mkdir -p "$l/usr/share/jenkins/ref" && cp -r "$context/plugins" "$l/usr/share/jenkins/ref/plugins"
  l=$(layer 7) && mkdir -p "$l/usr/bin" && cp "$context/tini" "$l/usr/bin/tini" && chmod 0755 "$l/usr/bin/tini"
  l=$(layer 8) && mkdir -p "$l/usr/local/bin"
  printf '#!/bin/sh\n# Stand-in for the Jenkins entrypoint of the benchmark base.\nid\nexec /usr/local/bin/docker version\n' \
    >"$l/usr/local/bin/jenkins.sh"
  chmod 0755 "$l/usr/local/bin/jenkins.sh"
  rm -rf "$ARM/oci"
  umoci init --layout "$ARM/oci"
  umoci new --image "$ARM/oci:arm64"
  for l in 1 2 3 4 5 6 7 8; do
    tar -C "$ARM/layers/$l" --numeric-owner -cf "$ARM/layers/$l.tar" .
    umoci raw add-layer --image "$ARM/oci:arm64" "$ARM/layers/$l.tar"
    rm -f "$ARM/layers/$l.tar"
  done
  umoci config --image "$ARM/oci:arm64" --architecture arm64 --os linux --no-history \
    --config.env JAVA_HOME=/opt/java/openjdk --config.env JENKINS_HOME=/var/jenkins_home \
    --config.env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    --config.user jenkins --config.workingdir /var/jenkins_home --config.volume /var/jenkins_home \
    --config.exposedports 8080/tcp --config.exposedports 50000/tcp --config.entrypoint /usr/local/bin/jenkins.sh
  rm -rf "$ARM/layers"
  log "pushing the arm64 platform"
  skopeo copy -q --format v2s2 --dest-tls-verify=false "oci:$ARM/oci:arm64" \
    "docker://$REGISTRY/$MULTI_REPOSITORY:$MULTI_TAG-linux-arm64" >&2
}

# entry TAG ARCH: one entry of the manifest list
entry() {
  local manifest size digest
  manifest=$(curl -fsS -H "Accept: $MANIFEST_TYPE" "http://$REGISTRY/v2/$MULTI_REPOSITORY/manifests/$1")
  size=$(printf '%s' "$manifest" | wc -c)
  digest=sha256:$(printf '%s' "$manifest" | sha256sum | cut -c1-64)
  jq -nc --arg d "$digest" --argjson s "$size" --arg a "$2" --arg t "$MANIFEST_TYPE" \
    '{mediaType: $t, size: $s, digest: $d, platform: {architecture: $a, os: "linux"}}'
}

analyse() {
  local index=$1 arch digest manifest layers=()
  for arch in amd64 arm64; do
    digest=$(jq -r --arg a "$arch" '.manifests[] | select(.platform.architecture == $a) | .digest' <<<"$index")
    manifest=$(curl -fsS -H "Accept: $MANIFEST_TYPE" "http://$REGISTRY/v2/$MULTI_REPOSITORY/manifests/$digest")
    layers+=("$(jq -c --arg a "$arch" --arg d "$digest" \
      '{platform: ("linux/" + $a), digest: $d, layers: [.layers[] | {digest, size}], compressed: ([.layers[].size] | add)}' \
      <<<"$manifest")")
  done
  printf '%s\n' "${layers[@]}" | jq -s --arg ref "$MULTI_REF" --arg digest "$2" \
    '{reference: $ref, digest: $digest, mediaType: "application/vnd.docker.distribution.manifest.list.v2+json",
      platforms: ., compressedTotal: (map(.compressed) | add)}' >"$MULTI_JSON"
}

main() {
  local rebuild=false digest index
  [[ ${1:-} == --rebuild ]] && rebuild=true
  mkdir -p "$MULTI_DIR"
  if ! $rebuild && [[ -s $MULTI_JSON ]]; then
    digest=$(manifest_digest "$MULTI_REPOSITORY" "$MULTI_TAG" "$LIST_TYPE")
    if [[ -n $digest && $digest == "$(jq -r .digest "$MULTI_JSON")" ]]; then
      log "two-platform base $MULTI_REF@$digest is in the registry (made before; --rebuild makes it again)"
      return
    fi
  fi
  command -v umoci >/dev/null && command -v skopeo >/dev/null \
    || die "the two-platform base needs umoci and skopeo; perhaps you should run 'bash .ci/services.sh' (it installs them)"
  log "making the two-platform base $MULTI_REF"
  bash "$BENCH_DIR/make-base.sh" $($rebuild && echo --rebuild)
  skopeo copy -q --preserve-digests --src-tls-verify=false --dest-tls-verify=false "docker://$BASE_REF" \
    "docker://$REGISTRY/$MULTI_REPOSITORY:$MULTI_TAG-linux-amd64" >&2
  make_arm64
  index=$(jq -s --arg t "$LIST_TYPE" '{schemaVersion: 2, mediaType: $t, manifests: .}' \
    <(entry "$MULTI_TAG-linux-amd64" amd64) <(entry "$MULTI_TAG-linux-arm64" arm64))
  curl -fsS -X PUT -H "Content-Type: $LIST_TYPE" --data-binary "$index" \
    "http://$REGISTRY/v2/$MULTI_REPOSITORY/manifests/$MULTI_TAG" >/dev/null
  digest=$(manifest_digest "$MULTI_REPOSITORY" "$MULTI_TAG" "$LIST_TYPE")
  [[ $digest == "sha256:$(printf '%s' "$index" | sha256sum | cut -c1-64)" ]] \
    || die "the registry's digest of $MULTI_REF ($digest) is not that of the manifest list put"
  analyse "$index" "$digest"
  jq -r '"two-platform base: \(.digest), \(.platforms | map("\(.platform) \(.layers | length) layers \(.compressed) bytes") | join(", "))"' \
    "$MULTI_JSON" | while read -r line; do log "$line"; done
}

main "$@"
