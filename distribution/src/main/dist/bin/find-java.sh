# Finds a JDK >= 25 for Framegrid and sets JAVA (the java binary) and JAVA_HOME. Sourced by bin/framegrid and by
# the repository's ./framegrid. Order: $JAVA_HOME, the Temurin 25 install, then `java` on the PATH.
framegrid_java_major() { # prints the feature version of the java binary $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -1
}

framegrid_find_java() {
  local candidate major tried=""
  for candidate in "${JAVA_HOME:+$JAVA_HOME/bin/java}" /usr/lib/jvm/temurin-25-jdk*/bin/java \
                   /usr/lib/jvm/temurin-2[5-9]*/bin/java /usr/lib/jvm/*-2[5-9]*/bin/java "$(command -v java 2>/dev/null)"; do
    [ -n "$candidate" ] && [ -x "$candidate" ] || continue
    major=$(framegrid_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then
      JAVA="$candidate"
      JAVA_HOME="$(cd "$(dirname "$candidate")/.." && pwd)"
      export JAVA_HOME
      return 0
    fi
    tried="$tried\n  $candidate (Java ${major:-unknown})"
  done
  printf 'framegrid: needs a JDK 25 or newer (Temurin 25 recommended).%b\nInstall one, or point JAVA_HOME at it.\n' \
    "${tried:+\nFound only:$tried}" >&2
  return 1
}
