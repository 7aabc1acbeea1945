#!/usr/bin/env bash
# Runs the dashboard browser tests. Needs Node 20+ and Debian's chromium (installed here if missing;
# no browser is ever downloaded by npm). Real-app tests need BASE_URL and DASHBOARD_TOKEN (see README.md);
# without them they are skipped and only the mock smoke test runs.
# Results: spec on stdout, JUnit in results.xml; a summary line "dashboard-tests: pass=N fail=N skip=N".
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y chromium >/dev/null || { apt-get update >/dev/null && apt-get install -y chromium >/dev/null; }
  else echo "chromium not found: apt-get install -y chromium" >&2; exit 2; fi
fi
[ -d node_modules/playwright-core ] || PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
rc=0
node --test --test-reporter=spec --test-reporter-destination=stdout \
     --test-reporter=junit --test-reporter-destination=results.xml "$@" || rc=$?
pass=$(grep -c '<testcase' results.xml || true)
fail=$(grep -c '<failure' results.xml || true)
skip=$(grep -c '<skipped' results.xml || true)
echo "dashboard-tests: pass=$((pass - fail - skip)) fail=$fail skip=$skip"
exit $rc
