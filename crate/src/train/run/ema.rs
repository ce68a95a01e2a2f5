//! An exponential moving average of a network's weights (Karras et al. 2018): StyleGAN samples
//! from the average of the generator's recent weights, which is smoother and better than the
//! generator at any single step.

use burn::module::{Module, ModuleMapper, ModuleVisitor, Param};
use burn::tensor::Tensor;

struct Collect(Vec<Tensor<1>>);

impl ModuleVisitor for Collect {
    fn visit_float<const D: usize>(&mut self, param: &Param<Tensor<D>>) {
        let t = param.val();
        let n = t.shape().num_elements();
        self.0.push(t.reshape([n]));
    }
}

struct Lerp {
    source: std::vec::IntoIter<Tensor<1>>,
    beta: f64,
}

impl ModuleMapper for Lerp {
    fn map_float<const D: usize>(&mut self, param: Param<Tensor<D>>) -> Param<Tensor<D>> {
        let Some(src) = self.source.next() else { return param };
        let beta = self.beta;
        param.map(|t| {
            let dims = t.dims();
            t * beta + src.reshape(dims) * (1.0 - beta)
        })
    }
}

/// `average ← β·average + (1 − β)·current`, parameter by parameter. `current` may train (its
/// autodiff graph is left alone); `average` is a plain (validation) copy of the same network.
pub fn update<M: Module>(average: M, current: &M, beta: f64) -> M {
    let mut collect = Collect(Vec::new());
    current.valid().visit(&mut collect);
    average.map(&mut Lerp { source: collect.0.into_iter(), beta })
}

/// StyleGAN2's β for a batch: a half-life of `half_life_images` images, ramped up over the
/// first images so that an early average is not dominated by the random initialisation.
pub fn beta(batch: usize, images_seen: u64, half_life_images: f64, rampup: f64) -> f64 {
    let half_life = half_life_images.min(images_seen as f64 * rampup).max(1e-8);
    0.5f64.powf(batch as f64 / half_life)
}
