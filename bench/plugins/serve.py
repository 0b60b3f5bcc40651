#!/usr/bin/env python3
"""The stand-in Jenkins update center of bench/plugins.sh, on loopback.

Usage: serve.py DIR PORT LOG

Serves DIR (made by fixture.py) on 127.0.0.1:PORT, a thread per request, with the update center's two JSON files in
the real format, made from DIR/graph.json for this port:
  /update-center.actual.json   plugins.<id>: name, version, url, sha256 (base64), requiredCore, dependencies
                               [{name, version, optional}], for the latest release of each plugin; warnings: []
  /plugin-versions.json        plugins.<id>.<version>: the same, for every release
  /download/plugins/<id>/<version>/<id>.hpi
Appends one line per request to LOG: start and end (epoch seconds), method, path, status, bytes sent.
"""
import json
import os
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

DIR, PORT, LOG = sys.argv[1], int(sys.argv[2]), sys.argv[3]
BASE = f"http://127.0.0.1:{PORT}"
LOCK = threading.Lock()


def entry(r):
    return {"name": r["id"], "version": r["version"], "title": r["id"], "requiredCore": r["requiredCore"],
            "url": f"{BASE}/{r['path']}", "sha256": r["sha256"], "size": r["size"],
            "dependencies": [{"name": d.split(":")[0], "version": d.split(":")[1], "optional": False}
                             for d in r["dependencies"]]}


def render():
    graph = json.load(open(os.path.join(DIR, "graph.json")))
    center = {"id": "default", "updateCenterVersion": "1", "core": {"name": "core", "version": graph["core"]},
              "plugins": {}, "warnings": []}
    versions = {"updateCenterVersion": "1", "plugins": {}}
    for r in graph["releases"]:
        versions["plugins"].setdefault(r["id"], {})[r["version"]] = entry(r)
        if r["latest"]:
            center["plugins"][r["id"]] = entry(r)
    return {"/update-center.actual.json": json.dumps(center, indent=1).encode(),
            "/plugin-versions.json": json.dumps(versions, indent=1).encode()}


JSON = render()


class Handler(SimpleHTTPRequestHandler):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=DIR, **kwargs)

    def do_GET(self):
        start = time.time()
        self.sent = 0
        path = self.path.split("?")[0]
        if path in JSON:
            body = JSON[path]
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            self.sent = len(body)
            status = 200
        elif path.startswith("/download/") and os.path.isfile(os.path.join(DIR, path.lstrip("/"))):
            f = self.send_head()
            try:
                self.copyfile(f, self.wfile)
                self.sent = os.fstat(f.fileno()).st_size
            finally:
                f.close()
            status = 200
        else:
            self.send_error(404)
            status = 404
        with LOCK, open(LOG, "a") as log:
            log.write(f"{start:.6f} {time.time():.6f} GET {path} {status} {self.sent}\n")

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", PORT), Handler)
    server.daemon_threads = True
    print(f"serving {DIR} on {BASE}", flush=True)
    server.serve_forever()
