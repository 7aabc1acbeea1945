#!/usr/bin/env bash
# scripts/run.sh — build and start TaskManager on this machine (a fresh Debian machine is fine).
#
#   scripts/run.sh          build, migrate, seed, print credentials, then serve (Ctrl-C stops the app)
#   scripts/run.sh stop     stop the PostgreSQL and Redis that run.sh started under .data/
#
# Environment (all optional):
#   CONFIGURATION  Release (default) or Debug
#   HOST, PORT     where the app listens (default 127.0.0.1:8000)
#   DATABASE_URL   unset: a PostgreSQL 15 cluster is started under .data/pg (installed if missing)
#   REDIS_URL      unset: a Redis server (appendonly) is started under .data/redis
#   JWT_SECRET, API_KEY_SALT  unset: generated once and kept in .data/secrets.env (mode 600)
#
# .data/ (git-ignored) keeps the databases, the chosen ports (pg.port, redis.port) and the secrets
# across runs. PostgreSQL and Redis keep running after the app stops, and the next run reuses them;
# `scripts/run.sh stop` stops them. Their ports are 5432/6379 when free, else free loopback ports.
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export REPO_ROOT
cd "$REPO_ROOT"
TM_LOG_TAG="run"
# shellcheck source=scripts/lib/services.sh
. "$REPO_ROOT/scripts/lib/services.sh"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

CONFIGURATION=${CONFIGURATION:-Release}
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
DATA_DIR="$REPO_ROOT/.data"
PG_DIR="$DATA_DIR/pg"
REDIS_DIR="$DATA_DIR/redis"
SECRETS="$DATA_DIR/secrets.env"

if [[ "${1:-}" == stop ]]; then
    pg_stop "$PG_DIR" && tm_log "PostgreSQL stopped"
    redis_stop "$REDIS_DIR" && tm_log "Redis stopped"
    exit 0
