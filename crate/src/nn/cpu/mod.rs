//! The CPU inference path behind the `nn` blocks: the same layers as `ReflectConv2d`,
//! `UpsampleConv`, `ConvNormAct` and `ResidualBlock`, walked in a network's [`crate::nn::Plan`] ([`CpuPlan`]), computed by kernels made for these
//! networks instead of burn's generic ones (`browser-speed.md` in the design notes says why):
//! NHWC maps, a register-blocked micro-kernel sized for V8's 15 SIMD registers, reflection
//! padding folded into the indexing, Winograd F(2×2, 3×3) for the stride-1 3×3 convolutions,
//! nearest-×2 upsampling + 3×3 as four 2×2 convolutions at the low resolution, and instance-norm
//! statistics gathered while the convolution stores its output.
//!
//! Inference only, with the weights read once from the burn modules (so there is one definition
//! of each network). Layer shapes without a kernel here return `None` and the caller stays on
//! burn. Tests hold the results to burn's (≥ 50 dB PSNR on a photo, for every shipped model).

mod conv;
mod kernel;
mod layers;
mod modulated;
mod norm;
mod pass;
mod plan;
mod simd;

pub use layers::{CpuConv, CpuNorm, activate, read_conv};
pub use modulated::CpuModulated;
pub use norm::Act;
pub use pass::{Alone, Pass, Reduce};
pub use plan::{CpuPlan, CpuResidual};

use crate::image::Planar;

/// A feature map, channels last: `data[(y · width + x) · channels + c]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Hwc {
    pub height: usize,
    pub width: usize,
    pub channels: usize,
    pub data: Vec<f32>,
}

impl Hwc {
    /// An image as a network input: `pixel(r, g, b, out)` pushes the input channels of one pixel;
    /// the map is reflection-padded at the bottom and right to multiples of `multiple` (one
    /// reflection: `multiple` must be under the image's sides).
    pub fn from_planar(image: &Planar, multiple: usize, channels: usize, pixel: impl Fn(f32, f32, f32, &mut Vec<f32>)) -> Hwc {
        let rows = 0..image.height.next_multiple_of(multiple);
        Self::from_planar_rows(image, 0, image.height, rows, multiple, channels, pixel)
    }

    /// Rows `rows` of the padded input map of an image `full_height` rows high, of which `image`
    /// holds rows `top..top + image.height` (a band of it, with its halo).
    pub fn from_planar_rows(
        image: &Planar,
        top: usize,
        full_height: usize,
        rows: std::ops::Range<usize>,
        multiple: usize,
        channels: usize,
        pixel: impl Fn(f32, f32, f32, &mut Vec<f32>),
    ) -> Hwc {
        let (w, h) = (image.width, image.height);
        let pw = w.next_multiple_of(multiple);
        let plane = w * h;
        let mirror = |i: usize, n: usize| kernel::reflect(i as isize, n);
        let mut data = Vec::with_capacity(pw * rows.len() * channels);
        for y in rows.clone() {
            let row = mirror(y, full_height).saturating_sub(top).min(h - 1) * w;
            for x in 0..pw {
                let i = row + mirror(x, w);
                pixel(image.data[i], image.data[plane + i], image.data[2 * plane + i], &mut data);
            }
        }
        Hwc { height: rows.len(), width: pw, channels, data }
    }

    /// Rows `rows` and the first `w` columns as planar RGB, `pixel(channels, index in the
    /// output plane)` giving each output pixel from the map's channels there.
    pub fn to_planar(&self, w: usize, rows: std::ops::Range<usize>, pixel: impl Fn(&[f32], usize) -> [f32; 3]) -> Planar {
        let h = rows.len();
        let mut out = Planar::new(w, h);
        let plane = w * h;
        for (oy, y) in rows.enumerate() {
            for x in 0..w {
                let i = oy * w + x;
                let rgb = pixel(&self.data[(y * self.width + x) * self.channels..][..self.channels], i);
                for (c, v) in rgb.iter().enumerate() {
                    out.data[c * plane + i] = *v;
                }
            }
        }
        out
    }

    /// A planar `[c][h][w]` map (a burn tensor's layout) channels last.
    pub fn from_chw(chw: &[f32], channels: usize, height: usize, width: usize) -> Hwc {
        let plane = height * width;
        let data = (0..plane).flat_map(|p| (0..channels).map(move |i| chw[i * plane + p])).collect();
        Hwc { height, width, channels, data }
    }

    /// Bilinear resampling to `height` × `width`, as burn's interpolate does it: with
    /// `align_corners` the corner pixels map onto each other, otherwise pixel centres do
    /// (half-pixel), and a coordinate before the first pixel reads the first.
    pub fn bilinear(&self, height: usize, width: usize, align_corners: bool) -> Hwc {
        let taps = |n: usize, out: usize| -> Vec<(usize, usize, f32)> {
            (0..out)
                .map(|o| {
                    let src = if align_corners {
                        o as f64 * (n as f64 - 1.0) / (out.max(2) - 1) as f64
                    } else {
                        (o as f64 + 0.5) * n as f64 / out as f64 - 0.5
                    };
                    let lo = src.max(0.0).floor() as usize;
                    (lo, (lo + 1).min(n - 1), (src - lo as f64).max(0.0) as f32)
                })
                .collect()
        };
        let (ty, tx, c) = (taps(self.height, height), taps(self.width, width), self.channels);
        let mut data = vec![0.0f32; height * width * c];
        let at = |y: usize, x: usize| &self.data[(y * self.width + x) * c..][..c];
        for (oy, &(y0, y1, wy)) in ty.iter().enumerate() {
            for (ox, &(x0, x1, wx)) in tx.iter().enumerate() {
                let out = &mut data[(oy * width + ox) * c..][..c];
                let (a, b, p, q) = (at(y0, x0), at(y0, x1), at(y1, x0), at(y1, x1));
                for k in 0..c {
                    let top = a[k] * (1.0 - wx) + b[k] * wx;
                    let bottom = p[k] * (1.0 - wx) + q[k] * wx;
                    out[k] = top * (1.0 - wy) + bottom * wy;
                }
            }
        }
        Hwc { height, width, channels: c, data }
    }

    /// Channels `a` then `b`, pixel by pixel (the U-Net's skip connections).
    pub fn concat(a: &Hwc, b: &Hwc) -> Hwc {
        assert!(a.height == b.height && a.width == b.width);
        let channels = a.channels + b.channels;
        let mut data = Vec::with_capacity(a.height * a.width * channels);
        for (pa, pb) in a.data.chunks_exact(a.channels).zip(b.data.chunks_exact(b.channels)) {
            data.extend_from_slice(pa);
            data.extend_from_slice(pb);
        }
        Hwc { height: a.height, width: a.width, channels, data }
    }
}
