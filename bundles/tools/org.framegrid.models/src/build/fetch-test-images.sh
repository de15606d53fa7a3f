#!/bin/sh
# Real test images for the inference tests (models.md "Free real test images"), fetched once with apt into DIR
# (outside target/, like the models):
#   skimage's public-domain / CC0 samples from the Debian package python3-skimage (astronaut, page, text, ...);
#   darknet's classic detection pictures from the Debian package darknet (person, dog, horses, ...; its copyright file:
#   "GPL-3.0+ or MIT or WTFPL"): people at full length, which the pose and selfie checks need;
#   OpenCV's tutorial photographs of an open hand (handSrc, handDst) from the Debian package opencv-doc (OpenCV's own
#   files: Apache-2.0 AND BSD-3-Clause; a 96 MB download, once): the hands stage's checks, as no image above shows a
#   hand the palm detector finds.
# Best effort by design: without apt (or offline on a fresh machine) it prints why and exits 0, and the tests that
# need a real image skip with a message (fail on CI); the synthetic-image tests still run.
set -u
DIR="$1"

# fetch PACKAGE VERSION SHA256 SOURCE_DIR IMAGE...
fetch() {
  package=$1 version=$2 sha=$3 source=$4
  shift 4
  missing=""
  for image in "$@"; do [ -f "$DIR/$image" ] || missing="$missing $image"; done
  [ -z "$missing" ] && return 0
  if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg-deb >/dev/null 2>&1; then
    echo "[images] no apt-get/dpkg-deb here: real-image tests will be skipped (missing:$missing)"
    return 0
  fi
  work=$(mktemp -d) || return 0
  if ! (cd "$work" && apt-get download -q "$package=$version" >/dev/null 2>&1); then
    echo "[images] apt-get download $package=$version failed: real-image tests will be skipped"
    rm -rf "$work"
    return 0
  fi
  deb=$(ls "$work"/*.deb)
  actual=$(sha256sum "$deb" | cut -c1-64)
  if [ "$actual" != "$sha" ]; then
    echo "[images] SHA-256 mismatch for ${package}_$version: expected $sha, got $actual; not used"
    rm -rf "$work"
    return 0
  fi
  if dpkg-deb -x "$deb" "$work/x" && mkdir -p "$DIR"; then
    for image in "$@"; do
      cp "$work/x/$source/$image" "$DIR/$image.part" && mv "$DIR/$image.part" "$DIR/$image"
    done
    echo "[images] $package $version: $* -> $DIR"
  fi
  rm -rf "$work"
}

fetch python3-skimage 0.19.3-8 728d88c3e3440f1f3712de0805dc834d29248ff07e1eec8c0f3da07606f752f9 \
  usr/lib/python3/dist-packages/skimage/data astronaut.png page.png text.png motorcycle_left.png coffee.png chelsea.png
fetch darknet 0.0.0+git20180914.61c9d02e-2+b4 9ca14d36112d242a782bfed4104fa5adcd2ae8bc599ab610f42eb609ee125a01 \
  usr/share/darknet/data person.jpg dog.jpg horses.jpg kite.jpg giraffe.jpg eagle.jpg scream.jpg
fetch opencv-doc 4.6.0+dfsg-12 4b12681df35878207ac7097dc66184b2ae552e4bf4ddd2af04a0f03ed0b8682a \
  usr/share/doc/opencv-doc/opencv4/html handSrc.jpg handDst.jpg
exit 0
