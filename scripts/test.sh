#!/usr/bin/env bash
# scripts/test.sh — the whole test run, locally and in CI (.ci/run calls it).
#
#   scripts/test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Tasks]
#
# 1. Installs PostgreSQL 15 / Redis / curl / python3 when missing (apt, needs root).
# 2. Starts a throwaway PostgreSQL and Redis on free 127.0.0.1 ports in a mktemp dir under /tmp;
#    a trap stops them and removes the dir on success, failure and Ctrl-C.
# 3. Exports for the tests:
#      DATABASE_URL=postgresql://taskmanager:taskmanager@127.0.0.1:PORT/taskmanager
#                   (role has CREATEDB: each test project creates its own database from it)
#      REDIS_URL=redis://127.0.0.1:PORT
#      REDIS_CLUSTER_URL=127.0.0.1:P1,127.0.0.1:P2,127.0.0.1:P3   a 3-node Redis Cluster of its own
#                   (tests of the cluster mode need it, and fail without it)
#      JWT_SECRET, API_KEY_SALT   random per run (or TEST_JWT_SECRET / TEST_API_KEY_SALT)
# 4. Runs `dotnet test TaskManager.sln -c Release` once (projects run in parallel), TRX files go to
#    $TEST_RESULTS_DIR (default ./TestResults, git-ignored, wiped at start, kept afterwards).
# 5. Runs the extra (Node) suites whose folders exist, against a real server (start_app).
# 6. Prints the failing tests, then ONE last line "N passed, N failed".
#    Exit status non-zero if anything failed, if dotnet test failed (build error, crash, hang),
#    or if no test ran at all.
#
# Extra suites — the convention
# -----------------------------
# A suite is a folder with a package.json. For each one whose folder exists, test.sh:
#   * starts the app once for all suites (build src/Api Release, `migrate`, `seed`, serve on a
#     free loopback port) and mints credentials for the seeded admin demo@example.com;
#   * runs `npm ci` (or `npm install` when there is no package-lock.json) in the folder;
#   * runs the suite's command in the folder with these environment variables:
#       TASKMANAGER_URL       base URL, e.g. http://127.0.0.1:41234 (no trailing slash)
#       TASKMANAGER_MCP_URL   $TASKMANAGER_URL/mcp (Streamable HTTP)
#       TASKMANAGER_TOKEN     admin JWT for demo@example.com  (Authorization: Bearer ...)
#       TASKMANAGER_API_KEY   MCP API key for demo@example.com (X-API-Key: ...)
#       JUNIT_XML, RESULTS_JSON   where to write the results (below)
#       CHROMIUM_PATH         /usr/bin/chromium (browser suites; playwright-core executablePath)
#       plus DATABASE_URL, REDIS_URL, JWT_SECRET, API_KEY_SALT of this run;
#   * reads the suite's results, which it writes in ONE of two forms before it exits:
#       JUnit XML at $JUNIT_XML — with Node's own runner simply
#           node --test --test-reporter=spec --test-reporter-destination=stdout \
#                --test-reporter=junit --test-reporter-destination="$JUNIT_XML"
#         (<testcase> = a test; with <failure>/<error> it failed, with <skipped> it is not counted)
#       or JSON at $RESULTS_JSON — for a hand-written checker such as check.mjs:
#           {"passed": 12, "failed": 1, "failures": ["create_task rejects unknown status", ...]}
#         ("failures" is optional but makes CI logs useful)
#     and the suite exits non-zero if anything failed.
#   A suite that crashes, times out (SUITE_TIMEOUT, default 600 s), writes no results, exits
#   non-zero while reporting no failure, or runs nothing counts as (at least) one failure.
#
# Hooking a new suite: write a function `suite_<name>` below that returns early when its folder is
# missing and otherwise calls
#   run_node_suite <label> <folder> [--junit-from <file in folder>] <command...>
# (--junit-from: the suite writes JUnit to a fixed file of its own instead of $JUNIT_XML), then add
# <name> to EXTRA_SUITES.
#
# Environment knobs: TEST_RESULTS_DIR, SKIP_EXTRA_SUITES=1, TEST_HANG_TIMEOUT (default 15m, per
# test), SUITE_TIMEOUT, PG_FSYNC (default on; off is faster and fine for throwaway data).
# The suite hooks are called indirectly ("suite_$name"), which shellcheck reads as unreachable code.
# shellcheck disable=SC2317
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export REPO_ROOT
cd "$REPO_ROOT"
TM_LOG_TAG="test"
# shellcheck source=scripts/lib/services.sh
. "$REPO_ROOT/scripts/lib/services.sh"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

RESULTS_DIR=${TEST_RESULTS_DIR:-$REPO_ROOT/TestResults}
RESULTS_DIR=$(realpath -m "$RESULTS_DIR")
EXTRA_SUITES=(mcp_ts_client dashboard_browser_tests)

