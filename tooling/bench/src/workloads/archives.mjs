// The `models` and `load` suites of ../shared/bench/README.md: tsjit's `load` of PyTorch's own
// exported archives (see ../exported-archives.mjs: the files torch-baseline.py times in the same run).
import { load, optimizeForInference } from '@tsjit/jit';
import { compareOutputs, exportedModel } from '../exported-archives.mjs';
import { clock } from '../timing.mjs';

// A first call slower than this is reported as too slow instead of timed (timing takes >= 10 calls).
const TOO_SLOW_SECONDS = 20;

// The README's models table: name, unit.
const MODELS = [
  ['resnet18_b1', 'ms'],
  ['mobilenet_v2_b1', 'ms'],
  ['squeezenet1_1_b1', 'ms'],
  ['mlp_784_1024_1024_10_b1', 'ms'],
  ['mlp_784_1024_1024_10_b64', 'items/s'],
  ['transformer_encoder_4l_d256_s128_b1', 'ms'],
  ['lstm_2l_h256_s64_b1', 'ms'],
  ['bert_like_int8_dynamic_b1', 'ms'],
];

/** The archive loaded once; `forward` on the exported inputs, checked against the exported outputs, then timed. */
function modelWorkload([name, unit]) {
  return {
    name,
    unit,
    better: unit === 'items/s' ? 'higher' : 'lower',
    setup({ archives }) {
      const m = exportedModel(archives, name);
      const module = load(m.archive);
      const run = () => module.forward(...m.inputs);
      // The second candidate: the archive frozen and folded (conv/linear-batch-norm, dropout, constants).
      const runOptimized = optimizedRun(m);
      const paths = { forward: run };
      if (runOptimized) paths['optimizeForInference(load(path))'] = runOptimized;
      return {
        itemsPerCall: m.entry.items_per_call ?? 1,
        paths,
        check() {
          const t0 = clock();
          const y = run();
          const seconds = clock() - t0;
          const wrong = compareOutputs(y, m.expected, m.tolerance);
          if (wrong) return wrong;
          const wrongOptimized = runOptimized && compareOutputs(runOptimized(), m.expected, m.tolerance);
          if (wrongOptimized) return `optimizeForInference: ${wrongOptimized}`;
          if (seconds > TOO_SLOW_SECONDS) {
            const e = new Error(`too slow to time: the first call took ${seconds.toFixed(1)} s (result correct)`);
            e.firstCallSeconds = seconds;
            throw e;
          }
          return null;
        },
      };
    },
    value: (seconds, inst) => (unit === 'items/s' ? inst.itemsPerCall / seconds : seconds * 1e3),
  };
}

/**
 * `forward` of `optimizeForInference(load(path))`, or undefined (said on stderr) when the model
 * cannot be frozen: the candidate is then not offered and `forward` alone is timed.
 */
function optimizedRun(m) {
  try {
    const optimized = optimizeForInference(load(m.archive));
    return () => optimized.forward(...m.inputs);
  } catch (e) {
    process.stderr.write(`optimizeForInference(load(path)) not offered: ${e.message.split('\n')[0]}\n`);
    return undefined;
  }
}

export const models = MODELS.map(modelWorkload);

const RESNET = 'resnet18_b1';

/** Seconds of a just-loaded module's first forward call, its result checked. */
function firstCall(module, m) {
  const t0 = clock();
  const y = module.forward(...m.inputs);
  const seconds = clock() - t0;
  // Every timed call's result is checked: a wrong one is an error, never a time.
  const wrong = compareOutputs(y, m.expected, m.tolerance);
  if (wrong) throw new Error(`wrong result: ${wrong}`);
  return seconds;
}

export const loadSuite = [
  {
    // torch-baseline: torch.jit.load(path), a fresh load per repetition, median of max(R, 5).
    name: 'load_resnet18_script',
    unit: 'ms',
    better: 'lower',
    fresh: true,
    setup({ archives }) {
      const m = exportedModel(archives, RESNET);
      return {
        paths: {
          'load(path)': () => {
            const t0 = clock();
            load(m.archive);
            return clock() - t0;
          },
          // The weights mapped, not read: their pages are read when the first call uses them
          // (first_call_resnet18_script times that path too).
          'load(path, {mmap})': () => {
            const t0 = clock();
            load(m.archive, { mmap: true });
            return clock() - t0;
          },
        },
        // The warm-up of the README's protocol (one load and one call, untimed), and its check:
        // the loaded module's output (1e-4).
        check: () => compareOutputs(load(m.archive).forward(...m.inputs), m.expected, m.tolerance),
      };
    },
    value: (seconds) => seconds * 1e3,
  },
  {
    // torch-baseline: the first forward call of a module just returned by torch.jit.load (load untimed).
    name: 'first_call_resnet18_script',
    unit: 'ms',
    better: 'lower',
    fresh: true,
    setup({ archives }) {
      const m = exportedModel(archives, RESNET);
      return {
        paths: {
          forward: () => firstCall(load(m.archive), m),
          'forward after load(path, {mmap})': () => firstCall(load(m.archive, { mmap: true }), m),
        },
        check: () => compareOutputs(load(m.archive).forward(...m.inputs), m.expected, m.tolerance),
      };
    },
    value: (seconds) => seconds * 1e3,
  },
];
