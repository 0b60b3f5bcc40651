#!/usr/bin/env bash
# Real services for the jenkins-dind integration tests: a Docker daemon and three local registries.
#
# Usage (as root, on Debian 12):
#   .ci/services.sh [start]   install what is missing, start what is not running, write services.properties
#   .ci/services.sh stop      stop what this script started (daemon and registries)
#   .ci/services.sh status    print services.properties; exit 1 if a service does not answer
#
# Idempotent: running it again reuses whatever already answers and keeps credentials and certificates.
#
# Services (all on loopback only):
#   127.0.0.1:5000  plain http registry, no authentication (the main test registry)
#   127.0.0.1:5001  plain http registry, htpasswd (bcrypt) authentication, user jenkinsdind
#   127.0.0.1:5002  https registry (self-signed certificate for IP:127.0.0.1 and DNS:localhost) + htpasswd
#   dockerd         /var/run/docker.sock (its group is read with stat, never assumed)
#
# Environment:
#   SERVICES_DIR    state, logs, credentials, registry storage (default /tmp/jenkins-dind-services)
#   PLAIN_PORT AUTH_PORT TLS_PORT   registry ports (defaults 5000, 5001, 5002)
#
# The facts the tests need are written to $SERVICES_DIR/services.properties (see write_properties).
set -euo pipefail

SERVICES_DIR=${SERVICES_DIR:-/tmp/jenkins-dind-services}
PLAIN_PORT=${PLAIN_PORT:-5000}
AUTH_PORT=${AUTH_PORT:-5001}
TLS_PORT=${TLS_PORT:-5002}
REGISTRY_USER=jenkinsdind
DOCKER_SOCKET=/var/run/docker.sock
PACKAGES=(docker.io docker-registry iptables skopeo umoci busybox-static apache2-utils openssl curl ca-certificates)

PID_DIR=$SERVICES_DIR/pids
AUTH_DIR=$SERVICES_DIR/auth
TLS_DIR=$SERVICES_DIR/tls
PASSWORD_FILE=$AUTH_DIR/password
HTPASSWD_FILE=$AUTH_DIR/htpasswd
CERT_FILE=$TLS_DIR/registry.crt
KEY_FILE=$TLS_DIR/registry.key
TRUSTSTORE_FILE=$TLS_DIR/truststore.p12
TRUSTSTORE_PASSWORD=changeit
PROPERTIES_FILE=$SERVICES_DIR/services.properties

log() { echo "[services] $*"; }
die() { echo "[services] ERROR: $*" >&2; exit 1; }

