/**
 * TracerWarnings: each situation where tensor data flows into a JS value during a trace produces
 * exactly one warning (the check trace runs the function again: it must not warn twice), naming
 * this file and the line of the read, marked below with `// warns:`. Texts as PyTorch 1.13's
 * (tooling/fixtures/gen_trace_goldens.py's cases print them; see torch/jit/_trace.py).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Tensor, tensor, torchOps as torch } from '@tsjit/tensor';
import { afterEach, beforeEach, describe, expect, type MockInstance, test, vi } from 'vitest';
import { TracingCheckError, trace } from '../src/index.js';

const FILE = fileURLToPath(import.meta.url);
const LINES = readFileSync(FILE, 'utf8').split('\n');

/** The 1-based line of this file that carries `// warns: <tag>`. */
function lineOf(tag: string): number {
  const i = LINES.findIndex((l) => l.trimEnd().endsWith(`// warns: ${tag}`));
  if (i < 0) throw new Error(`no line tagged ${tag}`);
  return i + 1;
}

let emit: MockInstance<typeof process.emitWarning>;
beforeEach(() => {
  emit = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
});
afterEach(() => {
  emit.mockRestore();
});

function tracerWarnings(): string[] {
  return emit.mock.calls
    .filter(([, options]) => (options as { type?: string } | undefined)?.type === 'TracerWarning')
    .map(([message]) => String(message));
}

// TypeScript rejects `tensor > 0` (a comparison of an object) where plain JS runs Symbol.toPrimitive:
// the tests compare through this cast, which changes nothing at run time.
const num = (t: Tensor): number => t as unknown as number;

const x0 = () =>
  tensor(
    [
      [1, 2, 3],
      [4, 5, 6],
    ],
    { dtype: 'float32' },
  );

const CONVERT_TAIL =
  "might cause the trace to be incorrect. We can't record the data flow of JavaScript values, so this value will " +
  'be treated as a constant in the future. This means that the trace might not generalize to other inputs!';

describe('TracerWarning', () => {
  const cases: { tag: string; fn: (x: Tensor) => unknown; text: string }[] = [
    {
      tag: 'compare',
      fn: (x) => {
        if (num(x.sum()) > 0) return x; // warns: compare
        return x.neg();
      },
      text: `Converting a tensor to a JavaScript number (a comparison, arithmetic, Number(x)) ${CONVERT_TAIL}`,
    },
    {
      tag: 'item',
      fn: (x) => x.mul(x.max().item() as number), // warns: item
      text: `Converting a tensor to a JavaScript number with item() ${CONVERT_TAIL}`,
    },
    {
      tag: 'itemBool',
      fn: (x) => (x.gt(3).any().item() ? x.relu() : x), // warns: itemBool
      text: `Converting a tensor to a JavaScript boolean with item() ${CONVERT_TAIL}`,
    },
    {
      tag: 'toArray',
      fn: (x) => {
        const rows = x.toArray() as number[][]; // warns: toArray
        return x.mul(rows[0][0]);
      },
      text: `Converting a tensor to a JavaScript array ${CONVERT_TAIL}`,
    },
    {
      tag: 'toFlatArray',
      fn: (x) => x.mul(x.toFlatArray()[1] as number), // warns: toFlatArray
      text: `Converting a tensor to a JavaScript array ${CONVERT_TAIL}`,
    },
    {
      tag: 'number',
      fn: (x) => x.div(Number(x.sum())), // warns: number
      text: `Converting a tensor to a JavaScript number (a comparison, arithmetic, Number(x)) ${CONVERT_TAIL}`,
    },
    {
      tag: 'iterate',
      fn: (x) => {
        const [first, second] = x; // warns: iterate
        return first.add(second);
      },
      text:
        "Iterating over a tensor might cause the trace to be incorrect. Passing a tensor of different shape won't " +
        'change the number of iterations executed (and might lead to errors or silently give incorrect results).',
    },
    {
      tag: 'fromData',
      fn: (x) => x.add(tensor([1, 2, 3])), // warns: fromData
      text:
        'tensor() and fromArray() results are registered as constants in the trace. You can safely ignore this ' +
        'warning if you use this function to create tensors out of constant variables that would be the same ' +
        'every time you call this function. In any other case, this might cause the trace to be incorrect.',
    },
  ];

  for (const { tag, fn, text } of cases) {
    test(`${tag}: one warning naming the line`, () => {
      trace(fn, [x0()]);
      expect(tracerWarnings()).toEqual([`${FILE}:${lineOf(tag)}: ${text}`]);
    });
  }

  test('a second trace of the same code does not warn again (once per place, as Python warnings)', () => {
    const fn = (x: Tensor) => x.mul(x.min().item() as number); // warns: again
    trace(fn, [x0()]);
    trace(fn, [x0().neg()]);
    expect(tracerWarnings()).toEqual([
      `${FILE}:${lineOf('again')}: Converting a tensor to a JavaScript number with item() ${CONVERT_TAIL}`,
    ]);
  });

  test('code that only computes on tensors, prints them or reads shapes does not warn', () => {
    const fn = (x: Tensor) => {
      const y = x.relu().mul(2);
      const shown = `${y}`;
      expect(shown.startsWith('tensor(')).toBe(true);
      return y.view(y.size(0) * y.size(1));
    };
    trace(fn, [x0()]);
    expect(tracerWarnings()).toEqual([]);
  });

  test('reads outside a trace do not warn', () => {
    const x = x0();
    expect(num(x.sum()) > 0).toBe(true);
    expect(x.max().item()).toBe(6);
    expect([...x].length).toBe(2);
    expect(tracerWarnings()).toEqual([]);
  });
});

