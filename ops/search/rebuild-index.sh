#!/usr/bin/env bash
# Rebuilds Moat's full-text search index from the database, through the running server (which owns the index).
# A platform admin signs in through Keycloak's moat-cli client. Settings (defaults fit ops/run.sh):
#   MOAT_URL (http://localhost:8080), MOAT_OIDC_ISSUER (http://localhost:8180/realms/moat),
#   MOAT_ADMIN_USER (alice), MOAT_ADMIN_PASSWORD (alice-pw, the dev realm's demo password).
set -euo pipefail

moat_url="${MOAT_URL:-http://localhost:8080}"
issuer="${MOAT_OIDC_ISSUER:-http://localhost:8180/realms/moat}"
user="${MOAT_ADMIN_USER:-alice}"
password="${MOAT_ADMIN_PASSWORD:-alice-pw}"

token_response="$(curl -sS --fail-with-body -d grant_type=password -d client_id=moat-cli \
  --data-urlencode "username=$user" --data-urlencode "password=$password" \
  "$issuer/protocol/openid-connect/token")" || { echo "Sign-in as $user failed: $token_response" >&2; exit 1; }
token="$(printf '%s' "$token_response" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')"
[ -n "$token" ] || { echo "No access token in Keycloak's answer" >&2; exit 1; }

echo "Rebuilding the search index at $moat_url ..."
curl -sS --fail-with-body -X POST -H "Authorization: Bearer $token" "$moat_url/api/v1/search/rebuild"
echo
