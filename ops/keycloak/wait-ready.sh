#!/usr/bin/env bash
# Waits until Keycloak reports UP on its readiness endpoint (management interface, port 9000).
# Keycloak logs "started" some seconds before /health/ready turns from DOWN to UP, so poll this,
# not the log.
#
#   ops/keycloak/wait-ready.sh [timeout-seconds]      (default 120; exit 1 on timeout)
set -euo pipefail

timeout="${1:-120}"
[[ "$timeout" =~ ^[0-9]+$ ]] || { echo "usage: $0 [timeout-seconds]" >&2; exit 2; }
url="http://localhost:${MOAT_KEYCLOAK_MANAGEMENT_PORT:-9000}/health/ready"

start=$SECONDS
deadline=$((SECONDS + timeout))
last=""
echo "[wait-ready] waiting up to ${timeout}s for Keycloak: $url"
while :; do
  body="$(curl -s --max-time 5 "$url" 2>/dev/null || true)"
  # {"status": "UP", "checks": [...]} -- DOWN while starting, nothing while not listening yet
  if printf '%s' "$body" | tr -d ' \n' | grep -q '"status":"UP"'; then
    echo "[wait-ready] Keycloak is ready after $((SECONDS - start))s"
    exit 0
  fi
  if [ -n "$body" ]; then last="$body"; fi
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "[wait-ready] ERROR: Keycloak not ready after ${timeout}s ($url); last answer: ${last:-<no answer>}" >&2
    exit 1
  fi
  sleep 1
done
