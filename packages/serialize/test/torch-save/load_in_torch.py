"""Loads files that tsjit's torchSave wrote, in PyTorch, and checks them.

    /usr/bin/python3 load_in_torch.py MANIFEST.json OUT-DIR

MANIFEST.json lists cases {"name", "file", "expected" (describe.py's format, computed by the
TypeScript side from the values it saved), "module" (optional: "Small" to load the file as that
module's state dict with load_state_dict(strict=True))}. For each case this prints, as one JSON
object on stdout, whether torch.load's value matches the description (values, dtypes, sizes,
strides, offsets, storage sharing, Parameters, dict kinds, _metadata), whether the state dict
loaded into the module, and re-saves the loaded value with torch.save to OUT-DIR/<stem>.pt so the
caller can compare PyTorch's bytes with its own.
"""
import json
import os
import sys
import traceback

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from describe import Small, describe  # noqa: E402


def check(case, out_dir):
    value = torch.load(case["file"])
    got = describe(value)
    if got != case["expected"]:
        return {"ok": False, "error": "description differs", "got": got}
    if case.get("module") == "Small":
        module = Small()
        module.load_state_dict(value, strict=True)
        for key, tensor in module.state_dict().items():
            if not torch.equal(tensor, value[key]):
                return {"ok": False, "error": f"{key} differs after load_state_dict"}
        module.eval()
        out = module(torch.arange(6, dtype=torch.float32).view(2, 3))
        if not torch.isfinite(out).all():
            return {"ok": False, "error": "forward gave non-finite values"}
    torch.save(value, os.path.join(out_dir, os.path.basename(case["file"])))
    return {"ok": True}


def main():
    with open(sys.argv[1]) as f:
        cases = json.load(f)
    out_dir = sys.argv[2]
    os.makedirs(out_dir, exist_ok=True)
    results = {}
    for case in cases:
        try:
            results[case["name"]] = check(case, out_dir)
        except Exception:  # noqa: BLE001 - reported to the test, which fails on it
            results[case["name"]] = {"ok": False, "error": traceback.format_exc()}
    print(json.dumps(results))


if __name__ == "__main__":
    main()
