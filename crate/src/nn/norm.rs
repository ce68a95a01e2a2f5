use burn::module::{Module, Param};
use burn::nn::Initializer;
use burn::tensor::{Device, Tensor};

/// Where the instance-norm layers of one forward pass take their statistics from.
///
/// Large images are stylized in tiles. If every tile normalised with its own mean and variance,
/// a sky tile and a forest tile would be brightened differently and the seams would show. So a
/// first pass over a downscaled copy of the whole image *records* every layer's statistics, and
/// each tile then *shares* them.
#[derive(Debug, Default)]
pub struct NormState {
    mode: NormMode,
    stats: Vec<(Tensor<4>, Tensor<4>)>,
    cursor: usize,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum NormMode {
    /// Ordinary instance norm: each sample's own statistics.
    #[default]
    Own,
    /// Own statistics, and remember them (batch of one).
    Record,
    /// Use remembered statistics, layer by layer.
    Shared,
}

impl NormState {
    /// Plain instance normalisation.
    pub fn own() -> Self {
        Self::default()
    }

    /// Normalise with the pass's own statistics and keep them for [`NormState::into_shared`].
    pub fn record() -> Self {
        Self { mode: NormMode::Record, ..Self::default() }
    }

    /// Turn recorded statistics into shared ones, for the tiles that follow.
    pub fn into_shared(self) -> Self {
        Self { mode: NormMode::Shared, stats: self.stats, cursor: 0 }
    }

    /// Start again at the first layer (call before each tile).
    pub fn rewind(&mut self) {
        self.cursor = 0;
    }

    fn stats_for(&mut self, x: &Tensor<4>) -> (Tensor<4>, Tensor<4>) {
        if self.mode == NormMode::Shared {
            if let Some(s) = self.stats.get(self.cursor) {
                self.cursor += 1;
                return s.clone();
            }
            // A mismatch (another network) must not crash: fall back to own statistics.
            log::warn!("shared instance-norm statistics exhausted; using the tile's own");
        }
        let [n, c, h, w] = x.dims();
        let (var, mean) = x.clone().reshape([n, c, h * w]).var_mean_bias(2);
        let stats = (mean.reshape([n, c, 1, 1]), var.reshape([n, c, 1, 1]));
        if self.mode == NormMode::Record {
            self.stats.push((stats.0.clone().detach(), stats.1.clone().detach()));
        }
        stats
    }
}

/// Instance normalisation (Ulyanov et al., 2016) with a learned per-channel scale and shift.
#[derive(Module, Debug)]
pub struct InstanceNorm {
    pub gamma: Param<Tensor<1>>,
    pub beta: Param<Tensor<1>>,
    pub epsilon: f64,
}

impl InstanceNorm {
    pub fn new(channels: usize, device: &Device) -> Self {
        Self {
            gamma: Initializer::Ones.init([channels], device),
            beta: Initializer::Zeros.init([channels], device),
            epsilon: 1e-5,
        }
    }

    pub fn forward(&self, x: Tensor<4>, state: &mut NormState) -> Tensor<4> {
        let c = x.dims()[1];
        let (mean, var) = state.stats_for(&x);
        let x_hat = (x - mean) / (var + self.epsilon).sqrt();
        x_hat * self.gamma.val().reshape([1, c, 1, 1]) + self.beta.val().reshape([1, c, 1, 1])
    }
}
