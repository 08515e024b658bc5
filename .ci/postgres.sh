#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server on 127.0.0.1 for the store tests and prints its URL.
#   export JIEDAI_TEST_PG="$(.ci/postgres.sh start)"   ...   .ci/postgres.sh stop
# Needs Debian's `postgresql` package (initdb, pg_ctl). Trust authentication, loopback only:
# for tests, never for a centre's server (docs/records.md says how to set that up).
set -euo pipefail
PORT="${JIEDAI_TEST_PG_PORT:-54329}"
DATA="${JIEDAI_TEST_PG_DATA:-/tmp/jiedai-test-pg}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ]; then
  echo "PostgreSQL is not installed (apt-get install postgresql)" >&2
  exit 1
fi
# The server refuses to run as root: run it as the postgres user the package made.
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "${1:-start}" in
  start)
    if [ ! -f "$DATA/PG_VERSION" ]; then
      rm -rf "$DATA"
      mkdir -p "$DATA"
      [ "$(id -u)" = 0 ] && chown postgres:postgres "$DATA"
      as_pg "$BIN/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if ! as_pg "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
      as_pg "$BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DATA -c fsync=off" start >/dev/null
    fi
    as_pg "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname = 'jiedai_test'" | grep -q 1 ||
      as_pg "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres jiedai_test
    echo "postgres://postgres@127.0.0.1:$PORT/jiedai_test"
    ;;
  stop)
    as_pg "$BIN/pg_ctl" -D "$DATA" -m fast stop >/dev/null 2>&1 || true
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
