#!/usr/bin/env bash
# Makes sure the services the test suite talks to are up on loopback:
#   PostgreSQL 127.0.0.1:5432, user postgres with trust auth, database omniroute_test
#   Redis      127.0.0.1:6379
# Idempotent: a service that already answers is left alone. Installs with apt-get only when a
# service is missing. Prints one line per service; exits non-zero only if a service cannot be
# brought up, so CI stops with a clear reason instead of failing tests later.
set -uo pipefail

PG_HOST=127.0.0.1
PG_PORT=5432
PG_DB="${OMNIROUTE_TEST_PG_DB:-omniroute_test}"
REDIS_HOST=127.0.0.1
REDIS_PORT="${OMNIROUTE_TEST_REDIS_PORT:-6379}"
WAIT_SECONDS=30

LOG="$(mktemp -t ensure-services.XXXXXX)"
trap 'rm -f "$LOG"' EXIT
status=0
apt_updated=0

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi
}

as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"
  elif command -v runuser >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"
  else sudo -n -u postgres "$@"; fi
}

apt_install() {
  if [ "$apt_updated" -eq 0 ]; then
    as_root apt-get update -qq >>"$LOG" 2>&1 || return 1
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >>"$LOG" 2>&1
}

port_open() {
  (exec 3<>"/dev/tcp/$1/$2") >/dev/null 2>&1
}

wait_until() {
  local i
  for ((i = 0; i < WAIT_SECONDS; i++)); do
    if "$@"; then return 0; fi
    sleep 1
  done
  return 1
}

fail() {
  echo "$1" >&2
  if [ -s "$LOG" ]; then tail -n 20 "$LOG" >&2; fi
  status=1
}

# ---------------------------------------------------------------- PostgreSQL

pg_ready() { pg_isready -h "$PG_HOST" -p "$PG_PORT" -q >/dev/null 2>&1; }
pg_sql() { psql -w -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -tAc "$1" 2>>"$LOG"; }

start_postgres() {
  local version started=1
  for version in $(ls /etc/postgresql 2>/dev/null); do
    if as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start >>"$LOG" 2>&1; then started=0; fi
  done
  if [ "$started" -ne 0 ]; then
    as_root service postgresql start >>"$LOG" 2>&1 || as_root systemctl start postgresql >>"$LOG" 2>&1 || true
  fi
  wait_until pg_ready
}

# Adds a trust rule for postgres over 127.0.0.1 above the existing rules, then reloads.
ensure_pg_trust() {
  local hba
  pg_sql 'SELECT 1' >/dev/null && return 0
  hba="$(as_postgres psql -tAc 'SHOW hba_file' 2>>"$LOG")" || return 1
  [ -n "$hba" ] || return 1
  if ! grep -Eq '^host[[:space:]]+all[[:space:]]+postgres[[:space:]]+127\.0\.0\.1/32[[:space:]]+trust' "$hba"; then
    as_root sed -i "1i host all postgres 127.0.0.1/32 trust" "$hba" || return 1
  fi
  as_postgres psql -tAc 'SELECT pg_reload_conf()' >>"$LOG" 2>&1 || return 1
  wait_until pg_sql 'SELECT 1' >/dev/null
}

db_state="exists"
ensure_pg_database() {
  if [ "$(pg_sql "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'")" = 1 ]; then return 0; fi
  db_state="created"
  # A concurrent run may create it between the check and here: re-check rather than fail.
  pg_sql "CREATE DATABASE \"$PG_DB\"" >/dev/null || [ "$(pg_sql "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'")" = 1 ]
}

ensure_postgres() {
  local action="already running"
  if ! command -v pg_isready >/dev/null 2>&1 || ! command -v psql >/dev/null 2>&1; then
    if port_open "$PG_HOST" "$PG_PORT"; then
      apt_install postgresql-client || { fail "postgres: could not install postgresql-client"; return; }
    else
      apt_install postgresql || { fail "postgres: could not install postgresql"; return; }
      action="installed and started"
    fi
  fi
  if ! pg_ready; then
    if ! ls /etc/postgresql/*/main >/dev/null 2>&1 && ! command -v pg_ctlcluster >/dev/null 2>&1; then
      apt_install postgresql || { fail "postgres: could not install postgresql"; return; }
      action="installed and started"
    fi
    [ "$action" = "already running" ] && action="started"
    start_postgres || { fail "postgres: not accepting connections on $PG_HOST:$PG_PORT after ${WAIT_SECONDS}s"; return; }
  fi
  ensure_pg_trust || { fail "postgres: trust auth for user postgres on $PG_HOST could not be enabled"; return; }
  ensure_pg_database || { fail "postgres: could not create database $PG_DB"; return; }
  echo "postgres: $action on $PG_HOST:$PG_PORT; database $PG_DB $db_state"
}

# ---------------------------------------------------------------- Redis

redis_ready() { [ "$(redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ]; }

ensure_redis() {
  local action="already running"
  if ! command -v redis-cli >/dev/null 2>&1; then
    if port_open "$REDIS_HOST" "$REDIS_PORT"; then
      apt_install redis-tools || { fail "redis: could not install redis-tools"; return; }
    else
      apt_install redis-server || { fail "redis: could not install redis-server"; return; }
      action="installed and started"
    fi
  fi
  if ! redis_ready; then
    if ! command -v redis-server >/dev/null 2>&1; then
      apt_install redis-server || { fail "redis: could not install redis-server"; return; }
      action="installed and started"
    fi
    [ "$action" = "already running" ] && action="started"
    # The Debian package may have started its own daemon during install; only start ours if not.
    if ! redis_ready; then
      redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT" --save "" --appendonly no >>"$LOG" 2>&1
    fi
    wait_until redis_ready || { fail "redis: not answering PING on $REDIS_HOST:$REDIS_PORT after ${WAIT_SECONDS}s"; return; }
  fi
  echo "redis: $action on $REDIS_HOST:$REDIS_PORT"
}

ensure_postgres
ensure_redis
exit "$status"
