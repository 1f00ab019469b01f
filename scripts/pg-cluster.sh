#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the hub's --pg tests: initdb and pg_ctl in a temp folder, run
# as a non-root user (PostgreSQL refuses root), listening on loopback only with trust for local
# connections. Prints the URL to stdout; `scripts/pg-cluster.sh stop DIR` stops and removes it.
set -euo pipefail
if [ "${1:-}" = stop ]; then
  dir=$2
  if [ -d "$dir" ]; then
    su -s /bin/sh postgres -c "pg_ctl -D '$dir/data' -m immediate stop" >/dev/null 2>&1 || true
    rm -rf "$dir"
  fi
  exit 0
fi
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }
port=${PGPORT_TEST:-55432}
dir=$(mktemp -d /tmp/anxin-pg.XXXXXX)
as_pg() {
  if [ "$(id -u)" = 0 ]; then su -s /bin/sh postgres -c "$1"; else sh -c "$1"; fi
}
[ "$(id -u)" = 0 ] && chown postgres "$dir"
as_pg "'$bin/initdb' -D '$dir/data' -U postgres -A trust -E UTF8 --no-locale >'$dir/initdb.log' 2>&1"
as_pg "'$bin/pg_ctl' -D '$dir/data' -l '$dir/server.log' -w -o \"-p $port -k '$dir' -c listen_addresses=127.0.0.1 -c fsync=off -c shared_buffers=256MB\" start >/dev/null"
echo "postgres://postgres@127.0.0.1:$port/postgres $dir"
