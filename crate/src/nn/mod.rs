//! Building blocks shared by every network: reflection-padded convolutions, instance norm with
//! shareable statistics (for seamless tiles), nearest-upsample + conv, residual blocks.

mod blocks;
mod conv;
mod norm;

pub use blocks::{ConvNormAct, ResidualBlock};
pub use conv::{ReflectConv2d, UpsampleConv};
pub use norm::{InstanceNorm, NormState};
