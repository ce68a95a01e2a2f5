#!/usr/bin/env bash
# The "emoji faces" training set for `trainer stylegan`: the round yellow faces of Noto Color Emoji.
#   tools/emoji_faces.sh [SRC] [OUT]
#     SRC default: ../shared/data/gan64 (its MANIFEST.md has each file's emoji name and category)
#     OUT default: ~/.cache/atelier/data/emoji_faces
# Takes the MANIFEST rows in "Smileys & Emotion" whose name has "Face" or "Laughing", except the
# cat, clown, robot and horned faces (not round yellow faces), and links those PNGs into OUT with a
# MANIFEST.md listing them. A small, homogeneous set is what a StyleGAN trained on two CPU cores
# can learn in hours; the full 1636-emoji set needs far more training (see README, Breed).
# The images are Apache-2.0 (Google Noto Emoji, via emoji-datasource-google 16.0.0).
set -euo pipefail
SRC=$(cd "${1:-$(dirname "$0")/../../shared/data/gan64}" && pwd)
OUT=${2:-$HOME/.cache/atelier/data/emoji_faces}
[ -f "$SRC/MANIFEST.md" ] || { echo "emoji_faces: no MANIFEST.md in $SRC" >&2; exit 1; }
mkdir -p "$OUT"
find "$OUT" -maxdepth 1 -name '*.png' -delete
rows=$(grep -E '\| Smileys & Emotion \|' "$SRC/MANIFEST.md" | grep -E '\| [^|]*(Face|Laughing)[^|]* \|' | grep -vE 'Cat |Clown|Robot|Horns' || true)
{
  echo "# emoji_faces — $(printf '%s\n' "$rows" | grep -c .) round Noto emoji faces, 64x64"
  echo
  echo "Made by tools/emoji_faces.sh from $(basename "$SRC")/MANIFEST.md (rows in Smileys & Emotion named ...Face/...Laughing,"
  echo "without cat, clown, robot and horned faces). Licence: Apache-2.0 (Google Noto Emoji); see that MANIFEST."
  echo
  echo "| file | emoji name |"
  echo "|---|---|"
} > "$OUT/MANIFEST.md"
printf '%s\n' "$rows" | while IFS='|' read -r _ file name _; do
  file=$(echo "$file" | xargs); name=$(echo "$name" | xargs)
  ln -sf "$SRC/$file" "$OUT/$(basename "$file")"
  echo "| $(basename "$file") | $name |" >> "$OUT/MANIFEST.md"
done
echo "emoji_faces: $(ls "$OUT"/*.png | wc -l) images in $OUT"
