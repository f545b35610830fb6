#!/usr/bin/env bash
# The HTTP server on a demo operator's database: the sample cables, the default directory, a few users with
# the password below, then `cable serve` (Ctrl-C stops it). Log in at http://127.0.0.1:8080/ or with
#   curl -c jar -H 'content-type: application/json' -d '{"user":"dora","password":"cablegram demo password"}' http://127.0.0.1:8080/api/session
set -euo pipefail
cd "$(dirname "$0")/.."
cable() { node bin/cable.js "$@"; }
db="${CABLEGRAM_DEMO_DB:-./cablegram-demo.db}"
password='cablegram demo password'

if [ ! -e "$db" ]; then
  cable import samples --db "$db" >/dev/null
  cable directory init --db "$db" >/dev/null
  cable user add root --post "SECSTATE WASHDC" --roles admin,archive-reader --clearance SECRET --caveats NOFORN --db "$db" >/dev/null
  cable user add dana --post "SECSTATE WASHDC" --roles drafter,reader,archive-reader --clearance SECRET --caveats NOFORN --as root --db "$db" >/dev/null
  cable user add carl --post "SECSTATE WASHDC" --roles clearer,reader,archive-reader --clearance SECRET --caveats NOFORN --as root --db "$db" >/dev/null
  cable user add abe --post "SECSTATE WASHDC" --roles approver,reader,archive-reader --clearance SECRET --caveats NOFORN --as root --db "$db" >/dev/null
  cable user add dora --post "AMEMBASSY DUSHANBE" --roles reader,archive-reader --clearance SBU --as root --db "$db" >/dev/null
  # each sets his own (a password an admin sets must be changed at the first login)
  for u in root dana carl abe dora; do printf '%s\n' "$password" | cable user passwd "$u" --as "$u" --db "$db" >/dev/null; done
  echo "demo database $db: users root (admin), dana (drafter), carl (clearer), abe (approver), dora (reader at Dushanbe); each reads the sample cables his clearance allows (archive-reader)"
fi
echo "log in as any of them with the password: $password"
exec node bin/cable.js serve --db "$db" "$@"
