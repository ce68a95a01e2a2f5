//! The pool of past fakes, and its place in the checkpoint (`pools.safetensors`).

use std::path::Path;

use burn::tensor::{Tensor, TensorData};
use rand::Rng;

use crate::error::{AtelierError, Result};
use crate::train::run::write_atomic;

/// The pool of past fakes of Shrivastava et al. (2017): the discriminator sees a fake from an
/// older generator half of the time, so it does not chase the newest one in circles.
#[derive(Debug, Default)]
pub struct ImagePool {
    pub images: Vec<Vec<f32>>,
}

impl ImagePool {
    /// For each image of the batch: itself, or (half the time, once the pool is full) a past
    /// fake that it replaces.
    pub fn query(&mut self, fakes: &Tensor<4>, capacity: usize, rng: &mut impl Rng) -> Tensor<4> {
        let [n, c, h, w] = fakes.dims();
        let data = fakes.clone().detach().into_data().try_into_vec::<f32>().unwrap_or_default();
        let per = c * h * w;
        let mut out = Vec::with_capacity(data.len());
        for i in 0..n {
            let img = data[i * per..(i + 1) * per].to_vec();
            if self.images.len() < capacity {
                self.images.push(img.clone());
                out.extend(img);
            } else if rng.random_bool(0.5) {
                let k = rng.random_range(0..self.images.len());
                out.extend(std::mem::replace(&mut self.images[k], img));
            } else {
                out.extend(img);
            }
        }
        Tensor::from_data(TensorData::new(out, [n, c, h, w]), &fakes.device())
    }
}

pub fn save_pools(path: &Path, pools: &[&ImagePool; 2], shape: [usize; 3]) -> Result<()> {
    let bytes: Vec<(String, Vec<u8>)> = pools
        .iter()
        .enumerate()
        .flat_map(|(p, pool)| {
            pool.images.iter().enumerate().map(move |(i, img)| (format!("{p}.{i}"), img.iter().flat_map(|v| v.to_le_bytes()).collect()))
        })
        .collect();
    let views: Vec<(String, safetensors::tensor::TensorView)> = bytes
        .iter()
        .map(|(k, b)| safetensors::tensor::TensorView::new(safetensors::Dtype::F32, shape.to_vec(), b).map(|v| (k.clone(), v)))
        .collect::<std::result::Result<_, _>>()
        .map_err(|e| AtelierError::Io(format!("pool of fakes: {e}")))?;
    let data = safetensors::serialize(views, None).map_err(|e| AtelierError::Io(format!("pool of fakes: {e}")))?;
    write_atomic(path, &data)
}

pub fn load_pools(path: &Path) -> Result<[ImagePool; 2]> {
    let mut pools = [ImagePool::default(), ImagePool::default()];
    let Ok(bytes) = std::fs::read(path) else { return Ok(pools) };
    let st = safetensors::SafeTensors::deserialize(&bytes).map_err(|e| AtelierError::CorruptModel(format!("{}: {e}", path.display())))?;
    let mut names: Vec<(usize, usize, String)> =
        st.names().into_iter().filter_map(|n| n.split_once('.').and_then(|(p, i)| Some((p.parse().ok()?, i.parse().ok()?, n.to_string())))).collect();
    names.sort();
    for (p, _, name) in names {
        let t = st.tensor(&name).map_err(|e| AtelierError::CorruptModel(e.to_string()))?;
        let img = t.data().chunks_exact(4).map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect();
        if let Some(pool) = pools.get_mut(p) {
            pool.images.push(img);
        }
    }
    Ok(pools)
}
