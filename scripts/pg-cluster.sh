#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the server's tests.
#
#   scripts/pg-cluster.sh start [DIR] [PORT]   initdb + start; prints DATABASE_URL=... on stdout
#   scripts/pg-cluster.sh stop DIR             stop it (the directory is left for inspection)
#   scripts/pg-cluster.sh destroy DIR          stop it and delete the directory
#
# initdb refuses to run as root, so as root the cluster belongs to the `postgres` user (Debian's
# postgresql package creates it). Trust authentication and a socket inside DIR: the cluster only
# listens on 127.0.0.1 and lives as long as the test run.
set -euo pipefail

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
command="${1:-}"

as_owner() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  # Ask the kernel for a free port; good enough for a throwaway cluster.
  node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

case "$command" in
  start)
    if [ ! -x "$PG_BIN/initdb" ]; then
      echo "pg-cluster: $PG_BIN/initdb not found; install PostgreSQL 15 (apt-get install -y postgresql-15) or set PG_BIN" >&2
      exit 3
    fi
    dir="${2:-$(mktemp -d /tmp/caredesk-pg.XXXXXX)}"
    port="${3:-$(free_port)}"
    mkdir -p "$dir"
    if [ "$(id -u)" = "0" ]; then chown postgres: "$dir"; chmod 700 "$dir"; fi
    if [ ! -f "$dir/PG_VERSION" ]; then
      as_owner "$PG_BIN/initdb" -D "$dir" -U postgres -A trust --no-sync >"$dir.initdb.log" 2>&1 || {
        cat "$dir.initdb.log" >&2; exit 1; }
    fi
    # fsync stays on: the fault tests kill the server, not the database, and should see real commits.
    as_owner "$PG_BIN/pg_ctl" -D "$dir" -l "$dir/server.log" \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200" -w start >/dev/null
    echo "DATABASE_URL=postgres://postgres@127.0.0.1:$port/postgres"
    echo "PG_CLUSTER_DIR=$dir"
    ;;
  stop|destroy)
    dir="${2:?usage: pg-cluster.sh $command DIR}"
    if [ -f "$dir/postmaster.pid" ]; then as_owner "$PG_BIN/pg_ctl" -D "$dir" -m fast -w stop >/dev/null; fi
    if [ "$command" = "destroy" ]; then rm -rf "$dir" "$dir.initdb.log"; fi
    ;;
  *)
    echo "usage: pg-cluster.sh start [DIR] [PORT] | stop DIR | destroy DIR" >&2
    exit 2
    ;;
esac
