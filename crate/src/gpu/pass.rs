//! One forward pass on the GPU: every layer is recorded into one command encoder, the output
//! (and, when the pass records instance-norm statistics for tiles, those) read back once at the end.

use std::cell::RefCell;
use std::rc::Rc;
use std::task::{Poll, Waker};

use super::layers::{GpuConv, GpuNorm, Modulation};
use super::{Gpu, bytes, deinterleave, device_error, groups, interleave, pad_channels};
use crate::error::{AtelierError, Result};
use crate::nn::NormState;
use crate::nn::cpu::{Act, Hwc};

/// A feature map on the GPU: `[batch][height][width][c4 × 4]`.
#[derive(Clone)]
pub struct GpuMap {
    buffer: wgpu::Buffer,
    pub batch: usize,
    pub height: usize,
    pub width: usize,
    pub c4: usize,
}

impl GpuMap {
    fn vec4s(&self) -> usize {
        self.batch * self.height * self.width * self.c4
    }
}

pub struct GpuPass<'a> {
    gpu: &'a Gpu,
    encoder: wgpu::CommandEncoder,
    state: &'a mut NormState,
    /// Intermediate maps, freed when the pass ends.
    temporaries: Vec<wgpu::Buffer>,
    /// Statistics computed here that the pass records (buffer, channels), in layer order.
    recorded: Vec<(wgpu::Buffer, usize)>,
    scope: wgpu::ErrorScopeGuard,
    oom: wgpu::ErrorScopeGuard,
}

fn act_code(act: Act) -> (u32, f32) {
    match act {
        Act::Linear => (0, 0.0),
        Act::Relu => (1, 0.0),
        Act::LeakyRelu(slope) => (2, slope),
    }
}

/// Work items of a 1-D kernel (64 per workgroup) as a 2-D grid within the 65 535 limit.
fn grid(items: usize) -> (u32, u32) {
    let groups = items.div_ceil(64).max(1) as u32;
    let x = groups.min(65_535);
    (x, groups.div_ceil(x))
}

impl<'a> GpuPass<'a> {
    pub fn new(gpu: &'a Gpu, state: &'a mut NormState) -> Self {
        let oom = gpu.device.push_error_scope(wgpu::ErrorFilter::OutOfMemory);
        let scope = gpu.device.push_error_scope(wgpu::ErrorFilter::Validation);
        let encoder = gpu.device.create_command_encoder(&wgpu::CommandEncoderDescriptor { label: Some("pass") });
        Self { gpu, encoder, state, temporaries: Vec::new(), recorded: Vec::new(), scope, oom }
    }

    fn map(&mut self, batch: usize, height: usize, width: usize, c4: usize) -> Result<GpuMap> {
        let bytes = (batch * height * width * c4 * 16) as u64;
        if !self.gpu.fits(bytes) {
            return Err(AtelierError::Device(format!(
                "a {width}×{height} feature map of {} channels is larger than this GPU's buffers; use smaller tiles or the CPU",
                c4 * 4
            )));
        }
        let buffer = self.gpu.storage(bytes);
        self.temporaries.push(buffer.clone());
        Ok(GpuMap { buffer, batch, height, width, c4 })
    }

    /// Upload maps (one per sample, all the same size), channels padded to groups of four.
    pub fn upload(&mut self, xs: &[&Hwc]) -> Result<GpuMap> {
        let first = xs.first().ok_or_else(|| AtelierError::Device("nothing to upload".into()))?;
        let data: Vec<f32> = xs.iter().flat_map(|x| pad_channels(&x.data, x.channels)).collect();
        let map = self.map(xs.len(), first.height, first.width, groups(first.channels))?;
        self.gpu.queue.write_buffer(&map.buffer, 0, &bytes(&data));
        Ok(map)
    }

    fn dispatch(&mut self, pipeline: &wgpu::ComputePipeline, uniform: &[u32], buffers: &[&wgpu::Buffer], groups: (u32, u32, u32)) {
        let params = self.gpu.uniform(uniform);
        let mut entries = vec![wgpu::BindGroupEntry { binding: 0, resource: params.as_entire_binding() }];
        entries.extend(buffers.iter().enumerate().map(|(i, b)| wgpu::BindGroupEntry { binding: i as u32 + 1, resource: b.as_entire_binding() }));
        let layout = pipeline.get_bind_group_layout(0);
        let group = self.gpu.device.create_bind_group(&wgpu::BindGroupDescriptor { label: None, layout: &layout, entries: &entries });
        let mut pass = self.encoder.begin_compute_pass(&wgpu::ComputePassDescriptor { label: None, timestamp_writes: None });
        pass.set_pipeline(pipeline);
        pass.set_bind_group(0, &group, &[]);
        pass.dispatch_workgroups(groups.0, groups.1, groups.2);
    }

