#!/usr/bin/env bash
# The page benchmark of issue 7: release build, the generated dataset, a signed-in member, wrk at
# fixed concurrency against the main pages and against nginx serving each page's own bytes as a
# static file, in the same run. Writes bench/REPORT.md (see bench/README.md).
#
#   bash bench/run.sh                      # SQLite, scale large, 32 connections, 20 s per page
#   BENCH_SCALE=medium BENCH_DURATION=5 bash bench/run.sh   # a quicker look
#   BENCH_DATABASE_URL=postgres://user@127.0.0.1:5432/postgres bash bench/run.sh   # PostgreSQL
#   BENCH_SKIP_BUILD=1 ...                 # use the release build that is there
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/samverkan/target}
export LEPTOS_OUTPUT_NAME=samverkan

scale=${BENCH_SCALE:-large}
duration=${BENCH_DURATION:-20}
warmup=${BENCH_WARMUP:-5}
connections=${BENCH_CONNECTIONS:-32}
threads=${BENCH_THREADS:-2}
report=${BENCH_REPORT:-bench/REPORT.md}
bin=${BENCH_BIN:-$CARGO_TARGET_DIR/release/samverkan}

for tool in wrk nginx curl gzip; do
  command -v "$tool" >/dev/null || PATH="$PATH:/usr/sbin" command -v "$tool" >/dev/null || {
    if [ "$(id -u)" = 0 ]; then apt-get install -y -qq wrk nginx-light >/dev/null; else echo "bench: install the Debian packages wrk and nginx-light"; exit 1; fi
  }
done
export PATH="$PATH:/usr/sbin"

build_s=${BENCH_BUILD_TIME:-"(skipped: BENCH_SKIP_BUILD)"}
if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  t0=$(date +%s.%N)
  make -s tools build
  build_s=$(echo "$(date +%s.%N) - $t0" | bc | xargs printf "%.0f s")
fi
[ -x "$bin" ] || { echo "bench: no release build at $bin"; exit 1; }

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

# A database per run: a SQLite file, or a new database on the given PostgreSQL.
new_database() {
  local name=$1
  if [ -n "${BENCH_DATABASE_URL:-}" ]; then
    psql "$BENCH_DATABASE_URL" -qc "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" >/dev/null
    echo "${BENCH_DATABASE_URL%/*}/$name"
  else
    echo "sqlite://$work/$name.db?mode=rwc"
  fi
}
backend=SQLite
[ -n "${BENCH_DATABASE_URL:-}" ] && backend=PostgreSQL

port=$(.ci/free-port)
nport=$(.ci/free-port)
[ "$nport" != "$port" ] || nport=$(( port + 1 ))
base="http://127.0.0.1:$port"
export LEPTOS_SITE_ADDR="127.0.0.1:$port" SAMVERKAN_BASE_URL="$base" SAMVERKAN_MAIL_DIR="$work/mail"

wait_for() { # url -> seconds until it answers 200
  local t0; t0=$(date +%s.%N)
  for _ in $(seq 1 500); do
    curl -fs -o /dev/null "$1" && { echo "$(date +%s.%N) - $t0" | bc; return 0; }
    sleep 0.01
  done
  return 1
}

# Cold start: a fresh database, every migration, then the first page (the sign-in page).
export SAMVERKAN_DATABASE_URL; SAMVERKAN_DATABASE_URL=$(new_database bench_cold)
t0=$(date +%s.%N)
"$bin" serve >"$work/cold.log" 2>&1 & cold_pid=$!; pids+=("$cold_pid")
wait_for "$base/login" >/dev/null || { cat "$work/cold.log"; exit 1; }
cold_s=$(echo "$(date +%s.%N) - $t0" | bc)
kill "$cold_pid"; wait "$cold_pid" 2>/dev/null || true

# The dataset.
SAMVERKAN_DATABASE_URL=$(new_database bench_data)
t0=$(date +%s.%N)
"$bin" gen-bench-data --scale "$scale" | grep -E "^BENCH_[A-Z_]+=" >"$work/gen.env"
gen_s=$(echo "$(date +%s.%N) - $t0" | bc)
# shellcheck disable=SC1091
source "$work/gen.env"

