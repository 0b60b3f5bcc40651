#!/usr/bin/env bash
# A Docker Engine with the containerd image store, for the test that `docker load` reads a multi-platform build's
# OCI layout tar (Debian 12's dockerd 20.10 has no containerd image store): Debian 13 (trixie)'s docker.io (dockerd
# 26) and containerd, fetched with a private apt configuration and unpacked, never installed (the machine's sources,
# dpkg state and shared dockerd are not touched; the machine's runc runs the containers), started as root on a socket and data root of their own with the
# containerd-snapshotter feature, a bridge of its own (jd-ctrd0, never docker0) and no iptables rules (its containers run
# with --network none). dockerd starts its own containerd (the unpacked one, first in its PATH).
#
# Usage: .ci/containerd-store.sh          (idempotent: a daemon already answering is kept)
#        .ci/containerd-store.sh --stop   (stops it; its data stays under $SERVICES_DIR/containerd-store)
#
# Writes $SERVICES_DIR/containerd-store.properties (read by io.github.jenkinsdind.it.multiarch.ContainerdStoreLoadTest):
#   docker.host=unix://...  docker.server.version=...  storage.driver=...  driver.type=io.containerd.snapshotter.v1
set -euo pipefail

SERVICES_DIR=${SERVICES_DIR:-/tmp/jenkins-dind-services}
DIR=$SERVICES_DIR/containerd-store
APT=$DIR/apt
ROOT=$DIR/root
SOCKET=$DIR/docker.sock
PROPERTIES=$SERVICES_DIR/containerd-store.properties
# Debian 13's runc needs glibc 2.38: the machine's runc (Debian 12's, which its docker.io installed) runs the containers
PACKAGES=(docker.io containerd)
# Debian's docker CLI (docker.io), as the tests use
CLI=${DOCKER_CLI:-/usr/bin/docker}

log() { echo "[containerd-store] $*"; }
die() { echo "[containerd-store] ERROR: $*" >&2; exit 1; }

apt_private() {
  apt-get -q \
    -o Dir::Etc::sourcelist="$APT/sources.list" -o Dir::Etc::sourceparts=- \
    -o Dir::State::Lists="$APT/lists" -o Dir::Cache="$APT/cache" \
    -o Dir::State::status=/var/lib/dpkg/status -o APT::Get::List-Cleanup=0 "$@"
}

fetch() {
  mkdir -p "$APT/lists/partial" "$APT/cache/archives/partial" "$DIR/debs" "$ROOT"
  [[ -f /usr/share/keyrings/debian-archive-keyring.gpg ]] || die "debian-archive-keyring is missing"
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main" \
    >"$APT/sources.list"
  if ! ls "$DIR"/debs/docker.io_*.deb "$DIR"/debs/containerd_*.deb >/dev/null 2>&1; then
    log "fetching ${PACKAGES[*]} from Debian 13 (private apt lists in $APT)"
    apt_private update >/dev/null
    (cd "$DIR/debs" && apt_private download "${PACKAGES[@]}" >/dev/null 2>"$APT/download.log") \
      || { cat "$APT/download.log" >&2; die "apt-get download failed"; }
  fi
  local deb
  if [[ ! -f $ROOT/.unpacked ]]; then
    for deb in "$DIR"/debs/docker.io_*.deb "$DIR"/debs/containerd_*.deb; do dpkg-deb -x "$deb" "$ROOT"; done
    touch "$ROOT/.unpacked"
  fi
  [[ -x $ROOT/usr/sbin/dockerd && -x $ROOT/usr/bin/containerd ]] || die "no dockerd or containerd in the packages"
  "$ROOT/usr/sbin/dockerd" --version >/dev/null || die "Debian 13's dockerd does not run here"
  command -v runc >/dev/null || die "no runc; perhaps you should run 'bash .ci/services.sh' (Debian's docker.io brings it)"
}

answers() { "$CLI" -H "unix://$SOCKET" version --format '{{.Server.Version}}' >/dev/null 2>&1; }

stop() {
  local pid
  pid=$(cat "$DIR/docker.pid" 2>/dev/null || true)
  if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    log "stopped dockerd (pid $pid)"
  fi
  rm -f "$PROPERTIES"
}

# A bridge of this daemon's own. Not "bridge": "none": with it, dockerd deletes the host's docker0 interface at start
# (moby removes the default bridge's link when told to use none), which takes the shared dockerd's network away.
BRIDGE=jd-ctrd0
BRIDGE_ADDRESS=172.31.254.1/24

own_bridge() {
  if ! ip link show "$BRIDGE" >/dev/null 2>&1; then
    ip link add "$BRIDGE" type bridge
    ip addr add "$BRIDGE_ADDRESS" dev "$BRIDGE"
  fi
  ip link set "$BRIDGE" up
}

start() {
  local i docker0_before
  mkdir -p "$DIR/data" "$DIR/exec"
  own_bridge
  docker0_before=$(ip -br link show docker0 2>/dev/null | cut -d' ' -f1 || true)
  cat >"$DIR/daemon.json" <<JSON
{"features": {"containerd-snapshotter": true}, "data-root": "$DIR/data", "exec-root": "$DIR/exec",
 "pidfile": "$DIR/docker.pid", "hosts": ["unix://$SOCKET"], "bridge": "$BRIDGE", "iptables": false, "ip-masq": false}
JSON
  log "starting Debian 13's dockerd with the containerd image store on $SOCKET (log $DIR/dockerd.log)"
  # the whole subshell is redirected and execs dockerd: no process is left holding the caller's output
  (cd "$DIR" && PATH=$ROOT/usr/bin:$ROOT/usr/sbin:$PATH exec setsid "$ROOT/usr/sbin/dockerd" \
    --config-file "$DIR/daemon.json") >>"$DIR/dockerd.log" 2>&1 </dev/null &
  for ((i = 0; i < 60; i++)); do
    if answers; then
      if [[ -n $docker0_before ]] && ! ip link show docker0 >/dev/null 2>&1; then
        die "starting this dockerd removed the host's docker0 bridge: the shared dockerd has no network now"
      fi
      return
    fi
    sleep 0.5
  done
  tail -n 20 "$DIR/dockerd.log" >&2
  die "dockerd did not answer on $SOCKET within 30 s"
}

main() {
  if [[ ${1:-} == --stop ]]; then stop; return; fi
  fetch
  answers || start
  local version driver type
  version=$("$CLI" -H "unix://$SOCKET" version --format '{{.Server.Version}}')
  driver=$("$CLI" -H "unix://$SOCKET" info --format '{{.Driver}}')
  type=$("$CLI" -H "unix://$SOCKET" info --format '{{range .DriverStatus}}{{if eq (index . 0) "driver-type"}}{{index . 1}}{{end}}{{end}}')
  [[ $type == io.containerd.snapshotter.v1 ]] || die "dockerd on $SOCKET does not use the containerd image store (driver $driver, type '$type')"
  printf '%s\n' "# Written by .ci/containerd-store.sh; read by ContainerdStoreLoadTest" "docker.host=unix://$SOCKET" \
    "docker.server.version=$version" "storage.driver=$driver" "driver.type=$type" >"$PROPERTIES.tmp"
  mv "$PROPERTIES.tmp" "$PROPERTIES"
  log "dockerd $version with the containerd image store ($driver) answers on unix://$SOCKET"
}

main "$@"
