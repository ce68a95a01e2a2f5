//! The WebGPU inference path: a handful of WGSL kernels (`*.wgsl` next to this file) for what
//! Atelier's networks compute — any K×K convolution with reflection or zero padding, nearest ×2
//! before it and StyleGAN2's per-sample modulation; instance-norm statistics and their
//! application; the U-Net's concatenation; the bilinear RGB skip of StyleGAN — driven through
//! `wgpu`'s browser backend. Burn's WebGPU backend brings a kernel compiler into the page (a
//! 33 MB engine); these kernels are source text the browser compiles.
//!
//! As with [`crate::nn::cpu`], the weights are read once from the burn modules, so each network
//! keeps one definition; the browser tests hold this path to `trainer stylize`'s output.

mod layers;
mod pass;
mod plan;

use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};

pub use layers::{GpuConv, GpuModulated, GpuNorm, Modulation, Shape};
pub use pass::{GpuMap, GpuPass};
pub use plan::GpuPlan;

use crate::error::{AtelierError, Result};

const COMMON: &str = include_str!("common.wgsl");

/// Set when a device of this engine is lost (a driver reset, the GPU removed, or
/// [`Gpu::destroy`]): the page then restarts the engine on the CPU.
static LOST: AtomicBool = AtomicBool::new(false);

/// Whether a WebGPU device of this engine was lost.
pub fn device_lost() -> bool {
    LOST.load(Ordering::Relaxed)
}

/// A WebGPU device with the kernels compiled.
pub struct Gpu {
    device: wgpu::Device,
    queue: wgpu::Queue,
    conv: wgpu::ComputePipeline,
    stats: wgpu::ComputePipeline,
    norm: wgpu::ComputePipeline,
    concat: wgpu::ComputePipeline,
    resample: wgpu::ComputePipeline,
    /// Bound where a kernel's optional input is unused (never read).
    dummy: wgpu::Buffer,
}

fn device_error(what: &str, e: impl std::fmt::Display) -> AtelierError {
    AtelierError::Device(format!("WebGPU: {what} ({e})"))
}