"$bin" serve >"$work/server.log" 2>&1 & pid=$!; pids+=("$pid")
wait_for "$base/healthz" >/dev/null || { cat "$work/server.log"; exit 1; }

# Sign in as the member the way a browser without JavaScript does: the form's own action.
action=$(curl -fs "$base/login" | grep -o 'action="/api/[^"]*"' | head -1 | cut -d'"' -f2)
curl -fs -o /dev/null -c "$work/jar" --data-urlencode "email=$BENCH_MEMBER" --data-urlencode "password=$BENCH_PASSWORD" "$base$action" || true
cookie=$(awk '$6 == "samverkan_session" {print $6 "=" $7}' "$work/jar")
[ -n "$cookie" ] || { echo "bench: signing in as $BENCH_MEMBER failed"; exit 1; }
month=$(date +%Y-%m)
pages=(
  "dashboard|/"
  "meeting|/meetings/$BENCH_MEETING"
  "actions-filtered|/forums/$BENCH_FORUM/actions?state=active&sort=end"
  "calendar|/calendar?month=$month"
  "survey-results|/surveys/$BENCH_SURVEY/results"
  "search|/search?q=$(python3 -c "import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))" "$BENCH_SEARCH")"
  "forum|/forums/$BENCH_FORUM"
  "summary|/meetings/$BENCH_MEETING/summary"
)

# nginx: the same bytes as static files, two workers like the app's two cores.
mkdir -p "$work/static" "$work/nginx"
cat >"$work/nginx.conf" <<EOF
worker_processes 2;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/nginx; proxy_temp_path $work/nginx; fastcgi_temp_path $work/nginx; uwsgi_temp_path $work/nginx; scgi_temp_path $work/nginx;
  keepalive_requests 1000000;
  default_type text/html;
  server { listen 127.0.0.1:$nport; root $work/static; }
}
EOF
nginx -c "$work/nginx.conf" -p "$work/nginx"
pids+=("$(cat "$work/nginx/nginx.pid" 2>/dev/null || true)")
trap 'nginx -c "$work/nginx.conf" -p "$work/nginx" -s stop 2>/dev/null || true; cleanup' EXIT

queries() { curl -fs "$base/metrics" | awk '/^db_queries_total/ {print $2}'; }
# Every request a new address (an extra parameter the page ignores), so the page cache never has
# it: each one is rendered, as the first view after a write is.
cat >"$work/fresh.lua" <<'EOF'
local threads = 0
function setup(thread) threads = threads + 1; thread:set("tid", threads) end
local n = 0
function request()
  n = n + 1
  local sep = string.find(wrk.path, "?", 1, true) and "&" or "?"
  return wrk.format(nil, wrk.path .. sep .. "fresh=" .. tid .. "-" .. n)
end
EOF
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; printf "%.1f", v}'; }
run_wrk() { # url [cookie [wrk options]] -> "rps p50 p99 non2xx"
  local out
  if [ -n "${2:-}" ]; then
    wrk -t"$threads" -c"$connections" -d"${warmup}s" -H "Cookie: $2" ${3:-} "$1" >/dev/null
    out=$(wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -H "Cookie: $2" ${3:-} "$1")
  else
    wrk -t"$threads" -c"$connections" -d"${warmup}s" "$1" >/dev/null
    out=$(wrk -t"$threads" -c"$connections" -d"${duration}s" --latency "$1")
  fi
  local rps p50 p99 bad
  rps=$(echo "$out" | awk '/^Requests\/sec/ {printf "%.0f", $2}')
  p50=$(echo "$out" | awk '$1 == "50%" {print $2}' | to_ms)
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}' | to_ms)
  bad=$(echo "$out" | awk '/Non-2xx/ {print $5}')
  # Requests wrk gave up on after its 2 s timeout count as failures too (and leave no latency).
  timeouts=$(echo "$out" | awk '/Socket errors/ {gsub(",", ""); print $NF}')
  bad=$(( ${bad:-0} + ${timeouts:-0} ))
  if [ "${p50:-0.0}" = "0.0" ] && [ "$bad" -gt 0 ]; then p50=2000.0; p99=2000.0; fi
  echo "$rps $p50 $p99 $bad"
}