WORK=""
cleanup() {
    # Idempotent: called explicitly before the summary (so nothing prints after the last line)
    # and again by the EXIT trap for early exits, failures and Ctrl-C.
    stop_app
    if [[ -n "$WORK" ]]; then
        pg_stop "$WORK/pg" || true
        redis_stop "$WORK/redis" || true
        redis_cluster_stop "$WORK/redis-cluster" || true
        rm -rf "$WORK"
        WORK=""
    fi
}
trap cleanup EXIT
trap 'exit 130' INT       # the EXIT trap does the cleanup
trap 'exit 143' TERM

random_hex() { head -c "$1" /dev/urandom | od -An -tx1 | tr -d ' \n'; }

# --------------------------------------------------------------------------------------------
# Services
# --------------------------------------------------------------------------------------------
# docker-compose (Debian's, v1) lets a test validate docker/compose.yaml; there is no engine here to run it.
compose_pkg=()
command -v docker-compose >/dev/null 2>&1 || compose_pkg=(docker-compose)
ensure_services_installed "${compose_pkg[@]}" || tm_die "could not install the services the tests need"

rm -rf "$RESULTS_DIR"
mkdir -p "$RESULTS_DIR"

WORK=$(mktemp -d -t taskmanager-test.XXXXXX)
chmod 0711 "$WORK"        # the postgres user must traverse it to reach $WORK/pg (owned by postgres)

PG_PORT=$(find_free_port "")
pg_start "$WORK/pg" "$PG_PORT" || tm_die "PostgreSQL did not start"
REDIS_PORT=$(find_free_port "")
redis_start "$WORK/redis" "$REDIS_PORT" no || tm_die "Redis did not start"

REDIS_CLUSTER_URL=$(redis_cluster_start "$WORK/redis-cluster") || tm_die "the Redis Cluster did not start"

DATABASE_URL=$(database_url "$PG_PORT")
REDIS_URL=$(redis_url "$REDIS_PORT")
JWT_SECRET=${TEST_JWT_SECRET:-$(random_hex 32)}
API_KEY_SALT=${TEST_API_KEY_SALT:-$(random_hex 32)}
export DATABASE_URL REDIS_URL REDIS_CLUSTER_URL JWT_SECRET API_KEY_SALT
# Settings from the caller's shell must not change what the tests see.
unset JWT_ISSUER JWT_AUDIENCE HOST PORT
tm_log "DATABASE_URL=$DATABASE_URL REDIS_URL=$REDIS_URL REDIS_CLUSTER_URL=$REDIS_CLUSTER_URL"

# --------------------------------------------------------------------------------------------
# dotnet test — one invocation; the solution's test projects run in parallel.
# --blame-hang-timeout turns a hung test into a reported failure instead of eating CI's 90 min.
# --------------------------------------------------------------------------------------------
dotnet_status=0
dotnet test TaskManager.sln -c Release --nologo -v minimal \
    --logger trx --results-directory "$RESULTS_DIR" \
    --blame-hang-timeout "${TEST_HANG_TIMEOUT:-15m}" --blame-hang-dump-type none \
    "$@" || dotnet_status=$?

# --------------------------------------------------------------------------------------------
# Extra suites (Node). See the convention at the top.
# --------------------------------------------------------------------------------------------
APP_STATE=""              # "" = not tried, up = running, failed = could not start

# Starts the app once, seeds it and exports the TASKMANAGER_* variables.
ensure_app() {
    case "$APP_STATE" in up) return 0 ;; failed) return 1 ;; esac
    APP_STATE=failed
    CONFIGURATION=Release start_app "$RESULTS_DIR" || return 1
    app_cli Release seed >&2 || { tm_log "'seed' failed"; return 1; }
    # The verbs print only the secret on stdout (logs go to stderr); keep the last line regardless.
    TASKMANAGER_TOKEN=$(app_cli Release token --user demo@example.com --admin --days 1 | tail -n 1) \
        || { tm_log "'token' failed"; return 1; }
    [[ -n "$TASKMANAGER_TOKEN" ]] || { tm_log "'token' printed nothing"; return 1; }
    TASKMANAGER_API_KEY=$(app_cli Release api-key --user demo@example.com --name test-suites | tail -n 1) \
        || { tm_log "'api-key' failed"; return 1; }
    TASKMANAGER_URL=$APP_URL
    TASKMANAGER_MCP_URL=$APP_URL/mcp
    export TASKMANAGER_URL TASKMANAGER_MCP_URL TASKMANAGER_TOKEN TASKMANAGER_API_KEY
    APP_STATE=up
}

