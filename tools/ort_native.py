#!/usr/bin/env python3
"""Native ONNX Runtime for `make bench` (bench/ort.mjs runs it; never part of the product).

    ort_native.py check --onnx M.onnx --model M.bpk --trainer T --photo P.jpg --work DIR
        ONNX Runtime's output on a real photo against `trainer stylize` (strength 1, one pass: ≤ 1024 px):
        PSNR in dB over RGB bytes; exits 1 below --min-db (default 40). A wrong graph fails here.
    ort_native.py bench --onnx M.onnx --sizes 256,512,1024 --repeats 5 --threads N
        median forward time per size, as `trainer bench` times its forward (one warm-up run).

Prints one JSON object on stdout.
"""
import argparse
import json
import os
import subprocess
import sys
import time

import numpy as np
import onnxruntime as ort
from PIL import Image


def session(path, threads):
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = threads
    opts.inter_op_num_threads = 1
    opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    return ort.InferenceSession(path, opts, providers=["CPUExecutionProvider"])


def rgb_bytes(path):
    return np.asarray(Image.open(path).convert("RGB"), dtype=np.uint8)


def check(args):
    os.makedirs(args.work, exist_ok=True)
    # Both engines read the same PNG (two JPEG decoders may differ by a level here and there).
    photo = rgb_bytes(args.photo)
    h, w, _ = photo.shape
    if max(h, w) > 1024:
        sys.exit(f"{args.photo} is {w}×{h}: use a photo of at most 1024 px a side (one tile in trainer stylize)")
    png = os.path.join(args.work, "check_input.png")
    Image.fromarray(photo).save(png)
    ref = os.path.join(args.work, "check_trainer.png")
    r = subprocess.run([args.trainer, "stylize", "--model", args.model, "--input", png, "--output", ref, "--strength", "1",
                        "--tile", "1024"],
                       capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"trainer stylize failed: {r.stderr.strip()}")
    # Planar::from_rgba: byte / 255, planar [1, 3, H, W]; Planar::to_rgba: clamp, × 255, round.
    x = (photo.astype(np.float32) / 255.0).transpose(2, 0, 1)[None]
    y = session(args.onnx, os.cpu_count() or 1).run(None, {"image": x})[0]
    ours = np.clip(np.round(np.clip(y[0], 0, 1) * 255.0), 0, 255).astype(np.uint8).transpose(1, 2, 0)
    Image.fromarray(ours).save(os.path.join(args.work, "check_ort.png"))
    theirs = rgb_bytes(ref)
    if theirs.shape != ours.shape:
        sys.exit(f"sizes differ: trainer {theirs.shape} vs ONNX Runtime {ours.shape}")
    d = ours.astype(np.float64) - theirs.astype(np.float64)
    mse = float(np.mean((d / 255.0) ** 2))
    psnr = float("inf") if mse == 0 else 10 * np.log10(1.0 / mse)
    out = {"photo": args.photo, "width": w, "height": h, "psnr_db": psnr if np.isfinite(psnr) else 999.0,
           "max_abs_diff": int(np.abs(d).max()), "min_db": args.min_db, "ok": bool(psnr >= args.min_db)}
    print(json.dumps(out))
    if not out["ok"]:
        print(f"ONNX graph and trainer stylize disagree: {psnr:.1f} dB < {args.min_db} dB (the graph is wrong; "
              f"compare {args.work}/check_ort.png with check_trainer.png)", file=sys.stderr)
        sys.exit(1)


def bench(args):
    s = session(args.onnx, args.threads)
    rng = np.random.default_rng(1)
    forward = []
    for size in [int(v) for v in args.sizes.split(",")]:
        x = rng.random((1, 3, size, size), dtype=np.float32)
        s.run(None, {"image": x})  # warm-up
        times = []
        for _ in range(args.repeats):
            t = time.perf_counter()
            s.run(None, {"image": x})
            times.append((time.perf_counter() - t) * 1000.0)
        forward.append({"size": size, "ms": sorted(times)[len(times) // 2]})
    print(json.dumps({"onnxruntime": ort.__version__, "threads": args.threads, "forward": forward}))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("check")
    c.add_argument("--onnx", required=True)
    c.add_argument("--model", required=True, help="the .bpk the ONNX graph was built from")
    c.add_argument("--trainer", required=True)
    c.add_argument("--photo", required=True)
    c.add_argument("--work", required=True, help="folder for the PNGs compared")
    c.add_argument("--min-db", type=float, default=40.0)
    b = sub.add_parser("bench")
    b.add_argument("--onnx", required=True)
    b.add_argument("--sizes", default="256,512,1024")
    b.add_argument("--repeats", type=int, default=5)
    b.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()
    check(args) if args.cmd == "check" else bench(args)


if __name__ == "__main__":
    main()
