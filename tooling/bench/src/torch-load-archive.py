"""PyTorch's side of the bench workloads that load a fixture archive (`pnpm bench frontend`).

../shared/bench/torch-baseline.py times `torch.jit.load` of its own resnet18 archive only; the
frontend's acceptance compares compiling the `code/` of the largest fixture archive with PyTorch's
whole `torch.jit.load` of that archive. This script times that load the way torch-baseline.py
times its `load` suite (same protocol, so the two stay comparable):

- the process is warmed first (one load and one call of the case's method, untimed);
- paths `jit_load(path)` and `jit_load(bytes)` (file read + load from memory), each validated by
  calling the loaded module on the case's first inputs and comparing with the recorded outputs
  (the case's rtol/atol);
- every repetition is one fresh load, garbage collection off while it runs, paths interleaved;
  the median of max(R, 5) repetitions is reported, the fastest path wins.

Usage: /usr/bin/python3 torch-load-archive.py NAME CASE_DIR [--threads N] [--repeats R]
Prints one JSON line: {"name", "unit": "ms", "better": "lower", "value", "path", "threads",
"torch", "candidates"}; progress goes to stderr.
"""
import argparse
import gc
import io
import json
import os
import statistics
import sys
import time

import numpy as np
import torch


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def decode(value, case_dir):
    """A VALUE of case.json (../shared/fixtures/torchscript/README.md) as a Python object."""
    (tag, v), = value.items()
    if tag == 'tensor':
        return torch.from_numpy(np.load(os.path.join(case_dir, v)))
    if tag == 'float':
        return float(v)
    if tag in ('int', 'bool', 'str'):
        return v
    if tag == 'none':
        return None
    if tag in ('tuple', 'list'):
        items = [decode(x, case_dir) for x in v]
        return tuple(items) if tag == 'tuple' else items
    if tag == 'dict':
        return {decode(k, case_dir): decode(x, case_dir) for k, x in v}
    raise ValueError(f'unknown VALUE tag {tag}')


def close(actual, expected, rtol, atol):
    if isinstance(expected, torch.Tensor):
        return (isinstance(actual, torch.Tensor) and actual.shape == expected.shape
                and bool(torch.allclose(actual.double(), expected.double(), rtol=rtol, atol=atol, equal_nan=True)))
    if isinstance(expected, (tuple, list)):
        return (isinstance(actual, (tuple, list)) and len(actual) == len(expected)
                and all(close(a, e, rtol, atol) for a, e in zip(actual, expected)))
    if isinstance(expected, float):
        return abs(actual - expected) <= atol + rtol * abs(expected)
    return actual == expected


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('name')
    ap.add_argument('case_dir')
    ap.add_argument('--threads', type=int, default=1)
    ap.add_argument('--repeats', type=int, default=7)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)

    archive = os.path.join(args.case_dir, 'model.pt')
    with open(os.path.join(args.case_dir, 'case.json')) as f:
        case = json.load(f)
    call = case['calls'][0]
    inputs = [decode(x, args.case_dir) for x in call['inputs']]
    expected = decode(call['outputs'], args.case_dir)

    def check(m):
        with torch.no_grad():
            return close(getattr(m, case['method'])(*inputs), expected, case['rtol'], case['atol'])

    # One-time library initialisation is not counted.
    check(torch.jit.load(archive))

    def load_path():
        return torch.jit.load(archive)

    def load_bytes():
        with open(archive, 'rb') as f:
            return torch.jit.load(io.BytesIO(f.read()))

    paths = {'jit_load(path)': load_path, 'jit_load(bytes)': load_bytes}
    ok = {}
    for p, fn in paths.items():
        ok[p] = check(fn())
        if not ok[p]:
            log(f'  {args.name}: path {p} rejected: wrong output')
    samples = {p: [] for p in paths if ok[p]}
    for _ in range(max(args.repeats, 5)):
        for p in samples:
            gc.collect()
            gc.disable()
            t0 = time.perf_counter()
            m = paths[p]()
            samples[p].append(time.perf_counter() - t0)
            gc.enable()
            del m
    medians = {p: statistics.median(s) * 1e3 for p, s in samples.items()}
    line = {'name': args.name, 'unit': 'ms', 'better': 'lower', 'threads': args.threads, 'torch': torch.__version__}
    if medians:
        best = min(medians, key=medians.get)
        line.update(value=medians[best], path=best,
                    candidates=dict(sorted(medians.items(), key=lambda kv: kv[1])))
    else:
        line.update(value=None, path=None, error='no path could run this workload')
    print(json.dumps(line), flush=True)


if __name__ == '__main__':
    main()
