#!/usr/bin/env bash
# The Jenkins plugins benchmark (issue 15's performance targets): jenkins-dind's build goal with 50 plugins from a
# stand-in update center on loopback, against the same build without plugins.
#
# Usage (as root, from anywhere):
#   bash .ci/services.sh                 # dockerd and the registry on 127.0.0.1:5000 (once)
#   bash bench/plugins.sh [RUNS]         # RUNS runs of each scenario, default 5
#
# What it does (bench/README.md says more):
#   0. builds and installs the plugin from this checkout into the benchmark's own Maven repository, $BENCH_HOME/m2,
#      as bench/run.sh does (build directory target-bench-plugins; BENCH_M2=DIR installs it elsewhere, for when another
#      benchmark script runs at the same time);
#   1. the Jenkins-shaped base 127.0.0.1:5000/bench/jenkins:base, whatever the registry has under that tag (else
#      bench/make-base.sh makes it), read by digest for the whole run. Its war is random bytes, so it tells no Jenkins
#      version: the builds set jenkinsVersion (BENCH_JENKINS_VERSION, default 2.462.3);
#   2. bench/plugins/fixture.py makes 50 real .hpi files (once, kept in $BENCH_HOME/plugins/fixture-1: the same bytes
#      and digests on every rerun): 15 top-level plugins pulling 35 libraries through chains and diamonds, most of
#      50 KB to 2 MB, 5 of 5 to 10 MB, 63 MB in all; bench/plugins/serve.py serves them on 127.0.0.1 (the first free
#      port from BENCH_UC_PORT, default 5480) with update-center.actual.json and plugin-versions.json in the real
#      format (sha256 in base64), and logs every request with its start and end time;
#   3. one cache directory for the whole benchmark, warmed once by a build without plugins and one with them (not
#      measured); then for each run i (the order of the two sides swaps every run), target=registry:
#        none-first   no plugins, to a new repository bench/plugins-<stamp>/none-<i>
#        none-warm    the same again (a warm rebuild: nothing changed, every blob is in the repository)
#        cold         the 15 plugins (50 with their dependencies), with the cache's plugin part deleted
#                     (<cacheDirectory>/jenkins-plugins: update center, resolution, files; the base's and Jib's
#                     caches stay warm), to a new repository bench/plugins-<stamp>/p50-<i>
#        warm         the same again: a warm rebuild with 50 plugins
#        warm-lock    the same with pluginsLockFile (the plugins.lock the warm-up wrote): no update center needed
#        none-warm-jvm, warm-jvm   none-warm and warm with the goal twice in one mvn command: the second goal's time
#        curl         the largest plugin file alone, curl from the stand-in to /dev/null, 3 times
#      and records the wall time, the goal's own time (`Built … in X s`), the plugins' phases (`Jenkins plugins
#      ready: 50 in X s (update center, waiting for the base, resolution, files)`), the download summary (`Downloaded 50
#      Jenkins plugin(s), X MB, in Y s; the slowest was …`), the stand-in's requests (files and JSON) and the peak
#      number of plugin files in flight at once, and the digest;
#   4. writes docs/performance/plugins.md (BENCH_NO_DOCS=1 leaves it alone) and bench/results/plugins-<stamp>.md and
#      .json (not committed); the logs stay in $BENCH_HOME/runs/plugins-<stamp>/logs.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)
# shellcheck source=bench/lib.sh
source "$BENCH_DIR/lib.sh"

RUNS=${1:-5}
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive number, not '$RUNS' (usage: bash bench/plugins.sh [RUNS])"

