//! The CPU inference path (`nn::cpu`) against burn's reference kernels: every shipped model that
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
        assert!(fast.on_cpu_path(), "{name}: no fast path");
        let b = reference.stylize_blocking(&img, &options).unwrap();
        assert!(!reference.on_cpu_path());
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

/// Sums the statistics of bands running on threads (what the page's workers do with messages).
struct Threads {
    barrier: std::sync::Arc<std::sync::Barrier>,
    total: std::sync::Arc<std::sync::Mutex<Vec<f64>>>,
}

impl atelier::nn::cpu::Reduce for Threads {
    fn all_reduce<'s>(&'s mut self, sums: &'s mut [f64]) -> impl Future<Output = atelier::error::Result<()>> + 's {
        {
            let mut total = self.total.lock().unwrap();
            if total.len() != sums.len() {
                *total = vec![0.0; sums.len()];
            }
            total.iter_mut().zip(sums.iter()).for_each(|(t, s)| *t += s);
        }
        self.barrier.wait();
        sums.copy_from_slice(&self.total.lock().unwrap());
        if self.barrier.wait().is_leader() {
            self.total.lock().unwrap().fill(0.0);
        }
        self.barrier.wait();
        std::future::ready(Ok(()))
    }
}

/// Several workers, each on a band of rows with its halo and the statistics summed across them,
/// give what one pass gives: for any number of workers, and with shared statistics (tiles).
#[test]
fn bands_on_several_workers_equal_one_pass() {
    use atelier::models::CpuGenerator;
    use atelier::models::fast_style;
    use atelier::nn::NormState;
    let img = photo(); // 451×300
    let models = shipped();
    let (_, bytes) = models.iter().find(|(n, _)| n == "the_scream").unwrap();
    let (net, _) = atelier::pack::load(bytes, &Device::flex()).unwrap();
    let Some(CpuGenerator::Style(net)) = pollster::block_on(net.to_cpu()).unwrap() else { panic!("no fast path") };
    let whole = pollster::block_on(net.forward(&img, &mut NormState::own())).unwrap().unwrap();
    for n in [2, 3, 5] {
        let bands = fast_style::cpu::bands(img.height, n);
        assert_eq!(bands.len(), n);
        let barrier = std::sync::Arc::new(std::sync::Barrier::new(n));
        let total = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let parts: Vec<Planar> = std::thread::scope(|s| {
            let handles: Vec<_> = bands
                .iter()
                .map(|own| {
                    // Each worker gets only its rows and their halo.
                    let top = own.start.saturating_sub(fast_style::cpu::HALO);
                    let end = (own.end + fast_style::cpu::HALO).min(img.height);
                    let part = img.crop(0, top, img.width, end - top);
                    let reduce = Threads { barrier: barrier.clone(), total: total.clone() };
                    let (net, own) = (&net, own.clone());
                    s.spawn(move || pollster::block_on(net.forward_band(&part, top, 300, own, &mut NormState::own(), reduce)).unwrap().unwrap())
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let mut joined = Vec::new();
        for c in 0..3 {
            for p in &parts {
                joined.extend_from_slice(&p.data[c * p.width * p.height..][..p.width * p.height]);
            }
        }
        assert_eq!(joined.len(), whole.data.len(), "{n} bands cover the image");
        let db = psnr(&joined, &whole.data);
        println!("{n} bands vs one pass: {db:.1} dB");
        assert!(db >= 50.0, "{n} bands vs one pass: {db:.1} dB");
    }
    // Shared statistics (the tiles of a large photo): no sums to combine, the same result.
    let mut recorded = NormState::record();
    let small = img.resize(226, 150);
    pollster::block_on(net.forward(&small, &mut recorded)).unwrap().unwrap();
    let mut shared = recorded.into_shared();
    let one = pollster::block_on(net.forward(&img, &mut shared)).unwrap().unwrap();
    let mut rows = Vec::new();
    for own in fast_style::cpu::bands(img.height, 2) {
        shared.rewind();
        let band = pollster::block_on(net.forward_band(&img, 0, 300, own, &mut shared, atelier::nn::cpu::Alone)).unwrap().unwrap();
        rows.push(band);
    }
    let joined: Vec<f32> =
        (0..3).flat_map(|c| rows.iter().flat_map(move |p| p.data[c * p.width * p.height..][..p.width * p.height].to_vec())).collect();
    let db = psnr(&joined, &one.data);
    assert!(db >= 50.0, "shared statistics, 2 bands vs one pass: {db:.1} dB");
    assert!(psnr(&one.data, &whole.data) < 50.0, "the shared statistics differ from the image's own");
}

/// Helpers on threads, as the page's helper workers are (`web/bands.rs`).
struct ThreadWorkers {
    net: std::sync::Arc<atelier::models::FastStyleCpu>,
    barrier: std::sync::Arc<std::sync::Barrier>,
    total: std::sync::Arc<std::sync::Mutex<Vec<f64>>>,
    started: std::cell::Cell<usize>,
}

impl atelier::bands::BandWorkers for ThreadWorkers {
    fn count(&self) -> usize {
        1
    }

    fn start(&self, _: usize, job: atelier::bands::BandJob) -> atelier::bands::LocalFuture<'static, Planar> {
        self.started.set(self.started.get() + 1);
        let net = self.net.clone();
        let reduce = Threads { barrier: self.barrier.clone(), total: self.total.clone() };
        let handle = std::thread::spawn(move || {
            let mut state = match &job.shared {
                Some(s) => atelier::nn::NormState::shared_from_snapshot(s).unwrap(),
                None => atelier::nn::NormState::own(),
            };
            pollster::block_on(net.forward_band(&job.rows, job.top, job.full_height, job.own, &mut state, reduce))
        });
        Box::pin(async move { Ok(handle.join().unwrap()?.unwrap()) })
    }

    fn all_reduce<'a>(&'a self, sums: &'a mut [f64]) -> atelier::bands::LocalFuture<'a, ()> {
        use atelier::nn::cpu::Reduce;
        let mut reduce = Threads { barrier: self.barrier.clone(), total: self.total.clone() };
        Box::pin(async move { reduce.all_reduce(sums).await })
    }
}

/// The engine with a helper: one pass and tiles (a statistics pass, then tiles sharing them)
/// give what the engine alone gives.
#[test]
fn the_engine_with_helper_workers_gives_the_same_result() {
    use atelier::models::CpuGenerator;
    let img = photo().resize(676, 450); // tall enough for two bands of at least 192 rows
    let models = shipped();
    let (_, bytes) = models.iter().find(|(n, _)| n == "great_wave").unwrap();
    let alone = Stylizer::new(bytes, Device::flex()).unwrap();
    let helped = Stylizer::new(bytes, Device::flex()).unwrap();
    let Some(CpuGenerator::Style(net)) = pollster::block_on(helped.cpu_net()).unwrap() else { panic!("no fast path") };
    let workers = std::rc::Rc::new(ThreadWorkers {
        net: std::sync::Arc::new(net.clone()),
        barrier: std::sync::Arc::new(std::sync::Barrier::new(2)),
        total: Default::default(),
        started: Default::default(),
    });
    helped.set_workers(Some(workers.clone()));
    for options in [StyleOptions::default(), StyleOptions { tile: 400, split: 400, overlap: 48, stats_size: 450, ..Default::default() }] {
        let before = workers.started.get();
        let a = alone.stylize_blocking(&img, &options).unwrap();
        let b = helped.stylize_blocking(&img, &options).unwrap();
        let db = psnr(&a.data, &b.data);
        println!("tile {}: with a helper vs alone {db:.1} dB ({} bands sent)", options.tile, workers.started.get() - before);
        assert!(workers.started.get() > before, "the helper took bands");
        assert!(db >= 50.0, "tile {}: with a helper vs alone {db:.1} dB", options.tile);
    }
}

#[test]
fn the_stylegan_fast_path_matches_burn_for_the_shipped_model() {
    use atelier::breed::Breeder;
    let bytes = std::fs::read(common::repo("models/emoji_gan/emoji_gan.bpk")).unwrap();
    let fast = pollster::block_on(Breeder::new(&bytes, Device::flex())).unwrap();
    assert!(fast.on_cpu_path(), "the shipped StyleGAN has no fast path");
    let reference = pollster::block_on(Breeder::new(&bytes, Device::flex())).unwrap().reference();
    assert!(!reference.on_cpu_path());
    // Plain seeds, a style mix and a gene edit, untruncated and truncated.
    let seeds = pollster::block_on(fast.genomes_of_seeds(&[0, 1, 2, 3])).unwrap();
    let mut genomes = seeds.clone();
    genomes.push(fast.mix(&seeds[0], &seeds[1], 4));
    genomes.push(fast.apply_gene(&seeds[2], 0, 2.0, 0..6));
    for psi in [1.0, 0.6] {
        let a = pollster::block_on(fast.render(&genomes, psi)).unwrap();
        let b = pollster::block_on(reference.render(&genomes, psi)).unwrap();
        for (i, (a, b)) in a.iter().zip(&b).enumerate() {
            let db = psnr(&a.data, &b.data);
            println!("StyleGAN image {i}, ψ {psi}: fast vs burn {db:.1} dB");
            assert!(db >= 50.0, "image {i}, ψ {psi}: fast vs burn {db:.1} dB");
        }
        // Different genomes give different images (the comparison means something).
        assert!(psnr(&a[0].data, &a[1].data) < 30.0);
    }
}

#[test]
fn the_stylegan_fast_path_matches_burn_with_smooth_upsampling() {
    use atelier::breed::Breeder;
    use atelier::models::{StyleGan, StyleGanConfig};
    use atelier::pack::{self, ModelKind, ModelMeta};
    let device = Device::flex();
    device.seed(8);
    let config = StyleGanConfig { smooth_upsample: true, ..StyleGanConfig::small(16) };
    let net = StyleGan::init(&config, &device);
    let meta = ModelMeta {
        kind: ModelKind::StyleGan(config),
        name: "smooth".into(),
        style: Default::default(),
        train: Default::default(),
        weights: "f32".into(),
    };
    let bytes = pack::to_bytes(&net, &meta).unwrap();
    let fast = pollster::block_on(Breeder::new(&bytes, Device::flex())).unwrap();
    assert!(fast.on_cpu_path(), "bilinear upsampling on the CPU fast path");
    let reference = pollster::block_on(Breeder::new(&bytes, Device::flex())).unwrap().reference();
    let genomes = pollster::block_on(fast.genomes_of_seeds(&[1, 2, 3])).unwrap();
    let a = pollster::block_on(fast.render(&genomes, 0.8)).unwrap();
    let b = pollster::block_on(reference.render(&genomes, 0.8)).unwrap();
    for (i, (a, b)) in a.iter().zip(&b).enumerate() {
        let db = psnr(&a.data, &b.data);
        println!("smooth StyleGAN image {i}: fast vs burn {db:.1} dB");
        assert!(db >= 50.0, "image {i}: fast vs burn {db:.1} dB");
    }
}
