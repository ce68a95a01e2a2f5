//! [`UNet`] and the pix2pix generator around it on the WebGPU path of [`crate::gpu`]: the layers
//! of [`UNet::forward`] in its order, with the input and output conventions of the CPU path.

use std::rc::Rc;

use super::pix2pix::{Pix2Pix, Pix2PixConfig};
use super::unet_cpu::{SLOPE, finish, prepare};
use crate::error::Result;
use crate::gpu::{Gpu, GpuConv, GpuNorm, GpuPass};
use crate::image::Planar;
use crate::nn::NormState;
use crate::nn::fast::{Act, Hwc};

/// A pix2pix generator on the GPU. Build it with [`Pix2Pix::to_gpu`].
pub struct Pix2PixGpu {
    gpu: Rc<Gpu>,
    config: Pix2PixConfig,
    down: Vec<(GpuConv, Option<GpuNorm>)>,
    /// Deepest first; every level but the first takes the previous one with its skip.
    up: Vec<(GpuConv, GpuNorm)>,
    out: GpuConv,
    multiple: usize,
}

impl Pix2Pix {
    /// The generator on the GPU, or `None` if a layer has no kernel there.
    pub async fn to_gpu(&self, config: &Pix2PixConfig, gpu: &Rc<Gpu>) -> Result<Option<Pix2PixGpu>> {
        let unet = &self.generator;
        // The input of a decoder conv that follows a concatenation: two halves.
        let half = |conv: &crate::nn::UpsampleConv, concatenated: bool| concatenated.then(|| conv.conv.conv.weight.dims()[1] / 2);
        let mut down = Vec::new();
        for level in &unet.down {
            let Some(conv) = GpuConv::from_reflect(gpu, &level.conv, None).await? else { return Ok(None) };
            let norm = match &level.norm {
                Some(n) => Some(GpuNorm::new(gpu, n).await?),
                None => None,
            };
            down.push((conv, norm));
        }
        let mut up = Vec::new();
        for (i, level) in unet.up.iter().enumerate() {
            let Some(conv) = GpuConv::from_upsample(gpu, &level.conv, half(&level.conv, i > 0)).await? else { return Ok(None) };
            up.push((conv, GpuNorm::new(gpu, &level.norm).await?));
        }
        let Some(out) = GpuConv::from_upsample(gpu, &unet.out, half(&unet.out, unet.down.len() > 1)).await? else { return Ok(None) };
        Ok(Some(Pix2PixGpu { gpu: Rc::clone(gpu), config: *config, down, up, out, multiple: unet.multiple }))
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
        let mut y = pass.upload(&[&x])?;
        let mut skips = Vec::with_capacity(self.down.len());
        for (conv, norm) in &self.down {
            match norm {
                Some(norm) => {
                    y = pass.conv(conv, &y, Act::Linear, 1.0, None, None)?;
                    pass.norm(norm, &y, Act::LeakyRelu(SLOPE), None)?;
                }
                None => y = pass.conv(conv, &y, Act::LeakyRelu(SLOPE), 1.0, None, None)?,
            }
            skips.push(y.clone());
        }
        skips.pop(); // the bottleneck is `y` itself
        for (conv, norm) in &self.up {
            y = pass.conv(conv, &y, Act::Linear, 1.0, None, None)?;
            pass.norm(norm, &y, Act::Relu, None)?;
            if let Some(skip) = skips.pop() {
                y = pass.concat(&y, &skip)?;
            }
        }
        let out = pass.conv(&self.out, &y, Act::Linear, 1.0, None, None)?;
        let (height, width) = (out.height, out.width);
        let data = pass.finish(&out).await?;
        Ok(Some(finish(&self.config, &Hwc { height, width, channels: out.c4 * 4, data }, image)))
    }
}
