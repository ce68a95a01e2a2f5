#!/usr/bin/env bash
# Train and export the shipped styles (the record of how models/ was made).
#   tools/train_styles.sh [name ...]      default: all; runs resume if interrupted
# Stage 1: STEPS on 128² crops (skipped when FT_ONLY=1: the shipped model file is the start).
# Stage 2: FT_STEPS on larger crops (FT_SIZE, photos at FT_PHOTO short side) with a decaying
#          learning rate, then export. FT_STEPS=0 exports stage 1.
# Needs ../shared/data (content photos, paintings) next to the repository.
# How models/ was made: all six with the defaults below (600 steps at 128²); starry_night,
# great_wave and water_lilies then FT_ONLY=1 (150 at 256², CPU); then all six
# FT_ONLY=1 FT_STEPS=300 with the GPU trainer (`make trainer-gpu`, six runs sharing one H100:
# about 2.6 s per step each, 13 min in all); then all six FT_ONLY=1 FT_STEPS=300 again on the
# 2-core CPU, two at a time with RAYON_NUM_THREADS=1 (about 25 min per style). Each model card
# lists its stages.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${DATA:-../shared/data}
RUNS=${RUNS:-runs}
STEPS=${STEPS:-600}
FT_STEPS=${FT_STEPS:-150}
FT_SIZE=${FT_SIZE:-256}
FT_PHOTO=${FT_PHOTO:-320}
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
  run="$RUNS/$name"
  if [ "${FT_ONLY:-0}" = 1 ]; then
    start=models/$name/$name.bpk
  else
    resume=(); [ -f "$run/state.json" ] && resume=(--resume)
    "$T" fast-style --content "$DATA/content" --style "$DATA/styles/$file" --out "$run" --steps "$STEPS" "${resume[@]}"
    start=$run
  fi
  if [ "$FT_STEPS" -gt 0 ]; then
    ft="$RUNS/${name}_ft$FT_SIZE"
    if [ -f "$ft/state.json" ]; then from=(--resume); else from=(--init-from "$start"); fi
    "$T" fast-style --content "$DATA/content" --style "$DATA/styles/$file" --out "$ft" "${from[@]}" \
      --size "$FT_SIZE" --photo-size "$FT_PHOTO" --steps "$FT_STEPS" --lr 5e-4 --lr-final 1e-5 --sample-every 50 --checkpoint-every 25
    run=$ft
  fi
  "$T" export --run "$run" --name "$name" --title "$title" --artist "$artist" --year "$year" \
    --licence "public domain" --source "shared/data/styles/$file (see its MANIFEST: photographic reproduction of a public-domain 2-D work)"
done <<< "$STYLES"
