// PyTorch's "Introduction to TorchScript" told with tsjit: eager modules with data-dependent
// control flow, tracing (and what it bakes in), checkInputs, scripting, mixing, saving, loading
// back and loading an archive PyTorch made. `runDemo` prints the story and returns what the
// tests check; src/main.mjs runs it (`pnpm demo`).
import { mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { jit, torch } from 'tsjit';
import { MyCell, MyDecisionGate, MyRNNLoop, WrapRNN } from './cells.mjs';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

/** The largest absolute difference between two tensors (or equal-length arrays of tensors). */
function maxDiff(a, b) {
  const as = Array.isArray(a) ? a : [a];
  const bs = Array.isArray(b) ? b : [b];
  return Math.max(...as.map((t, i) => torch.max(torch.abs(torch.sub(t, bs[i]))).item()));
}

/** A script module's child by name (`scripted.dg` in PyTorch). */
function childOf(module, name) {
  return module.namedChildren().find(([n]) => n === name)[1];
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
  const traced = await tracerWarningsOf(() => jit.trace(cell, [x, h]));
  if (traced.error) throw traced.error;
  result.warnings.push(...traced.warnings);
  for (const w of traced.warnings) print(`TracerWarning: ${w}`);
  const tracedCell = traced.value;
  const tracedGate = childOf(tracedCell, 'dg');
  print('\ntraced.graph (submodules keep their own traced methods, called with prim::CallMethod):');
  result.tracedGraph = String(tracedCell.graph);
  print(result.tracedGraph);
  print('traced.code:');
  print(tracedCell.code);
  print('traced.dg.code:');
  print(tracedGate.code);
  result.tracedGateCode = tracedGate.code;
  print(
    gateSign(x)
      ? 'No if in sight: the trace recorded the branch that returns x and will take it for every input.'
      : 'No if in sight: the trace recorded the branch that negates (torch.neg) and will take it for every input.',
  );
  compare('traced(x, h) vs eager (same input)', tracedCell.forward(x, h), cell.call(x, h));

  heading('3. checkInputs catches an input that takes the other branch');
  let other = torch.neg(x);
  for (let scale = 2; gateSign(other) === gateSign(x); scale *= 2) other = torch.mul(torch.neg(x), scale);
  print(`x2 makes the gate's input sum to ${gateSign(other) ? 'more' : 'less'} than 0: the other branch.`);
  print('jit.trace(cell, [x, h], { checkInputs: [[x2, h]] }):');
  const checked = await tracerWarningsOf(() => jit.trace(cell, [x, h], { checkInputs: [[other, h]] }));
  result.warnings.push(...checked.warnings);
  result.checkError = checked.error;
  if (checked.error !== undefined) {
    print(`throws ${checked.error.name}:`);
    print(checked.error.message.split('\n').slice(0, 2).join('\n'));
  }
  for (const w of checked.warnings) {
    print(`TracerWarning: ${w.split('\n')[0]}`);
    const line = w.split('\n').find((l) => l.startsWith('Greatest absolute difference'));
    if (line) print(`  ${line}`);
  }
  print(
    `traced(x2, h) differs from eager by ${maxDiff(tracedCell.forward(other, h), cell.call(other, h)).toFixed(4)}.`,
  );

  heading('4. Scripting keeps the control flow');
  const scriptedCell = jit.script(cell);
  const scriptedGate = childOf(scriptedCell, 'dg');
  print('scripted.dg.code:');
  print(scriptedGate.code);
  result.scriptedGateCode = scriptedGate.code;
  print('scripted.graph:');
  print(String(scriptedCell.graph));
  print('scripted.code:');
  print(scriptedCell.code);
  compare('scripted(x, h) vs eager', scriptedCell.forward(x, h), cell.call(x, h));
  compare('scripted(x2, h) vs eager (the other branch)', scriptedCell.forward(other, h), cell.call(other, h));

  heading('5. Mixing: a scripted loop calls the traced cell, a traced wrapper calls the scripted loop');
  // As the introduction: the cell is traced around a scripted gate (so the gate keeps its if), the
  // loop holding the traced cell is scripted (so the loop is kept), and WrapRNN, eager code around
  // the scripted loop, is traced. The mixed modules share the eager cell's Linear.
  const mixedCell = new MyCell(jit.script(new MyDecisionGate()));
  mixedCell.linear = cell.linear;
  const tracedMixed = await tracerWarningsOf(() => jit.trace(mixedCell, [x, h]));
  if (tracedMixed.error) throw tracedMixed.error;
  result.mixingWarnings = tracedMixed.warnings;
  const tracedMixedCell = tracedMixed.value;
  print('jit.trace(new MyCell(jit.script(new MyDecisionGate())), [x, h]).code (the gate stays a call, no warning):');
  print(tracedMixedCell.code);
  const loop = new MyRNNLoop(tracedMixedCell);
  const scriptedLoop = jit.script(loop);
  result.scriptedLoopCode = scriptedLoop.code;
  print('jit.script(new MyRNNLoop(tracedCell)).code (the loop kept, the traced cell called):');
  print(scriptedLoop.code);
  torch.manualSeed(1);
  const xs = torch.randn([5, 3, 4]);
  const eagerLoop = new MyRNNLoop(cell);
  compare('scriptedLoop(xs) vs eager', scriptedLoop.forward(xs), eagerLoop.call(xs));
  const otherXs = torch.mul(xs, -100);
  compare('scriptedLoop(-100 * xs) vs eager', scriptedLoop.forward(otherXs), eagerLoop.call(otherXs));
  const wrap = new WrapRNN(scriptedLoop);
  const tracedWrap = jit.trace(wrap, [xs]);
  result.tracedWrapCode = tracedWrap.code;
  print('jit.trace(new WrapRNN(scriptedLoop), [xs]).code (the scripted loop is a call, its loop kept):');
  print(tracedWrap.code);
  const eagerWrap = (input) => torch.relu(eagerLoop.call(input)[0]);
  compare('tracedWrap(-100 * xs) vs eager', tracedWrap.forward(otherXs), eagerWrap(otherXs));

  heading('6. Saving to .pt and loading back');
  for (const [name, module, inputs] of [
    ['my-traced-cell', tracedCell, [x, h]],
    ['my-cell', scriptedCell, [x, h]],
    ['my-rnn-loop', scriptedLoop, [xs]],
    ['wrap-rnn', tracedWrap, [xs]],
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
