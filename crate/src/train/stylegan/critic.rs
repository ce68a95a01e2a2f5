//! The discriminator a StyleGAN run trains against: StyleGAN2's residual discriminator, or a
//! projected one on the frozen loss network (`--discriminator projected`), which learns from
//! features that already tell shapes apart and so gives the generator a useful signal sooner.

use burn::optim::ModuleOptimizer;
use burn::tensor::{Device, Tensor};
use serde::{Deserialize, Serialize};

use crate::error::{AtelierError, Result};
use crate::models::{ProjectedDiscriminator, ResidualDiscriminator, StyleGanConfig};
use crate::train::run::{Checkpointed, RunDir, descend};

/// Which discriminator, as stored in the run's settings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CriticKind {
    #[default]
    Residual,
    /// EfficientNet-Lite0's feature pyramid of the images resized to `input_size`².
    Projected { input_size: usize },
}

impl CriticKind {
    pub fn describe(&self) -> String {
        match self {
            CriticKind::Residual => "residual (StyleGAN2), with minibatch stddev".into(),
            CriticKind::Projected { input_size } => {
                format!(
                    "projected: frozen EfficientNet-Lite0 features of the images at {input_size}², fixed random 1×1 projections, a patch discriminator per level"
                )
            }
        }
    }
}

/// The discriminator of a run (one value, moved through each step: its size does not matter).
#[allow(clippy::large_enum_variant)]
pub enum Critic {
    Residual(ResidualDiscriminator),
    Projected(ProjectedDiscriminator),
}

impl Critic {
    /// A new discriminator of `kind` (the projected one loads the loss network).
    pub fn new(kind: CriticKind, config: &StyleGanConfig, device: &Device) -> Result<Self> {
        Ok(match kind {
            CriticKind::Residual => Critic::Residual(ResidualDiscriminator::new(config, device)),
            CriticKind::Projected { input_size } => {
                if input_size < 32 || input_size % 16 != 0 {
                    return Err(AtelierError::BadConfig(format!("projected discriminator input {input_size}: use a multiple of 16, at least 32")));
                }
                let features = crate::train::load_lossnet(None, device)?;
                Critic::Projected(ProjectedDiscriminator::new(features, input_size, device))
            }
        })
    }

    /// RGB in `[-1, 1]` → realism logits `[N, k]` (k = 1 for the residual discriminator, one per
    /// patch and level for the projected one).
    pub fn forward(&self, rgb: Tensor<4>) -> Tensor<2> {
        match self {
            Critic::Residual(d) => d.forward(rgb),
            Critic::Projected(d) => d.forward(rgb),
        }
    }

    /// One optimizer step down the gradient of `loss`.
    pub fn step(self, optim: &mut ModuleOptimizer, lr: f64, loss: Tensor<1>) -> Self {
        match self {
            Critic::Residual(d) => Critic::Residual(descend(d, optim, lr, loss)),
            Critic::Projected(d) => Critic::Projected(descend(d, optim, lr, loss)),
        }
    }

    /// The weights saved as `name` in `run`.
    pub fn load(self, run: &RunDir, name: &str) -> Result<Self> {
        Ok(match self {
            Critic::Residual(d) => Critic::Residual(run.load(name, d)?),
            Critic::Projected(d) => Critic::Projected(run.load(name, d)?.frozen()),
        })
    }
}

impl Checkpointed for Critic {
    fn save_as(&self, run: &RunDir, name: &str) -> Result<()> {
        match self {
            Critic::Residual(d) => run.save(name, d),
            Critic::Projected(d) => run.save(name, d),
        }
    }
}
