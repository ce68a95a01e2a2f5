//! Pix2Pix: the U-Net keeps any size and its skips carry detail, a training step lowers the loss,
//! model files of the family round-trip, and `trainer stylize` runs each kind.
#![cfg(feature = "train")]
mod common;

use std::path::Path;

use atelier::image::{Planar, psnr};
use atelier::models::{InputKind, OutputKind, Pix2PixConfig, UNetConfig};
use atelier::nn::NormState;
use atelier::pack::{self, ModelKind, ModelMeta};
use atelier::train::pix2pix::pairs::{PairSet, PairSource};
use atelier::train::pix2pix::{LossWeights, Nets, l1_distance, train_step};
use atelier::train::run::Schedule;
use atelier::{StyleOptions, Stylizer};
use burn::module::Param;
use burn::tensor::{Device, Distribution, Tensor};

fn unet(depth: usize) -> UNetConfig {
    UNetConfig { in_channels: 1, out_channels: 3, base: 8, depth, max_channels: 32 }
}

#[test]
fn unet_keeps_odd_sizes() {
    let device = Device::flex();
    for depth in [1, 3, 5] {
        let net = unet(depth).init(&device);
        for (h, w) in [(37, 53), (16, 17), (3, 70), (64, 64)] {
            let x = Tensor::<4>::random([2, 1, h, w], Distribution::Uniform(-1.0, 1.0), &device);
            assert_eq!(net.forward(x, &mut NormState::own()).dims(), [2, 3, h, w], "depth {depth}, {h}×{w}");
        }
    }
}

#[test]
fn unet_skips_carry_the_input_past_the_bottleneck() {
    let device = Device::flex();
    let mut net = unet(4).init(&device);
    // Cut the bottleneck: its conv sees only zeros, so whatever still reaches the output from
    // the input goes through the skip connections.
    let last = net.down.len() - 1;
    let w = net.down[last].conv.conv.weight.val();
    net.down[last].conv.conv.weight = Param::from_tensor(w.zeros_like());
    let a = Tensor::<4>::random([1, 1, 48, 48], Distribution::Uniform(-1.0, 1.0), &device);
    let b = Tensor::<4>::random([1, 1, 48, 48], Distribution::Uniform(-1.0, 1.0), &device);
    let ya = net.forward(a, &mut NormState::own());
    let yb = net.forward(b, &mut NormState::own());
    let diff: f32 = (ya - yb).abs().mean().into_scalar();
    assert!(diff > 1e-3, "outputs for different inputs differ by {diff}: the skips carry nothing");
    // The decoder's levels take the previous level and the skip, concatenated.
    let c = unet(4).channels();
    assert_eq!(net.up[1].conv.conv.conv.weight.dims()[1], 2 * c[2]);
    assert_eq!(net.out.conv.conv.weight.dims()[1], 2 * c[0]);
}

fn tiny_pairs(root: &Path) -> std::path::PathBuf {
    // Pairs in the A|B layout: a drawing (the photo's edges) and the photo.
    let dir = root.join("pairs");
    std::fs::create_dir_all(&dir).unwrap();
    let photo = Planar::open(&common::repo("tests/fixtures/chelsea.jpg")).unwrap();
    for i in 0..6 {
        let target = photo.crop(i * 30, i * 10, 240, 240).resize(48, 48);
        let sketch = atelier::train::pix2pix::pairs::edges(&target);
        let mut ab = Planar::new(96, 48);
        for c in 0..3 {
            for y in 0..48 {
                for x in 0..48 {
                    ab.data[c * 96 * 48 + y * 96 + x] = sketch.data[c * 48 * 48 + y * 48 + x];
                    ab.data[c * 96 * 48 + y * 96 + 48 + x] = target.data[c * 48 * 48 + y * 48 + x];
                }
            }
        }
        ab.save(&dir.join(format!("p{i}.png"))).unwrap();
    }
    dir
}

#[test]
fn a_training_step_lowers_the_loss_on_a_fixed_batch() {
    let root = tempdir("step");
    let (train, held) = PairSet::files(&tiny_pairs(&root)).unwrap();
    assert_eq!((train.len(), held.len()), (5, 1));
    let set = PairSet::load(&train, PairSource::Ab, 48).unwrap();
    // The sketches are black lines on white.
    let ink = set.pairs[0].condition.data.iter().filter(|&&v| v < 0.5).count() as f64 / (3.0 * 48.0 * 48.0);
    assert!((0.01..0.5).contains(&ink), "{ink:.3} of the sketch is ink");
    let device = Device::flex().autodiff();
    let config = Pix2PixConfig::new(InputKind::Sketch, OutputKind::Rgb, 8, 3);
    let mut rng = <rand::rngs::StdRng as rand::SeedableRng>::seed_from_u64(1);
    let (x, y) = set.batch(&mut rng, 2, 32, false, &device);
    let mut nets = Nets::new(&config, &device);
    let before = l1_distance(&config, &nets.g, x.clone(), y.clone());
    let w = LossWeights { l1: 100.0, adversarial: 1.0 };
    let mut losses = Default::default();
    for _ in 0..3 {
        (nets, losses) = train_step(nets, &config, x.clone(), y.clone(), w, 2e-3);
    }
    let after = l1_distance(&config, &nets.g, x, y);
    println!("L1 {before:.4} → {after:.4}; last step {losses:?}");
    assert!(after < before * 0.97, "L1 {before:.4} → {after:.4}");
    assert!(losses.discriminator > 0.0 && losses.adversarial > 0.0, "{losses:?}");
}