    /// `act(conv(x))`; `gain` multiplies a leaky ReLU (StyleGAN's √2); `noise` (one value per
    /// output pixel) is added to every channel before the bias.
    pub fn conv(
        &mut self,
        layer: &GpuConv,
        x: &GpuMap,
        act: Act,
        gain: f32,
        modulation: Option<&Modulation>,
        noise: Option<&wgpu::Buffer>,
    ) -> Result<GpuMap> {
        let (oh, ow) = (layer.out_side(x.height), layer.out_side(x.width));
        let cout4 = groups(layer.cout);
        let y = self.map(x.batch, oh, ow, cout4)?;
        let flags =
            u32::from(layer.zero_pad) | (u32::from(layer.upsample) << 1) | (u32::from(modulation.is_some()) << 2) | (u32::from(noise.is_some()) << 3);
        let (code, slope) = act_code(act);
        let uniform = [
            x.height as u32,
            x.width as u32,
            x.c4 as u32,
            x.batch as u32,
            oh as u32,
            ow as u32,
            cout4 as u32,
            layer.k as u32,
            layer.stride as u32,
            layer.pad as u32,
            flags,
            code,
            slope.to_bits(),
            gain.to_bits(),
            0,
            0,
        ];
        let gpu = self.gpu;
        let dummy = &gpu.dummy;
        let (sin, sout) = modulation.map_or((dummy, dummy), |m| (&m.input, &m.output));
        let pipeline = &gpu.conv;
        let buffers = [&x.buffer, &layer.weights, &layer.bias, sin, sout, noise.unwrap_or(dummy), &y.buffer];
        let grid = (ow.div_ceil(32) as u32, oh.div_ceil(8) as u32, (x.batch * cout4) as u32);
        self.dispatch(pipeline, &uniform, &buffers, grid);
        Ok(y)
    }

    /// Instance-normalise `y` in place (its own statistics, or the shared ones of `state`), then
    /// `act`, then add `skip`.
    pub fn norm(&mut self, layer: &GpuNorm, y: &GpuMap, act: Act, skip: Option<&GpuMap>) -> Result<()> {
        let pixels = (y.height * y.width) as u32;
        let stats = match self.state.shared_host(layer.channels) {
            Some((mean, var)) => {
                let shared = interleave(&mean, &var).repeat(y.batch);
                let buffer = self.gpu.buffer(&shared);
                self.temporaries.push(buffer.clone());
                buffer
            }
            None => {
                let stats = self.gpu.storage((y.batch * y.c4 * 32) as u64);
                let gpu = self.gpu;
                self.dispatch(&gpu.stats, &[pixels, y.c4 as u32, 0, 0], &[&y.buffer, &stats], (y.c4 as u32, y.batch as u32, 1));
                if self.state.records() {
                    self.recorded.push((stats.clone(), layer.channels));
                }
                stats
            }
        };
        let (code, slope) = act_code(act);
        let total = y.vec4s();
        let uniform = [pixels, y.c4 as u32, code, u32::from(skip.is_some()), slope.to_bits(), layer.epsilon.to_bits(), total as u32, 0];
        let (gx, gy) = grid(total);
        let gpu = self.gpu;
        let skip = skip.map_or(&gpu.dummy, |s| &s.buffer);
        self.dispatch(&gpu.norm, &uniform, &[&y.buffer, &stats, &layer.affine, skip], (gx, gy, 1));
        Ok(())
    }

    /// Channels of `a` then `b` (the same size).
    pub fn concat(&mut self, a: &GpuMap, b: &GpuMap) -> Result<GpuMap> {
        let y = self.map(a.batch, a.height, a.width, a.c4 + b.c4)?;
        let total = y.vec4s();
        let (gx, gy) = grid(total);
        let gpu = self.gpu;
        self.dispatch(&gpu.concat, &[a.c4 as u32, b.c4 as u32, total as u32, 0], &[&a.buffer, &b.buffer, &y.buffer], (gx, gy, 1));
        Ok(y)
    }

    /// `y += bilinear(s)` up to `y`'s size (corners aligned, as burn's interpolate).
    pub fn add_upsampled(&mut self, y: &GpuMap, s: &GpuMap) {
        self.resample(s, y, false, true);
    }

