#!/usr/bin/env bash
# The project's test command: start the real services, then build and run every test (unit tests and the `it` module).
# Extra arguments go to Maven, e.g. `.ci/test.sh -Djd.buildDir=target-x`.
set -euo pipefail
cd "$(dirname "$0")/.."

bash .ci/services.sh
export JD_SERVICES_DIR=${SERVICES_DIR:-/tmp/jenkins-dind-services}
mvn -B -ntp install "$@"
