//! CycleGAN: the networks' shapes and ranges, and a training step lowers the generators' loss
//! (resuming and export: `cyclegan_resume.rs`).
#![cfg(feature = "train")]
mod common;
mod cyclegan_common;

use cyclegan_common::{settings, tempdir};

use atelier::nn::NormState;
use atelier::train::cyclegan::{Nets, generator_loss, train_step};
use burn::tensor::{Device, Distribution, Tensor};
use rand::SeedableRng;

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

#[test]
fn diff_augment_changes_what_the_discriminators_see_and_trains() {
    use atelier::train::run::augment::DiffAugment;
    let device = Device::flex().autodiff();
    let mut rng = rand::rngs::StdRng::seed_from_u64(2);
    let x = Tensor::<4>::random([3, 3, 32, 32], Distribution::Uniform(-1.0, 1.0), &device);
    let same = DiffAugment::NONE.apply(x.clone(), &mut rng);
    assert_eq!(same.into_data().try_into_vec::<f32>().unwrap(), x.clone().into_data().try_into_vec::<f32>().unwrap());
    let y = DiffAugment::ALL.apply(x.clone(), &mut rng);
    assert_eq!(y.dims(), [3, 3, 32, 32]);
    let moved: f32 = (y - x).abs().mean().into_scalar();
    assert!(moved > 0.1, "augmentation moved pixels by {moved} on average");
    assert_eq!(DiffAugment::ALL.describe(), "colour, translation, cutout");

    let root = tempdir("augment");
    let s = atelier::train::cyclegan::CycleGanSettings { augment: DiffAugment::ALL, ..settings(&root, 1) };
    let a = Tensor::<4>::random([2, 3, 32, 32], Distribution::Uniform(0.0, 1.0), &device);
    let b = Tensor::<4>::random([2, 3, 32, 32], Distribution::Uniform(0.0, 0.5), &device);
    let n = Nets::new(&s, &device);
    let probe = Tensor::<4>::random([1, 3, 32, 32], Distribution::Uniform(0.0, 1.0), &device);
    let before: Vec<f32> = n.d.a.forward(probe.clone()).into_data().try_into_vec().unwrap();
    let (n, l) = train_step(n, &s, a, b, 1e-3, &mut rng);
    assert!(l.discriminators.is_finite() && l.generators.is_finite(), "{l:?}");
    let after: Vec<f32> = n.d.a.forward(probe).into_data().try_into_vec().unwrap();
    assert_ne!(before, after, "the discriminator trained through the augmentation");
}

#[test]
fn a_generator_can_start_from_a_fast_style_model() {
    use atelier::models::ResnetGeneratorConfig;
    use atelier::train::cyclegan::CycleGanSettings;
    use atelier::train::fast_style::generator_from_model_file;
    let device = Device::flex();
    let file = common::repo("models/starry_night/starry_night.bpk");
    let config = ResnetGeneratorConfig { channels: [16, 32, 64], res_blocks: 5 };
    let probe = Tensor::<4>::random([1, 3, 40, 56], Distribution::Uniform(0.0, 1.0), &device);
    let (shipped, _) = atelier::pack::load_fast_style(&std::fs::read(&file).unwrap(), &device).unwrap();
    let want: Vec<f32> = shipped.forward(probe.clone(), &mut NormState::own()).into_data().try_into_vec().unwrap();

    // Nets::start puts the model's weights into the A → B generator and leaves B → A random.
    let root = tempdir("init");
    let s = CycleGanSettings { generator: config, init_ab: Some(file.clone()), ..settings(&root, 1) };
    let n = Nets::start(&s, &device).unwrap();
    let got: Vec<f32> = n.g.ab.forward(probe.clone(), &mut NormState::own()).into_data().try_into_vec().unwrap();
    let worst = want.iter().zip(&got).map(|(a, b)| (a - b).abs()).fold(0.0f32, f32::max);
    assert!(worst < 1e-5, "A → B starts as the fast-style model: worst pixel difference {worst}");
    let other: Vec<f32> = n.g.ba.forward(probe, &mut NormState::own()).into_data().try_into_vec().unwrap();
    let moved = want.iter().zip(&other).map(|(a, b)| (a - b).abs()).sum::<f32>() / want.len() as f32;
    assert!(moved > 0.01, "B → A is not the fast-style model (mean difference {moved})");

    // Another shape is refused with the flags to change.
    let wrong = ResnetGeneratorConfig { channels: [16, 32, 64], res_blocks: 6 };
    let err = generator_from_model_file(&file, &wrong, &device).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.contains("--res-blocks") && err.contains("starry_night.bpk"), "{err}");
    // So is a file that is not a model.
    let junk = root.join("junk.bpk");
    std::fs::write(&junk, b"not a model").unwrap();
    assert!(generator_from_model_file(&junk, &config, &device).is_err());
}
