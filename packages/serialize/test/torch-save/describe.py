"""Describes a torch.load result as JSON (shared by tooling/fixtures/gen_torch_save.py and
load_in_torch.py; the TypeScript side is describe-value.ts).

Tensors name their storage by first-encounter index in a depth-first walk in dict order, so two
descriptions agree on sharing without agreeing on storage keys. Ints are decimal strings (exact
beyond 2^53); non-finite floats are the strings 'nan', 'inf', '-inf'.
"""
import collections
import math
import struct

import torch


def _float(x):
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x


def _storage_values(storage, dtype):
    if dtype in (torch.qint8, torch.quint8, torch.qint32):
        # The integers a quantized storage holds (1.13 cannot view it as a tensor of its dtype).
        raw = bytes(storage._storage.tolist())
        fmt = {torch.qint8: "b", torch.quint8: "B", torch.qint32: "i"}[dtype]
        n = len(raw) // struct.calcsize(fmt)
        return [str(x) for x in struct.unpack(f"<{n}{fmt}", raw)]
    values = torch.tensor([], dtype=dtype).set_(storage).tolist()
    if dtype.is_floating_point:
        return [_float(v) for v in values]
    if dtype == torch.bool:
        return values
    return [str(v) for v in values]


def describe(value):
    storages = []
    ids = {}

    def walk(v):
        if isinstance(v, torch.Tensor):
            storage = v.storage()
            key = storage._storage._cdata if hasattr(storage, "_storage") else storage._cdata
            if key not in ids:
                ids[key] = len(storages)
                storages.append({"dtype": str(v.dtype).replace("torch.", ""), "values": _storage_values(storage, v.dtype)})
            described = {
                "t": "tensor",
                "dtype": str(v.dtype).replace("torch.", ""),
                "sizes": list(v.size()),
                "strides": list(v.stride()),
                "offset": v.storage_offset(),
                "storage": ids[key],
                "requiresGrad": v.requires_grad,
                "parameter": isinstance(v, torch.nn.Parameter),
            }
            if v.is_quantized:
                if v.qscheme() == torch.per_tensor_affine:
                    described["quantizer"] = {"qscheme": "per_tensor_affine", "scale": v.q_scale(), "zeroPoint": v.q_zero_point()}
                else:
                    described["quantizer"] = {
                        "qscheme": "per_channel_affine",
                        "scales": v.q_per_channel_scales().tolist(),
                        "zeroPoints": v.q_per_channel_zero_points().tolist(),
                        "axis": v.q_per_channel_axis(),
                    }
            return described
        if v is None:
            return {"t": "none"}
        if isinstance(v, bool):
            return {"t": "bool", "v": v}
        if isinstance(v, int):
            return {"t": "int", "v": str(v)}
        if isinstance(v, float):
            return {"t": "float", "v": _float(v)}
        if isinstance(v, complex):
            return {"t": "complex", "re": _float(v.real), "im": _float(v.imag)}
        if isinstance(v, torch.device):
            return {"t": "device", "v": str(v)}
        if isinstance(v, str):
            return {"t": "str", "v": v}
        if isinstance(v, tuple):
            return {"t": "tuple", "items": [walk(x) for x in v]}
        if isinstance(v, list):
            return {"t": "list", "items": [walk(x) for x in v]}
        if isinstance(v, collections.OrderedDict):
            items = [[walk(k), walk(x)] for k, x in v.items()]
            attrs = vars(v) if hasattr(v, "__dict__") else {}
            return {"t": "odict", "items": items, "attrs": [[walk(k), walk(x)] for k, x in attrs.items()]}
        if isinstance(v, dict):
            return {"t": "dict", "items": [[walk(k), walk(x)] for k, x in v.items()]}
        raise TypeError(f"cannot describe {type(v)}")

    root = walk(value)
    return {"value": root, "storages": storages}


class Small(torch.nn.Module):
    """The module of the state-dict cases (also rebuilt by the load-in-PyTorch check)."""

    def __init__(self):
        super().__init__()
        self.fc1 = torch.nn.Linear(3, 4)
        self.bn = torch.nn.BatchNorm1d(4)
        self.fc2 = torch.nn.Linear(4, 2, bias=False)
        self.register_buffer("steps", torch.tensor([7], dtype=torch.int64))

    def forward(self, x):
        return self.fc2(torch.relu(self.bn(self.fc1(x))))
