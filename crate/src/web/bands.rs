//! The page's other cores: helper workers (`www/band-worker.js`) each hold the same model and take
//! a band of every pass on the CPU path ([`crate::bands`]). The engine worker's side is
//! [`JsBandWorkers`] over the pool object of `www/bands.js`; a helper runs [`WebStylizer::band`].

use js_sys::{Float32Array, Float64Array, Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{JsFuture, future_to_promise};

use super::{WebStylizer, js_error};
use crate::bands::{BandJob, BandWorkers, LocalFuture};
use crate::error::{AtelierError, Result};
use crate::image::Planar;
use crate::models::CpuGenerator;
use crate::nn::NormState;
use crate::nn::cpu::Reduce;

fn js_failure(what: &str, e: JsValue) -> AtelierError {
    let message = e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).or_else(|| e.as_string()).unwrap_or_default();
    AtelierError::Device(format!("{what}: {message}"))
}

/// Call `f(args…)`: the promise it returns.
fn promise_of(what: &str, f: &Function, this: &JsValue, args: &js_sys::Array) -> Result<Promise> {
    f.apply(this, args).map_err(|e| js_failure(what, e))?.dyn_into().map_err(|e| js_failure(what, e))
}

/// Call `f(args…)` and await the promise it returns.
async fn call(what: &'static str, f: &Function, this: &JsValue, args: &js_sys::Array) -> Result<JsValue> {
    JsFuture::from(promise_of(what, f, this, args)?).await.map_err(|e| js_failure(what, e))
}

/// The pool object of `www/bands.js`: `count`, `start(i, rows, width, top, fullHeight, ownStart,
/// ownEnd, shared)` → Promise<Float32Array>, `allReduce(Float64Array)` → Promise<Float64Array>.
pub struct JsBandWorkers {
    pool: JsValue,
    count: usize,
    start: Function,
    all_reduce: Function,
}

impl JsBandWorkers {
    pub fn new(pool: JsValue) -> std::result::Result<Self, JsError> {
        let get = |name: &str| Reflect::get(&pool, &name.into()).map_err(|_| JsError::new(&format!("the worker pool has no `{name}`")));
        let count = get("count")?.as_f64().unwrap_or(0.0) as usize;
        let function =
            |name: &str| get(name)?.dyn_into::<Function>().map_err(|_| JsError::new(&format!("the worker pool's `{name}` is not a function")));
        Ok(Self { count, start: function("start")?, all_reduce: function("allReduce")?, pool })
    }
}

impl BandWorkers for JsBandWorkers {
    fn count(&self) -> usize {
        self.count
    }

    fn start(&self, i: usize, job: BandJob) -> LocalFuture<'static, Planar> {
        let width = job.rows.width;
        let args = js_sys::Array::of5(
            &JsValue::from(i as u32),
            &Float32Array::from(job.rows.data.as_slice()),
            &JsValue::from(width as u32),
            &JsValue::from(job.top as u32),
            &JsValue::from(job.full_height as u32),
        );
        args.push(&JsValue::from(job.own.start as u32));
        args.push(&JsValue::from(job.own.end as u32));
        args.push(&job.shared.map(|s| JsValue::from(Float32Array::from(s.as_slice()))).unwrap_or(JsValue::NULL));
        // Sent now: the helper works while this worker computes its own band.
        let started = promise_of("a helper worker failed", &self.start, &self.pool, &args);
        Box::pin(async move {
            let rows = JsFuture::from(started?).await.map_err(|e| js_failure("a helper worker failed", e))?;
            let data = rows.dyn_into::<Float32Array>().map_err(|e| js_failure("a helper worker sent no pixels", e))?.to_vec();
            let height = data.len() / (3 * width).max(1);
            if data.len() != 3 * width * height {
                return Err(AtelierError::Device(format!("a helper worker sent {} floats for a band {width} pixels wide", data.len())));
            }
            Ok(Planar { width, height, data })
        })
    }

    fn all_reduce<'a>(&'a self, sums: &'a mut [f64]) -> LocalFuture<'a, ()> {
        Box::pin(async move {
            let args = js_sys::Array::of1(&Float64Array::from(&*sums));
            let totals = call("a helper worker failed", &self.all_reduce, &self.pool, &args).await?;
            copy_totals(totals, sums)
        })
    }
}

