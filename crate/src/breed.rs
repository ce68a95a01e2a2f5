//! Generate, mix and breed: the one API for StyleGAN models that the page and `trainer
//! generate` both call (the image-to-image kinds go through [`crate::engine`]).
//!
//! An image is a [`Genome`]: one w per synthesis layer, untruncated. A seed gives a genome
//! through the mapping network; style mixing takes coarse layers from one genome and fine ones
//! from another; breeding (as Ganbreeder and Artbreeder do it) makes children by mutating a
//! parent along the principal directions of w and by crossbreeding several parents; a *gene*
//! moves a genome along one principal direction on a chosen range of layers. Truncation is
//! applied when a genome is rendered, so the slider changes every image at once.

use burn::tensor::{Device, Tensor, TensorData};

use crate::error::{AtelierError, Result};
use crate::image::{Planar, read_f32};
use crate::models::stylegan::cpu::StyleGanCpu;
use crate::models::{NoiseMode, StyleGan, StyleGanConfig, stylegan::to_unit};
use crate::pack::{self, ModelMeta};

/// SplitMix64 (Steele et al. 2014): a tiny, portable generator, so a seed draws the same
/// numbers natively and in the browser.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in (0, 1).
    fn uniform(&mut self) -> f64 {
        ((self.next() >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }

    /// Standard normal (Box–Muller).
    fn normal(&mut self) -> f64 {
        let (u, v) = (self.uniform(), self.uniform());
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }
}

/// `n` standard normal numbers from `seed` (the latent z of that seed).
pub fn normal_of_seed(seed: u64, n: usize) -> Vec<f32> {
    let mut rng = SplitMix64(seed);
    (0..n).map(|_| rng.normal() as f32).collect()
}

/// The latents z of `seeds`, one row each: `[seeds, z_dim]`.
pub fn latents_of_seeds(seeds: &[u64], z_dim: usize, device: &Device) -> Tensor<2> {
    let z: Vec<f32> = seeds.iter().flat_map(|&s| normal_of_seed(s, z_dim)).collect();
    Tensor::from_data(TensorData::new(z, [seeds.len(), z_dim]), device)
}

/// One w per synthesis layer, `num_ws × w_dim` numbers, layer by layer (untruncated).
#[derive(Debug, Clone, PartialEq)]
pub struct Genome {
    pub ws: Vec<f32>,
}

/// Images on the CPU path, one per genome; natively split across threads (`RAYON_NUM_THREADS`,
/// as burn's, or every core), in the browser on this worker.
fn render_cpu(cpu: &StyleGanCpu, ws: &[Vec<f32>], w_dim: usize) -> Result<Vec<Planar>> {
    #[cfg(not(target_family = "wasm"))]
    {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let threads = std::env::var("RAYON_NUM_THREADS").ok().and_then(|v| v.parse().ok()).unwrap_or(cores).clamp(1, ws.len().max(1));
        if threads > 1 {
            return std::thread::scope(|s| {
                let parts: Vec<_> = ws
                    .chunks(ws.len().div_ceil(threads))
                    .map(|part| s.spawn(move || part.iter().map(|w| cpu.synthesis(w, w_dim)).collect::<Vec<_>>()))
                    .collect();
                let mut out = Vec::with_capacity(ws.len());
                for part in parts {
                    out.extend(part.join().map_err(|_| AtelierError::Device("a rendering thread failed".into()))?);
                }
                Ok(out)
            });
        }
    }
    Ok(ws.iter().map(|w| cpu.synthesis(w, w_dim)).collect())
}

/// A loaded StyleGAN model on a device.
pub struct Breeder {
    net: StyleGan,
    config: StyleGanConfig,
    meta: ModelMeta,
    device: Device,
    w_avg: Vec<f32>,
    /// `[GENES][w_dim]`, each scaled by its spread (one standard deviation of w).
    genes: Vec<Vec<f32>>,
    /// The synthesis network on the CPU inference path (on the CPU device, unless
    /// [`Breeder::reference`] asked for burn's).
    cpu: Option<StyleGanCpu>,
    /// The synthesis network on a WebGPU device ([`Breeder::on_gpu`]).
    #[cfg(feature = "webgpu")]
    gpu: Option<crate::models::stylegan::gpu::StyleGanGpu>,
}

impl Breeder {
    /// Load a StyleGAN model file onto `device`.
    pub async fn new(model: &[u8], device: Device) -> Result<Self> {
        let cpu = device == Device::flex();
        Self::load(model, device, cpu).await
    }

    /// With `cpu`, the synthesis network on the CPU inference path as well.
    async fn load(model: &[u8], device: Device, cpu: bool) -> Result<Self> {
        let (config, net, meta) = pack::load_stylegan(model, &device)?;
        let w_avg = read_f32(net.generator.w_avg.val()).await?;
        let directions = read_f32(net.directions.val()).await?;
        let spread = read_f32(net.spread.val()).await?;
        let genes =
            spread.iter().enumerate().map(|(k, s)| directions[k * config.w_dim..(k + 1) * config.w_dim].iter().map(|d| d * s).collect()).collect();
        let cpu = if cpu { net.generator.to_cpu().await? } else { None };
        Ok(Self {
            net,
            config,
            meta,
            device,
            w_avg,
            genes,
            cpu,
            #[cfg(feature = "webgpu")]
            gpu: None,
        })
    }

    /// Render on burn's generic kernels even on the CPU (the reference the CPU path is tested
    /// and benchmarked against).
    pub fn reference(self) -> Self {
        Self { cpu: None, ..self }
    }

    /// Whether images are rendered on the CPU inference path ([`crate::nn::cpu`]).
    pub fn on_cpu_path(&self) -> bool {
        self.cpu.is_some()
    }

    /// Load a StyleGAN model file to render on a WebGPU device (the mapping network, a few
    /// small matrix products, stays on the CPU).
    #[cfg(feature = "webgpu")]
    pub async fn on_gpu(model: &[u8], gpu: &std::rc::Rc<crate::gpu::Gpu>) -> Result<Self> {
        let breeder = Self::load(model, Device::flex(), false).await?;
        let net = breeder.net.generator.to_gpu(gpu).await?;
        Ok(Self { gpu: Some(net), cpu: None, ..breeder })
    }

    pub fn meta(&self) -> &ModelMeta {
        &self.meta
    }

    pub fn config(&self) -> &StyleGanConfig {
        &self.config
    }

    pub fn num_ws(&self) -> usize {
        self.config.num_ws()
    }

    /// How many principal directions (genes) the model ships.
    pub fn num_genes(&self) -> usize {
        self.genes.len()
    }

    /// The genome of a seed: z from the seed, w = mapping(z), the same w on every layer.
    pub async fn genome_of_seed(&self, seed: u64) -> Result<Genome> {
        Ok(self.genomes_of_seeds(&[seed]).await?.remove(0))
    }

    /// The genomes of several seeds, mapped in one batch (one read).
    pub async fn genomes_of_seeds(&self, seeds: &[u64]) -> Result<Vec<Genome>> {
        let w = read_f32(self.net.generator.map(latents_of_seeds(seeds, self.config.z_dim, &self.device))).await?;
        Ok(w.chunks_exact(self.config.w_dim).map(|w| Genome { ws: w.repeat(self.num_ws()) }).collect())
    }

    fn check(&self, g: &Genome) -> Result<()> {
        let expected = self.num_ws() * self.config.w_dim;
        if g.ws.len() == expected {
            Ok(())
        } else {
            Err(AtelierError::BadConfig(format!("a genome of this model has {expected} numbers, not {}", g.ws.len())))
        }
    }

    /// Render genomes with truncation `psi` (1 = none, 0 = the average image): one
    /// `R`×`R` image each, in one batch.
    pub async fn render(&self, genomes: &[Genome], psi: f32) -> Result<Vec<Planar>> {
        let (k, d) = (self.num_ws(), self.config.w_dim);
        let mut ws = Vec::with_capacity(genomes.len());
        for g in genomes {
            self.check(g)?;
            ws.push(g.ws.iter().enumerate().map(|(i, w)| self.w_avg[i % d] + psi * (w - self.w_avg[i % d])).collect::<Vec<f32>>());
        }
        let n = genomes.len();
        if n == 0 {
            return Ok(Vec::new());
        }
        #[cfg(feature = "webgpu")]
        if let Some(gpu) = &self.gpu {
            return gpu.synthesis(&ws, d).await;
        }
        if let Some(cpu) = &self.cpu {
            return render_cpu(cpu, &ws, d);
        }
        let ws = Tensor::from_data(TensorData::new(ws.concat(), [n, k, d]), &self.device);
        Planar::batch_from_tensor(to_unit(self.net.generator.synthesis(ws, NoiseMode::Const))).await
    }

    /// Style mixing: layers before `crossover` from `coarse` (pose, shape), the rest from
    /// `fine` (colour, detail).
    pub fn mix(&self, coarse: &Genome, fine: &Genome, crossover: usize) -> Genome {
        let cut = crossover.min(self.num_ws()) * self.config.w_dim;
        Genome { ws: coarse.ws[..cut].iter().chain(&fine.ws[cut..]).copied().collect() }
    }

    /// A child of `parent`: a random step along every principal direction, `amount` standard
    /// deviations in size (0.3 is a small mutation, 1 a large one). Child `seed` is reproducible.
    pub fn mutate(&self, parent: &Genome, seed: u64, amount: f32) -> Genome {
        let coefficients = normal_of_seed(seed, self.genes.len());
        let mut ws = parent.ws.clone();
        for (gene, c) in self.genes.iter().zip(coefficients) {
            for layer in ws.chunks_exact_mut(self.config.w_dim) {
                layer.iter_mut().zip(gene).for_each(|(w, g)| *w += amount * c * g);
            }
        }
        Genome { ws }
    }

    /// A crossbreed of several parents: random weights that sum to 1, drawn from `seed`.
    pub fn crossbreed(&self, parents: &[Genome], seed: u64) -> Genome {
        let Some(first) = parents.first() else { return Genome { ws: self.w_avg.repeat(self.num_ws()) } };
        let mut rng = SplitMix64(seed);
        let raw: Vec<f64> = parents.iter().map(|_| -rng.uniform().ln()).collect(); // Dirichlet(1, …, 1)
        let total: f64 = raw.iter().sum();
        let mut ws = vec![0.0; first.ws.len()];
        for (p, r) in parents.iter().zip(&raw) {
            let t = (r / total) as f32;
            ws.iter_mut().zip(&p.ws).for_each(|(w, x)| *w += t * x);
        }
        Genome { ws }
    }

    /// Move `g` by `amount` standard deviations along principal direction `gene`, on the
    /// layers `layers` (coarse layers change shape, fine ones colour).
    pub fn apply_gene(&self, g: &Genome, gene: usize, amount: f32, layers: std::ops::Range<usize>) -> Genome {
        let mut ws = g.ws.clone();
        if let Some(dir) = self.genes.get(gene) {
            for layer in ws.chunks_exact_mut(self.config.w_dim).take(layers.end).skip(layers.start) {
                layer.iter_mut().zip(dir).for_each(|(w, d)| *w += amount * d);
            }
        }
        Genome { ws }
    }

    /// The genome a fraction `t` of the way from `a` to `b` (linear in w).
    pub fn interpolate(a: &Genome, b: &Genome, t: f32) -> Genome {
        Genome { ws: a.ws.iter().zip(&b.ws).map(|(x, y)| x + t * (y - x)).collect() }
    }

    /// Native convenience: `trainer generate`'s images for seeds (the CPU finishes reads at once).
    #[cfg(not(target_family = "wasm"))]
    pub fn seeds_blocking(&self, seeds: &[u64], psi: f32) -> Result<Vec<Planar>> {
        pollster::block_on(async {
            let mut out = Vec::with_capacity(seeds.len());
            for chunk in seeds.chunks(16) {
                out.extend(self.render(&self.genomes_of_seeds(chunk).await?, psi).await?);
            }
            Ok(out)
        })
    }
}