PLUGIN_VERSION=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' "$REPO_DIR/pom.xml" | head -n 1)
M2_REPOSITORY=${BENCH_M2:-$BENCH_HOME/m2}
M2_PROJECT=$M2_REPOSITORY/io/github/jenkinsdind
PLUGIN_JAR=$M2_PROJECT/jenkins-dind-maven-plugin/$PLUGIN_VERSION/jenkins-dind-maven-plugin-$PLUGIN_VERSION.jar
CORE_JAR=$M2_PROJECT/jenkins-dind-core/$PLUGIN_VERSION/jenkins-dind-core-$PLUGIN_VERSION.jar
DOCKER_CLI=/usr/local/bin/docker
JENKINS_VERSION=${BENCH_JENKINS_VERSION:-2.462.3}
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RUN_DIR=$BENCH_HOME/runs/plugins-$STAMP
RECORDS=$RUN_DIR/records.jsonl
FIXTURE=$BENCH_HOME/plugins/fixture-1
UC_LOG=$RUN_DIR/update-center.log
UC_PID=
UC=
CACHE=$RUN_DIR/cache
REPOSITORY=bench/plugins-$(tr '[:upper:]' '[:lower:]' <<<"$STAMP")
TOP_PLUGINS=

require_tools() {
  local tool
  for tool in mvn jq curl python3 docker /usr/bin/time; do
    command -v "$tool" >/dev/null || die "$tool is missing"
  done
  [[ -x $DOCKER_CLI ]] || die "no docker CLI at $DOCKER_CLI"
  curl -fsS -o /dev/null "http://$REGISTRY/v2/" || die "no registry at $REGISTRY; perhaps you should run 'bash .ci/services.sh'"
}

now() { date +%s.%N; }
seconds_between() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
uc_offset() { stat -c %s "$UC_LOG"; }

# start_update_center: the stand-in on the first free port from BENCH_UC_PORT; sets UC (its base URL)
start_update_center() {
  local port=${BENCH_UC_PORT:-5480} attempt i
  : >"$UC_LOG"
  for ((attempt = 0; attempt < 50; attempt++, port++)); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue
    setsid python3 "$BENCH_DIR/plugins/serve.py" "$FIXTURE" "$port" "$UC_LOG" >"$RUN_DIR/logs/update-center.out" 2>&1 </dev/null &
    UC_PID=$!
    for ((i = 0; i < 40; i++)); do
      [[ -d /proc/$UC_PID ]] || break
      if curl -fsS -o /dev/null "http://127.0.0.1:$port/update-center.actual.json" 2>/dev/null; then
        UC=http://127.0.0.1:$port
        : >"$UC_LOG"
        log "stand-in update center on $UC (pid $UC_PID, log $UC_LOG)"
        return
      fi
      sleep 0.25
    done
    UC_PID=
  done
  die "no free port for the stand-in update center from ${BENCH_UC_PORT:-5480}; perhaps you should set BENCH_UC_PORT"
}

stop_update_center() {
  if [[ -n $UC_PID ]] && [[ -d /proc/$UC_PID ]]; then
    kill "$UC_PID" 2>/dev/null || true
    wait "$UC_PID" 2>/dev/null || true
  fi
  UC_PID=
}

# uc_traffic FROM TO [CONCURRENCY]: JSON of the stand-in's requests between two offsets of its log: plugin files,
# update center JSON, plugin-versions JSON, bytes, and the most plugin files in flight at once
uc_traffic() {
  tail -c "+$(($1 + 1))" "$UC_LOG" | head -c "$(($2 - $1))" | python3 -c '
import json, sys
lines = [l.split() for l in sys.stdin if l.strip()]
files = [l for l in lines if l[3].endswith(".hpi")]
events = sorted([(float(l[0]), 1) for l in files] + [(float(l[1]), -1) for l in files])
peak = cur = 0
for _, d in events:
    cur += d; peak = max(peak, cur)
span = (max(float(l[1]) for l in files) - min(float(l[0]) for l in files)) if files else 0
busy = sum(float(l[1]) - float(l[0]) for l in files)
print(json.dumps({"requests": len(lines), "pluginFiles": len(files),
  "centerJson": sum(1 for l in lines if l[3].endswith("update-center.actual.json")),
  "versionsJson": sum(1 for l in lines if l[3].endswith("plugin-versions.json")),
  "bytes": sum(int(l[5]) for l in lines), "fileBytes": sum(int(l[5]) for l in files),
  "peakInFlight": peak, "fileSpan": round(span, 3), "fileBusy": round(busy, 3)}))'
}