# ---------------------------------------------------------------------------------------------- install
install_packages() {
  local missing=() p
  for p in "${PACKAGES[@]}"; do
    if [[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)" != "install ok installed" ]]; then
      missing+=("$p")
    fi
  done
  if ((${#missing[@]} == 0)); then
    log "packages present: ${PACKAGES[*]}"
    return
  fi
  log "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >"$SERVICES_DIR/apt.log" 2>&1 \
    || { tail -n 40 "$SERVICES_DIR/apt.log" >&2; die "apt-get install failed (log: $SERVICES_DIR/apt.log)"; }
}

# ---------------------------------------------------------------------------------------------- helpers
# pid_alive NAME: the pid recorded for NAME is a running process whose command line contains NAME's program
pid_alive() {
  local file=$PID_DIR/$1.pid pid
  [[ -f $file ]] || return 1
  pid=$(cat "$file")
  [[ -n $pid && -d /proc/$pid ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$2"
}

# http_code URL [curl args...]: the HTTP status, or 000 if nothing answers
http_code() {
  local url=$1; shift
  curl -s -o /dev/null -m 3 -w '%{http_code}' "$@" "$url" 2>/dev/null || true
}

# wait_for DESCRIPTION SECONDS LOGFILE COMMAND...: retry COMMAND every half second
wait_for() {
  local what=$1 seconds=$2 logfile=$3 i
  shift 3
  for ((i = 0; i < seconds * 2; i++)); do
    if "$@" >/dev/null 2>&1; then
      log "$what is up"
      return 0
    fi
    sleep 0.5
  done
  echo "[services] $what did not answer within ${seconds}s; last lines of $logfile:" >&2
  tail -n 40 "$logfile" >&2 || true
  exit 1
}

# ---------------------------------------------------------------------------------------------- dockerd
docker_answers() { docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

# remove_stale_pid_file FILE PROGRAM: delete FILE unless its pid is a running PROGRAM
remove_stale_pid_file() {
  local file=$1 program=$2 pid
  [[ -f $file ]] || return 0
  pid=$(cat "$file" 2>/dev/null || true)
  if [[ -n $pid && -r /proc/$pid/comm && $(cat "/proc/$pid/comm") == "$program" ]]; then
    return 0
  fi
  log "removing stale $file (pid '${pid}' is not a running $program)"
  rm -f "$file"
}

start_dockerd() {
  if docker_answers; then
    log "dockerd already answers on $DOCKER_SOCKET"
    return
  fi
  # A machine handed back after its processes were ended may keep pid files whose pids now belong to other
  # processes: dockerd would then refuse to start ("pid file found") or wait for a containerd that is not there.
  remove_stale_pid_file /var/run/docker.pid dockerd
  remove_stale_pid_file /var/run/docker/containerd/containerd.pid containerd
  log "starting dockerd (log: $SERVICES_DIR/dockerd.log)"
  setsid nohup dockerd --host "unix://$DOCKER_SOCKET" >"$SERVICES_DIR/dockerd.log" 2>&1 </dev/null &
  echo $! >"$PID_DIR/dockerd.pid"
  wait_for "dockerd" 60 "$SERVICES_DIR/dockerd.log" docker_answers
}

# ---------------------------------------------------------------------------------------------- registries
make_credentials() {
  mkdir -p "$AUTH_DIR"
  if [[ ! -s $PASSWORD_FILE ]]; then
    openssl rand -hex 16 >"$PASSWORD_FILE"
    chmod 600 "$PASSWORD_FILE"
    rm -f "$HTPASSWD_FILE"
  fi
  if [[ ! -s $HTPASSWD_FILE ]]; then
    htpasswd -Bbn "$REGISTRY_USER" "$(cat "$PASSWORD_FILE")" >"$HTPASSWD_FILE"
  fi
}

make_certificate() {
  mkdir -p "$TLS_DIR"
  if [[ ! -s $CERT_FILE || ! -s $KEY_FILE ]]; then
    log "creating a self-signed certificate for 127.0.0.1 and localhost"
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=localhost" \
      -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
      -keyout "$KEY_FILE" -out "$CERT_FILE" 2>/dev/null
    rm -f "$TRUSTSTORE_FILE"
  fi
  if [[ ! -s $TRUSTSTORE_FILE ]]; then
    keytool -importcert -noprompt -alias jenkins-dind-registry -file "$CERT_FILE" \
      -keystore "$TRUSTSTORE_FILE" -storetype PKCS12 -storepass "$TRUSTSTORE_PASSWORD" >/dev/null 2>&1
  fi
  # Let dockerd (docker pull/push) and skopeo/containers trust the TLS registry.
  local dir
  for dir in "/etc/docker/certs.d/127.0.0.1:$TLS_PORT" "/etc/containers/certs.d/127.0.0.1:$TLS_PORT"; do
    mkdir -p "$dir"
    cp "$CERT_FILE" "$dir/ca.crt"
  done
}

# write_registry_config NAME PORT AUTH(yes|no) TLS(yes|no)
write_registry_config() {
  local name=$1 port=$2 auth=$3 tls=$4 dir=$SERVICES_DIR/$1
  mkdir -p "$dir/data"
  {
    echo "version: 0.1"
    echo "log:"
    echo "  level: info"
    echo "storage:"
    echo "  filesystem:"
    echo "    rootdirectory: $dir/data"
    echo "  delete:"
    echo "    enabled: true"
    echo "http:"
    echo "  addr: 127.0.0.1:$port"
    echo "  secret: jenkins-dind-tests-$name"
    if [[ $tls == yes ]]; then
      echo "  tls:"
      echo "    certificate: $CERT_FILE"
      echo "    key: $KEY_FILE"
    fi
    if [[ $auth == yes ]]; then
      echo "auth:"
      echo "  htpasswd:"
      echo "    realm: jenkins-dind"
      echo "    path: $HTPASSWD_FILE"
    fi
  } >"$dir/config.yml"
}

plain_up() { [[ $(http_code "http://127.0.0.1:$PLAIN_PORT/v2/") == 200 ]]; }
auth_up() { [[ $(http_code "http://127.0.0.1:$AUTH_PORT/v2/" -u "$REGISTRY_USER:$(cat "$PASSWORD_FILE")") == 200 ]]; }
tls_up() {
  [[ $(http_code "https://127.0.0.1:$TLS_PORT/v2/" --cacert "$CERT_FILE" -u "$REGISTRY_USER:$(cat "$PASSWORD_FILE")") == 200 ]]
}

# start_registry NAME PORT AUTH TLS CHECK
start_registry() {
  local name=$1 port=$2 auth=$3 tls=$4 check=$5
  local dir=$SERVICES_DIR/$name
  write_registry_config "$name" "$port" "$auth" "$tls"
  if pid_alive "$name" docker-registry && $check; then
    log "$name already running on 127.0.0.1:$port"
    return
  fi
  if $check; then
    if [[ $auth == no && $tls == no ]]; then
      log "$name: a registry not started by this script already answers on 127.0.0.1:$port; using it"
      rm -f "$PID_DIR/$name.pid"
      return
    fi
    die "$name: port $port answers but was not started by this script; stop that process first"
  fi
  if [[ $(http_code "http://127.0.0.1:$port/") != 000 || $(http_code "https://127.0.0.1:$port/" -k) != 000 ]]; then
    die "$name: port 127.0.0.1:$port is used by another program that is not the expected registry"
  fi
  log "starting $name on 127.0.0.1:$port (log: $dir/registry.log)"
  setsid nohup docker-registry serve "$dir/config.yml" >"$dir/registry.log" 2>&1 </dev/null &
  echo $! >"$PID_DIR/$name.pid"
  wait_for "$name" 30 "$dir/registry.log" "$check"
}

# ---------------------------------------------------------------------------------------------- properties
write_properties() {
  local gid server_version api_version plain_log=
  gid=$(stat -c %g "$DOCKER_SOCKET")
  server_version=$(docker version --format '{{.Server.Version}}')
  api_version=$(docker version --format '{{.Server.APIVersion}}')
  if [[ -f $PID_DIR/registry-plain.pid ]]; then plain_log=$SERVICES_DIR/registry-plain/registry.log; fi
  cat >"$PROPERTIES_FILE.tmp" <<EOF
# Written by .ci/services.sh on $(date -u +%Y-%m-%dT%H:%M:%SZ); read by io.github.jenkinsdind.it.support.TestServices
services.dir=$SERVICES_DIR
docker.socket=$DOCKER_SOCKET
docker.host=unix://$DOCKER_SOCKET
docker.socket.gid=$gid
docker.server.version=$server_version
docker.server.api.version=$api_version
docker.cli=$(command -v docker)
docker.log=$SERVICES_DIR/dockerd.log
registry.plain=127.0.0.1:$PLAIN_PORT
registry.plain.log=$plain_log
registry.auth=127.0.0.1:$AUTH_PORT
registry.auth.log=$SERVICES_DIR/registry-auth/registry.log
registry.tls=127.0.0.1:$TLS_PORT
registry.tls.log=$SERVICES_DIR/registry-tls/registry.log
registry.user=$REGISTRY_USER
registry.password=$(cat "$PASSWORD_FILE")
registry.password.file=$PASSWORD_FILE
registry.htpasswd=$HTPASSWD_FILE
registry.tls.cert=$CERT_FILE
registry.tls.truststore=$TRUSTSTORE_FILE
registry.tls.truststore.password=$TRUSTSTORE_PASSWORD
registry.tls.truststore.type=PKCS12
EOF
  mv "$PROPERTIES_FILE.tmp" "$PROPERTIES_FILE"
  log "wrote $PROPERTIES_FILE (docker socket GID $gid, engine $server_version, API $api_version)"
}

# ---------------------------------------------------------------------------------------------- commands
start_all() {
  [[ $(id -u) == 0 ]] || die "run as root (it installs packages and starts dockerd)"
  mkdir -p "$SERVICES_DIR" "$PID_DIR"
  install_packages
  start_dockerd
  make_credentials
  make_certificate
  start_registry registry-plain "$PLAIN_PORT" no no plain_up
  start_registry registry-auth "$AUTH_PORT" yes no auth_up
  start_registry registry-tls "$TLS_PORT" yes yes tls_up
  write_properties
}

# stop_one NAME PROGRAM SECONDS
stop_one() {
  local name=$1 program=$2 seconds=$3 pid i
  if ! pid_alive "$name" "$program"; then
    rm -f "$PID_DIR/$name.pid"
    return
  fi
  pid=$(cat "$PID_DIR/$name.pid")
  log "stopping $name (pid $pid)"
  kill -TERM "$pid"
  for ((i = 0; i < seconds * 2; i++)); do
    [[ -d /proc/$pid ]] || break
    sleep 0.5
  done
  if [[ -d /proc/$pid ]]; then
    log "$name did not stop within ${seconds}s; killing it"
    kill -KILL "$pid" || true
  fi
  rm -f "$PID_DIR/$name.pid"
}

stop_all() {
  stop_one registry-tls docker-registry 10
  stop_one registry-auth docker-registry 10
  stop_one registry-plain docker-registry 10
  stop_one dockerd dockerd 40
  rm -f "$PROPERTIES_FILE"
  log "stopped"
}

status() {
  local ok=0
  [[ -f $PROPERTIES_FILE ]] && cat "$PROPERTIES_FILE"
  docker_answers || { echo "dockerd: down"; ok=1; }
  plain_up || { echo "registry 127.0.0.1:$PLAIN_PORT: down"; ok=1; }
  [[ -s $PASSWORD_FILE ]] && auth_up || { echo "registry 127.0.0.1:$AUTH_PORT: down"; ok=1; }
  [[ -s $CERT_FILE ]] && tls_up || { echo "registry 127.0.0.1:$TLS_PORT: down"; ok=1; }
  return $ok
}

case "${1:-start}" in
  start) start_all ;;
  stop) stop_all ;;
  status) status ;;
  *) die "unknown command '$1' (use start, stop or status)" ;;
esac
