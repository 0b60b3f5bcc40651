#!/usr/bin/env bash
# Real services for the jenkins-dind integration tests: a Docker daemon and three local registries.
#
# Usage (as root, on Debian 12):
#   .ci/services.sh [start]   install what is missing, start what is not running, write services.properties
#   .ci/services.sh stop      stop what this script started (daemon and registries)
#   .ci/services.sh status    print services.properties; exit 1 if a service does not answer
#   .ci/services.sh restart-dockerd
#                             restart the dockerd this script started, with its TLS listener, even if it runs
#                             containers (only when no test runs: its containers stop)
#
# Idempotent: running it again reuses the registries it started itself (and a dockerd that answers), and keeps
# credentials and certificates. It never uses a registry it did not start: whatever else answers on a port
# is left alone, and the registry goes to another port.
#
# Services (all on loopback only):
#   plain registry  http, no authentication (the main test registry)
#   auth registry   http, htpasswd (bcrypt) authentication, user jenkinsdind
#   TLS registry    https (self-signed certificate for IP:127.0.0.1 and DNS:localhost) + htpasswd
#   dockerd         /var/run/docker.sock (its group is read with stat, never assumed), and also
#                   tcp://127.0.0.1:PORT with TLS, client certificates required (--tlsverify), as the jenkins.io
#                   recipe runs it: a CA, a server certificate for 127.0.0.1/localhost and a client certificate
#                   are made in $SERVICES_DIR/docker-tls before dockerd starts (plus a second CA that signed
#                   nothing the daemon shows, for the "wrong CA" tests). PORT is the first port from 2376 upwards
#                   that nothing answers on, unless DOCKER_TLS_PORT names one.
#                   A dockerd that already answers without that TLS listener is restarted with it only if this
#                   script started it and it runs no container (a test may be using it otherwise); else it is left
#                   alone and services.properties says why in docker.tls.status.
# Each registry listens on 127.0.0.1 and the first port from 5000 (plain), 5100 (auth) or 5200 (TLS) upwards
# that nothing answers on, unless PLAIN_PORT, AUTH_PORT or TLS_PORT names one (which must then be free).
#
# The docker CLI is Debian's (package docker.io, dynamically linked): the tests read its path and version from
# services.properties, never from the PATH.
#
# Environment:
#   SERVICES_DIR    state, logs, credentials, registry storage (default /tmp/jenkins-dind-services)
#   PLAIN_PORT AUTH_PORT TLS_PORT   fixed registry ports (default: chosen as above)
#   DOCKER_TLS_PORT dockerd's TLS port on 127.0.0.1 (default: chosen as above)
#   DOCKER_SOCKET   dockerd's unix socket (default /var/run/docker.sock)
#   DOCKERD_ARGS    more dockerd options, e.g. to try this script on a dockerd of its own beside the shared one:
#                   ip link add jdtest0 type bridge && ip addr add 10.99.0.1/24 dev jdtest0 && ip link set jdtest0 up
#                   DOCKER_SOCKET=/tmp/x/docker.sock DOCKERD_ARGS="--data-root /tmp/x/root --exec-root /tmp/x/exec
#                   --pidfile /tmp/x/docker.pid --bridge=jdtest0 --iptables=false" SERVICES_DIR=/tmp/x .ci/services.sh
#                   Never --bridge=none beside the shared dockerd: a dockerd started with it deletes the host's
#                   docker0 interface, and the shared dockerd's containers can no longer start ("could not find
#                   bridge docker0"; repair: ip link add docker0 type bridge, its gateway address, link up).
#
# The facts the tests need are written to $SERVICES_DIR/services.properties (see write_properties).
set -euo pipefail

SERVICES_DIR=${SERVICES_DIR:-/tmp/jenkins-dind-services}
PLAIN_PORT=${PLAIN_PORT:-}
AUTH_PORT=${AUTH_PORT:-}
TLS_PORT=${TLS_PORT:-}
REGISTRY_USER=jenkinsdind
DOCKER_SOCKET=${DOCKER_SOCKET:-/var/run/docker.sock}
DOCKER_TLS_PORT=${DOCKER_TLS_PORT:-}
DOCKERD_ARGS=${DOCKERD_ARGS:-}
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
DOCKER_TLS_DIR=$SERVICES_DIR/docker-tls
DOCKER_CLI=
docker_tls_status=not-started

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
# find_docker_cli: the docker CLI of Debian's docker.io package (not whichever `docker` comes first on the PATH)
find_docker_cli() {
  DOCKER_CLI=$(dpkg-query -L docker.io 2>/dev/null | grep -E '/bin/docker$' | head -n 1 || true)
  [[ -n $DOCKER_CLI && -x $DOCKER_CLI ]] || die "package docker.io has no executable bin/docker"
  log "docker CLI: $DOCKER_CLI ($("$DOCKER_CLI" --version))"
}

