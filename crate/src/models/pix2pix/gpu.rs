//! The pix2pix generator on the WebGPU path of [`crate::gpu`]: the U-Net's
//! [`super::UNet::plan`], with the input and output conventions of the CPU path.

use std::rc::Rc;

use super::cpu::{finish, prepare};
use super::{Pix2Pix, Pix2PixConfig};
use crate::error::Result;
use crate::gpu::{Gpu, GpuPass, GpuPlan};
use crate::image::Planar;
use crate::nn::NormState;
use crate::nn::cpu::Hwc;

/// A pix2pix generator on the GPU. Build it with [`Pix2Pix::to_gpu`].
pub struct Pix2PixGpu {
    gpu: Rc<Gpu>,
    config: Pix2PixConfig,
    plan: GpuPlan,
    multiple: usize,
}

impl Pix2Pix {
    /// The generator on the GPU, or `None` if a layer has no kernel there.
    pub async fn to_gpu(&self, config: &Pix2PixConfig, gpu: &Rc<Gpu>) -> Result<Option<Pix2PixGpu>> {
        let plan = GpuPlan::new(gpu, &self.generator.plan()).await?;
        Ok(plan.map(|plan| Pix2PixGpu { gpu: Rc::clone(gpu), config: *config, plan, multiple: self.generator.multiple }))
    }
}

impl Pix2PixGpu {
    /// What [`Pix2Pix::forward`] computes for one RGB image; `None` when a side is under the
    /// network's multiple.
    pub async fn forward(&self, image: &Planar, state: &mut NormState) -> Result<Option<Planar>> {
        if image.width.min(image.height) < self.multiple {
            return Ok(None);
        }
        let x = prepare(&self.config, image, self.multiple);
        let mut pass = GpuPass::new(&self.gpu, state);
        let x = pass.upload(&[&x])?;
        let out = self.plan.forward(&mut pass, x)?;
        let (height, width) = (out.height, out.width);
        let data = pass.finish(&out).await?;
        Ok(Some(finish(&self.config, &Hwc { height, width, channels: out.c4 * 4, data }, image)))
    }
}
