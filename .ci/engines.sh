#!/usr/bin/env bash
# Extra Docker hosts for the jenkins-dind engine tests (io.github.jenkinsdind.it.engines), loopback only:
#   - the shared dockerd's own TLS listener on 127.0.0.1, which .ci/services.sh starts with a CA, a server and a
#     client certificate (and a second CA that signed nothing the daemon shows, for the "wrong CA" tests): this
#     script only checks that it answers and writes where it is (the shared dockerd is never restarted here);
#   - Podman's Docker-compatible API service (Debian's podman) on a socket of its own, with its own storage;
#   - rootless Docker (Debian's rootlesskit + dockerd-rootless.sh) under a non-root user, if it can run here,
#     with rootlesskit's slirp4netns network and builtin port driver (/dev/net/tun is given Debian's mode, 0666);
#     the reason it cannot is recorded in engines.properties (rootless.status).
#
# Usage (as root, on Debian 12, after .ci/services.sh):
#   .ci/engines.sh [start]   make the certificates, start what is not running, write engines.properties
#   .ci/engines.sh stop      stop what this script started
#   .ci/engines.sh status    print engines.properties
#
# Environment:
#   SERVICES_DIR   as for services.sh (default /tmp/jenkins-dind-services); state goes to $SERVICES_DIR/engines
#   TLS_HOST       another TLS endpoint of the shared dockerd (tcp://127.0.0.1:PORT) than services.properties'
#                  docker.tls.host; its server certificate must be signed by docker.tls.ca
#   ENGINES        which engines to start (default "tls podman rootless")
#
# Written for the tests: $SERVICES_DIR/engines.properties (read by it/.../engines/Engines.java).
set -euo pipefail

SERVICES_DIR=${SERVICES_DIR:-/tmp/jenkins-dind-services}
DIR=$SERVICES_DIR/engines
PID_DIR=$DIR/pids
TLS_HOST=${TLS_HOST:-}
ENGINES=${ENGINES:-tls podman rootless}
PROPERTIES=$SERVICES_DIR/engines.properties
PODMAN_DIR=$DIR/podman
PODMAN_SOCKET=$PODMAN_DIR/podman.sock
ROOTLESS_USER=jdrootless

log() { echo "[engines] $*"; }
die() { echo "[engines] ERROR: $*" >&2; exit 1; }

