import { installAutograd, noGrad } from '@tsjit/autodiff';
import { load, save, script } from '@tsjit/jit';
import * as nn from '@tsjit/nn';
import { fromArray, manualSeed, torchOps as T } from '@tsjit/tensor';
import { ProgressBar } from './progress-bar.mjs';

/** The dataset's image side and number of classes. */
export const SIDE = 16;
export const CLASSES = 10;

/**
 * Each class's pattern on a SIDE×SIDE grid (values 0 or 1), drawn around a centre (cy, cx): bars,
 * stripes, diagonals, a checkerboard, a square, a ring, a cross and two half-planes.
 */
const PATTERNS = [
  (y, _x) => (Math.abs(y) <= 1 ? 1 : 0),
  (_y, x) => (Math.abs(x) <= 1 ? 1 : 0),
  (y, x) => (Math.abs(y - x) <= 1 ? 1 : 0),
  (y, x) => (Math.abs(y + x) <= 1 ? 1 : 0),
  (y, x) => ((Math.floor((y + 16) / 3) + Math.floor((x + 16) / 3)) % 2 === 0 ? 1 : 0),
  (y, x) => (Math.max(Math.abs(y), Math.abs(x)) <= 3 ? 1 : 0),
  (y, x) => (Math.abs(Math.hypot(y, x) - 5) <= 1 ? 1 : 0),
  (y, x) => (Math.abs(y) <= 0.5 || Math.abs(x) <= 0.5 ? 1 : 0),
  (y, _x) => (y < -2 ? 1 : 0),
  (_y, x) => (x > 2 ? 1 : 0),
];

/**
 * A synthetic image-classification dataset, generated from the seed: `samples` images of 1×16×16,
 * each its class's pattern shifted by up to `shift` pixels, scaled by a random contrast, plus
 * Gaussian noise of standard deviation `noise`. Labels are balanced (sample i has class i mod 10),
 * then shuffled.
 *
 * @param {{ samples?: number, noise?: number, shift?: number, seed?: number }} [options]
 * @returns {{ images: import('@tsjit/tensor').Tensor, labels: import('@tsjit/tensor').Tensor }}
 */
export function makeDataset({ samples = 2000, noise = 0.6, shift = 2, seed = 0 } = {}) {
  manualSeed(seed);
  const jitter = T.randint(-shift, shift + 1, [samples, 2]).toFlatArray();
  const contrast = T.rand([samples]).toFlatArray();
  const order = T.randperm(samples).toFlatArray();
  const pixels = new Float32Array(samples * SIDE * SIDE);
  const labels = new Array(samples);
  const c = (SIDE - 1) / 2;
  for (let s = 0; s < samples; s++) {
    const label = Number(order[s]) % CLASSES;
    labels[s] = label;
    const [dy, dx] = [Number(jitter[2 * s]), Number(jitter[2 * s + 1])];
    const scale = 0.75 + 0.5 * Number(contrast[s]);
    const pattern = PATTERNS[label];
    for (let y = 0; y < SIDE; y++) {
      for (let x = 0; x < SIDE; x++) pixels[(s * SIDE + y) * SIDE + x] = scale * pattern(y - c - dy, x - c - dx);
    }
  }
  const clean = fromArray(pixels, [samples, 1, SIDE, SIDE]);
  const images = T.add(clean, T.mul(T.randn([samples, 1, SIDE, SIDE]), noise));
  return { images, labels: fromArray(labels, [samples], { dtype: 'int64' }) };
}

/** A multilayer perceptron over the flattened image. */
export function buildMlp({ hidden = 64 } = {}) {
  return new nn.Sequential(
    new nn.Flatten(),
    new nn.Linear(SIDE * SIDE, hidden),
    new nn.ReLU(),
    new nn.Linear(hidden, CLASSES),
  );
}

