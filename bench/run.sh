#!/usr/bin/env bash
# The benchmark in one command: publishes the app and the bare baselines, builds the harness in Release, installs wrk when missing, and runs
# every scenario for each N. Arguments go to `LexHeller.Bench run` (see bench/README in the main README):
#   bench/run.sh                         N = 100,000, full timings (about 15 minutes)
#   bench/run.sh --cases 1000000         N = 1,000,000
#   bench/run.sh --cases 10000 --quick   5 s warm-up and 5 s runs, to try it out
#   bench/run.sh --cases 200 --smoke     1 s of everything, so CI can keep the harness from rotting
#   bench/run.sh --provider postgres     the same on PostgreSQL (a private cluster of the machine's PostgreSQL, started and stopped by the run)
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v wrk >/dev/null; then
    apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi
if ! command -v sqlite3 >/dev/null; then
    apt-get update -qq && apt-get install -y -qq sqlite3 >/dev/null
fi
if [[ " $* " == *" --provider postgres"* || " $* " == *" --provider postgresql"* ]] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
fi

# The servers are published as the Dockerfile publishes the app (Release, ReadyToRun), the bare baselines alike,
# so start-up and the first requests are measured as they run in production.
# Measured runs start the apps precompiled (ReadyToRun), as a production image would; the smoke run only checks that
# the harness still works, so it spares the machine the precompilation.
r2r=true
[[ " $* " == *" --smoke "* || " $* " == *" --smoke" ]] && r2r=false
publish() {
    dotnet publish "$1" -c Release --use-current-runtime --self-contained false -p:PublishReadyToRun=$r2r \
        -o "bench/out/$2" -nologo -v quiet -clp:ErrorsOnly
}
publish src/LexHeller.Web app
publish bench/LexHeller.Bench.BareRazor bare-razor
publish bench/LexHeller.Bench.MinimalApi bare-api
dotnet build bench/LexHeller.Bench -c Release -nologo -v quiet -clp:ErrorsOnly

exec dotnet bench/LexHeller.Bench/bin/Release/net10.0/LexHeller.Bench.dll run "$@"