rows=""
renders=""
verdicts=""
for entry in "${pages[@]}"; do
  name=${entry%%|*}; path=${entry#*|}
  status=$(curl -s -o "$work/static/$name.html" -w '%{http_code}' -H "Cookie: $cookie" "$base$path")
  [ "$status" = 200 ] || { echo "bench: $path answered $status"; tail -5 "$work/server.log"; exit 1; }
  bytes=$(wc -c <"$work/static/$name.html")
  sep="?"; [[ $path == *"?"* ]] && sep="&"
  q0=$(queries)
  for i in $(seq 1 20); do curl -fs -o /dev/null -H "Cookie: $cookie" "$base$path${sep}fresh=q$i"; done
  q1=$(queries)
  for _ in $(seq 1 20); do curl -fs -o /dev/null -H "Cookie: $cookie" "$base$path"; done
  q2=$(queries)
  rqpr=$(echo "($q1 - $q0) / 20" | bc -l | xargs printf "%.1f")
  qpr=$(echo "($q2 - $q1) / 20" | bc -l | xargs printf "%.1f")
  read -r rps p50 p99 bad <<<"$(run_wrk "$base$path" "$cookie")"
  read -r rrps rp50 rp99 rbad <<<"$(run_wrk "$base$path" "$cookie" "-s $work/fresh.lua")"
  read -r nrps np50 np99 _ <<<"$(run_wrk "http://127.0.0.1:$nport/$name.html")"
  ratio=$(echo "100 * $rps / $nrps" | bc -l | xargs printf "%.1f")
  rratio=$(echo "100 * $rrps / $nrps" | bc -l | xargs printf "%.1f")
  echo "bench: $name $rps req/s p50 $p50 ms p99 $p99 ms, nginx $nrps req/s ($ratio %), $qpr statements/request; rendered $rrps req/s p99 $rp99 ms ($rratio %), $rqpr statements"
  rows+="| $name | \`${path}\` | $bytes | $rps | $p50 | $p99 | $bad | $nrps | $ratio % | $qpr |"$'\n'
  renders+="| $name | $rrps | $rp50 | $rp99 | $rbad | $rratio % | $rqpr |"$'\n'
  miss=""
  (( $(echo "$ratio < 20" | bc) )) && miss+=" req/s at $ratio % of nginx (target 20 %);"
  (( $(echo "$p99 > 20" | bc) )) && miss+=" p99 $p99 ms (target 20 ms, $(echo "$p99 / 20" | bc -l | xargs printf "%.1f")×);"
  (( $(echo "$rqpr > 8" | bc) )) && miss+=" $rqpr statements per render (target 8);"
  [ "$bad" != 0 ] && miss+=" $bad non-2xx answers;"
  [ "$rbad" != 0 ] && miss+=" $rbad non-2xx answers when rendered;"
  verdicts+="- $name:${miss:- meets every target} (rendered each time: $rratio % of nginx, p99 $rp99 ms)"$'\n'
done

# The static assets through the app's /pkg handler, against nginx with the same file.
css=$(curl -fs "$base/login" | grep -o '/pkg/[^"]*\.css' | head -1)
curl -fs -o "$work/static/asset.css" "$base$css"
read -r arps ap50 ap99 abad <<<"$(run_wrk "$base$css")"
read -r anrps _ _ _ <<<"$(run_wrk "http://127.0.0.1:$nport/asset.css")"
aratio=$(echo "100 * $arps / $anrps" | bc -l | xargs printf "%.1f")
rows+="| static asset | \`$css\` | $(wc -c <"$work/static/asset.css") | $arps | $ap50 | $ap99 | $abad | $anrps | $aratio % | 0 |"$'\n'
cache=$(curl -fsI "$base$css" | awk -F': ' 'tolower($1) == "cache-control" {print $2}' | tr -d '\r')

rss_peak=$(awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$pid/status")
rss_now=$(awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$pid/status")

# Each file compressed once; the sizes go into the report below.
pkg=target/site/pkg
declare -A raw gz
for f in samverkan.wasm samverkan.js samverkan.css; do
  raw[$f]=$(wc -c <"$pkg/$f"); gz[$f]=$(gzip -9c "$pkg/$f" | wc -c)
done
size() { printf "%s B raw, %s B gzip -9" "${raw[$1]}" "${gz[$1]}"; }
total_kb=$(( (${gz[samverkan.wasm]} + ${gz[samverkan.js]}) / 1024 ))

commit=$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- app server entity migration || echo "+changes")
cpu=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)
mem=$(awk '/MemTotal/ {printf "%.1f GB", $2 / 1048576}' /proc/meminfo)
{
  echo "# Benchmark report"
  echo
  echo "$(date -u +%Y-%m-%d), commit $commit, $(nproc) cores ($cpu), $mem RAM, $(uname -sr)."
  echo "Produced by \`bash bench/run.sh\` (scale $scale, $backend, wrk $threads threads × $connections connections, $warmup s warm-up then $duration s per page, server and wrk and nginx on the same machine)."
  echo
  echo "## Dataset"
  echo
  echo "\`samverkan gen-bench-data --scale $scale\` on a fresh database: $BENCH_COUNTS."
  echo "Demo data ${BENCH_SEED_SECONDS} s, bulk rows ${BENCH_GENERATE_SECONDS} s (the whole command $(printf "%.1f" "$gen_s") s, including migrations)."
  echo
  echo "## Pages (signed in as a member of four forums)"
  echo
  echo "| page | path | bytes | req/s | p50 ms | p99 ms | failed (non-2xx or timeout) | nginx req/s (same bytes) | app / nginx | DB statements per request |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  printf "%s" "$rows"
  echo
  echo "These are repeated views by one member: after the first, each is served from the page cache (\`server/src/page_cache.rs\`), which keeps a rendered page until anything is written. Statements per request here are the cached answer's: the session and the person with the write generation."
  echo
  echo "### Rendered every time (each request a new address the cache has never seen)"
  echo
  echo "What the first view after a write costs. Same load; the address has an extra parameter \`fresh=…\` that the page ignores (\`bench/run.sh\`, \`fresh.lua\`)."
  echo
  echo "| page | req/s | p50 ms | p99 ms | failed | app / nginx | DB statements per request |"
  echo "|---|---|---|---|---|---|---|"
  printf "%s" "$renders"
  echo
  echo "Statements per request are counted by the server (\`db_queries_total\` in /metrics, sea-orm statements and session-store reads) over 20 sequential requests per page."
  echo "The same counts are checked as a property in \`server/tests/http.rs\` (\`database_statements_per_page_do_not_grow_with_the_data\`): equal on a small and a ten times larger dataset."
  echo "The static asset is served by the app with \`Cache-Control: $cache\`."
  echo
  echo "## Process and build"
  echo
  echo "- Peak RSS of the server over the whole run: $rss_peak MB (at the end: $rss_now MB). Target ≤ 100 MB."
  echo "- Cold start on an empty database (all migrations, then the first page served): $(printf "%.2f" "$cold_s") s. Target ≤ 1 s."
  echo "- Release wasm: $(size samverkan.wasm); JS: $(size samverkan.js); CSS: $(size samverkan.css). Wasm + JS gzip: $total_kb KB. Target ≤ 300 KB."
  if [ -n "${BENCH_BUILD_TIME:-}" ]; then echo "- Release build (measured outside this run): $build_s."
  else echo "- Release build in this run: $build_s (\`make build\`; incremental when the target dir is warm)."; fi
  echo
  echo "## Against the targets"
  echo
  printf "%s" "$verdicts"
  # The reasons and what follows are written by hand after looking at a run (perf, SQL timings);
  # they and the last soak (bench/soak.sh) belong to the main report only, not to another
  # BENCH_REPORT such as the PostgreSQL one, whose notes are written under its own run.
  if [ "$report" = bench/REPORT.md ]; then
    if [ -f bench/why.md ]; then echo; cat bench/why.md; fi
    if [ -f bench/reports/soak.md ]; then echo; cat bench/reports/soak.md; fi
  fi
} >"$report"
echo "bench: report written to $report"
cat "$report"
