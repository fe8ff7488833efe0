#!/usr/bin/env bash
# Soak (issue 8): 30 minutes of mixed traffic at a fixed rate against the release build on a
# generated dataset; RSS, file descriptors, TCP and database connections recorded every minute.
# Passes when no answer is a 5xx or a dropped connection and nothing grows by more than 10 %
# between the second minute (warm) and the last. Writes bench/reports/soak.md and puts it into
# bench/REPORT.md.
#
#   bash bench/soak.sh                         # SQLite, scale medium, 20 requests/s, 30 minutes
#   SOAK_MINUTES=3 SOAK_SKIP_BUILD=1 bash bench/soak.sh          # a quick look
#   SOAK_DATABASE_URL=postgres://user@127.0.0.1:5432/postgres bash bench/soak.sh   # PostgreSQL
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/samverkan/target}
export LEPTOS_OUTPUT_NAME=samverkan

minutes=${SOAK_MINUTES:-30}
rate=${SOAK_RATE:-20}
scale=${SOAK_SCALE:-medium}
bin=${SOAK_BIN:-$CARGO_TARGET_DIR/release/samverkan}
password="Soak-lösenord-2026"
[ -n "${SOAK_SKIP_BUILD:-}" ] || make -s tools build
[ -x "$bin" ] || { echo "soak: no release build at $bin"; exit 1; }

work=$(mktemp -d)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

port=$(.ci/free-port)
base="http://127.0.0.1:$port"
export LEPTOS_SITE_ADDR="127.0.0.1:$port" SAMVERKAN_BASE_URL="$base" SAMVERKAN_MAIL_DIR="$work/mail" RUST_LOG=warn
if [ -n "${SOAK_DATABASE_URL:-}" ]; then
  backend=PostgreSQL
  psql "$SOAK_DATABASE_URL" -qc "DROP DATABASE IF EXISTS bench_soak" -c "CREATE DATABASE bench_soak" >/dev/null
  export SAMVERKAN_DATABASE_URL="${SOAK_DATABASE_URL%/*}/bench_soak"
  sql() { psql "$SAMVERKAN_DATABASE_URL" -At -c "$1"; }
  database=(--pg-connections "psql '$SAMVERKAN_DATABASE_URL' -At -c \"SELECT count(*) - 1 FROM pg_stat_activity WHERE datname = 'bench_soak'\"")
else
  backend=SQLite
  export SAMVERKAN_DATABASE_URL="sqlite://$work/soak.db?mode=rwc"
  sql() { python3 -c 'import sqlite3, sys; [print(*r, sep="|") for r in sqlite3.connect(sys.argv[1]).execute(sys.argv[2])]' "$work/soak.db" "$1"; }
  database=(--database-file "$work/soak.db")
fi

"$bin" gen-bench-data --scale "$scale" --password "$password" | grep -E "^BENCH_[A-Z_]+=" >"$work/gen.env"
# shellcheck disable=SC1090
source "$work/gen.env"
"$bin" serve >"$work/server.log" 2>&1 & pid=$!
for _ in $(seq 1 300); do curl -fs -o /dev/null "$base/healthz" && break; sleep 0.1; done

# Comments go to other meetings of the forum than the loaded one, so that no loaded page grows.
meetings=$(sql "SELECT m.id FROM meetings m JOIN forums f ON f.id = m.forum_id WHERE f.slug = '$BENCH_FORUM' AND m.agenda_published_at IS NOT NULL AND m.id <> $BENCH_MEETING ORDER BY m.id LIMIT 50" | paste -sd, -)
search=$(python3 -c "import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))" "$BENCH_SEARCH")
pages=$(cat <<EOF
[["dashboard", "/"], ["meeting", "/meetings/$BENCH_MEETING"], ["actions-filtered", "/forums/$BENCH_FORUM/actions?state=active&sort=end"],
 ["calendar", "/calendar?month=$(date +%Y-%m)"], ["survey-results", "/surveys/$BENCH_SURVEY/results"], ["search", "/search?q=$search"],
 ["forum", "/forums/$BENCH_FORUM"], ["summary", "/meetings/$BENCH_MEETING/summary"]]
EOF
)
echo "soak: $backend, scale $scale, $rate requests/s for $minutes min against $base (pid $pid)"
python3 bench/soak.py --base "$base" --pid "$pid" --minutes "$minutes" --rate "$rate" --member "$BENCH_MEMBER" \
  --password "$password" --pages "$pages" --comment-meetings "[$meetings]" "${database[@]}" --json "$work/soak.json"
