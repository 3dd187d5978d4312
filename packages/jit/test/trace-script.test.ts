/**
 * Mixing tracing and scripting: scripted functions called from traced code are recorded as
 * `prim::CallFunction` (PyTorch 1.13 keeps the call; trace-goldens.test.ts compares such a trace
 * with PyTorch's), and `scriptIfTracing` keeps a helper's control flow inside a trace.
 */
import { type Tensor, tensor, torchOps as torch } from '@tsjit/tensor';
import { afterEach, beforeEach, describe, expect, type MockInstance, test, vi } from 'vitest';
import {
  CompilationUnit,
  isTracing,
  type ScriptFunction,
  type ScriptModule,
  script,
  scriptIfTracing,
  trace,
  traceGraph,
} from '../src/index.js';

let emit: MockInstance<typeof process.emitWarning>;
beforeEach(() => {
  emit = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
});
afterEach(() => {
  emit.mockRestore();
});

const GATE_SOURCE = 'def gate(x: Tensor) -> Tensor:\n    if bool(x.sum() > 0):\n        return x\n    return -x\n';

describe('scriptIfTracing', () => {
  let eagerCalls = 0;
  const gate = scriptIfTracing((x: Tensor) => {
    eagerCalls++;
    return Number(x.sum()) > 0 ? x : x.neg();
  }, GATE_SOURCE);
  const cell = (x: Tensor) => gate(x).mul(2);

  test('outside a trace the JS function runs', () => {
    const before = eagerCalls;
    expect((cell(tensor([-1, -2], { dtype: 'float32' })) as Tensor).toFlatArray()).toEqual([2, 4]);
    expect(eagerCalls).toBe(before + 1);
  });

  test('under trace the scripted twin is called: the branch stays in the trace, which generalizes', () => {
    const ones = torch.ones([2, 3]);
    const before = eagerCalls;
    // The other branch as a check input: the graphs agree and the outputs match, so no error.
    const traced = trace(cell, [ones], { checkInputs: [[ones.neg()]] });
    expect(emit).not.toHaveBeenCalled();
    const kinds = [...traced.graph.nodes()].map((n) => n.kind);
    expect(kinds).toContain('prim::CallFunction');
    expect([...traced.inlinedGraph.nodes()].map((n) => n.kind)).toContain('prim::If');
    expect((traced.call(tensor([-1, -2], { dtype: 'float32' })) as Tensor).toFlatArray()).toEqual([2, 4]);
    expect((traced.call(tensor([1, 2], { dtype: 'float32' })) as Tensor).toFlatArray()).toEqual([2, 4]);
    // The check runs the JS function once eagerly per check input (comparing with the trace).
    expect(eagerCalls).toBe(before + 1);
    expect(traced.code).toContain('gate(x, )');
  });

  test('isTracing says whether code runs under trace', () => {
    const seen: boolean[] = [];
    trace(
      (x: Tensor) => {
        seen.push(isTracing());
        return x.relu();
      },
      [torch.ones([2])],
      { checkTrace: false },
    );
    expect(seen).toEqual([true]);
    expect(isTracing()).toBe(false);
  });
});

describe('calls of script functions in a trace', () => {
  test('a traced function called from a trace is a call too, and runs', () => {
    const inner = trace(
      function inner(x: Tensor) {
        return x.mul(x);
      },
      [tensor([1, 2], { dtype: 'float32' })],
    );
    const outer = trace(
      function outer(x: Tensor) {
        return (inner.call(x.add(1)) as Tensor).neg();
      },
      [tensor([1, 2], { dtype: 'float32' })],
    );
    const nodes = [...outer.graph.nodes()];
    const call = nodes.find((n) => n.kind === 'prim::CallFunction');
    expect(call?.inputs[0].node.s('name')).toBe('inner');
    expect((outer.call(tensor([0, 3], { dtype: 'float32' })) as Tensor).toFlatArray()).toEqual([-1, -16]);
  });

  test('tuple results of a script function map to the trace', () => {
    const split = script('def split(x: Tensor) -> Tuple[Tensor, Tensor]:\n    return x + 1, x * 2\n') as ScriptFunction;
    const traced = trace(
      function pair(x: Tensor) {
        const [a, b] = split.call(x) as Tensor[];
        return a.sub(b);
      },
      [tensor([1, 2], { dtype: 'float32' })],
    );
    const kinds = [...traced.graph.nodes()].map((n) => n.kind);
    expect(kinds).toEqual(['prim::Constant', 'prim::CallFunction', 'prim::TupleUnpack', 'prim::Constant', 'aten::sub']);
    expect((traced.call(tensor([5, 0], { dtype: 'float32' })) as Tensor).toFlatArray()).toEqual([-4, 1]);
  });
});

describe('scripted modules called during a function trace', () => {
  const cu = new CompilationUnit(`
class Gate(torch.nn.Module):
    def forward(self, x: Tensor) -> Tensor:
        if bool(x.sum() > 0):
            return x
        return -x
`);
  const gate = () => cu.getClass('Gate')?.createModule({}) as ScriptModule;

  test('are refused, as PyTorch refuses modules that are not submodules of the traced thing', () => {
    const g = gate();
    expect(() => trace((x: Tensor) => (g.forward(x) as Tensor).mul(2), [torch.ones([2])])).toThrow(
      'Tried to trace <Gate object> but it is not part of the active trace. Modules that are called ' +
        'during a trace must be registered as submodules of the thing being traced.',
    );
    // Outside a trace the module runs as usual.
    expect((g.forward(tensor([-1, -2], { dtype: 'float32' })) as Tensor).toFlatArray()).toEqual([1, 2]);
  });

  test('a module the trace knows (module tracing resolves submodules) is recorded as prim::CallMethod', () => {
    const g = gate();
    const { graph } = traceGraph((x: Tensor) => (g.forward(x) as Tensor).mul(2), [torch.ones([2])], {
      prepare: (state) => {
        const self = state.graph.addInput('gate', g.type);
        state.objectValue = (object) => (object === g.object ? self : undefined);
      },
    });
    const call = [...graph.nodes()].find((n) => n.kind === 'prim::CallMethod');
    expect(call?.s('name')).toBe('forward');
    expect(call?.inputs.map((v) => v.debugName())).toEqual(['gate', 'x']);
    expect(call?.output().type.annotationStr()).toBe('Tensor');
    const mul = [...graph.nodes()].find((n) => n.kind === 'aten::mul');
    expect(mul?.inputs[0]).toBe(call?.output());
  });
});
