//! `trainer bench`: native speed figures (medians), each next to a peer measured in the same run.

use std::time::Instant;

use burn::optim::{AdamConfig, GradientsParams};
use burn::tensor::Device;
use serde_json::{Value, json};

use crate::error::Result;
use crate::features::{LossNet, STYLE_TAPS};
use crate::image::Planar;
use crate::loss::{ContentLoss, StyleLoss, total_variation};
use crate::models::{FastStyleConfig, InputKind, OutputKind, Pix2PixConfig};
use crate::nn::NormState;

pub fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn time<F: FnMut()>(repeats: usize, mut f: F) -> f64 {
    f(); // warm-up
    median(
        (0..repeats)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed().as_secs_f64() * 1000.0
            })
            .collect(),
    )
}

/// A smooth colourful test image (a constant one would give the norms zero variance).
fn pattern(size: usize) -> Planar {
    let mut img = Planar::new(size, size);
    let plane = size * size;
    for (i, v) in img.data.iter_mut().enumerate() {
        let (c, y, x) = (i / plane, (i % plane) / size, i % size);
        *v = 0.5 + 0.4 * (x as f32 * 0.02 * (c + 1) as f32).sin() * (y as f32 * 0.03).cos();
    }
    img
}

/// Forward time (ms) of a generator of the given width on a `size`² photo-like image: on the
/// CPU inference path (`nn::cpu`, what the engine runs) and on burn's generic kernels.
fn forward_ms(config: FastStyleConfig, size: usize, repeats: usize) -> Result<(f64, f64)> {
    let device = Device::flex();
    let net = config.init(&device);
    let img = pattern(size);
    let fast = pollster::block_on(net.to_cpu())?.ok_or_else(|| crate::error::AtelierError::BadConfig(format!("{config:?} has no fast CPU path")))?;
    let fast_ms = time(repeats, || {
        let _ = pollster::block_on(fast.forward(&img, &mut NormState::own()));
    });
    let burn_ms = time(repeats, || {
        let y = net.forward(img.to_tensor(&device), &mut NormState::own());
        let _ = y.into_data();
    });
    Ok((fast_ms, burn_ms))
}

/// One training step (generator + loss network forward/backward + Adam), batch 4 at 128².
fn train_step_ms(config: FastStyleConfig, lossnet_bytes: &[u8], repeats: usize) -> Result<f64> {
    let device = Device::flex().autodiff();
    let lossnet = LossNet::load(lossnet_bytes.to_vec(), &device)?;
    let style = StyleLoss::new(&lossnet.forward(Planar::new(256, 256).to_tensor(&device)), &STYLE_TAPS);
    let content = ContentLoss::new("b3.exp");
    let mut g = config.init(&device);
    let mut optim = AdamConfig::new().init();
    let x = burn::tensor::Tensor::<4>::ones([4, 3, 128, 128], &device) * 0.5;
    Ok(time(repeats, || {
        let y = g.forward(x.clone(), &mut NormState::own());
        let (fy, fx) = (lossnet.forward(y.clone()), lossnet.forward(x.clone()));
        let loss = content.forward(&fy, &fx) + style.forward(&fy) * 10.0 + total_variation(y);
        let grads = GradientsParams::from_grads(loss.backward(), &g);
        g = optim.step(1e-3, g.clone(), grads);
    }))
}

/// Forward time (ms) of the shipped pix2pix U-Net (base 24, depth 6) on a `size`² sketch: on the
/// CPU inference path and on burn's generic kernels.
fn unet_forward_ms(size: usize, repeats: usize) -> Result<(f64, f64)> {
    let device = Device::flex();
    let config = Pix2PixConfig::new(InputKind::Sketch, OutputKind::Rgb, 24, 6);
    let net = config.init(&device);
    let img = pattern(size);
    let fast = pollster::block_on(net.to_cpu(&config))?
        .ok_or_else(|| crate::error::AtelierError::BadConfig("the shipped U-Net has no fast CPU path".into()))?;
    let fast_ms = time(repeats, || {
        let _ = pollster::block_on(fast.forward(&img, &mut NormState::own()));
    });
    let burn_ms = time(repeats, || {
        let y = net.forward(&config, img.to_tensor(&device), &mut NormState::own());
        let _ = y.into_data();
    });
    Ok((fast_ms, burn_ms))
}

