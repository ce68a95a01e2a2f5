//! One file per network family.

pub mod fast_style;
pub mod patchgan;

pub use fast_style::{FastStyleConfig, FastStyleNet};
pub use patchgan::{PatchDiscriminator, PatchDiscriminatorConfig};
