//! CycleGAN: the networks' shapes and ranges, and a training step lowers the generators' loss
//! (resuming and export: `cyclegan_resume.rs`).
#![cfg(feature = "train")]
mod common;

use std::path::{Path, PathBuf};

use atelier::image::Planar;
use atelier::models::{PatchDiscriminatorConfig, ResnetGeneratorConfig};
use atelier::nn::NormState;
use atelier::train::cyclegan::{CycleGanSettings, Nets, generator_loss, train_step};
use burn::tensor::{Device, Distribution, Tensor};
use rand::SeedableRng;

fn tempdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("atelier-cg-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Two small unpaired domains cut from the test photo: A as it is, B with the colours swapped.
fn domains(root: &Path) -> (PathBuf, PathBuf) {
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

fn settings(root: &Path, steps: u64) -> CycleGanSettings {
    let (a, b) = domains(root);
    CycleGanSettings {
        a,
        b,
        a_name: "photo".into(),
        b_name: "swapped".into(),
        generator: ResnetGeneratorConfig { channels: [8, 16, 16], res_blocks: 2 },
        discriminator: PatchDiscriminatorConfig { in_channels: 3, base: 8, layers: 3 },
        steps,
        batch: 1,
        size: 32,
        load_size: 40,
        lr: 2e-4,
        decay_from: 2,
        cycle_weight: 10.0,
        identity_weight: 0.5,
        pool_size: 3,
        seed: 5,
        sample_every: 2,
        checkpoint_every: 2,
    }
}

#[test]
fn generator_and_discriminator_shapes() {
    let device = Device::flex();
    let root = tempdir("shapes");
    let s = settings(&root, 1);
    let n = Nets::new(&s, &device);
    let x = Tensor::<4>::random([2, 3, 37, 53], Distribution::Uniform(0.0, 1.0), &device);
    let y = n.g.ab.forward(x.clone(), &mut NormState::own());
    assert_eq!(y.dims(), [2, 3, 37, 53]);
    let lo: f32 = y.clone().min().into_scalar();
    let hi: f32 = y.max().into_scalar();
    assert!(lo >= 0.0 && hi <= 1.0, "RGB out of range: {lo}..{hi}");
    // 70×70 PatchGAN: stride 8, then two 4×4 convs.
    assert_eq!(n.d.b.forward(Tensor::zeros([1, 3, 128, 96], &device)).dims(), [1, 1, 14, 10]);
}

#[test]
fn a_training_step_lowers_the_generators_loss_on_a_fixed_batch() {
    let device = Device::flex().autodiff();
    let root = tempdir("step");
    let s = settings(&root, 1);
    let mut rng = rand::rngs::StdRng::seed_from_u64(1);
    let a = Tensor::<4>::random([2, 3, 32, 32], Distribution::Uniform(0.0, 1.0), &device);
    let b = Tensor::<4>::random([2, 3, 32, 32], Distribution::Uniform(0.0, 0.5), &device);
    let mut n = Nets::new(&s, &device);
    for _ in 0..3 {
        let before = n.g.clone();
        let l;
        (n, l) = train_step(n, &s, a.clone(), b.clone(), 1e-3, &mut rng);
        // Judged by the same (just updated) discriminators, the updated generators do better.
        let (old, new) = (generator_loss(&before, &n.d, &s, a.clone(), b.clone()), generator_loss(&n.g, &n.d, &s, a.clone(), b.clone()));
        println!("{l:?}: generators' loss {old:.4} → {new:.4}");
        assert!(new < old, "generators' loss {old:.4} → {new:.4}");
        assert!(l.discriminators > 0.0 && l.cycle > 0.0 && l.identity > 0.0, "{l:?}");
    }
    assert_eq!(n.pool_a.images.len(), 3, "the pool fills up to its size");
}

