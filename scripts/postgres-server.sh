#!/usr/bin/env bash
# A PostgreSQL server owned by one test run: initdb into a temp dir, pg_ctl on a free
# loopback port, no service manager. Sourced by scripts/test.sh:
#   postgres_start   → exports NIDAN_PG_SERVER_URL (postgresql://postgres@127.0.0.1:PORT)
#   postgres_stop    → stops it and deletes its files
# PostgreSQL refuses to run as root, so as root it runs as the `postgres` user.

postgres_bin_dir() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

postgres_as_owner() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

postgres_start() {
  local bin port
  bin=$(postgres_bin_dir)
  [ -n "$bin" ] || return 1
  NIDAN_PG_DIR=$(mktemp -d /tmp/nidan-pg-XXXXXX)
  chmod 755 "$NIDAN_PG_DIR"
  [ "$(id -u)" = "0" ] && chown postgres "$NIDAN_PG_DIR"
  port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
  postgres_as_owner "$bin/initdb" -D "$NIDAN_PG_DIR/data" -U postgres --auth=trust >/dev/null
  postgres_as_owner "$bin/pg_ctl" -D "$NIDAN_PG_DIR/data" -l "$NIDAN_PG_DIR/server.log" \
    -o "-p $port -k $NIDAN_PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off" -w start >/dev/null
  export NIDAN_PG_DIR NIDAN_PG_BIN="$bin" NIDAN_PG_SERVER_URL="postgresql://postgres@127.0.0.1:$port"
}

postgres_stop() {
  [ -n "${NIDAN_PG_DIR:-}" ] || return 0
  postgres_as_owner "$NIDAN_PG_BIN/pg_ctl" -D "$NIDAN_PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$NIDAN_PG_DIR"
  unset NIDAN_PG_DIR
}
