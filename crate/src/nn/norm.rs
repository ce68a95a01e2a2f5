use burn::module::{Module, Param};
use burn::nn::Initializer;
use burn::tensor::{Device, Tensor, TensorData};

/// Where the instance-norm layers of one forward pass take their statistics from.
///
/// Large images are stylized in tiles. If every tile normalised with its own mean and variance,
/// a sky tile and a forest tile would be brightened differently and the seams would show. So a
/// first pass over a downscaled copy of the whole image *records* every layer's statistics, and
/// each tile then *shares* them.
#[derive(Debug, Default)]
pub struct NormState {
    mode: NormMode,
    stats: Vec<LayerStats>,
    cursor: usize,
}

/// One layer's per-channel mean and variance: on the tensor's device, or in host memory (the
/// CPU inference path, [`crate::nn::cpu`]). A pass may use statistics the other kind recorded.
#[derive(Debug, Clone)]
#[allow(clippy::large_enum_variant)] // a handful per pass
enum LayerStats {
    Device(Tensor<4>, Tensor<4>),
    Host(Vec<f32>, Vec<f32>),
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

    /// The recorded statistics as one list of floats (per layer: channels, means, variances),
    /// to share with another worker; `None` if any were recorded on a device.
    pub fn snapshot(&self) -> Option<Vec<f32>> {
        let mut out = Vec::new();
        for s in &self.stats {
            let LayerStats::Host(mean, var) = s else { return None };
            out.push(mean.len() as f32);
            out.extend_from_slice(mean);
            out.extend_from_slice(var);
        }
        Some(out)
    }

    /// Shared statistics from a [`NormState::snapshot`]; `None` if the list is malformed.
    pub fn shared_from_snapshot(mut data: &[f32]) -> Option<Self> {
        let mut stats = Vec::new();
        while let Some((&c, rest)) = data.split_first() {
            let c = c as usize;
            if c == 0 || rest.len() < 2 * c {
                return None;
            }
            stats.push(LayerStats::Host(rest[..c].to_vec(), rest[c..2 * c].to_vec()));
            data = &rest[2 * c..];
        }
        Some(Self { mode: NormMode::Shared, stats, cursor: 0 })
    }

    /// Whether this pass normalises with statistics recorded by an earlier one.
    pub fn is_shared(&self) -> bool {
        self.mode == NormMode::Shared
    }

    /// Start again at the first layer (call before each tile).
    pub fn rewind(&mut self) {
        self.cursor = 0;
    }

    /// The next shared layer's statistics, if this pass shares them.
    fn next_shared(&mut self) -> Option<LayerStats> {
        if self.mode != NormMode::Shared {
            return None;
        }
        let stats = self.stats.get(self.cursor).cloned();
        self.cursor += 1;
        if stats.is_none() {
            // A mismatch (another network) must not crash: fall back to own statistics.
            log::warn!("shared instance-norm statistics exhausted; using the tile's own");
        }
        stats
    }

    fn stats_for(&mut self, x: &Tensor<4>) -> (Tensor<4>, Tensor<4>) {
        let [n, c, h, w] = x.dims();
        match self.next_shared() {
            Some(LayerStats::Device(mean, var)) => return (mean, var),
            Some(LayerStats::Host(mean, var)) if mean.len() == c => {
                let t = |v: Vec<f32>| Tensor::from_data(TensorData::new(v, [1, c, 1, 1]), &x.device());
                return (t(mean), t(var));
            }
            _ => {}
        }
        let (var, mean) = x.clone().reshape([n, c, h * w]).var_mean_bias(2);
        let stats = (mean.reshape([n, c, 1, 1]), var.reshape([n, c, 1, 1]));
        if self.mode == NormMode::Record {
            self.stats.push(LayerStats::Device(stats.0.clone().detach(), stats.1.clone().detach()));
        }
        stats
    }

    /// Per-channel (mean, biased variance) for the CPU inference path: the shared ones, or
    /// `own()` (computed from the layer's output), recorded when this pass records.
    pub fn host_stats(&mut self, channels: usize, own: impl FnOnce() -> (Vec<f32>, Vec<f32>)) -> (Vec<f32>, Vec<f32>) {
        if let Some(stats) = self.shared_host(channels) {
            return stats;
        }
        let stats = own();
        self.push_recorded(stats.0.clone(), stats.1.clone());
        stats
    }

    /// The next layer's shared statistics in host memory, if this pass shares them (the GPU
    /// path uploads them; it computes its own otherwise and records them with
    /// [`NormState::push_recorded`] once they are read back).
    pub fn shared_host(&mut self, channels: usize) -> Option<(Vec<f32>, Vec<f32>)> {
        match self.next_shared() {
            Some(LayerStats::Host(mean, var)) if mean.len() == channels => Some((mean, var)),
            // Device statistics cannot be read synchronously in the browser; a pass never mixes them.
            Some(_) => {
                log::warn!("shared instance-norm statistics of another kind; using the tile's own");
                None
            }
            None => None,
        }
    }

    /// Whether this pass records its statistics.
    pub fn records(&self) -> bool {
        self.mode == NormMode::Record
    }

    /// Record one layer's statistics (in layer order), if this pass records.
    pub fn push_recorded(&mut self, mean: Vec<f32>, var: Vec<f32>) {
        if self.records() {
            self.stats.push(LayerStats::Host(mean, var));
        }
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
        Self { gamma: Initializer::Ones.init([channels], device), beta: Initializer::Zeros.init([channels], device), epsilon: 1e-5 }
    }

    pub fn forward(&self, x: Tensor<4>, state: &mut NormState) -> Tensor<4> {
        let c = x.dims()[1];
        let (mean, var) = state.stats_for(&x);
        let x_hat = (x - mean) / (var + self.epsilon).sqrt();
        x_hat * self.gamma.val().reshape([1, c, 1, 1]) + self.beta.val().reshape([1, c, 1, 1])
    }
}
