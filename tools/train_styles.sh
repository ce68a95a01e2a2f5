#!/usr/bin/env bash
# Train and export the shipped styles (the record of how models/ was made).
#   tools/train_styles.sh [name ...]      default: all; runs resume if interrupted
# Needs ../shared/data (content photos, paintings) next to the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${DATA:-../shared/data}
RUNS=${RUNS:-runs}
STEPS=${STEPS:-1000}
T=${TRAINER:-${CARGO_TARGET_DIR:-target}/release/trainer}

# name | painting file | title | artist | year
STYLES='starry_night|vangogh_starry_night.jpg|The Starry Night|Vincent van Gogh|1889
great_wave|hokusai_great_wave.jpg|The Great Wave off Kanagawa|Katsushika Hokusai|c. 1831
the_scream|munch_the_scream.jpg|The Scream|Edvard Munch|1893
composition_vii|kandinsky_composition_vii.jpg|Composition VII|Wassily Kandinsky|1913
water_lilies|monet_water_lilies_1919.jpg|Water Lilies|Claude Monet|1919
shipwreck|turner_shipwreck_minotaur.jpg|The Shipwreck of the Minotaur|J. M. W. Turner|c. 1810'

want=" $* "
while IFS='|' read -r name file title artist year; do
  [ $# -eq 0 ] || [[ "$want" == *" $name "* ]] || continue
  resume=(); [ -f "$RUNS/$name/state.json" ] && resume=(--resume)
  "$T" fast-style --content "$DATA/content" --style "$DATA/styles/$file" --out "$RUNS/$name" --steps "$STEPS" "${resume[@]}"
  "$T" export --run "$RUNS/$name" --name "$name" --title "$title" --artist "$artist" --year "$year" \
    --licence "public domain" --source "shared/data/styles/$file (see its MANIFEST: photographic reproduction of a public-domain 2-D work)"
done <<< "$STYLES"
