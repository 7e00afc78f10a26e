#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 server, runs a command against it, tears it down.
#
#   run_with_postgres.sh <command> [args...]
#
# The server lives in a fresh temporary directory, listens on 127.0.0.1 on a free port and on
# a Unix socket inside that directory, uses trust authentication and fsync=off (test data
# only). The command gets INVFORECAST_PG_TEST_CONNINFO (superuser "postgres", database
# "postgres") and INVFORECAST_PG_TEST_PORT in its environment. The server is stopped and the
# directory removed on every exit path (trap). initdb refuses to run as root, so when the
# script runs as root the server runs as the "postgres" system user (or $INVFORECAST_PG_USER).
# PG_BINDIR overrides the location of initdb / pg_ctl (default: pg_config --bindir, then
# /usr/lib/postgresql/15/bin).
set -euo pipefail

if [[ $# -lt 1 ]]; then
  echo "usage: $0 <command> [args...]" >&2
  exit 2
fi

bindir="${PG_BINDIR:-}"
if [[ -z "$bindir" ]]; then
  for candidate in /usr/lib/postgresql/15/bin "$(pg_config --bindir 2>/dev/null || true)"; do
    if [[ -n "$candidate" && -x "$candidate/initdb" ]]; then bindir="$candidate"; break; fi
  done
fi
if [[ -z "$bindir" || ! -x "$bindir/initdb" ]]; then
  echo "run_with_postgres.sh: initdb not found (set PG_BINDIR)" >&2
  exit 2
fi

as_server_user=()
if [[ "$(id -u)" -eq 0 ]]; then
  server_user="${INVFORECAST_PG_USER:-postgres}"
  if ! id "$server_user" >/dev/null 2>&1; then
    echo "run_with_postgres.sh: running as root and user '$server_user' does not exist" >&2
    exit 2
  fi
  as_server_user=(runuser -u "$server_user" --)
fi

workdir="$(mktemp -d /tmp/invforecast-pg.XXXXXX)"
chmod 755 "$workdir"
if [[ ${#as_server_user[@]} -gt 0 ]]; then chown "$server_user" "$workdir"; fi
datadir="$workdir/data"

stop_server() {
  if [[ -f "$datadir/postmaster.pid" ]]; then
    "${as_server_user[@]}" "$bindir/pg_ctl" -D "$datadir" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$workdir"
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM HUP PIPE
  stop_server
  if [[ -n "${watchdog_pid:-}" ]]; then kill "$watchdog_pid" 2>/dev/null || true; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP
trap 'exit 141' PIPE

# Watchdog: if this script dies without running its traps (SIGKILL), stop the server anyway.
script_pid=$$
(
  while kill -0 "$script_pid" 2>/dev/null; do sleep 2; done
  stop_server
) </dev/null >/dev/null 2>&1 &
watchdog_pid=$!

"${as_server_user[@]}" "$bindir/initdb" -D "$datadir" -U postgres -A trust -E UTF8 \
  --locale=C.UTF-8 >"$workdir/initdb.log" 2>&1 || {
  cat "$workdir/initdb.log" >&2
  exit 1
}

# A free port: ask the kernel for one, then retry if another process takes it first.
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' \
    2>/dev/null || echo $((20000 + RANDOM % 20000))
}
port=""
for _ in 1 2 3 4 5; do
  candidate="$(free_port)"
  if "${as_server_user[@]}" "$bindir/pg_ctl" -D "$datadir" -l "$workdir/server.log" -w -t 60 \
      -o "-p $candidate -k $workdir -c listen_addresses=127.0.0.1 -c fsync=off \
          -c synchronous_commit=off -c full_page_writes=off -c max_connections=60 \
          -c shared_buffers=64MB" start >/dev/null 2>&1; then
    port="$candidate"
    break
  fi
done
if [[ -z "$port" ]]; then
  echo "run_with_postgres.sh: could not start PostgreSQL" >&2
  cat "$workdir/server.log" >&2 || true
  exit 1
fi

export INVFORECAST_PG_TEST_PORT="$port"
export INVFORECAST_PG_TEST_CONNINFO="host=127.0.0.1 port=$port user=postgres dbname=postgres"
export INVFORECAST_PG_TEST_BINDIR="$bindir"
set +e
"$@"
rc=$?
set -e
if [[ $rc -ne 0 && -n "${INVFORECAST_PG_SHOW_LOG:-}" ]]; then
  tail -n 50 "$workdir/server.log" >&2 || true
fi
exit $rc
