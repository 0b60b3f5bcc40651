#!/usr/bin/env bash
# The benchmark: jenkins-dind's build goal against the Dockerfile way, on the real local registry and dockerd.
#
# Usage (as root, from anywhere):
#   bash .ci/services.sh                 # dockerd and the registry on 127.0.0.1:5000 (once)
#   bash bench/run.sh [RUNS]             # RUNS runs of each side in each scenario, default 5
#
# What it does (bench/README.md says more):
#   0. builds and installs the plugin from this checkout (mvn -B install -DskipTests, core and plugin only) into a
#      Maven repository of its own, $BENCH_HOME/m2 (seeded once from ~/.m2), so that what it measures is this
#      checkout, whatever else installs into ~/.m2 meanwhile;
#   1. bench/make-base.sh makes and pushes a Jenkins-shaped base of about 385 MB compressed to the local registry
#      (once: it is kept in $BENCH_HOME and reused while the registry still has it);
#   2. for each run i (the order of the sides swaps every run), in each scenario (B with cliPlugins=none: A's image
#      carries no docker CLI plugin either, and B would download buildx and compose from GitHub by default):
#        registry-cold  A: empty daemon, docker pull + docker build + docker push   B: mvn jenkins-dind:build
#                       -Djenkins-dind.target=registry with a new, empty cache directory
#        registry-warm  the same again, nothing changed (A: the daemon's cache, B: the cache of the cold run)
#        docker-cold    A: empty daemon, docker pull + docker build                 B: target=docker, empty cache
#        docker-warm    the same again
#        registry-warm-jvm  B only: the registry-warm command with the goal twice (mvn jenkins-dind:build
#                       jenkins-dind:build); the second goal's time is a warm rebuild's in a JVM already warmed up
#        registry-warm-cds  B only: the registry-warm command with class data sharing for Maven's JVM, from an
#                       archive of one warm build written once (-XX:ArchiveClassesAtExit, then -XX:SharedArchiveFile)
#        cross-cold     the base in one registry, the image pushed to another: a second registry started by this
#                       script (below), emptied before every cold run, so that nothing of the base is there:
#                       A: empty daemon, docker pull (registry 1) + docker build + docker push (registry 2)
#                       B: target=registry, from registry 1, image in registry 2, empty cache
#        cross-warm     the same again (A: the daemon's cache, B: the cache of the cross-cold run)
#        cross-floor    skopeo copy of the base from registry 1 to the emptied registry 2, with an empty blob-info
#                       cache (or skopeo mounts blobs it has seen instead of copying them): the floor
#      and records the wall time, the bytes pulled from and pushed to the registry (its access log), the peak RSS
#      of the Maven JVM, the goal's own duration and the resulting digest (image id for target=docker);
#   3. writes bench/results/<timestamp>.json and .md and regenerates docs/PERFORMANCE.md (bench/report.sh).
#
# Environment: BENCH_HOME (work directory, default /tmp/jenkins-dind-bench), BENCH_NO_DOCS=1 (do not touch
# docs/PERFORMANCE.md), BENCH_BASE=random|debian (the base: random data over busybox, the default, or the same over a
# Debian root filesystem made by debootstrap, see bench/make-base.sh), BENCH_CROSS=0 (leave out the cross-registry
# scenarios), BENCH_REGISTRY2_PORT (the second registry's first port to try, default 5400), the base's sizes of
# bench/make-base.sh.
#
# The second registry (cross-* scenarios) is Debian's docker-registry, started by this script on 127.0.0.1 (the first
# free port from BENCH_REGISTRY2_PORT), with its storage and access log under the run's work directory; it is stopped
# and its storage deleted when the script ends, whatever the outcome. It is the target, not the base's registry: the
# shared registry 1 keeps every blob ever pushed, and dockerd remembers where it pushed a layer (by its content, even
# after the image is removed), so a cold docker push to registry 1 mounts the base's layers from the earlier scenarios
# instead of compressing and uploading them; registry 2 is emptied (restarted on empty storage) before every cold run.
#
# Needs about 4 GB in BENCH_HOME while it runs (the caches of the runs, deleted at the end; the logs stay) and 1 GB in
# dockerd.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)
# shellcheck source=bench/lib.sh
source "$BENCH_DIR/lib.sh"

RUNS=${1:-5}
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive number, not '$RUNS' (usage: bash bench/run.sh [RUNS])"

