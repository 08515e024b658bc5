#!/usr/bin/env bash
# Every benchmark in one go, then docs/benchmarks.md's table of figures rewritten with today's
# results, the machine and the date, so that the document says what the code does now:
# - loading and validating a 10,000-step scenario against parsing it untyped; exploring it;
# - the analyser (lexicons alone, and with the learned layer) against a keyword list;
# - a training centre's year of records against reading the file (SQLite, and PostgreSQL
#   when a server is given or .ci/postgres.sh can start one);
# - the app's start-up and reception frame against a bare Bevy window (benches/app.sh);
# - the release build against the dev build: size and start-up (benches/startup.sh).
# Usage: benches/all.sh [runs]   (default 3 runs of each windowed measurement)
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/jiedai-target}"
runs="${1:-3}"
out="$(mktemp -d)"
started_pg=""
if [ -z "${JIEDAI_BENCH_PG:-${JIEDAI_TEST_PG:-}}" ]; then
  if url=$(.ci/postgres.sh start 2>/dev/null); then
    export JIEDAI_BENCH_PG="$url"
    started_pg=1
  fi
fi
cleanup() {
  [ -n "$started_pg" ] && .ci/postgres.sh stop >/dev/null 2>&1 || true
}
trap cleanup EXIT
echo "== scenario loading, exploring, the analyser (criterion)" >&2
cargo bench -p jiedai-core --bench core -- --noplot >"$out/core.txt"
echo "== a year of records" >&2
cargo bench -p jiedai-core --bench records >"$out/records.txt"
echo "== the app against a bare window" >&2
benches/app.sh "$runs" >"$out/app.txt"
echo "== release against dev" >&2
benches/startup.sh "$runs" >"$out/startup.txt"
python3 benches/tabulate.py "$out" "$CARGO_TARGET_DIR/criterion" docs/benchmarks.md
echo "docs/benchmarks.md rewritten" >&2
