//! Shared by the CycleGAN tests: two small unpaired domains and tiny settings.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use atelier::image::Planar;
use atelier::models::{PatchDiscriminatorConfig, ResnetGeneratorConfig};
use atelier::train::cyclegan::CycleGanSettings;
use atelier::train::run::Schedule;

use super::common;

pub fn tempdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("atelier-cg-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Two small unpaired domains cut from the test photo: A as it is, B with the colours swapped.
pub fn domains(root: &Path) -> (PathBuf, PathBuf) {
    let photo = Planar::open(&common::repo("tests/fixtures/chelsea.jpg")).unwrap();
    let (a, b) = (root.join("a"), root.join("b"));
    for (dir, swap) in [(&a, false), (&b, true)] {
        std::fs::create_dir_all(dir).unwrap();
        for i in 0..6 {
            let mut img = photo.crop(i * 30, i * 10, 200, 200).resize(48, 48);
            if swap {
                let p = 48 * 48;
                let (r, rest) = img.data.split_at_mut(p);
                r.swap_with_slice(&mut rest[p..]);
            }
            img.save(&dir.join(format!("{i}.png"))).unwrap();
        }
    }
    (a, b)
}

pub fn settings(root: &Path, steps: u64) -> CycleGanSettings {
    let (a, b) = domains(root);
    CycleGanSettings {
        a,
        b,
        a_name: "photo".into(),
        b_name: "swapped".into(),
        generator: ResnetGeneratorConfig { channels: [8, 16, 16], res_blocks: 2 },
        discriminator: PatchDiscriminatorConfig { in_channels: 3, base: 8, layers: 3 },
        schedule: Schedule { steps, batch: 1, size: 32, load_size: 40, lr: 2e-4, decay_from: 2 },
        cycle_weight: 10.0,
        identity_weight: 0.5,
        pool_size: 3,
        augment: Default::default(),
        init_ab: None,
        init_ba: None,
        seed: 5,
        sample_every: 2,
        checkpoint_every: 2,
    }
}