PLUGIN_VERSION=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' "$REPO_DIR/pom.xml" | head -n 1)
M2_REPOSITORY=$BENCH_HOME/m2
M2_PROJECT=$M2_REPOSITORY/io/github/jenkinsdind
PLUGIN_JAR=$M2_PROJECT/jenkins-dind-maven-plugin/$PLUGIN_VERSION/jenkins-dind-maven-plugin-$PLUGIN_VERSION.jar
CORE_JAR=$M2_PROJECT/jenkins-dind-core/$PLUGIN_VERSION/jenkins-dind-core-$PLUGIN_VERSION.jar
DOCKER_CLI=/usr/local/bin/docker
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RUN_DIR=$BENCH_HOME/runs/$STAMP
RECORDS=$RUN_DIR/records.jsonl
CROSS=${BENCH_CROSS:-1}
REGISTRY2=
REGISTRY2_DIR=$RUN_DIR/registry2
REGISTRY2_LOG=$REGISTRY2_DIR/registry.log
REGISTRY2_PID=
REGISTRY2_USED=
# Every run of the benchmark pushes to repositories of its own: a cold push must find no blob in its target repository
RUN_REPOSITORY=bench/run-$(tr '[:upper:]' '[:lower:]' <<<"$STAMP")
JIB_REPOSITORY=$RUN_REPOSITORY/jib
DOCKERFILE_REPOSITORY=$RUN_REPOSITORY/dockerfile
DAEMON_REPOSITORY=jenkins-dind-bench
CDS_ARCHIVE=$RUN_DIR/cds/maven.jsa

