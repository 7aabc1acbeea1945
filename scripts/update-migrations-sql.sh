#!/usr/bin/env bash
# Regenerates migrations/taskmanager.sql, the idempotent SQL of every EF Core migration (for DBAs and compose).
# Run it after adding a migration; Architecture.Tests fails while the committed script is stale.
# No database is contacted: the script is generated from the migrations alone.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out=migrations/taskmanager.sql
tmp="$(mktemp)"
trap 'rm -f "$tmp"' EXIT

dotnet tool restore >/dev/null
dotnet ef migrations script --idempotent \
  --project src/Infrastructure --startup-project src/Infrastructure \
  -o "$tmp" >&2
mkdir -p migrations
# EF writes a UTF-8 byte order mark and the platform's line endings; keep the file plain UTF-8 with LF.
sed -e '1s/^\xEF\xBB\xBF//' -e 's/\r$//' "$tmp" >"$out"
echo "wrote $out" >&2
