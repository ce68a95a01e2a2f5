//! The thin `#[wasm_bindgen]` facade used by `www/worker.js`. Every error becomes a JS `Error`
//! with the message of [`crate::AtelierError`]; nothing here panics on user input.

mod breed;

use std::rc::Rc;

use burn::tensor::Device;
use js_sys::{Function, Promise, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use crate::engine::{CPU_TILE, GPU_TILE, StyleOptions, Stylizer, postprocess};
use crate::image::Planar;

pub use breed::WebBreeder;

#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// Whether this build contains the WebGPU kernels (the CPU-only build is much smaller).
#[wasm_bindgen(js_name = hasWebgpu)]
pub fn has_webgpu() -> bool {
    cfg!(feature = "webgpu")
}

pub(crate) async fn make_device(backend: &str) -> Result<(Device, &'static str), JsError> {
    match backend {
        "cpu" => Ok((Device::flex(), "cpu")),
        #[cfg(feature = "webgpu")]
        "webgpu" => Device::wgpu_options()
            .init_async()
            .await
            .map(|d| (d, "webgpu"))
            .map_err(|e| JsError::new(&format!("WebGPU is not available here ({e}); use the CPU backend"))),
        other => Err(JsError::new(&format!(
            "backend `{other}` is not in this build (use `cpu`{})",
            if cfg!(feature = "webgpu") { " or `webgpu`" } else { "" }
        ))),
    }
}

/// Apply strength and colour preservation to a raw stylized image (both RGBA, same size).
/// Cheap: the page calls it while the user drags a slider.
#[wasm_bindgen]
pub fn adjust(
    original: &[u8],
    raw: &[u8],
    width: u32,
    height: u32,
    strength: f32,
    preserve_colour: bool,
) -> Result<Vec<u8>, JsError> {
    let err = |e: crate::AtelierError| JsError::new(&e.to_string());
    let photo = Planar::from_rgba(original, width, height).map_err(err)?;
    let mut out = Planar::from_rgb_of_rgba(raw, width, height).map_err(err)?;
    postprocess(&mut out, &photo, &StyleOptions { strength, preserve_colour, ..StyleOptions::default() });
    Ok(out.to_rgba(Some(original)))
}

#[wasm_bindgen]
pub struct WebStylizer {
    inner: Rc<Stylizer>,
    backend: &'static str,
}

#[wasm_bindgen]
impl WebStylizer {
    /// Load a model file on `backend` (`"webgpu"` or `"cpu"`) and warm it up.
    pub async fn create(model: Vec<u8>, backend: String) -> Result<WebStylizer, JsError> {
        let (device, backend) = make_device(&backend).await?;
        let inner = Stylizer::new(&model, device).map_err(|e| JsError::new(&e.to_string()))?;
        inner.warm_up().await.map_err(|e| JsError::new(&e.to_string()))?;
        Ok(WebStylizer { inner: Rc::new(inner), backend })
    }

    #[wasm_bindgen(getter)]
    pub fn backend(&self) -> String {
        self.backend.to_string()
    }

    /// The model's metadata (kind, style credit, training) as JSON.
    #[wasm_bindgen(js_name = metaJson)]
    pub fn meta_json(&self) -> String {
        serde_json::to_string(self.inner.meta()).unwrap_or_else(|_| "{}".into())
    }

    /// The discriminator's realism map of `output` as a translation of `input` (both RGBA of
    /// the same size): resolves to `{width, height, scores}` (scores a Float32Array in [0, 1],
    /// one per patch, row by row), or `null` when the model has no discriminator.
    pub fn realism(&self, input: Vec<u8>, output: Vec<u8>, width: u32, height: u32) -> Promise {
        let inner = Rc::clone(&self.inner);
        future_to_promise(async move {
            let err = |e: crate::AtelierError| JsValue::from(JsError::new(&e.to_string()));
            let a = Planar::from_rgba(&input, width, height).map_err(err)?;
            let b = Planar::from_rgb_of_rgba(&output, width, height).map_err(err)?;
            let Some((w, h, scores)) = inner.realism(&a, &b).await.map_err(err)? else {
                return Ok(JsValue::NULL);
            };
            let obj = js_sys::Object::new();
            js_sys::Reflect::set(&obj, &"width".into(), &JsValue::from(w as u32))?;
            js_sys::Reflect::set(&obj, &"height".into(), &JsValue::from(h as u32))?;
            js_sys::Reflect::set(&obj, &"scores".into(), &js_sys::Float32Array::from(scores.as_slice()))?;
            Ok(obj.into())
        })
    }

    /// Stylize RGBA pixels; resolves to the raw stylized RGBA pixels of the same size (apply
    /// strength and colour with [`adjust`]). `tile` 0 = default; `progress(done, total)` is
    /// called after each tile.
    pub fn stylize(&self, rgba: Vec<u8>, width: u32, height: u32, tile: u32, progress: Function) -> Promise {
        let inner = Rc::clone(&self.inner);
        let default_tile = if self.backend == "webgpu" { GPU_TILE } else { CPU_TILE };
        future_to_promise(async move {
            let tile = if tile == 0 { default_tile } else { tile as usize };
            let options = StyleOptions { tile, stats_size: tile, ..StyleOptions::default() };
            let mut report = |done: usize, total: usize| {
                let _ = progress.call2(&JsValue::NULL, &JsValue::from(done as u32), &JsValue::from(total as u32));
            };
            let err = |e: crate::AtelierError| JsValue::from(JsError::new(&e.to_string()));
            let photo = Planar::from_rgba(&rgba, width, height).map_err(err)?;
            let out = inner.stylize_raw(&photo, &options, &mut report).await.map_err(err)?;
            Ok(Uint8Array::from(out.to_rgba(Some(&rgba)).as_slice()).into())
        })
    }
}