# run_node_suite LABEL FOLDER [--junit-from FILE] COMMAND... — see the convention at the top.
run_node_suite() {
    local label=$1 dir=$2 junit_from="" status=0
    shift 2
    if [[ "${1:-}" == --junit-from ]]; then junit_from=$2; shift 2; fi
    local junit="$RESULTS_DIR/$label.junit.xml" json="$RESULTS_DIR/$label.results.json"
    rm -f "$junit" "$json"
    [[ -n "$junit_from" ]] && rm -f "$dir/$junit_from"     # never count a stale report
    tm_log "suite $label ($dir): $*"
    if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
        ensure_services_installed nodejs npm || true
    fi
    if ! ensure_app; then
        printf '{"passed":0,"failed":1,"failures":["%s: the app could not be started (see %s)"]}\n' \
            "$label" "${APP_LOG:-the log above}" > "$RESULTS_DIR/$label.status.results.json"
        return 0
    fi
    (
        # errexit does not apply inside a subshell tested with ||, hence the explicit exits.
        cd "$dir" || exit $?
        export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1    # never download a browser; Debian's Chromium is used
        if [[ -f package-lock.json ]]; then
            npm ci --no-audit --no-fund --loglevel=error || exit $?
        else
            npm install --no-audit --no-fund --loglevel=error || exit $?
        fi
        JUNIT_XML=$junit RESULTS_JSON=$json timeout "${SUITE_TIMEOUT:-600}" "$@"
    ) || status=$?
    if [[ -n "$junit_from" && -f "$dir/$junit_from" && ! -f "$junit" ]]; then
        cp "$dir/$junit_from" "$junit"
    fi
    python3 "$REPO_ROOT/scripts/lib/test_results.py" suite-result "$RESULTS_DIR" "$label" "$status"
}

# Hook: tests/mcp-ts-client — a Node MCP client (official TypeScript SDK) that talks to /mcp with
# the API key and checks the tools end to end. Written by another engineer; entry point check.mjs,
# which writes $RESULTS_JSON (or $JUNIT_XML).
suite_mcp_ts_client() {
    [[ -d tests/mcp-ts-client ]] || return 0
    run_node_suite mcp-ts-client tests/mcp-ts-client node check.mjs
}

# Hook: tests/Dashboard.BrowserTests — node:test + playwright-core driving Debian's Chromium against
# the dashboard of the running app. Its run-tests.sh reads BASE_URL / DASHBOARD_TOKEN / API_KEY and
# writes JUnit to its own results.xml.
suite_dashboard_browser_tests() {
    local dir=tests/Dashboard.BrowserTests
    [[ -d "$dir" ]] || return 0
    if [[ ! -x /usr/bin/chromium ]]; then ensure_services_installed chromium || true; fi
    export CHROMIUM_PATH=/usr/bin/chromium
    if ensure_app; then
        export BASE_URL=$TASKMANAGER_URL DASHBOARD_TOKEN=$TASKMANAGER_TOKEN
        # The suite creates (and revokes) a key over REST when API_KEY is unset.
        if [[ -n "$TASKMANAGER_API_KEY" ]]; then export API_KEY=$TASKMANAGER_API_KEY; fi
    fi
    run_node_suite dashboard-browser "$dir" --junit-from results.xml bash run-tests.sh
}

if [[ -z "${SKIP_EXTRA_SUITES:-}" ]]; then
    for suite in "${EXTRA_SUITES[@]}"; do
        "suite_$suite"
    done
fi

# --------------------------------------------------------------------------------------------
# Summary
# --------------------------------------------------------------------------------------------
cleanup

trx_count=$(find "$RESULTS_DIR" -name '*.trx' | wc -l)
test_projects=$(grep -lE '<IsTestProject>true</IsTestProject>|Microsoft\.NET\.Test\.Sdk' tests/*/*.csproj 2>/dev/null | wc -l)
if [[ $dotnet_status -ne 0 ]]; then
    if [[ $trx_count -eq 0 ]]; then
        tm_log "dotnet test exited $dotnet_status and wrote no TRX file: the build failed (see above)"
    else
        tm_log "dotnet test exited $dotnet_status"
    fi
    # Make sure the count shows it even when no TRX recorded a failure (build error, crashed or
    # hung test host): a red exit status must never come with "0 failed".
    trx_failed=$(python3 "$REPO_ROOT/scripts/lib/test_results.py" trx-failed "$RESULTS_DIR")
    if [[ "$trx_failed" == 0 ]]; then
        printf '{"passed":0,"failed":1,"failures":["dotnet test exited %d (build error, crash or hang; see the log above)"]}\n' \
            "$dotnet_status" > "$RESULTS_DIR/dotnet-test.results.json"
    fi
elif [[ $trx_count -lt $test_projects ]]; then
    tm_log "warning: $test_projects test projects but only $trx_count TRX files"
fi

summary_status=0
python3 "$REPO_ROOT/scripts/lib/test_results.py" summary "$RESULTS_DIR" || summary_status=$?
if [[ $summary_status -ne 0 ]]; then exit 1; fi
exit "$dotnet_status"
