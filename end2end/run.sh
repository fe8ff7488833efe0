#!/usr/bin/env bash
# End-to-end tests: start the built server on a throwaway database and mail directory,
# seed the demo data, run Playwright against Debian's Chromium, stop the server.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:?usage: end2end/run.sh PATH-TO-SAMVERKAN-BINARY [playwright arguments, e.g. -g "title"]}
shift
work=$(mktemp -d)
port=$(.ci/free-port)
export SAMVERKAN_DATABASE_URL="sqlite://$work/e2e.db?mode=rwc"
export SAMVERKAN_MAIL_DIR="$work/mail"
export LEPTOS_SITE_ADDR="127.0.0.1:$port"
export SAMVERKAN_BASE_URL="http://127.0.0.1:$port"
export E2E_BASE_URL="http://127.0.0.1:$port"
export E2E_PASSWORD="Samverkan-e2e-lösen-2026"
"$bin" seed-demo --password "$E2E_PASSWORD" >/dev/null
"$bin" serve >"$work/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 50); do
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -fs "http://127.0.0.1:$port/healthz" >/dev/null || { echo "e2e: the server did not start"; cat "$work/server.log"; exit 1; }
status=0
npx playwright test --config end2end/playwright.config.ts "$@" 2>&1 | tee "$work/playwright.log" || status=$?
# CI shows only the end of the log: put the server's last lines first and the failures last.
if [ $status -ne 0 ]; then
  echo "--- server log (tail) ---"; tail -n 30 "$work/server.log"
  echo "--- playwright failures ---"
  grep -E '^\s+[0-9]+\) |Error:|Expected|Received|Timeout|at .*spec\.ts' "$work/playwright.log" | tail -n 40
fi
exit $status
