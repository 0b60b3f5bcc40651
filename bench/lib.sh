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

# installed_jars: the sha256 of the installed plugin and core jars (a run must measure one build of the code)
installed_jars() { cat "$PLUGIN_JAR" "$CORE_JAR" | sha256sum | cut -c1-64; }

# install_plugin [BUILD_DIR]: this checkout's core and plugin, built (in BUILD_DIR, target-bench by default) and
# installed into the benchmark's own Maven repository, $M2_REPOSITORY; the caller sets it, REPO_DIR, RUN_DIR,
# PLUGIN_JAR and CORE_JAR
install_plugin() {
  local build_dir=${1:-target-bench}
  if [[ ! -d $M2_REPOSITORY ]]; then
    log "seeding $M2_REPOSITORY from ~/.m2/repository (once)"
    mkdir -p "$M2_REPOSITORY.tmp"
    if [[ -d $HOME/.m2/repository ]]; then cp -a "$HOME/.m2/repository/." "$M2_REPOSITORY.tmp/"; fi
    rm -rf "$M2_REPOSITORY.tmp/io/github/jenkinsdind"
    mv "$M2_REPOSITORY.tmp" "$M2_REPOSITORY"
  fi
  BUILT_COMMIT=$(git -C "$REPO_DIR" rev-parse --short HEAD 2>/dev/null || echo unknown)
  BUILT_CHANGED=$(git -C "$REPO_DIR" status --porcelain -- jenkins-dind-core jenkins-dind-maven-plugin pom.xml \
    2>/dev/null | wc -l)
  log "building the plugin from $REPO_DIR (commit $BUILT_COMMIT, $BUILT_CHANGED changed files not committed)"
  mvn -B -q -f "$REPO_DIR/pom.xml" -Dmaven.repo.local="$M2_REPOSITORY" -Djd.buildDir="$build_dir" \
    -pl jenkins-dind-core,jenkins-dind-maven-plugin -am install -DskipTests >"$RUN_DIR/logs/install.log" 2>&1 \
    || { tail -n 30 "$RUN_DIR/logs/install.log" >&2; die "could not build the plugin (log: $RUN_DIR/logs/install.log)"; }
  [[ -f $PLUGIN_JAR && -f $CORE_JAR ]] || die "mvn install left no $PLUGIN_JAR"
}
