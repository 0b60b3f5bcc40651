#!/usr/bin/env bash
# The two-platform benchmark: a cold registry build of linux/amd64 and linux/arm64 against a cold one-platform build,
# and a warm two-platform rebuild, on the real local registry (issue 14's performance targets).
#
# Usage (as root, from anywhere):
#   bash .ci/services.sh                 # the registry on 127.0.0.1:5000 (once)
#   bash bench/platforms.sh [RUNS]       # RUNS cold runs of each kind and RUNS warm runs, default 5
#
# What it does (bench/README.md says more):
#   0. builds and installs the plugin from this checkout into the benchmark's own Maven repository, $BENCH_HOME/m2,
#      as bench/run.sh does (build directory target-bench);
#   1. bench/platforms/make-base.sh makes the two-platform base 127.0.0.1:5000/bench/jenkins-multi:base (a Docker
#      manifest list: bench/jenkins:base as linux/amd64, the same layers over Debian's aarch64 busybox as linux/arm64;
#      kept and reused while the registry has it);
#   2. stages the docker CLI as file: downloads, one tgz per architecture in Docker's layout
#      ($RUN_DIR/cli/{arch}/docker-{version}.tgz): x86_64 is the machine's static CLI (/usr/local/bin/docker, as
#      bench/run.sh); aarch64 is a stand-in, Debian's static aarch64 busybox with the x86_64 CLI's bytes appended (an
#      aarch64 ELF, which is what the build checks, as big and as compressible as a real CLI: no aarch64 docker CLI is
#      on the machine, and the benchmark downloads nothing from the internet);
#   3. for each run i, in alternating order (one first in odd runs, two first in even runs), with a new repository
#      and a new, empty cacheDirectory each:
#        one-cold  mvn jenkins-dind:build -Djenkins-dind.platform=linux/amd64
#        two-cold  mvn jenkins-dind:build -Djenkins-dind.platforms=linux/amd64,linux/arm64
#      then, for each i, two-warm: the two-cold command again with run i's cache, the CLI's tgz files moved away
#      first (a run that downloaded, or even looked at, a CLI source would fail), and the log searched for downloads;
#   4. records the wall time, the goal's own time (`Built ... in X s`), the bytes pulled from the registry and the
#      layer GETs (its access log), the digests (the index's and each platform's, from target/jenkins-dind/image.json);
#      writes bench/results/platforms-<timestamp>.json and .md and regenerates docs/performance/platforms.md
#      (BENCH_NO_DOCS=1 leaves it alone).
#
# Environment: BENCH_HOME (default /tmp/jenkins-dind-bench), BENCH_NO_DOCS=1, the base's sizes of bench/make-base.sh,
# BENCH_M2 (the Maven repository the plugin is installed into, default $BENCH_HOME/m2 as bench/run.sh's: set it to
# another directory while another benchmark script runs, which installs its own checkout there).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)
# shellcheck source=bench/lib.sh
BENCH_BASE=random source "$BENCH_DIR/lib.sh"

RUNS=${1:-5}
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive number, not '$RUNS' (usage: bash bench/platforms.sh [RUNS])"

PLUGIN_VERSION=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' "$REPO_DIR/pom.xml" | head -n 1)
M2_REPOSITORY=${BENCH_M2:-$BENCH_HOME/m2}
M2_PROJECT=$M2_REPOSITORY/io/github/jenkinsdind
PLUGIN_JAR=$M2_PROJECT/jenkins-dind-maven-plugin/$PLUGIN_VERSION/jenkins-dind-maven-plugin-$PLUGIN_VERSION.jar
CORE_JAR=$M2_PROJECT/jenkins-dind-core/$PLUGIN_VERSION/jenkins-dind-core-$PLUGIN_VERSION.jar
DOCKER_CLI=/usr/local/bin/docker
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RUN_DIR=$BENCH_HOME/runs/platforms-$STAMP
RECORDS=$RUN_DIR/records.jsonl
MULTI_JSON=$BENCH_HOME/multi/multi.json
MULTI_REF=$REGISTRY/bench/jenkins-multi:base
RUN_REPOSITORY=bench/platforms-$(tr '[:upper:]' '[:lower:]' <<<"$STAMP")
TWO=linux/amd64,linux/arm64

