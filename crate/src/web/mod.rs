//! The thin `#[wasm_bindgen]` facade used by `www/worker.js`. Every error becomes a JS `Error`
//! with the message of [`crate::AtelierError`]; nothing here panics on user input.

mod bands;
mod breed;

use std::rc::Rc;

use burn::tensor::Device;
use js_sys::{Function, Promise, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use crate::engine::{CPU_TILE, GPU_TILE, StyleOptions, Stylizer, postprocess_rgba};
use crate::image::RgbaImage;

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

/// Where an engine runs.
pub(crate) enum Backend {
    Cpu,
    #[cfg(feature = "webgpu")]
    WebGpu(Rc<crate::gpu::Gpu>),
}

#[cfg(feature = "webgpu")]
thread_local! {
    /// The engine's one WebGPU device, shared by every model it loads.
    static GPU: std::cell::RefCell<Option<Rc<crate::gpu::Gpu>>> = const { std::cell::RefCell::new(None) };
}

/// Whether this engine's WebGPU device was lost (the page restarts the engine on the CPU).
#[wasm_bindgen(js_name = deviceLost)]
pub fn device_lost() -> bool {
    #[cfg(feature = "webgpu")]
    return crate::gpu::device_lost();
    #[cfg(not(feature = "webgpu"))]
    false
}

/// Destroy this engine's WebGPU device, as a driver reset would: what the reliability tests use
/// to check that a lost GPU costs one run, not the page.
#[wasm_bindgen(js_name = loseDevice)]
pub fn lose_device() {
    #[cfg(feature = "webgpu")]
    GPU.with(|g| {
        if let Some(gpu) = g.borrow().as_ref() {
            gpu.destroy();
        }
    });
}

impl Backend {
    pub(crate) async fn new(name: &str) -> Result<Backend, JsError> {
        match name {
            "cpu" => Ok(Backend::Cpu),
            #[cfg(feature = "webgpu")]
            "webgpu" => {
                if let Some(gpu) = GPU.with(|g| g.borrow().clone()) {
                    return Ok(Backend::WebGpu(gpu));
                }
                let gpu =
                    crate::gpu::Gpu::new().await.map_err(|e| JsError::new(&format!("WebGPU is not available here ({e}); use the CPU backend")))?;
                GPU.with(|g| *g.borrow_mut() = Some(Rc::clone(&gpu)));
                Ok(Backend::WebGpu(gpu))
            }
            other => Err(JsError::new(&format!(
                "backend `{other}` is not in this build (use `cpu`{})",
                if cfg!(feature = "webgpu") { " or `webgpu`" } else { "" }
            ))),
        }
    }

    pub(crate) fn name(&self) -> &'static str {
        match self {
            Backend::Cpu => "cpu",
            #[cfg(feature = "webgpu")]
            Backend::WebGpu(_) => "webgpu",
        }
    }
}

/// An engine error as the JS error the page shows (its message is written for the user).
fn js_error(e: crate::AtelierError) -> JsError {
    JsError::new(&e.to_string())
}

/// RGBA pixels held by the engine: the worker copies a decoded photo in once and keeps only
/// this handle, and a result stays here until the page asks for its pixels. (A 36-megapixel
/// photo is 144 MB; copied in again for every run and slider move, and kept on the JS side as
/// well, it would be several times that.) Free it with `free()` when it is no longer needed.
#[wasm_bindgen]
pub struct Picture {
    rgba: Rc<Vec<u8>>,
    width: u32,
    height: u32,
}

#[wasm_bindgen]
impl Picture {
    /// RGBA bytes (straight alpha, row by row), checked against the size limits.
    #[wasm_bindgen(constructor)]
    pub fn new(rgba: Vec<u8>, width: u32, height: u32) -> Result<Picture, JsError> {
        RgbaImage::upload(&rgba, width, height).map_err(js_error)?;
        Ok(Picture { rgba: Rc::new(rgba), width, height })
    }

    #[wasm_bindgen(getter)]
    pub fn width(&self) -> u32 {
        self.width
    }

    #[wasm_bindgen(getter)]
    pub fn height(&self) -> u32 {
        self.height
    }