# base_digest: the digest of the base under its tag in the registry, empty if there is none
base_digest() {
  curl -fsS -I -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
    "http://$REGISTRY/v2/$BASE_REPOSITORY/manifests/$BASE_TAG" 2>/dev/null \
    | tr -d '\r' | awk -F': ' 'tolower($1) == "docker-content-digest" { print $2 }' || true
}

record() { jq -sc 'add' <(printf '%s\n' "$@") >>"$RECORDS"; }

# build SCENARIO ITERATION REPOSITORY [with-plugins|lock [GOALS]]: one mvn command, target=registry, measured. GOALS is
# jenkins-dind:build by default; "jenkins-dind:build jenkins-dind:build" runs the goal twice in one JVM (the goal's time
# recorded is the second one's: a warm rebuild without the cost of a fresh JVM, whose noise hides tenths of a second)
build() {
  local scenario=$1 i=$2 repository=$3 kind=${4:-} goals=${5:-jenkins-dind:build}
  local out build_dir start end from to goal ready downloaded digest rss cpu
  local status=ok
  local -a extra=()
  out=$RUN_DIR/logs/$scenario-$i.log
  build_dir=$RUN_DIR/maven/$scenario-$i
  if [[ -n $kind && $kind != none ]]; then
    extra+=("-Djenkins-dind.plugins=$TOP_PLUGINS" "-Djenkins-dind.updateCenterUrl=$UC/update-center.actual.json"
      "-Djenkins-dind.jenkinsVersion=$JENKINS_VERSION")
  fi
  [[ $kind == lock ]] && extra+=("-Djenkins-dind.pluginsLockFile=$RUN_DIR/plugins.lock")
  [[ $scenario == cold ]] && rm -rf "$CACHE/jenkins-plugins"
  sync
  from=$(uc_offset)
  start=$(now)
  # rebuild=true: a warm run is a warm build, not the unchanged-rebuild check (bench/run.sh measures that)
  # shellcheck disable=SC2086
  /usr/bin/time -v -o "$out.time" mvn -B -f "$BENCH_DIR/project/pom.xml" -Dmaven.repo.local="$M2_REPOSITORY" $goals \
    -Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS \
    -Djenkins-dind.plugin.version="$PLUGIN_VERSION" -Dbench.buildDir="$build_dir" \
    -Djenkins-dind.from="$BASE_PINNED" -Djenkins-dind.target=registry -Djenkins-dind.image="$REGISTRY/$repository:1" \
    -Djenkins-dind.allowInsecureRegistries=true -Djenkins-dind.dockerVersion="$DOCKER_VERSION" \
    -Djenkins-dind.dockerClientUrl="file://$RUN_DIR/cli/docker-{version}.tgz" \
    -Djenkins-dind.cliPlugins=none -Djenkins-dind.rebuild=true -Djenkins-dind.cacheDirectory="$CACHE" "${extra[@]}" >"$out" 2>&1 || status=failed
  end=$(now)
  sleep 0.5
  to=$(uc_offset)
  goal=$(sed -n 's/.*Built .* in \([0-9.]*\) s.*/\1/p' "$out" | tail -n 1)
  ready=$(sed -n 's/.*\(Jenkins plugins ready: .*\)$/\1/p' "$out" | tail -n 1)
  downloaded=$(sed -n 's/.*\(Downloaded [0-9]* Jenkins plugin(s), .*\)$/\1/p' "$out" | tail -n 1)
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): \([0-9]*\).*/\1/p' "$out.time")
  cpu=$(awk -F': ' '/User time \(seconds\)|System time \(seconds\)/ { t += $2 } END { printf "%.2f", t }' "$out.time")
  [[ $status == ok ]] && digest=$(cat "$build_dir/jenkins-dind/image.digest")
  if [[ $scenario == warmup-plugins && $status == ok ]]; then cp "$build_dir/jenkins-dind/plugins.lock" "$RUN_DIR/plugins.lock"; fi
  record "$(jq -nc --arg s "$scenario" --argjson i "$i" --arg st "$status" --argjson w "$(seconds_between "$start" "$end")" \
      --arg g "${goal:-}" --arg ready "${ready:-}" --arg dl "${downloaded:-}" --arg d "${digest:-}" --arg r "${rss:-}" \
      --arg log "$out" --arg cpu "${cpu:-}" --arg bd "$(sed -n 's/.*Using base image with digest: \(sha256:[0-9a-f]*\).*/\1/p' "$out" | head -n 1)" \
      '{scenario: $s, run: $i, status: $st, wall: $w, goal: (if $g == "" then null else ($g | tonumber) end),
        ready: $ready, downloaded: $dl, digest: $d, rssKb: (if $r == "" then null else ($r | tonumber) end), log: $log,
        cpu: (if $cpu == "" then null else ($cpu | tonumber) end), baseDigest: $bd}')" \
    "$(jq -nc --argjson t "$(uc_traffic "$from" "$to")" '{updateCenter: $t}')"
  log "$scenario #$i: $status in $(seconds_between "$start" "$end") s (goal ${goal:-?} s)${ready:+; $ready}"
  [[ $status == ok ]] || { tail -n 30 "$out" >&2; die "$scenario #$i failed (log: $out)"; }
}

