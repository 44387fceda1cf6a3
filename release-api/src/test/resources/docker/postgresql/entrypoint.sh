#!/bin/sh
# Start PostgreSQL in the foreground, logging to stderr. The cluster was made at build
# time; only an empty $PGDATA (e.g. a fresh volume mounted there) is initialised here.
# Extra arguments go to postgres, e.g. `-c log_statement=all`.
set -eu
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  /usr/local/bin/initdb.sh
fi
exec postgres -D "$PGDATA" "$@"
