# shellcheck shell=bash
# scripts/lib/services.sh — helpers shared by scripts/test.sh and scripts/run.sh.
#
# Source it, don't run it:   . "$REPO_ROOT/scripts/lib/services.sh"
#
# What it gives you (all functions return non-zero on failure instead of exiting,
# so callers decide; they never touch servers they did not start):
#   ensure_services_installed          apt-get install what is missing (PostgreSQL 15, Redis, curl, python3)
#   port_is_free PORT                  true if nothing can be bound/listening on 127.0.0.1:PORT
#   find_free_port [PREFERRED]         prints PREFERRED if free, else a free loopback port
#   pg_start DIR PORT                  PostgreSQL 15 cluster in DIR (created on first use), role+db taskmanager
#   pg_stop DIR / pg_running_port DIR  stop it / print the port it listens on (fails if not running)
#   redis_start DIR PORT [yes|no] [ARG...]  redis-server daemon in DIR; 3rd arg = appendonly (default no),
#                                      the rest go to redis-server as they are
#   redis_stop DIR / redis_running_port DIR
#   redis_cluster_start DIR            a 3-node Redis Cluster (no replicas) in DIR/node-PORT; prints its endpoints
#   redis_cluster_stop DIR
#   start_app LOGDIR / stop_app        build + migrate + serve src/Api in the background (sets APP_URL, APP_PID)
#   wait_http_ok URL SECONDS [PID]     poll until URL answers 200
#
# Conventions:
#   * Servers listen on 127.0.0.1 only.
#   * Database role/password/db: taskmanager/taskmanager/taskmanager (dev and tests only), role has
#     CREATEDB because test projects create their own databases from DATABASE_URL.
#   * TCP logins use scram-sha-256 (password), so the app's DATABASE_URL password path is exercised
#     exactly as in production; the unix socket (a 0700 dir inside DIR) is "trust" and is used only
#     by these scripts to create the role.
#   * PostgreSQL refuses to run as root: when we are root, every pg command runs as the `postgres`
#     user (runuser), so DIR and all its parents must be traversable by that user.
#   * Tunables (environment): PG_BIN (default /usr/lib/postgresql/15/bin), PG_FSYNC (default on),
#     PG_MAX_CONNECTIONS (default 200), PG_DB_USER/PG_DB_PASSWORD/PG_DB_NAME (default taskmanager).

# Guard against double sourcing (functions are idempotent anyway, but the apt flag must survive).
if [[ -n "${_TM_SERVICES_SH:-}" ]]; then return 0; fi
_TM_SERVICES_SH=1

: "${PG_BIN:=/usr/lib/postgresql/15/bin}"
: "${PG_FSYNC:=on}"
: "${PG_MAX_CONNECTIONS:=200}"
: "${PG_DB_USER:=taskmanager}"
: "${PG_DB_PASSWORD:=taskmanager}"
: "${PG_DB_NAME:=taskmanager}"

# REPO_ROOT defaults to the repository that contains this file (scripts/lib/ -> ../..).
: "${REPO_ROOT:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"

