#!/usr/bin/env bash
# scripts/bench.sh [--quick|--full] — reproducible benchmarks of TaskManager on this machine.
#
# Publishes the server (Release, ReadyToRun, as the Docker image does), starts a throwaway PostgreSQL 15 and Redis
# on free loopback ports, migrates, seeds 100k tasks (1k users, 50 repositories, history, comments, outbox) with
# bench/TaskManager.Bench, serves the API with rate
# limiting off, runs the scenarios at fixed arrival rates (open model) and writes docs/benchmarks.md.
#   --quick  (default) one rate per scenario (the targets), 8 s windows: under 10 minutes
#   --full   rate sweeps and 30 s windows: ~25 minutes (30 at BENCH_TASKS=500000, most of the extra in seeding)
# Environment: BENCH_OUTPUT (default docs/benchmarks.md), BENCH_KEEP=1 keeps the data folder, BENCH_ONLY="rest-read writes ..."
# runs a subset ("floor" reruns the chosen rest-read, writes and sse against the minimal .NET server, last), BENCH_READ_RATES / BENCH_WRITE_RATES (comma-separated req/s) replace the mode's rates, BENCH_WRITE_KINDS (default create,status; add comment to measure comments too) picks the write kinds, BENCH_TASKS (default 100000) sizes the data set (500000 for the search target),
# BENCH_PG_PORT / BENCH_REDIS_PORT / BENCH_APP_PORT pin ports.
set -euo pipefail

MODE=quick
for arg in "$@"; do
  case "$arg" in
    --quick) MODE=quick ;;
    --full) MODE=full ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "unknown argument: $arg (use --quick or --full)" >&2; exit 2 ;;
  esac
done

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO_ROOT"
TM_LOG_TAG=bench
STARTED=$SECONDS
LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)

if [[ -f scripts/lib/services.sh ]]; then
  # shellcheck source=lib/services.sh
  . scripts/lib/services.sh
else
  echo "scripts/lib/services.sh is missing" >&2; exit 1
fi
log() { tm_log "$(date +%H:%M:%S) $*"; }

ensure_services_installed || true
command -v pgbench >/dev/null || _tm_apt_install postgresql-client-15
command -v dotnet >/dev/null || { echo "dotnet (the .NET 10 SDK) is required" >&2; exit 1; }

# 10k SSE subscribers mean 10k sockets in the server and as many in the generator.
ulimit -n 200000 2>/dev/null || ulimit -n "$(ulimit -Hn)"

