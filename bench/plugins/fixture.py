#!/usr/bin/env python3
"""The stand-in update center's plugins for bench/plugins.sh: 50 real .hpi files and their graph.

Usage: fixture.py DIR

Writes, once (a file already there with the right size is kept, so reruns reuse the same bytes and digests):
  DIR/download/plugins/<id>/<version>/<id>.hpi   a zip: META-INF/MANIFEST.MF (Short-Name, Plugin-Version,
                                                 Jenkins-Version, Plugin-Dependencies) and WEB-INF/lib/<id>.jar
                                                 of random, incompressible bytes (stored), so its size is real
  DIR/graph.json                                 every release: id, version, requiredCore, dependencies, size,
                                                 sha256 (base64, as the update center gives it), path

Everything comes from a seeded random generator: the same DIR is made byte for byte on every machine.
The set: 15 top-level plugins (what a user lists) pulling 35 libraries, in levels (a plugin depends only on
plugins of lower levels), so that there are chains (up to 5 deep) and diamonds (libraries reached by several
paths). Sizes: most 50 KB to 2 MB (log-uniform), 5 of them 5 to 10 MB, as real Jenkins plugins are. Each plugin
also has an older release, listed only in plugin-versions.json, which the benchmark never asks for.
"""
import base64
import hashlib
import json
import os
import random
import sys
import zipfile

SEED = 15
CORE = "2.440.3"
NAMES_TOP = [
    "blueocean", "docker-workflow", "git", "workflow-aggregator", "configuration-as-code", "kubernetes",
    "pipeline-stage-view", "job-dsl", "github-branch-source", "credentials-binding", "timestamper",
    "ws-cleanup", "matrix-auth", "email-ext", "ansicolor",
]
NAMES_LIB = [
    "workflow-job", "workflow-cps", "workflow-multibranch", "branch-api", "git-client", "scm-api",
    "workflow-step-api", "workflow-api", "workflow-support", "workflow-durable-task-step", "durable-task",
    "pipeline-model-definition", "pipeline-model-api", "pipeline-stage-step", "docker-commons", "kubernetes-client-api",
    "kubernetes-credentials", "jackson2-api", "snakeyaml-api", "apache-httpcomponents-client-4-api", "okhttp-api",
    "github-api", "github", "plain-credentials", "ssh-credentials", "credentials", "structs", "script-security",
    "token-macro", "mailer", "display-url-api", "jaxb", "caffeine-api", "commons-lang3-api", "bouncycastle-api",
]
# levels: top (0), then libraries by level; a plugin depends on 1 to 4 plugins of strictly lower levels
LEVELS = [NAMES_LIB[0:9], NAMES_LIB[9:18], NAMES_LIB[18:27], NAMES_LIB[27:35]]
BIG = {"blueocean", "kubernetes-client-api", "workflow-cps", "github-api", "pipeline-model-definition"}
ZIP_TIME = (2024, 1, 1, 0, 0, 0)


def graph():
    rnd = random.Random(SEED)
    plugins = []
    level_of = {name: 0 for name in NAMES_TOP}
    for i, names in enumerate(LEVELS, start=1):
        for name in names:
            level_of[name] = i
    below = lambda level: [n for n, l in level_of.items() if l > level]
    for name in NAMES_TOP + NAMES_LIB:
        level = level_of[name]
        candidates = below(level)
        deps = []
        if candidates:
            # mostly the next level down (chains), sometimes further (diamonds with the chains)
            near = [n for n in candidates if level_of[n] == level + 1]
            count = min(len(candidates), rnd.randint(1, 4))
            deps = sorted(set(rnd.sample(near, min(len(near), max(1, count - 1))) + rnd.sample(candidates, 1)))
        if name in BIG:
            size = rnd.randint(5 * 1024 * 1024, 10 * 1024 * 1024)
        else:
            size = int(round(50 * 1024 * (2 * 1024 / 50) ** rnd.random()))  # log-uniform 50 KB .. 2 MB
        major, minor = rnd.randint(1, 900), rnd.randint(0, 40)
        plugins.append({"id": name, "level": level, "deps": deps, "size": size,
                        "version": f"{major}.v{minor + 1}", "older": f"{major}.v{minor}"})
    # every library is pulled in by someone
    pulled = {d for p in plugins for d in p["deps"]}
    for p in plugins:
        if p["level"] > 0 and p["id"] not in pulled:
            parent = next(q for q in plugins if q["level"] == p["level"] - 1)
            parent["deps"] = sorted(set(parent["deps"] + [p["id"]]))
            pulled.add(p["id"])
    return plugins


def hpi(path, pid, version, deps, size, rnd):
    manifest = (
        "Manifest-Version: 1.0\r\n"
        f"Short-Name: {pid}\r\n"
        f"Long-Name: {pid} (benchmark stand-in)\r\n"
        f"Plugin-Version: {version}\r\n"
        f"Jenkins-Version: {CORE}\r\n"
        + (f"Plugin-Dependencies: {','.join(deps)}\r\n" if deps else "")
        + "\r\n"
    )
    tmp = path + ".tmp"
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with zipfile.ZipFile(tmp, "w") as z:
        info = zipfile.ZipInfo("META-INF/MANIFEST.MF", ZIP_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, manifest)
        jar = zipfile.ZipInfo(f"WEB-INF/lib/{pid}.jar", ZIP_TIME)
        jar.compress_type = zipfile.ZIP_STORED
        z.writestr(jar, rnd.randbytes(max(0, size - len(manifest) - 300)))
    os.replace(tmp, path)


def main(directory):
    releases = []
    for p in graph():
        for version, size, latest in ((p["older"], 20 * 1024, False), (p["version"], p["size"], True)):
            rel = f"download/plugins/{p['id']}/{version}/{p['id']}.hpi"
            path = os.path.join(directory, rel)
            deps = [f"{d}:{next(q for q in graph_cache if q['id'] == d)['version']}" for d in p["deps"]] if latest else []
            if not os.path.isfile(path):
                hpi(path, p["id"], version, deps, size, random.Random(f"{SEED}-{p['id']}-{version}"))
            data = open(path, "rb").read()
            releases.append({"id": p["id"], "version": version, "latest": latest, "top": p["level"] == 0,
                             "requiredCore": CORE, "dependencies": deps, "size": len(data), "path": rel,
                             "sha256": base64.b64encode(hashlib.sha256(data).digest()).decode()})
    with open(os.path.join(directory, "graph.json.tmp"), "w") as f:
        json.dump({"core": CORE, "releases": releases}, f, indent=1)
    os.replace(os.path.join(directory, "graph.json.tmp"), os.path.join(directory, "graph.json"))


if __name__ == "__main__":
    graph_cache = graph()
    main(sys.argv[1])