docker_answers() { "$DOCKER_CLI" -H "unix://$DOCKER_SOCKET" version --format '{{.Server.Version}}' >/dev/null 2>&1; }

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

# sign NAME CA_DIR SUBJECT EXT: a key and a certificate in $DOCKER_TLS_DIR signed by the CA in CA_DIR
sign() {
  local name=$1 ca=$2 subject=$3 ext=$4 dir=$DOCKER_TLS_DIR
  openssl req -new -newkey rsa:2048 -nodes -subj "$subject" -keyout "$dir/$name-key.pem" \
    -out "$dir/$name.csr" 2>/dev/null
  printf '%s\n' "$ext" >"$dir/$name.ext"
  openssl x509 -req -days 3650 -in "$dir/$name.csr" -CA "$ca/ca.pem" -CAkey "$ca/ca-key.pem" \
    -CAcreateserial -extfile "$dir/$name.ext" -out "$dir/$name-cert.pem" 2>/dev/null
  rm -f "$dir/$name.csr" "$dir/$name.ext"
}

make_ca() {
  local dir=$1 cn=$2
  mkdir -p "$dir"
  openssl req -x509 -new -newkey rsa:2048 -nodes -days 3650 -subj "/CN=$cn" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -keyout "$dir/ca-key.pem" -out "$dir/ca.pem" 2>/dev/null
}

# make_docker_tls: dockerd's TLS material, kept across runs: a CA, a server certificate for 127.0.0.1 and
# localhost, a client certificate in client/ (what DOCKER_CERT_PATH or a context holds: ca.pem, cert.pem,
# key.pem), and in wrong-ca/client/ the same client certificate with the ca.pem of a CA that signed nothing
make_docker_tls() {
  local dir=$DOCKER_TLS_DIR
  if [[ -s $dir/server-key.pem && -s $dir/client/key.pem && -s $dir/wrong-ca/client/key.pem ]]; then
    log "dockerd's TLS material present in $dir"
    return
  fi
  log "making a CA, a server certificate for 127.0.0.1 and a client certificate for dockerd in $dir"
  rm -rf "$dir"
  mkdir -p "$dir/client"
  make_ca "$dir" "jenkins-dind test CA"
  sign server "$dir" "/CN=127.0.0.1" "subjectAltName=IP:127.0.0.1,DNS:localhost
extendedKeyUsage=serverAuth"
  sign client "$dir" "/CN=jenkins-dind client" "extendedKeyUsage=clientAuth"
  cp "$dir/ca.pem" "$dir/client/ca.pem"
  mv "$dir/client-cert.pem" "$dir/client/cert.pem"
  mv "$dir/client-key.pem" "$dir/client/key.pem"
  make_ca "$dir/wrong-ca" "some other CA"
  mkdir -p "$dir/wrong-ca/client"
  cp "$dir/wrong-ca/ca.pem" "$dir/wrong-ca/client/ca.pem"
  cp "$dir/client/cert.pem" "$dir/client/key.pem" "$dir/wrong-ca/client/"
  rm -f "$dir/port"
  chmod -R go-rwx "$dir"
}

# docker_tls_answers PORT: dockerd answers on 127.0.0.1:PORT with TLS, to this CA's client certificate
docker_tls_answers() {
  local dir=$DOCKER_TLS_DIR/client
  [[ -n $1 ]] && curl -s -m 3 --cacert "$dir/ca.pem" --cert "$dir/cert.pem" --key "$dir/key.pem" \
    "https://127.0.0.1:$1/_ping" 2>/dev/null | grep -q OK
}

docker_tls_port() { cat "$DOCKER_TLS_DIR/port" 2>/dev/null || true; }

# docker_tls_ok: the dockerd that answers also answers on the TLS port recorded (and asked for, if one was)
docker_tls_ok() {
  local port
  port=$(docker_tls_port)
  [[ -n $port ]] && { [[ -z $DOCKER_TLS_PORT ]] || [[ $DOCKER_TLS_PORT == "$port" ]]; } && docker_tls_answers "$port"
}

