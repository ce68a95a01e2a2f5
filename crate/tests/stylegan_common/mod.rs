//! Shared by the StyleGAN tests: a tiny 16² configuration and a folder of small pictures.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use atelier::image::Planar;
use atelier::models::StyleGanConfig;
use atelier::train::run::augment::DiffAugment;
use atelier::train::stylegan::StyleGanSettings;

use super::common;

pub fn tempdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("atelier-sg-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn tiny() -> StyleGanConfig {
    StyleGanConfig { resolution: 16, z_dim: 32, w_dim: 32, mapping_layers: 2, channel_base: 128, channel_max: 32, smooth_upsample: false }
}

/// Eight 16² crops of the test photo.
pub fn pictures(root: &Path) -> PathBuf {
    let photo = Planar::open(&common::repo("tests/fixtures/chelsea.jpg")).unwrap();
    let dir = root.join("pictures");
    std::fs::create_dir_all(&dir).unwrap();
    for i in 0..8 {
        photo.crop(i * 25, i * 12, 120, 120).resize(16, 16).save(&dir.join(format!("{i}.png"))).unwrap();
    }
    dir
}

pub fn settings(root: &Path, steps: u64) -> StyleGanSettings {
    StyleGanSettings {
        data: pictures(root),
        config: tiny(),
        steps,
        batch: 4,
        lr: 0.002,
        r1_gamma: 0.01,
        r1_every: 2,
        mixing: 0.9,
        augment: DiffAugment::ALL,
        discriminator: Default::default(),
        ema_kimg: 0.01,
        seed: 3,
        sample_every: 2,
        checkpoint_every: 2,
    }
}
