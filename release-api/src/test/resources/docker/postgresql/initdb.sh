#!/bin/sh
# Create the test cluster in $PGDATA: superuser $POSTGRES_USER with $POSTGRES_PASSWORD,
# database $POSTGRES_DB, password (scram-sha-256) logins from any host on 0.0.0.0:5432.
# Runs as user postgres, at image build time (or at start if $PGDATA is empty).
set -eu
: "${PGDATA:?}" "${POSTGRES_USER:?}" "${POSTGRES_PASSWORD:?}" "${POSTGRES_DB:?}"

pwfile=$(mktemp)
trap 'rm -f "$pwfile"' EXIT
printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile"

initdb --pgdata="$PGDATA" --username="$POSTGRES_USER" --pwfile="$pwfile" \
  --auth-local=trust --auth-host=scram-sha-256 \
  --encoding=UTF8 --locale=C.UTF-8 --no-instructions >/dev/null

# initdb only allows 127.0.0.1/::1; tests connect through Docker's port mapping.
cat >>"$PGDATA/pg_hba.conf" <<'EOF'
host all all 0.0.0.0/0 scram-sha-256
host all all ::/0      scram-sha-256
EOF

# Throw-away test data: durability is not needed, speed is (as Testcontainers' own
# PostgreSQL module does with fsync=off).
cat >>"$PGDATA/postgresql.conf" <<'EOF'
listen_addresses = '*'
port = 5432
unix_socket_directories = '/var/run/postgresql'
fsync = off
synchronous_commit = off
full_page_writes = off
EOF

if [ "$POSTGRES_DB" != postgres ]; then
  # Single-user mode: no server, no socket, no waiting.
  printf 'CREATE DATABASE "%s" OWNER "%s";\n' "$POSTGRES_DB" "$POSTGRES_USER" \
    | postgres --single -D "$PGDATA" postgres >/dev/null
fi