hwm=$(awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$pid/status")
# How many page views the page cache answered, against those rendered (every write retires all).
cache=$(curl -fs "$base/metrics" | awk '/^page_cache_total/ && /result="hit"/ {h=$2} /^page_cache_total/ && /result="render"/ {r=$2} END {printf "%d %d", h, r}')
alive=yes; kill -0 "$pid" 2>/dev/null || alive=no

commit=$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- app server entity migration || echo "+changes")
python3 - "$work/soak.json" "$backend" "$scale" "$commit" "$hwm" "$alive" "$BENCH_COUNTS" "$cache" <<'EOF'
import json, sys, datetime, os, re
data = json.load(open(sys.argv[1])); backend, scale, commit, hwm, alive, counts, cache = sys.argv[2:]
hits, renders = (int(x) for x in cache.split())
s = data["samples"]
five = sum(v for x in s for k, v in x["answers"].items() if int(k) >= 500)
other = sum(v for x in s for k, v in x["answers"].items() if int(k) != 200)
errors = sum(x["errors"] for x in s)
total = sum(x["requests"] for x in s)
# RSS moves by ±10 % from minute to minute as the allocator takes and returns memory, so growth is
# the median of the last five minutes against the median of minutes 2-6 (the first is warm-up).
def median(xs):
    xs = sorted(xs)
    return xs[len(xs) // 2] if xs else 0.0
early, late = s[1:6] or s[:1], s[-5:]
def growth(key):
    b, l = median([float(x[key] or 0) for x in early]), median([float(x[key] or 0) for x in late])
    return 0.0 if b == 0 and l == 0 else (l - b) / b * 100 if b else float("inf")
checks = [("RSS", "rss_mb"), ("file descriptors", "fds"), ("TCP connections", "tcp_clients"), ("database connections", "database_connections")]
grown = [(name, growth(key)) for name, key in checks]
ok = five == 0 and errors == 0 and alive == "yes" and all(g <= 10 for _, g in grown)
lines = [
    "<!-- soak -->",
    "## Soak",
    "",
    f"{datetime.date.today()}, commit {commit}, {os.cpu_count()} cores. Produced by `bash bench/soak.sh`: {backend}, "
    f"`gen-bench-data --scale {scale}` ({counts}), release build, {data['rate']:g} requests/s for {data['minutes']:g} minutes "
    f"({data['workers']} client connections, keep-alive): the member loads the eight pages above in turn, and two requests in ten write "
    "(a member's comment on a meeting agenda, a coordinator's dated status note).",
    "",
    "| minute | answered | non-200 | dropped | p50 ms | p99 ms | RSS MB | file descriptors | TCP connections | database connections | CPU steal % |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
]
for x in s:
    non = sum(v for k, v in x["answers"].items() if k != "200")
    lines.append(f"| {x['minute']} | {x['requests']} | {non} | {x['errors']} | {x['p50_ms']} | {x['p99_ms']} | {x['rss_mb']} | {x['fds']} | {x['tcp_clients']} | {x['database_connections']} | {x.get('steal_pct', '')} |")
lines += [
    "",
    f"- {total} requests answered, {other} of them not 200 ({five} of those 5xx), {errors} dropped or timed out (10 s); the server was {'still' if alive == 'yes' else 'NOT'} running at the end. The clients ran at most {data['max_late_s']} s behind the schedule.",
    "- Median of the last five minutes against minutes 2-6: " + ", ".join(f"{name} {g:+.1f} %" for name, g in grown) + f". Peak RSS (VmHWM) {hwm} MB.",
    f"- Page cache (`page_cache_total` in /metrics): {hits} page views answered from it, {renders} rendered"
    + (f" ({100 * hits / (hits + renders):.0f} % answered from it; each write retires every kept page)." if hits + renders else "."),
    f"- Verdict: {'passes' if ok else 'FAILS'} (no 5xx, nothing dropped, no growth beyond 10 %).",
    "<!-- /soak -->",
]
section = "\n".join(lines) + "\n"
open("bench/reports/soak.md", "w").write(section)
report = open("bench/REPORT.md").read()
if "<!-- soak -->" in report:
    report = re.sub(r"<!-- soak -->.*?<!-- /soak -->\n", lambda _: section, report, flags=re.S)
else:
    report = report.rstrip("\n") + "\n\n" + section
open("bench/REPORT.md", "w").write(report)
print(section)
sys.exit(0 if ok else 1)
EOF
