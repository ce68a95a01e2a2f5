#!/usr/bin/env python3
"""The ONNX graph of a shipped fast-style model, for the peers in `make bench` (never the product).

    trainer dump-weights models/NAME/NAME.bpk --out NAME.safetensors   # f32 weights + metadata
    python tools/onnx_from_model.py NAME.safetensors --out NAME.onnx

The graph computes what crate/src/models/fast_style.rs and crate/src/nn/*.rs compute, layer for
layer, with the model file's own (dequantized) weights:

    image [1, 3, H, W] in [0, 1]
      reflect-pad bottom/right to a multiple of 4            (FastStyleNet::forward)
      down1  reflect-pad 4, conv 9×9 /1, instance norm, ReLU  (ConvNormAct, ReflectConv2d)
      down2  reflect-pad 1, conv 3×3 /2, instance norm, ReLU
      down3  reflect-pad 1, conv 3×3 /2, instance norm, ReLU
      res.i  x + IN(conv(pad(ReLU(IN(conv(pad(x)))))))        (ResidualBlock)
      up1    nearest ×2, reflect-pad 1, conv 3×3, IN, ReLU   (UpsampleConv)
      up2    nearest ×2, reflect-pad 1, conv 3×3, IN, ReLU
      out    reflect-pad 4, conv 9×9, sigmoid
      crop back to H×W
    stylized [1, 3, H, W] in (0, 1)

Instance norm: biased variance, epsilon 1e-5, learned gamma/beta (nn/norm.rs) — exactly ONNX's
InstanceNormalization. `tools/ort_native.py check` compares the result with `trainer stylize`.
"""
import argparse
import json
import struct
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 17
EPSILON = 1e-5  # InstanceNorm::new in crate/src/nn/norm.rs
SIZE_MULTIPLE = 4  # fast_style::SIZE_MULTIPLE


def read_safetensors(path):
    """(tensors by name, metadata) of a SafeTensors file (f32 only: what dump-weights writes)."""
    with open(path, "rb") as f:
        raw = f.read()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + n])
    meta = header.pop("__metadata__", {})
    body = raw[8 + n :]
    tensors = {}
    for name, info in header.items():
        if info["dtype"] != "F32":
            sys.exit(f"{path}: tensor {name} is {info['dtype']}; expected F32 (write it with `trainer dump-weights`)")
        a, b = info["data_offsets"]
        tensors[name] = np.frombuffer(body[a:b], dtype="<f4").reshape(info["shape"]).astype(np.float32)
    return tensors, meta


class Graph:
    def __init__(self, weights):
        self.w = weights
        self.nodes, self.inits, self.used = [], [], set()
        self.count = 0

    def name(self, hint):
        self.count += 1
        return f"{hint}_{self.count}"

    def const(self, hint, array):
        name = self.name(hint)
        self.inits.append(numpy_helper.from_array(np.asarray(array), name))
        return name

    def weight(self, key):
        if key not in self.w:
            sys.exit(f"the weights file has no tensor `{key}`: is it a fast_style model of this build?")
        self.used.add(key)
        self.inits.append(numpy_helper.from_array(self.w[key], key))
        return key

    def op(self, op_type, inputs, hint=None, **attrs):
        out = self.name(hint or op_type.lower())
        self.nodes.append(helper.make_node(op_type, inputs, [out], name=out, **attrs))
        return out

    def reflect_conv(self, x, prefix, stride=1):
        """ReflectConv2d: reflection padding of kernel/2 on every side, then a valid convolution."""
        w = self.w.get(f"{prefix}.weight")
        if w is None:
            sys.exit(f"the weights file has no tensor `{prefix}.weight`")
        k = w.shape[-1]
        p = k // 2
        if p > 0:
            x = self.op("Pad", [x, self.const("pads", np.array([0, 0, p, p, 0, 0, p, p], np.int64))], "pad", mode="reflect")
        return self.op(
            "Conv", [x, self.weight(f"{prefix}.weight"), self.weight(f"{prefix}.bias")], prefix.replace(".", "_"),
            kernel_shape=[k, k], strides=[stride, stride], pads=[0, 0, 0, 0],
        )

    def instance_norm(self, x, prefix):
        return self.op(
            "InstanceNormalization", [x, self.weight(f"{prefix}.gamma"), self.weight(f"{prefix}.beta")],
            prefix.replace(".", "_"), epsilon=EPSILON,
        )

    def conv_norm_relu(self, x, prefix, stride):
        """ConvNormAct with a convolution: conv → instance norm → ReLU."""
        y = self.reflect_conv(x, f"{prefix}.conv.conv", stride)
        return self.op("Relu", [self.instance_norm(y, f"{prefix}.norm")])

    def upsample_norm_relu(self, x, prefix):
        """ConvNormAct::upsampling: nearest ×2 (pixel repeat) → reflect conv → norm → ReLU."""
        scales = self.const("scales", np.array([1, 1, 2, 2], np.float32))
        up = self.op(
            "Resize", [x, "", scales], "up", mode="nearest",
            coordinate_transformation_mode="asymmetric", nearest_mode="floor",
        )
        y = self.reflect_conv(up, f"{prefix}.up.conv.conv")
        return self.op("Relu", [self.instance_norm(y, f"{prefix}.norm")])

    def residual(self, x, prefix):
        y = self.reflect_conv(x, f"{prefix}.conv1.conv")
        y = self.op("Relu", [self.instance_norm(y, f"{prefix}.norm1")])
        y = self.instance_norm(self.reflect_conv(y, f"{prefix}.conv2.conv"), f"{prefix}.norm2")
        return self.op("Add", [x, y], prefix.replace(".", "_"))