fn copy_totals(totals: JsValue, sums: &mut [f64]) -> Result<()> {
    let totals = totals.dyn_into::<Float64Array>().map_err(|e| js_failure("the statistics did not come back", e))?;
    if totals.length() as usize != sums.len() {
        return Err(AtelierError::Device(format!("{} statistics came back for {}", totals.length(), sums.len())));
    }
    totals.copy_to(sums);
    Ok(())
}

/// A helper's side of [`Reduce`]: `reduce(Float64Array)` sends its sums to the engine worker and
/// resolves to the totals.
struct JsReduce(Function);

impl Reduce for JsReduce {
    async fn all_reduce<'s>(&'s mut self, sums: &'s mut [f64]) -> Result<()> {
        let args = js_sys::Array::of1(&Float64Array::from(&*sums));
        let totals = call("the engine worker stopped", &self.0, &JsValue::NULL, &args).await?;
        copy_totals(totals, sums)
    }
}

#[wasm_bindgen]
impl WebStylizer {
    /// A helper's band (see `crate::bands`): planar RGB `rows` (`width` wide) holding image rows
    /// `top..` of an image `full_height` rows high; resolves to the planar output of rows
    /// `own_start..own_end`. `shared`: statistics to share (tiles); otherwise `reduce(sums)` is
    /// called at every norm layer and resolves to the sums over all bands.
    #[allow(clippy::too_many_arguments)]
    pub fn band(
        &self,
        rows: Vec<f32>,
        width: u32,
        top: u32,
        full_height: u32,
        own_start: u32,
        own_end: u32,
        shared: Option<Vec<f32>>,
        reduce: Function,
    ) -> Promise {
        let inner = std::rc::Rc::clone(&self.inner);
        future_to_promise(async move {
            let fail = |e: AtelierError| JsValue::from(js_error(e));
            let width = width as usize;
            if width == 0 || !rows.len().is_multiple_of(3 * width) {
                return Err(fail(AtelierError::Device(format!("{} floats are not rows {width} pixels wide", rows.len()))));
            }
            let image = Planar { width, height: rows.len() / (3 * width), data: rows };
            let mut state = match shared {
                Some(s) => NormState::shared_from_snapshot(&s).ok_or_else(|| fail(AtelierError::Device("malformed shared statistics".into())))?,
                None => NormState::own(),
            };
            let Some(net) = inner.cpu_net().await.map_err(fail)?.and_then(CpuGenerator::banded) else {
                return Err(fail(AtelierError::Device("this model has no band-parallel CPU path".into())));
            };
            let out = net
                .forward_band(&image, top as usize, full_height as usize, own_start as usize..own_end as usize, &mut state, JsReduce(reduce))
                .await
                .map_err(fail)?
                .ok_or_else(|| fail(AtelierError::Device("the band is too small for the CPU path".into())))?;
            Ok(Float32Array::from(out.data.as_slice()).into())
        })
    }

    /// Helper workers for the CPU path (the pool object of `www/bands.js`), or none (`null`).
    #[wasm_bindgen(js_name = setWorkers)]
    pub fn set_workers(&self, pool: JsValue) -> std::result::Result<(), JsError> {
        let workers = if pool.is_null() || pool.is_undefined() { None } else { Some(JsBandWorkers::new(pool)?) };
        self.inner.set_workers(workers.map(|w| std::rc::Rc::new(w) as std::rc::Rc<dyn BandWorkers>));
        Ok(())
    }

    /// Resolves to whether this model can split its passes over helper workers.
    #[wasm_bindgen(js_name = takesBands)]
    pub fn takes_bands(&self) -> Promise {
        let inner = std::rc::Rc::clone(&self.inner);
        future_to_promise(async move { Ok(JsValue::from(matches!(inner.cpu_net().await, Ok(Some(cpu)) if cpu.banded().is_some()))) })
    }
}
