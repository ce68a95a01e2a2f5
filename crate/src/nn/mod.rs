//! Building blocks shared by every network: reflection-padded convolutions, instance norm with
//! shareable statistics (for seamless tiles), nearest-upsample + conv, residual blocks.

mod blocks;
mod colour;
mod conv;
mod norm;

pub use blocks::{ConvNormAct, ResidualBlock};
pub use colour::{chroma, from_ycbcr, luminance};
pub use conv::{ReflectConv2d, UpsampleConv, crop_to, pad_to_multiple};
pub use norm::{InstanceNorm, NormState};