WORK=$(mktemp -d /tmp/tm-bench.XXXXXX)
chmod 0755 "$WORK"
RESULTS="$WORK/results"
mkdir -p "$RESULTS"
APP_PID=""
FLOOR_PID=""
# (An if, not `[[ ]] &&`: a function returning 1 for an empty PID would end the EXIT trap under set -e, leaving the
# database running.)
stop_server() { if [[ -n "$1" ]]; then kill -TERM "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; fi; }
cleanup() {
  local rc=$?
  stop_server "$APP_PID"
  stop_server "$FLOOR_PID"
  redis_stop "$WORK/redis" || true
  pg_stop "$WORK/pg" || true
  if [[ "${BENCH_KEEP:-0}" == 1 || $rc -ne 0 ]]; then log "kept $WORK (logs: $WORK/app.log)"; else rm -rf "$WORK"; fi
  exit $rc
}
trap cleanup EXIT INT TERM

PG_PORT=$(find_free_port "${BENCH_PG_PORT:-}")
REDIS_PORT=$(find_free_port "${BENCH_REDIS_PORT:-}")
APP_PORT=$(find_free_port "${BENCH_APP_PORT:-}")
pg_start "$WORK/pg" "$PG_PORT"
# pg_stat_statements counts the statements of each scenario (statements per request in every table). It must be
# preloaded, so the cluster restarts once; creating it needs the superuser, which the app's role is not.
echo "shared_preload_libraries = 'pg_stat_statements'" | _as_pg tee -a "$(pg_data_dir "$WORK/pg")/postgresql.conf" >/dev/null
_as_pg "$PG_BIN/pg_ctl" restart -D "$(pg_data_dir "$WORK/pg")" -l "$WORK/pg/postgres.log" -w -t 60 -o "-p $PG_PORT" >/dev/null
_as_pg "$(_pg_tool psql)" -X -q -h "$WORK/pg/run" -p "$PG_PORT" -U postgres -d "$PG_DB_NAME" -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" >/dev/null
redis_start "$WORK/redis" "$REDIS_PORT" no
export DATABASE_URL; DATABASE_URL=$(database_url "$PG_PORT")
export REDIS_URL; REDIS_URL=$(redis_url "$REDIS_PORT")
export JWT_SECRET=bench-secret-0123456789abcdefghijklmnopqrstuvwxyz-0123456789
export API_KEY_SALT=bench-salt-0123456789abcdefghijklmnopqrstuvwxyz
export ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production
# Benchmarks measure the service, not the limiter (README: RATE_LIMIT_PER_MINUTE=0 switches it off).
export RATE_LIMIT_PER_MINUTE=0

log "publishing Release with ReadyToRun as the Docker image does (server), building the bench tool"
dotnet publish src/Api/TaskManager.Api.csproj -c Release --ucr --self-contained false -p:PublishReadyToRun=true \
  -o "$WORK/publish" -v quiet --nologo -clp:ErrorsOnly >&2
dotnet build bench/TaskManager.Bench/TaskManager.Bench.csproj -c Release -v quiet --nologo -clp:ErrorsOnly >&2
API_DLL=$WORK/publish/TaskManager.Api.dll
BENCH=(dotnet bench/TaskManager.Bench/bin/Release/net10.0/TaskManager.Bench.dll)

TASKS=${BENCH_TASKS:-100000}
# No command timeout: on a busy box building the indexes of a large data set takes minutes.
DB_CONNECTION="Host=127.0.0.1;Port=$PG_PORT;Username=taskmanager;Password=taskmanager;Database=taskmanager;Command Timeout=0"
log "migrating and seeding $TASKS tasks"
dotnet "$API_DLL" migrate >&2
"${BENCH[@]}" seed --database "$DB_CONNECTION" --tasks "$TASKS"
# The bulk load leaves gigabytes of dirty pages: flushed here, not by a checkpoint in the middle of the first window.
_as_pg "$(_pg_tool psql)" -X -q -h "$WORK/pg/run" -p "$PG_PORT" -U postgres -d "$PG_DB_NAME" -c "CHECKPOINT" >/dev/null
# (The verb's stderr goes to a file: with pipefail, probing the usage through `grep -q` would fail on SIGPIPE.)
API_KEY=$(dotnet "$API_DLL" api-key --user bench-user-1@example.com --name bench 2>"$WORK/api-key.log" | tail -n1 || true)
[[ "$API_KEY" == tm_* ]] || { log "no MCP API key ($(tail -n1 "$WORK/api-key.log")): MCP scenario will be skipped"; API_KEY=""; }

log "serving on 127.0.0.1:$APP_PORT"
# Served from src/Api like scripts/run.sh does (content root: appsettings.json and the dashboard's wwwroot).
(cd src/Api && HOST=127.0.0.1 PORT=$APP_PORT exec dotnet "$API_DLL") >"$WORK/app.log" 2>&1 &
APP_PID=$!
wait_http_ok "http://127.0.0.1:$APP_PORT/health/ready" 90 "$APP_PID" || { tail -n 40 "$WORK/app.log" >&2; exit 1; }

POSTMASTER_PID=$(head -n1 "$(pg_data_dir "$WORK/pg")/postmaster.pid")
REDIS_PID=$(cat "$WORK/redis/redis.pid")
COMMON=(--url "http://127.0.0.1:$APP_PORT" --jwt-secret "$JWT_SECRET" --results "$RESULTS"
  --server-pid "$APP_PID" --postmaster-pid "$POSTMASTER_PID" --redis-pid "$REDIS_PID" --database "$DB_CONNECTION")

if [[ $MODE == full ]]; then
  WARM_SECONDS=60; WINDOW=(--warmup 5 --duration 30); READ_RATES=500,1000,1500,2000,3000; WRITE_RATES=250,500,1000,2000
  SSE=(--subscribers 1000,5000,10000 --event-rate 5 --event-seconds 60); BACKLOG=(--backlog 2000 --write-rate 200)
else
  WARM_SECONDS=50; WINDOW=(--warmup 2 --duration 8); READ_RATES=3000; WRITE_RATES=1000
  SSE=(--subscribers 1000,5000,10000 --event-rate 5 --event-seconds 4); BACKLOG=(--backlog 500 --write-rate 100)
fi
# A probe of one rate (say the half-maximum window) without the whole sweep.
READ_RATES=${BENCH_READ_RATES:-$READ_RATES}; WRITE_RATES=${BENCH_WRITE_RATES:-$WRITE_RATES}
WRITE_KINDS=${BENCH_WRITE_KINDS:-create,status}
ONLY=" ${BENCH_ONLY:-rest-read pgbench writes pgbench-writes mcp-vs-rest search sse recovery floor} "
want() { [[ "$ONLY" == *" $1 "* ]]; }
run() { log "scenario $1"; "${BENCH[@]}" "$@" "${COMMON[@]}" || log "scenario $1 FAILED (continuing)"; }

# At a rate the server holds: an overloaded warm-up only leaves a backlog for the first measured window.
run warm-up --seconds "$WARM_SECONDS" --rate 300 --api-key "$API_KEY"
want rest-read && run rest-read "${WINDOW[@]}" --rates "$READ_RATES"
want pgbench && run pgbench "${WINDOW[@]}" --rates "$READ_RATES" --pg-port "$PG_PORT"
want writes && run writes "${WINDOW[@]}" --rates "$WRITE_RATES" --kinds "$WRITE_KINDS"
# Offered beyond what the box can do, so the window measures each transaction's maximum (the floor); in a full run
# also at the lowest write rate, the half-maximum window, for the floor's own p99 there.
want pgbench-writes && run pgbench-writes "${WINDOW[@]}" --rates "$([[ $MODE == full ]] && echo "${WRITE_RATES%%,*},")3000" --pg-port "$PG_PORT"
if want mcp-vs-rest; then
  if [[ -n "$API_KEY" ]]; then run mcp-vs-rest "${WINDOW[@]}" --rate 400 --api-key "$API_KEY"
  else log "no api-key verb on this build: MCP scenario skipped"; fi
fi
want search && run search "${WINDOW[@]}" --rate 20
if want sse || want recovery; then
  if [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$APP_PORT/api/tasks/stream")" == 404 ]]; then
    log "no /api/tasks/stream on this build: SSE scenarios skipped"
  else
    want sse && run sse "${SSE[@]}"
    want recovery && run recovery "${BACKLOG[@]}" \
      --redis-stop "redis-cli -p $REDIS_PORT shutdown save >/dev/null 2>&1 || true" \
      --redis-start "redis-server --bind 127.0.0.1 --port $REDIS_PORT --dir $WORK/redis --daemonize yes --pidfile $WORK/redis/redis.pid --logfile $WORK/redis/redis.log --save '' --appendonly no && for i in \$(seq 100); do [[ \$(redis-cli -p $REDIS_PORT ping 2>/dev/null) == PONG ]] && exit 0; sleep 0.05; done; exit 1"
  fi
