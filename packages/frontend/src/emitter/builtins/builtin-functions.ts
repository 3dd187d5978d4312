import { type FunctionSchema, parseSchema, StringType, type Value } from '@tsjit/ir';
import type { BuiltinEmitter, BuiltinFunction } from '../schema-matching.js';

/**
 * The builtins PyTorch 1.13 defines as TorchScript source (frontend/builtin_functions.cpp), by
 * qualified name, in PyTorch's registration order: they are tried after the operators of the
 * same name, and a match emits their body in place (PyTorch inlines them). Their schemas print
 * without namespace, as a script function's schema does.
 */
export function builtinFunctionsFor(qualifiedName: string): readonly BuiltinFunction[] {
  return table().get(qualifiedName) ?? NONE;
}

const NONE: readonly BuiltinFunction[] = Object.freeze([]);
let built: Map<string, BuiltinFunction[]> | undefined;

type Body = (e: BuiltinEmitter, inputs: readonly Value[]) => Value;

function table(): Map<string, BuiltinFunction[]> {
  if (built) return built;
  const map = new Map<string, BuiltinFunction[]>();
  const define = (namespace: string, schemaText: string, body: Body): void => {
    const schema: FunctionSchema = parseSchema(schemaText);
    const name = `${namespace}::${schema.name}`;
    let list = map.get(name);
    if (!list) {
      list = [];
      map.set(name, list);
    }
    list.push({ schema, emit: body });
  };

  // `1 + x`, `2. * x`, `1j - x`: the scalar on the left, the tensor on the right.
  for (const scalar of ['float', 'int', 'complex']) {
    const sig = `(${scalar} a, Tensor b) -> Tensor`;
    define('aten', `mul${sig}`, (e, [a, b]) => e.call('aten::mul', [b, a]));
    define('aten', `add${sig}`, (e, [a, b]) => e.call('aten::add', [b, a]));
    define('aten', `ne${sig}`, (e, [a, b]) => e.call('aten::ne', [b, a]));
    define('aten', `eq${sig}`, (e, [a, b]) => e.call('aten::eq', [b, a]));
    define('aten', `sub${sig}`, (e, [a, b]) => e.call('aten::add', [e.call('aten::neg', [b]), a]));
    define('aten', `div${sig}`, (e, [a, b]) => e.call('aten::mul', [e.call('aten::reciprocal', [b]), a]));
  }
  for (const scalar of ['float', 'int']) {
    const sig = `(${scalar} a, Tensor b) -> Tensor`;
    define('aten', `lt${sig}`, (e, [a, b]) => e.call('aten::gt', [b, a]));
    define('aten', `le${sig}`, (e, [a, b]) => e.call('aten::ge', [b, a]));
    define('aten', `gt${sig}`, (e, [a, b]) => e.call('aten::lt', [b, a]));
    define('aten', `ge${sig}`, (e, [a, b]) => e.call('aten::le', [b, a]));
  }

  // torch.nn.modules.utils._pair and friends: a BroadcastingList parameter does the work.
  for (const scalar of ['float', 'int']) {
    for (const [name, n] of [
      ['single', 1],
      ['pair', 2],
      ['triple', 3],
      ['quadruple', 4],
    ] as const) {
      define('aten', `_${name}(${scalar}[${n}] x) -> ${scalar}[]`, (_e, [x]) => x);
    }
  }

  for (const rhs of ['Scalar', 'Tensor']) {
    define('aten', `floordiv(Tensor self, ${rhs} other) -> Tensor`, (e, [self, other]) =>
      e.call('aten::floor_divide', [self, other]),
    );
  }

  define('aten', '_assert_int_or_pair(int[] vals, str name, str message) -> NoneType', (e) => e.constant(null));
  define('aten', 'list_with_default(int[] out_size, int[] defaults) -> int[]', (e, [outSize, defaults]) => {
    const condition = e.call('aten::gt', [e.call('aten::len', [defaults]), e.call('aten::len', [outSize])]);
    emitAssert(e, condition, e.constant('', StringType.get()));
    return outSize;
  });
  define('aten', '_assert(bool condition, str message) -> NoneType', (e, [condition, message]) => {
    emitAssert(e, condition, message);
    return e.constant(null);
  });
  // torch.device(type="cuda"): the operator's parameter is called `a`.
  define('aten', 'device(str type) -> Device', (e, [type]) => e.call('aten::device', [type]));
  define(
    'aten',
    'type(Tensor self, int dtype, bool non_blocking=False, bool copy=False) -> Tensor',
    (e, [self, dtype, nonBlocking, copy]) => e.call('aten::to', [self, dtype, nonBlocking, copy]),
  );
  define('aten', '_assert(Tensor condition, str message) -> NoneType', (e, [condition, message]) => {
    emitAssert(e, e.call('aten::Bool', [condition]), message);
    return e.constant(null);
  });
  define('aten', '__contains__(str self, str key) -> bool', (e, [self, key]) => {
    const found = e.call('aten::find', [self, key, e.constant({ kind: 'int', value: 0 }), e.call('aten::len', [self])]);
    return e.call('aten::ne', [found, e.constant({ kind: 'int', value: -1 })]);
  });

  // Tensor properties that read as methods (`x.ndim`, `x.T`, `x.shape`).
  define('prim', 'ndim(Tensor a) -> int', (e, [a]) => e.call('aten::dim', [a]));
  define('prim', 'T(Tensor a) -> Tensor', (e, [a]) => e.call('aten::numpy_T', [a]));
  define('prim', 'H(Tensor a) -> Tensor', (e, [a]) => e.call('aten::matrix_H', [a]));
  define('prim', 'mT(Tensor a) -> Tensor', (e, [a]) => e.call('aten::mT', [a]));
  define('prim', 'mH(Tensor a) -> Tensor', (e, [a]) => e.call('aten::mH', [a]));
  define('prim', 'shape(Tensor a) -> int[]', (e, [a]) => e.call('aten::size', [a]));

  built = map;
  return map;
}

/**
 * `assert condition, message` as PyTorch emits it: an If whose false branch raises
 * `AssertionError: <message>`.
 */
function emitAssert(e: BuiltinEmitter, condition: Value, message: Value): void {
  const graph = e.ctx.graph;
  const node = graph.create('prim::If', [condition], 0);
  const sourceRange = e.ctx.sourceRange?.(e.range);
  if (sourceRange) node.setSourceRange(sourceRange);
  graph.insertNode(node);
  node.addBlock();
  const otherwise = node.addBlock();
  graph.withInsertPoint(otherwise, () => {
    const text = e.call('aten::add', [e.constant('AssertionError: ', StringType.get()), message]);
    const raise = graph.create('prim::RaiseException', [text, e.constant(null)], 0);
    if (sourceRange) raise.setSourceRange(sourceRange);
    graph.insertNode(raise);
  });
}
