#!/usr/bin/env bash
# The project's test command (README.md, Set-up): start the real services (dockerd and registries, then the
# extra Docker hosts of the engine tests), then build and run every test (unit
# tests and the `it` module) with the Maven Wrapper. Extra arguments go to Maven, e.g. `.ci/test.sh -Djd.buildDir=target-x`.
set -euo pipefail
cd "$(dirname "$0")/.."

bash .ci/services.sh
bash .ci/engines.sh
bash .ci/cli-plugins.sh
bash .ci/foreign-binaries.sh
bash .ci/emulation.sh
bash .ci/containerd-store.sh
export JD_SERVICES_DIR=${SERVICES_DIR:-/tmp/jenkins-dind-services}
echo "== maven: $(./mvnw -B -v 2>/dev/null | head -n 1 | sed 's/\x1b\[[0-9;]*m//g')"
./mvnw -B -ntp install "$@"
