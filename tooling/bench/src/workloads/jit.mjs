// The `jit` suite (ours, no PyTorch side): models built in TypeScript with @tsjit/nn, run by tsjit's
// eager mode and by the interpreter after `jit.trace`, `jit.script` and
// `jit.optimizeForInference(jit.script(...))`. It compares tsjit with itself, for issue 8's
// criterion "scripted and traced models run through the interpreter at least as fast as the same
// model in tsjit's eager mode": each path's time and eager ÷ path (>= 1: the interpreter is at
// least as fast). Autograd is installed (as the `tsjit` umbrella installs it) and the inference
// rows run under `noGrad`; `train_*` runs forward + backward with grad enabled.
import { installAutograd, isAutogradInstalled, noGrad, uninstallAutograd } from '@tsjit/autodiff';
import { optimizeForInference, script, torchscript, trace } from '@tsjit/jit';
import * as nn from '@tsjit/nn';
import { manualSeed, torchOps as T, Tensor } from '@tsjit/tensor';

// --- models -------------------------------------------------------------------------------------

class MLP extends nn.Module {
  static torchscript = torchscript`
    def forward(self, x: Tensor) -> Tensor:
        return self.fc3(torch.relu(self.fc2(torch.relu(self.fc1(x)))))
  `;
  fc1 = new nn.Linear(784, 1024);
  fc2 = new nn.Linear(1024, 1024);
  fc3 = new nn.Linear(1024, 10);
  forward(x) {
    return this.fc3.call(T.relu(this.fc2.call(T.relu(this.fc1.call(x)))));
  }
}

/** torchvision's BasicBlock without a downsample (stride 1, same width). */
class BasicBlock extends nn.Module {
  static torchscript = torchscript`
    def forward(self, x: Tensor) -> Tensor:
        out = torch.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return torch.relu(out + x)
  `;
  constructor(planes) {
    super();
    this.conv1 = new nn.Conv2d(planes, planes, 3, { padding: 1, bias: false });
    this.bn1 = new nn.BatchNorm2d(planes);
    this.conv2 = new nn.Conv2d(planes, planes, 3, { padding: 1, bias: false });
    this.bn2 = new nn.BatchNorm2d(planes);
  }
  forward(x) {
    const out = this.bn2.call(this.conv2.call(T.relu(this.bn1.call(this.conv1.call(x)))));
    return T.relu(T.add(out, x));
  }
}

/** torchvision's BasicBlock that halves the resolution: its shortcut is a 1x1 conv + batch norm. */
class DownBlock extends nn.Module {
  static torchscript = torchscript`
    def forward(self, x: Tensor) -> Tensor:
        out = torch.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return torch.relu(out + self.downsample(x))
  `;
  constructor(inplanes, planes) {
    super();
    this.conv1 = new nn.Conv2d(inplanes, planes, 3, { stride: 2, padding: 1, bias: false });
    this.bn1 = new nn.BatchNorm2d(planes);
    this.conv2 = new nn.Conv2d(planes, planes, 3, { padding: 1, bias: false });
    this.bn2 = new nn.BatchNorm2d(planes);
    this.downsample = new nn.Sequential(
      new nn.Conv2d(inplanes, planes, 1, { stride: 2, bias: false }),
      new nn.BatchNorm2d(planes),
    );
  }
  forward(x) {
    const out = this.bn2.call(this.conv2.call(T.relu(this.bn1.call(this.conv1.call(x)))));
    return T.relu(T.add(out, this.downsample.call(x)));
  }
}

/** ResNet-18's shape: stem, four stages of two BasicBlocks (64, 128, 256, 512), pooling, fc. */
class ResNet18 extends nn.Module {
  static torchscript = torchscript`
    def forward(self, x: Tensor) -> Tensor:
        x = self.maxpool(torch.relu(self.bn1(self.conv1(x))))
        x = self.layer4(self.layer3(self.layer2(self.layer1(x))))
        x = torch.flatten(self.avgpool(x), 1)
        return self.fc(x)
  `;
  conv1 = new nn.Conv2d(3, 64, 7, { stride: 2, padding: 3, bias: false });
  bn1 = new nn.BatchNorm2d(64);
  maxpool = new nn.MaxPool2d(3, { stride: 2, padding: 1 });
  layer1 = new nn.Sequential(new BasicBlock(64), new BasicBlock(64));
  layer2 = new nn.Sequential(new DownBlock(64, 128), new BasicBlock(128));
  layer3 = new nn.Sequential(new DownBlock(128, 256), new BasicBlock(256));
  layer4 = new nn.Sequential(new DownBlock(256, 512), new BasicBlock(512));
  avgpool = new nn.AdaptiveAvgPool2d([1, 1]);
  fc = new nn.Linear(512, 1000);
  forward(x) {
    x = this.maxpool.call(T.relu(this.bn1.call(this.conv1.call(x))));
    x = this.layer4.call(this.layer3.call(this.layer2.call(this.layer1.call(x))));
    x = T.flatten(this.avgpool.call(x), 1);
    return this.fc.call(x);
  }
}

/** An LSTMCell stepped over the sequence by a loop: control flow the script keeps and a trace unrolls. */
class LSTMLoop extends nn.Module {
  static torchscript = torchscript`
    def forward(self, xs: Tensor) -> Tensor:
        h = torch.zeros([xs.size(1), 64])
        c = torch.zeros([xs.size(1), 64])
        for i in range(xs.size(0)):
            h, c = self.cell(xs[i], (h, c))
        return h
  `;
  cell = new nn.LSTMCell(32, 64);
  forward(xs) {
    let h = T.zeros([xs.size(1), 64]);
    let c = T.zeros([xs.size(1), 64]);
    for (let i = 0; i < xs.size(0); i++) [h, c] = this.cell.call(T.select(xs, 0, i), [h, c]);
    return h;
  }
}

