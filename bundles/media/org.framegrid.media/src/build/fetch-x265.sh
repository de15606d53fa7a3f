#!/bin/sh
# The x265 command-line encoder from Debian, for the H.265 decode tests only: our FFmpeg build is LGPL and has no
# H.265 encoder (x265 is GPL), so the tests make their H.265 clips with Debian's x265 at test time and never ship it.
# Fetched once with apt into DIR (outside target/), SHA-pinned. Best effort by design: without apt (or offline on a
# fresh machine) it prints why and exits 0, and the H.265 tests skip with that message.
set -u
DIR="$1"
PACKAGES="x265=3.5-2+b1:0ffd04e738d93358200b4d0ba70b865f1a33040043966c98edc53e69fe4f2d35
libx265-199=3.5-2+b1:9cd87d1b0c56f34f51bcbe8bdb55ebb45dd08ce6c0c6ff2dc77378bac3f64cc0
libnuma1=2.0.16-1:639e1ab6bd66ead40db8a22c332d7199679fa22db261cac34444eb8eb4c17dda"

[ -x "$DIR/usr/bin/x265" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg-deb >/dev/null 2>&1; then
  echo "[x265] no apt-get/dpkg-deb here: the H.265 decode tests will be skipped"
  exit 0
fi
work=$(mktemp -d) || exit 0
trap 'rm -rf "$work"' EXIT
for entry in $PACKAGES; do
  package=${entry%%:*}
  sha=${entry#*:}
  if ! (cd "$work" && apt-get download -q "$package" >/dev/null 2>&1); then
    echo "[x265] apt-get download $package failed: the H.265 decode tests will be skipped"
    exit 0
  fi
  deb=$(ls -t "$work"/*.deb | head -1)
  actual=$(sha256sum "$deb" | cut -c1-64)
  if [ "$actual" != "$sha" ]; then
    echo "[x265] SHA-256 mismatch for $package: expected $sha, got $actual; not used"
    exit 0
  fi
  dpkg-deb -x "$deb" "$work/x" || exit 0
done
mkdir -p "$(dirname "$DIR")" && rm -rf "$DIR.part" && mv "$work/x" "$DIR.part" && mv "$DIR.part" "$DIR"
echo "[x265] Debian x265 3.5 -> $DIR (test-only, never shipped)"
