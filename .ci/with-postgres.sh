#!/usr/bin/env bash
# Run a command with SAMVERKAN_TEST_DATABASE_URL pointing at a throwaway PostgreSQL cluster
# (temporary directory, loopback only). Without initdb it says so and succeeds.
set -euo pipefail
initdb=$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n1 || true)
[ -n "$initdb" ] || initdb=$(command -v initdb || true)
if [ -z "$initdb" ]; then
  echo "pg-test: PostgreSQL (initdb) saknas — PostgreSQL-sviten hoppas över. Installera Debian-paketet 'postgresql'."
  exit 0
fi
bindir=$(dirname "$initdb")
dir=$(mktemp -d)
port=$("$(dirname "$0")/free-port")
as=()
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd -r -M postgres
  chown postgres "$dir"
  as=(runuser -u postgres --)
fi
cleanup() { "${as[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$dir"; }
trap cleanup EXIT
"${as[@]}" "$bindir/initdb" -D "$dir/data" -U samverkan --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${as[@]}" "$bindir/pg_ctl" -D "$dir/data" -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off" -l "$dir/log" -w start >/dev/null
export SAMVERKAN_TEST_DATABASE_URL="postgres://samverkan@127.0.0.1:$port/postgres"
# The restore test runs pg_dump and pg_restore of the same version; the outage test stops and starts this cluster.
export SAMVERKAN_TEST_PG_BIN="$bindir"
pg_ctl="${as[*]} $bindir/pg_ctl -D $dir/data"
export SAMVERKAN_TEST_PG_STOP="$pg_ctl -m fast -w stop"
export SAMVERKAN_TEST_PG_START="$pg_ctl -o '-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off' -l $dir/log -w start"
echo "pg-test: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') på port $port"
"$@"
