//! CycleGAN (Zhu et al., 2017, "Unpaired Image-to-Image Translation using Cycle-Consistent
//! Adversarial Networks"): two generators carry domain A into B and back, two PatchGAN
//! discriminators judge each domain, and a cycle-consistency loss asks that A → B → A returns the
//! image it started from — so no pairs are needed.
//!
//! The generator is the ResNet generator of Johnson et al. (2016), the same network (and the
//! same `nn` blocks) as the fast-style family: [`ResnetGenerator`] is [`FastStyleNet`]. A model
//! file holds one direction and the discriminator of its target domain (the realism map).

use burn::module::Module;
use burn::tensor::{Device, Tensor};
use serde::{Deserialize, Serialize};

pub use super::fast_style::{FastStyleConfig as ResnetGeneratorConfig, FastStyleNet as ResnetGenerator};
use super::pix2pix::{PatchDiscriminator, PatchDiscriminatorConfig};
use crate::error::{AtelierError, Result};
use crate::nn::NormState;

/// One direction of a CycleGAN. Stored in every model file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CycleGanConfig {
    pub generator: ResnetGeneratorConfig,
    pub discriminator: PatchDiscriminatorConfig,
    /// The domain the model takes and the one it makes ("photo" → "painting").
    pub from: String,
    pub to: String,
}

impl CycleGanConfig {
    pub fn validate(&self) -> Result<()> {
        self.generator.validate()?;
        if self.discriminator.in_channels != 3 || self.from.is_empty() || self.to.is_empty() {
            return Err(AtelierError::BadConfig(format!("CycleGAN {self:?}: an RGB discriminator and two named domains")));
        }
        Ok(())
    }

    pub fn init(&self, device: &Device) -> CycleGan {
        CycleGan { generator: self.generator.init(device), discriminator: Some(self.discriminator.init(device)) }
    }
}

/// The networks of one direction: its generator and the target domain's discriminator.
#[derive(Module, Debug)]
pub struct CycleGan {
    pub generator: ResnetGenerator,
    pub discriminator: Option<PatchDiscriminator>,
}

impl CycleGan {
    pub fn forward(&self, rgb: Tensor<4>, state: &mut NormState) -> Tensor<4> {
        self.generator.forward(rgb, state)
    }

    /// Per-patch realism `[N, 1, h, w]` in `[0, 1]` of an image of the target domain.
    pub fn realism(&self, rgb_out: Tensor<4>) -> Option<Tensor<4>> {
        Some(self.discriminator.as_ref()?.forward(rgb_out * 2.0 - 1.0).clamp(0.0, 1.0))
    }
}
