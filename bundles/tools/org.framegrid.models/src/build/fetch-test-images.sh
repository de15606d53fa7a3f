#!/bin/sh
# Real test images for the inference tests (models.md "Free real test images"): skimage's public-domain / CC0 sample
# images from the Debian package python3-skimage, fetched once with apt into DIR (outside target/, like the models).
# Best effort by design: without apt (or offline on a fresh machine) it prints why and exits 0, and the tests that
# need a real image skip with a message; the synthetic-image tests still run.
set -u
DIR="$1"
VERSION=0.19.3-8
SHA256=728d88c3e3440f1f3712de0805dc834d29248ff07e1eec8c0f3da07606f752f9
IMAGES="astronaut.png page.png text.png motorcycle_left.png coffee.png chelsea.png"

missing=""
for image in $IMAGES; do [ -f "$DIR/$image" ] || missing="$missing $image"; done
[ -z "$missing" ] && exit 0

if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg-deb >/dev/null 2>&1; then
  echo "[images] no apt-get/dpkg-deb here: real-image tests will be skipped (missing:$missing)"
  exit 0
fi
work=$(mktemp -d) || exit 0
trap 'rm -rf "$work"' EXIT
if ! (cd "$work" && apt-get download -q "python3-skimage=$VERSION" >/dev/null 2>&1); then
  echo "[images] apt-get download python3-skimage=$VERSION failed: real-image tests will be skipped"
  exit 0
fi
deb=$(ls "$work"/*.deb)
actual=$(sha256sum "$deb" | cut -c1-64)
if [ "$actual" != "$SHA256" ]; then
  echo "[images] SHA-256 mismatch for python3-skimage_$VERSION: expected $SHA256, got $actual; not used"
  exit 0
fi
dpkg-deb -x "$deb" "$work/x" && mkdir -p "$DIR" || exit 0
for image in $IMAGES; do
  cp "$work/x/usr/lib/python3/dist-packages/skimage/data/$image" "$DIR/$image.part" && mv "$DIR/$image.part" "$DIR/$image"
done
echo "[images] python3-skimage $VERSION: $IMAGES -> $DIR"
