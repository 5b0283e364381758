#!/bin/sh
# tests/pg.sh -- runs a command against a throw-away PostgreSQL cluster: initdb in a
# temporary directory, a server listening on a Unix socket in that directory only
# (listen_addresses=''), the command with the cluster in its environment, then the
# server stopped and the directory removed.
#
#   sh tests/pg.sh COMMAND [ARGS...]
#
# The command gets HECHOS_PG (a libpq connection string to the database "hechos" as the
# superuser "hechos"; append " dbname=X" for another database) and HECHOS_PG_CTL (pg_ctl
# for this cluster, e.g. `$HECHOS_PG_CTL restart -m fast`) and HECHOS_PG_BIN (psql and co.).  Without the PostgreSQL
# server binaries (Debian postgresql) it prints why and exits 0: the tests are skipped.
# initdb refuses to run as root, so as root the server runs as the user postgres (or
# nobody), owning the temporary directory.
set -u
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ] || [ ! -x "$PGBIN/pg_ctl" ]; then
    echo "pg.sh: PostgreSQL server binaries not found (Debian postgresql): PostgreSQL tests skipped"
    exit 0
fi
# as root the server user must reach the directory: /tmp then, not a private TMPDIR
[ "$(id -u)" = 0 ] && base=/tmp || base=${TMPDIR:-/tmp}
dir=$(mktemp -d "$base/hechos-pg.XXXXXX") || exit 1
chmod 755 "$dir"
as=""
if [ "$(id -u)" = 0 ]; then
    user=postgres
    id "$user" >/dev/null 2>&1 || user=nobody
    chown "$user" "$dir"
    as="runuser -u $user --"
fi
cleanup() {
    $as "$PGBIN/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1
    rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
if ! $as "$PGBIN/initdb" -D "$dir/data" -U hechos -A trust -E UTF8 --locale=C >"$dir/initdb.log" 2>&1; then
    echo "pg.sh: initdb failed:"; cat "$dir/initdb.log"; exit 1
fi
# Unix socket only, in $dir; durability is not what these tests are about (fsync off).
if ! $as "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses='' -k $dir -c fsync=off -c full_page_writes=off -c max_connections=60" \
        start >/dev/null; then
    echo "pg.sh: the server did not start:"; cat "$dir/server.log"; exit 1
fi
if ! "$PGBIN/psql" -X -q -h "$dir" -U hechos -d postgres -c "CREATE DATABASE hechos" >/dev/null; then
    echo "pg.sh: cannot create the database"; exit 1
fi
export HECHOS_PG="host=$dir user=hechos dbname=hechos"
export HECHOS_PG_BIN="$PGBIN"
export HECHOS_PG_CTL="$as $PGBIN/pg_ctl -D $dir/data -l $dir/server.log -w -t 60"
"$@"
