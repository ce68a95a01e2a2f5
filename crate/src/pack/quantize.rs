use burn::module::{Module, ModuleMapper, Param};
use burn::tensor::Tensor;
use burn::tensor::quantization::{QuantScheme, QuantStore, QuantValue, ScaleDtype};

/// Symmetric int8 weights with one scale per output channel: every conv kernel `[out, in, kh, kw]`
/// is quantized in blocks of `[1, in, kh, kw]`. Per-channel scales keep 40+ dB where one
/// scale per tensor loses the small-magnitude channels. Biases and norm parameters stay f32
/// (they are tiny and sensitive).
pub struct PerChannelQ8;

impl PerChannelQ8 {
    /// Blocks of `[1, in, kh, kw]`; block sides must fit in a byte, so a kernel with more than
    /// 255 input channels (a U-Net level that concatenates a skip) is split into the fewest
    /// equal blocks of input channels that fit (a finer scale, never a coarser one).
    pub fn scheme(dims: [usize; 4]) -> Option<QuantScheme> {
        let c_in = (1..=dims[1]).map(|parts| dims[1] / parts).find(|&c| c <= 255 && dims[1].is_multiple_of(c))?;
        let block: Vec<u8> = [1, c_in, dims[2], dims[3]].iter().map(|&d| u8::try_from(d).ok()).collect::<Option<_>>()?;
        Some(QuantScheme::default().with_value(QuantValue::Q8S).with_store(QuantStore::PackedU32(0)).per_block(block, ScaleDtype::F32))
    }
}

impl ModuleMapper for PerChannelQ8 {
    fn map_float<const D: usize>(&mut self, param: Param<Tensor<D>>) -> Param<Tensor<D>> {
        if D != 4 {
            return param;
        }
        param.map(|t| {
            let d = t.dims();
            match Self::scheme([d[0], d[1], d[2], d[3]]) {
                Some(scheme) => t.quantize_dynamic(&scheme),
                None => t,
            }
        })
    }
}

pub fn quantize_per_channel<M: Module>(module: M) -> M {
    module.map(&mut PerChannelQ8)
}

/// Turns int8 weights back into f32. Model files are int8 for the download; compute runs in f32
/// anyway, and WebGPU has no int8 type to dequantize into, so weights are dequantized once, on the
/// CPU, when a model is loaded.
pub struct Dequantize;

impl ModuleMapper for Dequantize {
    fn map_float<const D: usize>(&mut self, param: Param<Tensor<D>>) -> Param<Tensor<D>> {
        param.map(|t| t.dequantize())
    }
}
