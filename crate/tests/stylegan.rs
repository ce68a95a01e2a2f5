//! StyleGAN: modulated convolution against a direct computation, demodulation, mapping and
//! truncation, style mixing, one training step, the model file, `trainer generate`.
#![cfg(feature = "train")]
mod common;
mod stylegan_common;

use atelier::breed::{Breeder, Genome};
use atelier::models::{NoiseMode, StyleGan};
use atelier::nn::ModulatedConv2d;
use atelier::pack::{self, ModelKind, ModelMeta};
use atelier::train::run::augment::DiffAugment;
use atelier::train::stylegan::{self, Nets, latents};
use atelier::{AtelierError, Stylizer};
use burn::tensor::activation::softplus;
use burn::tensor::module::conv2d;
use burn::tensor::ops::ConvOptions;
use burn::tensor::{Device, Distribution, Tensor};
use stylegan_common::{settings, tempdir, tiny};

fn vec<const D: usize>(t: Tensor<D>) -> Vec<f32> {
    t.into_data().try_into_vec::<f32>().unwrap()
}

#[test]
fn modulated_conv_equals_a_per_sample_kernel() {
    let device = Device::flex();
    let conv = ModulatedConv2d::new(5, 7, 3, 6, true, false, &device);
    let x = Tensor::<4>::random([2, 5, 9, 9], Distribution::Normal(0.0, 1.0), &device);
    let w = Tensor::<2>::random([2, 6], Distribution::Normal(0.0, 1.0), &device);
    let y = vec(conv.forward(x.clone(), w.clone()));
    // The paper's form: for each sample, scale the kernel by the styles, demodulate, convolve.
    let (weight, styles) = (vec(conv.scaled_weight()), vec(conv.styles(w)));
    for n in 0..2 {
        let mut k = vec![0.0f32; 7 * 5 * 9];
        for o in 0..7 {
            let mut sum = 0.0f32;
            for i in 0..5 {
                for t in 0..9 {
                    let v = weight[(o * 5 + i) * 9 + t] * styles[n * 5 + i];
                    k[(o * 5 + i) * 9 + t] = v;
                    sum += v * v;
                }
            }
            k[o * 45..(o + 1) * 45].iter_mut().for_each(|v| *v /= (sum + 1e-8).sqrt());
        }
        let kernel = Tensor::<4>::from_data(burn::tensor::TensorData::new(k, [7, 5, 3, 3]), &device);
        let xn = x.clone().slice([n..n + 1, 0..5, 0..9, 0..9]);
        let direct = vec(conv2d(xn, kernel, None, ConvOptions::new([1, 1], [1, 1], [1, 1], 1)));
        let ours = &y[n * 7 * 81..(n + 1) * 7 * 81];
        let err = direct.iter().zip(ours).map(|(a, b)| (a - b).abs()).fold(0.0f32, f32::max);
        assert!(err < 1e-4, "sample {n}: max difference {err}");
    }
}

#[test]
fn demodulation_gives_unit_variance_outputs() {
    let device = Device::flex();
    device.seed(11);
    let conv = ModulatedConv2d::new(64, 16, 3, 32, true, false, &device);
    let x = Tensor::<4>::random([4, 64, 24, 24], Distribution::Normal(0.0, 1.0), &device);
    let w = Tensor::<2>::random([4, 32], Distribution::Normal(0.0, 3.0), &device);
    // Interior pixels only (zero padding lowers the border's variance).
    let y = conv.forward(x, w).slice([0..4, 0..16, 1..23, 1..23]);
    let var = vec(y.clone().powf_scalar(2.0).mean()).pop().unwrap() - vec(y.mean()).pop().unwrap().powi(2);
    assert!((var - 1.0).abs() < 0.1, "output variance {var}, expected 1");
    // Without demodulation the variance follows the styles (here far from 1).
    let plain = ModulatedConv2d::new(64, 16, 3, 32, false, false, &device);
    let x = Tensor::<4>::random([4, 64, 24, 24], Distribution::Normal(0.0, 1.0), &device);
    let w = Tensor::<2>::random([4, 32], Distribution::Normal(0.0, 3.0), &device);
    let y = plain.forward(x, w).slice([0..4, 0..16, 1..23, 1..23]);
    let var_plain = vec(y.powf_scalar(2.0).mean()).pop().unwrap();
    assert!(var_plain > 2.0, "variance without demodulation {var_plain}");
}

