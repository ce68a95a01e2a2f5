#!/usr/bin/env bash
# The Van Gogh domain for `trainer cyclegan` (photo ↔ Van Gogh, as the paper's vangogh2photo): the
# Van Gogh crops of the photo2painting set.
#   tools/vangogh_crops.sh [SRC] [OUT]
#     SRC default: ../shared/data/cyclegan/photo2painting_crops (junyanz layout, with MANIFEST.md)
#     OUT default: ~/.cache/atelier/data/vangogh_crops
# Links SRC/trainB/vangogh_* into OUT/train (Starry Night, Self-Portrait with Straw Hat, Thatched
# Cottages, Wheat Field with Cypresses) and SRC/testB/vangogh_* into OUT/test (The Night Café, a
# painting never trained on), with a MANIFEST.md of those rows of SRC's MANIFEST. One painter's
# brushwork is a domain a CycleGAN can learn on two CPU cores; eighteen painters are not.
# The paintings are public domain (see SRC/MANIFEST.md and ../styles/MANIFEST.md).
set -euo pipefail
SRC=$(cd "${1:-$(dirname "$0")/../../shared/data/cyclegan/photo2painting_crops}" && pwd)
OUT=${2:-$HOME/.cache/atelier/data/vangogh_crops}
[ -f "$SRC/MANIFEST.md" ] && [ -d "$SRC/trainB" ] || { echo "vangogh_crops: no MANIFEST.md and trainB/ in $SRC" >&2; exit 1; }
for split in train test; do
  mkdir -p "$OUT/$split"
  find "$OUT/$split" -maxdepth 1 -name '*.jpg' -delete
  for f in "$SRC/${split}B"/vangogh_*.jpg; do ln -sf "$f" "$OUT/$split/$(basename "$f")"; done
done
{
  echo "# vangogh_crops — Van Gogh crops of $(basename "$SRC") (public domain)"
  echo
  echo "Made by tools/vangogh_crops.sh: train/ = $(basename "$SRC")/trainB/vangogh_*, test/ = testB/vangogh_* (a held-out painting)."
  echo "Each row below is the source MANIFEST's row (derivation, original source, author, licence)."
  echo
  grep -m1 -E '^\| file \|' "$SRC/MANIFEST.md"
  echo "|---|---|---|---|---|"
  grep -E '^\| (trainB|testB)/vangogh_' "$SRC/MANIFEST.md"
} > "$OUT/MANIFEST.md"
echo "vangogh_crops: $(ls "$OUT"/train/*.jpg | wc -l) training and $(ls "$OUT"/test/*.jpg | wc -l) held-out crops in $OUT"