# ---------------------------------------------------------------------------------------------- checks
require_tools() {
  local missing=()
  [[ -x /usr/bin/time ]] || missing+=(time)
  command -v jq >/dev/null || missing+=(jq)
  if ((${#missing[@]})); then
    log "installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
      || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null; } || die "could not install ${missing[*]}"
  fi
  [[ -x $DOCKER_CLI ]] || die "no static docker CLI at $DOCKER_CLI (both sides put this binary into the image)"
  docker version >/dev/null 2>&1 || die "dockerd does not answer; perhaps you should run 'bash .ci/services.sh'"
  curl -fsS -o /dev/null "http://$REGISTRY/v2/" || die "no registry on $REGISTRY; perhaps you should run 'bash .ci/services.sh'"
  [[ -r $REGISTRY_LOG ]] || die "cannot read the registry's access log '$REGISTRY_LOG' (registry.plain.log)"
  if [[ $CROSS == 1 ]]; then
    command -v docker-registry >/dev/null || die "no docker-registry for the cross-registry scenarios; perhaps you should run 'bash .ci/services.sh' (it installs it) or set BENCH_CROSS=0"
    command -v skopeo >/dev/null || die "no skopeo for the cross-registry floor; perhaps you should run 'bash .ci/services.sh' (it installs it) or set BENCH_CROSS=0"
    command -v unshare >/dev/null || die "no unshare (util-linux) to give skopeo an empty blob-info cache; perhaps you should set BENCH_CROSS=0"
  fi
}

# ---------------------------------------------------------------------------------------------- registry 2
# start_registry2: a registry of this run's own on 127.0.0.1 (the first free port from BENCH_REGISTRY2_PORT), its
# storage and access log in REGISTRY2_DIR; sets REGISTRY2. stop_registry2 (on exit) stops it and deletes its storage.
start_registry2() {
  local port=${REGISTRY2_PORT:-${BENCH_REGISTRY2_PORT:-5400}} attempt i
  mkdir -p "$REGISTRY2_DIR/data"
  for ((attempt = 0; attempt < 50; attempt++, port++)); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue
    printf '%s\n' 'version: 0.1' 'log:' '  level: info' 'storage:' '  filesystem:' \
      "    rootdirectory: $REGISTRY2_DIR/data" '  delete:' '    enabled: true' 'http:' "  addr: 127.0.0.1:$port" \
      '  secret: jenkins-dind-bench-registry2' >"$REGISTRY2_DIR/config.yml"
    setsid docker-registry serve "$REGISTRY2_DIR/config.yml" >>"$REGISTRY2_LOG" 2>&1 </dev/null &
    REGISTRY2_PID=$!
    for ((i = 0; i < 60; i++)); do
      [[ -d /proc/$REGISTRY2_PID ]] || break
      if curl -fsS -o /dev/null "http://127.0.0.1:$port/v2/" 2>/dev/null; then
        REGISTRY2=127.0.0.1:$port REGISTRY2_USED=127.0.0.1:$port REGISTRY2_PORT=$port
        [[ -n ${REGISTRY2_QUIET:-} ]] || log "registry 2 is up on $REGISTRY2 (pid $REGISTRY2_PID, log $REGISTRY2_LOG)"
        return
      fi
      sleep 0.5
    done
    if [[ -d /proc/$REGISTRY2_PID ]]; then
      tail -n 20 "$REGISTRY2_LOG" >&2
      die "registry 2 did not answer on 127.0.0.1:$port within 30 s (log: $REGISTRY2_LOG)"
    fi
    REGISTRY2_PID=
  done
  die "no free port for registry 2 from 127.0.0.1:${BENCH_REGISTRY2_PORT:-5400}; perhaps you should set BENCH_REGISTRY2_PORT"
}

stop_registry2() {
  if [[ -n $REGISTRY2_PID ]] && [[ -d /proc/$REGISTRY2_PID ]]; then
    kill "$REGISTRY2_PID" 2>/dev/null || true
    wait "$REGISTRY2_PID" 2>/dev/null || true
    [[ -n ${REGISTRY2_QUIET:-} ]] || log "registry 2 (pid $REGISTRY2_PID) stopped"
  fi
  REGISTRY2_PID=
  rm -rf "$REGISTRY2_DIR/data"
}

# empty_registry2: registry 2 restarted on the same port with empty storage (before every cold cross-registry run)
empty_registry2() {
  REGISTRY2_QUIET=1 stop_registry2
  REGISTRY2_QUIET=1 start_registry2
  [[ $REGISTRY2 == "127.0.0.1:$REGISTRY2_PORT" ]] || die "registry 2 came back on $REGISTRY2, not on its port $REGISTRY2_PORT"
}

# ---------------------------------------------------------------------------------------------- helpers
now() { date +%s.%N; }
seconds_between() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
log_offset() { stat -c %s "${1:-$REGISTRY_LOG}"; }

# registry_traffic FROM TO [LOG REGISTRY]: JSON of what the registry's access log says about the bench/ repositories
# between two byte offsets (registry 1 unless LOG and REGISTRY say which). Pulled: response bytes of GET on manifests
# and blobs. Pushed: the blobs whose upload was completed (PUT .../blobs/uploads/...?digest=..., 201), at their size in
# the registry (the upload requests' own sizes are not in the log), plus nothing for blobs mounted from another
# repository (POST ...?mount=, 201).
registry_traffic() {
  local from=$1 to=$2 access_log=${3:-$REGISTRY_LOG} registry=${4:-$REGISTRY} lines pushed_bytes=0 pushed_blobs=0
  local repository digest size
  lines=$RUN_DIR/window.log
  tail -c "+$((from + 1))" "$access_log" | head -c "$((to - from))" >"$lines"
  local summary
  summary=$(awk -v base="/v2/$BASE_REPOSITORY/" -v layers="$RUN_DIR/base-layers.txt" '
    BEGIN { while ((getline d < layers) > 0) layer[d] = 1 }
    $0 !~ /^[^ ]+ - [^ ]+ \[[^]]*\] "/ { next }
    {
      split($0, q, "\""); split(q[2], r, " "); split(q[3], s, " ")
      method = r[1]; uri = r[2]; status = s[1]; bytes = (s[2] == "-" ? 0 : s[2] + 0)
      if (index(uri, "/v2/bench/") != 1) next
      requests++
      if (method == "GET" && (status == 200 || status == 206)) {
        pulled += bytes
        if (index(uri, base) == 1) pulledBase += bytes
        if (match(uri, /\/blobs\/sha256:[0-9a-f]+/)) {
          d = substr(uri, RSTART + 7, RLENGTH - 7)
          if (d in layer) { layerBlobs++; layerBytes += bytes; if (!(d in seen)) { seen[d] = 1; distinctLayers++ } }
          else { otherBlobs++ }
        } else if (uri ~ /\/manifests\//) { manifests++ }
      }
      if (method == "POST" && status == 201 && uri ~ /[?&]mount=/) mounted++
      if (method == "PUT" && status == 201 && uri ~ /\/blobs\/uploads\// && match(uri, /digest=sha256(%3A|%3a|:)[0-9a-f]+/)) {
        d = substr(uri, RSTART + 7, RLENGTH - 7); sub(/%3[Aa]/, ":", d)
        repo = uri; sub(/^\/v2\//, "", repo); sub(/\/blobs\/uploads\/.*/, "", repo)
        print "PUSHED " repo " " d
      }
    }
    END {
      printf "SUMMARY %.0f %.0f %.0f %.0f %.0f %.0f %.0f %.0f %.0f\n", requests, pulled, pulledBase, layerBlobs, distinctLayers, layerBytes,
        otherBlobs, manifests, mounted
    }' "$lines")
  while read -r _ repository digest; do
    size=$(curl -fsS -I "http://$registry/v2/$repository/blobs/$digest" | tr -d '\r' \
      | awk -F': ' 'tolower($1) == "content-length" { print $2 }')
    pushed_bytes=$((pushed_bytes + ${size:-0}))
    pushed_blobs=$((pushed_blobs + 1))
  done < <(grep '^PUSHED ' <<<"$summary" || true)
  read -r _ requests pulled pulled_base layer_blobs distinct_layers layer_bytes other_blobs manifests mounted \
    < <(grep '^SUMMARY ' <<<"$summary")
  jq -nc --argjson requests "$requests" --argjson pulled "$pulled" --argjson pulledBase "$pulled_base" \
    --argjson layerBlobs "$layer_blobs" --argjson distinctLayers "$distinct_layers" --argjson layerBytes "$layer_bytes" --argjson otherBlobs "$other_blobs" \
    --argjson manifests "$manifests" --argjson mounted "$mounted" --argjson pushed "$pushed_bytes" \
    --argjson pushedBlobs "$pushed_blobs" \
    '{requests: $requests, pulledBytes: $pulled, pulledBaseBytes: $pulledBase, pulledLayerBlobs: $layerBlobs,
      pulledDistinctLayers: $distinctLayers, pulledLayerBytes: $layerBytes, pulledOtherBlobs: $otherBlobs, pulledManifests: $manifests,
      mountedBlobs: $mounted, pushedBytes: $pushed, pushedBlobs: $pushedBlobs}'
}

# daemon_images PREFIX...: the IDs of the images in dockerd whose repository starts with one of the prefixes, tagged or
# not (a base pulled by digest, as jenkins-dind's docker target has the daemon do, has no tag)
daemon_images() {
  local prefix
  for prefix in "$@"; do
    docker images --no-trunc --format '{{.Repository}} {{.ID}}' | awk -v p="$prefix" 'index($1, p) == 1 { print $2 }'
  done | sort -u
}

# empty_daemon: no image of the base nor any image the benchmark built is left in dockerd (other images are not
# touched: they share no layer with the random base). An image is removed after the images built on it, so a few
# passes may be needed.
empty_daemon() {
  local images pass
  for pass in 1 2 3 4; do
    images=$(daemon_images "$REGISTRY/bench/" "$DAEMON_REPOSITORY/" ${REGISTRY2:+"$REGISTRY2/bench/"})
    [[ -z $images ]] && return 0
    # shellcheck disable=SC2086
    docker rmi -f $images >/dev/null 2>&1 || true
  done
  images=$(daemon_images "$REGISTRY/bench/" "$DAEMON_REPOSITORY/" ${REGISTRY2:+"$REGISTRY2/bench/"})
  [[ -z $images ]] || die "dockerd still has images of the benchmark after removing them: $images"
}

# cross_traffic SCENARIO FROM TO: {"targetRegistry": registry 2's traffic between the offsets} for a cross-*
# scenario, else {}
cross_traffic() {
  if [[ $1 == cross-* ]]; then
    jq -nc --argjson t "$(registry_traffic "$2" "$3" "$REGISTRY2_LOG" "$REGISTRY2")" '{targetRegistry: $t}'
  else
    echo '{}'
  fi
}

# offset2: registry 2's access log offset (0 when there is no registry 2)
offset2() { if [[ -n $REGISTRY2 ]]; then log_offset "$REGISTRY2_LOG"; else echo 0; fi; }

# record JSON...: adds fields to the run's record and appends it to records.jsonl
record() {
  jq -sc 'add' <(printf '%s\n' "$@") >>"$RECORDS"
}

# ---------------------------------------------------------------------------------------------- side A
# dockerfile_way SCENARIO TARGET(registry|docker) ITERATION
dockerfile_way() {
  local scenario=$1 target=$2 i=$3 image out start end from to from2 to2 digest status=ok
  out=$RUN_DIR/logs/$scenario-dockerfile-$i.log
  if [[ $target == registry ]]; then image=$REGISTRY/$DOCKERFILE_REPOSITORY-$i:1; else image=$DAEMON_REPOSITORY/dockerfile:$i; fi
  if [[ $scenario == cross-* ]]; then image=$REGISTRY2/$RUN_REPOSITORY/cross-dockerfile-$i:1; fi
  [[ $scenario == cross-cold ]] && empty_registry2
  [[ $scenario == *-cold ]] && empty_daemon
  sync
  from=$(log_offset)
  from2=$(offset2)
  start=$(now)
  local pulled built pushed=
  {
    docker pull "$BASE_REF" && pulled=$(now) &&
      DOCKER_BUILDKIT=0 docker build --build-arg "BASE=$BASE_REF" -t "$image" "$RUN_DIR/dockerfile-context" &&
      built=$(now) &&
      if [[ $target == registry ]]; then docker push "$image" && pushed=$(now); fi
  } >"$out" 2>&1 || status=failed
  end=$(now)
  local steps=null
  if [[ $status == ok ]]; then
    steps=$(jq -nc --argjson p "$(seconds_between "$start" "$pulled")" --argjson b "$(seconds_between "$pulled" "$built")" \
      --arg u "$([[ -n $pushed ]] && seconds_between "$built" "$pushed")" \
      '{pull: $p, build: $b, push: (if $u == "" then null else ($u | tonumber) end)}')
  fi
  sleep 1
  to=$(log_offset)
  to2=$(offset2)
  if [[ $status == ok && $target == registry ]]; then
    digest=$(sed -n 's/.*digest: \(sha256:[0-9a-f]*\).*/\1/p' "$out" | tail -n 1)
  elif [[ $status == ok ]]; then
    digest=$(docker image inspect -f '{{.Id}}' "$image")
  fi
  record "$(jq -nc --arg s "$scenario" --argjson i "$i" --arg st "$status" --argjson w "$(seconds_between "$start" "$end")" \
      --arg d "${digest:-}" --arg log "$out" \
      --argjson steps "$steps" \
      '{scenario: $s, tool: "dockerfile", run: $i, status: $st, wall: $w, goal: null, rssKb: null, digest: $d, log: $log,
        steps: $steps}')" \
    "$(registry_traffic "$from" "$to")" "$(cross_traffic "$scenario" "$from2" "$to2")"
  log "$scenario dockerfile #$i: $status in $(seconds_between "$start" "$end") s"
}

# ---------------------------------------------------------------------------------------------- side B
# jenkins_dind SCENARIO TARGET(registry|docker) ITERATION [GOALS [JVM_OPTIONS]]
# GOALS is the goals of the one mvn command, jenkins-dind:build by default; the scenario registry-warm-jvm runs it
# twice in one JVM (the goal recorded is the last one's, and the first one's as goalFirst). JVM_OPTIONS are added to
# MAVEN_OPTS for this command only.
jenkins_dind() {
  local scenario=$1 target=$2 i=$3 goals=${4:-jenkins-dind:build} jvm_options=${5:-} extra=${6:-} image out cache build start end
  local up_to_date
  local from to from2 to2 digest goal goal_first rss status=ok
  out=$RUN_DIR/logs/$scenario-jenkins-dind-$i.log
  cache=$RUN_DIR/cache/$target-$i
  build=$RUN_DIR/maven/$scenario-$i
  if [[ $target == registry ]]; then image=$REGISTRY/$JIB_REPOSITORY-$i:1; else image=$DAEMON_REPOSITORY/jib:$i; fi
  if [[ $scenario == cross-* ]]; then
    image=$REGISTRY2/$RUN_REPOSITORY/cross-jib-$i:1 cache=$RUN_DIR/cache/cross-$i
  fi
  [[ $scenario == cross-cold ]] && empty_registry2
  if [[ $scenario == *-cold ]]; then
    rm -rf "$cache"
    [[ $target == docker ]] && empty_daemon
  fi
  mkdir -p "$cache"
  sync
  from=$(log_offset)
  from2=$(offset2)
  start=$(now)
  # shellcheck disable=SC2086
  MAVEN_OPTS="${MAVEN_OPTS:-}${jvm_options:+ $jvm_options}" /usr/bin/time -v -o "$out.time" mvn -B -f "$BENCH_DIR/project/pom.xml" -Dmaven.repo.local="$M2_REPOSITORY" $goals \
    -Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS \
    -Djenkins-dind.plugin.version="$PLUGIN_VERSION" -Dbench.buildDir="$build" \
    -Djenkins-dind.from="$BASE_REF" -Djenkins-dind.target="$target" -Djenkins-dind.image="$image" \
    -Djenkins-dind.allowInsecureRegistries=true -Djenkins-dind.dockerVersion="$DOCKER_VERSION" \
    -Djenkins-dind.dockerClientUrl="file://$RUN_DIR/cli/docker-{version}.tgz" \
    -Djenkins-dind.cliPlugins=none -Djenkins-dind.cacheDirectory="$cache" $extra >"$out" 2>&1 || status=failed
  end=$(now)
  sleep 1
  to=$(log_offset)
  to2=$(offset2)
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): \([0-9]*\).*/\1/p' "$out.time")
  # the goal's own time: "Built … in X s", or for an unchanged rebuild "Up to date: … checked in X s"
  goal=$(sed -n -e 's/.*Built .* in \([0-9.]*\) s.*/\1/p' -e 's/.*Up to date: .* checked in \([0-9.]*\) s.*/\1/p' "$out" | tail -n 1)
  goal_first=$(sed -n -e 's/.*Built .* in \([0-9.]*\) s.*/\1/p' -e 's/.*Up to date: .* checked in \([0-9.]*\) s.*/\1/p' "$out" | head -n 1)
  up_to_date=$(grep -c 'Up to date: ' "$out" || true)
  if [[ $status == ok && $target == registry ]]; then
    digest=$(cat "$build/jenkins-dind/image.digest")
  elif [[ $status == ok ]]; then
    digest=$(docker image inspect -f '{{.Id}}' "$image")
  fi
  record "$(jq -nc --arg s "$scenario" --argjson i "$i" --arg st "$status" --argjson w "$(seconds_between "$start" "$end")" \
      --arg d "${digest:-}" --arg g "${goal:-}" --arg g1 "${goal_first:-}" --arg r "${rss:-}" --arg log "$out" \
      --argjson u "${up_to_date:-0}" \
      '{scenario: $s, tool: "jenkins-dind", run: $i, status: $st, wall: $w, upToDate: ($u > 0),
        goal: (if $g == "" then null else ($g | tonumber) end),
        goalFirst: (if $g1 == "" then null else ($g1 | tonumber) end),
        rssKb: (if $r == "" then null else ($r | tonumber) end),
        digest: $d, log: $log}')" \
    "$(registry_traffic "$from" "$to")" "$(cross_traffic "$scenario" "$from2" "$to2")"
  log "$scenario jenkins-dind #$i: $status in $(seconds_between "$start" "$end") s (goal ${goal:-?} s, RSS ${rss:-?} kB)"
}

