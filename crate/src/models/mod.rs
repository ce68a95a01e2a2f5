//! One file per network family, and [`Generator`]: the one place that dispatches on a model's
//! kind (the engine, the CLI and the page all go through it).

pub mod cyclegan;
pub mod fast_style;
pub mod fast_style_cpu;
#[cfg(feature = "webgpu")]
pub mod fast_style_gpu;
pub mod patchgan;
pub mod pix2pix;
pub mod projected_disc;
pub mod stylegan;
pub mod stylegan_cpu;
pub mod stylegan_disc;
#[cfg(feature = "webgpu")]
pub mod stylegan_gpu;
pub mod unet;
pub mod unet_cpu;
#[cfg(feature = "webgpu")]
pub mod unet_gpu;

use burn::module::Module;
use burn::tensor::Tensor;

pub use cyclegan::{CycleGan, CycleGanConfig, ResnetGenerator, ResnetGeneratorConfig};
pub use fast_style::{FastStyleConfig, FastStyleNet};
pub use fast_style_cpu::FastStyleCpu;
pub use unet_cpu::{FastUNet, Pix2PixCpu};
pub use patchgan::{PatchDiscriminator, PatchDiscriminatorConfig};
pub use pix2pix::{InputKind, OutputKind, Pix2Pix, Pix2PixConfig};
pub use stylegan::{GENES, NoiseMode, StyleGan, StyleGanConfig, StyleGenerator};
pub use projected_disc::ProjectedDiscriminator;
pub use stylegan_disc::ResidualDiscriminator;
pub use unet::{UNet, UNetConfig};

use crate::nn::NormState;

/// An image-to-image network on the CPU inference path ([`Generator::to_fast`]).
#[derive(Debug, Clone)]
pub enum FastGenerator {
    /// Fast style and CycleGAN (the same ResNet generator).
    Style(FastStyleCpu),
    Pix2Pix(Pix2PixCpu),
}

impl FastGenerator {
    /// What [`Generator::forward`] computes for one image; `None` for sizes the kernels do not
    /// take (burn's path runs those).
    pub async fn forward(&self, rgb: &crate::image::Planar, state: &mut NormState) -> crate::error::Result<Option<crate::image::Planar>> {
        match self {
            FastGenerator::Style(net) => net.forward(rgb, state).await,
            FastGenerator::Pix2Pix(net) => net.forward(rgb, state).await,
        }
    }
}

/// An image-to-image network on the WebGPU path ([`Generator::to_gpu`]).
#[cfg(feature = "webgpu")]
pub enum GpuGenerator {
    /// Fast style and CycleGAN (the same ResNet generator).
    Style(fast_style_gpu::FastStyleGpu),
    Pix2Pix(unet_gpu::Pix2PixGpu),
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

    /// The network on the CPU inference path ([`crate::nn::fast`]), where it has one.
    pub async fn to_fast(&self) -> crate::error::Result<Option<FastGenerator>> {
        Ok(match self {
            Generator::FastStyle(net) => net.to_fast().await?.map(FastGenerator::Style),
            Generator::CycleGan(_, net) => net.generator.to_fast().await?.map(FastGenerator::Style),
            Generator::Pix2Pix(config, net) => net.to_fast(config).await?.map(FastGenerator::Pix2Pix),
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