elif [[ $# -gt 0 ]]; then
    echo "usage: scripts/run.sh [stop]" >&2
    exit 64
fi

# 0711: other users (postgres) may traverse .data but not list it; secrets.env itself is 0600.
mkdir -p "$DATA_DIR"
chmod 0711 "$DATA_DIR"

# pick_port REMEMBERED DEFAULT — the port used last time if it is free, else the default, else any.
pick_port() {
    local p
    for p in "$1" "$2"; do
        if [[ -n "$p" ]] && port_is_free "$p"; then echo "$p"; return 0; fi
    done
    find_free_port ""
}

# Where the PostgreSQL cluster lives. As root, pg runs as the `postgres` user, which must be able to
# traverse every parent of the data dir. A checkout under /work/... (0755) is fine; one under /root
# (0700) is not, and opening /root to everyone (chmod o+x) would weaken it for a dev convenience.
# So: keep the cluster in .data/pg when postgres can reach .data, otherwise keep it under
# /var/lib/taskmanager-dev/<hash of this checkout's path>/pg and leave a symlink .data/pg -> there.
resolve_pg_dir() {
    [[ $EUID -eq 0 ]] || return 0
    [[ -L "$PG_DIR" ]] && return 0             # decided on an earlier run
    if _as_pg test -x "$DATA_DIR"; then return 0; fi
    local outside
    outside="/var/lib/taskmanager-dev/$(printf '%s' "$REPO_ROOT" | sha256sum | cut -c1-16)/pg"
    tm_log "user postgres cannot reach $DATA_DIR; cluster goes to $outside (symlinked as .data/pg)"
    mkdir -p "$(dirname "$outside")"
    if [[ -d "$PG_DIR" ]]; then
        tm_log ".data/pg exists but is unreachable for postgres; move it away or fix the permissions"
        exit 1
    fi
    ln -s "$outside" "$PG_DIR"
}

start_postgres() {
    resolve_pg_dir
    local port
    if port=$(pg_running_port "$PG_DIR"); then
        tm_log "reusing PostgreSQL from a previous run on 127.0.0.1:$port"
    else
        port=$(pick_port "$(cat "$DATA_DIR/pg.port" 2>/dev/null || true)" 5432)
    fi
    pg_start "$PG_DIR" "$port" || tm_die "PostgreSQL did not start (log: $PG_DIR/postgres.log)"
    echo "$port" > "$DATA_DIR/pg.port"
    DATABASE_URL=$(database_url "$port")
    PG_NOTE="PostgreSQL 127.0.0.1:$port (.data/pg)"
}

start_redis() {
    local port
    if port=$(redis_running_port "$REDIS_DIR"); then
        tm_log "reusing Redis from a previous run on 127.0.0.1:$port"
    else
        port=$(pick_port "$(cat "$DATA_DIR/redis.port" 2>/dev/null || true)" 6379)
    fi
    redis_start "$REDIS_DIR" "$port" yes || tm_die "Redis did not start (log: $REDIS_DIR/redis.log)"
    echo "$port" > "$DATA_DIR/redis.port"
    REDIS_URL=$(redis_url "$port")
    REDIS_NOTE="Redis 127.0.0.1:$port (.data/redis)"
}

# secret NAME — the value from the environment, else from .data/secrets.env, else a new random one
# appended to that file. Values are hex, so no quoting issues when the file is sourced elsewhere.
secret() {
    local name=$1 value
    value=${!name:-}
    if [[ -z "$value" && -f "$SECRETS" ]]; then
        value=$(sed -n "s/^$name=//p" "$SECRETS" | tail -n 1)
    fi
    if [[ -z "$value" ]]; then
        value=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
        (umask 077; echo "$name=$value" >> "$SECRETS")
        tm_log "generated $name into .data/secrets.env"
    fi
    [[ -f "$SECRETS" ]] && chmod 600 "$SECRETS"
    printf '%s' "$value"
}

# ---------------------------------------------------------------------------------------------
PG_NOTE="PostgreSQL from DATABASE_URL"
REDIS_NOTE="Redis from REDIS_URL"
if [[ -z "${DATABASE_URL:-}" || -z "${REDIS_URL:-}" ]]; then
    # shellcheck disable=SC2119  # no extra packages
    ensure_services_installed || tm_die "could not install PostgreSQL/Redis"
fi
[[ -n "${DATABASE_URL:-}" ]] || start_postgres
[[ -n "${REDIS_URL:-}" ]] || start_redis
JWT_SECRET=$(secret JWT_SECRET)
API_KEY_SALT=$(secret API_KEY_SALT)
export DATABASE_URL REDIS_URL JWT_SECRET API_KEY_SALT HOST PORT

# Fail now, not after a build, when the app's port is taken (often: a previous run.sh still runs).
if ! port_is_free "$PORT"; then
    tm_die "port $PORT is in use (another TaskManager?). Stop it or choose one: PORT=8001 scripts/run.sh"
fi

tm_log "building src/Api ($CONFIGURATION)"
build_app "$CONFIGURATION" || tm_die "build failed"
DLL=$(app_dll "$CONFIGURATION")

app_cli "$CONFIGURATION" migrate || tm_die "'migrate' failed"
app_cli "$CONFIGURATION" seed || tm_die "'seed' failed"
# The verbs print only the secret on stdout (logs go to stderr); keep the last line regardless.
TOKEN=$(app_cli "$CONFIGURATION" token --user demo@example.com --admin --days 30 | tail -n 1) || tm_die "'token' failed"
# A new key each run (a key is shown only once); older demo-agent keys stay valid until revoked.
API_KEY=$(app_cli "$CONFIGURATION" api-key --user demo@example.com --name demo-agent | tail -n 1) || tm_die "'api-key' failed"

# Links must name an address a browser can open, not the wildcard the server binds.
case "$HOST" in 0.0.0.0 | '*' | '::' | '[::]' | '+') LINK_HOST=127.0.0.1 ;; *) LINK_HOST=$HOST ;; esac
[[ "$LINK_HOST" == *:* && "$LINK_HOST" != \[* ]] && LINK_HOST="[$LINK_HOST]"
BASE="http://$LINK_HOST:$PORT"

cat <<EOF

TaskManager ($CONFIGURATION) is starting on $BASE
  $PG_NOTE, $REDIS_NOTE

JWT for demo@example.com (admin, 30 days):
  $TOKEN

MCP API key for demo@example.com ("demo-agent"):
  $API_KEY

Create a task:
  curl -sS -X POST $BASE/api/tasks \\
    -H 'Authorization: Bearer $TOKEN' \\
    -H 'Content-Type: application/json' \\
    -d '{"title": "Try TaskManager", "description": "Created with curl", "repository": "demo", "assignee_id": "demo@example.com", "priority": "high"}'

MCP (Streamable HTTP): $BASE/mcp   with header   X-API-Key: $API_KEY
  e.g. claude mcp add --transport http task-manager $BASE/mcp --header 'X-API-Key: $API_KEY'

Dashboard:      $BASE/#token=$TOKEN
API reference:  $BASE/docs   (OpenAPI document: $BASE/openapi/v1.json)

Ctrl-C stops the app; PostgreSQL/Redis keep running for the next run (scripts/run.sh stop stops them).

EOF

# From src/Api: ASP.NET's content root is the working directory, and the dashboard (wwwroot/) lives
# there; a build (unlike a publish) does not copy it next to the dll.
cd "$REPO_ROOT/src/Api"
exec dotnet "$DLL"
