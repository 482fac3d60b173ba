#!/usr/bin/env bash
# Installs PostgreSQL from Debian's packages when it is missing, starts the local cluster on
# 127.0.0.1:5432 and makes sure a database and a password for the postgres role exist, so that
#   DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/portal make test
# runs the suite on PostgreSQL. Needs root (apt-get, the cluster's service account).
#
#   scripts/postgres.sh [DATABASE]     (default database: portal)
set -euo pipefail
db="${1:-portal}"
password="${POSTGRES_PASSWORD:-postgres}"

# The server, not only the client (psql lives under /usr/lib/postgresql too).
server() { ls -d /usr/lib/postgresql/*/bin/postgres 2>/dev/null | sort -V | tail -1; }
if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ -z "$(server)" ]; then
  echo "installing PostgreSQL from Debian's packages"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi

version="$(basename "$(dirname "$(dirname "$(server)")")")"
if [ ! -d "/etc/postgresql/${version}/main" ]; then
  # the package creates the cluster unless told not to; make sure there is one
  pg_createcluster "$version" main >/dev/null
fi
if ! pg_isready -h 127.0.0.1 -p 5432 -q; then
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
fi
pg_isready -h 127.0.0.1 -p 5432

as_postgres() { runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qAt "$@"; }
as_postgres -c "ALTER ROLE postgres PASSWORD '${password}'"
if [ "$(as_postgres -c "SELECT 1 FROM pg_database WHERE datname = '${db}'")" != "1" ]; then
  as_postgres -c "CREATE DATABASE \"${db}\""
fi
echo "PostgreSQL ${version} ready: postgres://postgres:${password}@127.0.0.1:5432/${db}"
