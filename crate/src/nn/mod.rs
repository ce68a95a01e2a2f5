//! Building blocks shared by every network: reflection-padded convolutions, instance norm with
//! shareable statistics (for seamless tiles), nearest-upsample + conv, residual blocks; equalised-learning-rate layers and StyleGAN2's modulated convolution.
//! [`plan`] writes each image-to-image network's layer order once; [`cpu`] computes the same
//! blocks for inference on the CPU with kernels made for them, walking that plan.

mod blocks;
mod colour;
mod conv;
pub mod cpu;
mod equal;
mod modulated;
mod norm;
pub mod plan;

pub use blocks::{ConvNormAct, ResidualBlock};
pub use colour::{chroma, from_ycbcr, luminance};
pub use conv::{ReflectConv2d, UpsampleConv, crop_to, pad_to_multiple};
pub use equal::{EqualConv2d, EqualLinear, lrelu_gain};
pub use modulated::{ModulatedConv2d, StyleScales};
pub use norm::{InstanceNorm, NormState};
pub use plan::{Act, Layer, Plan};