fn tempdir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("atelier-p2p-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn meta(config: Pix2PixConfig, weights: &str) -> ModelMeta {
    ModelMeta { kind: ModelKind::Pix2Pix(config), name: "p".into(), style: Default::default(), train: Default::default(), weights: weights.into() }
}

fn photo() -> Planar {
    Planar::open(&common::repo("tests/fixtures/chelsea.jpg")).unwrap()
}

#[test]
fn pix2pix_files_round_trip_with_their_discriminator() {
    // Base 32 at depth 4 reaches 256 channels: its decoder sees 512 (the skip concatenated), more
    // than one int8 block can span, and must still be quantized.
    for (input, output) in [(InputKind::Sketch, OutputKind::Rgb), (InputKind::Gray, OutputKind::Chroma)] {
        let config = Pix2PixConfig::new(input, output, 32, 4);
        let net = config.init(&Device::flex());
        let bytes = pack::to_bytes(&net, &meta(config, "f32")).unwrap();
        let s = Stylizer::new(&bytes, Device::flex()).unwrap();
        assert_eq!(s.meta().kind, ModelKind::Pix2Pix(config));
        let img = photo();
        let direct = pollster::block_on(Planar::from_tensor(net.forward(&config, img.to_tensor(&Device::flex()), &mut NormState::own()))).unwrap();
        let loaded = s.stylize_blocking(&img, &StyleOptions::default()).unwrap();
        assert_eq!((loaded.width, loaded.height), (451, 300));
        assert_eq!(direct.data, loaded.data, "{input:?} → {output:?}");
        let map = pollster::block_on(s.realism(&img, &loaded)).unwrap().expect("a realism map");
        assert_eq!((map.0, map.1), (451 / 8 - 2, 300 / 8 - 2), "one score per 70×70 patch, stride 8");
        assert!(map.2.iter().all(|v| (0.0..=1.0).contains(v)));
        // int8 stays close to f32.
        let q = pack::to_bytes(&pack::quantize_per_channel(net), &meta(config, "q8s-per-channel")).unwrap();
        let out_q = Stylizer::new(&q, Device::flex()).unwrap().stylize_blocking(&img, &StyleOptions::default()).unwrap();
        let db = psnr(&loaded.data, &out_q.data);
        println!("{input:?} → {output:?}: int8 {} bytes of {} f32, {db:.1} dB", q.len(), bytes.len());
        let ratio = q.len() as f64 / bytes.len() as f64;
        assert!(db > 35.0 && ratio < 0.27, "{db:.1} dB, {ratio:.3}× the f32 file");
    }
}

#[test]
fn colourisation_keeps_the_full_resolution_luminance() {
    let mut config = Pix2PixConfig::new(InputKind::Gray, OutputKind::Chroma, 8, 4);
    config.work_size = Some(128);
    let bytes = pack::to_bytes(&config.init(&Device::flex()), &meta(config, "f32")).unwrap();
    let img = photo(); // 451×300, larger than the working size
    let out = Stylizer::new(&bytes, Device::flex()).unwrap().stylize_blocking(&img, &StyleOptions::default()).unwrap();
    assert_eq!((out.width, out.height), (451, 300));
    let p = img.width * img.height;
    let y = |d: &[f32], i: usize| 0.299 * d[i] + 0.587 * d[p + i] + 0.114 * d[2 * p + i];
    let worst = (0..p).map(|i| (y(&out.data, i) - y(&img.data, i)).abs()).fold(0f32, f32::max);
    // Only clipping to [0, 1] can move the luminance.
    let moved = (0..p).filter(|&i| (y(&out.data, i) - y(&img.data, i)).abs() > 1e-3).count();
    println!("luminance: worst {worst:.4}, {moved} of {p} pixels moved");
    assert!(moved * 50 < p, "{moved} of {p} pixels changed luminance");
}

#[test]
fn a_picture_model_with_a_working_size_draws_small_and_upscales() {
    let mut config = Pix2PixConfig::new(InputKind::Sketch, OutputKind::Rgb, 8, 4);
    config.work_size = Some(128);
    let bytes = pack::to_bytes(&config.init(&Device::flex()), &meta(config, "f32")).unwrap();
    let stylizer = Stylizer::new(&bytes, Device::flex()).unwrap();
    let img = photo(); // 451×300
    let out = stylizer.stylize_blocking(&img, &StyleOptions::default()).unwrap();
    assert_eq!((out.width, out.height), (451, 300));
    // What the network draws at 128 px, upscaled: the same picture.
    let small = stylizer.stylize_blocking(&img.resize(128, 85), &StyleOptions::default()).unwrap();
    let db = psnr(&out.data, &small.resize(451, 300).data);
    println!("working size 128: {db:.1} dB from the upscaled 128-px output");
    assert!(db > 30.0, "{db:.1} dB");
}

