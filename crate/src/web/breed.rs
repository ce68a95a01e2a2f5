//! The `#[wasm_bindgen]` facade of [`crate::breed`] for StyleGAN models: genomes travel as
//! `Float32Array`s (one w per layer), images as RGBA bytes. The breeding operations are cheap
//! and synchronous; mapping a seed and rendering run on the device and return promises.

use std::rc::Rc;

use js_sys::{Promise, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use super::js_error;
use crate::breed::{Breeder, Genome};

/// A JS number as a seed (integers up to 2⁵³ are exact; anything else is refused).
fn seed(v: f64) -> Result<u64, JsError> {
    if v.is_finite() && v >= 0.0 && v.fract() == 0.0 && v <= 9_007_199_254_740_992.0 {
        Ok(v as u64)
    } else {
        Err(JsError::new(&format!("a seed is a whole number from 0 to 2^53, not {v}")))
    }
}

#[wasm_bindgen]
pub struct WebBreeder {
    inner: Rc<Breeder>,
    backend: &'static str,
}

#[wasm_bindgen]
impl WebBreeder {
    /// Load a StyleGAN model file on `backend` (`"webgpu"` or `"cpu"`) and warm it up.
    pub async fn create(model: Vec<u8>, backend: String) -> Result<WebBreeder, JsError> {
        let backend = super::Backend::new(&backend).await?;
        let inner = match &backend {
            super::Backend::Cpu => Breeder::new(&model, burn::tensor::Device::flex()).await,
            #[cfg(feature = "webgpu")]
            super::Backend::WebGpu(gpu) => Breeder::on_gpu(&model, gpu).await,
        }
        .map_err(js_error)?;
        let backend = backend.name();
        let warm = inner.genome_of_seed(0).await.map_err(js_error)?;
        inner.render(&[warm], 1.0).await.map_err(js_error)?;
        Ok(WebBreeder { inner: Rc::new(inner), backend })
    }

    #[wasm_bindgen(getter)]
    pub fn backend(&self) -> String {
        self.backend.to_string()
    }

    /// Layers that take a w (style mixing crosses over between two of them).
    #[wasm_bindgen(getter, js_name = numWs)]
    pub fn num_ws(&self) -> u32 {
        self.inner.num_ws() as u32
    }

    /// The model's metadata (kind, credit, training, genes) as JSON.
    #[wasm_bindgen(js_name = metaJson)]
    pub fn meta_json(&self) -> String {
        serde_json::to_string(self.inner.meta()).unwrap_or_else(|_| "{}".into())
    }

    #[wasm_bindgen(getter, js_name = numGenes)]
    pub fn num_genes(&self) -> u32 {
        self.inner.num_genes() as u32
    }

    #[wasm_bindgen(getter)]
    pub fn resolution(&self) -> u32 {
        self.inner.config().resolution as u32
    }

    /// The genome of a seed: resolves to a Float32Array.
    #[wasm_bindgen(js_name = fromSeed)]
    pub fn from_seed(&self, value: f64) -> Result<Promise, JsError> {
        let s = seed(value)?;
        let inner = Rc::clone(&self.inner);
        Ok(future_to_promise(async move {
            let g = inner.genome_of_seed(s).await.map_err(|e| JsValue::from(js_error(e)))?;
            Ok(js_sys::Float32Array::from(g.ws.as_slice()).into())
        }))
    }

    /// Render genomes (concatenated) with truncation `psi`: resolves to RGBA bytes, one
    /// `resolution²` image after the other.
    pub fn render(&self, genomes: Vec<f32>, psi: f32) -> Promise {
        let inner = Rc::clone(&self.inner);
        future_to_promise(async move {
            let per = inner.num_ws() * inner.config().w_dim;
            if genomes.is_empty() || !genomes.len().is_multiple_of(per) {
                return Err(JsError::new(&format!("genomes of this model have {per} numbers each, got {}", genomes.len())).into());
            }
            let list: Vec<Genome> = genomes.chunks_exact(per).map(|c| Genome { ws: c.to_vec() }).collect();
            let images = inner.render(&list, psi).await.map_err(|e| JsValue::from(js_error(e)))?;
            let rgba: Vec<u8> = images.iter().flat_map(|i| i.to_rgba(None)).collect();
            Ok(Uint8Array::from(rgba.as_slice()).into())
        })
    }

    /// Coarse layers (before `crossover`) from `coarse`, the rest from `fine`.
    pub fn mix(&self, coarse: Vec<f32>, fine: Vec<f32>, crossover: u32) -> Vec<f32> {
        self.inner.mix(&Genome { ws: coarse }, &Genome { ws: fine }, crossover as usize).ws
    }

    /// A mutated child (`amount` in standard deviations of w).
    pub fn mutate(&self, parent: Vec<f32>, child_seed: f64, amount: f32) -> Result<Vec<f32>, JsError> {
        Ok(self.inner.mutate(&Genome { ws: parent }, seed(child_seed)?, amount).ws)
    }

    /// A crossbreed of parents (concatenated genomes), random weights from `child_seed`.
    pub fn crossbreed(&self, parents: Vec<f32>, child_seed: f64) -> Result<Vec<f32>, JsError> {
        let per = self.inner.num_ws() * self.inner.config().w_dim;
        let list: Vec<Genome> = parents.chunks_exact(per).map(|c| Genome { ws: c.to_vec() }).collect();
        Ok(self.inner.crossbreed(&list, seed(child_seed)?).ws)
    }

    /// Move along principal direction `gene` by `amount` standard deviations on layers `from..to`.
    pub fn gene(&self, genome: Vec<f32>, gene: u32, amount: f32, from: u32, to: u32) -> Vec<f32> {
        self.inner.apply_gene(&Genome { ws: genome }, gene as usize, amount, from as usize..to as usize).ws
    }

    /// The genome a fraction `t` of the way from `a` to `b`.
    pub fn interpolate(&self, a: Vec<f32>, b: Vec<f32>, t: f32) -> Vec<f32> {
        Breeder::interpolate(&Genome { ws: a }, &Genome { ws: b }, t).ws
    }
}
