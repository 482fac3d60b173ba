#!/usr/bin/env bash
# A real search server on loopback for development, CI and the benchmarks, from Maven Central
# artifacts fetched by Maven (never a release archive download):
#   elasticsearch  Elasticsearch's integration-test distribution
#                  (org.elasticsearch.distribution.integ-test-zip:elasticsearch, a zip)
#   opensearch     OpenSearch's server jar and the modules transport-netty4-client,
#                  analysis-common, mapper-extras-client, lang-painless, with their
#                  dependencies (scripts/search-engine/pom.xml), started as one node by
#                  scripts/search-engine/PortalSearchNode.java
#
#   bash scripts/search-engine.sh start  [elasticsearch|opensearch]   prints the URL when ready
#   bash scripts/search-engine.sh stop   [elasticsearch|opensearch]
#   bash scripts/search-engine.sh status [elasticsearch|opensearch]   exit 0 running, 3 not
#
# One node, security off, HTTP and transport on 127.0.0.1; run as an unprivileged user
# (portal-search, created if missing) when started as root, since Elasticsearch refuses root.
# Everything lives under var/search-engine/ (gitignored): the engine, its data and logs, and
# Maven's local repository (var/m2, or MAVEN_REPO_LOCAL).
#
# Environment: SEARCH_ENGINE_PORT (HTTP; default 9200 for elasticsearch, 9201 for opensearch),
# SEARCH_ENGINE_HEAP (default 512m), JAVA_HOME (default: Java 17 if installed, else java on PATH),
# ELASTICSEARCH_VERSION (default 8.19.0); OpenSearch's version is in the pom (2.19.6: on Java 17
# nothing newer).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

ACTION=${1:-}
ENGINE=${2:-elasticsearch}
ELASTICSEARCH_VERSION=${ELASTICSEARCH_VERSION:-8.19.0}
HEAP=${SEARCH_ENGINE_HEAP:-512m}
RUN_AS=portal-search
BASE=$ROOT/var/search-engine
M2=${MAVEN_REPO_LOCAL:-$ROOT/var/m2}

usage() {
  echo "usage: $0 start|stop|status [elasticsearch|opensearch]" >&2
  exit 2
}

case "$ENGINE" in
  elasticsearch) PORT=${SEARCH_ENGINE_PORT:-9200} ;;
  opensearch) PORT=${SEARCH_ENGINE_PORT:-9201} ;;
  *) usage ;;
esac
TRANSPORT_PORT=$((PORT + 100))
# Run as root from a folder the engine's user cannot reach (a checkout under /root, say), the
# engine lives in a folder of its own under /var/lib instead, one per checkout.
FALLBACK_BASE=/var/lib/portal-search/$(printf %s "$ROOT" | cksum | cut -d' ' -f1)
if [ ! -f "$BASE/$ENGINE/node.pid" ] && [ -d "$FALLBACK_BASE/$ENGINE" ]; then
  BASE=$FALLBACK_BASE
fi
set_paths() {
  HOME_DIR=$BASE/$ENGINE
  PIDFILE=$HOME_DIR/node.pid
  LOG=$HOME_DIR/node.log
}
set_paths
URL=http://127.0.0.1:$PORT

if [ -z "${JAVA_HOME:-}" ]; then
  if [ -x /usr/lib/jvm/java-17-openjdk-amd64/bin/java ]; then
    JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
  else
    JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
  fi
fi
export JAVA_HOME