# ---------------------------------------------------------------------------------------------- the floor
# skopeo_copy ITERATION: scenario cross-floor, skopeo copy of the base from registry 1 to the emptied registry 2.
# skopeo (as root) keeps a blob-info cache in /var/lib/containers/cache: with it, it could mount blobs it has seen
# instead of copying them. An empty directory is bind-mounted over it in a mount namespace of skopeo's
# own, so the cache other programs share is neither read nor touched.
skopeo_copy() {
  local i=$1 scenario=cross-floor out empty dest from to from2 to2 start end digest status=ok
  out=$RUN_DIR/logs/$scenario-skopeo-$i.log
  empty=$RUN_DIR/skopeo-cache-$i
  dest=$REGISTRY2/$RUN_REPOSITORY/cross-skopeo-$i:1
  empty_registry2
  rm -rf "$empty"
  mkdir -p "$empty" /var/lib/containers/cache
  sync
  from=$(log_offset)
  from2=$(offset2)
  start=$(now)
  unshare --mount sh -c 'mount --bind "$1" /var/lib/containers/cache && shift &&
    exec skopeo copy --preserve-digests --src-tls-verify=false --dest-tls-verify=false "$@"' \
    skopeo "$empty" "docker://$BASE_REF" "docker://$dest" >"$out" 2>&1 || status=failed
  end=$(now)
  sleep 1
  to=$(log_offset)
  to2=$(offset2)
  rm -rf "$empty"
  if [[ $status == ok ]]; then
    digest=$(curl -fsS -I -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
      "http://$REGISTRY2/v2/$RUN_REPOSITORY/cross-skopeo-$i/manifests/1" | tr -d '\r' \
      | awk -F': ' 'tolower($1) == "docker-content-digest" { print $2 }')
  fi
  record "$(jq -nc --arg s "$scenario" --argjson i "$i" --arg st "$status" --argjson w "$(seconds_between "$start" "$end")" \
      --arg d "${digest:-}" --arg log "$out" \
      '{scenario: $s, tool: "skopeo", run: $i, status: $st, wall: $w, goal: null, rssKb: null, digest: $d, log: $log}')" \
    "$(registry_traffic "$from" "$to")" "$(cross_traffic "$scenario" "$from2" "$to2")"
  log "$scenario skopeo #$i: $status in $(seconds_between "$start" "$end") s"
}