#[test]
fn truncation_mapping_and_mixing() {
    let device = Device::flex();
    let mut g = tiny().init(&device);
    g.w_avg = g.w_avg.clone().map(|_| Tensor::<1>::random([32], Distribution::Normal(0.0, 1.0), &device));
    let w = g.map(Tensor::random([3, 32], Distribution::Normal(0.0, 1.0), &device));
    assert_eq!(w.dims(), [3, 32]);
    // ψ = 0 is w_avg; ψ = 1 is w itself; ψ = 0.5 halfway.
    let avg = vec(g.w_avg.val());
    let at0 = vec(g.truncate(w.clone(), 0.0));
    assert!(at0.chunks(32).all(|row| row.iter().zip(&avg).all(|(a, b)| (a - b).abs() < 1e-6)));
    let (wv, half) = (vec(w.clone()), vec(g.truncate(w.clone(), 0.5)));
    assert!(wv.iter().zip(&vec(g.truncate(w.clone(), 1.0))).all(|(a, b)| (a - b).abs() < 1e-6));
    assert!(half.iter().enumerate().all(|(i, h)| (h - (avg[i % 32] + wv[i]) / 2.0).abs() < 1e-5));
    // 16²: the 4×4 conv and ToRGB, then two convs at 8² and 16² (each ToRGB shares the next w).
    assert_eq!(g.num_ws(), 6);
    // Mixing at layer 3 of 6: layers 0–2 from the first, 3–5 from the second.
    let (a, b) = (g.broadcast(w.clone().slice([0..1, 0..32])), g.broadcast(w.slice([1..2, 0..32])));
    let mixed = vec(g.mix(a.clone(), b.clone(), 3));
    let (av, bv) = (vec(a), vec(b));
    for layer in 0..6 {
        let src = if layer < 3 { &av } else { &bv };
        assert_eq!(&mixed[layer * 32..(layer + 1) * 32], &src[layer * 32..(layer + 1) * 32], "layer {layer}");
    }
}

#[test]
fn one_training_step_improves_both_players() {
    let device = Device::flex().autodiff();
    device.seed(7);
    let root = tempdir("step");
    let s = atelier::train::stylegan::StyleGanSettings { augment: DiffAugment::NONE, mixing: 0.0, ..settings(&root, 1) };
    let set = stylegan::ImageSet::load(&s.data, 16).unwrap();
    let mut rng = atelier::train::run::step_rng(1, 0);
    let real = set.batch(&mut rng, 4, &device);
    let n = Nets::new(&s.config, &device);
    let z = latents(&mut rng, 4, 32, &device);
    let draw = |n: &Nets| n.g.synthesis(n.g.broadcast(n.g.map(z.clone())), NoiseMode::Const);
    let d_loss = |n: &Nets, fake: Tensor<4>| vec(softplus(-n.d.forward(real.clone()), 1.0).mean() + softplus(n.d.forward(fake), 1.0).mean())[0];
    let old_fake = draw(&n).detach();
    let before = d_loss(&n, old_fake.clone());
    let old_g = n.g.clone();
    let (n, l) = stylegan::train_step(n, &s, real.clone(), 0, true, &mut rng);
    assert!(l.r1.is_some_and(|r| r.is_finite() && r >= 0.0), "R1 {:?}", l.r1);
    let after = d_loss(&n, old_fake);
    assert!(after < before - 1e-3, "D loss on a fixed batch: {before} → {after}");
    let g_loss = |g: &atelier::models::StyleGenerator| {
        vec(softplus(-n.d.forward(g.synthesis(g.broadcast(g.map(z.clone())), NoiseMode::Const)), 1.0).mean())[0]
    };
    let (g_before, g_after) = (g_loss(&old_g), g_loss(&n.g));
    assert!(g_after < g_before - 1e-3, "G loss against the new D: {g_before} → {g_after}");
}

