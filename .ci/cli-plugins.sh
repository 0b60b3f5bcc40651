#!/usr/bin/env bash
# Real docker CLI plugins for the integration tests: Debian 13 (trixie)'s docker-buildx, docker-compose and
# docker-cli packages, fetched with a private apt configuration (the machine's sources and dpkg state are not
# touched) and unpacked, never installed. The binaries are dynamically linked against glibc: they run on the
# Debian machine and inside Debian-based images, which is where the tests use them.
#
# Usage: .ci/cli-plugins.sh   (idempotent; the packages are cached under $SERVICES_DIR/cli-plugins)
#
# Writes $SERVICES_DIR/cli-plugins.properties:
#   buildx.file buildx.version  compose.file compose.version  cli.file cli.version

set -euo pipefail

SERVICES_DIR=${SERVICES_DIR:-/tmp/jenkins-dind-services}
DIR=$SERVICES_DIR/cli-plugins
APT=$DIR/apt
PROPERTIES=$SERVICES_DIR/cli-plugins.properties
PACKAGES=(docker-buildx docker-compose docker-cli)

log() { echo "[cli-plugins] $*"; }
die() { echo "[cli-plugins] ERROR: $*" >&2; exit 1; }

apt_private() {
  apt-get -q \
    -o Dir::Etc::sourcelist="$APT/sources.list" -o Dir::Etc::sourceparts=- \
    -o Dir::State::Lists="$APT/lists" -o Dir::Cache="$APT/cache" \
    -o Dir::State::status=/var/lib/dpkg/status -o APT::Get::List-Cleanup=0 "$@"
}

fetch() {
  mkdir -p "$APT/lists/partial" "$APT/cache/archives/partial" "$DIR/debs" "$DIR/root"
  [[ -f /usr/share/keyrings/debian-archive-keyring.gpg ]] || die "debian-archive-keyring is missing"
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main" \
    > "$APT/sources.list"
  if ! ls "$DIR"/debs/docker-buildx_*.deb "$DIR"/debs/docker-compose_*.deb "$DIR"/debs/docker-cli_*.deb \
      >/dev/null 2>&1; then
    log "fetching ${PACKAGES[*]} from Debian 13 (private apt lists in $APT)"
    apt_private update >/dev/null
    # apt's _apt user may not write here: it then downloads as root, and says so on stderr
    (cd "$DIR/debs" && apt_private download "${PACKAGES[@]}" >/dev/null 2>"$APT/download.log") \
      || { cat "$APT/download.log" >&2; die "apt-get download failed"; }
  fi
  local deb
  if [[ ! -f "$DIR/root/.unpacked" ]]; then
    for deb in "$DIR"/debs/*.deb; do
      dpkg-deb -x "$deb" "$DIR/root"
    done
    touch "$DIR/root/.unpacked"
  fi
}

version_of() { # package -> Debian version without epoch and revision, e.g. 0.13.1
  local deb
  deb=$(ls "$DIR"/debs/"$1"_*.deb | head -n 1)
  dpkg-deb -f "$deb" Version | sed -e 's/^[0-9]*://' -e 's/[-+].*$//'
}

find_plugin() { # name -> path of docker-NAME under the unpacked tree's cli-plugins directory
  find "$DIR/root/usr" -type f -name "docker-$1" -path '*/docker/cli-plugins/*' | head -n 1
}

main() {
  fetch
  local buildx compose cli
  buildx=$(find_plugin buildx)
  compose=$(find_plugin compose)
  cli=$DIR/root/usr/bin/docker
  [[ -x "$buildx" ]] || die "no docker-buildx in the docker-buildx package"
  [[ -x "$compose" ]] || die "no docker-compose in the docker-compose package"
  [[ -x "$cli" ]] || die "no docker in the docker-cli package"
  # they must run here: the tests run them on this machine and in Debian-based images
  DOCKER_CONFIG=$DIR/config "$cli" --version >/dev/null || die "$cli does not run here"
  mkdir -p "$DIR/config/cli-plugins"
  ln -sf "$buildx" "$DIR/config/cli-plugins/docker-buildx"
  ln -sf "$compose" "$DIR/config/cli-plugins/docker-compose"
  DOCKER_CONFIG=$DIR/config "$cli" buildx version >/dev/null || die "buildx does not run here"
  DOCKER_CONFIG=$DIR/config "$cli" compose version >/dev/null || die "compose does not run here"
  {
    echo "buildx.file=$buildx"
    echo "buildx.version=$(version_of docker-buildx)"
    echo "compose.file=$compose"
    echo "compose.version=$(version_of docker-compose)"
    echo "cli.file=$cli"
    echo "cli.version=$(version_of docker-cli)"
  } > "$PROPERTIES.tmp"
  mv "$PROPERTIES.tmp" "$PROPERTIES"
  log "buildx $(version_of docker-buildx), compose $(version_of docker-compose), docker CLI $(version_of docker-cli): $PROPERTIES"
}

main "$@"