now() { date +%s.%N; }
seconds_between() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
log_offset() { stat -c %s "$REGISTRY_LOG"; }

require_tools() {
  [[ -x /usr/bin/time ]] || die "no /usr/bin/time; perhaps you should run 'apt-get install time'"
  command -v jq >/dev/null || die "no jq; perhaps you should run 'apt-get install jq'"
  [[ -x $DOCKER_CLI ]] || die "no static docker CLI at $DOCKER_CLI"
  curl -fsS -o /dev/null "http://$REGISTRY/v2/" || die "no registry on $REGISTRY; perhaps you should run 'bash .ci/services.sh'"
  [[ -r $REGISTRY_LOG ]] || die "cannot read the registry's access log '$REGISTRY_LOG' (registry.plain.log)"
}


# stage_cli: the docker CLI of each architecture as a tgz in Docker's layout, for file: downloads
stage_cli() {
  local busybox staging
  DOCKER_VERSION=$("$DOCKER_CLI" version --format '{{.Client.Version}}' 2>/dev/null || true)
  [[ -n $DOCKER_VERSION ]] || DOCKER_VERSION=$("$DOCKER_CLI" --version | sed -n 's/^Docker version \([^,]*\),.*/\1/p')
  busybox=$(sed -n 's/^busybox.arm64=//p' "$SERVICES_DIR/foreign.properties" | tail -n 1)
  [[ -s $busybox ]] || die "no arm64 busybox (bench/platforms/make-base.sh fetches it with .ci/foreign-binaries.sh)"
  for arch in x86_64 aarch64; do
    staging=$RUN_DIR/cli/staging-$arch
    mkdir -p "$staging/docker" "$RUN_DIR/cli/$arch"
    if [[ $arch == x86_64 ]]; then
      cp "$DOCKER_CLI" "$staging/docker/docker"
    else
      cat "$busybox" "$DOCKER_CLI" >"$staging/docker/docker"
    fi
    chmod 0755 "$staging/docker/docker"
    tar -C "$staging" --owner=0 --group=0 --numeric-owner --mtime=@0 -czf "$RUN_DIR/cli/$arch/docker-$DOCKER_VERSION.tgz" docker
    rm -rf "$staging"
  done
  jq -r '.platforms[].layers[].digest' "$MULTI_JSON" | sort -u >"$RUN_DIR/base-layers.txt"
  mvn -B -q -f "$BENCH_DIR/project/pom.xml" -Dmaven.repo.local="$M2_REPOSITORY" jenkins-dind:help \
    -Djenkins-dind.plugin.version="$PLUGIN_VERSION" -Dbench.buildDir="$RUN_DIR/maven/help" \
    >"$RUN_DIR/logs/maven-warm-up.log" 2>&1 || die "Maven cannot run the plugin (see $RUN_DIR/logs/maven-warm-up.log)"
}

