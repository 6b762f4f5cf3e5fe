#!/usr/bin/env bash
# The whole Lex Heller test suite: unit, HTTP and browser tests (the HTTP and browser tests on SQLite and again on
# PostgreSQL), and a smoke run of the benchmark harness. Installs what the tests need when it is missing (Debian's
# chromium, poppler-utils and postgresql, the npm OpenID provider), prints each test project's time and a closing count.
set -uo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
    echo "Installerar chromium (Debian) för webbläsartesterna ..."
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null || {
        echo "chromium kunde inte installeras" >&2; exit 1; }
fi

# The minutes tests read PDFs back with poppler's pdfinfo and pdftotext, as a person's PDF reader would see them.
if ! command -v pdfinfo >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1; then
    echo "Installerar poppler-utils (Debian) för PDF-testerna ..."
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq poppler-utils >/dev/null || {
        echo "poppler-utils kunde inte installeras" >&2; exit 1; }
fi

# The PostgreSQL tests start a private cluster of their own with the machine's initdb and pg_ctl; install them when missing.
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1; then
    echo "Installerar postgresql (Debian) för PostgreSQL-testerna ..."
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null || {
        echo "postgresql kunde inte installeras" >&2; exit 1; }
fi

# The OpenID log-in tests run a real provider (node's oidc-provider) on loopback; install it, pinned, when missing.
if [ ! -d tests/oidc-provider/node_modules ]; then
    echo "Installerar oidc-provider (npm) för inloggningstesterna ..."
    npm ci --prefix tests/oidc-provider --no-audit --no-fund >/dev/null || { echo "oidc-provider kunde inte installeras" >&2; exit 1; }
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Every test host watches its settings files and wwwroot; with inotify, hundreds of hosts (and anything else the
# same user runs) can exhaust the kernel's 128 watcher instances per user. Polling watchers take none.
export DOTNET_USE_POLLING_FILE_WATCHER=true
suite_start=$(date +%s)
dotnet tool restore >/dev/null || exit 1
dotnet build LexHeller.sln -c Release -nologo -clp:ErrorsOnly || exit 1

passed=0; failed=0; status=0
log=$(mktemp)
# run_tests <project> <label> [dotnet test arguments]: one project's tests, counted, with its time.
run_tests() {
    local project=$1 label=$2; shift 2
    [ -d "$project" ] || return 0
    local start; start=$(date +%s)
    dotnet test "$project" -c Release --no-build --nologo "$@" 2>&1 | tee "$log"
    local code=${PIPESTATUS[0]}
    [ "$code" -ne 0 ] && status=1
    local p f
    p=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
    f=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
    if [ "$code" -ne 0 ] && [ "${f:-0}" -eq 0 ]; then f=1; fi
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
    echo "== $label: $(( $(date +%s) - start )) s"
}

# First every test on SQLite, the embedded default (the tests marked Database=Postgres run on PostgreSQL whatever
# the provider, here once).
for project in tests/LexHeller.Core.Tests tests/LexHeller.Web.Tests tests/LexHeller.Browser.Tests; do
    run_tests "$project" "$(basename "$project") (SQLite)"
done
# Then the HTTP and browser tests again with every app on PostgreSQL: a private cluster started by the test process
# (initdb and pg_ctl on 127.0.0.1 in a temporary folder, stopped when the process ends), a database per app. The tests
# of SQLite's own machinery (Database=Sqlite: its backup, pragmas, FTS5 index, query plans, file lock) have their
# PostgreSQL counterparts among those marked Database=Postgres, which ran above.
export LEXHELLER_TEST_PROVIDER=Postgres
for project in tests/LexHeller.Web.Tests tests/LexHeller.Browser.Tests; do
    run_tests "$project" "$(basename "$project") (PostgreSQL)" --filter "Database!=Sqlite&Database!=Postgres"
done
unset LEXHELLER_TEST_PROVIDER
# The benchmark harness once at a tiny N (1 s of everything), so it cannot rot; the full run is bench/run.sh.
start=$(date +%s)
if bash bench/run.sh --cases 200 --smoke >"$log" 2>&1; then
    passed=$((passed + 1))
else
    cat "$log"; failed=$((failed + 1)); status=1
fi
echo "== benchmark (rökprov, 200 ärenden): $(( $(date +%s) - start )) s"
rm -f "$log"
echo "== hela sviten: $(( $(date +%s) - suite_start )) s"
echo "$passed passed, $failed failed"
exit $status
