#!/usr/bin/env bash
# Prints the benchmark's report (Markdown) for a results file of bench/run.sh:
#
#   bash bench/report.sh bench/results/<timestamp>.json > docs/PERFORMANCE.md
#
# bench/analysis.md, if present, is added as it is (the hand-written reading of the numbers, which names the run it
# was written for).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
RESULTS=${1:?usage: bash bench/report.sh bench/results/<timestamp>.json}
[[ -f $RESULTS ]] || { echo "no such results file: $RESULTS" >&2; exit 1; }

# shellcheck disable=SC2016
jq -r '
def median: sort | if length == 0 then null elif length % 2 == 1 then .[(length - 1) / 2]
  else (.[length / 2 - 1] + .[length / 2]) / 2 end;
def mb: if . == null then "–" elif . == 0 then "0" elif . < 100000 then (. / 1000 * 10 | round / 10 | tostring) + " kB"
  else (. / 1000000 * 10 | round / 10 | tostring) + " MB" end;
def mib: if . == null then "–" else (. / 1024 | round | tostring) + " MiB" end;
def secs: if . == null then "–" else (. * 100 | round / 100 | tostring) + " s" end;
def ratio: (. * 100 | round) as $n | "\($n / 100 | floor).\($n % 100 | tostring | if length < 2 then "0" + . else . end)";
def verdict(ok): if ok then "**PASS**" else "**MISSED**" end;