function tinyStack() {
  const layers = [];
  for (let i = 0; i < 20; i++) layers.push(new nn.Linear(16, 16), new nn.ReLU());
  return new nn.Sequential(...layers);
}

// --- the workloads -------------------------------------------------------------------------------

const MODELS = [
  { name: 'jit_mlp_784_1024_1024_10_b1', build: () => new MLP(), input: () => T.randn([1, 784]) },
  { name: 'jit_mlp_784_1024_1024_10_b64', build: () => new MLP(), input: () => T.randn([64, 784]) },
  { name: 'jit_resnet18_b1_64x64', build: () => new ResNet18(), input: () => T.randn([1, 3, 64, 64]) },
  {
    name: 'jit_transformer_encoder_2l_d64_s32',
    build: () => new nn.TransformerEncoder(new nn.TransformerEncoderLayer(64, 4, { dimFeedforward: 256 }), 2),
    input: () => T.randn([32, 1, 64]),
  },
  { name: 'jit_lstm_cell_loop_s32_b1_h64', build: () => new LSTMLoop(), input: () => T.randn([32, 1, 32]) },
  { name: 'jit_tiny_20x_linear16_relu_b1', build: () => tinyStack(), input: () => T.randn([1, 16]) },
];

/**
 * Runs fn with autograd installed, leaving the process as it found it (the other suites time the
 * dispatcher without the recording mode).
 */
function withAutograd(fn) {
  if (isAutogradInstalled()) return fn();
  installAutograd();
  try {
    return fn();
  } finally {
    uninstallAutograd();
  }
}

/** The largest absolute difference between two results, relative to the larger of max|want| and 1. */
function mismatch(got, want) {
  if (!(got instanceof Tensor)) return `not a tensor: ${String(got)}`;
  if (got.sizes.join() !== want.sizes.join()) return `shape [${got.sizes}] instead of [${want.sizes}]`;
  const diff = T.max(T.abs(T.sub(got, want))).item();
  const scale = Math.max(1, T.max(T.abs(want)).item());
  return diff <= 1e-4 * scale ? null : `differs from eager by ${diff}`;
}

/**
 * The paths of a workload: `eager` and whichever of the others could be built. A path whose
 * construction fails (a model the tracer or the script compiler refuses) is reported with its
 * error in `pathErrors`, and the rest are still timed.
 */
function buildPaths(makers) {
  const paths = {};
  const pathErrors = {};
  for (const [name, make] of Object.entries(makers)) {
    try {
      paths[name] = make();
    } catch (e) {
      pathErrors[name] = String(e?.message ?? e).split('\n')[0];
    }
  }
  return { paths, pathErrors };
}

/** Each path's result (a tensor) against eager's; `what` names it in the message. */
function checkPaths(paths, what = '') {
  const want = paths.eager();
  for (const [name, run] of Object.entries(paths)) {
    if (name === 'eager') continue;
    const problem = mismatch(run(), want);
    if (problem) return `${name}: ${what}${problem}`;
  }
  return null;
}

function inferenceWorkload(m) {
  return {
    name: m.name,
    unit: 'ms',
    better: 'lower',
    setup() {
      return withAutograd(() => {
        manualSeed(0);
        const model = m.build().eval();
        const x = m.input();
        const infer = (f) => () => withAutograd(() => noGrad(f));
        const { paths, pathErrors } = buildPaths({
          eager: () => infer(() => model.call(x)),
          // checkTrace reruns the trace against eager once more: not part of what is timed.
          trace: () => {
            const traced = noGrad(() => trace(model, [x], { checkTrace: false }));
            return infer(() => traced.forward(x));
          },
          script: () => {
            const scripted = script(model);
            return infer(() => scripted.forward(x));
          },
          'optimize(script)': () => {
            const frozen = optimizeForInference(script(model));
            return infer(() => frozen.forward(x));
          },
        });
        return { paths, pathErrors, check: () => checkPaths(paths) };
      });
    },
    value: (seconds) => seconds * 1e3,
  };
}

/** One forward + backward (cross-entropy on random labels) of the MLP, the parameters' grads reset each time. */
function trainWorkload(name, batch) {
  return {
    name,
    unit: 'ms',
    better: 'lower',
    setup() {
      return withAutograd(() => {
        manualSeed(0);
        const model = new MLP();
        const x = T.randn([batch, 784]);
        const target = T.randint(0, 10, [batch]);
        const params = model.parameters();
        const step = (forward) => () =>
          withAutograd(() => {
            for (const p of params) p.grad = null;
            const loss = nn.functional.crossEntropy(forward(x), target);
            loss.backward();
            return params[0].grad;
          });
        const { paths, pathErrors } = buildPaths({
          eager: () => step((v) => model.call(v)),
          trace: () => {
            const traced = trace(model, [x], { checkTrace: false });
            return step((v) => traced.forward(v));
          },
          script: () => {
            const scripted = script(model);
            return step((v) => scripted.forward(v));
          },
        });
        return { paths, pathErrors, check: () => checkPaths(paths, "fc1.weight's gradient ") };
      });
    },
    value: (seconds) => seconds * 1e3,
  };
}

export const jit = [...MODELS.map(inferenceWorkload), trainWorkload('jit_train_mlp_784_1024_1024_10_b64', 64)];
