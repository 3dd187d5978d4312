// PyTorch's "Introduction to TorchScript" told with tsjit: eager modules with data-dependent
// control flow, tracing (and what it bakes in), checkInputs, scripting, mixing, saving, loading
// back and loading an archive PyTorch made. `runDemo` prints the story and returns what the
// tests check; src/main.mjs runs it (`pnpm demo`).
import { mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { jit, torch } from 'tsjit';
import { MyCell, MyDecisionGate, MyRNNLoop } from './cells.mjs';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

/** The largest absolute difference between two tensors (or equal-length arrays of tensors). */
function maxDiff(a, b) {
  const as = Array.isArray(a) ? a : [a];
  const bs = Array.isArray(b) ? b : [b];
  return Math.max(...as.map((t, i) => torch.max(torch.abs(torch.sub(t, bs[i]))).item()));
}

/** Node emits warnings on the next tick: collect the TracerWarnings `fn` caused. */
async function tracerWarningsOf(fn) {
  const warnings = [];
  const listen = (w) => {
    if (w.name === 'TracerWarning') warnings.push(w.message);
  };
  process.on('warning', listen);
  let value;
  let error;
  try {
    value = fn();
  } catch (e) {
    error = e;
  }
  await new Promise((resolve) => setImmediate(resolve));
  process.off('warning', listen);
  return { value, error, warnings };
}

/**
 * Runs the demo, writing archives under `outDir`. `print` receives each line of the story.
 * Returns the warnings, the checkInputs report, every comparison (name and largest difference)
 * and the archives saved (with the inputs and outputs saved next to them, for PyTorch to check).
 */
export async function runDemo({ outDir, print = console.log } = {}) {
  mkdirSync(outDir, { recursive: true });
  const result = { headings: [], warnings: [], comparisons: [], saved: [] };
  const heading = (title) => {
    result.headings.push(title);
    print(`\n${title}\n${'='.repeat(title.length)}`);
  };
  const compare = (name, a, b) => {
    const diff = maxDiff(a, b);
    result.comparisons.push({ name, diff });
    print(`${name}: largest difference ${diff}`);
    return diff;
  };

  heading('1. Eager mode: MyCell with MyDecisionGate');
  torch.manualSeed(0);
  const cell = new MyCell(new MyDecisionGate());
  const x = torch.rand([3, 4]);
  const h = torch.rand([3, 4]);
  print(String(cell));
  print('MyDecisionGate returns x when x.sum() > 0 and -x otherwise: control flow that depends on the data.');
  const [eager] = cell.call(x, h);
  print(`cell(x, h)[0] =\n${eager}`);
  const gateSign = (input) => torch.gt(torch.sum(cell.linear.call(input)), 0).item();
  print(`For this x the gate's input sums to ${gateSign(x) ? 'more' : 'less'} than 0.`);

  heading('2. Tracing: the branch taken is baked in');
  // Until module tracing lands the cell's forward is traced as a function; its parameters are
  // frozen first so that the trace records them as constants (a traced function may not capture
  // tensors that require grad, as in PyTorch).
  cell.requiresGrad_(false);
  const forward = (x, h) => cell.call(x, h);
  const traced = await tracerWarningsOf(() => jit.trace(forward, [x, h]));
  if (traced.error) throw traced.error;
  result.warnings.push(...traced.warnings);
  for (const w of traced.warnings) print(`TracerWarning: ${w}`);
  const tracedCell = traced.value;
  print('\ntraced.graph:');
  print(String(tracedCell.graph));
  print('traced.code:');
  print(tracedCell.code);
  result.tracedCode = tracedCell.code;
  print(
    gateSign(x)
      ? 'No if in sight: the trace recorded the branch that returns x and will take it for every input.'
      : 'No if in sight: the trace recorded the branch that negates (aten::neg) and will take it for every input.',
  );
  compare('traced(x, h) vs eager (same input)', tracedCell.call(x, h), cell.call(x, h));

  heading('3. checkInputs catches an input that takes the other branch');
  let other = torch.neg(x);
  for (let scale = 2; gateSign(other) === gateSign(x); scale *= 2) other = torch.mul(torch.neg(x), scale);
  print(`x2 makes the gate's input sum to ${gateSign(other) ? 'more' : 'less'} than 0: the other branch.`);
  const checked = await tracerWarningsOf(() => jit.trace(forward, [x, h], { checkInputs: [[other, h]] }));
  result.warnings.push(...checked.warnings);
  result.checkError = checked.error;
  if (checked.error === undefined) throw new Error('checkInputs did not report the other branch');
  print(`jit.trace(forward, [x, h], { checkInputs: [[x2, h]] }) throws ${checked.error.name}:`);
  print(checked.error.message.split('\n').slice(0, 2).join('\n'));
  const nodeDiff = checked.error.message.split('\n');
  const at = nodeDiff.findIndex((l) => l.startsWith('\tNode diff:'));
  if (at >= 0) print(nodeDiff.slice(at, at + 3).join('\n'));
  print('and warns, comparing outputs:');
  for (const w of checked.warnings) {
    print(`TracerWarning: ${w.split('\n')[0]}`);
    const line = w.split('\n').find((l) => l.startsWith('Greatest absolute difference'));
    if (line) print(`  ${line}`);
  }
  print(`traced(x2, h) differs from eager by ${maxDiff(tracedCell.call(other, h), cell.call(other, h)).toFixed(4)}.`);

  heading('4. Scripting keeps the control flow');
  const scriptedCell = jit.script(cell);
  const scriptedGate = scriptedCell.namedChildren().find(([name]) => name === 'dg')[1];
  print('scripted.dg.code:');
  print(scriptedGate.code);
  result.scriptedGateCode = scriptedGate.code;
  print('scripted.graph:');
  print(String(scriptedCell.graph));
  print('scripted.code:');
  print(scriptedCell.code);
  compare('scripted(x, h) vs eager', scriptedCell.forward(x, h), cell.call(x, h));
  compare('scripted(x2, h) vs eager (the other branch)', scriptedCell.forward(other, h), cell.call(other, h));

  heading('5. Mixing: a scripted wrapper module with a loop around the cell');
  // With module tracing (jit.trace(module, inputs)) the wrapper's cell would be the traced cell;
  // until then it is the scripted one.
  const loop = new MyRNNLoop(cell);
  const scriptedLoop = jit.script(loop);
  print('scriptedLoop.code:');
  print(scriptedLoop.code);
  torch.manualSeed(1);
  const xs = torch.randn([5, 3, 4]);
  compare('scriptedLoop(xs) vs eager', scriptedLoop.forward(xs), loop.call(xs));

  heading('6. Saving to .pt and loading back');
  for (const [name, module, inputs] of [
    ['my-cell', scriptedCell, [x, h]],
    ['my-rnn-loop', scriptedLoop, [xs]],
  ]) {
    const path = join(outDir, `${name}.pt`);
    jit.save(module, path);
    const loaded = jit.load(path);
    const outputs = module.forward(...inputs);
    compare(`${name}.pt loaded vs saved`, loaded.forward(...inputs), outputs);
    const ioPath = join(outDir, `${name}-io.pt`);
    torch.save(
      new Map([
        ['inputs', inputs],
        ['outputs', outputs],
      ]),
      ioPath,
    );
    result.saved.push({ name, path, ioPath });
    print(`saved ${relative(process.cwd(), path)} (its inputs and outputs: ${relative(process.cwd(), ioPath)})`);
  }

  heading('7. Loading an archive PyTorch made');
  const pytorchPath = join(FIXTURES, 'pytorch-rnn-loop.pt');
  const fromPyTorch = jit.load(pytorchPath);
  const io = torch.load(join(FIXTURES, 'pytorch-rnn-loop-io.pt'));
  print(`jit.load('fixtures/pytorch-rnn-loop.pt'), scripted by PyTorch 1.13 (tooling/fixtures/gen_demo_archive.py):`);
  print(fromPyTorch.code);
  compare("PyTorch's MyRNNLoop run by tsjit vs PyTorch's outputs", fromPyTorch.forward(io.xs), [io.y, io.h]);

  heading('Done');
  print(
    result.comparisons.every((c) => c.diff < 1e-6)
      ? 'Every comparison above agrees to within 1e-6.'
      : 'Some comparison above disagrees.',
  );
  return result;
}