# launch_dockerd PORT: start dockerd on the socket and on 127.0.0.1:PORT with TLS; succeed once both answer,
# fail if dockerd exits (the port taken meanwhile, say)
launch_dockerd() {
  local port=$1 pid i dir=$DOCKER_TLS_DIR
  log "starting dockerd on unix://$DOCKER_SOCKET and tcp://127.0.0.1:$port with TLS (log: $SERVICES_DIR/dockerd.log)"
  # shellcheck disable=SC2086 # DOCKERD_ARGS is a list of options
  setsid nohup dockerd --host "unix://$DOCKER_SOCKET" --host "tcp://127.0.0.1:$port" --tlsverify \
    --tlscacert "$dir/ca.pem" --tlscert "$dir/server-cert.pem" --tlskey "$dir/server-key.pem" $DOCKERD_ARGS \
    >"$SERVICES_DIR/dockerd.log" 2>&1 </dev/null 9>&- &
  pid=$!
  echo "$pid" >"$PID_DIR/dockerd.pid"
  for ((i = 0; i < 120; i++)); do
    [[ -d /proc/$pid ]] || return 1
    if docker_answers && docker_tls_answers "$port"; then
      echo "$port" >"$dir/port"
      log "dockerd is up (TLS on 127.0.0.1:$port)"
      return 0
    fi
    sleep 0.5
  done
  echo "[services] dockerd did not answer within 60s; last lines of $SERVICES_DIR/dockerd.log:" >&2
  tail -n 40 "$SERVICES_DIR/dockerd.log" >&2 || true
  exit 1
}