describe('checkInputs (the MyDecisionGate of the TorchScript introduction)', () => {
  const gate = (x: Tensor) => (num(x.sum()) > 0 ? x : x.neg());

  test('an input taking the other branch: the output mismatch warns and the graphs differ', () => {
    const ones = torch.ones([2, 3]);
    let error: unknown;
    try {
      trace(gate, [ones], { checkInputs: [[ones.neg()]] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TracingCheckError);
    const message = (error as Error).message;
    expect(message.startsWith('Tracing failed sanity checks!\nERROR: Graphs differed across invocations!\n')).toBe(
      true,
    );
    expect(message).toContain('\t\t  graph(%x : Tensor):\n');
    expect(message).toMatch(/\t\t\+ {3}%1 : Tensor = aten::neg\(%x\) # .*trace-warnings\.test\.ts:\d+:0\n/);
    expect(message).toContain('\t\t-   return (%x)\n');
    expect(message).toContain('\t\t+   return (%1)\n');
    const mismatch = tracerWarnings().filter((w) => w.includes('Output nr'));
    expect(mismatch).toHaveLength(1);
    expect(mismatch[0]).toContain(
      'Output nr 1. of the traced function does not match the corresponding output of the Python function. ' +
        'Detailed error:\nTensor-likes are not close!\n\nMismatched elements: 6 / 6 (100.0%)\n' +
        'Greatest absolute difference: 2.0 at index (0, 0) (up to 1e-05 allowed)\n' +
        'Greatest relative difference: 2.0 at index (0, 0) (up to 1e-05 allowed)',
    );
  });

  test('inputs taking the same branch pass', () => {
    const traced = trace(gate, [torch.ones([2, 3])], {
      checkInputs: [
        [
          tensor(
            [
              [1, 2],
              [3, 4],
            ],
            { dtype: 'float32' },
          ),
        ],
      ],
    });
    expect(tracerWarnings().filter((w) => w.includes('Output nr'))).toEqual([]);
    expect((traced.call(tensor([-1, -2], { dtype: 'float32' })) as Tensor).toFlatArray()).toEqual([-1, -2]);
  });

  test('tensor constants baked from data differ across invocations', () => {
    const fn = (x: Tensor) => x.add(tensor(x.toArray() as number[][]));
    expect(() => trace(fn, [x0()], { checkInputs: [[x0().mul(3)]] })).toThrow(TracingCheckError);
    let message = '';
    try {
      trace(fn, [x0()], { checkInputs: [[x0().mul(3)]] });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain(
      'ERROR: Tensor-valued Constant nodes differed in value across invocations. This often indicates that the ' +
        'tracer has encountered untraceable code.\n\tNode:\n\t\t%1 : Tensor = prim::Constant[value=<Tensor>]()',
    );
    // tensor() of integral JS numbers is int64: compared exactly, as assert_close compares integers.
    expect(message).toContain('Tensor-likes are not equal!');
    expect(message).toContain('Mismatched elements: 6 / 6 (100.0%)');
    expect(message).toContain('Greatest absolute difference: 12 at index (1, 2)');
    expect(message).toContain('Greatest relative difference: 0.6666666666666666 at index (0, 0)');
  });

  test('checkTolerance relaxes the output comparison', () => {
    // A function whose traced graph is the same for both inputs but whose eager run differs by 1e-3
    // relative: JS state outside the tensors (a counter) makes the eager rerun differ.
    let calls = 0;
    const fn = (x: Tensor) => x.mul(1 + 1e-3 * (calls++ === 2 ? 1 : 0));
    expect(() => trace(fn, [x0()], { checkTolerance: 1e-2 })).not.toThrow();
    expect(tracerWarnings().filter((w) => w.includes('Output nr'))).toEqual([]);
    calls = 0;
    const strictFn = (x: Tensor) => x.mul(1 + 1e-3 * (calls++ === 2 ? 1 : 0));
    trace(strictFn, [x0()]);
    const mismatch = tracerWarnings().filter((w) => w.includes('Output nr'));
    expect(mismatch).toHaveLength(1);
    expect(mismatch[0]).toContain('Mismatched elements: 6 / 6 (100.0%)');
  });

  test('checkTrace: false runs no check', () => {
    const ones = torch.ones([2, 3]);
    expect(() => trace(gate, [ones], { checkTrace: false, checkInputs: [[ones.neg()]] })).not.toThrow();
  });
});

describe('nondeterministic traces', () => {
  test('a random op makes the check warn about nondeterministic nodes, then about the mismatch', () => {
    const fn = (x: Tensor) => x.add(torch.randLike(x));
    trace(fn, [x0()]);
    const warnings = tracerWarnings();
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(
      /^.*trace-warnings\.test\.ts:\d+: Trace had nondeterministic nodes\. Did you forget call \.eval\(\) on your model\? Nodes:\n\t%\d+ : Float\(2, 3, strides=\[3, 1\], requires_grad=0, device=cpu\) = aten::rand_like\(/,
    );
    expect(warnings[0]).toMatch(
      /\nThis may cause errors in trace checking\. To disable trace checking, pass checkTrace: false to jit\.trace\(\)$/,
    );
    expect(warnings[1]).toContain(
      'Output nr 1. of the traced function does not match the corresponding output of the Python function.',
    );
  });
});

describe("reads by tsjit's own library code", () => {
  test('do not warn (PyTorch ignores its library modules TracerWarnings); the same read in user code does', () => {
    // A function that V8 places in a tsjit package's source file (sourceURL), standing for an nn
    // layer that reads a tensor to check its input.
    const libraryCheck = new Function(
      't',
      'if (t.sum().item() < -1e9) throw new Error("bad input");\n//# sourceURL=/repo/packages/nn/src/fake-layer.js',
    ) as (t: Tensor) => void;
    trace(
      (x: Tensor) => {
        libraryCheck(x);
        return x.relu();
      },
      [x0()],
    );
    expect(tracerWarnings()).toEqual([]);
    trace(
      (x: Tensor) => {
        if ((x.sum().item() as number) < -1e9) throw new Error('bad input'); // warns: user-check
        return x.relu();
      },
      [x0()],
    );
    expect(tracerWarnings()).toEqual([
      `${FILE}:${lineOf('user-check')}: Converting a tensor to a JavaScript number with item() ${CONVERT_TAIL}`,
    ]);
  });
});

describe('a trace that fails on the check inputs', () => {
  test('throws TracingCheckError saying so, with the exception and the graph diff', () => {
    // The size read in JS is baked into the view: the trace cannot run on a longer input.
    const fn = (x: Tensor) => x.view(x.size(0) * x.size(1)).relu();
    let message = '';
    try {
      trace(fn, [x0()], { checkInputs: [[torch.ones([3, 4])]] });
    } catch (e) {
      expect(e).toBeInstanceOf(TracingCheckError);
      message = (e as Error).message;
    }
    expect(message).toMatch(
      /^Tracing failed sanity checks!\nencountered an exception while running the trace with test inputs\.\nException:\n\tThe following operation failed in the TorchScript interpreter\.\n/,
    );
    // The interpreter's traceback points at the user's line, the trace's source range.
    expect(message).toMatch(
      /\t {2}File ".*trace-warnings\.test\.ts", line \d+, in fn\n\tRuntimeError: shape '\[6\]' is invalid for input of size 12\n/,
    );
    expect(message).toContain('ERROR: Graphs differed across invocations!');
    expect(message).toContain('prim::Constant[value=12]()');
  });
});
