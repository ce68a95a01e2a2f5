//! A network's [`Plan`] on the CPU path: each layer's weights read once from the burn module,
//! walked in the plan's order.

use super::{Act, CpuConv, CpuNorm, Hwc, Pass, Reduce, activate};
use crate::error::Result;
use crate::nn::ResidualBlock;
use crate::nn::plan::{Conv, Layer, Plan};

/// [`ResidualBlock`] on the CPU path.
#[derive(Debug, Clone)]
pub struct CpuResidual {
    conv1: CpuConv,
    norm1: CpuNorm,
    conv2: CpuConv,
    norm2: CpuNorm,
}

impl CpuResidual {
    pub async fn new(block: &ResidualBlock) -> Result<Option<Self>> {
        let (Some(conv1), Some(conv2)) = (CpuConv::from_reflect(&block.conv1).await?, CpuConv::from_reflect(&block.conv2).await?) else {
            return Ok(None);
        };
        Ok(Some(Self { conv1, norm1: CpuNorm::new(&block.norm1).await?, conv2, norm2: CpuNorm::new(&block.norm2).await? }))
    }

    pub async fn forward<R: Reduce>(&self, x: &Hwc, pass: &mut Pass<'_, R>) -> Result<Hwc> {
        let mut y = pass.conv(&self.conv1, x);
        pass.norm(&self.norm1, &mut y, Act::Relu, None).await?;
        let mut z = pass.conv(&self.conv2, &y);
        drop(y);
        pass.norm(&self.norm2, &mut z, Act::Linear, Some(x)).await?;
        Ok(z)
    }
}

/// One [`Layer`] on the CPU path.
#[derive(Debug, Clone)]
enum CpuLayer {
    Conv { conv: CpuConv, norm: Option<CpuNorm>, act: Act },
    Residual(CpuResidual),
    Save,
    Concat,
}

/// A [`Plan`] compiled for the CPU path.
#[derive(Debug, Clone)]
pub struct CpuPlan {
    layers: Vec<CpuLayer>,
}

impl CpuPlan {
    /// The plan's layers on the CPU path, or `None` if a layer's shape has no kernel here.
    pub async fn new(plan: &Plan<'_>) -> Result<Option<Self>> {
        let mut layers = Vec::with_capacity(plan.layers.len());
        for layer in &plan.layers {
            layers.push(match *layer {
                Layer::Conv { conv, norm, act } => {
                    let conv = match conv {
                        Conv::Reflect(c) => CpuConv::from_reflect(c).await?,
                        Conv::Upsample(c) => CpuConv::from_upsample(c).await?,
                        Conv::Identity => None,
                    };
                    let Some(conv) = conv else { return Ok(None) };
                    let norm = match norm {
                        Some(n) => Some(CpuNorm::new(n).await?),
                        None => None,
                    };
                    CpuLayer::Conv { conv, norm, act }
                }
                Layer::Residual(block) => match CpuResidual::new(block).await? {
                    Some(block) => CpuLayer::Residual(block),
                    None => return Ok(None),
                },
                Layer::Save => CpuLayer::Save,
                Layer::Concat => CpuLayer::Concat,
            });
        }
        Ok(Some(Self { layers }))
    }

    /// Output channels of the last convolution (the network's output).
    pub fn out_channels(&self) -> Option<usize> {
        self.layers.iter().rev().find_map(|layer| match layer {
            CpuLayer::Conv { conv, .. } => Some(conv.out_channels()),
            _ => None,
        })
    }

    /// The plan's layers over `x`, in order.
    pub async fn forward<R: Reduce>(&self, x: Hwc, pass: &mut Pass<'_, R>) -> Result<Hwc> {
        let mut y = x;
        let mut saved = Vec::new();
        for layer in &self.layers {
            match layer {
                CpuLayer::Conv { conv, norm, act } => {
                    y = pass.conv(conv, &y);
                    match norm {
                        Some(norm) => pass.norm(norm, &mut y, *act, None).await?,
                        None => activate(&mut y, *act),
                    }
                }
                CpuLayer::Residual(block) => y = block.forward(&y, pass).await?,
                CpuLayer::Save => saved.push(y.clone()),
                CpuLayer::Concat => {
                    if let Some(skip) = saved.pop() {
                        y = Hwc::concat(&y, &skip);
                    }
                }
            }
        }
        Ok(y)
    }
}