.environment as $env | .base as $base | .records as $records
| def runs(s; t): [$records[] | select(.scenario == s and .tool == t)];
  def ok(s; t): [runs(s; t)[] | select(.status == "ok")];
  def med(s; t; f): [ok(s; t)[] | f | select(. != null)] | median;
  def mx(s; t; f): [ok(s; t)[] | f | select(. != null)] | max;
  def digests(s; t): [ok(s; t)[] | .digest] | unique;
  def side(t): {"dockerfile": "A: Dockerfile way", "jenkins-dind": "B: jenkins-dind", "skopeo": "floor: skopeo copy"}[t];
  def scenarioName(s): {"registry-cold": "registry, cold", "registry-warm": "registry, warm (unchanged)",
    "registry-rebuild": "registry, warm, `rebuild=true`", "docker-changed": "docker, warm, another `dockerGid`",
    "docker-cold": "docker, cold", "docker-warm": "docker, warm (unchanged)", "cross-cold": "cross-registry, cold",
    "cross-warm": "cross-registry, warm", "cross-floor": "cross-registry, floor"}[s];
  # where a record pushed: to registry 1, or for the cross-registry scenarios to registry 2
  def dst(s): if (s | startswith("cross-")) then (.targetRegistry // {}) else . end;
  def row(s; t):
    "| \(scenarioName(s)) | \(side(t)) | \(ok(s; t) | length)/\(runs(s; t) | length) | \(med(s; t; .wall) | secs) | "
    + "\(if t != "jenkins-dind" then "–" else (med(s; t; .goal) | secs) end) | \(med(s; t; .pulledBytes) | mb) | "
    + "\(med(s; t; .pulledLayerBlobs) // "–") (\(med(s; t; .pulledDistinctLayers) // "–") of \($base.layerCount)) | \(med(s; t; dst(s).pushedBytes) | mb) | "
    + "\(med(s; t; dst(s).mountedBlobs) // "–") | \(if t != "jenkins-dind" then "–" else (mx(s; t; .rssKb) | mib) end) | "
    + "\(if (digests(s; t) | length) == 1 then "yes" else "no (\(digests(s; t) | length) different)" end) |";
  def kind: if $base.kind == "debian" then "Debian" else "random" end;

  # the numbers the targets are about
  (med("registry-cold"; "jenkins-dind"; .wall) / med("registry-cold"; "dockerfile"; .wall)) as $coldRatio
| (mx("registry-cold"; "jenkins-dind"; .pulledBaseBytes)) as $coldPulled
| ($base.topDownToAccounts * 1.05) as $pulledLimit
| ([ok("registry-warm"; "jenkins-dind")[], ok("docker-warm"; "jenkins-dind")[]
    | (.pulledLayerBlobs + .pulledOtherBlobs)] | max) as $unchangedBlobs
| ([ok("registry-warm"; "jenkins-dind")[], ok("docker-warm"; "jenkins-dind")[] | .pushedBlobs] | max) as $unchangedPushed
| ([ok("registry-warm"; "jenkins-dind")[], ok("docker-warm"; "jenkins-dind")[] | select(.upToDate != true)] | length) as $notUpToDate
| (med("registry-warm"; "jenkins-dind"; .goal)) as $warmGoal
| (mx("registry-warm"; "jenkins-dind"; .goal)) as $warmGoalMax
| (med("docker-warm"; "jenkins-dind"; .goal)) as $dockerWarmGoal
| (mx("docker-warm"; "jenkins-dind"; .goal)) as $dockerWarmGoalMax
| (med("docker-changed"; "jenkins-dind"; .goal)) as $changedGoal
| (med("docker-cold"; "jenkins-dind"; .wall) / med("docker-cold"; "dockerfile"; .wall)) as $dockerRatio
| ([$records[] | select(.tool == "jenkins-dind" and .status == "ok") | .rssKb | select(. != null)] | max) as $rss
| ([ok("registry-cold"; "jenkins-dind")[], ok("registry-warm"; "jenkins-dind")[] | .digest] | unique) as $registryDigests
| ([ok("docker-cold"; "jenkins-dind")[], ok("docker-warm"; "jenkins-dind")[] | .digest] | unique) as $dockerDigests
| ([$records[] | select(.status != "ok")] | length) as $failures
| ([ok("registry-cold"; "dockerfile")[], ok("docker-cold"; "dockerfile")[]
    | select(.pulledLayerBlobs < $base.layerCount)] | length) as $notEmpty
| ($base.layers | map(select(.etcPasswd and .etcGroup)) | first) as $accounts
| ((ok("cross-cold"; "jenkins-dind") | length) > 0) as $cross
| (if $cross then med("cross-cold"; "jenkins-dind"; .wall) / med("cross-cold"; "dockerfile"; .wall) else null end) as $crossRatio
| (if $cross then med("cross-cold"; "jenkins-dind"; .wall) / med("cross-floor"; "skopeo"; .wall) else null end) as $floorRatio
| (if $cross then mx("cross-cold"; "jenkins-dind"; .pulledBaseBytes) else null end) as $crossPulled
| ([ok("cross-cold"; "jenkins-dind")[], ok("cross-warm"; "jenkins-dind")[] | .digest] | unique) as $crossDigests
| ([ok("cross-cold"; "dockerfile")[] | select(.pulledLayerBlobs < $base.layerCount)] | length) as $crossNotEmpty
|
"# Performance: jenkins-dind against the Dockerfile way",
"",
"Generated by `bench/run.sh` on \($env.stamp) (\($env.runs) runs of each side in each scenario, \($env.totalSeconds / 60 | round) minutes in all); do not edit by hand, run it again:",
"",
"```",
"bash .ci/services.sh           # dockerd and the registry on 127.0.0.1:5000",
"\($env.command)",
"```",
"",
"Base of this run: **\(kind)** (`BENCH_BASE=\($base.kind // "random")`; `BENCH_BASE=debian` or `random` chooses it, see [bench/make-base.sh](../bench/make-base.sh)).",
"",
"Both sides use the same dockerd, the same registry (127.0.0.1:5000) and the same static docker CLI binary, and build the same thing: the base plus `/usr/local/bin/docker` and a `docker` group of GID 999 that `jenkins` joins. Medians of \($env.runs) runs; the two sides alternate run by run (A first in odd runs, B first in even runs).",
"",
"- **A, the Dockerfile way**: `docker pull` the base, `docker build` (legacy builder) of [bench/dockerfile/Dockerfile](../bench/dockerfile/Dockerfile) (`COPY docker /usr/local/bin/docker`, `RUN` that adds the group), then `docker push` to a new repository of the same registry (registry target only). *Cold*: the base and every image the benchmark made are removed from dockerd first. *Warm*: the same commands again.",
"- **B, jenkins-dind**: `mvn -B jenkins-dind:build` in [bench/project](../bench/project/pom.xml) with `-Djenkins-dind.target=registry` (a new repository of the same registry) or `docker`; the docker CLI comes from a `file:` URL of a tgz of that binary, and the image carries no CLI plugin (`cliPlugins=none`: A’s image has none either). *Cold*: a new, empty `cacheDirectory` (and, for `docker`, the same emptied dockerd). *Warm*: the same command with the cold run’s cache. With `docker`, B has the daemon pull the base (by digest) as A does, so the bytes pulled for it are the daemon’s.",
(if $cross then "- **Cross-registry** (the CI case: the base from one registry, the image to another): the base stays in the registry above (registry 1) and both sides push to a second registry the benchmark starts for the run (`docker-registry`, \($env.registry2 // "127.0.0.1")), restarted on empty storage before every cold run: A pulls from registry 1, builds and pushes to registry 2; B is `target=registry` with `from` in registry 1 and the image in registry 2. *Cold* and *warm* as for the registry target. The floor is `skopeo copy --preserve-digests` of the base from registry 1 to the emptied registry 2, with an empty blob-info cache (an empty directory bind-mounted over `/var/lib/containers/cache` for skopeo alone): the least any tool can do, since the base must travel. For these scenarios *pushed* and *blobs mounted* are registry 2’s. (Registry 2 is the target, not the base’s registry, because registry 1 keeps every blob pushed to it and dockerd remembers where it pushed a layer even after removing the image: a cold `docker push` to registry 1 mounts the base’s layers instead of compressing and uploading them.)" else empty end),
"",
"## The base",
"",
"`\($base.reference)` (\($base.digest)), made by [bench/make-base.sh](../bench/make-base.sh) from [bench/base/Dockerfile](../bench/base/Dockerfile), laid out as `jenkins/jenkins` is: \($base.layerCount) layers, **\($base.compressedTotal | mb) compressed** (\(if $base.kind == "debian" then "random data over Debian" else "random data" end), \($base.data)\(if $base.kind == "debian" then "; the bottom layer is a Debian bookworm root filesystem, `debootstrap --variant=minbase`, instead of busybox" else "" end)).",
"",
"| layer (top first) | compressed | /etc/passwd | /etc/group |",
"| --- | ---: | :---: | :---: |",
($base.layers[] | "| \(.number) `\(.digest[7:19])` | \(.size | mb) | \(if .etcPasswd then "yes" else "" end) | \(if .etcGroup then "yes" else "" end) |"),
"",
"The topmost layer with both account files is layer \($accounts.number): a reader that walks from the top down needs **\($base.topDownToAccounts | mb)** (layers \($base.layerCount) to \($accounts.number)); the \(($base.compressedTotal - $base.topDownToAccounts) | mb) below it never have to be fetched.",
"",
"## Results (medians)",
"",
"| scenario | side | runs ok | wall time | goal’s own time | pulled from registry | layer GETs (distinct layers) | pushed to registry | blobs mounted | peak RSS of the Maven JVM (max) | same digest every run |",
"| --- | --- | :---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: |",
(["registry-cold", "registry-warm", "docker-cold", "docker-warm"][] as $s | ["dockerfile", "jenkins-dind"][] as $t | row($s; $t)),
(["registry-rebuild", "docker-changed"][] as $s | select((runs($s; "jenkins-dind") | length) > 0) | row($s; "jenkins-dind")),
(if $cross then (["cross-cold", "cross-warm"][] as $s | ["dockerfile", "jenkins-dind"][] as $t | row($s; $t)), row("cross-floor"; "skopeo") else empty end),
"",
"A’s steps (medians): registry, cold: pull \(med("registry-cold"; "dockerfile"; .steps.pull) | secs), build \(med("registry-cold"; "dockerfile"; .steps.build) | secs), push \(med("registry-cold"; "dockerfile"; .steps.push) | secs); docker, cold: pull \(med("docker-cold"; "dockerfile"; .steps.pull) | secs), build \(med("docker-cold"; "dockerfile"; .steps.build) | secs). B outside the goal’s own time (JVM, Maven and plugin start; wall time less the goal’s time): registry, cold \([ok("registry-cold"; "jenkins-dind")[] | select(.goal != null) | .wall - .goal] | median | secs), warm \([ok("registry-warm"; "jenkins-dind")[] | select(.goal != null) | .wall - .goal] | median | secs).\(if $cross then " Cross-registry, cold: A pull \(med("cross-cold"; "dockerfile"; .steps.pull) | secs), build \(med("cross-cold"; "dockerfile"; .steps.build) | secs), push \(med("cross-cold"; "dockerfile"; .steps.push) | secs); B outside the goal \([ok("cross-cold"; "jenkins-dind")[] | select(.goal != null) | .wall - .goal] | median | secs)." else "" end)",
"",
(if (ok("registry-warm-jvm"; "jenkins-dind") | length) > 0 then
"The same unchanged rebuild in a JVM that has already run the goal once (B, registry: `mvn -B jenkins-dind:build jenkins-dind:build` with the warm cache, \(ok("registry-warm-jvm"; "jenkins-dind") | length) runs): the second goal takes **\(med("registry-warm-jvm"; "jenkins-dind"; .goal) | secs)** (median; slowest \(mx("registry-warm-jvm"; "jenkins-dind"; .goal) | secs)), the first \(med("registry-warm-jvm"; "jenkins-dind"; .goalFirst) | secs); the two pulled at most \(mx("registry-warm-jvm"; "jenkins-dind"; .pulledLayerBlobs)) layer blobs and gave \(digests("registry-warm-jvm"; "jenkins-dind") | length) digest(s) `\(digests("registry-warm-jvm"; "jenkins-dind") | map(.[7:19]) | join("`, `"))`. The difference is what a fresh JVM costs inside the goal (class loading, the JIT, the first TLS set-up).\n"
else empty end),
(if (ok("registry-warm-cds"; "jenkins-dind") | length) > 0 then
"The same unchanged rebuild with class data sharing for Maven’s JVM (B, registry; a user’s setting: an archive of the classes of one warm build, written once with `MAVEN_OPTS=-XX:ArchiveClassesAtExit=FILE`, then `MAVEN_OPTS=\"-Xshare:on -XX:SharedArchiveFile=FILE\"`; \(ok("registry-warm-cds"; "jenkins-dind") | length) of \(runs("registry-warm-cds"; "jenkins-dind") | length) runs ok): the goal takes **\(med("registry-warm-cds"; "jenkins-dind"; .goal) | secs)** (median; slowest \(mx("registry-warm-cds"; "jenkins-dind"; .goal) | secs)) and the whole command \(med("registry-warm-cds"; "jenkins-dind"; .wall) | secs), against \(med("registry-warm"; "jenkins-dind"; .goal) | secs) and \(med("registry-warm"; "jenkins-dind"; .wall) | secs) without; \(digests("registry-warm-cds"; "jenkins-dind") | length) digest(s) `\(digests("registry-warm-cds"; "jenkins-dind") | map(.[7:19]) | join("`, `"))`.\n"
else empty end),
(if (ok("registry-rebuild"; "jenkins-dind") | length) > 0 then
"For comparison, the same warm cache built anyway (B, registry, `-Djenkins-dind.rebuild=true`: the warm build of round one, which reads the base’s manifest and config and asks the registry about every layer): the goal takes \(med("registry-rebuild"; "jenkins-dind"; .goal) | secs) (median) and the whole command \(med("registry-rebuild"; "jenkins-dind"; .wall) | secs), against \($warmGoal | secs) and \(med("registry-warm"; "jenkins-dind"; .wall) | secs) for the unchanged-rebuild check.\n"
else empty end),
"Wall time is the whole command as a user waits for it (for B: Maven’s start included); the goal’s own time is what the plugin logs (`Built … in X s`, or `Up to date: … checked in X s` for an unchanged rebuild). For `docker`, the digest column compares image ids.",
(if $failures > 0 then "\n**\($failures) run(s) failed**: see their logs under the work directory (`log` in the results JSON)." else empty end),
(if $env.jarsStart != $env.jarsEnd then "\n**The plugin or core jar the benchmark built changed during the run**: the runs of B may not all have measured the same code." else empty end),
(if $notEmpty + $crossNotEmpty > 0 then "\n**\($notEmpty + $crossNotEmpty) cold run(s) of A did not pull every layer of the base**: dockerd was not empty." else empty end),
"",
"## Targets",
"",
"| target | measured | verdict |",
"| --- | --- | :---: |",
"| unchanged rebuild (B, registry): the goal itself ≤ 0.35 s in a fresh JVM | median **\($warmGoal | secs)**, slowest \($warmGoalMax | secs) | \(verdict($warmGoal <= 0.35)) |",
"| unchanged rebuild (B, docker): the goal itself ≤ 0.35 s in a fresh JVM | median **\($dockerWarmGoal | secs)**, slowest \($dockerWarmGoalMax | secs) | \(verdict($dockerWarmGoal <= 0.35)) |",
"| unchanged rebuild (B, registry and docker): found up to date, no layer or config blob pulled, no blob pushed | \($notUpToDate) run(s) not up to date; at most **\($unchangedBlobs)** blobs pulled and **\($unchangedPushed)** pushed in a run | \(verdict($notUpToDate == 0 and $unchangedBlobs == 0 and $unchangedPushed == 0)) |",
"| target=docker, cold: B ≤ 1.3 × A (docker pull + docker build) | B \(med("docker-cold"; "jenkins-dind"; .wall) | secs), A \(med("docker-cold"; "dockerfile"; .wall) | secs): **\($dockerRatio | ratio) ×** | \(verdict($dockerRatio <= 1.3)) |",
"| target=docker, warm with a changed input (another `dockerGid`): the goal itself ≤ 1.0 s | median **\($changedGoal | secs)** | \(verdict($changedGoal != null and $changedGoal <= 1)) |",
"| cold build to the registry: B ≤ 0.65 × A in wall time\(if kind == "random" then "" else " (the target is for the random-data base; reported here)" end) | B \(med("registry-cold"; "jenkins-dind"; .wall) | secs), A \(med("registry-cold"; "dockerfile"; .wall) | secs): **\($coldRatio | ratio) ×** | \(if kind == "random" then verdict($coldRatio <= 0.65) else "–" end) |",
"| bytes pulled for the base on a cold build (B, registry) ≤ 1.05 × the layers from the top down to the accounts layer (\($pulledLimit | mb)) | \($coldPulled | mb) (most of any run) = **\($coldPulled / $base.topDownToAccounts | ratio) ×** | \(verdict($coldPulled <= $pulledLimit)) |",
"| peak RSS of the Maven JVM ≤ 512 MiB (base of \($base.compressedTotal | mb)) | **\($rss | mib)** (largest of all B runs) | \(verdict($rss <= 524288)) |",
"| the same digest on every run (B) | registry: \($registryDigests | length) digest(s) `\($registryDigests | map(.[7:19]) | join("`, `"))`; docker: \($dockerDigests | length) image id(s) `\($dockerDigests | map(.[7:19]) | join("`, `"))` | \(verdict(($registryDigests | length) == 1 and ($dockerDigests | length) == 1)) |",
(if $cross then
"| cross-registry, cold: B ≤ 0.4 × A (docker pull + build + push) in wall time | B \(med("cross-cold"; "jenkins-dind"; .wall) | secs), A \(med("cross-cold"; "dockerfile"; .wall) | secs): **\($crossRatio | ratio) ×** | \(verdict($crossRatio <= 0.4)) |",
"| cross-registry, cold: B ≤ 2 × the floor (skopeo copy of the base) in wall time | B \(med("cross-cold"; "jenkins-dind"; .wall) | secs), skopeo \(med("cross-floor"; "skopeo"; .wall) | secs): **\($floorRatio | ratio) ×** | \(verdict($floorRatio <= 2)) |",
"| cross-registry, cold: bytes pulled from the base’s registry (B) ≤ 1.05 × the base compressed (\($base.compressedTotal * 1.05 | mb)) | \($crossPulled | mb) (most of any run) = **\($crossPulled / $base.compressedTotal | ratio) ×** | \(verdict($crossPulled <= $base.compressedTotal * 1.05)) |",
"| cross-registry: the same digest on every run (B, cold and warm) | \($crossDigests | length) digest(s) `\($crossDigests | map(.[7:19]) | join("`, `"))`\(if ($crossDigests | length) == 1 and ($registryDigests | length) == 1 then (if $crossDigests == $registryDigests then ", the same as on one registry" else ", not the one on one registry" end) else "" end) | \(verdict(($crossDigests | length) == 1)) |"
else empty end),
"",
"For comparison, the Dockerfile way gave \(digests("registry-cold"; "dockerfile") + digests("registry-warm"; "dockerfile") | unique | length) different digest(s) in \(ok("registry-cold"; "dockerfile") + ok("registry-warm"; "dockerfile") | length) registry runs and \(digests("docker-cold"; "dockerfile") + digests("docker-warm"; "dockerfile") | unique | length) image id(s) in \(ok("docker-cold"; "dockerfile") + ok("docker-warm"; "dockerfile") | length) docker runs\(if $cross then ", and \(digests("cross-cold"; "dockerfile") + digests("cross-warm"; "dockerfile") | unique | length) digest(s) in \(ok("cross-cold"; "dockerfile") + ok("cross-warm"; "dockerfile") | length) cross-registry runs; skopeo copy kept the base’s digest in \(ok("cross-floor"; "skopeo") | map(select(.digest == $base.digest)) | length) of \(ok("cross-floor"; "skopeo") | length) runs" else "" end).",
"",
"## How it is measured",
"",
"- **Wall time**: `date +%s.%N` around the commands (A: pull + build [+ push]; B: the `mvn` process). Peak RSS: `/usr/bin/time -v` on `mvn`, whose launcher `exec`s the JVM, so it is the Maven JVM’s maximum resident set size (\(if $env.mavenOpts == "" then "`MAVEN_OPTS` unset: the JVM’s default heap limit, a quarter of the memory" else "`MAVEN_OPTS` was `\($env.mavenOpts)`" end)).",
"- **Pulled**: the registry’s access log (combined format) between an offset taken before and one taken a second after each run, only requests on `/v2/bench/…`: the response bytes of every successful `GET` of a manifest or blob. *Layer GETs* counts `GET`s of the base’s layer blobs, and in brackets how many different layers they were (the config blob and manifests are not layers; a layer read twice counts twice). The base target uses the bytes of `GET`s on the base’s repository only.",
"- **Pushed**: the access log does not give a request’s size, so pushed bytes are the sizes (as the registry serves them, `HEAD`) of the blobs whose upload the client completed (`PUT …/blobs/uploads/…?digest=…` answered 201). Blobs mounted from another repository (`POST …?mount=…&from=…` answered 201) move no bytes and are counted apart. Manifests (a few kB) are not counted.",
"- **Repositories**: every benchmark run pushes to repositories of its own (`bench/run-<timestamp>/dockerfile-<n>` and `…/jib-<n>`), so a cold push finds nothing in its target repository; the registry as a whole keeps earlier blobs, and either side may mount one from a repository it knows holds it.",
(if $cross then "- **Cross-registry**: registry 1’s access log gives what was pulled from the base’s registry (the target above: the bytes of `GET`s on the base’s repository, against the base’s compressed size, since the whole base must travel); registry 2’s own access log, read the same way, gives what was pushed and mounted. Registry 2 is started for the run, its storage and log under the run’s work directory, restarted on empty storage before every cold run, and stopped (storage deleted) at the end." else empty end),
"- **Digest**: A: the digest `docker push` prints, or the image id; B: `target/jenkins-dind/image.digest`, or the image id in dockerd.",
"- Cold runs of A start from a dockerd without the base and without any image the benchmark made, tagged or not (B’s docker target leaves the base it had the daemon pull, untagged): \(ok("registry-cold"; "dockerfile") + ok("docker-cold"; "dockerfile") | map(select(.pulledDistinctLayers == $base.layerCount)) | length) of the \(ok("registry-cold"; "dockerfile") + ok("docker-cold"; "dockerfile") | length) cold runs of A pulled all \($base.layerCount) layers of the base; other images in dockerd share no layer with the random base.",
"",
"## How to measure the cross-registry and Debian-rootfs scenarios",
"",
"The cross-registry scenarios (the CI case: the base in one registry, the image pushed to another) run with every",
"`bench/run.sh`: the benchmark starts a second registry of its own (Debian’s `docker-registry`, on the first free port",
"from 5400, `BENCH_REGISTRY2_PORT`; storage and access log under the run’s work directory; emptied before every cold",
"run; stopped at the end) and measures, cold and warm, A (`docker pull` from 127.0.0.1:5000, `docker build`,",
"`docker push` to registry 2) against B (`target=registry`, `from` in 127.0.0.1:5000, the image in registry 2), with a",
"`skopeo copy` of the base to the emptied registry 2, with an empty blob-info cache, as the floor. The second registry",
"is the target, not the base’s: the shared one keeps every blob, and dockerd remembers where it pushed a layer, so a",
"cold `docker push` to it mounts the base instead of uploading it. `BENCH_BASE` chooses the base:",
"",
"```",
"bash .ci/services.sh                         # dockerd, the registry on 127.0.0.1:5000, skopeo, docker-registry",
"bash bench/run.sh                            # random-data base (the default): every scenario, cross-registry included",
"BENCH_BASE=debian bash bench/run.sh          # the same layers over a Debian bookworm root filesystem",
"BENCH_CROSS=0 bash bench/run.sh              # without the cross-registry scenarios",
"```",
"",
"The Debian base’s bottom layer is `debootstrap --variant=minbase bookworm` from `http://deb.debian.org/debian`",
"(`BENCH_DEBIAN_MIRROR`), run once and cached as `$BENCH_HOME/debian/bookworm-minbase.tar` (debootstrap is installed",
"with apt-get if missing); the report’s first lines say which base a run used. The targets judged for the",
"cross-registry scenarios (issue 16): B cold ≤ 0.4 × A cold and ≤ 2 × the skopeo copy in wall time, bytes pulled from",
"the base’s registry ≤ 1.05 × the base’s compressed size, one digest over all of B’s cross-registry runs. Measure on a quiet",
"machine, with 5 runs (the default) of each base.",
(if $cross then empty else "\nThis run has none of the cross-registry scenarios (`BENCH_CROSS=0`, or a run made before they existed)." end),
"",
"## Other benchmarks",
"",
"- [docs/performance/plugins.md](performance/plugins.md): 50 Jenkins plugins from a stand-in update center, warm and cold (`bash bench/plugins.sh 5`, issue 15).",
"- [docs/performance/platforms.md](performance/platforms.md): a two-platform image against a one-platform one, cold and warm (`bash bench/platforms.sh 5`, issue 14).",
"- [docs/performance/compression.md](performance/compression.md): how the docker CLI and plugin layers are compressed (gzip level 1 in 1 MiB members on every processor), measured.",
"",
"## Machine and versions",
"",
"| | |",
"| --- | --- |",
"| CPU | \($env.cpu), \($env.nproc) cores |",
"| memory | \($env.memory) |",
"| kernel / OS | \($env.kernel) / \($env.os) |",
"| load average at start / end | \($env.loadStart) / \($env.loadEnd) |",
"| Java | \($env.java) |",
"| Maven | \($env.maven) |",
"| Docker Engine | \($env.engine) |",
"| docker CLI (both sides) | \($env.cli) (static, /usr/local/bin/docker) |",
"| registry | \($env.registry) |",
"| jib-core | \($env.jib) |",
"| jenkins-dind | \($env.plugin), built by the run from commit \($env.commit)\(if ($env.changedFiles // 0) > 0 then " with \($env.changedFiles) changed files not yet committed" else "" end) |",
""
' "$RESULTS"

if [[ -f $BENCH_DIR/analysis.md ]]; then
  echo
  cat "$BENCH_DIR/analysis.md"
fi
