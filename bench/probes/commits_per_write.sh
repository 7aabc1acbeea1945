#!/usr/bin/env bash
# bench/probes/commits_per_write.sh [WRITES] — how many PostgreSQL commits one task create costs, the relay's included.
#
# Starts a throwaway PostgreSQL and Redis and the app (Release), creates WRITES tasks (default 2000) over REST with
# CONCURRENCY (default 16) clients, each assigned to ASSIGNEE (default "me") and, when REPOSITORY is set, in that
# repository (the seed makes "demo" and "api"), waits until the relay has published every one, and prints, over that window:
#   write transactions per create   xids assigned (txid_current), i.e. transactions that wrote and flushed a commit
#   commits per create              pg_stat_database.xact_commit, read-only statements included
#   relay marks per create          distinct published_at of the outbox rows: one per mark (one UPDATE each, shared by the
#                                   batches of up to 50 ms)
# Not a timed benchmark: the counts do not depend on the speed of the box, only on how writes and batches interleave.
set -euo pipefail

WRITES=${1:-2000}
CONCURRENCY=${CONCURRENCY:-16}
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$REPO_ROOT"
TM_LOG_TAG=probe
# shellcheck source=../../scripts/lib/services.sh
. scripts/lib/services.sh

WORK=$(mktemp -d /tmp/taskmanager-probe.XXXXXX)
chmod 755 "$WORK"
cleanup() {
    stop_app
    pg_stop "$WORK/pg" || true
    redis_stop "$WORK/redis" || true
    rm -rf "$WORK"
}
trap cleanup EXIT

PG_PORT=$(find_free_port "")
pg_start "$WORK/pg" "$PG_PORT" >&2
REDIS_PORT=$(find_free_port "")
redis_start "$WORK/redis" "$REDIS_PORT" >&2
export DATABASE_URL="postgresql://taskmanager:taskmanager@127.0.0.1:$PG_PORT/taskmanager"
export REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
JWT_SECRET=$(head -c 48 /dev/urandom | base64 | tr -d '/+=')
API_KEY_SALT=$(head -c 48 /dev/urandom | base64 | tr -d '/+=')
export JWT_SECRET API_KEY_SALT RATE_LIMIT_PER_MINUTE=0 LOG_LEVEL=Warning
CONFIGURATION=Release start_app "$WORK" >&2
app_cli Release seed >/dev/null 2>&1
TOKEN=$(app_cli Release token --user demo@example.com --days 1 2>/dev/null | tail -n 1)

sql() { PGPASSWORD=taskmanager psql -h 127.0.0.1 -p "$PG_PORT" -U taskmanager -d taskmanager -Atqc "$1"; }
counters() { sql "SELECT txid_current(), xact_commit FROM pg_stat_database WHERE datname = current_database()"; }
published() { sql "SELECT count(*) FILTER (WHERE published_at IS NOT NULL), count(*) FROM outbox_messages"; }

# Let seeding's events drain, so the window holds only the creates and their relaying.
drained() { [[ "$(published | awk -F'|' '{ print $1 == $2 }')" == 1 ]]; }
until drained; do sleep 0.2; done
# Idle backends report their counters to pg_stat_database only every 10 s.
sleep 11
marks_before=$(sql "SELECT count(DISTINCT published_at) FROM outbox_messages")
before=$(counters)

python3 - "$APP_URL" "$TOKEN" "$WRITES" "$CONCURRENCY" "${ASSIGNEE:-me}" "${REPOSITORY:-}" >&2 <<'PY'
import collections, concurrent.futures, json, sys, urllib.error, urllib.request
url, token, writes, concurrency, assignee, repository = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], sys.argv[6]
def create(i):
    task = {"title": f"Probe {i}", "assignee_id": assignee}
    if repository:
        task["repository"] = repository
    body = json.dumps(task).encode()
    request = urllib.request.Request(f"{url}/api/tasks", data=body,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
with concurrent.futures.ThreadPoolExecutor(concurrency) as pool:
    print("responses:", dict(collections.Counter(pool.map(create, range(writes)))))
PY
# Each query of this script is a commit in pg_stat_database too: the one that read "before" and every check below.
own=1
until own=$((own + 1)); drained; do sleep 0.2; done
sleep 11
after=$(counters)
marks=$(( $(sql "SELECT count(DISTINCT published_at) FROM outbox_messages") - marks_before ))

# txid_current() in "after" takes an xid of its own; "own" counts this script's queries in the window.
awk -F'|' -v b="$before" -v w="$WRITES" -v m="$marks" -v own="$own" 'BEGIN { split(b, x, "|") } {
    printf "creates: %d\nwrite transactions per create: %.3f\ncommits per create (xact_commit): %.3f\nrelay marks per create: %.3f (%d batches)\n",
        w, ($1 - x[1] - 1) / w, ($2 - x[2] - own) / w, m / w, m
}' <<<"$after"
