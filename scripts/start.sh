#!/usr/bin/env bash
# `npm start`: the main job on the embedded default. Imports the sample cables (samples/) into the SQLite
# archive when it is missing or empty, then starts `cable serve` and prints the URL to open. A plain archive
# (no messaging directory) is served read-only without login (--public); a database with a directory is
# served with logins, never opened up. Extra arguments go to `cable serve` (npm start -- --port 9000).
set -euo pipefail
cd "$(dirname "$0")/.."
cable() { node bin/cable.js "$@"; }
db="${CABLEGRAM_DB:-./cablegram.db}"

count=""
if [ -e "$db" ]; then
  # `cable stats` reads a plain archive without a user; on an operator database it refuses (a user is required)
  if stats=$(cable stats --db "$db" --format json 2>/dev/null); then
    count=$(node -e 'console.log(JSON.parse(process.argv[1]).cables)' "$stats")
  else
    echo "$db holds a messaging directory: serving it with logins (log in at the URL below)"
    exec node bin/cable.js serve --db "$db" "$@"
  fi
fi
if [ -z "$count" ] || [ "$count" = "0" ]; then
  echo "importing the sample cables in samples/ into $db"
  cable import samples --db "$db"
fi
exec node bin/cable.js serve --db "$db" --public "$@"