# curl_largest ITERATION: the largest plugin file alone, 3 times, from the stand-in to /dev/null
curl_largest() {
  local i=$1 k t
  for ((k = 1; k <= 3; k++)); do
    t=$(curl -fsS -o /dev/null -w '%{time_total}' "$UC/$LARGEST_PATH")
    record "$(jq -nc --argjson i "$i" --argjson k "$k" --argjson t "$t" --argjson b "$LARGEST_SIZE" \
      '{scenario: "curl-largest", run: $i, try: $k, status: "ok", wall: $t, bytes: $b}')"
  done
}

# side none|plugins ITERATION
side() {
  if [[ $1 == none ]]; then
    build none-first "$2" "$REPOSITORY/none-$2"
    build none-warm "$2" "$REPOSITORY/none-$2"
    build none-warm-jvm "$2" "$REPOSITORY/none-$2" none "jenkins-dind:build jenkins-dind:build"
  else
    build cold "$2" "$REPOSITORY/p50-$2" with-plugins
    build warm "$2" "$REPOSITORY/p50-$2" with-plugins
    build warm-lock "$2" "$REPOSITORY/p50-$2" lock
    build warm-jvm "$2" "$REPOSITORY/p50-$2" with-plugins "jenkins-dind:build jenkins-dind:build"
    curl_largest "$2"
  fi
}

prepare() {
  : >"$RECORDS"
  DOCKER_VERSION=$("$DOCKER_CLI" version --format '{{.Client.Version}}' 2>/dev/null || true)
  [[ -n $DOCKER_VERSION ]] || DOCKER_VERSION=$("$DOCKER_CLI" --version | sed -n 's/^Docker version \([^,]*\),.*/\1/p')
  local staging=$RUN_DIR/cli/staging
  mkdir -p "$staging/docker"
  cp "$DOCKER_CLI" "$staging/docker/docker"
  chmod 0755 "$staging/docker/docker"
  tar -C "$staging" --owner=0 --group=0 --numeric-owner --mtime=@0 -czf "$RUN_DIR/cli/docker-$DOCKER_VERSION.tgz" docker
  rm -rf "$staging"
  log "the stand-in's plugins: $FIXTURE (made once)"
  mkdir -p "$FIXTURE"
  python3 "$BENCH_DIR/plugins/fixture.py" "$FIXTURE"
  TOP_PLUGINS=$(jq -r '[.releases[] | select(.latest and .top) | .id] | join(",")' "$FIXTURE/graph.json")
  LARGEST_PATH=$(jq -r '[.releases[] | select(.latest)] | max_by(.size) | .path' "$FIXTURE/graph.json")
  LARGEST_SIZE=$(jq -r '[.releases[] | select(.latest)] | max_by(.size) | .size' "$FIXTURE/graph.json")
  mvn -B -q -f "$BENCH_DIR/project/pom.xml" -Dmaven.repo.local="$M2_REPOSITORY" jenkins-dind:help -Djenkins-dind.plugin.version="$PLUGIN_VERSION" \
    -Dbench.buildDir="$RUN_DIR/maven/help" >"$RUN_DIR/logs/maven-warm-up.log" 2>&1 \
    || die "Maven cannot run the plugin (see $RUN_DIR/logs/maven-warm-up.log)"
}