# registry_traffic FROM TO: what the access log says about the base's repository and this run's between two offsets
# (the registry is shared: other benchmarks' requests are left out, even for the same blobs): requests,
# bytes pulled (GET 200/206 on manifests and blobs), layer GETs of the base (either platform's layers), distinct ones,
# manifest GETs, blobs mounted, blobs pushed
registry_traffic() {
  tail -c "+$(($1 + 1))" "$REGISTRY_LOG" | head -c "$(($2 - $1))" | awk -v layers="$RUN_DIR/base-layers.txt" \
    -v base="/v2/bench/jenkins-multi/" -v target="/v2/$RUN_REPOSITORY/" '
    BEGIN { while ((getline d < layers) > 0) layer[d] = 1 }
    $0 !~ /^[^ ]+ - [^ ]+ \[[^]]*\] "/ { next }
    {
      split($0, q, "\""); split(q[2], r, " "); split(q[3], s, " ")
      method = r[1]; uri = r[2]; status = s[1]; bytes = (s[2] == "-" ? 0 : s[2] + 0)
      # only the base and this run: other benchmarks may use the registry meanwhile
      if (index(uri, base) != 1 && index(uri, target) != 1) next
      requests++
      if (method == "GET" && (status == 200 || status == 206)) {
        pulled += bytes
        if (match(uri, /\/blobs\/sha256:[0-9a-f]+/)) {
          d = substr(uri, RSTART + 7, RLENGTH - 7)
          if (d in layer) { layerGets++; layerBytes += bytes; if (!(d in seen)) { seen[d] = 1; distinct++ } }
        } else if (uri ~ /\/manifests\//) { manifests++ }
      }
      if (method == "POST" && status == 201 && uri ~ /[?&]mount=/) mounted++
      if (method == "PUT" && status == 201 && uri ~ /\/blobs\/uploads\//) pushed++
    }
    END {
      printf "{\"requests\":%d,\"pulledBytes\":%d,\"layerGets\":%d,\"layerBytes\":%d,\"distinctLayers\":%d,", requests, pulled, layerGets, layerBytes, distinct
      printf "\"manifestGets\":%d,\"mountedBlobs\":%d,\"pushedBlobs\":%d}\n", manifests, mounted, pushed
    }'
}

# build KIND(one|two) PHASE(cold|warm) ITERATION
build() {
  local kind=$1 phase=$2 i=$3 scenario=$1-$2 out cache build image start end from to status=ok goal digest
  local platforms_json='{}' downloads rss
  out=$RUN_DIR/logs/$scenario-$i.log
  cache=$RUN_DIR/cache/$kind-$i
  build=$RUN_DIR/maven/$scenario-$i
  image=$REGISTRY/$RUN_REPOSITORY/$kind-$i:1
  local platform_args=(-Djenkins-dind.platform=linux/amd64)
  [[ $kind == two ]] && platform_args=(-Djenkins-dind.platforms="$TWO")
  [[ $phase == cold ]] && rm -rf "$cache"
  mkdir -p "$cache"
  sync
  from=$(log_offset)
  start=$(now)
  # rebuild=true: a warm run is a warm build, not the unchanged-rebuild check (bench/run.sh measures that)
  /usr/bin/time -v -o "$out.time" mvn -B -f "$BENCH_DIR/project/pom.xml" -Dmaven.repo.local="$M2_REPOSITORY" jenkins-dind:build \
    -Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS \
    -Djenkins-dind.plugin.version="$PLUGIN_VERSION" -Dbench.buildDir="$build" \
    -Djenkins-dind.from="$MULTI_REF" "${platform_args[@]}" -Djenkins-dind.target=registry -Djenkins-dind.image="$image" \
    -Djenkins-dind.allowInsecureRegistries=true -Djenkins-dind.dockerVersion="$DOCKER_VERSION" \
    -Djenkins-dind.dockerClientUrl="file://$RUN_DIR/cli/{arch}/docker-{version}.tgz" \
    -Djenkins-dind.cliPlugins=none -Djenkins-dind.rebuild=true -Djenkins-dind.cacheDirectory="$cache" >"$out" 2>&1 || status=failed
  end=$(now)
  sleep 1
  to=$(log_offset)
  goal=$(sed -n 's/.*Built .* in \([0-9.]*\) s.*/\1/p' "$out" | tail -n 1)
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): \([0-9]*\).*/\1/p' "$out.time")
  # a download shows as "Downloading ..." (the core's, or Maven's), or as the progress of one
  downloads=$(grep -cE 'Downloading |Downloaded from |downloading [^:]*: [0-9]+%' "$out" || true)
  if [[ $status == ok ]]; then
    digest=$(cat "$build/jenkins-dind/image.digest")
    [[ -f $build/jenkins-dind/image.json ]] && platforms_json=$(jq -c '.platforms // {}' "$build/jenkins-dind/image.json")
  fi
  jq -nc --arg k "$kind" --arg p "$phase" --argjson i "$i" --arg st "$status" --argjson w "$(seconds_between "$start" "$end")" \
    --arg g "${goal:-}" --arg d "${digest:-}" --argjson pl "$platforms_json" --arg r "${rss:-}" --arg log "$out" \
    --argjson dl "${downloads:-0}" --argjson t "$(registry_traffic "$from" "$to")" \
    '{kind: $k, phase: $p, run: $i, status: $st, wall: $w, goal: (if $g == "" then null else ($g | tonumber) end),
      digest: $d, platforms: $pl, rssKb: (if $r == "" then null else ($r | tonumber) end), downloadLines: $dl,
      log: $log, traffic: $t}' >>"$RECORDS"
  log "$scenario #$i: $status in $(seconds_between "$start" "$end") s (goal ${goal:-?} s)"
}

