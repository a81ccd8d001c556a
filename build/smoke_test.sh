#!/usr/bin/env bash
# Run the built program (make build → build/out/dist/lianjian) as a person would, offscreen:
#   the command line: the sample town, the meeting list, and a meeting's minutes as Word (if the
#   `export` command exists);
#   the window: `lianjian --smoke-test` on a new file (it creates the sample town) and on the
#   file the command line made (dashboard, charts, a grab of the window, 关于, Qt's Chinese sorting).
# Writes the outcome to build/out/smoke-test.txt (bench/bench_startup.py puts it in its report)
# and the window's grab to build/out/smoke-dashboard.png.
#
#   build/smoke_test.sh [DIST_FOLDER]
set -euo pipefail
cd "$(dirname "$0")/.."

DIST=${1:-build/out/dist/lianjian}
GUI="$DIST/lianjian"
CLI="$DIST/lianjian-cli"
PYTHON=${PYTHON:-python3}
RESULT=build/out/smoke-test.txt

export QT_QPA_PLATFORM=offscreen
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Keep away from this user's data folder and settings.
export LIANJIAN_HOME="$work/home"
unset LIANJIAN_DB

fail() {
    echo "smoke test FAILED: $*" >&2
    mkdir -p "$(dirname "$RESULT")"
    echo "FAILED: $* ($(date '+%Y-%m-%d %H:%M'))" > "$RESULT"
    exit 1
}
run() {  # run with a time limit, so that a hung window fails instead of blocking CI
    if command -v timeout >/dev/null 2>&1; then timeout 300 "$@"; else "$@"; fi
}

[ -x "$GUI" ] || [ -x "$GUI.exe" ] || fail "no $GUI: run make build first"
started=$(date +%s)

echo "== lianjian-cli"
version=$(run "$CLI" --version) || fail "lianjian-cli --version"
echo "$version"
run "$CLI" --db "$work/cli.db" demo >/dev/null || fail "lianjian-cli demo"
meetings=$(run "$CLI" --json --db "$work/cli.db" meeting list) || fail "lianjian-cli meeting list"
meeting=$(printf '%s' "$meetings" | "$PYTHON" -c \
    'import json, sys; print(json.load(sys.stdin)["items"][0]["id"])') \
    || fail "no meeting in the sample town"
echo "sample town made; first meeting $meeting"
exported="export not available"
if run "$CLI" --help | grep -qE '^ +export '; then
    run "$CLI" --db "$work/cli.db" export minutes "$meeting" --out "$work/minutes.docx" \
        || fail "lianjian-cli export minutes"
    [ "$(head -c 2 "$work/minutes.docx")" = "PK" ] || fail "minutes.docx is not a Word file"
    exported="minutes exported ($(wc -c < "$work/minutes.docx") bytes)"
fi
echo "$exported"

echo "== lianjian --smoke-test (new file)"
LIANJIAN_SMOKE_SCREENSHOT="$PWD/build/out/smoke-dashboard.png" \
    run "$GUI" --smoke-test --db "$work/gui.db" || fail "lianjian --smoke-test on a new file"
echo "== lianjian --smoke-test (the file lianjian-cli made)"
run "$GUI" --smoke-test --db "$work/cli.db" || fail "lianjian --smoke-test on the CLI's file"

summary="passed in $(( $(date +%s) - started )) s: $version; CLI demo, meeting list, $exported; \
GUI --smoke-test on a new file and on the CLI's file (dashboard, 3 charts, grab, 关于, Chinese sorting)"
mkdir -p "$(dirname "$RESULT")"
echo "$summary ($(date '+%Y-%m-%d %H:%M'))" > "$RESULT"
echo "smoke test $summary"
