#!/usr/bin/env bash
# Run the built program (make build → build/out/dist/lianjian) as a person would, offscreen:
#   the command line: the sample town, the meeting list, a meeting's minutes as Word and the
#   household visits as Excel, read by a child process (if the `export` command exists); a sync round: the town's first file, quarantined on a new central
#   village PC, then merged when the town is approved;
#   the window: `lianjian --smoke-test` on a new file (it creates the sample town) and on the
#   file the command line made (dashboard, charts, a grab of the window, 关于, Qt in Chinese, a
#   ledger written in a child process).
# Writes the outcome to build/out/smoke-test.txt (bench/bench_startup.py puts it in its report)
# and the window's grab to build/out/smoke-dashboard.png.
# With --installed it checks the installed package instead (make deb, then apt-get install):
# `lianjian` and `lianjian-cli` as found on PATH, which must lead into FOLDER (/opt/lianjian);
# the outcome goes to build/out/smoke-test-installed.txt.
#
#   build/smoke_test.sh [DIST_FOLDER]
#   build/smoke_test.sh --installed [FOLDER]
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
if [ "${1:-}" = --installed ]; then
    DIST=${2:-/opt/lianjian}
    GUI=$(command -v lianjian || echo "lianjian (not on PATH)")
    CLI=$(command -v lianjian-cli || echo "lianjian-cli (not on PATH)")
    RESULT=build/out/smoke-test-installed.txt
    SCREENSHOT=build/out/smoke-dashboard-installed.png
    where="installed: $GUI and $CLI in $DIST; "
else
    DIST=${1:-build/out/dist/lianjian}
    GUI="$DIST/lianjian"
    CLI="$DIST/lianjian-cli"
    RESULT=build/out/smoke-test.txt
    SCREENSHOT=build/out/smoke-dashboard.png
    where=""
fi
mkdir -p build/out

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
json_field() {  # json_field KEY... < JSON: the value at that path (a number indexes a list)
    "$PYTHON" -c 'import json, sys
value = json.load(sys.stdin)
for key in sys.argv[1:]:
    value = value[int(key)] if isinstance(value, list) else value[key]
print(value)' "$@"
}
run() {  # run with a time limit, so that a hung window fails instead of blocking CI
    if command -v timeout >/dev/null 2>&1; then timeout 300 "$@"; else "$@"; fi
}

if [ -n "$where" ]; then  # the commands on PATH must be the installed package's
    for command in "$GUI" "$CLI"; do
        [ -x "$command" ] || fail "no $command: install the package first"
        target=$(readlink -f "$command")
        [ "$(dirname "$target")" = "$(readlink -f "$DIST")" ] \
            || fail "$command leads to $target, not into $DIST"
    done
fi
[ -x "$GUI" ] || [ -x "$GUI.exe" ] || fail "no $GUI: run make build first"
started=$(date +%s)
stamped=$(cat "$DIST/_internal/resources/build-date.txt" 2>/dev/null) \
    || fail "the package carries no resources/build-date.txt"
[[ "$stamped" =~ ^20[0-9]{2}-[01][0-9]-[0-3][0-9]$ ]] \
    || fail "the package's build date is \"$stamped\", not a date"

echo "== lianjian-cli"
version=$(run "$CLI" --version) || fail "lianjian-cli --version"
echo "$version"
run "$CLI" --db "$work/cli.db" demo >/dev/null || fail "lianjian-cli demo"
meetings=$(run "$CLI" --json --db "$work/cli.db" meeting list) || fail "lianjian-cli meeting list"
meeting=$(printf '%s' "$meetings" | json_field items 0 id) || fail "no meeting in the sample town"
echo "sample town made; first meeting $meeting"
exported="export not available"
if run "$CLI" --help | grep -qE '^ +export '; then
    run "$CLI" --db "$work/cli.db" export minutes "$meeting" --out "$work/minutes.docx" \
        || fail "lianjian-cli export minutes"
    [ "$(head -c 2 "$work/minutes.docx")" = "PK" ] || fail "minutes.docx is not a Word file"
    exported="minutes exported ($(wc -c < "$work/minutes.docx") bytes)"
    # The sample town's 30,000 household visits are more than excel/writer.py's IN_CHILD_FROM, so
    # their rows are read by a child process: the program started again, which must do that work
    # (desktop_app/child_process.py), not run the command line (it once hung here).
    run "$CLI" --db "$work/cli.db" export xlsx visit --out "$work/visits.xlsx" \
        || fail "lianjian-cli export xlsx visit (rows read in a child process)"
    [ "$(head -c 2 "$work/visits.xlsx")" = "PK" ] || fail "visits.xlsx is not an Excel file"
    exported="$exported, visits as Excel from a child process ($(wc -c < "$work/visits.xlsx") bytes)"
fi
echo "$exported"

echo "== lianjian-cli sync: the town's first file, carried to a new central village PC"
town=$(run "$CLI" --json --db "$work/town.db" init --town 大王镇) || fail "lianjian-cli init (town)"
town_node=$(printf '%s' "$town" | json_field node_id)
cluster=$(run "$CLI" --json --db "$work/town.db" cluster add --name 黄璩联合党委 | json_field id) \
    || fail "lianjian-cli cluster add"
mkdir -p "$work/stick"  # the stick is plugged in (a missing folder is refused)
file=$(run "$CLI" --json --db "$work/town.db" sync export --full --out "$work/stick" \
    | json_field file) || fail "lianjian-cli sync export"
run "$CLI" --json --db "$work/village.db" init --cluster "$cluster" >/dev/null \
    || fail "lianjian-cli init --cluster (village)"
status=$(run "$CLI" --json --db "$work/village.db" sync import "$file" \
    | json_field files 0 status) || fail "lianjian-cli sync import"
[ "$status" = quarantined ] || fail "a file from an unknown PC was $status, not quarantined"
applied=$(run "$CLI" --json --db "$work/village.db" node approve "$town_node" \
    | json_field applied) || fail "lianjian-cli node approve"
[ "$applied" -ge 2 ] || fail "approving the town merged $applied changes, expected 2"
synced="sync round (quarantined, approved, $applied changes merged)"
echo "$synced"

echo "== lianjian --smoke-test (new file)"
LIANJIAN_SMOKE_SCREENSHOT="$PWD/$SCREENSHOT" \
    run "$GUI" --smoke-test --db "$work/gui.db" || fail "lianjian --smoke-test on a new file"
echo "== lianjian --smoke-test (the file lianjian-cli made)"
run "$GUI" --smoke-test --db "$work/cli.db" || fail "lianjian --smoke-test on the CLI's file"

summary="passed in $(( $(date +%s) - started )) s: $where$version; CLI demo, meeting list, $exported, \
$synced; \
GUI --smoke-test on a new file and on the CLI's file (dashboard, 3 charts, grab, 关于, Qt's texts in Chinese, Chinese sorting, a ledger written in a child process)"
mkdir -p "$(dirname "$RESULT")"
echo "$summary ($(date '+%Y-%m-%d %H:%M'))" > "$RESULT"
echo "smoke test $summary"
