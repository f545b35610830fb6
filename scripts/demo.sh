#!/usr/bin/env bash
# The main job on the embedded default: parse, lint, import and search the sample cables shipped in samples/.
set -uo pipefail
cd "$(dirname "$0")/.."
cable() { node bin/cable.js "$@"; }
db="${CABLEGRAM_DB:-./cablegram.db}"

echo "== cable parse --format table samples/*.txt"
cable parse --format table samples/*.txt
echo
echo "== cable lint samples/*.txt   (archive mode: how these cables follow spec §9)"
cable lint --mode archive samples/*.txt
echo
echo "== cable import samples --db $db"
cable import samples --db "$db" || exit $?
echo
echo "== cable search 'trade' --facets --db $db"
cable search trade --facets --db "$db" || exit $?
echo
echo "== cable show 09BERN123 --db $db"
cable show 09BERN123 --db "$db" || exit $?