/// One CycleGAN step (both discriminators, then both generators; Adam) at the trainer's defaults:
/// 16/32/64 channels, 6 blocks, batch 1, 128² crops. The notes' PyTorch figure for this
/// configuration: 0.29 s on 2 threads.
fn cyclegan_step_ms(repeats: usize) -> f64 {
    use super::cyclegan::{CycleGanSettings, Nets, train_step};
    use super::run::Schedule;
    let device = Device::flex().autodiff();
    let s = CycleGanSettings {
        a: Default::default(),
        b: Default::default(),
        a_name: "a".into(),
        b_name: "b".into(),
        generator: FastStyleConfig { channels: [16, 32, 64], res_blocks: 6 },
        discriminator: crate::models::PatchDiscriminatorConfig { in_channels: 3, base: 32, layers: 3 },
        schedule: Schedule { steps: 1, batch: 1, size: 128, load_size: 128, lr: 2e-4, decay_from: 1 },
        cycle_weight: 10.0,
        identity_weight: 0.5,
        pool_size: 50,
        augment: Default::default(),
        init_ab: None,
        init_ba: None,
        seed: 1,
        sample_every: 1,
        checkpoint_every: 1,
    };
    let mut rng = <rand::rngs::StdRng as rand::SeedableRng>::seed_from_u64(1);
    let x = burn::tensor::Tensor::<4>::ones([1, 3, 128, 128], &device) * 0.5;
    let mut nets = Some(Nets::new(&s, &device));
    time(repeats, || {
        if let Some(n) = nets.take() {
            nets = Some(train_step(n, &s, x.clone(), x.clone(), 2e-4, &mut rng).0);
        }
    })
}

/// One StyleGAN step (D, then G; Adam) at `trainer stylegan`'s 64² defaults, batch 16, against
/// `critic`. The notes' PyTorch figure for a 64² StyleGAN2-tiny: 1.16 s on 2 threads.
fn stylegan_step_ms(critic: super::stylegan::critic::CriticKind, repeats: usize) -> Result<f64> {
    use super::stylegan::{Nets, StyleGanSettings, train_step};
    let device = Device::flex().autodiff();
    let config = crate::models::StyleGanConfig::small(64);
    let s = StyleGanSettings {
        data: Default::default(),
        config,
        steps: 1,
        batch: 16,
        lr: 0.001,
        r1_gamma: 0.0,
        r1_every: 16,
        mixing: 0.9,
        augment: super::run::augment::DiffAugment::ALL,
        discriminator: critic,
        ema_kimg: 10.0,
        seed: 1,
        sample_every: 1,
        checkpoint_every: 1,
    };
    let mut rng = <rand::rngs::StdRng as rand::SeedableRng>::seed_from_u64(1);
    let real = burn::tensor::Tensor::<4>::zeros([16, 3, 64, 64], &device);
    let mut nets = Some(Nets::against(&config, super::stylegan::critic::Critic::new(critic, &config, &device)?, &device));
    Ok(time(repeats, || {
        if let Some(n) = nets.take() {
            nets = Some(train_step(n, &s, real.clone(), 0, false, &mut rng).0);
        }
    }))
}

pub fn run(lossnet_bytes: &[u8], repeats: usize) -> Result<Value> {
    let ours = FastStyleConfig::default();
    let johnson = FastStyleConfig { channels: [32, 64, 128], res_blocks: 5 };
    let mut forward = Vec::new();
    for size in [256, 512, 1024] {
        let (a, burn) = forward_ms(ours, size, repeats)?;
        let (b, _) = forward_ms(johnson, size, repeats.min(3))?;
        forward.push(json!({ "size": size, "ours_ms": a, "burn_ms": burn, "fast_speedup": burn / a,
                             "johnson_full_width_ms": b, "ratio": a / b }));
    }
    let step = train_step_ms(ours, lossnet_bytes, repeats.min(3))?;
    let step_full = train_step_ms(johnson, lossnet_bytes, repeats.min(3))?;
    let mut unet = Vec::new();
    for size in [256, 512] {
        let (ms, burn_ms) = unet_forward_ms(size, repeats)?;
        unet.push(json!({ "size": size, "ms": ms, "burn_ms": burn_ms }));
    }
    Ok(json!({
        "threads": std::env::var("RAYON_NUM_THREADS").unwrap_or_else(|_| "all".into()),
        "forward": forward,
        "unet_forward": unet,
        "cyclegan_step_ms": cyclegan_step_ms(repeats.min(3)),
        "stylegan_step_ms": {
            "residual": stylegan_step_ms(super::stylegan::critic::CriticKind::Residual, repeats.min(3))?,
            "projected": stylegan_step_ms(super::stylegan::critic::CriticKind::Projected { input_size: 128 }, repeats.min(3))?,
        },
        "train_step": { "ours_ms": step, "johnson_full_width_ms": step_full, "ratio": step / step_full,
                         "ours_min_per_1000_steps": step * 1000.0 / 60000.0 },
    }))
}