environment_json() {
  jq -n --arg stamp "$STAMP" --argjson runs "$RUNS" --arg cpu "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)" \
    --arg nproc "$(nproc)" --arg loadStart "$LOAD_START" --arg loadEnd "$(cut -d' ' -f1-3 /proc/loadavg)" \
    --arg java "$(java -version 2>&1 | head -n 1)" --arg commit "$BUILT_COMMIT" --arg dirty "$BUILT_CHANGED" \
    --arg jarsStart "$JARS_START" --arg jarsEnd "$(installed_jars)" --arg base "$BASE_PINNED" \
    --arg jenkins "$JENKINS_VERSION" --arg top "$TOP_PLUGINS" --arg uc "$UC" --arg fixture "$FIXTURE" \
    --arg total "$(seconds_between "$T0" "$(now)")" --slurpfile graph "$FIXTURE/graph.json" \
    '{stamp: $stamp, runs: $runs, cpu: $cpu, nproc: $nproc, loadStart: $loadStart, loadEnd: $loadEnd, java: $java,
      commit: $commit, changedFiles: ($dirty | tonumber), jarsStart: $jarsStart, jarsEnd: $jarsEnd, base: $base,
      jenkinsVersion: $jenkins, requiredCore: $graph[0].core, topPlugins: ($top | split(",")), updateCenter: $uc, fixture: $fixture,
      totalSeconds: ($total | tonumber), plugins: [$graph[0].releases[] | select(.latest) | {id, size, top, dependencies}],
      command: ("bash bench/plugins.sh " + ($runs | tostring))}'
}

main() {
  require_tools
  mkdir -p "$RUN_DIR"/{logs,maven,cli} "$CACHE"
  T0=$(now)
  install_plugin target-bench-plugins
  JARS_START=$(installed_jars)
  LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
  # Whatever base the registry has under the tag (made by bench/make-base.sh, here or by another checkout's benchmark)
  # will do: only its layout matters here. It is read by digest, as another benchmark may push a new base under the
  # same tag while this one runs.
  [[ -n $(base_digest) ]] || bash "$BENCH_DIR/make-base.sh"
  BASE_PINNED=$REGISTRY/$BASE_REPOSITORY@$(base_digest)
  [[ $BASE_PINNED == *@sha256:* ]] || die "could not read the digest of $BASE_REF"
  log "base: $BASE_PINNED"
  prepare
  trap stop_update_center EXIT
  start_update_center
  log "runs: $RUNS; work directory $RUN_DIR"
  build warmup-none 0 "$REPOSITORY/warmup-none"
  build warmup-plugins 0 "$REPOSITORY/warmup-p50" with-plugins
  local i
  for ((i = 1; i <= RUNS; i++)); do
    if ((i % 2)); then side none "$i"; side plugins "$i"; else side plugins "$i"; side none "$i"; fi
  done
  stop_update_center
  rm -rf "$CACHE" "$RUN_DIR/maven"
  environment_json >"$RUN_DIR/environment.json"
  mkdir -p "$BENCH_DIR/results"
  jq -s --slurpfile env "$RUN_DIR/environment.json" '{environment: $env[0], records: .}' "$RECORDS" \
    >"$BENCH_DIR/results/plugins-$STAMP.json"
  python3 "$BENCH_DIR/plugins/report.py" "$BENCH_DIR/results/plugins-$STAMP.json" "$BENCH_DIR/plugins/analysis.md" \
    >"$BENCH_DIR/results/plugins-$STAMP.md"
  if [[ ${BENCH_NO_DOCS:-} != 1 ]]; then
    mkdir -p "$REPO_DIR/docs/performance"
    cp "$BENCH_DIR/results/plugins-$STAMP.md" "$REPO_DIR/docs/performance/plugins.md"
    log "wrote docs/performance/plugins.md"
  fi
  log "results: bench/results/plugins-$STAMP.md and .json (logs: $RUN_DIR/logs)"
}

main
