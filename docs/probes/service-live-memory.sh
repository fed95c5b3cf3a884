#!/usr/bin/env bash
# Measures how soon a running `serve` sees a version that another process appends: onboard stage 1, serve it with a
# token, onboard stage 2 from a second process, then poll GET /api/v1/memory every 100 ms until the new head shows,
# and route once. Loopback only; stops the server it started. Usage: docs/probes/service-live-memory.sh [PORT]
set -euo pipefail
cd "$(dirname "$0")/../.."
PORT="${1:-18480}"
DIR="$(mktemp -d)"
DB="$DIR/memory.db"
export PROBE_TOKEN="probe-$RANDOM-$RANDOM"
./monoscale onboard --world paper-noisy --stage 1 --db "$DB" --warmup-tasks 20 > /dev/null
./monoscale serve --world paper-noisy --stage 2 --db "$DB" --port "$PORT" --auth-token-env PROBE_TOKEN > "$DIR/serve.out" 2> "$DIR/serve.err" &
SERVER=$!
trap 'kill "$SERVER" 2> /dev/null || true; rm -rf "$DIR"' EXIT
until grep -q "serving" "$DIR/serve.out"; do sleep 0.2; done
api() { curl -s -H "Authorization: Bearer $PROBE_TOKEN" "$@"; }
echo "before: $(api "http://127.0.0.1:$PORT/api/v1/memory" | python3 -c 'import json,sys; print([v["version"] for v in json.load(sys.stdin)])')"
./monoscale onboard --world paper-noisy --stage 2 --db "$DB" --warmup-tasks 20 > /dev/null
APPENDED=$(date +%s%N)
until api "http://127.0.0.1:$PORT/api/v1/memory" | grep -q '"version":"v2"'; do sleep 0.1; done
SEEN=$(date +%s%N)
echo "v2 appended by another process was listed by GET /api/v1/memory $(( (SEEN - APPENDED) / 1000000 )) ms after that process exited"
api -H 'Content-Type: application/json' -d '{"task": "Read the values of the blue bars in the attached chart"}' \
    "http://127.0.0.1:$PORT/api/v1/route" | python3 -c 'import json,sys; r=json.load(sys.stdin); print("next route used memory", r["memoryVersion"], "->", r["steps"][0]["worker"])'