# make_cds_archive ITERATION: the class data sharing archive of one warm registry build (not measured), as a user
# would write it once: MAVEN_OPTS="-XX:ArchiveClassesAtExit=FILE" (-Xlog:cds=off: the JVM lists the classes it skips)
make_cds_archive() {
  local i=$1
  mkdir -p "$(dirname "$CDS_ARCHIVE")"
  MAVEN_OPTS="${MAVEN_OPTS:-} -XX:ArchiveClassesAtExit=$CDS_ARCHIVE -Xlog:cds=off" mvn -B -f "$BENCH_DIR/project/pom.xml" \
    -Dmaven.repo.local="$M2_REPOSITORY" jenkins-dind:build -Djenkins-dind.plugin.version="$PLUGIN_VERSION" \
    -Dbench.buildDir="$RUN_DIR/maven/cds" -Djenkins-dind.from="$BASE_REF" -Djenkins-dind.target=registry \
    -Djenkins-dind.image="$REGISTRY/$JIB_REPOSITORY-$i:1" -Djenkins-dind.allowInsecureRegistries=true \
    -Djenkins-dind.dockerVersion="$DOCKER_VERSION" -Djenkins-dind.dockerClientUrl="file://$RUN_DIR/cli/docker-{version}.tgz" \
    -Djenkins-dind.cliPlugins=none -Djenkins-dind.cacheDirectory="$RUN_DIR/cache/registry-$i" \
    >"$RUN_DIR/logs/cds-archive.log" 2>&1 \
    || die "could not write the class data sharing archive (see $RUN_DIR/logs/cds-archive.log)"
  [[ -f $CDS_ARCHIVE ]] || die "the JVM wrote no class data sharing archive (see $RUN_DIR/logs/cds-archive.log)"
}