#[test]
fn model_file_round_trips_and_generates_the_same_images() {
    let device = Device::flex();
    device.seed(5);
    let net = StyleGan::init(&tiny(), &device);
    let meta = ModelMeta {
        kind: ModelKind::StyleGan(tiny()),
        name: "tiny".into(),
        style: Default::default(),
        train: Default::default(),
        weights: "f32".into(),
    };
    let bytes = pack::to_bytes(&net, &meta).unwrap();
    assert_eq!(pack::read_meta(&bytes).unwrap(), meta);
    let breeder = pollster::block_on(Breeder::new(&bytes, Device::flex())).unwrap();
    let genome = pollster::block_on(breeder.genome_of_seed(9)).unwrap();
    assert_eq!(genome.ws.len(), 6 * 32);
    let img = pollster::block_on(breeder.render(std::slice::from_ref(&genome), 1.0)).unwrap().remove(0);
    let direct =
        vec(atelier::models::stylegan::to_unit(net.generator.synthesis(
            net.generator.broadcast(
                net.generator.map(Tensor::from_data(burn::tensor::TensorData::new(atelier::breed::normal_of_seed(9, 32), [1, 32]), &device)),
            ),
            NoiseMode::Const,
        )));
    assert!(atelier::image::psnr(&img.data, &direct) > 100.0, "the file's generator draws another image");
    // int8 keeps the picture (the shipped files are int8).
    let q = pack::to_bytes(&pack::quantize_per_channel(net), &ModelMeta { weights: "q8s-per-channel".into(), ..meta }).unwrap();
    let q_img = pollster::block_on(async {
        let b = Breeder::new(&q, Device::flex()).await.unwrap();
        let g = b.genome_of_seed(9).await.unwrap();
        b.render(&[g], 1.0).await.unwrap().remove(0)
    });
    let db = atelier::image::psnr(&img.data, &q_img.data);
    assert!(db > 30.0, "int8 image PSNR {db:.1} dB");
    // An image-to-image engine names the kind it got.
    let err = Stylizer::new(&bytes, Device::flex()).err().unwrap();
    assert!(matches!(err, AtelierError::WrongKind { .. }));
    assert_eq!(err.to_string(), "this model is a `stylegan` model, but a `image-to-image (fast_style, pix2pix or cyclegan)` model is needed here");
}

/// The file of an untrained tiny StyleGAN (f32 weights).
fn untrained_model(device: &Device) -> Vec<u8> {
    let meta = ModelMeta {
        kind: ModelKind::StyleGan(tiny()),
        name: "t".into(),
        style: Default::default(),
        train: Default::default(),
        weights: "f32".into(),
    };
    pack::to_bytes(&StyleGan::init(&tiny(), device), &meta).unwrap()
}

#[test]
fn breeding_operations_do_what_they_say() {
    let device = Device::flex();
    device.seed(6);
    let bytes = untrained_model(&device);
    let b = pollster::block_on(Breeder::new(&bytes, Device::flex())).unwrap();
    let (p, q) = pollster::block_on(async { (b.genome_of_seed(1).await.unwrap(), b.genome_of_seed(2).await.unwrap()) });
    assert_ne!(p, q);
    let mixed = b.mix(&p, &q, 5);
    assert_eq!(&mixed.ws[..5 * 32], &p.ws[..5 * 32]);
    assert_eq!(&mixed.ws[5 * 32..], &q.ws[5 * 32..]);
    assert_eq!(Breeder::interpolate(&p, &q, 0.0), p);
    let mid = Breeder::interpolate(&p, &q, 0.5);
    assert!((mid.ws[3] - (p.ws[3] + q.ws[3]) / 2.0).abs() < 1e-6);
    // A crossbreed lies between its parents, coordinate by coordinate.
    let child = b.crossbreed(&[p.clone(), q.clone()], 4);
    assert!(child.ws.iter().zip(p.ws.iter().zip(&q.ws)).all(|(c, (x, y))| *c >= x.min(*y) - 1e-6 && *c <= x.max(*y) + 1e-6));
    assert_eq!(b.crossbreed(&[p.clone(), q.clone()], 4), child, "children are reproducible from their seed");
    // Genes of an untrained file have zero spread: a mutation changes nothing; a wrong genome is refused.
    assert_eq!(b.mutate(&p, 3, 1.0), p);
    assert_eq!(b.num_genes(), atelier::models::GENES);
    let short = Genome { ws: vec![0.0; 10] };
    assert!(pollster::block_on(b.render(&[short], 1.0)).is_err());
}