install_packages() {
  local missing=() p
  for p in "$@"; do
    [[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)" == "install ok installed" ]] || missing+=("$p")
  done
  ((${#missing[@]} == 0)) && return 0
  log "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >"$DIR/apt.log" 2>&1 \
    || { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >>"$DIR/apt.log" 2>&1; } \
    || { tail -n 30 "$DIR/apt.log" >&2; return 1; }
}

# alive NAME: the pid recorded for NAME runs
alive() { [[ -f $PID_DIR/$1.pid ]] && kill -0 "$(cat "$PID_DIR/$1.pid")" 2>/dev/null; }

# ---------------------------------------------------------------------------------------------- TLS endpoint
# service_property KEY: a value of services.properties
service_property() { sed -n "s/^$1=//p" "$SERVICES_DIR/services.properties" 2>/dev/null | head -n 1; }

tls_answers() {
  curl -s -m 3 --cacert "$tls_certs/ca.pem" --cert "$tls_certs/cert.pem" --key "$tls_certs/key.pem" \
    "https://127.0.0.1:${1##*:}/_ping" 2>/dev/null | grep -q OK
}

# The shared dockerd's own TLS listener, which .ci/services.sh starts with its certificates (or TLS_HOST)
start_tls() {
  tls_certs=$(service_property docker.tls.certs)
  tls_wrongca_certs=$(service_property docker.tls.wrongca.certs)
  tls_ca=$(service_property docker.tls.ca)
  tls_host=${TLS_HOST:-$(service_property docker.tls.host)}
  # a socat stand-in of an earlier version of this script is no longer needed
  stop_one tls-standin
  if [[ -z $tls_host ]]; then
    tls_status="the shared dockerd has no TLS listener: $(service_property docker.tls.status)"
  elif tls_answers "$tls_host"; then
    tls_status=running
    log "the shared dockerd answers with TLS on $tls_host"
  else
    tls_status="nothing answers with TLS on $tls_host to the client certificate in $tls_certs"
  fi
  [[ $tls_status == running ]] || log "$tls_status"
}

# ---------------------------------------------------------------------------------------------- Podman
podman_answers() {
  curl -s -m 3 --unix-socket "$PODMAN_SOCKET" http://d/_ping 2>/dev/null | grep -q OK
}

start_podman() {
  podman_status=not-started
  if ! install_packages podman; then
    podman_status="podman could not be installed (see $DIR/apt.log)"
    return
  fi
  if alive podman && podman_answers; then
    log "Podman API service already answers on $PODMAN_SOCKET"
    podman_status=running
    return
  fi
  mkdir -p "$PODMAN_DIR/root" "$PODMAN_DIR/runroot"
  rm -f "$PODMAN_SOCKET"
  # Podman gives containers rlimits above this sandbox's hard limits, and runc may not raise them (no
  # CAP_SYS_RESOURCE): "error setting rlimit type 7 (then 6): operation not permitted". Limits within ours work.
  printf '[containers]\ndefault_ulimits = ["nofile=%s:%s", "nproc=4096:4096"]\n' "$(ulimit -Hn)" "$(ulimit -Hn)" \
    >"$PODMAN_DIR/containers.conf"
  log "starting Podman's API service on $PODMAN_SOCKET (log: $PODMAN_DIR/service.log)"
  # started from its own directory: conmon inherits the service's working directory and fails ("Failed to get
  # working directory") once the checkout it was started from is gone
  (cd "$PODMAN_DIR" && CONTAINERS_CONF=$PODMAN_DIR/containers.conf exec setsid nohup podman --root "$PODMAN_DIR/root" \
    --runroot "$PODMAN_DIR/runroot" --storage-driver vfs system service --time=0 "unix://$PODMAN_SOCKET" \
    >"$PODMAN_DIR/service.log" 2>&1 </dev/null) &
  echo $! >"$PID_DIR/podman.pid"
  local i
  for ((i = 0; i < 60; i++)); do
    if podman_answers; then
      log "Podman API service is up"
      podman_status=running
      return
    fi
    sleep 0.5
  done
  podman_status="the Podman API service did not answer (see $PODMAN_DIR/service.log)"
  tail -n 20 "$PODMAN_DIR/service.log" >&2 || true
}

# ---------------------------------------------------------------------------------------------- rootless Docker
# Tries dockerd-rootless.sh under a non-root user; records why it could not run if it could not.
start_rootless() {
  rootless_status=not-started
  rootless_socket=
  if ! install_packages rootlesskit uidmap slirp4netns dbus-user-session; then
    rootless_status="rootlesskit could not be installed (see $DIR/apt.log)"
    return
  fi
  local script
  script=$(command -v dockerd-rootless.sh || ls /usr/share/docker.io/contrib/dockerd-rootless.sh 2>/dev/null || true)
  if [[ -z $script ]]; then
    rootless_status="no dockerd-rootless.sh in Debian's docker.io package"
    return
  fi
  id "$ROOTLESS_USER" >/dev/null 2>&1 || useradd -m -s /bin/bash "$ROOTLESS_USER"
  local uid runtime
  uid=$(id -u "$ROOTLESS_USER")
  grep -q "^$ROOTLESS_USER:" /etc/subuid || echo "$ROOTLESS_USER:200000:65536" >>/etc/subuid
  grep -q "^$ROOTLESS_USER:" /etc/subgid || echo "$ROOTLESS_USER:200000:65536" >>/etc/subgid
  runtime=$DIR/rootless-run
  mkdir -p "$runtime"
  chown "$ROOTLESS_USER" "$runtime"
  chmod 700 "$runtime"
  rootless_socket=$runtime/docker.sock
  # rootlesskit's default network, slirp4netns, opens /dev/net/tun as the unprivileged user. Debian's udev rule
  # makes it 0666; these machines leave it root's alone (0600: "open: Permission denied ... setting up tap
  # tap0"). With Debian's mode back, the daemon gets a network namespace of its own, a bridge network, and
  # publishes ports through rootlesskit's builtin port driver, as dockerd-rootless.sh does by default.
  if [[ -c /dev/net/tun && $(stat -c %a /dev/net/tun) != 666 ]]; then
    log "making /dev/net/tun 0666, Debian's mode (it was $(stat -c %a /dev/net/tun)), for slirp4netns"
    chmod 0666 /dev/net/tun
  fi
  rootless_net=slirp4netns
  if alive rootless && [[ -S $rootless_socket ]]; then
    if [[ $(cat "$DIR/rootless.net" 2>/dev/null) == "$rootless_net" ]]; then
      rootless_status=running
      return
    fi
    log "restarting rootless Docker with rootlesskit's $rootless_net network (it shared the host's)"
    stop_one rootless
  fi
  log "trying rootless Docker as $ROOTLESS_USER (uid $uid; log: $DIR/rootless.log)"
  setsid nohup su -s /bin/bash "$ROOTLESS_USER" -c \
    "cd /home/$ROOTLESS_USER
     export XDG_RUNTIME_DIR=$runtime HOME=/home/$ROOTLESS_USER PATH=/usr/sbin:/usr/bin:/sbin:/bin:/usr/share/docker.io/contrib
     export DOCKERD_ROOTLESS_ROOTLESSKIT_NET=$rootless_net DOCKERD_ROOTLESS_ROOTLESSKIT_PORT_DRIVER=builtin
     exec $script --storage-driver vfs" >"$DIR/rootless.log" 2>&1 </dev/null &
  echo $! >"$PID_DIR/rootless.pid"
  echo "$rootless_net" >"$DIR/rootless.net"
  local i
  for ((i = 0; i < 60; i++)); do
    if [[ -S $rootless_socket ]] && curl -s -m 3 --unix-socket "$rootless_socket" http://d/_ping | grep -q OK; then
      rootless_status=running
      log "rootless Docker is up on $rootless_socket"
      return
    fi
    alive rootless || break
    sleep 0.5
  done
  rootless_status="rootless Docker did not start: $(grep -v '^\s*$' "$DIR/rootless.log" | tail -n 3 | tr '\n' ' ' | tr -d '\\' | cut -c1-400)"
  log "$rootless_status"
  stop_one rootless
}

# ---------------------------------------------------------------------------------------------- commands
write_properties() {
  cat >"$PROPERTIES.tmp" <<EOF
# Written by .ci/engines.sh on $(date -u +%Y-%m-%dT%H:%M:%SZ); read by io.github.jenkinsdind.it.engines.Engines
tls.status=${tls_status:-not-started}
tls.host=${tls_host:-}
tls.certs=${tls_certs:-}
tls.wrongca.certs=${tls_wrongca_certs:-}
tls.ca=${tls_ca:-}
podman.status=${podman_status:-not-started}
podman.socket=$PODMAN_SOCKET
podman.root=$PODMAN_DIR/root
podman.runroot=$PODMAN_DIR/runroot
rootless.status=${rootless_status:-not-started}
rootless.socket=${rootless_socket:-}
rootless.user=$ROOTLESS_USER
rootless.network=${rootless_net:-}
EOF
  mv "$PROPERTIES.tmp" "$PROPERTIES"
  log "wrote $PROPERTIES"
}

start_all() {
  [[ $(id -u) == 0 ]] || die "run as root"
  mkdir -p "$DIR" "$PID_DIR"
  [[ " $ENGINES " == *" tls "* ]] && start_tls
  [[ " $ENGINES " == *" podman "* ]] && start_podman
  [[ " $ENGINES " == *" rootless "* ]] && start_rootless
  write_properties
}

stop_one() {
  local name=$1 pid i
  [[ -f $PID_DIR/$name.pid ]] || return 0
  pid=$(cat "$PID_DIR/$name.pid")
  if kill -0 "$pid" 2>/dev/null; then
    log "stopping $name (pid $pid)"
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 20; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$PID_DIR/$name.pid"
}

stop_all() {
  stop_one tls-standin
  stop_one podman
  stop_one rootless
  rm -f "$PROPERTIES"
  log "stopped"
}

case "${1:-start}" in
  start) start_all ;;
  stop) stop_all ;;
  status) cat "$PROPERTIES" ;;
  *) die "unknown command '$1' (use start, stop or status)" ;;
esac
