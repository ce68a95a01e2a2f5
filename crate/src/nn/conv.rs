use burn::module::Module;
use burn::nn::PaddingConfig2d;
use burn::nn::conv::{Conv2d, Conv2dConfig};
use burn::tensor::module::interpolate;
use burn::tensor::ops::{InterpolateMode, InterpolateOptions, PadMode};
use burn::tensor::{Device, Tensor};

/// A convolution whose input is reflection-padded first: the same padding in training and
/// inference, and no dark frame along the border (zero padding leaves one).
#[derive(Module, Debug)]
pub struct ReflectConv2d {
    pub conv: Conv2d,
    pub pad: usize,
}

impl ReflectConv2d {
    pub fn new(c_in: usize, c_out: usize, kernel: usize, stride: usize, device: &Device) -> Self {
        let conv = Conv2dConfig::new([c_in, c_out], [kernel, kernel]).with_stride([stride, stride]).with_padding(PaddingConfig2d::Valid).init(device);
        Self { conv, pad: kernel / 2 }
    }

    pub fn forward(&self, x: Tensor<4>) -> Tensor<4> {
        let x = if self.pad > 0 {
            let p = self.pad;
            x.pad([(p, p), (p, p)], PadMode::Reflect)
        } else {
            x
        };
        self.conv.forward(x)
    }
}

/// Nearest-neighbour ×2 upsampling followed by a convolution. Unlike a transposed convolution it
/// cannot produce checkerboard artefacts (Odena et al., 2016).
#[derive(Module, Debug)]
pub struct UpsampleConv {
    pub conv: ReflectConv2d,
}

impl UpsampleConv {
    pub fn new(c_in: usize, c_out: usize, kernel: usize, device: &Device) -> Self {
        Self { conv: ReflectConv2d::new(c_in, c_out, kernel, 1, device) }
    }

    pub fn forward(&self, x: Tensor<4>) -> Tensor<4> {
        let [_, _, h, w] = x.dims();
        let up = interpolate(x, InterpolateOptions::new(InterpolateMode::Nearest).with_output_size([h * 2, w * 2]));
        self.conv.forward(up)
    }
}

/// Reflection-pad the bottom and right of `x` up to multiples of `multiple` (a network that
/// halves the size `k` times needs multiples of `2^k`). Reflection cannot reach further than the
/// image is wide, so a small image is padded in several rounds.
pub fn pad_to_multiple(mut x: Tensor<4>, multiple: usize) -> Tensor<4> {
    let [_, _, h, w] = x.dims();
    let (th, tw) = (h.div_ceil(multiple) * multiple, w.div_ceil(multiple) * multiple);
    loop {
        let [_, _, ch, cw] = x.dims();
        if (ch, cw) == (th, tw) {
            return x;
        }
        if ch < 2 || cw < 2 {
            // A single row or column has nothing to mirror: repeat it.
            return x.pad([(0, th - ch), (0, tw - cw)], PadMode::Edge);
        }
        let (ph, pw) = ((th - ch).min(ch - 1), (tw - cw).min(cw - 1));
        x = x.pad([(0, ph), (0, pw)], PadMode::Reflect);
    }
}

/// The top-left `h`×`w` of `x` (undoes [`pad_to_multiple`]).
pub fn crop_to(x: Tensor<4>, h: usize, w: usize) -> Tensor<4> {
    let [n, c, ch, cw] = x.dims();
    if (ch, cw) == (h, w) { x } else { x.slice([0..n, 0..c, 0..h, 0..w]) }
}
