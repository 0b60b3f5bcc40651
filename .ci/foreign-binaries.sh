#!/usr/bin/env bash
# Real foreign-architecture static binaries for the multi-platform test fixtures: Debian's busybox-static for
# arm64 and ppc64el, downloaded with a private apt configuration and extracted with dpkg-deb.
#
# Usage (on Debian 12; root is not needed):
#   .ci/foreign-binaries.sh          download what is missing, write foreign.properties
#
# Nothing of the machine's apt or dpkg set-up changes: the sources list, the package lists, the cache and the
# architectures are all given on apt-get's command line (no `dpkg --add-architecture`, no file under /etc/apt).
# Idempotent and cached: a binary already extracted (and still a static ELF of the right machine) is kept, and
# a second run downloads nothing.
#
# Result (read by io.github.jenkinsdind.it.support.ForeignBinaries):
#   $SERVICES_DIR/foreign/<debian arch>/busybox      for arm64 and ppc64el
#   $SERVICES_DIR/foreign.properties                 busybox.<oci arch>=<path>, busybox.<oci arch>.version=...
#     (oci arch: arm64, ppc64le; Debian calls the latter ppc64el)
#
# Environment:
#   SERVICES_DIR    where to put them (default /tmp/jenkins-dind-services, as .ci/services.sh)
#   DEBIAN_MIRROR   the Debian mirror (default http://deb.debian.org/debian)
set -euo pipefail

SERVICES_DIR=${SERVICES_DIR:-/tmp/jenkins-dind-services}
DEBIAN_MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
FOREIGN_DIR=$SERVICES_DIR/foreign
APT_DIR=$FOREIGN_DIR/apt
PROPERTIES_FILE=$SERVICES_DIR/foreign.properties
# Debian architecture -> OCI architecture, and the ELF e_machine of its binaries (183 EM_AARCH64, 21 EM_PPC64)
declare -A OCI_ARCH=([arm64]=arm64 [ppc64el]=ppc64le)
declare -A ELF_MACHINE=([arm64]=183 [ppc64el]=21)
ARCHES=(arm64 ppc64el)

log() { echo "[foreign] $*"; }
die() { echo "[foreign] ERROR: $*" >&2; exit 1; }

# elf_header FILE: its first 20 bytes as decimal numbers ("127 69 76 70 2 1 ..."), empty if unreadable
elf_header() { od -An -tu1 -N20 "$1" 2>/dev/null | tr -s ' \n' ' ' | sed 's/^ //; s/ $//'; }

# good_binary ARCH FILE: FILE is a 64-bit little-endian ELF file for ARCH's machine (busybox-static is static
# by construction)
good_binary() {
  local bytes
  [[ -s $2 ]] || return 1
  read -r -a bytes <<<"$(elf_header "$2")"
  ((${#bytes[@]} == 20)) || return 1
  [[ "${bytes[*]:0:6}" == "127 69 76 70 2 1" ]] || return 1
  ((bytes[18] + 256 * bytes[19] == ELF_MACHINE[$1]))
}

apt_private() {
  apt-get -q \
    -o Dir::Etc::sourcelist="$APT_DIR/sources.list" \
    -o Dir::Etc::sourceparts=- \
    -o Dir::Etc::preferencesparts=- \
    -o Dir::State::Lists="$APT_DIR/lists" \
    -o Dir::Cache="$APT_DIR/cache" \
    -o Debug::NoLocking=1 \
    -o APT::Architectures::=arm64 \
    -o APT::Architectures::=ppc64el \
    "$@"
}

command -v dpkg-deb >/dev/null || die "dpkg-deb is missing"
[[ -r $KEYRING ]] || die "$KEYRING is missing (apt-get install debian-archive-keyring)"

missing=()
for arch in "${ARCHES[@]}"; do
  if good_binary "$arch" "$FOREIGN_DIR/$arch/busybox"; then
    log "busybox for $arch present: $FOREIGN_DIR/$arch/busybox"
  else
    missing+=("$arch")
  fi
done

if ((${#missing[@]} > 0)); then
  mkdir -p "$APT_DIR/lists/partial" "$APT_DIR/cache/archives/partial" "$APT_DIR/debs"
  echo "deb [arch=arm64,ppc64el signed-by=$KEYRING] $DEBIAN_MIRROR bookworm main" >"$APT_DIR/sources.list"
  log "reading the package lists of bookworm for ${missing[*]} (private apt configuration in $APT_DIR)"
  apt_private update >"$APT_DIR/update.log" 2>&1 \
    || { tail -n 20 "$APT_DIR/update.log" >&2; die "apt-get update failed (log: $APT_DIR/update.log)"; }
  for arch in "${missing[@]}"; do
    rm -f "$APT_DIR/debs"/busybox-static_*_"$arch".deb
    (cd "$APT_DIR/debs" && apt_private download "busybox-static:$arch") >"$APT_DIR/download-$arch.log" 2>&1 \
      || { cat "$APT_DIR/download-$arch.log" >&2; die "apt-get download busybox-static:$arch failed"; }
    deb=$(ls "$APT_DIR/debs"/busybox-static_*_"$arch".deb)
    tree=$(mktemp -d "$FOREIGN_DIR/extract.XXXXXX")
    dpkg-deb -x "$deb" "$tree"
    good_binary "$arch" "$tree/bin/busybox" \
      || die "$deb holds no 64-bit ELF bin/busybox of machine ${ELF_MACHINE[$arch]}: $(elf_header "$tree/bin/busybox")"
    mkdir -p "$FOREIGN_DIR/$arch"
    dpkg-deb -f "$deb" Version >"$FOREIGN_DIR/$arch/version"
    # atomic: a reader sees the old binary or the whole new one
    mv "$tree/bin/busybox" "$FOREIGN_DIR/$arch/busybox.new"
    mv "$FOREIGN_DIR/$arch/busybox.new" "$FOREIGN_DIR/$arch/busybox"
    rm -rf "$tree"
    log "busybox for $arch: $FOREIGN_DIR/$arch/busybox ($(cat "$FOREIGN_DIR/$arch/version"))"
  done
fi

{
  echo "# Written by .ci/foreign-binaries.sh; read by io.github.jenkinsdind.it.support.ForeignBinaries"
  for arch in "${ARCHES[@]}"; do
    echo "busybox.${OCI_ARCH[$arch]}=$FOREIGN_DIR/$arch/busybox"
    echo "busybox.${OCI_ARCH[$arch]}.version=$(cat "$FOREIGN_DIR/$arch/version" 2>/dev/null || echo unknown)"
  done
} >"$PROPERTIES_FILE.new"
mv "$PROPERTIES_FILE.new" "$PROPERTIES_FILE"
log "wrote $PROPERTIES_FILE"
