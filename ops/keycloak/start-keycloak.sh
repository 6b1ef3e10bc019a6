#!/usr/bin/env bash
# Runs Keycloak (version: keycloak.version in pom.xml) in dev mode, in the FOREGROUND, with the realm `moat` imported from
# ops/keycloak/moat-realm.json. DEV ONLY: plain HTTP, H2 database, bootstrap admin admin/admin.
#
#   ops/keycloak/start-keycloak.sh &      # then: ops/keycloak/wait-ready.sh [timeout-seconds]
#   kill -TERM <pid>                      # stops Keycloak (kc.sh forwards SIGTERM to its java and waits)
#
# Environment:
#   MOAT_RUNTIME_DIR     where Keycloak is installed (default: <repo>/.runtime)
#   MOAT_KEYCLOAK_PORT   HTTP port (default: 8180); management/health stays on 9000
#   JAVA_HOME            used when it is Java 25+, otherwise Temurin 25 (ops/lib/common.sh)
#   JAVA_OPTS_KC_HEAP    heap options (default: -Xms32m -Xmx256m)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

KC_VERSION="$(pom_property keycloak.version)"

log() { printf '[start-keycloak] %s\n' "$*"; }
die() { printf '[start-keycloak] ERROR: %s\n' "$*" >&2; exit 1; }

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
repo="$moat_repo"
realm_json="$script_dir/moat-realm.json"
runtime="${MOAT_RUNTIME_DIR:-$repo/.runtime}"
install="$runtime/keycloak-$KC_VERSION"
port="${MOAT_KEYCLOAK_PORT:-8180}"
mgmt_port=9000

[ -f "$realm_json" ] || die "realm file not found: $realm_json"
mkdir -p "$runtime"
runtime="$(cd "$runtime" && pwd -P)"
install="$runtime/keycloak-$KC_VERSION"

# --- ports free? (checked first: never touch the data of a running Keycloak) -----------------
for p in "$port" "$mgmt_port"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
    die "port $p is already in use (another Keycloak still running?)"
  fi
done

# --- Java 25 -----------------------------------------------------------------------------------
use_jdk25 || die "no JDK 25"
unset JAVA                     # kc.sh would prefer $JAVA over $JAVA_HOME
log "Java: $JAVA_HOME (Java $(java_major "$JAVA_HOME"))"

# --- install (download with Maven, unzip into a temp dir, move into place atomically) ----------
# Children run in the background and are waited for, so that a SIGTERM/SIGINT to this script while
# installing stops them too (bash would otherwise leave a running Maven java behind).
child=""
on_signal() {
  if [ -n "$child" ]; then kill -TERM "$child" 2>/dev/null || true; wait "$child" 2>/dev/null || true; fi
  log "interrupted; nothing was installed"
  exit 143
}
run_child() { # run_child <command...>: runs it as a waited-for background child, returns its status
  local rc=0
  "$@" & child=$!
  wait "$child" || rc=$?
  child=""
  return "$rc"
}
in_dir() { cd "$1" && shift && exec "$@"; }

if [ ! -x "$install/bin/kc.sh" ]; then
  trap on_signal TERM INT
  [ ! -e "$install" ] || die "$install exists but has no bin/kc.sh; remove it and start again"
  command -v unzip >/dev/null || die "unzip is required"
  rm -rf "$runtime"/.keycloak-unzip.*          # leftovers of an interrupted earlier run
  zip="$runtime/keycloak-quarkus-dist-$KC_VERSION.zip"
  rm -f "$zip"                                  # never reuse a possibly partial copy
  log "Keycloak $KC_VERSION is not installed in $install"
  log "fetching org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip with Maven (local repository first) into $runtime"
  # Run Maven from the runtime dir, which has no pom.xml: the copy needs no project and must not
  # depend on the state of the repository's own build.
  run_child in_dir "$runtime" "$repo/mvnw" -q dependency:copy \
    -Dartifact="org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip" \
    -DoutputDirectory="$runtime" || die "Maven could not fetch the Keycloak distribution"
  [ -f "$zip" ] || die "Maven finished but $zip is missing"
  tmp="$(mktemp -d "$runtime/.keycloak-unzip.XXXXXX")"
  trap 'rm -rf "$tmp"' EXIT
  log "unzipping into $tmp"
  if ! run_child unzip -q "$zip" -d "$tmp"; then
    rm -f "$zip"
    die "could not unzip $zip (deleted it; start again to fetch it anew)"
  fi
  [ -x "$tmp/keycloak-$KC_VERSION/bin/kc.sh" ] || die "unexpected zip layout: no keycloak-$KC_VERSION/bin/kc.sh"
  mv "$tmp/keycloak-$KC_VERSION" "$install"    # same file system: atomic rename
  rm -rf "$tmp"
  trap - EXIT TERM INT
  rm -f "$zip"
  log "installed Keycloak $KC_VERSION in $install"
fi

# --- realm import: re-import when the realm JSON changed ---------------------------------------
data="$install/data"
sha_file="$data/moat-realm.sha256"
new_sha="$(sha256sum "$realm_json" | cut -d' ' -f1)"
old_sha="$(cat "$sha_file" 2>/dev/null || true)"
if [ "$new_sha" != "$old_sha" ]; then
  if [ -d "$data" ] && [ -n "$(ls -A "$data" 2>/dev/null | grep -vx -e import -e moat-realm.sha256 || true)" ]; then
    log "realm JSON changed since the last import (sha256 ${old_sha:-none} -> $new_sha):"
    log "deleting Keycloak's data in $data so that realm 'moat' is imported again (users, sessions and admin changes are lost)"
    find "$data" -mindepth 1 -maxdepth 1 ! -name import -exec rm -rf {} +
  else
    log "no Keycloak data yet: realm 'moat' will be imported on this start"
  fi
else
  log "realm JSON unchanged since the last import (sha256 $new_sha): keeping Keycloak's data in $data"
fi
mkdir -p "$data/import"
rm -f "$data/import"/*.json
cp "$realm_json" "$data/import/moat-realm.json"
printf '%s\n' "$new_sha" > "$sha_file"

# --- run (exec: this PID becomes kc.sh, which forwards SIGTERM/SIGINT to Keycloak's java) -------
export KC_BOOTSTRAP_ADMIN_USERNAME="${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}"       # dev only
export KC_BOOTSTRAP_ADMIN_PASSWORD="${KC_BOOTSTRAP_ADMIN_PASSWORD:-admin}"       # dev only
export JAVA_OPTS_KC_HEAP="${JAVA_OPTS_KC_HEAP:--Xms32m -Xmx256m}"

log "starting Keycloak $KC_VERSION (dev mode) from $install"
log "  realm import file $data/import/moat-realm.json (copy of $realm_json; skipped by Keycloak when realm 'moat' exists)"
log "  http://localhost:$port  (admin console: http://localhost:$port/admin, bootstrap admin admin/admin, DEV ONLY)"
log "  issuer http://localhost:$port/realms/moat ; health http://localhost:$mgmt_port/health/ready"
exec "$install/bin/kc.sh" start-dev --import-realm \
  --http-port="$port" \
  --health-enabled=true \
  --http-management-port="$mgmt_port"