/** A small CNN: two conv blocks (Conv2d, BatchNorm2d, ReLU, MaxPool2d), then a linear classifier. */
export function buildCnn({ channels = 8 } = {}) {
  return new nn.Sequential(
    new nn.Conv2d(1, channels, 3, { padding: 1 }),
    new nn.BatchNorm2d(channels),
    new nn.ReLU(),
    new nn.MaxPool2d(2),
    new nn.Conv2d(channels, channels * 2, 3, { padding: 1 }),
    new nn.BatchNorm2d(channels * 2),
    new nn.ReLU(),
    new nn.MaxPool2d(2),
    new nn.Flatten(),
    new nn.Linear(channels * 2 * (SIDE / 4) * (SIDE / 4), CLASSES),
  );
}

/** The fraction of rows of `logits` whose largest entry is at `labels`. */
export function accuracy(logits, labels) {
  const predicted = T.argmax(logits, 1);
  return Number(T.sum(T.eq(predicted, labels)).item()) / labels.sizes[0];
}

/**
 * Trains `model` with Adam and cross-entropy on shuffled minibatches; a progress bar on stderr.
 * Returns the last epoch's mean loss, the training accuracy (eval mode, whole set) and the time.
 *
 * @param {nn.Module} model
 * @param {{ images: any, labels: any }} data
 * @param {{ label?: string, epochs?: number, batchSize?: number, lr?: number, seed?: number, silent?: boolean, target?: number }} [options]
 */
export function train(model, data, options = {}) {
  installAutograd();
  const { label = 'model', epochs = 8, batchSize = 64, lr = 3e-3, seed = 1, silent = false, target } = options;
  manualSeed(seed);
  const optimizer = new nn.optim.Adam(model.parameters(), { lr });
  const lossFn = new nn.CrossEntropyLoss();
  const n = data.labels.sizes[0];
  const started = performance.now();
  let epochLoss = 0;
  let trainAccuracy = 0;
  let epochsRun = 0;
  for (let epoch = 1; epoch <= epochs; epoch++) {
    model.train();
    const bar = new ProgressBar(label.padEnd(4), { silent });
    const order = T.randperm(n);
    let seen = 0;
    let correct = 0;
    let lossSum = 0;
    for (let start = 0; start < n; start += batchSize) {
      const index = T.narrow(order, 0, start, Math.min(batchSize, n - start));
      const x = T.indexSelect(data.images, 0, index);
      const y = T.indexSelect(data.labels, 0, index);
      optimizer.zeroGrad();
      const logits = model.call(x);
      const loss = lossFn.call(logits, y);
      loss.backward();
      optimizer.step();
      const b = y.sizes[0];
      seen += b;
      lossSum += Number(loss.item()) * b;
      correct += accuracy(T.detach(logits), y) * b;
      bar.update({ epoch, epochs, done: seen, total: n, loss: lossSum / seen, accuracy: correct / seen });
    }
    bar.done();
    epochLoss = lossSum / n;
    epochsRun = epoch;
    trainAccuracy = evaluate(model, data);
    if (target !== undefined && trainAccuracy >= target) break;
  }
  return { loss: epochLoss, accuracy: trainAccuracy, epochs: epochsRun, seconds: (performance.now() - started) / 1000 };
}

/** Training-set accuracy in eval mode, without recording gradients. */
export function evaluate(model, data) {
  model.eval();
  return noGrad(() => accuracy(model.call(data.images), data.labels));
}

/**
 * Scripts the trained model (`jit.script`), saves it as a TorchScript archive at `path`, loads
 * it back and compares its predictions with the eager model's. Returns the archive's size and
 * how many predictions agree.
 */
export function exportAndCheck(model, data, path) {
  model.eval();
  const scripted = script(model);
  save(scripted, path);
  const loaded = load(path);
  return noGrad(() => {
    const eager = T.argmax(model.call(data.images), 1);
    const restored = T.argmax(loaded.forward(data.images), 1);
    const agree = Number(T.sum(T.eq(eager, restored)).item());
    return { agree, total: data.labels.sizes[0], code: loaded.code };
  });
}
