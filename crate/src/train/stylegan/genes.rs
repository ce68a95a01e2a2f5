//! The genes of a StyleGAN model: the principal directions of w (GANSpace, Härkönen et al. 2020:
//! PCA of the w of many random seeds), which the page's breeding mode moves along.

use burn::tensor::Device;

use crate::breed::latents_of_seeds;
use crate::error::Result;
use crate::models::{GENES, StyleGenerator};

/// The `GENES` principal directions of w (rows, unit length, largest variance first) and the
/// standard deviation along each.
pub fn principal_directions(g: &StyleGenerator, seeds: u64, device: &Device) -> Result<(Vec<f32>, Vec<f32>)> {
    let w_dim = g.w_avg.dims()[0];
    let mut ws: Vec<f64> = Vec::with_capacity(seeds as usize * w_dim);
    for chunk in (1_000_000..1_000_000 + seeds).collect::<Vec<_>>().chunks(1000) {
        let w = g.map(latents_of_seeds(chunk, g.z_dim(), device));
        ws.extend(pollster::block_on(crate::image::read_f32(w))?.into_iter().map(f64::from));
    }
    let n = ws.len() / w_dim;
    let samples = nalgebra::DMatrix::from_row_slice(n, w_dim, &ws);
    let mean = samples.row_mean();
    let centred = nalgebra::DMatrix::from_fn(n, w_dim, |i, j| samples[(i, j)] - mean[j]);
    let cov = centred.transpose() * &centred / (n as f64 - 1.0).max(1.0);
    let eigen = nalgebra::SymmetricEigen::new(cov);
    let mut order: Vec<usize> = (0..w_dim).collect();
    order.sort_by(|&a, &b| eigen.eigenvalues[b].total_cmp(&eigen.eigenvalues[a]));
    let k = GENES.min(w_dim);
    let directions = order[..k].iter().flat_map(|&i| eigen.eigenvectors.column(i).iter().map(|&v| v as f32).collect::<Vec<_>>()).collect();
    let spread = order[..k].iter().map(|&i| eigen.eigenvalues[i].max(0.0).sqrt() as f32).collect();
    Ok((directions, spread))
}
