//! [`FastStyleNet`] (and so CycleGAN's ResNet generator) on the WebGPU path of [`crate::gpu`]:
//! the network's [`FastStyleNet::plan`] and the image's way in and out (as on the CPU path).

use std::rc::Rc;

use super::cpu::{MIN_SIDE, rgb, sigmoid_rgb};
use super::{FastStyleNet, SIZE_MULTIPLE};
use crate::error::Result;
use crate::gpu::{Gpu, GpuPass, GpuPlan};
use crate::image::Planar;
use crate::nn::NormState;
use crate::nn::cpu::Hwc;

/// The network on the GPU. Build it with [`FastStyleNet::to_gpu`].
pub struct FastStyleGpu {
    gpu: Rc<Gpu>,
    plan: GpuPlan,
}

impl FastStyleNet {
    /// This network on the GPU, or `None` if a layer has no kernel there.
    pub async fn to_gpu(&self, gpu: &Rc<Gpu>) -> Result<Option<FastStyleGpu>> {
        Ok(GpuPlan::new(gpu, &self.plan()).await?.map(|plan| FastStyleGpu { gpu: Rc::clone(gpu), plan }))
    }
}

impl FastStyleGpu {
    /// Stylize one RGB image in `[0, 1]` (what [`FastStyleNet::forward`] computes); `None` when a
    /// side is under [`MIN_SIDE`].
    pub async fn forward(&self, image: &Planar, state: &mut NormState) -> Result<Option<Planar>> {
        let (w, h) = (image.width, image.height);
        if w.min(h) < MIN_SIDE {
            return Ok(None);
        }
        let x = Hwc::from_planar(image, SIZE_MULTIPLE, 3, rgb);
        let mut pass = GpuPass::new(&self.gpu, state);
        let x = pass.upload(&[&x])?;
        let out = self.plan.forward(&mut pass, x)?;
        let (height, width) = (out.height, out.width);
        let data = pass.finish(&out).await?;
        Ok(Some(Hwc { height, width, channels: 4, data }.to_planar(w, 0..h, sigmoid_rgb)))
    }
}