def fast_style_graph(weights, config, name):
    g = Graph(weights)
    x = "image"
    # Pad bottom/right to a multiple of 4 (reflection), as FastStyleNet::forward does.
    shape = g.op("Shape", [x])
    hw = g.op("Slice", [shape, g.const("start", np.array([2], np.int64)), g.const("end", np.array([4], np.int64))], "hw")
    m = g.const("multiple", np.array([SIZE_MULTIPLE], np.int64))
    pad_hw = g.op("Mod", [g.op("Sub", [m, g.op("Mod", [hw, m])]), m], "pad_hw")
    pads = g.op("Concat", [g.const("zeros", np.zeros(6, np.int64)), pad_hw], "pads", axis=0)
    y = g.op("Pad", [x, pads], "pad_to_multiple", mode="reflect")

    y = g.conv_norm_relu(y, "down1", 1)
    y = g.conv_norm_relu(y, "down2", 2)
    y = g.conv_norm_relu(y, "down3", 2)
    for i in range(config["res_blocks"]):
        y = g.residual(y, f"res.{i}")
    y = g.upsample_norm_relu(y, "up1")
    y = g.upsample_norm_relu(y, "up2")
    y = g.op("Sigmoid", [g.reflect_conv(y, "out.conv")])
    # Crop back to H×W.
    zeros2 = g.const("zeros2", np.zeros(2, np.int64))
    axes = g.const("axes", np.array([2, 3], np.int64))
    g.nodes.append(helper.make_node("Slice", [y, zeros2, hw, axes], ["stylized"], name="crop"))

    unused = sorted(set(weights) - g.used)
    if unused:
        sys.exit(f"tensors of the weights file the graph does not use: {unused} (does fast_style.rs have a new layer?)")
    graph = helper.make_graph(
        g.nodes, name,
        [helper.make_tensor_value_info("image", TensorProto.FLOAT, [1, 3, "height", "width"])],
        [helper.make_tensor_value_info("stylized", TensorProto.FLOAT, [1, 3, "height", "width"])],
        g.inits,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="atelier onnx_from_model.py")
    model.ir_version = 8  # readable by every ONNX Runtime since 1.14 (Web included)
    onnx.checker.check_model(model, full_check=True)
    return model


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("weights", help="SafeTensors written by `trainer dump-weights`")
    ap.add_argument("--out", required=True, help="the .onnx file to write")
    args = ap.parse_args()
    weights, meta = read_safetensors(args.weights)
    if "atelier.meta" not in meta:
        sys.exit(f"{args.weights}: no `atelier.meta` metadata; write it with `trainer dump-weights MODEL.bpk --out ...`")
    info = json.loads(meta["atelier.meta"])
    if info.get("kind") != "fast_style":
        sys.exit(f"{args.weights}: a `{info.get('kind')}` model; only fast_style models have an ONNX graph here")
    model = fast_style_graph(weights, info["config"], info["name"])
    onnx.save(model, args.out)
    n = sum(int(np.prod(t.shape)) for t in weights.values())
    print(f"{args.out}: {info['name']} ({info['config']}), {len(model.graph.node)} nodes, {n} parameters, opset {OPSET}")


if __name__ == "__main__":
    main()
