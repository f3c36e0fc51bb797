#!/usr/bin/env bash
# Builds the face test set of issue 9 from real photos that ship in Debian and npm packages, into a
# git-ignored folder (the photos are never committed): every image a JPEG of at most 640 px on the
# long side, as the camera frames are. Idempotent; prints the folder.
#   python3-skimage         astronaut (Eileen Collins)
#   python-matplotlib-data  grace_hopper
#   opencv-doc              lbp_yale (one person under four lightings), facereg (four faces), messi5
#   @vladmandic/face-api    demo/sample1..6 (npm pack into a temp dir; not a dependency)
# The .deb files are downloaded and unpacked, not installed: no Python stack comes with them.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${FACE_TESTSET_DIR:-$PWD/.tmp/face-testset}"
[ -f "$out/.complete" ] && { echo "$out"; exit 0; }

# Exit 3 means "this machine cannot build the set": the tests that need it skip with this message.
command -v apt-get >/dev/null || { echo "face-testset: needs apt-get (Debian packages) to fetch the photos" >&2; exit 3; }
if ! command -v ffmpeg >/dev/null; then
  if command -v apt-get >/dev/null && [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ffmpeg >/dev/null
  else
    echo "face-testset: needs ffmpeg and apt-get as root (Debian: apt-get install ffmpeg)" >&2
    exit 3
  fi
fi

work="$(mktemp -d /tmp/face-testset-XXXXXX)"
trap 'rm -rf "$work"' EXIT
(
  cd "$work"
  if ! apt-get download python3-skimage python-matplotlib-data opencv-doc >/dev/null 2>&1; then
    apt-get update -qq && apt-get download python3-skimage python-matplotlib-data opencv-doc >/dev/null
  fi
  for deb in *.deb; do dpkg-deb -x "$deb" root; done
  npm pack --silent @vladmandic/face-api@1.7.15 >/dev/null
  tar xzf vladmandic-face-api-1.7.15.tgz package/demo
)
# Built aside and moved into place whole: test files that start together each run this script,
# and none may read a half-written set.
# (beside the final folder, so the move is a rename on one file system).
final="$out"
mkdir -p "$(dirname "$final")"
out="$(mktemp -d "$final.build-XXXXXX")"
trap 'rm -rf "$work" "$out"' EXIT
fit='scale=w=640:h=640:force_original_aspect_ratio=decrease'
jpeg() { ffmpeg -loglevel error -y -i "$1" -vf "$2" -q:v 3 "$out/$3.jpg"; }

# Names are PERSON--VARIANT.jpg: two files with the same PERSON are the same person.
root="$work/root/usr"
for person in collins:lib/python3/dist-packages/skimage/data/astronaut.png hopper:share/matplotlib/mpl-data/sample_data/grace_hopper.jpg \
  messi:share/doc/opencv-doc/examples/data/messi5.jpg; do
  jpeg "$root/${person#*:}" "$fit" "${person%%:*}--photo"
  jpeg "$root/${person#*:}" "$fit,hflip" "${person%%:*}--mirror"
done
# Four faces in a 2x2 grid: the several-faces case, not a person.
jpeg "$root/share/doc/opencv-doc/opencv4/html/facereg.jpg" 'scale=400:400' group--facereg
# The top row of lbp_yale.jpg is one person under four lightings, cropped tight: each is padded so
# the detector sees a face in a frame, as a camera would show it.
for i in 1 2 3 4; do
  jpeg "$root/share/doc/opencv-doc/opencv4/html/lbp_yale.jpg" "crop=166:190:$(((i - 1) * 166)):0,pad=320:320:77:65:gray" "yale--light$i"
done
# The demo samples are group photos of different people: each face is cut out on its own
# (SAMPLE:FACE:SIDE:X:Y in the 1920 px originals, a square 1.5 times the face).
for crop in 1:1:535:238:223 1:2:441:1355:114 1:3:486:693:303 2:1:522:1281:22 2:2:472:206:38 2:3:589:691:75 \
  3:1:540:423:204 3:2:549:914:93 3:3:603:1274:143 4:1:414:543:0 4:2:472:836:77 4:3:463:1135:55 4:4:450:102:109 \
  5:1:387:665:33 5:2:477:965:89 5:3:472:440:314 5:4:585:1223:248 5:5:562:176:752 \
  6:1:531:89:371 6:2:549:989:188 6:3:571:1303:136 6:4:562:491:208; do
  IFS=: read -r sample face side x y <<<"$crop"
  jpeg "$work/package/demo/sample$sample.jpg" "crop=$side:$side:$x:$y,$fit" "sample$sample-face$face--photo"
done
# A whole group photo, for the several-faces case.
jpeg "$work/package/demo/sample1.jpg" "$fit" group--sample1
touch "$out/.complete"
mv -T "$out" "$final" 2>/dev/null || [ -f "$final/.complete" ]
echo "$final"
