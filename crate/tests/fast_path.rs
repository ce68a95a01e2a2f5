//! The CPU inference path (`nn::fast`) against burn's reference kernels: every shipped model that
//! has a fast path, on a real photo, whole and in tiles with shared statistics.
mod common;

use atelier::image::{Planar, psnr};
use atelier::{StyleOptions, Stylizer};
use burn::tensor::Device;

/// Every shipped image-to-image model file (fast style, CycleGAN, pix2pix): all have a fast path.
fn shipped() -> Vec<(String, Vec<u8>)> {
    let manifest: serde_json::Value = serde_json::from_slice(&std::fs::read(common::repo("models/manifest.json")).unwrap()).unwrap();
    let models = manifest["models"].as_array().unwrap();
    let chosen: Vec<_> = models
        .iter()
        .filter(|m| matches!(m["kind"].as_str(), Some("fast_style" | "cyclegan" | "pix2pix")))
        .map(|m| {
            let file = m["file"].as_str().unwrap();
            (m["name"].as_str().unwrap().to_string(), std::fs::read(common::repo(&format!("models/{file}"))).unwrap())
        })
        .collect();
    assert!(chosen.len() >= 8, "six styles and two pix2pix models ship: {}", chosen.len());
    chosen
}

fn photo() -> Planar {
    Planar::open(&common::repo("tests/fixtures/chelsea.jpg")).unwrap() // 451×300: pads to 452×300
}

#[test]
fn the_fast_path_matches_burn_for_every_shipped_model() {
    let img = photo();
    for (name, bytes) in shipped() {
        let fast = Stylizer::new(&bytes, Device::flex()).unwrap();
        let reference = Stylizer::new(&bytes, Device::flex()).unwrap().reference();
        let options = StyleOptions::default();
        let a = fast.stylize_blocking(&img, &options).unwrap();
        assert!(fast.is_fast(), "{name}: no fast path");
        let b = reference.stylize_blocking(&img, &options).unwrap();
        assert!(!reference.is_fast());
        let db = psnr(&a.data, &b.data);
        println!("{name}: fast vs burn {db:.1} dB");
        assert!(db >= 50.0, "{name}: fast vs burn {db:.1} dB");
        // Not the photo and not a constant: the comparison means something.
        let mean = a.data.iter().sum::<f32>() / a.data.len() as f32;
        let var = a.data.iter().map(|v| (v - mean).powi(2)).sum::<f32>() / a.data.len() as f32;
        assert!(psnr(&a.data, &img.data) < 40.0 && var > 1e-3, "{name}: {:.1} dB from the photo, variance {var}", psnr(&a.data, &img.data));
    }
}

#[test]
fn fast_tiles_with_shared_statistics_match_burns_tiles() {
    let img = photo();
    let models = shipped();
    let (_, bytes) = models.iter().find(|(n, _)| n == "starry_night").unwrap();
    // Small tiles and statistics from a downscaled copy: the shared statistics are used.
    let options = StyleOptions { tile: 160, split: 160, overlap: 48, stats_size: 300, ..Default::default() };
    let fast = Stylizer::new(bytes, Device::flex()).unwrap();
    let a = fast.stylize_blocking(&img, &options).unwrap();
    let b = Stylizer::new(bytes, Device::flex()).unwrap().reference().stylize_blocking(&img, &options).unwrap();
    let whole = fast.stylize_blocking(&img, &StyleOptions::default()).unwrap();
    let (db, tiling) = (psnr(&a.data, &b.data), psnr(&a.data, &whole.data));
    println!("tiled fast vs tiled burn {db:.1} dB (tiled vs whole {tiling:.1} dB: the tiles differ from one pass)");
    assert!(db >= 50.0, "tiled fast vs tiled burn {db:.1} dB");
    assert!(tiling < 45.0, "the tiles must differ from one pass for this to test shared statistics");
}

/// Odd sizes (padding to the network's multiple, groups that overlap at the row end) and the
/// smallest sizes the kernels take; smaller images fall back to burn.
#[test]
fn odd_and_small_sizes_match_burn() {
    let img = photo();
    let models = shipped();
    let pick = |name: &str| &models.iter().find(|(n, _)| n == name).unwrap().1;
    let cases: [(&str, &[(usize, usize)]); 2] =
        [("starry_night", &[(17, 16), (37, 23), (130, 67), (8, 9)]), ("emoji_sketch", &[(256, 256), (261, 299), (100, 80)])];
    for (name, sizes) in cases {
        let fast = Stylizer::new(pick(name), Device::flex()).unwrap();
        let reference = Stylizer::new(pick(name), Device::flex()).unwrap().reference();
        for &(w, h) in sizes {
            let part = img.crop(451 - w, 300 - h, w, h);
            let a = fast.stylize_blocking(&part, &StyleOptions::default()).unwrap();
            let b = reference.stylize_blocking(&part, &StyleOptions::default()).unwrap();
            assert_eq!((a.width, a.height), (w, h));
            let db = psnr(&a.data, &b.data);
            assert!(db >= 50.0, "{name} {w}×{h}: {db:.1} dB");
        }
    }
}
