//! A network's [`Plan`] on the WebGPU path: each layer's weights uploaded once, walked in the
//! plan's order (as [`crate::nn::cpu::CpuPlan`] walks it on the CPU).

use super::{Gpu, GpuConv, GpuMap, GpuNorm, GpuPass};
use crate::error::Result;
use crate::nn::Act;
use crate::nn::plan::{Conv, Layer, Plan};

/// A convolution and the instance norm after it.
type ConvNorm = (GpuConv, GpuNorm);

/// One [`Layer`] on the GPU.
enum GpuLayer {
    Conv { conv: GpuConv, norm: Option<GpuNorm>, act: Act },
    Residual([ConvNorm; 2]),
    Save,
    Concat,
}

/// A [`Plan`] compiled for the WebGPU path.
pub struct GpuPlan {
    layers: Vec<GpuLayer>,
}

impl GpuPlan {
    /// The plan's layers on `gpu`, or `None` if a layer has no kernel there.
    pub async fn new(gpu: &Gpu, plan: &Plan<'_>) -> Result<Option<Self>> {
        let mut layers = Vec::with_capacity(plan.layers.len());
        // A convolution after a concatenation reads its input as two halves: the channels of the
        // map before it, then the saved map's.
        let (mut channels, mut split) = (0, None);
        for layer in &plan.layers {
            layers.push(match *layer {
                Layer::Conv { conv, norm, act } => {
                    let conv = match conv {
                        Conv::Reflect(c) => GpuConv::from_reflect(gpu, c, split.take()).await?,
                        Conv::Upsample(c) => GpuConv::from_upsample(gpu, c, split.take()).await?,
                        Conv::Identity => None,
                    };
                    let Some(conv) = conv else { return Ok(None) };
                    channels = conv.out_channels();
                    let norm = match norm {
                        Some(n) => Some(GpuNorm::new(gpu, n).await?),
                        None => None,
                    };
                    GpuLayer::Conv { conv, norm, act }
                }
                Layer::Residual(block) => {
                    let (Some(c1), Some(c2)) =
                        (GpuConv::from_reflect(gpu, &block.conv1, None).await?, GpuConv::from_reflect(gpu, &block.conv2, None).await?)
                    else {
                        return Ok(None);
                    };
                    GpuLayer::Residual([(c1, GpuNorm::new(gpu, &block.norm1).await?), (c2, GpuNorm::new(gpu, &block.norm2).await?)])
                }
                Layer::Save => GpuLayer::Save,
                Layer::Concat => {
                    split = Some(channels);
                    GpuLayer::Concat
                }
            });
        }
        Ok(Some(Self { layers }))
    }

    /// The plan's layers over `x`, recorded into `pass`.
    pub fn forward(&self, pass: &mut GpuPass<'_>, x: GpuMap) -> Result<GpuMap> {
        let conv_norm = |pass: &mut GpuPass<'_>, conv: &GpuConv, norm: &GpuNorm, x: &GpuMap, act: Act, skip: Option<&GpuMap>| -> Result<GpuMap> {
            let y = pass.conv(conv, x, Act::Linear, 1.0, None, None)?;
            pass.norm(norm, &y, act, skip)?;
            Ok(y)
        };
        let mut y = x;
        let mut saved = Vec::new();
        for layer in &self.layers {
            match layer {
                GpuLayer::Conv { conv, norm: Some(norm), act } => {
                    y = conv_norm(pass, conv, norm, &y, *act, None)?;
                }
                GpuLayer::Conv { conv, norm: None, act } => y = pass.conv(conv, &y, *act, 1.0, None, None)?,
                GpuLayer::Residual([(conv1, norm1), (conv2, norm2)]) => {
                    let t = conv_norm(pass, conv1, norm1, &y, Act::Relu, None)?;
                    y = conv_norm(pass, conv2, norm2, &t, Act::Linear, Some(&y))?;
                }
                GpuLayer::Save => saved.push(y.clone()),
                GpuLayer::Concat => {
                    if let Some(skip) = saved.pop() {
                        y = pass.concat(&y, &skip)?;
                    }
                }
            }
        }
        Ok(y)
    }
}