    /// `x` bilinearly upsampled ×2 with half-pixel centres (burn's interpolate without
    /// align_corners): the smooth upsampling before a StyleGAN conv.
    pub fn upsample(&mut self, x: &GpuMap) -> Result<GpuMap> {
        let y = self.map(x.batch, 2 * x.height, 2 * x.width, x.c4)?;
        self.resample(x, &y, true, false);
        Ok(y)
    }

    fn resample(&mut self, s: &GpuMap, y: &GpuMap, half_pixel: bool, add: bool) {
        let ratio = |i: usize, o: usize| match half_pixel {
            true => (i as f64 / o as f64) as f32,
            false => ((i as f64 - 1.0) / (o.max(2) - 1) as f64) as f32,
        };
        let total = y.vec4s();
        let offset: f32 = if half_pixel { 0.5 } else { 0.0 };
        let uniform = [
            s.height as u32,
            s.width as u32,
            y.height as u32,
            y.width as u32,
            ratio(s.height, y.height).to_bits(),
            ratio(s.width, y.width).to_bits(),
            total as u32,
            y.c4 as u32,
            offset.to_bits(),
            u32::from(add),
            0,
            0,
        ];
        let (gx, gy) = grid(total);
        let gpu = self.gpu;
        self.dispatch(&gpu.resample, &uniform, &[&s.buffer, &y.buffer], (gx, gy, 1));
    }

    /// Run the pass and read `y` back as `[batch][height][width][c4 × 4]` floats; statistics
    /// the pass records go into its [`NormState`].
    pub async fn finish(mut self, y: &GpuMap) -> Result<Vec<f32>> {
        // The output and every recorded statistic, one after the other in one staging buffer:
        // one read back per pass.
        let out_size = (y.vec4s() * 16) as u64;
        let mut reads = vec![(y.buffer.clone(), out_size)];
        reads.extend(self.recorded.iter().map(|(b, _)| (b.clone(), b.size())));
        let staging = self.gpu.device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("read"),
            size: reads.iter().map(|(_, size)| size).sum(),
            usage: wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::COPY_DST,
            mapped_at_creation: false,
        });
        let mut offset = 0;
        for (src, size) in &reads {
            self.encoder.copy_buffer_to_buffer(src, 0, &staging, offset, *size);
            offset += size;
        }
        self.gpu.queue.submit([self.encoder.finish()]);
        let (validation, oom) = (self.scope.pop(), self.oom.pop());
        let data = read(&staging).await;
        staging.destroy();
        for t in &self.temporaries {
            t.destroy();
        }
        // A lost device may still "complete" work (WebGPU makes most calls no-ops then): its
        // results are not to be trusted.
        if super::device_lost() {
            return Err(AtelierError::Device("the GPU device was lost (WebGPU); reload the page or switch to the CPU".into()));
        }
        if let Some(e) = oom.await {
            return Err(device_error("out of GPU memory; use smaller tiles or the CPU", e));
        }
        if let Some(e) = validation.await {
            return Err(device_error("a kernel was refused", e));
        }
        let mut data = data?;
        let mut at = (out_size / 4) as usize;
        for (buffer, channels) in &self.recorded {
            // [c4][mean ×4, var ×4] of the one sample a recording pass holds.
            let (mean, var) = deinterleave(&data[at..], *channels);
            self.state.push_recorded(mean, var);
            at += (buffer.size() / 4) as usize;
        }
        data.truncate((out_size / 4) as usize);
        Ok(data)
    }
}

/// Map a staging buffer and copy its floats out.
async fn read(buffer: &wgpu::Buffer) -> Result<Vec<f32>> {
    #[derive(Default)]
    struct Shared {
        done: Option<bool>,
        waker: Option<Waker>,
    }
    let shared = Rc::new(RefCell::new(Shared::default()));
    let theirs = Rc::clone(&shared);
    let slice = buffer.slice(..);
    slice.map_async(wgpu::MapMode::Read, move |r| {
        let mut s = theirs.borrow_mut();
        s.done = Some(r.is_ok());
        if let Some(w) = s.waker.take() {
            w.wake();
        }
    });
    let ok = std::future::poll_fn(|cx| {
        let mut s = shared.borrow_mut();
        match s.done {
            Some(ok) => Poll::Ready(ok),
            None => {
                s.waker = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    })
    .await;
    if !ok {
        return Err(AtelierError::Device("the GPU device was lost (WebGPU); reload the page or switch to the CPU".into()));
    }
    let view = slice.get_mapped_range().map_err(|e| device_error("reading a result", e))?;
    let out = view.chunks_exact(4).map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect();
    drop(view);
    buffer.unmap();
    Ok(out)
}