running() {
  [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null
}

health() {
  curl -fsS --max-time 5 "$URL/_cluster/health?wait_for_status=yellow&timeout=${1:-1s}" 2>/dev/null
}

version() {
  curl -fsS --max-time 5 "$URL/_cat/nodes?h=version" | tr -d '[:space:]'
}

mvn_() {
  mvn -q -B -Dstyle.color=never -Dmaven.repo.local="$M2" "$@"
}

# As root: the node runs as an unprivileged user, in a folder that user owns and can reach.
prepare_engine_user() {
  [ "$(id -u)" -eq 0 ] || return 0
  id "$RUN_AS" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$RUN_AS"
  mkdir -p "$BASE"
  if ! runuser -u "$RUN_AS" -- test -x "$BASE"; then
    echo "$RUN_AS cannot reach ${BASE}: the engine goes to $FALLBACK_BASE" >&2
    BASE=$FALLBACK_BASE
    set_paths
  fi
}

as_engine_user() {
  if [ "$(id -u)" -eq 0 ]; then
    chown -R "$RUN_AS": "$HOME_DIR"
    runuser -u "$RUN_AS" -- "$@"
  else
    "$@"
  fi
}

# In its own session: a Ctrl-C in the terminal that started it does not stop the node.
launch() {
  as_engine_user setsid -w "$@"
}

install_elasticsearch() {
  local dist=$HOME_DIR/elasticsearch-$ELASTICSEARCH_VERSION
  if [ ! -x "$dist/bin/elasticsearch" ]; then
    echo "fetching org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ELASTICSEARCH_VERSION with Maven" >&2
    mvn_ dependency:get -Dtransitive=false \
      -Dartifact="org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ELASTICSEARCH_VERSION:zip" >&2
    local zip=$M2/org/elasticsearch/distribution/integ-test-zip/elasticsearch/$ELASTICSEARCH_VERSION/elasticsearch-$ELASTICSEARCH_VERSION.zip
    rm -rf "$dist"
    python3 -m zipfile -e "$zip" "$HOME_DIR/"
    chmod +x "$dist"/bin/*
  fi
  echo "$dist"
}

install_opensearch() {
  local lib=$HOME_DIR/lib classes=$HOME_DIR/classes
  local pom=$ROOT/scripts/search-engine/pom.xml source=$ROOT/scripts/search-engine/PortalSearchNode.java
  if [ ! -f "$classes/PortalSearchNode.class" ] || [ "$pom" -nt "$classes/PortalSearchNode.class" ] ||
    [ "$source" -nt "$classes/PortalSearchNode.class" ]; then
    echo "fetching OpenSearch's server and modules with Maven (scripts/search-engine/pom.xml)" >&2
    rm -rf "$lib" "$classes"
    mvn_ -f "$pom" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$lib" >&2
    mkdir -p "$classes"
    "$JAVA_HOME/bin/javac" -d "$classes" -cp "$lib/*" "$source"
  fi
}

start() {
  if running; then
    health 30s >/dev/null || { echo "$ENGINE (pid $(cat "$PIDFILE")) runs but does not answer at $URL" >&2; exit 1; }
    echo "$URL"
    return
  fi
  if curl -fsS --max-time 2 "$URL" >/dev/null 2>&1; then
    echo "something else already answers at $URL: set SEARCH_ENGINE_PORT" >&2
    exit 1
  fi
  prepare_engine_user
  mkdir -p "$HOME_DIR/data" "$HOME_DIR/logs"
  rm -f "$PIDFILE"
  : >"$LOG"
  if [ "$ENGINE" = elasticsearch ]; then
    local dist
    dist=$(install_elasticsearch)
    # -p: the node's own pid (the launcher forks it); settings on the command line, no config.
    launch env ES_JAVA_HOME="$JAVA_HOME" ES_JAVA_OPTS="-Xms$HEAP -Xmx$HEAP" \
      "$dist/bin/elasticsearch" -p "$PIDFILE" \
      -E cluster.name=portal-search -E node.name=portal-search-1 \
      -E discovery.type=single-node -E xpack.security.enabled=false \
      -E network.host=127.0.0.1 -E http.port="$PORT" -E transport.port="$TRANSPORT_PORT" \
      -E path.data="$HOME_DIR/data" -E path.logs="$HOME_DIR/logs" \
      -E cluster.routing.allocation.disk.threshold_enabled=false \
      >>"$LOG" 2>&1 </dev/null &
  else
    install_opensearch
    launch sh -c 'echo $$ >"$1"; shift; exec "$@"' sh "$PIDFILE" \
      "$JAVA_HOME/bin/java" "-Xms$HEAP" "-Xmx$HEAP" -cp "$HOME_DIR/lib/*:$HOME_DIR/classes" \
      PortalSearchNode "$HOME_DIR" "$PORT" "$TRANSPORT_PORT" \
      >>"$LOG" 2>&1 </dev/null &
  fi
  local launcher=$! waited=0
  until health 2s >/dev/null; do
    sleep 2
    waited=$((waited + 2))
    if [ "$waited" -ge 180 ] || ! kill -0 "$launcher" 2>/dev/null; then
      echo "$ENGINE did not start (waited ${waited}s); the end of $LOG:" >&2
      tail -n 40 "$LOG" >&2
      exit 1
    fi
  done
  echo "$ENGINE $(version) ready (pid $(cat "$PIDFILE")), data in ${HOME_DIR#"$ROOT"/}" >&2
  echo "$URL"
}

stop() {
  if ! running; then
    echo "$ENGINE is not running" >&2
    rm -f "$PIDFILE"
    return
  fi
  local pid
  pid=$(cat "$PIDFILE")
  kill "$pid"
  for _ in $(seq 60); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 1
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "$ENGINE (pid $pid) did not stop in 60 s: killed" >&2
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$PIDFILE"
  echo "$ENGINE stopped" >&2
}

status() {
  if running && health 1s >/dev/null; then
    echo "$ENGINE $(version) running (pid $(cat "$PIDFILE")) at $URL"
  elif running; then
    echo "$ENGINE running (pid $(cat "$PIDFILE")) but not answering at $URL"
    exit 3
  else
    echo "$ENGINE not running"
    exit 3
  fi
}

case "$ACTION" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) usage ;;
esac
