# PyTorch's side of src/train-ops.mjs: the same cases by name, eager ops at one thread, timed as
# ../shared/bench/torch-baseline.py times (warm-up >= 3 calls and 0.1 s, repetitions of >= 0.1 s
# with GC off, the median). argv: --repeats R, then the case names. Prints {name: ms} as JSON.
import gc
import json
import sys
import time

import torch

torch.set_num_threads(1)
g = torch.Generator().manual_seed(1)

INPUTS = {
    "x": [64, 784], "w1": [1024, 784], "b1": [1024], "w2": [1024, 1024], "b2": [1024], "w3": [10, 1024],
    "b3": [10], "h1": [64, 1024], "g1": [64, 1024], "logits": [64, 10], "g3": [64, 10],
    "p": [1024, 1024], "grad": [1024, 1024], "m": [1024, 1024], "v": [1024, 1024],
    "xs": [1024, 128], "wih": [1024, 128], "whh": [1024, 256], "bih": [1024], "bhh": [1024], "hx": [16, 256],
    "gates": [16, 1024], "gpre": [1024, 1024], "gs": [16, 256], "dg": [16, 1024], "out": [64, 16, 256],
    "target": [64, 16, 256],
}
t = {k: torch.randn(s, generator=g) * 0.1 for k, s in INPUTS.items()}
t["v"] = t["v"].abs() + 0.01
t["whh2"] = torch.randn(1024, 256, generator=g) * 1e-6
t["labels"] = torch.tensor([(i * 7) % 10 for i in range(64)])
t["scalar"] = torch.tensor(1.0)
t["tw"] = torch.tensor(64.0)
F = torch.nn.functional

CASES = {
    "addmm fc1": lambda: torch.addmm(t["b1"], t["x"], t["w1"].t()),
    "addmm fc2": lambda: torch.addmm(t["b2"], t["h1"], t["w2"].t()),
    "addmm fc3": lambda: torch.addmm(t["b3"], t["h1"], t["w3"].t()),
    "relu": lambda: t["g1"].relu(),
    "log_softmax": lambda: t["logits"].log_softmax(1),
    "nll_loss": lambda: F.nll_loss(t["logits"], t["labels"]),
    "log_softmax_backward": lambda: torch._log_softmax_backward_data(t["g3"], t["logits"], 1, torch.float32),
    "nll_loss_backward": lambda: torch.ops.aten.nll_loss_backward(t["scalar"], t["logits"], t["labels"], None, 1, -100, t["tw"]),
    "mm grad@W fc3": lambda: torch.mm(t["g3"], t["w3"]),
    "mm g.T@h fc3": lambda: torch.mm(t["g3"].t(), t["h1"]),
    "mm grad@W fc2": lambda: torch.mm(t["g1"], t["w2"]),
    "mm g.T@h fc2": lambda: torch.mm(t["g1"].t(), t["h1"]),
    "mm g.T@x fc1": lambda: torch.mm(t["g1"].t(), t["x"]),
    "threshold_backward": lambda: torch.ops.aten.threshold_backward(t["g1"], t["h1"], 0),
    "sum dim0 (bias grad)": lambda: t["g1"].sum(0),
    "adam mul_": lambda: t["m"].mul_(0.9999999),
    "adam add_ alpha": lambda: t["m"].add_(t["grad"], alpha=0.1),
    "adam addcmul_": lambda: t["v"].addcmul_(t["grad"], t["grad"], value=0.001),
    "adam sqrt": lambda: t["v"].sqrt(),
    "adam div scalar": lambda: t["v"].div(0.5),
    "adam add_ eps": lambda: t["m"].add_(1e-8),
    "adam addcdiv_": lambda: t["p"].addcdiv_(t["m"], t["v"], value=-1e-3),
    "grad accum add_": lambda: t["p"].add_(t["grad"]),
    "zero_": lambda: t["m"].zero_(),
    "lstm x@Wih (whole seq)": lambda: torch.addmm(t["bih"], t["xs"], t["wih"].t()),
    "lstm addmm h@Whh": lambda: torch.addmm(t["bhh"], t["hx"], t["whh"].t()),
    "lstm add gates": lambda: t["gates"].add(t["dg"]),
    "lstm sigmoid (chunk view)": lambda: t["gates"].narrow(1, 0, 256).sigmoid(),
    "lstm tanh": lambda: t["gs"].tanh(),
    "lstm mul": lambda: t["gs"].mul(t["hx"]),
    "lstm add": lambda: t["gs"].add(t["hx"]),
    "lstm sigmoid_backward": lambda: torch.ops.aten.sigmoid_backward(t["gs"], t["hx"]),
    "lstm tanh_backward": lambda: torch.ops.aten.tanh_backward(t["gs"], t["hx"]),
    "lstm cat 4 gates": lambda: torch.cat([t["gs"], t["hx"], t["gs"], t["hx"]], 1),
    "lstm mm dg@Whh": lambda: torch.mm(t["dg"], t["whh"]),
    "lstm mm dg.T@h": lambda: torch.mm(t["dg"].t(), t["hx"]),
    "lstm mm dg.T@x (whole seq)": lambda: torch.mm(t["gpre"].t(), t["xs"]),
    "lstm sum dim0": lambda: t["dg"].sum(0),
    "lstm grad accum add_": lambda: t["whh"].add_(t["whh2"]),
    "mse_loss": lambda: F.mse_loss(t["out"], t["target"]),
    "mse_loss_backward": lambda: torch.ops.aten.mse_loss_backward(t["scalar"], t["out"], t["target"], 1),
}


def time_call(fn, repeats):
    calls, t0, fastest = 0, time.perf_counter(), float("inf")
    while calls < 3 or time.perf_counter() - t0 < 0.1:
        a = time.perf_counter()
        fn()
        fastest = min(fastest, time.perf_counter() - a)
        calls += 1
    per = max(1, int(0.1 / max(fastest, 1e-9)) + 1)
    samples = []
    gc.disable()
    for _ in range(repeats):
        n, t0 = 0, time.perf_counter()
        while True:
            for _ in range(per):
                fn()
            n += per
            el = time.perf_counter() - t0
            if el >= 0.1:
                break
        samples.append(el / n)
    gc.enable()
    samples.sort()
    return samples[len(samples) // 2]


def main():
    argv = sys.argv[1:]
    repeats = 5
    if argv[:1] == ["--repeats"]:
        repeats, argv = int(argv[1]), argv[2:]
    names = argv or list(CASES)
    with torch.no_grad():
        print(json.dumps({n: time_call(CASES[n], repeats) * 1e3 for n in names if n in CASES}))


main()