# ---------------------------------------------------------------------------------------------- set-up
prepare() {
  : >"$RECORDS"
  DOCKER_VERSION=$("$DOCKER_CLI" version --format '{{.Client.Version}}' 2>/dev/null || true)
  [[ -n $DOCKER_VERSION ]] || DOCKER_VERSION=$("$DOCKER_CLI" --version | sed -n 's/^Docker version \([^,]*\),.*/\1/p')
  # The same binary on both sides: B downloads it (file: URL) as a tgz in Docker's layout, A copies it in.
  local staging=$RUN_DIR/cli/staging
  mkdir -p "$staging/docker"
  cp "$DOCKER_CLI" "$staging/docker/docker"
  chmod 0755 "$staging/docker/docker"
  tar -C "$staging" --owner=0 --group=0 --numeric-owner --mtime=@0 -czf "$RUN_DIR/cli/docker-$DOCKER_VERSION.tgz" docker
  rm -rf "$staging"
  cp "$DOCKER_CLI" "$RUN_DIR/dockerfile-context/docker"
  cp "$BENCH_DIR/dockerfile/Dockerfile" "$RUN_DIR/dockerfile-context/Dockerfile"
  jq -r '.layers[].digest' "$BASE_JSON" >"$RUN_DIR/base-layers.txt"
  # Maven resolves the plugin once here, so that no run pays for it.
  mvn -B -q -f "$BENCH_DIR/project/pom.xml" -Dmaven.repo.local="$M2_REPOSITORY" jenkins-dind:help -Djenkins-dind.plugin.version="$PLUGIN_VERSION" \
    -Dbench.buildDir="$RUN_DIR/maven/help" >"$RUN_DIR/logs/maven-warm-up.log" 2>&1 \
    || die "Maven cannot run the plugin (see $RUN_DIR/logs/maven-warm-up.log)"
}

