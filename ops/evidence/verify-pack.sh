#!/usr/bin/env bash
# Checks an evidence pack's hash chain, file hashes and Ed25519 signature with nothing but the JDK.
# Usage: ops/evidence/verify-pack.sh MOAT-12-evidence.zip [--public-key BASE64_X509_KEY]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/../lib/common.sh"
use_jdk25
exec java "$here/VerifyPack.java" "$@"