#[test]
fn generate_writes_a_grid_of_seeds() {
    let root = tempdir("generate");
    let device = Device::flex();
    let bytes = untrained_model(&device);
    let model = root.join("t.bpk");
    std::fs::write(&model, bytes).unwrap();
    let out = root.join("grid.png");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_trainer"))
        .args([
            "generate",
            "--model",
            model.to_str().unwrap(),
            "--seeds",
            "0-9",
            "--truncation",
            "0.7",
            "--cell",
            "32",
            "--output",
            out.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    let grid = atelier::image::Planar::open(&out).unwrap();
    // 8 per row, two rows, 32 px cells with 4 px gutters.
    assert_eq!((grid.width, grid.height), (8 * 36 + 4, 2 * 36 + 4));
    let bad = std::process::Command::new(env!("CARGO_BIN_EXE_trainer"))
        .args(["generate", "--model", model.to_str().unwrap(), "--seeds", "9-3", "--output", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--seeds `9-3`: write 0-63, 7 or 1,5,9"));
}

#[test]
fn smooth_upsampling_is_stored_in_the_file_and_changes_the_image() {
    let device = Device::flex();
    device.seed(6);
    let smooth = atelier::models::StyleGanConfig { smooth_upsample: true, ..tiny() };
    let net = StyleGan::init(&smooth, &device);
    let file = |config| {
        let meta = ModelMeta {
            kind: ModelKind::StyleGan(config),
            name: "tiny".into(),
            style: Default::default(),
            train: Default::default(),
            weights: "f32".into(),
        };
        pack::to_bytes(&net, &meta).unwrap()
    };
    let render = |bytes: &[u8]| {
        pollster::block_on(async {
            let b = Breeder::new(bytes, Device::flex()).await.unwrap();
            let g = b.genome_of_seed(3).await.unwrap();
            (b.config().smooth_upsample, b.render(&[g], 1.0).await.unwrap().remove(0))
        })
    };
    let (flag, a) = render(&file(smooth));
    assert!(flag, "the flag survives the model file");
    // The same weights with nearest upsampling (an older file) draw a related but other image.
    let (flag, b) = render(&file(tiny()));
    assert!(!flag);
    let db = atelier::image::psnr(&a.data, &b.data);
    assert!((12.0..60.0).contains(&db), "smooth vs nearest {db:.1} dB");
}

#[test]
fn the_projected_discriminator_scores_patches_and_trains_only_its_heads() {
    use atelier::train::stylegan::critic::{Critic, CriticKind};
    let device = Device::flex().autodiff();
    device.seed(11);
    let root = tempdir("projected");
    let kind = CriticKind::Projected { input_size: 32 };
    let s = atelier::train::stylegan::StyleGanSettings { augment: DiffAugment::NONE, mixing: 0.0, discriminator: kind, ..settings(&root, 1) };
    let set = stylegan::ImageSet::load(&s.data, 16).unwrap();
    let mut rng = atelier::train::run::step_rng(3, 0);
    let real = set.batch(&mut rng, 4, &device);
    let n = Nets::against(&s.config, Critic::new(kind, &s.config, &device).unwrap(), &device);
    // Levels of 16², 8², 4² and 2² (the 16² one pooled to 8²): 64 + 64 + 16 + 4 patches.
    assert_eq!(n.d.forward(real.clone()).dims(), [4, 148]);
    let Critic::Projected(d0) = &n.d else { panic!("not projected") };
    let frozen = |d: &atelier::models::ProjectedDiscriminator| (vec(d.features.stem.weight.val()), vec(d.projections[2].weight.val()));
    let (stem, projection) = frozen(d0);
    let head = vec(d0.heads[0].out.weight.val());

    let z = latents(&mut rng, 4, 32, &device);
    let draw = |n: &Nets| n.g.synthesis(n.g.broadcast(n.g.map(z.clone())), NoiseMode::Const);
    let d_loss = |n: &Nets, fake: Tensor<4>| vec(softplus(-n.d.forward(real.clone()), 1.0).mean() + softplus(n.d.forward(fake), 1.0).mean())[0];
    let old_fake = draw(&n).detach();
    let before = d_loss(&n, old_fake.clone());
    let old_g = n.g.clone();
    let (n, l) = stylegan::train_step(n, &s, real.clone(), 0, false, &mut rng);
    assert!(l.r1.is_none());
    let after = d_loss(&n, old_fake);
    assert!(after < before - 1e-3, "D loss on a fixed batch: {before} → {after}");
    let g_loss = |g: &atelier::models::StyleGenerator| {
        vec(softplus(-n.d.forward(g.synthesis(g.broadcast(g.map(z.clone())), NoiseMode::Const)), 1.0).mean())[0]
    };
    let (g_before, g_after) = (g_loss(&old_g), g_loss(&n.g));
    assert!(g_after < g_before - 1e-3, "G loss against the new D: {g_before} → {g_after}");
    let Critic::Projected(d1) = &n.d else { panic!("not projected") };
    assert!(frozen(d1) == (stem, projection), "the feature network or a projection moved");
    assert!(vec(d1.heads[0].out.weight.val()) != head, "the heads did not train");
}
