# Shared by the benchmark scripts (sourced, not run).
#
# BENCH_HOME     work and cache directory (default /tmp/jenkins-dind-bench): the base's data, per-run caches, logs
# SERVICES_DIR   where .ci/services.sh keeps services.properties (default /tmp/jenkins-dind-services)
# BENCH_BASE     which base: random (default; random data over a busybox root filesystem) or debian (the same layers
#                over a Debian bookworm root filesystem made by debootstrap --variant=minbase, cached in BENCH_HOME)

BENCH_HOME=${BENCH_HOME:-/tmp/jenkins-dind-bench}
SERVICES_DIR=${SERVICES_DIR:-/tmp/jenkins-dind-services}
SERVICES_PROPERTIES=$SERVICES_DIR/services.properties

log() { echo "[bench] $*" >&2; }
die() { echo "[bench] ERROR: $*" >&2; exit 1; }

# property KEY: a value of services.properties
property() {
  [[ -f $SERVICES_PROPERTIES ]] || die "no $SERVICES_PROPERTIES; perhaps you should run 'bash .ci/services.sh' first"
  sed -n "s/^$1=//p" "$SERVICES_PROPERTIES" | tail -n 1
}

REGISTRY=$(property registry.plain)
REGISTRY_LOG=$(property registry.plain.log)
BENCH_BASE=${BENCH_BASE:-random}
case $BENCH_BASE in
  random) BASE_REPOSITORY=bench/jenkins BASE_DIR=$BENCH_HOME/base ;;
  debian) BASE_REPOSITORY=bench/jenkins-debian BASE_DIR=$BENCH_HOME/base-debian ;;
  *) die "BENCH_BASE must be random or debian, not '$BENCH_BASE'; perhaps you should unset it (random is the default)" ;;
esac
BASE_JSON=$BASE_DIR/base.json
BASE_TAG=base
BASE_REF=$REGISTRY/$BASE_REPOSITORY:$BASE_TAG
