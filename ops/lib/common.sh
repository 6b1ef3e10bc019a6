# Shared by Moat's shell scripts (source it; it changes nothing by itself).
# Versions come from the root pom.xml, the one place they are written.

MOAT_DEFAULT_JDK=/usr/lib/jvm/temurin-25-jdk-amd64
moat_repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"

# pom_property NAME: the value of <NAME> in the root pom.xml's properties.
pom_property() {
  sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$moat_repo/pom.xml" | head -n 1
}

# java_major JAVA_HOME: the feature version of that JDK's java (0 when unusable).
java_major() {
  local v
  v="$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9][0-9.]*\).*/\1/p' | head -n 1)" || true
  v="${v#1.}"
  v="${v%%.*}"
  [[ "$v" =~ ^[0-9]+$ ]] && echo "$v" || echo 0
}

# use_jdk25: exports JAVA_HOME as a JDK 25+ (the one set, or Temurin 25 at its usual place), or fails.
use_jdk25() {
  if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/java" ] || [ "$(java_major "$JAVA_HOME")" -lt 25 ]; then
    if [ ! -x "$MOAT_DEFAULT_JDK/bin/java" ]; then
      echo "Moat needs JDK 25: set JAVA_HOME to one (JAVA_HOME=${JAVA_HOME:-unset}, $MOAT_DEFAULT_JDK missing)" >&2
      return 1
    fi
    JAVA_HOME="$MOAT_DEFAULT_JDK"
  fi
  export JAVA_HOME
  export PATH="$JAVA_HOME/bin:$PATH"
  # Maven 3.9 on JDK 25 warns about sun.misc.Unsafe at every start otherwise.
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
}