environment_json() {
  jq -n --arg stamp "$STAMP" --argjson runs "$RUNS" --arg cpu "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)" \
    --arg nproc "$(nproc)" --arg loadStart "$LOAD_START" --arg loadEnd "$(cut -d' ' -f1-3 /proc/loadavg)" \
    --arg java "$(java -version 2>&1 | head -n 1)" --arg maven "$(mvn -v 2>/dev/null | head -n 1 | sed 's/\x1b\[[0-9;]*m//g')" \
    --arg registry "$(docker-registry --version 2>/dev/null | head -n 1)" --arg cli "$DOCKER_VERSION" \
    --arg commit "$BUILT_COMMIT" --argjson dirty "$BUILT_CHANGED" --arg jarsStart "$JARS_START" --arg jarsEnd "$(installed_jars)" \
    --arg command "bash bench/platforms.sh $RUNS" --arg total "$(seconds_between "$T0" "$(now)")" \
    '{stamp: $stamp, runs: $runs, cpu: $cpu, nproc: $nproc, loadStart: $loadStart, loadEnd: $loadEnd, java: $java,
      maven: $maven, registry: $registry, cli: $cli, commit: $commit, changedFiles: $dirty, jarsStart: $jarsStart,
      jarsEnd: $jarsEnd, command: $command, totalSeconds: ($total | tonumber)}'
}

main() {
  require_tools
  mkdir -p "$RUN_DIR"/{logs,cache,maven,cli}
  T0=$(now)
  install_plugin
  JARS_START=$(installed_jars)
  LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
  bash "$BENCH_DIR/platforms/make-base.sh"
  stage_cli
  : >"$RECORDS"
  log "runs: $RUNS cold runs of each kind, then $RUNS warm two-platform runs; work directory $RUN_DIR"
  local i
  for ((i = 1; i <= RUNS; i++)); do
    if ((i % 2)); then build one cold "$i"; build two cold "$i"; else build two cold "$i"; build one cold "$i"; fi
  done
  # warm: every CLI source moved away, so that a run that fetched (or looked at) one would fail
  mv "$RUN_DIR/cli" "$RUN_DIR/cli.away"
  for ((i = 1; i <= RUNS; i++)); do build two warm "$i"; done
  mv "$RUN_DIR/cli.away" "$RUN_DIR/cli"
  rm -rf "$RUN_DIR/cache" "$RUN_DIR/maven"
  environment_json >"$RUN_DIR/environment.json"
  mkdir -p "$BENCH_DIR/results"
  local result=$BENCH_DIR/results/platforms-$STAMP
  jq -s --slurpfile env "$RUN_DIR/environment.json" --slurpfile base "$MULTI_JSON" \
    '{environment: $env[0], base: $base[0], records: .}' "$RECORDS" >"$result.json"
  bash "$BENCH_DIR/platforms/report.sh" "$result.json" >"$result.md"
  if [[ ${BENCH_NO_DOCS:-} != 1 ]]; then
    mkdir -p "$REPO_DIR/docs/performance"
    cp "$result.md" "$REPO_DIR/docs/performance/platforms.md"
    log "wrote docs/performance/platforms.md"
  fi
  log "results: $result.md and .json (logs: $RUN_DIR/logs)"
}

main
