#!/usr/bin/env bash
# Emulation of arm64 for the multi-platform tests: Debian's qemu-user-static, registered with binfmt_misc
# (mounted here if it is not) with the F flag, so that dockerd can run linux/arm64 images and the tests can
# execute an arm64 image's own binaries.
#
# Usage: .ci/emulation.sh   (idempotent; as root)
# Writes $SERVICES_DIR/emulation.properties: arm64=ready, or arm64=unavailable and reason=...
set -euo pipefail

SERVICES_DIR=${SERVICES_DIR:-/tmp/jenkins-dind-services}
PROPERTIES=$SERVICES_DIR/emulation.properties
BINFMT=/proc/sys/fs/binfmt_misc
CONF=/usr/lib/binfmt.d/qemu-aarch64.conf

log() { echo "[emulation] $*"; }
write() { mkdir -p "$SERVICES_DIR"; printf '%s\n' "$@" > "$PROPERTIES.tmp"; mv "$PROPERTIES.tmp" "$PROPERTIES"; }
unavailable() { log "arm64 emulation unavailable: $1"; write "arm64=unavailable" "reason=$1"; exit 0; }

if [[ "$(dpkg-query -W -f='${Status}' qemu-user-static 2>/dev/null || true)" != "install ok installed" ]]; then
  log "installing qemu-user-static"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends qemu-user-static >/dev/null \
    || unavailable "apt-get install qemu-user-static failed"
fi
[[ -f "$CONF" ]] || unavailable "$CONF is missing"
if [[ ! -f "$BINFMT/register" ]]; then
  mount -t binfmt_misc binfmt_misc "$BINFMT" 2>/dev/null || unavailable "binfmt_misc cannot be mounted here"
fi
if [[ ! -f "$BINFMT/qemu-aarch64" ]]; then
  grep -v '^#' "$CONF" > "$BINFMT/register" 2>/dev/null || unavailable "qemu-aarch64 cannot be registered"
fi
grep -q '^enabled' "$BINFMT/qemu-aarch64" || unavailable "qemu-aarch64 is registered but disabled"
write "arm64=ready" "interpreter=$(sed -n 's/^interpreter //p' "$BINFMT/qemu-aarch64")"
log "arm64 binaries run under qemu ($(sed -n 's/^flags: //p' "$BINFMT/qemu-aarch64"))"