impl Gpu {
    /// The browser's WebGPU adapter and a device on it, with the kernels compiled.
    pub async fn new() -> Result<Rc<Gpu>> {
        let instance = wgpu::Instance::new(wgpu::InstanceDescriptor {
            backends: wgpu::Backends::BROWSER_WEBGPU,
            ..wgpu::InstanceDescriptor::new_without_display_handle()
        });
        let options = wgpu::RequestAdapterOptions { power_preference: wgpu::PowerPreference::HighPerformance, ..Default::default() };
        let adapter = instance.request_adapter(&options).await.map_err(|e| device_error("no adapter", e))?;
        // The adapter's own limits: large photos need storage buffers above the 128 MiB default.
        let desc = wgpu::DeviceDescriptor { label: Some("atelier"), required_limits: adapter.limits(), ..Default::default() };
        let (device, queue) = adapter.request_device(&desc).await.map_err(|e| device_error("no device", e))?;
        device.set_device_lost_callback(|reason, message| {
            log::warn!("WebGPU device lost ({reason:?}): {message}");
            LOST.store(true, Ordering::Relaxed);
        });
        let scope = device.push_error_scope(wgpu::ErrorFilter::Validation);
        let pipeline = |name: &str, body: &str| {
            let source = wgpu::ShaderSource::Wgsl(format!("{COMMON}\n{body}").into());
            let module = device.create_shader_module(wgpu::ShaderModuleDescriptor { label: Some(name), source });
            device.create_compute_pipeline(&wgpu::ComputePipelineDescriptor {
                label: Some(name),
                layout: None,
                module: &module,
                entry_point: Some(name),
                compilation_options: Default::default(),
                cache: None,
            })
        };
        let conv = pipeline("conv", include_str!("conv.wgsl"));
        let stats = pipeline("stats", include_str!("stats.wgsl"));
        let norm = pipeline("norm", include_str!("norm.wgsl"));
        let concat = pipeline("concat", include_str!("concat.wgsl"));
        let resample = pipeline("resample", include_str!("resample.wgsl"));
        if let Some(e) = scope.pop().await {
            return Err(device_error("the kernels did not compile", e));
        }
        let dummy = device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("unused"),
            size: 16,
            usage: wgpu::BufferUsages::STORAGE,
            mapped_at_creation: false,
        });
        Ok(Rc::new(Gpu { device, queue, conv, stats, norm, concat, resample, dummy }))
    }

    /// A storage buffer holding `data`.
    pub fn buffer(&self, data: &[f32]) -> wgpu::Buffer {
        use wgpu::util::DeviceExt;
        let contents = if data.is_empty() { vec![0; 16] } else { bytes(data) };
        self.device.create_buffer_init(&wgpu::util::BufferInitDescriptor {
            label: None,
            contents: &contents,
            usage: wgpu::BufferUsages::STORAGE | wgpu::BufferUsages::COPY_SRC | wgpu::BufferUsages::COPY_DST,
        })
    }

    fn uniform(&self, words: &[u32]) -> wgpu::Buffer {
        use wgpu::util::DeviceExt;
        let contents: Vec<u8> = words.iter().flat_map(|v| v.to_le_bytes()).collect();
        self.device.create_buffer_init(&wgpu::util::BufferInitDescriptor { label: None, contents: &contents, usage: wgpu::BufferUsages::UNIFORM })
    }

    fn storage(&self, bytes: u64) -> wgpu::Buffer {
        self.device.create_buffer(&wgpu::BufferDescriptor {
            label: None,
            size: bytes.max(16),
            usage: wgpu::BufferUsages::STORAGE | wgpu::BufferUsages::COPY_SRC | wgpu::BufferUsages::COPY_DST,
            mapped_at_creation: false,
        })
    }

    /// Destroy the device, as a driver reset would (the reliability tests' lost GPU).
    pub fn destroy(&self) {
        self.device.destroy();
    }

    /// Whether a map of `bytes` fits one storage binding of this device.
    pub fn fits(&self, bytes: u64) -> bool {
        let limits = self.device.limits();
        bytes <= limits.max_storage_buffer_binding_size.min(limits.max_buffer_size)
    }
}

/// Little-endian bytes of floats (what a buffer holds).
pub(crate) fn bytes(data: &[f32]) -> Vec<u8> {
    data.iter().flat_map(|v| v.to_le_bytes()).collect()
}

/// Two per-channel vectors as the kernels read them: per group of four channels, four of `a`
/// then four of `b` (instance norm's scale and shift, or its mean and variance).
pub(crate) fn interleave(a: &[f32], b: &[f32]) -> Vec<f32> {
    let mut out = vec![0.0f32; groups(a.len()) * 8];
    for (i, (x, y)) in a.iter().zip(b).enumerate() {
        out[(i / 4) * 8 + i % 4] = *x;
        out[(i / 4) * 8 + 4 + i % 4] = *y;
    }
    out
}

/// The inverse of [`interleave`] for `c` channels.
pub(crate) fn deinterleave(x: &[f32], c: usize) -> (Vec<f32>, Vec<f32>) {
    (0..c).map(|i| (x[(i / 4) * 8 + i % 4], x[(i / 4) * 8 + 4 + i % 4])).unzip()
}

/// Vec4 groups of `c` channels.
pub fn groups(c: usize) -> usize {
    c.div_ceil(4)
}

/// `data` with `channels` per item, each item padded with zeros to whole groups of four.
pub fn pad_channels(data: &[f32], channels: usize) -> Vec<f32> {
    let c4 = groups(channels) * 4;
    if c4 == channels {
        return data.to_vec();
    }
    let mut out = Vec::with_capacity(data.len() / channels.max(1) * c4);
    for px in data.chunks_exact(channels) {
        out.extend_from_slice(px);
        out.extend(std::iter::repeat_n(0.0, c4 - channels));
    }
    out
}