    /// Bytes the engine holds for it.
    #[wasm_bindgen(getter)]
    pub fn bytes(&self) -> usize {
        self.rgba.len()
    }
}

impl Picture {
    /// Another handle to the same pixels (for a promise that outlives the call).
    fn share(&self) -> Picture {
        Picture { rgba: Rc::clone(&self.rgba), width: self.width, height: self.height }
    }

    fn upload(&self) -> Result<RgbaImage<'_>, JsError> {
        RgbaImage::upload(&self.rgba, self.width, self.height).map_err(js_error)
    }

    fn output(&self) -> Result<RgbaImage<'_>, JsError> {
        RgbaImage::output(&self.rgba, self.width, self.height).map_err(js_error)
    }
}

/// Apply strength and colour preservation to a raw stylized image (`raw`, a result of
/// `stylize`, over `original`, its photo): the RGBA pixels to show, of rows `y0..y1` (the page
/// takes a large result a band at a time). Cheap: the page calls it while the user drags a slider.
#[wasm_bindgen]
pub fn adjust(original: &Picture, raw: &Picture, strength: f32, preserve_colour: bool, y0: u32, y1: u32) -> Result<Uint8Array, JsError> {
    let options = StyleOptions { strength, preserve_colour, ..StyleOptions::default() };
    let out = postprocess_rgba(&original.upload()?, &raw.output()?, &options, y0 as usize..y1 as usize);
    Ok(Uint8Array::from(out.as_slice()))
}

/// Bytes of the engine's WebAssembly memory (it grows and never shrinks: its peak).
#[wasm_bindgen(js_name = memoryBytes)]
pub fn memory_bytes() -> f64 {
    wasm_bindgen::memory().unchecked_into::<js_sys::WebAssembly::Memory>().buffer().unchecked_into::<js_sys::ArrayBuffer>().byte_length() as f64
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
        let backend = Backend::new(&backend).await?;
        let inner = match &backend {
            Backend::Cpu => Stylizer::new(&model, Device::flex()),
            #[cfg(feature = "webgpu")]
            Backend::WebGpu(gpu) => Stylizer::on_gpu(&model, Rc::clone(gpu)),
        }
        .map_err(js_error)?;
        let backend = backend.name();
        inner.warm_up().await.map_err(js_error)?;
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

    /// The discriminator's realism map of `output` (a result of `stylize`) as a translation of
    /// `input` (its photo): resolves to `{width, height, scores}` (scores a Float32Array in
    /// [0, 1], one per patch, row by row), or `null` when the model has no discriminator.
    pub fn realism(&self, input: &Picture, output: &Picture) -> Promise {
        let inner = Rc::clone(&self.inner);
        let (input, output) = (input.share(), output.share());
        future_to_promise(async move {
            let err = |e: crate::AtelierError| JsValue::from(js_error(e));
            let (a, b) = (input.upload().map_err(JsValue::from)?, output.output().map_err(JsValue::from)?);
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

    /// Stylize a picture; resolves to the raw stylized [`Picture`] (its alpha the photo's;
    /// apply strength and colour with [`adjust`]). `tile` 0 = default; `progress(done, total)`
    /// is called after each tile.
    pub fn stylize(&self, photo: &Picture, tile: u32, progress: Function) -> Promise {
        let inner = Rc::clone(&self.inner);
        let photo = photo.share();
        let webgpu = self.backend == "webgpu";
        future_to_promise(async move {
            let options = match (tile, webgpu) {
                (0, true) => StyleOptions { split: GPU_TILE, ..StyleOptions::with_tile(GPU_TILE) },
                (0, false) => StyleOptions::with_tile(CPU_TILE),
                (t, _) => StyleOptions::with_tile(t as usize),
            };
            let mut report = |done: usize, total: usize| {
                let _ = progress.call2(&JsValue::NULL, &JsValue::from(done as u32), &JsValue::from(total as u32));
            };
            let upload = photo.upload().map_err(JsValue::from)?;
            let out = inner.stylize_rgba(&upload, &options, &mut report).await.map_err(|e| JsValue::from(js_error(e)))?;
            Ok(Picture { rgba: Rc::new(out), width: photo.width, height: photo.height }.into())
        })
    }
}
