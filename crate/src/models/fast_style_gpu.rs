//! [`FastStyleNet`] (and so CycleGAN's [`super::ResnetGenerator`]) on the WebGPU path of
//! [`crate::gpu`]: the layers of [`FastStyleNet::forward`], in its order.

use std::rc::Rc;

use super::fast_style::{FastStyleNet, SIZE_MULTIPLE};
use super::fast_style_cpu::{MIN_SIDE, rgb, sigmoid_rgb};
use crate::error::Result;
use crate::gpu::{Gpu, GpuConv, GpuMap, GpuNorm, GpuPass};
use crate::image::Planar;
use crate::nn::fast::{Act, Hwc};
use crate::nn::{ConvNormAct, NormState};

/// A convolution and the instance norm after it.
type ConvNorm = (GpuConv, GpuNorm);

/// The network on the GPU. Build it with [`FastStyleNet::to_gpu`].
pub struct FastStyleGpu {
    gpu: Rc<Gpu>,
    down: Vec<ConvNorm>,
    res: Vec<[ConvNorm; 2]>,
    up: Vec<ConvNorm>,
    out: GpuConv,
}

async fn conv_norm(gpu: &Gpu, block: &ConvNormAct) -> Result<Option<ConvNorm>> {
    let conv = match (&block.conv, &block.up) {
        (Some(conv), _) => GpuConv::from_reflect(gpu, conv, None).await?,
        (None, Some(up)) => GpuConv::from_upsample(gpu, up, None).await?,
        (None, None) => None,
    };
    Ok(match conv {
        Some(conv) => Some((conv, GpuNorm::new(gpu, &block.norm).await?)),
        None => None,
    })
}

impl FastStyleNet {
    /// This network on the GPU, or `None` if a layer has no kernel there.
    pub async fn to_gpu(&self, gpu: &Rc<Gpu>) -> Result<Option<FastStyleGpu>> {
        let mut down = Vec::new();
        for block in [&self.down1, &self.down2, &self.down3] {
            let Some(layer) = conv_norm(gpu, block).await? else { return Ok(None) };
            down.push(layer);
        }
        let mut res = Vec::new();
        for block in &self.res {
            let (Some(c1), Some(c2)) = (GpuConv::from_reflect(gpu, &block.conv1, None).await?, GpuConv::from_reflect(gpu, &block.conv2, None).await?) else {
                return Ok(None);
            };
            res.push([(c1, GpuNorm::new(gpu, &block.norm1).await?), (c2, GpuNorm::new(gpu, &block.norm2).await?)]);
        }
        let mut up = Vec::new();
        for block in [&self.up1, &self.up2] {
            let Some(layer) = conv_norm(gpu, block).await? else { return Ok(None) };
            up.push(layer);
        }
        let Some(out) = GpuConv::from_reflect(gpu, &self.out, None).await? else { return Ok(None) };
        Ok(Some(FastStyleGpu { gpu: Rc::clone(gpu), down, res, up, out }))
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
        let mut y = pass.upload(&[&x])?;
        let block = |pass: &mut GpuPass<'_>, (conv, norm): &ConvNorm, x: &GpuMap, act: Act, skip: Option<&GpuMap>| -> Result<GpuMap> {
            let y = pass.conv(conv, x, Act::Linear, 1.0, None, None)?;
            pass.norm(norm, &y, act, skip)?;
            Ok(y)
        };
        for layer in &self.down {
            y = block(&mut pass, layer, &y, Act::Relu, None)?;
        }
        for [first, second] in &self.res {
            let t = block(&mut pass, first, &y, Act::Relu, None)?;
            y = block(&mut pass, second, &t, Act::Linear, Some(&y))?;
        }
        for layer in &self.up {
            y = block(&mut pass, layer, &y, Act::Relu, None)?;
        }
        let out = pass.conv(&self.out, &y, Act::Linear, 1.0, None, None)?;
        let (height, width) = (out.height, out.width);
        let data = pass.finish(&out).await?;
        Ok(Some(Hwc { height, width, channels: 4, data }.to_planar(w, 0..h, sigmoid_rgb)))
    }
}
