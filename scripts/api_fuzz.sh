#!/usr/bin/env bash
# Fuzz the API with schemathesis against a live portal on loopback (issue 11).
#
# Starts the portal (gunicorn, as in production) on a throwaway SQLite database, migrated and
# seeded with the demo, and runs schemathesis against /api/schema/ twice: as a visitor and as
# the demo broker (API token). It fails on any 5xx answer, any status code the schema does not
# document, and any body or content type that does not match the schema. The server and the
# database are gone at the end, pass or fail.
#
#   scripts/api_fuzz.sh                 # some 8,000 generated requests, a few minutes
#   FUZZ_EXAMPLES=50 scripts/api_fuzz.sh
#
# Settings: FUZZ_PORT (default 8765), FUZZ_EXAMPLES (fuzzed cases per operation and run, default
# 10), FUZZ_SEED (a seed printed by a failed run, to replay it), PYTHON (.venv/bin/python).
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-.venv/bin/python}
BIN=$(dirname "$PYTHON")
PORT=${FUZZ_PORT:-8765}
EXAMPLES=${FUZZ_EXAMPLES:-10}
BASE="http://127.0.0.1:$PORT"

work=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
    kill "$server"
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

export DJANGO_SETTINGS_MODULE=portal.settings.dev
export DATABASE_URL="sqlite:///$work/portal.sqlite3" PORTAL_VAR_DIR="$work/var"
export PORTAL_BASE_URL="$BASE" DEBUG=false
export EMAIL_BACKEND=django.core.mail.backends.dummy.EmailBackend
# The demo's matching without sentence vectors: the same API, a quicker seed.
export MATCHING_SEMANTIC=false MATCHING_REFRESH_IN_BACKGROUND=false

echo "--- a throwaway portal in $work"
"$PYTHON" manage.py migrate --noinput -v0
"$PYTHON" manage.py seed_demo >/dev/null
token=$("$PYTHON" manage.py shell --no-imports -c '
from rest_framework.authtoken.models import Token
from accounts.models import User
print(Token.objects.get_or_create(user=User.objects.get(username="demo_broker"))[0].key)
')

# No request-line limit in gunicorn: a fuzzed URL of many kilobytes reaches the portal, which
# answers it as JSON (behind a proxy in production, the proxy's own limit answers first).
"$BIN/gunicorn" portal.wsgi:application --bind "127.0.0.1:$PORT" --workers 2 --timeout 60 \
  --limit-request-line 0 \
  >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 60); do
  "$PYTHON" -c "import urllib.request as u; u.urlopen('$BASE/api/schema/', timeout=5)" \
    2>/dev/null && break
  kill -0 "$server" 2>/dev/null || { cat "$work/server.log"; exit 1; }
  sleep 1
done

fuzz() {
  local who=$1
  shift
  echo "--- schemathesis as $who"
  "$BIN/schemathesis" run "$BASE/api/schema/" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
    --max-examples "$EXAMPLES" \
    --workers 2 \
    --generation-database none \
    --suppress-health-check all \
    --request-timeout 30 \
    --no-color \
    ${FUZZ_SEED:+--seed "$FUZZ_SEED"} \
    "$@"
}

status=0
fuzz "a visitor" || status=1
fuzz "the demo broker" -H "Authorization: Token $token" || status=1
if [ "$status" -ne 0 ]; then
  echo "--- server errors logged:"
  grep -A30 "Internal Server Error" "$work/server.log" | head -200 || true
fi
exit "$status"