tm_log() { printf '[%s] %s\n' "${TM_LOG_TAG:-services}" "$*" >&2; }
tm_die() { tm_log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------------------------------------
# (a) Installing what is missing
# ---------------------------------------------------------------------------------------------
_TM_APT_UPDATED=""
_tm_apt_install() {
    # apt-get update only once per shell, and only when we really install something.
    if [[ -z "$_TM_APT_UPDATED" ]]; then
        tm_log "apt-get update"
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null || return 1
        _TM_APT_UPDATED=1
    fi
    tm_log "apt-get install $*"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null || return 1
}

# ensure_services_installed [extra-debian-package ...]
# Installs only what is absent. Extra packages are for callers that checked for themselves
# (e.g. test.sh asks for chromium only when /usr/bin/chromium is missing).
ensure_services_installed() {
    local -a want=() missing=()
    [[ -x "$PG_BIN/postgres" && -x "$PG_BIN/initdb" && -x "$PG_BIN/pg_ctl" ]] || want+=(postgresql-15)
    command -v psql >/dev/null 2>&1 || want+=(postgresql-client-15)
    command -v redis-server >/dev/null 2>&1 || want+=(redis-server)
    command -v redis-cli >/dev/null 2>&1 || want+=(redis-tools)
    command -v curl >/dev/null 2>&1 || want+=(curl)             # health checks of the app
    command -v python3 >/dev/null 2>&1 || want+=(python3)       # free ports, result summaries
    want+=("$@")
    local p
    for p in "${want[@]}"; do
        [[ " ${missing[*]} " == *" $p "* ]] || missing+=("$p")
    done
    [[ ${#missing[@]} -eq 0 ]] && return 0
    if [[ $EUID -ne 0 ]]; then
        tm_log "missing: ${missing[*]} — install them (sudo apt-get install ${missing[*]}) or run as root"
        return 1
    fi
    _tm_apt_install "${missing[@]}"
}

# ---------------------------------------------------------------------------------------------
# (b) Ports
# ---------------------------------------------------------------------------------------------
port_is_free() {
    local port=$1
    if command -v python3 >/dev/null 2>&1; then
        # Binding is the real test: it also fails when something listens on 0.0.0.0:PORT.
        python3 - "$port" <<'PY' 2>/dev/null
import socket, sys
s = socket.socket()
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)
finally:
    s.close()
PY
    else
        # Fallback: free if nobody accepts a connection there.
        ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
    fi
}

# find_free_port [PREFERRED] — prints a port. The kernel picks an ephemeral one; there is a tiny race
# between choosing and binding it, acceptable for dev/test servers.
find_free_port() {
    local preferred=${1:-}
    if [[ -n "$preferred" ]] && port_is_free "$preferred"; then
        echo "$preferred"; return 0
    fi
    if command -v python3 >/dev/null 2>&1; then
        python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
        return
    fi
    local p
    for _ in $(seq 1 200); do
        p=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
        if port_is_free "$p"; then echo "$p"; return 0; fi
    done
    return 1
}

# ---------------------------------------------------------------------------------------------
# (c) PostgreSQL 15
# Layout of DIR:  DIR/data (cluster, 0700)  DIR/run (unix socket, 0700)  DIR/postgres.log
# ---------------------------------------------------------------------------------------------
_pg_user() { if [[ $EUID -eq 0 ]]; then echo postgres; else id -un; fi; }

# Run a command as the PostgreSQL OS user. `cd /` first: runuser keeps the caller's cwd, which the
# postgres user may not be allowed to enter (e.g. /root/...), and initdb/pg_ctl complain about that.
_as_pg() {
    if [[ $EUID -eq 0 ]]; then
        (cd / && runuser -u postgres -- "$@")
    else
        (cd / && "$@")
    fi
}

# Resolved path: DIR may be a symlink into a place the postgres user can reach while the link's own
# path (e.g. under /root) is not reachable for it (see scripts/run.sh).
pg_data_dir() { echo "$(realpath -m "$1")/data"; }

# pg_running_port DIR — prints the port of the server running on DIR/data, fails if none runs.
pg_running_port() {
    local data; data=$(pg_data_dir "$1")
    [[ -f "$data/postmaster.pid" ]] || return 1
    _as_pg "$PG_BIN/pg_ctl" status -D "$data" >/dev/null 2>&1 || return 1
    # postmaster.pid line 4 is the port.
    sed -n 4p "$data/postmaster.pid"
}

pg_start() {
    local dir=${1:?pg_start DIR PORT} port=${2:?pg_start DIR PORT}
    dir=$(realpath -m "$dir")
    local data run pguser running
    data=$(pg_data_dir "$dir"); run="$dir/run"; pguser=$(_pg_user)

    if running=$(pg_running_port "$dir"); then
        if [[ "$running" == "$port" ]]; then
            tm_log "PostgreSQL already running in $dir on port $port"
            _pg_ensure_role_and_db "$dir" "$port"
            return
        fi
        tm_log "PostgreSQL in $dir already runs on port $running, not $port"
        return 1
    fi

    mkdir -p "$dir" || return 1
    if [[ $EUID -eq 0 ]]; then chown postgres: "$dir" || return 1; fi
    chmod 0700 "$dir"
    if ! _as_pg test -x "$dir"; then
        tm_log "user $pguser cannot reach $dir (a parent directory lacks o+x)"
        return 1
    fi
    _as_pg mkdir -p "$run" && _as_pg chmod 0700 "$run" || return 1

    if [[ ! -s "$data/PG_VERSION" ]]; then
        tm_log "initdb $data"
        # scram for TCP (the app), trust on the private socket (these scripts). C.UTF-8 exists on
        # every Debian; UTF8 is what the app expects.
        _as_pg "$PG_BIN/initdb" -D "$data" -U postgres -E UTF8 --locale=C.UTF-8 \
            --auth-local=trust --auth-host=scram-sha-256 --no-instructions >"$dir/initdb.log" 2>&1 || {
            tm_log "initdb failed:"; cat "$dir/initdb.log" >&2; return 1; }
        # Settings that belong to the cluster, not to one start. fsync stays on unless PG_FSYNC=off:
        # with it off a crash can corrupt the cluster, acceptable only for throwaway test data.
        _as_pg tee -a "$data/postgresql.conf" >/dev/null <<CONF

# --- added by scripts/lib/services.sh ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$run'
fsync = $PG_FSYNC
max_connections = $PG_MAX_CONNECTIONS
log_min_messages = warning
CONF
    fi

    tm_log "starting PostgreSQL 15 on 127.0.0.1:$port (data $data)"
    # The port is given per start (not in postgresql.conf) so a persistent cluster can move when its
    # old port got taken. -w waits for start-up; -t bounds it.
    if ! _as_pg "$PG_BIN/pg_ctl" start -D "$data" -l "$dir/postgres.log" -w -t 60 \
            -o "-p $port" >/dev/null; then
        tm_log "PostgreSQL failed to start; last log lines:"
        tail -n 30 "$dir/postgres.log" >&2 || true
        return 1
    fi
    local ready=""
    for _ in $(seq 1 60); do
        if "$(_pg_tool pg_isready)" -h 127.0.0.1 -p "$port" -q; then ready=1; break; fi
        sleep 0.5
    done
    [[ -n "$ready" ]] || { tm_log "pg_isready never answered on 127.0.0.1:$port"; return 1; }
    _pg_ensure_role_and_db "$dir" "$port"
}

# psql/pg_isready may only exist in PG_BIN on machines without postgresql-client-common.
_pg_tool() { if [[ -x "$PG_BIN/$1" ]]; then echo "$PG_BIN/$1"; else command -v "$1"; fi; }

_pg_ensure_role_and_db() {
    local dir=$1 port=$2
    # Idempotent: create the role/db only when missing; the ALTER keeps login, CREATEDB and the
    # password right even if someone changed them. Values go through psql variables, so they are
    # quoted by PostgreSQL (%I / %L), not by the shell.
    _as_pg "$(_pg_tool psql)" -X -q -h "$dir/run" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
        -v u="$PG_DB_USER" -v pw="$PG_DB_PASSWORD" -v db="$PG_DB_NAME" >/dev/null <<'SQL' || { tm_log "could not create role/database"; return 1; }
SELECT format('CREATE ROLE %I', :'u') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'u') \gexec
SELECT format('ALTER ROLE %I LOGIN CREATEDB PASSWORD %L', :'u', :'pw') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'u') WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SQL
}

pg_stop() {
    local dir=${1:?pg_stop DIR}
    dir=$(realpath -m "$dir")
    local data; data=$(pg_data_dir "$dir")
    [[ -f "$data/postmaster.pid" ]] || return 0
    if ! _as_pg "$PG_BIN/pg_ctl" status -D "$data" >/dev/null 2>&1; then return 0; fi
    # fast = roll back open transactions and shut down cleanly (checkpoint); immediate only if stuck.
    _as_pg "$PG_BIN/pg_ctl" stop -D "$data" -m fast -w -t 60 >/dev/null 2>&1 \
        || _as_pg "$PG_BIN/pg_ctl" stop -D "$data" -m immediate -w -t 30 >/dev/null 2>&1
}

# database_url PORT — the URL the app gets.
database_url() { echo "postgresql://$PG_DB_USER:$PG_DB_PASSWORD@127.0.0.1:$1/$PG_DB_NAME"; }

# ---------------------------------------------------------------------------------------------
# (d) Redis
# Layout of DIR: DIR/redis.pid DIR/redis.log DIR/redis.port, data files (dump/appendonlydir) in DIR.
# ---------------------------------------------------------------------------------------------
_redis_pid() {
    local pidfile="$1/redis.pid" pid
    [[ -f "$pidfile" ]] || return 1
    pid=$(cat "$pidfile" 2>/dev/null) || return 1
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    # A stale pid file may name a recycled pid: check it is really a redis-server.
    [[ -r "/proc/$pid/comm" ]] && [[ "$(cat "/proc/$pid/comm")" == redis-server* ]] || return 1
    echo "$pid"
}

redis_running_port() {
    local dir=${1:?redis_running_port DIR}
    _redis_pid "$dir" >/dev/null || return 1
    [[ -f "$dir/redis.port" ]] || return 1
    local port; port=$(cat "$dir/redis.port")
    [[ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null)" == PONG ]] || return 1
    echo "$port"
}

redis_start() {
    local dir=${1:?redis_start DIR PORT [appendonly]} port=${2:?redis_start DIR PORT} aof=${3:-no}
    shift 3 2>/dev/null || shift $#
    dir=$(realpath -m "$dir")
    local running
    if running=$(redis_running_port "$dir"); then
        if [[ "$running" == "$port" ]]; then
            tm_log "Redis already running in $dir on port $port"; return 0
        fi
        tm_log "Redis in $dir already runs on port $running, not $port"; return 1
    fi
    mkdir -p "$dir" && chmod 0700 "$dir" || return 1
    rm -f "$dir/redis.pid"
    local -a persist
    if [[ "$aof" == yes ]]; then
        # Dev data survives restarts: append-only file (fsync every second) + Redis' default snapshots.
        persist=(--appendonly yes --appendfsync everysec)
    else
        # Throwaway: no snapshots, no AOF, nothing written to disk.
        persist=(--save "" --appendonly no)
    fi
    tm_log "starting Redis on 127.0.0.1:$port (dir $dir, appendonly $aof)"
    redis-server --bind 127.0.0.1 --port "$port" --dir "$dir" \
        --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" \
        "${persist[@]}" "$@" || { tm_log "redis-server failed"; tail -n 20 "$dir/redis.log" >&2 || true; return 1; }
    echo "$port" > "$dir/redis.port"
    for _ in $(seq 1 60); do
        [[ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null)" == PONG ]] && return 0
        sleep 0.25
    done
    tm_log "Redis did not answer PING on port $port; last log lines:"
    tail -n 20 "$dir/redis.log" >&2 || true
    return 1
}

redis_stop() {
    local dir=${1:?redis_stop DIR} pid
    dir=$(realpath -m "$dir")
    pid=$(_redis_pid "$dir") || { rm -f "$dir/redis.pid"; return 0; }
    # SIGTERM = graceful SHUTDOWN: flushes the AOF (and snapshots if configured), removes the pid file.
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do
        kill -0 "$pid" 2>/dev/null || { rm -f "$dir/redis.pid"; return 0; }
        sleep 0.1
    done
    tm_log "Redis (pid $pid) ignored SIGTERM for 10 s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$dir/redis.pid"
}

redis_url() { echo "redis://127.0.0.1:$1"; }

# A port for a cluster node: its cluster bus listens on PORT+10000, which must be free (and exist) too.
_cluster_node_port() {
    local p
    for _ in $(seq 1 200); do
        p=$(( 20000 + (RANDOM * 32768 + RANDOM) % 30000 ))
        if port_is_free "$p" && port_is_free $(( p + 10000 )); then echo "$p"; return 0; fi
    done
    return 1
}

# redis_cluster_start DIR — three throwaway masters on free loopback ports joined into one cluster (every slot
# covered), as managed Redis in cluster mode behaves. Prints the endpoints as a StackExchange.Redis configuration
# string ("127.0.0.1:P1,127.0.0.1:P2,127.0.0.1:P3").
redis_cluster_start() {
    local dir=${1:?redis_cluster_start DIR} port node
    local -a nodes=()
    mkdir -p "$dir" || return 1
    for _ in 1 2 3; do
        port=$(_cluster_node_port) || { tm_log "no free port pair for a cluster node"; return 1; }
        redis_start "$dir/node-$port" "$port" no --cluster-enabled yes --cluster-config-file nodes.conf \
            --cluster-node-timeout 5000 >&2 || return 1
        nodes+=("127.0.0.1:$port")
    done
    tm_log "creating a Redis Cluster of ${nodes[*]}"
    redis-cli --cluster create "${nodes[@]}" --cluster-replicas 0 --cluster-yes >"$dir/create.log" 2>&1 \
        || { tm_log "redis-cli --cluster create failed:"; tail -n 20 "$dir/create.log" >&2; return 1; }
    # Slots are assigned at once, but each node says "ok" only once it has heard of the others.
    for node in "${nodes[@]}"; do
        local ready=""
        for _ in $(seq 1 240); do
            if redis-cli -h 127.0.0.1 -p "${node#*:}" cluster info 2>/dev/null | grep -q '^cluster_state:ok'; then ready=1; break; fi
            sleep 0.25
        done
        [[ -n "$ready" ]] || { tm_log "cluster node $node never reported cluster_state:ok"; return 1; }
    done
    (IFS=,; echo "${nodes[*]}")
}

redis_cluster_stop() {
    local dir=${1:?redis_cluster_stop DIR} node
    for node in "$dir"/node-*; do
        [[ -d "$node" ]] && redis_stop "$node"
    done
    return 0
}

# ---------------------------------------------------------------------------------------------
# The application (for suites that talk to a real server)
# ---------------------------------------------------------------------------------------------
app_dll() { echo "$REPO_ROOT/src/Api/bin/${1:-${CONFIGURATION:-Release}}/net10.0/TaskManager.Api.dll"; }

# app_cli CONFIGURATION VERB [ARGS...] — runs one operator verb of the program (migrate, seed, token,
# api-key, ...). Bounded by APP_CLI_TIMEOUT (default 120 s) so a wedged database cannot hang a script.
app_cli() {
    local config=$1; shift
    timeout "${APP_CLI_TIMEOUT:-120}" dotnet "$(app_dll "$config")" "$@"
}

build_app() {
    local config=${1:-${CONFIGURATION:-Release}}
    dotnet build "$REPO_ROOT/src/Api/TaskManager.Api.csproj" -c "$config" -v minimal --nologo
}

# wait_http_ok URL SECONDS [PID] — polls until URL answers 200; gives up early if PID died.
wait_http_ok() {
    local url=$1 secs=$2 pid=${3:-} deadline code
    deadline=$(( SECONDS + secs ))
    while (( SECONDS < deadline )); do
        if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then return 1; fi
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" 2>/dev/null) || true
        [[ "$code" == 200 ]] && return 0
        sleep 0.5
    done
    return 1
}

APP_PID=""; APP_URL=""; APP_PORT=""; APP_LOG=""

# start_app LOGDIR — needs DATABASE_URL, REDIS_URL, JWT_SECRET, API_KEY_SALT in the environment.
# Builds src/Api (CONFIGURATION, default Release), runs `migrate`, then serves on a free loopback
# port in the background. Sets APP_PID, APP_PORT, APP_URL, APP_LOG.
start_app() {
    local logdir=${1:?start_app LOGDIR} config=${CONFIGURATION:-Release} dll
    dll=$(app_dll "$config")
    build_app "$config" >&2 || { tm_log "build of src/Api failed"; return 1; }
    app_cli "$config" migrate >&2 || { tm_log "'migrate' failed"; return 1; }
    APP_PORT=$(find_free_port "") || return 1
    APP_URL="http://127.0.0.1:$APP_PORT"
    APP_LOG="$logdir/app.log"
    tm_log "serving the app on $APP_URL (log: $APP_LOG)"
    # From src/Api: ASP.NET's content root is the working directory, and the dashboard (wwwroot/)
    # lives there; a build (unlike a publish) does not copy it next to the dll.
    (cd "$REPO_ROOT/src/Api" && HOST=127.0.0.1 PORT=$APP_PORT exec dotnet "$dll") >"$APP_LOG" 2>&1 &
    APP_PID=$!
    if ! wait_http_ok "$APP_URL/health/live" 90 "$APP_PID"; then
        tm_log "the app did not answer 200 on /health/live; last log lines:"
        tail -n 40 "$APP_LOG" >&2 || true
        stop_app
        return 1
    fi
}

stop_app() {
    [[ -n "$APP_PID" ]] || return 0
    if kill -0 "$APP_PID" 2>/dev/null; then
        kill -TERM "$APP_PID" 2>/dev/null || true      # ASP.NET Core shuts down gracefully on SIGTERM
        for _ in $(seq 1 150); do
            kill -0 "$APP_PID" 2>/dev/null || break
            sleep 0.1
            done
        kill -KILL "$APP_PID" 2>/dev/null || true
    fi
    wait "$APP_PID" 2>/dev/null || true
    APP_PID=""
}
