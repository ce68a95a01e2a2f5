//! One folder per network family (`mod.rs`: the burn definition and its layer plan; `cpu.rs` and
//! `gpu.rs`: that plan on each engine), and [`Generator`]: the one place that dispatches on a
//! model's kind (the engine, the CLI and the page all go through it).

pub mod cyclegan;
pub mod fast_style;
pub mod pix2pix;
pub mod stylegan;

use burn::module::Module;
use burn::tensor::Tensor;

pub use cyclegan::{CycleGan, CycleGanConfig, ResnetGenerator, ResnetGeneratorConfig};
pub use fast_style::cpu::FastStyleCpu;
pub use fast_style::{FastStyleConfig, FastStyleNet};
pub use pix2pix::cpu::{Pix2PixCpu, UNetCpu};
pub use pix2pix::{InputKind, OutputKind, PatchDiscriminator, PatchDiscriminatorConfig, Pix2Pix, Pix2PixConfig, UNet, UNetConfig};
pub use stylegan::{GENES, NoiseMode, ProjectedDiscriminator, ResidualDiscriminator, StyleGan, StyleGanConfig, StyleGenerator};

use crate::nn::NormState;

/// An image-to-image network on the CPU inference path ([`Generator::to_cpu`]).
#[derive(Debug, Clone)]
pub enum CpuGenerator {
    /// Fast style and CycleGAN (the same ResNet generator).
    Style(FastStyleCpu),
    Pix2Pix(Pix2PixCpu),
}

impl CpuGenerator {
    /// What [`Generator::forward`] computes for one image; `None` for sizes the kernels do not
    /// take (burn's path runs those).
    pub async fn forward(&self, rgb: &crate::image::Planar, state: &mut NormState) -> crate::error::Result<Option<crate::image::Planar>> {
        match self {
            CpuGenerator::Style(net) => net.forward(rgb, state).await,
            CpuGenerator::Pix2Pix(net) => net.forward(rgb, state).await,
        }
    }

    /// The network in the form whose passes split into bands of rows across workers
    /// ([`crate::bands`]), where it has one (fast style and CycleGAN).
    pub fn banded(&self) -> Option<&FastStyleCpu> {
        match self {
            CpuGenerator::Style(net) => Some(net),
            CpuGenerator::Pix2Pix(_) => None,
        }
    }

    /// [`CpuGenerator::forward`] split into bands across this worker and `workers`; `None` when
    /// the network or the image does not split (the caller runs it alone).
    pub async fn forward_bands(
        &self,
        workers: &dyn crate::bands::BandWorkers,
        rgb: &crate::image::Planar,
        state: &mut NormState,
    ) -> crate::error::Result<Option<crate::image::Planar>> {
        match self.banded() {
            Some(net) => net.forward_bands(workers, rgb, state).await,
            None => Ok(None),
        }
    }
}

/// An image-to-image network on the WebGPU path ([`Generator::to_gpu`]).
#[cfg(feature = "webgpu")]
pub enum GpuGenerator {
    /// Fast style and CycleGAN (the same ResNet generator).
    Style(fast_style::gpu::FastStyleGpu),
    Pix2Pix(pix2pix::gpu::Pix2PixGpu),
}

#[cfg(feature = "webgpu")]
impl GpuGenerator {
    /// What [`Generator::forward`] computes for one image; `None` for sizes the kernels do not
    /// take (the CPU runs those).
    pub async fn forward(&self, rgb: &crate::image::Planar, state: &mut NormState) -> crate::error::Result<Option<crate::image::Planar>> {
        match self {
            GpuGenerator::Style(net) => net.forward(rgb, state).await,
            GpuGenerator::Pix2Pix(net) => net.forward(rgb, state).await,
        }
    }
}

/// A loaded image-to-image network of any family: RGB in `[0, 1]` → RGB in `[0, 1]`.
// One per loaded model and moved once: the size of the larger variants costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub enum Generator {
    FastStyle(FastStyleNet),
    Pix2Pix(Pix2PixConfig, Pix2Pix),
    CycleGan(CycleGanConfig, CycleGan),
}

impl Generator {
    /// `[N, 3, H, W]` → `[N, 3, H, W]`; the input is prepared as the family expects (a sketch or
    /// a grayscale photo is taken from any RGB image).
    pub fn forward(&self, rgb: Tensor<4>, state: &mut NormState) -> Tensor<4> {
        match self {
            Generator::FastStyle(net) => net.forward(rgb, state),
            Generator::Pix2Pix(config, net) => net.forward(config, rgb, state),
            Generator::CycleGan(_, net) => net.forward(rgb, state),
        }
    }

    /// The network on the CPU inference path ([`crate::nn::cpu`]), where it has one.
    pub async fn to_cpu(&self) -> crate::error::Result<Option<CpuGenerator>> {
        Ok(match self {
            Generator::FastStyle(net) => net.to_cpu().await?.map(CpuGenerator::Style),
            Generator::CycleGan(_, net) => net.generator.to_cpu().await?.map(CpuGenerator::Style),
            Generator::Pix2Pix(config, net) => net.to_cpu(config).await?.map(CpuGenerator::Pix2Pix),
        })
    }

    /// The network on the WebGPU path ([`crate::gpu`]), where it has one.
    #[cfg(feature = "webgpu")]
    pub async fn to_gpu(&self, gpu: &std::rc::Rc<crate::gpu::Gpu>) -> crate::error::Result<Option<GpuGenerator>> {
        Ok(match self {
            Generator::FastStyle(net) => net.to_gpu(gpu).await?.map(GpuGenerator::Style),
            Generator::CycleGan(_, net) => net.generator.to_gpu(gpu).await?.map(GpuGenerator::Style),
            Generator::Pix2Pix(config, net) => net.to_gpu(config, gpu).await?.map(GpuGenerator::Pix2Pix),
        })
    }

    /// Tile origins and padded sizes are multiples of this.
    pub fn size_multiple(&self) -> usize {
        match self {
            Generator::FastStyle(_) | Generator::CycleGan(..) => fast_style::SIZE_MULTIPLE,
            Generator::Pix2Pix(config, _) => config.generator.size_multiple(),
        }
    }

    /// The long side the network works at, when it does not run at full resolution.
    pub fn work_size(&self) -> Option<usize> {
        match self {
            Generator::FastStyle(_) | Generator::CycleGan(..) => None,
            Generator::Pix2Pix(config, _) => config.work_size,
        }
    }

    /// Whether the output's luminance is the input's (only the colour is predicted).
    pub fn keeps_luminance(&self) -> bool {
        matches!(self, Generator::Pix2Pix(c, _) if c.output == OutputKind::Chroma)
    }

    /// Per-patch realism scores `[N, 1, h, w]` in `[0, 1]` from the model's discriminator, if
    /// it has one.
    pub fn realism(&self, rgb_in: Tensor<4>, rgb_out: Tensor<4>) -> Option<Tensor<4>> {
        match self {
            Generator::FastStyle(_) => None,
            Generator::Pix2Pix(config, net) => net.realism(config, rgb_in, rgb_out),
            Generator::CycleGan(_, net) => net.realism(rgb_out),
        }
    }

    /// Parameters of the networks the file holds (discriminator included).
    pub fn num_params(&self) -> usize {
        match self {
            Generator::FastStyle(net) => net.num_params(),
            Generator::Pix2Pix(_, net) => net.num_params(),
            Generator::CycleGan(_, net) => net.num_params(),
        }
    }
}
