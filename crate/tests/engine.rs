//! The stylization engine: tiles join without seams, options do what they say, bad input fails clearly.
mod common;

use atelier::error::AtelierError;
use atelier::image::{Planar, psnr};
use atelier::{StyleOptions, Stylizer};
use burn::tensor::Device;

/// A trained network (deterministic, unlike random weights).
fn stylizer() -> Stylizer {
    let bytes = std::fs::read(common::repo("tests/fixtures/starry_night_f32.bpk")).unwrap();
    Stylizer::new(&bytes, Device::flex()).unwrap()
}

fn photo() -> Planar {
    Planar::open(&common::repo("tests/fixtures/chelsea.jpg")).unwrap()
}

#[test]
fn tiles_with_shared_statistics_match_the_whole_image() {
    let s = stylizer();
    let img = photo(); // 451×300
    let whole = s.stylize_blocking(&img, &StyleOptions { tile: 1024, ..Default::default() }).unwrap();
    // Statistics taken at full size: only the tile borders can differ.
    let tiled = s.stylize_blocking(&img, &StyleOptions { tile: 192, overlap: 48, stats_size: 451, ..Default::default() }).unwrap();
    let db = psnr(&whole.data, &tiled.data);
    println!("tiled vs whole: {db:.1} dB");
    assert!(db >= 45.0, "tiled vs whole: {db:.1} dB");
}

#[test]
fn strength_zero_returns_the_photo_and_colour_preservation_keeps_chroma() {
    let s = stylizer();
    let img = photo();
    let out = s.stylize_blocking(&img, &StyleOptions { strength: 0.0, ..Default::default() }).unwrap();
    assert_eq!(out.data, img.data);
    let kept = s.stylize_blocking(&img, &StyleOptions { preserve_colour: true, ..Default::default() }).unwrap();
    // Cb of output equals Cb of the photo wherever nothing clips.
    let p = img.width * img.height;
    let cb = |d: &[f32], i: usize| -0.168_736 * d[i] - 0.331_264 * d[p + i] + 0.5 * d[2 * p + i];
    let i = p / 2 + img.width / 2;
    assert!((cb(&kept.data, i) - cb(&img.data, i)).abs() < 1e-4);
}

#[test]
fn huge_and_broken_images_get_clear_errors() {
    let err = Planar::from_rgba(&[], 20_000, 15_000).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the image is 20000×15000 (300.0 megapixels); the limit is 40 megapixels and 12000 pixels per side. Downscale it first"
    );
    let err = Planar::from_rgba(&[0; 12], 16, 16).unwrap_err();
    assert!(matches!(err, AtelierError::BadPixelBuffer { got: 12, expected: 1024, .. }));
    let err = Planar::open(&common::repo("tests/fixtures/not-an-image.jpg")).unwrap_err();
    assert!(matches!(err, AtelierError::BadImage(_)), "{err:?}");
    assert!(err.to_string().ends_with("Use a PNG, JPEG or WebP photo"));
}

#[test]
fn transparent_pixels_are_flattened_onto_white_and_keep_their_alpha() {
    // A red pixel, a transparent black one, a half-transparent blue one.
    let rgba = [255, 0, 0, 255, 0, 0, 0, 0, 0, 0, 255, 128].repeat(16 * 16 / 3 + 1)[..16 * 16 * 4].to_vec();
    let p = Planar::from_rgba(&rgba, 16, 16).unwrap();
    let px = |i: usize| [p.data[i], p.data[256 + i], p.data[512 + i]];
    assert_eq!(px(0), [1.0, 0.0, 0.0]);
    assert_eq!(px(1), [1.0, 1.0, 1.0], "transparent → white, not black");
    let half = px(2);
    assert!((half[0] - 127.0 / 255.0).abs() < 1e-6 && half[2] == 1.0, "{half:?}");
    let back = p.to_rgba(Some(&rgba));
    assert_eq!(&back[4..8], &[255, 255, 255, 0], "the alpha is kept");
}

/// The browser's path (RGBA bytes in, tiles read from the bytes, rows out as bytes as soon as
/// they are final, sliders applied a band at a time) gives what the planar path gives.
#[test]
fn the_rgba_path_matches_the_planar_path() {
    use atelier::engine::postprocess_rgba;
    use atelier::image::RgbaImage;
    let s = stylizer();
    let img = photo(); // 451×300
    // Half the photo half-transparent: the alpha must come through, the colour be flattened.
    let mut rgba = img.to_rgba(None);
    rgba.chunks_exact_mut(4).enumerate().filter(|(i, _)| i % 451 < 200).for_each(|(_, px)| px[3] = 128);
    let upload = RgbaImage::upload(&rgba, 451, 300).unwrap();
    let flat = Planar::from_rgba(&rgba, 451, 300).unwrap();
    let options = StyleOptions { tile: 256, split: 160, overlap: 32, stats_size: 256, ..Default::default() };
    let planar = pollster::block_on(s.stylize_raw(&flat, &options, &mut |_, _| {})).unwrap();
    let mut tiles = 0;
    let bytes = pollster::block_on(s.stylize_rgba(&upload, &options, &mut |_, n| tiles = n)).unwrap();
    let plan = atelier::image::TilePlan::new(451, 300, 160, 32, 4);
    assert!(plan.tiles.len() > 4 && plan.tiles.iter().all(|t| t.w < 160 + 4 && t.h < 160 + 4)); // the last ones run to the edge
    assert_eq!(tiles, plan.tiles.len(), "split into tiles of at most 160 px");
    assert_eq!(bytes, planar.to_rgba(Some(&rgba)));
    assert!(bytes.chunks_exact(4).enumerate().all(|(i, px)| px[3] == if i % 451 < 200 { 128 } else { 255 }));

    let options = StyleOptions { strength: 0.6, preserve_colour: true, ..Default::default() };
    let raw = RgbaImage::output(&bytes, 451, 300).unwrap();
    let mut expected = Planar::from_rgb_of_rgba(&bytes, 451, 300).unwrap();
    atelier::engine::postprocess(&mut expected, &flat, &options);
    let whole = expected.to_rgba(Some(&rgba));
    assert_eq!(postprocess_rgba(&upload, &raw, &options, 0..300), whole);
    // Asked for in bands (as the page does for large results), the rows are the same.
    let bands: Vec<u8> = [0..7, 7..290, 290..400].into_iter().flat_map(|r| postprocess_rgba(&upload, &raw, &options, r)).collect();
    assert_eq!(bands, whole);
    // And the bytes differ from the photo (the network did something).
    assert!(psnr(&planar.data, &flat.data) < 20.0);
}
