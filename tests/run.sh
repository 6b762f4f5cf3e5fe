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

# The OpenAPI document is validated by an OpenAPI validator from the npm registry; install it, pinned, when missing.
if [ ! -d tests/openapi-validator/node_modules ]; then
    echo "Installerar swagger-parser (npm) för att validera OpenAPI-dokumentet ..."
    npm ci --prefix tests/openapi-validator --no-audit --no-fund >/dev/null || { echo "swagger-parser kunde inte installeras" >&2; exit 1; }
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Every test host watches its settings files and wwwroot; with inotify, hundreds of hosts (and anything else the
# same user runs) can exhaust the kernel's 128 watcher instances per user. Polling watchers take none.
export DOTNET_USE_POLLING_FILE_WATCHER=true
suite_start=$(date +%s)
dotnet tool restore >/dev/null || exit 1
dotnet build LexHeller.sln -c Release -nologo -clp:ErrorsOnly || exit 1

results=$(mktemp -d)
# run_tests <project> <label> <provider> [dotnet test arguments]: one project's tests on SQLite or PostgreSQL. Its output
# is printed whole once it is done (two lanes run at once, see below), then its time; its counts go to the summary.
run_tests() {
    local project=$1 label=$2 provider=$3; shift 3
    [ -d "$project" ] || return 0
    local out; out="$results/$(printf '%s' "$label" | tr -c 'A-Za-z0-9' '_').log"
    local start; start=$(date +%s)
    LEXHELLER_TEST_PROVIDER=$provider dotnet test "$project" -c Release --no-build --nologo "$@" >"$out" 2>&1
    local code=$?
    local p f
    p=$(grep -Eo 'Passed: +[0-9]+' "$out" | awk '{s+=$2} END {print s+0}')
    f=$(grep -Eo 'Failed: +[0-9]+' "$out" | awk '{s+=$2} END {print s+0}')
    if [ "$code" -ne 0 ] && [ "${f:-0}" -eq 0 ]; then f=1; fi
    echo "$code ${p:-0} ${f:-0}" >>"$results/summary"
    {
        flock 9
        cat "$out"
        echo "== $label: $(( $(date +%s) - start )) s"
    } 9>"$results/print.lock"
}

# Every HTTP and browser test runs twice: with every app on SQLite, the embedded default, and with every app on
# PostgreSQL (a private cluster started by the test process: initdb and pg_ctl on 127.0.0.1 in a temporary folder,
# stopped when the process ends; a database per app). The tests of SQLite's own machinery (Database=Sqlite: its backup,
# pragmas, FTS5 index, query plans, file lock) have their PostgreSQL counterparts among those marked Database=Postgres,
# which run in the SQLite lane, once, on PostgreSQL whatever the provider.
# The two lanes run side by side, each project of one beside a project of the other (never the same project twice
# at once): a browser test waits on the browser a third of its time, which the other lane's HTTP tests fill.
# The benchmark harness once at a tiny N (1 s of everything), so it cannot rot; the full run is bench/run.sh.
bench_smoke() {
    local out="$results/benchmark.log" start ok=0; start=$(date +%s)
    bash bench/run.sh --cases 200 --smoke >"$out" 2>&1 && ok=1
    if [ $ok -eq 1 ]; then echo "0 1 0" >>"$results/summary"; else echo "1 0 1" >>"$results/summary"; fi
    {
        flock 9
        [ $ok -eq 1 ] || cat "$out"
        echo "== benchmark (rökprov, 200 ärenden): $(( $(date +%s) - start )) s"
    } 9>"$results/print.lock"
}
sqlite_lane() {
    run_tests tests/LexHeller.Core.Tests "LexHeller.Core.Tests" Sqlite
    run_tests tests/LexHeller.Web.Tests "LexHeller.Web.Tests (SQLite)" Sqlite
    run_tests tests/LexHeller.Browser.Tests "LexHeller.Browser.Tests (SQLite)" Sqlite
    bench_smoke
}
postgres_lane() {
    run_tests tests/LexHeller.Browser.Tests "LexHeller.Browser.Tests (PostgreSQL)" Postgres --filter "Database!=Sqlite&Database!=Postgres"
    run_tests tests/LexHeller.Web.Tests "LexHeller.Web.Tests (PostgreSQL)" Postgres --filter "Database!=Sqlite&Database!=Postgres"
}
sqlite_lane & sqlite_pid=$!
postgres_lane & postgres_pid=$!
wait $sqlite_pid; wait $postgres_pid

passed=0; failed=0; status=0
while read -r code p f; do
    [ "$code" -ne 0 ] && status=1
    passed=$((passed + p)); failed=$((failed + f))
done <"$results/summary"
rm -rf "$results"
echo "== hela sviten: $(( $(date +%s) - suite_start )) s"
echo "$passed passed, $failed failed"
exit $status