#[test]
fn trainer_stylize_runs_every_kind() {
    let root = tempdir("cli");
    let fast = common::repo("tests/fixtures/starry_night_f32.bpk");
    let config = Pix2PixConfig::new(InputKind::Sketch, OutputKind::Rgb, 8, 4);
    let p2p = root.join("sketch.bpk");
    std::fs::write(&p2p, pack::to_bytes(&config.init(&Device::flex()), &meta(config, "f32")).unwrap()).unwrap();
    for model in [fast.as_path(), p2p.as_path()] {
        let out = root.join("out.png");
        let run = std::process::Command::new(env!("CARGO_BIN_EXE_trainer"))
            .args(["stylize", "--model"])
            .arg(model)
            .arg("--input")
            .arg(common::repo("tests/fixtures/chelsea.jpg"))
            .arg("--output")
            .arg(&out)
            .output()
            .unwrap();
        assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
        let img = Planar::open(&out).unwrap();
        assert_eq!((img.width, img.height), (451, 300));
        let inspect = std::process::Command::new(env!("CARGO_BIN_EXE_trainer")).arg("inspect").arg(model).output().unwrap();
        let text = String::from_utf8_lossy(&inspect.stdout);
        let kind = if model == p2p { "kind:       pix2pix" } else { "kind:       fast_style" };
        assert!(text.contains(kind), "{text}");
    }
}

#[test]
fn a_stopped_pix2pix_run_resumes_with_both_networks() {
    use atelier::train::pix2pix::{self, Pix2PixSettings, read_state};
    let root = tempdir("resume");
    let settings = |steps| Pix2PixSettings {
        data: tiny_pairs(&root),
        source: PairSource::Ab,
        config: Pix2PixConfig::new(InputKind::Sketch, OutputKind::Rgb, 8, 3),
        schedule: Schedule { steps, batch: 1, size: 32, load_size: 36, lr: 2e-4, decay_from: steps },
        l1_weight: 100.0,
        adv_weight: 1.0,
        l1_only_steps: 1,
        seed: 3,
        sample_every: 2,
        checkpoint_every: 2,
        init_from: None,
    };
    let run = root.join("run");
    let device = Device::flex().autodiff();
    pix2pix::train(settings(2), &run, false, &device).unwrap();
    let first = std::fs::read(run.join(pix2pix::DISCRIMINATOR)).unwrap();
    let err = pix2pix::train(settings(2), &run, false, &device).unwrap_err();
    assert!(err.to_string().ends_with("already holds a run; pass --resume to continue it or choose another --out"), "{err}");
    pix2pix::train(settings(4), &run, true, &device).unwrap();
    let state = read_state(&run).unwrap();
    assert_eq!((state.step, state.family.as_str(), state.train_pairs), (4, "pix2pix", 5));
    assert!(state.seconds > 0.0);
    assert!(state.last_losses["discriminator"] > 0.0, "{:?}", state.last_losses);
    assert_ne!(first, std::fs::read(run.join(pix2pix::DISCRIMINATOR)).unwrap(), "the discriminator trained on");
    for f in ["optim_g.bpk", "optim_d.bpk", "samples/step_000004.png"] {
        assert!(run.join(f).exists(), "{f}");
    }

    // A lost run folder continues from its last export: both networks, its step count.
    let models = root.join("models");
    let req = atelier::train::export::ExportRequest {
        run: run.clone(),
        name: "p2p".into(),
        models: models.clone(),
        credit: Default::default(),
        f32: false,
    };
    atelier::train::export::export(&req).unwrap();
    let model = models.join("p2p/p2p.bpk");
    let from = |steps| Pix2PixSettings { init_from: Some(model.clone()), ..settings(steps) };
    let err = pix2pix::train(from(4), &root.join("lost_a"), false, &device).unwrap_err();
    assert!(err.to_string().ends_with("already trained 4 steps; pass a larger --steps"), "{err}");
    pix2pix::train(from(6), &root.join("lost_b"), false, &device).unwrap();
    let state = read_state(&root.join("lost_b")).unwrap();
    assert_eq!(state.step, 6);
    assert!(state.seconds > 0.0);
    let other = Pix2PixSettings { config: Pix2PixConfig::new(InputKind::Sketch, OutputKind::Rgb, 8, 4), ..from(6) };
    let err = pix2pix::train(other, &root.join("lost_c"), false, &device).unwrap_err();
    assert!(err.to_string().ends_with("use the same --input, --base and --depth"), "{err}");
}