# start_dockerd [force]: a dockerd on the socket and with its TLS listener; one that answers without the
# listener is restarted only if this script started it and it runs no container, or if forced
start_dockerd() {
  local port attempt running
  make_docker_tls
  if docker_answers; then
    if docker_tls_ok; then
      log "dockerd already answers on $DOCKER_SOCKET and with TLS on 127.0.0.1:$(docker_tls_port)"
      docker_tls_status=running
      return
    fi
    if ! pid_alive dockerd dockerd; then
      docker_tls_status="dockerd answers on $DOCKER_SOCKET without a TLS listener, and this script did not start it: it is left alone"
      log "$docker_tls_status"
      return
    fi
    running=$("$DOCKER_CLI" -H "unix://$DOCKER_SOCKET" ps -q | wc -l)
    if [[ ${1:-} != force && $running != 0 ]]; then
      docker_tls_status="dockerd answers on $DOCKER_SOCKET without a TLS listener but runs $running container(s), perhaps a test's: it is left alone (run .ci/services.sh restart-dockerd when no test runs)"
      log "$docker_tls_status"
      return
    fi
    log "dockerd runs without a TLS listener on 127.0.0.1 and ${running} container(s): restarting it with one"
    stop_one dockerd dockerd 40
  fi
  # A machine handed back after its processes were ended may keep pid files whose pids now belong to other
  # processes: dockerd would then refuse to start ("pid file found") or wait for a containerd that is not there.
  if [[ -z $DOCKERD_ARGS ]]; then
    remove_stale_pid_file /var/run/docker.pid dockerd
    remove_stale_pid_file /var/run/docker/containerd/containerd.pid containerd
  fi
  rm -f "$DOCKER_TLS_DIR/port"
  port=${DOCKER_TLS_PORT:-2376}
  for ((attempt = 0; attempt < 100; attempt++)); do
    if port_taken "$port"; then
      [[ -z $DOCKER_TLS_PORT ]] || die "dockerd: 127.0.0.1:$port is used by another program; choose another DOCKER_TLS_PORT"
      port=$((port + 1))
      continue
    fi
    if launch_dockerd "$port"; then
      docker_tls_status=running
      return
    fi
    rm -f "$PID_DIR/dockerd.pid"
    [[ -z $DOCKER_TLS_PORT ]] || { tail -n 20 "$SERVICES_DIR/dockerd.log" >&2; die "dockerd could not start"; }
    if ! grep -q "address already in use" "$SERVICES_DIR/dockerd.log"; then
      tail -n 20 "$SERVICES_DIR/dockerd.log" >&2
      die "dockerd exited at start (log: $SERVICES_DIR/dockerd.log)"
    fi
    log "dockerd could not listen on 127.0.0.1:$port (taken meanwhile); trying the next port"
    port=$((port + 1))
  done
  die "dockerd: no free port found from 127.0.0.1:2376"
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

plain_up() { [[ $(http_code "http://127.0.0.1:$1/v2/") == 200 ]]; }
auth_up() { [[ $(http_code "http://127.0.0.1:$1/v2/" -u "$REGISTRY_USER:$(cat "$PASSWORD_FILE")") == 200 ]]; }
tls_up() {
  [[ $(http_code "https://127.0.0.1:$1/v2/" --cacert "$CERT_FILE" -u "$REGISTRY_USER:$(cat "$PASSWORD_FILE")") == 200 ]]
}

# port_taken PORT: something accepts connections on 127.0.0.1:PORT (any program, any protocol)
port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# registry_port NAME: the port of the registry NAME last started here (empty if none)
registry_port() { cat "$SERVICES_DIR/$1/port" 2>/dev/null || true; }

# trust_certificate PORT: let dockerd (docker pull/push) and skopeo trust the TLS registry on PORT
trust_certificate() {
  local dir
  for dir in "/etc/docker/certs.d/127.0.0.1:$1" "/etc/containers/certs.d/127.0.0.1:$1"; do
    mkdir -p "$dir"
    cp "$CERT_FILE" "$dir/ca.crt"
  done
}

# start_registry NAME FIXED_PORT FIRST_PORT AUTH TLS CHECK: reuse the registry NAME if this script started it and it
# still answers; else start it on FIXED_PORT (if set, it must be free) or on the first free port from FIRST_PORT.
# A port taken between the check and the registry's bind makes the registry exit: then the next port is tried.
start_registry() {
  local name=$1 fixed=$2 first=$3 auth=$4 tls=$5 check=$6
  local dir=$SERVICES_DIR/$name port pid attempt i
  port=$(registry_port "$name")
  if [[ -n $port ]] && pid_alive "$name" docker-registry && { [[ -z $fixed ]] || [[ $fixed == "$port" ]]; } \
    && $check "$port"; then
    log "$name already running on 127.0.0.1:$port (started by this script)"
    if [[ $tls == yes ]]; then trust_certificate "$port"; fi
    return
  fi
  stop_one "$name" docker-registry 10
  rm -f "$dir/port"
  port=${fixed:-$first}
  for ((attempt = 0; attempt < 100; attempt++)); do
    if port_taken "$port"; then
      [[ -z $fixed ]] || die "$name: 127.0.0.1:$fixed is used by another program; stop it or choose another port"
      log "$name: 127.0.0.1:$port is used by another program; trying the next port"
      port=$((port + 1))
      continue
    fi
    write_registry_config "$name" "$port" "$auth" "$tls"
    if [[ $tls == yes ]]; then trust_certificate "$port"; fi
    log "starting $name on 127.0.0.1:$port (log: $dir/registry.log)"
    setsid nohup docker-registry serve "$dir/config.yml" >"$dir/registry.log" 2>&1 </dev/null 9>&- &
    pid=$!
    echo "$pid" >"$PID_DIR/$name.pid"
    for ((i = 0; i < 60; i++)); do
      if [[ ! -d /proc/$pid ]]; then break; fi
      if $check "$port"; then
        echo "$port" >"$dir/port"
        log "$name is up on 127.0.0.1:$port"
        return
      fi
      sleep 0.5
    done
    if [[ -d /proc/$pid ]]; then
      echo "[services] $name did not answer within 30s; last lines of $dir/registry.log:" >&2
      tail -n 40 "$dir/registry.log" >&2 || true
      exit 1
    fi
    rm -f "$PID_DIR/$name.pid"
    [[ -z $fixed ]] || { tail -n 20 "$dir/registry.log" >&2; die "$name could not start on 127.0.0.1:$fixed"; }
    log "$name exited at start on 127.0.0.1:$port (port taken meanwhile?); trying the next port"
    port=$((port + 1))
  done
  die "$name: no free port found from 127.0.0.1:$first"
}

# ---------------------------------------------------------------------------------------------- properties
write_properties() {
  local gid server_version api_version cli_version plain_port auth_port tls_port
  gid=$(stat -c %g "$DOCKER_SOCKET")
  server_version=$("$DOCKER_CLI" -H "unix://$DOCKER_SOCKET" version --format '{{.Server.Version}}')
  api_version=$("$DOCKER_CLI" -H "unix://$DOCKER_SOCKET" version --format '{{.Server.APIVersion}}')
  cli_version=$("$DOCKER_CLI" version --format '{{.Client.Version}}')
  tls_host=
  [[ $docker_tls_status == running ]] && tls_host=tcp://127.0.0.1:$(docker_tls_port)
  plain_port=$(registry_port registry-plain)
  auth_port=$(registry_port registry-auth)
  tls_port=$(registry_port registry-tls)
  cat >"$PROPERTIES_FILE.tmp" <<EOF
# Written by .ci/services.sh on $(date -u +%Y-%m-%dT%H:%M:%SZ); read by io.github.jenkinsdind.it.support.TestServices
services.dir=$SERVICES_DIR
docker.socket=$DOCKER_SOCKET
docker.host=unix://$DOCKER_SOCKET
docker.socket.gid=$gid
docker.server.version=$server_version
docker.server.api.version=$api_version
docker.cli=$DOCKER_CLI
docker.cli.version=$cli_version
docker.log=$SERVICES_DIR/dockerd.log
docker.tls.host=$tls_host
docker.tls.status=$docker_tls_status
docker.tls.certs=$DOCKER_TLS_DIR/client
docker.tls.wrongca.certs=$DOCKER_TLS_DIR/wrong-ca/client
docker.tls.ca=$DOCKER_TLS_DIR/ca.pem
registry.plain=127.0.0.1:$plain_port
registry.plain.log=$SERVICES_DIR/registry-plain/registry.log
registry.auth=127.0.0.1:$auth_port
registry.auth.log=$SERVICES_DIR/registry-auth/registry.log
registry.tls=127.0.0.1:$tls_port
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
  log "wrote $PROPERTIES_FILE (docker socket GID $gid, engine $server_version, API $api_version, CLI $cli_version;" \
    "TLS ${tls_host:-none: $docker_tls_status}; registries 127.0.0.1:$plain_port, :$auth_port, :$tls_port)"
}

# ---------------------------------------------------------------------------------------------- commands
start_all() {
  [[ $(id -u) == 0 ]] || die "run as root (it installs packages and starts dockerd)"
  mkdir -p "$SERVICES_DIR" "$PID_DIR"
  # one run at a time: two runs at once would each start a dockerd and the registries (the services started
  # below do not inherit the lock: 9>&-)
  exec 9>"$SERVICES_DIR/services.lock"
  flock -w 300 9 || die "another .ci/services.sh has held $SERVICES_DIR/services.lock for 5 minutes"
  install_packages
  find_docker_cli
  start_dockerd "${1:-}"
  make_credentials
  make_certificate
  start_registry registry-plain "$PLAIN_PORT" 5000 no no plain_up
  start_registry registry-auth "$AUTH_PORT" 5100 yes no auth_up
  start_registry registry-tls "$TLS_PORT" 5200 yes yes tls_up
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
  rm -f "$SERVICES_DIR"/registry-*/port
  stop_one dockerd dockerd 40
  rm -f "$PROPERTIES_FILE" "$DOCKER_TLS_DIR/port"
  log "stopped"
}

# registry_ok NAME CHECK: the registry NAME was started by this script, is running and answers
registry_ok() {
  local port
  port=$(registry_port "$1")
  [[ -n $port ]] && pid_alive "$1" docker-registry && $2 "$port"
}

status() {
  local ok=0
  [[ -f $PROPERTIES_FILE ]] && cat "$PROPERTIES_FILE"
  find_docker_cli >/dev/null
  docker_answers || { echo "dockerd: down"; ok=1; }
  docker_tls_ok || { echo "dockerd's TLS listener: down"; ok=1; }
  registry_ok registry-plain plain_up || { echo "plain registry: down"; ok=1; }
  [[ -s $PASSWORD_FILE ]] && registry_ok registry-auth auth_up || { echo "auth registry: down"; ok=1; }
  [[ -s $CERT_FILE ]] && registry_ok registry-tls tls_up || { echo "TLS registry: down"; ok=1; }
  return $ok
}

case "${1:-start}" in
  start) start_all ;;
  restart-dockerd) start_all force ;;
  stop) stop_all ;;
  status) status ;;
  *) die "unknown command '$1' (use start, stop, status or restart-dockerd)" ;;
esac
