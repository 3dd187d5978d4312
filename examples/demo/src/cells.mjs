// The TorchScript introduction's modules in TypeScript: each carries its forward twice, as eager
// TypeScript (for running and tracing) and as TorchScript source (for jit.script).
import { jit, nn, torch } from 'tsjit';

const { torchscript } = jit;

/** Data-dependent control flow: the sign of x.sum() picks the branch. */
export class MyDecisionGate extends nn.Module {
  static torchscript = torchscript`
    def forward(self, x: Tensor) -> Tensor:
        if bool(x.sum() > 0):
            return x
        else:
            return -x
  `;
  forward(x) {
    // Reading the sum as a JS boolean is what a trace cannot record: tsjit warns here.
    if (torch.gt(torch.sum(x), 0).item()) return x;
    return torch.neg(x);
  }
}

/** A recurrent cell: new_h = tanh(gate(linear(x)) + h), returned twice (output and state). */
export class MyCell extends nn.Module {
  static torchscript = torchscript`
    def forward(self, x: Tensor, h: Tensor) -> Tuple[Tensor, Tensor]:
        new_h = torch.tanh(self.dg(self.linear(x)) + h)
        return new_h, new_h
  `;
  constructor(dg) {
    super();
    this.dg = dg;
    this.linear = new nn.Linear(4, 4);
  }
  forward(x, h) {
    const newH = torch.tanh(torch.add(callModule(this.dg, this.linear.call(x)), h));
    return [newH, newH];
  }
}

/** Runs the cell over the first dimension of xs, from a zero state: what scripting keeps as a loop. */
export class MyRNNLoop extends nn.Module {
  static torchscript = torchscript`
    def forward(self, xs: Tensor) -> Tuple[Tensor, Tensor]:
        h, y = torch.zeros(3, 4), torch.zeros(3, 4)
        for i in range(xs.size(0)):
            y, h = self.cell(xs[i], h)
        return y, h
  `;
  constructor(cell) {
    super();
    this.cell = cell;
  }
  forward(xs) {
    let h = torch.zeros([3, 4]);
    let y = torch.zeros([3, 4]);
    for (let i = 0; i < xs.sizes[0]; i++) [y, h] = callModule(this.cell, torch.select(xs, 0, i), h);
    return [y, h];
  }
}

/** Eager code around the scripted loop, for tracing: the trace keeps the loop as a call. */
export class WrapRNN extends nn.Module {
  constructor(loop) {
    super();
    this.loop = loop;
  }
  forward(xs) {
    const [y] = callModule(this.loop, xs);
    return torch.relu(y);
  }
}

/** Calls an eager module (`call`, with its hooks) or a ScriptModule (`forward`, through the interpreter). */
function callModule(module, ...args) {
  return module instanceof nn.Module ? module.call(...args) : module.forward(...args);
}