environment_json() {
  local cpu memory
  cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
  memory=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
  jq -n --arg stamp "$STAMP" --arg runs "$RUNS" --arg cpu "$cpu" --arg nproc "$(nproc)" --arg memory "$memory" \
    --arg kernel "$(uname -srm)" --arg os "$(. /etc/os-release && echo "$PRETTY_NAME")" \
    --arg loadStart "$LOAD_START" --arg loadEnd "$(cut -d' ' -f1-3 /proc/loadavg)" \
    --arg java "$(java -version 2>&1 | head -n 1)" \
    --arg maven "$(mvn -v 2>/dev/null | head -n 1 | sed 's/\x1b\[[0-9;]*m//g')" \
    --arg engine "$(docker version --format '{{.Server.Version}} (API {{.Server.APIVersion}})')" \
    --arg cli "$DOCKER_VERSION" \
    --arg registry "$(docker-registry --version 2>/dev/null | head -n 1)" \
    --arg jib "$(sed -n 's:.*<jib-core.version>\(.*\)</jib-core.version>.*:\1:p' "$REPO_DIR/pom.xml")" \
    --arg plugin "$PLUGIN_VERSION" \
    --arg commit "$BUILT_COMMIT" --arg dirty "$BUILT_CHANGED" \
    --arg pluginJar "$(date -u -r "$PLUGIN_JAR" +%Y-%m-%dT%H:%M:%SZ)" \
    --arg mavenOpts "${MAVEN_OPTS:-}" --arg jarsStart "$JARS_START" --arg jarsEnd "$(installed_jars)" \
    --arg command "$([[ $BENCH_BASE == random ]] || echo "BENCH_BASE=$BENCH_BASE ")$([[ $CROSS == 1 ]] || echo "BENCH_CROSS=0 ")bash bench/run.sh $RUNS" \
    --arg baseKind "$BENCH_BASE" --arg registry2 "$REGISTRY2_USED" \
    --arg total "$(seconds_between "$T0" "$(now)")" \
    '{stamp: $stamp, runs: ($runs | tonumber), cpu: $cpu, nproc: $nproc, memory: $memory, kernel: $kernel, os: $os,
      loadStart: $loadStart, loadEnd: $loadEnd, java: $java, maven: $maven, engine: $engine, cli: $cli,
      registry: $registry, jib: $jib, plugin: $plugin, commit: $commit, changedFiles: ($dirty | tonumber), pluginJar: $pluginJar,
      mavenOpts: $mavenOpts, jarsStart: $jarsStart, jarsEnd: $jarsEnd, command: $command, totalSeconds: ($total | tonumber),
      baseKind: $baseKind, registry2: (if $registry2 == "" then null else $registry2 end)}'
}

