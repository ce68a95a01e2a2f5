//! Pix2Pix (Isola et al., 2017, "Image-to-Image Translation with Conditional Adversarial
//! Networks"): a [`UNet`] generator translates a condition image (a sketch, a grayscale photo)
//! into a target image, and a conditional [`PatchDiscriminator`] judges (condition, output)
//! pairs patch by patch. Trained with L1 to the paired target plus the adversarial loss.
//!
//! Two output kinds:
//! * **RGB** — the network paints the whole image (sketch → emoji).
//! * **Chroma** — the network predicts only the colour (Cb, Cr) and the photo keeps its own
//!   luminance, so colourisation works at any resolution: the colour is predicted at a working
//!   size and laid under the full-resolution detail of the photo (see `engine`).
//!
//! The discriminator ships with the model: the page shows its per-patch scores as a realism map.

use burn::module::Module;
use burn::tensor::activation::{sigmoid, tanh};
use burn::tensor::{Device, Tensor};
use serde::{Deserialize, Serialize};

pub mod cpu;
#[cfg(feature = "webgpu")]
pub mod gpu;
pub mod patchgan;
pub mod unet;

use crate::error::{AtelierError, Result};
use crate::nn::{NormState, chroma, from_ycbcr, luminance};
pub use patchgan::{PatchDiscriminator, PatchDiscriminatorConfig};
pub use unet::{UNet, UNetConfig};

/// What a model takes: prepared from an ordinary RGB image by [`InputKind::prepare`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InputKind {
    /// A colour photo, as it is.
    Photo,
    /// A line drawing, dark lines on a light ground (its luminance; coloured pens are fine).
    Sketch,
    /// A photo's luminance (colour photos are made grayscale first).
    Gray,
}

impl InputKind {
    pub fn channels(self) -> usize {
        match self {
            InputKind::Photo => 3,
            InputKind::Sketch | InputKind::Gray => 1,
        }
    }

    /// RGB in `[0, 1]` → the network's condition, centred on 0 (`[-1, 1]`).
    pub fn prepare(self, rgb: Tensor<4>) -> Tensor<4> {
        let x = match self {
            InputKind::Photo => rgb,
            InputKind::Sketch | InputKind::Gray => luminance(rgb),
        };
        x * 2.0 - 1.0
    }
}

/// What the generator's channels mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutputKind {
    /// The whole image, RGB.
    Rgb,
    /// Cb and Cr (BT.601); the luminance is the input's.
    Chroma,
}

impl OutputKind {
    pub fn channels(self) -> usize {
        match self {
            OutputKind::Rgb => 3,
            OutputKind::Chroma => 2,
        }
    }

    /// An RGB image in the generator's output space (the training target, and what the
    /// discriminator sees), in `[-1, 1]`.
    pub fn represent(self, rgb: Tensor<4>) -> Tensor<4> {
        match self {
            OutputKind::Rgb => rgb * 2.0 - 1.0,
            OutputKind::Chroma => chroma(rgb) * 2.0,
        }
    }

    /// Pre-activation generator output → the output space (`[-1, 1]`).
    pub fn activate(self, raw: Tensor<4>) -> Tensor<4> {
        match self {
            OutputKind::Rgb => sigmoid(raw) * 2.0 - 1.0,
            OutputKind::Chroma => tanh(raw),
        }
    }

    /// Output space → RGB in `[0, 1]`, given the RGB input (whose luminance chroma models keep).
    pub fn to_rgb(self, out: Tensor<4>, rgb_in: Tensor<4>) -> Tensor<4> {
        match self {
            OutputKind::Rgb => (out + 1.0) / 2.0,
            OutputKind::Chroma => from_ycbcr(luminance(rgb_in), out / 2.0).clamp(0.0, 1.0),
        }
    }
}

/// A pix2pix model: its networks and what goes in and out. Stored in every model file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pix2PixConfig {
    pub generator: UNetConfig,
    /// Sees the condition and the output (or target) concatenated.
    pub discriminator: PatchDiscriminatorConfig,
    pub input: InputKind,
    pub output: OutputKind,
    /// Long side the network works at; larger images are downscaled for it (chroma models lay
    /// the colour under the full-resolution luminance). `None`: full resolution, in tiles.
    pub work_size: Option<usize>,
}

impl Pix2PixConfig {
    /// A model for `input` → `output` with a U-Net of `base` channels and `depth` levels.
    pub fn new(input: InputKind, output: OutputKind, base: usize, depth: usize) -> Self {
        let (c_in, c_out) = (input.channels(), output.channels());
        Self {
            generator: UNetConfig { in_channels: c_in, out_channels: c_out, base, depth, max_channels: base * 8 },
            discriminator: PatchDiscriminatorConfig { in_channels: c_in + c_out, base: 32, layers: 3 },
            input,
            output,
            work_size: (output == OutputKind::Chroma).then_some(512),
        }
    }

    pub fn validate(&self) -> Result<()> {
        self.generator.validate()?;
        let g = &self.generator;
        if g.in_channels != self.input.channels() || g.out_channels != self.output.channels() {
            return Err(AtelierError::BadConfig(format!(
                "a {:?} → {:?} model needs {} input and {} output channels, not {} and {}",
                self.input,
                self.output,
                self.input.channels(),
                self.output.channels(),
                g.in_channels,
                g.out_channels
            )));
        }
        if self.discriminator.in_channels != g.in_channels + g.out_channels {
            return Err(AtelierError::BadConfig("the discriminator must see the condition and the output".into()));
        }
        if self.work_size.is_some_and(|s| !(64..=4096).contains(&s)) {
            return Err(AtelierError::BadConfig(format!("work_size {:?} must be 64..=4096", self.work_size)));
        }
        Ok(())
    }

    /// Generator and discriminator (the form a model file holds).
    pub fn init(&self, device: &Device) -> Pix2Pix {
        Pix2Pix { generator: self.generator.init(device), discriminator: Some(self.discriminator.init(device)) }
    }

    /// The generator's output (output space) for an RGB batch.
    pub fn generate(&self, g: &UNet, rgb: Tensor<4>, state: &mut NormState) -> Tensor<4> {
        self.output.activate(g.forward(self.input.prepare(rgb), state))
    }

    /// What the discriminator judges: condition and output space, concatenated.
    pub fn pair(&self, condition: Tensor<4>, out: Tensor<4>) -> Tensor<4> {
        Tensor::cat(vec![condition, out], 1)
    }
}

#[derive(Module, Debug)]
pub struct Pix2Pix {
    pub generator: UNet,
    pub discriminator: Option<PatchDiscriminator>,
}

impl Pix2Pix {
    /// RGB `[N, 3, H, W]` in `[0, 1]` → RGB out, same shape.
    pub fn forward(&self, config: &Pix2PixConfig, rgb: Tensor<4>, state: &mut NormState) -> Tensor<4> {
        let out = config.generate(&self.generator, rgb.clone(), state);
        config.output.to_rgb(out, rgb)
    }

    /// The discriminator's per-patch realism of `rgb_out` as a translation of `rgb_in`:
    /// `[N, 1, h, w]` in `[0, 1]` (LSGAN scores: 1 = looks real, 0 = looks generated), or
    /// `None` when the file has no discriminator.
    pub fn realism(&self, config: &Pix2PixConfig, rgb_in: Tensor<4>, rgb_out: Tensor<4>) -> Option<Tensor<4>> {
        let d = self.discriminator.as_ref()?;
        let pair = config.pair(config.input.prepare(rgb_in), config.output.represent(rgb_out));
        Some(d.forward(pair).clamp(0.0, 1.0))
    }
}
