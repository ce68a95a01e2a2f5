//! StyleGAN2's modulated convolution ([`ModulatedConv2d`]) on the CPU path, in its non-fused
//! form: the input scaled by the sample's style (with nearest ×2 and StyleGAN's zero padding in
//! the same copy), one convolution with the shared kernel, the output scaled by the
//! demodulation factor; the layer's noise, bias and activation follow in the same pass.

use super::conv::valid;
use super::kernel::{pack_weights, pad_cout};
use super::{Act, Hwc};
use crate::error::Result;
use crate::image::read_f32;
use crate::nn::{ModulatedConv2d, StyleScales};

type Valid = fn(&Hwc, &[f32], &[f32], &mut Vec<f32>) -> (usize, usize);

/// The kernel for a K×K convolution of this shape (the small StyleGAN's layers): (function,
/// stored output channels, micro-kernel width).
fn kernel(cin: usize, cout: usize, k: usize) -> Option<(Valid, usize, usize)> {
    Some(match (cin, cout, k) {
        (128, 128, 3) => (valid::<128, 128, 128, 3, 4, 2>, 128, 8),
        (128, 64, 3) => (valid::<128, 64, 64, 3, 4, 2>, 64, 8),
        (64, 64, 3) => (valid::<64, 64, 64, 3, 4, 2>, 64, 8),
        (64, 32, 3) => (valid::<64, 32, 32, 3, 4, 2>, 32, 8),
        (32, 32, 3) => (valid::<32, 32, 32, 3, 4, 2>, 32, 8),
        (32, 16, 3) => (valid::<32, 16, 16, 3, 4, 2>, 16, 8),
        (16, 16, 3) => (valid::<16, 16, 16, 3, 4, 2>, 16, 8),
        // ToRGB: 1×1 to three channels, stored as four.
        (128, 3, 1) => (valid::<128, 4, 4, 1, 4, 1>, 4, 4),
        (64, 3, 1) => (valid::<64, 4, 4, 1, 4, 1>, 4, 4),
        (32, 3, 1) => (valid::<32, 4, 4, 1, 4, 1>, 4, 4),
        (16, 3, 1) => (valid::<16, 4, 4, 1, 4, 1>, 4, 4),
        _ => return None,
    })
}

/// A modulated convolution ready for [`CpuModulated::forward`].
#[derive(Debug, Clone)]
pub struct CpuModulated {
    kernel: Valid,
    weights: Vec<f32>,
    zero_bias: Vec<f32>,
    scales: StyleScales,
    k: usize,
    upsample: Upsample,
    cout: usize,
    stored: usize,
}

/// What comes before the convolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Upsample {
    None,
    Nearest,
    /// Bilinear ×2 with half-pixel centres (as burn's interpolate without aligned corners).
    Bilinear,
}

impl CpuModulated {
    /// The layer on the CPU path, or `None` if its shape has no kernel here.
    pub async fn new(layer: &ModulatedConv2d) -> Result<Option<Self>> {
        let [cout, cin, k, _] = layer.weight.dims();
        let Some((kernel, stored, nb)) = self::kernel(cin, cout, k) else {
            return Ok(None);
        };
        let w = read_f32(layer.scaled_weight()).await?;
        let scales = StyleScales::new(layer, &w).await?;
        let (w, zero_bias) = pad_cout(&w, &vec![0.0; cout], cout, stored);
        Ok(Some(Self {
            kernel,
            weights: pack_weights(&w, stored, cin, k, k, nb),
            zero_bias,
            scales,
            k,
            upsample: match (layer.upsample, layer.smooth) {
                (false, _) => Upsample::None,
                (true, false) => Upsample::Nearest,
                (true, true) => Upsample::Bilinear,
            },
            cout,
            stored,
        }))
    }

    /// `act(gain · (conv(x · style) · demod + noise + bias))` for one sample's latent `w`;
    /// `noise` holds one value per output pixel.
    pub fn forward(&self, x: &Hwc, w: &[f32], noise: Option<&[f32]>, bias: &[f32], act: Act, gain: f32) -> Hwc {
        let (style, demod) = self.scales.of(w);
        let input = styled_input(x, &style, self.upsample, self.k / 2);
        let mut data = Vec::new();
        let (height, width) = (self.kernel)(&input, &self.weights, &self.zero_bias, &mut data);
        for (p, px) in data.chunks_exact_mut(self.stored).enumerate() {
            let n = noise.map_or(0.0, |n| n[p]);
            for (o, v) in px.iter_mut().take(self.cout).enumerate() {
                let y = *v * demod[o] + n + bias[o];
                *v = gain
                    * match act {
                        Act::Linear => y,
                        Act::Relu => y.max(0.0),
                        Act::LeakyRelu(slope) => y.max(slope * y),
                    };
            }
        }
        Hwc { height, width, channels: self.stored, data }
    }
}

/// `x` with each channel times its style, upsampled ×2 if asked, and `pad` zeros around it.
fn styled_input(x: &Hwc, style: &[f32], upsample: Upsample, pad: usize) -> Hwc {
    if upsample == Upsample::Bilinear {
        // Linear: the style can be applied after the interpolation.
        return styled_input(&x.bilinear(2 * x.height, 2 * x.width, false), style, Upsample::None, pad);
    }
    let f = if upsample == Upsample::Nearest { 2 } else { 1 };
    let (h, w, c) = (x.height * f + 2 * pad, x.width * f + 2 * pad, x.channels);
    let mut data = vec![0.0f32; h * w * c];
    for y in 0..x.height * f {
        for xx in 0..x.width * f {
            let src = &x.data[((y / f) * x.width + xx / f) * c..][..c];
            let dst = &mut data[((y + pad) * w + xx + pad) * c..][..c];
            for ((d, s), g) in dst.iter_mut().zip(src).zip(style) {
                *d = s * g;
            }
        }
    }
    Hwc { height: h, width: w, channels: c, data }
}