# ---------------------------------------------------------------------------------------------- main
main() {
  require_tools
  mkdir -p "$RUN_DIR"/{logs,cache,maven,cli,dockerfile-context}
  T0=$(now)
  install_plugin
  JARS_START=$(installed_jars)
  LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
  bash "$BENCH_DIR/make-base.sh"
  prepare
  if [[ $CROSS == 1 ]]; then
    trap stop_registry2 EXIT
    start_registry2
  fi
  log "runs: $RUNS of each side per scenario; work directory $RUN_DIR"
  local i first second
  for ((i = 1; i <= RUNS; i++)); do
    if ((i % 2)); then first=dockerfile_way; second=jenkins_dind; else first=jenkins_dind; second=dockerfile_way; fi
    $first registry-cold registry "$i"
    $first registry-warm registry "$i"
    $second registry-cold registry "$i"
    $second registry-warm registry "$i"
    # B only: the same warm cache, built anyway (rebuild=true): a warm build, not the unchanged-rebuild check
    jenkins_dind registry-rebuild registry "$i" jenkins-dind:build "" "-Djenkins-dind.rebuild=true"
    # B only: the same warm rebuild as the second goal of one mvn command, in a JVM that has run it once
    jenkins_dind registry-warm-jvm registry "$i" "jenkins-dind:build jenkins-dind:build"
    # B only: the same warm rebuild with class data sharing for Maven's JVM (an archive a user writes once)
    [[ -f $CDS_ARCHIVE ]] || make_cds_archive "$i"
    jenkins_dind registry-warm-cds registry "$i" jenkins-dind:build "-Xshare:on -XX:SharedArchiveFile=$CDS_ARCHIVE"
    $first docker-cold docker "$i"
    $first docker-warm docker "$i"
    $second docker-cold docker "$i"
    $second docker-warm docker "$i"
    # B only: the warm cache with one input changed (another docker GID): the accounts layer is new
    jenkins_dind docker-changed docker "$i" jenkins-dind:build "" "-Djenkins-dind.dockerGid=$((2000 + i))"
    if [[ $CROSS == 1 ]]; then
      # the floor first in odd runs, last in even runs
      if ((i % 2)); then skopeo_copy "$i"; fi
      $first cross-cold registry "$i"
      $first cross-warm registry "$i"
      $second cross-cold registry "$i"
      $second cross-warm registry "$i"
      if ((i % 2 == 0)); then skopeo_copy "$i"; fi
    fi
  done
  empty_daemon
  if [[ $CROSS == 1 ]]; then stop_registry2; fi
  # The caches of the runs (Jib's copies of the base for target=docker among them) are several GB: keep only the logs.
  rm -rf "$RUN_DIR/cache" "$RUN_DIR/maven" "$RUN_DIR/cds"
  environment_json >"$RUN_DIR/environment.json"
  cp "$BASE_JSON" "$RUN_DIR/base.json"
  mkdir -p "$BENCH_DIR/results"
  jq -s --slurpfile env "$RUN_DIR/environment.json" --slurpfile base "$RUN_DIR/base.json" \
    '{environment: $env[0], base: $base[0], records: .}' "$RECORDS" >"$BENCH_DIR/results/$STAMP.json"
  bash "$BENCH_DIR/report.sh" "$BENCH_DIR/results/$STAMP.json" >"$BENCH_DIR/results/$STAMP.md"
  if [[ ${BENCH_NO_DOCS:-} != 1 ]]; then
    cp "$BENCH_DIR/results/$STAMP.md" "$REPO_DIR/docs/PERFORMANCE.md"
    log "wrote docs/PERFORMANCE.md"
  fi
  log "results: bench/results/$STAMP.md and .json (logs: $RUN_DIR/logs)"
}

main
