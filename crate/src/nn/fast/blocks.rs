//! [`crate::nn::ConvNormAct`] and [`crate::nn::ResidualBlock`] on the CPU path.

use super::{Act, FastConv, FastNorm, Hwc, Pass, Reduce};
use crate::error::Result;
use crate::nn::{ConvNormAct, ResidualBlock};

/// [`ConvNormAct`] on the CPU path.
#[derive(Debug, Clone)]
pub struct FastConvNormAct {
    conv: FastConv,
    norm: FastNorm,
}

impl FastConvNormAct {
    pub async fn new(block: &ConvNormAct) -> Result<Option<Self>> {
        let conv = match (&block.conv, &block.up) {
            (Some(conv), _) => FastConv::from_reflect(conv).await?,
            (None, Some(up)) => FastConv::from_upsample(up).await?,
            (None, None) => None,
        };
        let Some(conv) = conv else { return Ok(None) };
        Ok(Some(Self { conv, norm: FastNorm::new(&block.norm).await? }))
    }

    pub async fn forward<R: Reduce>(&self, x: &Hwc, pass: &mut Pass<'_, R>) -> Result<Hwc> {
        let mut y = pass.conv(&self.conv, x);
        pass.norm(&self.norm, &mut y, Act::Relu, None).await?;
        Ok(y)
    }
}

/// [`ResidualBlock`] on the CPU path.
#[derive(Debug, Clone)]
pub struct FastResidual {
    conv1: FastConv,
    norm1: FastNorm,
    conv2: FastConv,
    norm2: FastNorm,
}

impl FastResidual {
    pub async fn new(block: &ResidualBlock) -> Result<Option<Self>> {
        let (Some(conv1), Some(conv2)) = (FastConv::from_reflect(&block.conv1).await?, FastConv::from_reflect(&block.conv2).await?) else {
            return Ok(None);
        };
        Ok(Some(Self { conv1, norm1: FastNorm::new(&block.norm1).await?, conv2, norm2: FastNorm::new(&block.norm2).await? }))
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