fi

# The minimal .NET server (bench/TaskManager.Floor: Kestrel, one prepared statement, the JSON; no auth, EF Core, Redis
# or relay) through the same scenarios at the same rates, last: the service is stopped first, so neither disturbs the
# other's windows. Its results are floor-<scenario>; the report puts its figures beside the service's.
if want floor; then
  log "stopping the service; publishing and serving the minimal .NET server (bench/TaskManager.Floor) the same way"
  stop_server "$APP_PID"; APP_PID=""
  dotnet publish bench/TaskManager.Floor/TaskManager.Floor.csproj -c Release --ucr --self-contained false -p:PublishReadyToRun=true \
    -o "$WORK/floor-publish" -v quiet --nologo -clp:ErrorsOnly >&2
  FLOOR_PORT=$(find_free_port "")
  HOST=127.0.0.1 PORT=$FLOOR_PORT dotnet "$WORK/floor-publish/TaskManager.Floor.dll" --database "$DB_CONNECTION" >"$WORK/floor.log" 2>&1 &
  FLOOR_PID=$!
  wait_http_ok "http://127.0.0.1:$FLOOR_PORT/health/live" 90 "$FLOOR_PID" || { tail -n 40 "$WORK/floor.log" >&2; exit 1; }
  # From here on every scenario runs against the minimal server, its results labelled floor-<scenario>.
  COMMON=(--url "http://127.0.0.1:$FLOOR_PORT" --jwt-secret "$JWT_SECRET" --results "$RESULTS" --label floor
    --server-pid "$FLOOR_PID" --postmaster-pid "$POSTMASTER_PID" --redis-pid "$REDIS_PID" --database "$DB_CONNECTION")
  # Warmed up like the service (its hot paths compiled before anything is measured), without MCP: it has none.
  run warm-up --seconds "$WARM_SECONDS" --rate 300
  want rest-read && run rest-read "${WINDOW[@]}" --rates "$READ_RATES"
  # The minimal server creates and changes statuses, nothing else: its writes are those two kinds.
  want writes && run writes "${WINDOW[@]}" --rates "$WRITE_RATES"
  want sse && run sse "${SSE[@]}"
  stop_server "$FLOOR_PID"; FLOOR_PID=""
fi

VERSIONS="$("$PG_BIN/postgres" --version | sed 's/postgres (PostgreSQL)/PostgreSQL/'), Redis $(redis-server --version | sed -E 's/.*v=([^ ]+).*/\1/'), generator: bench/TaskManager.Bench (SocketsHttpHandler, open model)"
"${BENCH[@]}" report --results "$RESULTS" --output "${BENCH_OUTPUT:-docs/benchmarks.md}" --mode "$MODE" \
  --commit "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo '+dirty')" \
  --command "${BENCH_TASKS:+BENCH_TASKS=$BENCH_TASKS }${BENCH_ONLY:+BENCH_ONLY=\"$BENCH_ONLY\" }${BENCH_READ_RATES:+BENCH_READ_RATES=$BENCH_READ_RATES }${BENCH_WRITE_RATES:+BENCH_WRITE_RATES=$BENCH_WRITE_RATES }scripts/bench.sh --$MODE" --load "$LOAD_AT_START" --versions "$VERSIONS" \
  --preamble bench/preamble.md --appendix bench/history.md
log "done in $((SECONDS - STARTED)) s"
