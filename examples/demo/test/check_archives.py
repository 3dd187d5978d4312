"""Loads each archive the demo saved with PyTorch and checks its outputs against tsjit's.

argv: pairs of paths (archive, io) where io is torch.save({'inputs': [...], 'outputs': ...}).
Prints one line per archive: `<archive> <largest difference>`; exits 1 when any differs.
"""
import sys

import torch


def flat(value):
    return list(value) if isinstance(value, (tuple, list)) else [value]


failed = False
args = sys.argv[1:]
for archive, io_path in zip(args[0::2], args[1::2]):
    module = torch.jit.load(archive)
    io = torch.load(io_path)
    got = flat(module(*io['inputs']))
    want = flat(io['outputs'])
    diff = max(float((a - b).abs().max()) for a, b in zip(got, want)) if len(got) == len(want) else float('inf')
    print(archive, diff)
    failed = failed or not diff <= 1e-6
sys.exit(1 if failed else 0)
