import { ClassType, type Graph, IntType, lint, NamedTupleType, parseIR } from '@tsjit/ir';
import { describe, expect, it } from 'vitest';
import { CompilationUnit } from '../src/compilation-unit.js';
import type { Resolver, SugaredValue } from '../src/emitter/contracts.js';
import type { ScriptFunction } from '../src/emitter/script-function.js';
import { FunctionValue } from '../src/emitter/values/function-value.js';
import { FrontendError } from '../src/errors/frontend-error.js';
import { torchRegistryForTests } from './support/emit-context.js';
import { canonicalText, normalizeGraph } from './support/normalize-graph.js';

function compile(source: string): CompilationUnit {
  const cu = new CompilationUnit({ registry: torchRegistryForTests() });
  cu.define(source, { prefix: '' });
  return cu;
}

function fn(source: string, name = 'f'): ScriptFunction {
  const found = compile(source).findFunction(name);
  if (!found) throw new Error(`no ${name}`);
  return found;
}

/** The cleaned graph of `f` as text without value names or ranges. */
function cleaned(source: string, name = 'f'): string {
  const graph = fn(source, name).graph().copy();
  normalizeGraph(graph);
  return canonicalText(graph);
}

function errorOf(source: string, name?: string): FrontendError {
  try {
    const cu = compile(source);
    if (name) cu.findFunction(name)?.graph();
    else cu.compileAll();
  } catch (e) {
    if (e instanceof FrontendError) return e;
    throw e;
  }
  throw new Error('expected a FrontendError');
}

function kinds(graph: Graph): string[] {
  return [...graph.allNodes()].map((n) => n.kind);
}

describe('CompilationUnit', () => {
  it('defines functions that call each other in any order, emitting each graph on first use', () => {
    const cu = compile('def f(x: int) -> int:\n    return g(x) + 1\n\ndef g(x: int) -> int:\n    return x * 2\n');
    const g = cu.findFunction('g') as ScriptFunction;
    expect(g.isEmitted).toBe(false);
    cu.findFunction('f')?.graph();
    expect(g.isEmitted).toBe(true);
    expect(cu.functions.map((f) => f.name)).toEqual(['f', 'g']);
    expect(cu.get('g')).toBe(g);
  });

  it('names functions under the prefix (default __torch__)', () => {
    const cu = new CompilationUnit({ registry: torchRegistryForTests() });
    cu.define('def f(x: int) -> int:\n    return x\n');
    expect(cu.findFunction('__torch__.f')?.qualifiedName).toBe('__torch__.f');
    expect(cu.get('f')?.constructor.name).toBe('ScriptFunction');
  });

  it('reports recursion, direct or mutual, at the call', () => {
    const e = errorOf('def f(x: int) -> int:\n    return g(x)\n\ndef g(x: int) -> int:\n    return f(x)\n');
    // g is compiled while f is, and g's call of f closes the cycle.
    expect(e.reason).toContain("function 'f' is called recursively");
    expect(e.line).toBe(5);
  });

  it('infers the return type of unannotated functions for their callers', () => {
    const cu = compile('def g(x: int):\n    return [x]\n\ndef f(x: int) -> List[int]:\n    return g(x)\n');
    expect(cu.findFunction('f')?.schema().toString()).toBe('f(int x) -> int[]');
    expect(cu.findFunction('g')?.schema().toString()).toBe('g(int x) -> int[]');
  });

  it('stores defaults in the schema and fills them in at calls', () => {
    const cu = compile(
      "def g(a: int, b: float = 1.5, c: str = 'x', d: Optional[int] = None, e: List[int] = [1, -2]) -> int:\n    return a\n\ndef f() -> int:\n    return g(3)\n",
    );
    expect(cu.findFunction('g')?.schema().toString()).toBe(
      'g(int a, float b=1.5, str c="x", int? d=None, int[] e=[1, -2]) -> int',
    );
    const graph = cu.findFunction('f')?.graph() as Graph;
    const call = [...graph.allNodes()].find((n) => n.kind === 'prim::CallFunction');
    expect(call?.inputs.length).toBe(6);
  });

  it('rejects defaults that do not fit the annotation, and non-constant defaults', () => {
    expect(errorOf('def f(x: float = 2) -> float:\n    return x\n').reason).toContain('float');
    expect(errorOf('def f(x: int = len([])) -> int:\n    return x\n').reason).toContain('constant');
  });

  it('reads `# type:` signatures', () => {
    const f = fn('def f(x, y):\n    # type: (int, List[int]) -> int\n    return x + len(y)\n');
    expect(f.schema().toString()).toBe('f(int x, int[] y) -> int');
  });

  it('rejects statements other than definitions at the top level', () => {
    const cu = new CompilationUnit({ registry: torchRegistryForTests() });
    expect(() => cu.define('x = 1\n')).toThrow(FrontendError);
  });

  it('rejects *args and **kwargs', () => {
    expect(errorOf('def f(*args) -> int:\n    return 1\n').reason).toContain('variable number of arguments');
  });
});

describe('types', () => {
  it.each([
    ['List[int]', 'int[]'],
    ['Dict[str, Tensor]', 'Dict(str, Tensor)'],
    ['Tuple[int, str]', '(int, str)'],
    ['Tuple[()]', '()'],
    ['Optional[float]', 'float?'],
    ['Union[int, str]', 'Union(int, str)'],
    ['Any', 'Any'],
    ['Future[int]', 'Future(int)'],
    ['torch.Tensor', 'Tensor'],
    ['torch.device', 'Device'],
    ['complex', 'complex'],
    ['None', 'NoneType'],
    ['"int"', 'int'],
  ])('reads %s', (annotation, schema) => {
    expect(fn(`def f(x: ${annotation}):\n    return x\n`).schema().arguments[0].type.annotationStr()).toBe(schema);
  });

  it.each([
    ['Foo', "Unknown type name 'Foo'"],
    ['Final[int]', 'Unknown type constructor Final'],
    ['Tuple[int, ...]', 'Expression of type dots cannot be used in a type expression'],
    ['int | None', 'Expression of type | cannot be used in a type expression'],
    ['List[int, str]', 'expected exactly one element type but found 2'],
    ['Dict[List[int], int]', 'Cannot create dict for key type'],
  ])('rejects %s', (annotation, message) => {
    const e = errorOf(`def f(x: ${annotation}):\n    return x\n`);
    expect(e.reason).toContain(message);
    expect(e.line).toBe(1);
    expect(e.column).toBeGreaterThanOrEqual(10);
  });
});

describe('statements', () => {
  it('reports a missing return on some path at the def', () => {
    const e = errorOf('def f(x: int) -> int:\n    if x > 0:\n        return 1\n');
    expect(e.reason).toContain('does not return along all paths');
    expect(e.line).toBe(1);
  });

  it('treats a branch that raises as not returning', () => {
    const graph = cleaned("def f(x: int) -> int:\n    if x > 0:\n        return 1\n    raise ValueError('no')\n");
    expect(graph).toContain('prim::RaiseException');
  });

  it('emits assert as an if that raises AssertionError', () => {
    const graph = fn("def f(x: int) -> int:\n    assert x > 0, 'bad'\n    return x\n").graph();
    const messages = [...graph.allNodes()].filter((n) => n.kind === 'prim::Constant' && n.hasAttribute('value'));
    expect(messages.some((n) => n.getAttribute('value')?.value === 'AssertionError: ')).toBe(true);
    expect(kinds(graph)).toContain('prim::RaiseException');
  });

  it('rejects break and continue outside loops and inside unrolled loops', () => {
    expect(errorOf('def f() -> int:\n    break\n').reason).toContain("'break' outside loop");
    const e = errorOf('def f(t: Tuple[int, int]) -> int:\n    for x in t:\n        continue\n    return 0\n');
    expect(e.reason).toContain('unrolled loops');
    expect(e.line).toBe(3);
  });

  it('declares script class attributes from __init__ and rejects first assignments in control flow', () => {
    const cu = compile(
      'class C:\n    def __init__(self, x: int):\n        self.x = x\n        self.l: List[int] = []\n\ndef f(c: C) -> int:\n    return c.x + len(c.l)\n',
    );
    cu.findFunction('f')?.graph();
    const type = cu.findClass('C') as ClassType;
    expect(type.attributes.map((a) => `${a.name}:${a.type.annotationStr()}`)).toEqual(['x:int', 'l:int[]']);
    const e = errorOf('class C:\n    def __init__(self, c: bool):\n        if c:\n            self.x = 1\n');
    expect(e.reason).toContain('First assignment cannot be in a control-flow block');
    expect(e.line).toBe(4);
  });

  it('calls methods and magic methods of classes', () => {
    const graph = fn(
      'class V:\n    def __init__(self, x: int):\n        self.x = x\n    def __add__(self, o: V) -> V:\n        return V(self.x + o.x)\n    def __len__(self) -> int:\n        return self.x\n\ndef f(a: int) -> int:\n    v = V(a) + V(2)\n    return len(v)\n',
    ).graph();
    const methods = [...graph.allNodes()].filter((n) => n.kind === 'prim::CallMethod').map((n) => n.s('name'));
    expect(methods).toEqual(['__init__', '__init__', '__add__', '__len__']);
  });

  it('ignores super().__init__() in __init__', () => {
    const cu = compile('class C:\n    def __init__(self):\n        super().__init__()\n        self.a = 1\n');
    const type = cu.findClass('C') as ClassType;
    cu.findMethod(type, '__init__')?.graph();
    expect(type.attributes.map((a) => a.name)).toEqual(['a']);
  });

  it('constructs NamedTuples and reads their fields', () => {
    const cu = compile(
      'class P(NamedTuple):\n    x: int\n    y: float = 2.0\n\ndef f(a: int) -> float:\n    p = P(a)\n    return p.y + p.x\n',
    );
    const graph = cu.findFunction('f')?.graph() as Graph;
    const construct = [...graph.allNodes()].find((n) => n.kind === 'prim::TupleConstruct');
    expect(NamedTupleType.isNamedTuple(construct?.output().type as never)).toBe(true);
    expect(kinds(graph).filter((k) => k === 'prim::TupleIndex').length).toBe(2);
  });

  it('reads enum members, names and values', () => {
    const graph = fn(
      'class Color(Enum):\n    RED = 1\n    GREEN = 2\n\ndef f(c: Color) -> Tuple[str, int, bool]:\n    return c.name, c.value, c == Color.RED\n',
    ).graph();
    expect(kinds(graph)).toEqual(expect.arrayContaining(['prim::EnumName', 'prim::EnumValue']));
    expect(graph.toString()).toContain('Color.RED');
  });

  it('emits x.tolist() with its annotated type', () => {
    const graph = fn(
      'def f(x: Tensor) -> List[List[float]]:\n    l: List[List[float]] = x.tolist()\n    return l\n',
    ).graph();
    const node = [...graph.allNodes()].find((n) => n.kind === 'prim::tolist');
    expect(node?.output().type.annotationStr()).toBe('float[][]');
    expect(errorOf('def f(x: Tensor):\n    return x.tolist()\n').reason).toContain('type hint');
  });

  it('supports with-statements over objects with __enter__ and __exit__', () => {
    const graph = fn(
      'def f(x: Tensor) -> Tensor:\n    with torch.no_grad():\n        y = x + 1\n    return y\n',
    ).graph();
    expect(kinds(graph)).toEqual(expect.arrayContaining(['prim::CreateObject', 'prim::Enter', 'prim::Exit']));
  });

  it('deletes list items and variables', () => {
    expect(kinds(fn('def f(l: List[int]) -> List[int]:\n    del l[0]\n    return l\n').graph())).toContain(
      'aten::Delete',
    );
    const e = errorOf('def f(a: int) -> int:\n    del a\n    return a\n');
    expect(e.reason).toContain('undefined value a');
    expect(e.line).toBe(3);
  });

  it('forks a nested def (the archive printer writes forks so)', () => {
    const graph = fn(
      'def f(x: Tensor) -> Tensor:\n    def body():\n        return x + 1\n    fut = fork(body)\n    return wait(fut)\n',
    ).graph();
    const fork = [...graph.allNodes()].find((n) => n.kind === 'prim::fork');
    expect(fork?.output().type.annotationStr()).toBe('Future(Tensor)');
    expect(kinds(fork?.g('Subgraph') as Graph)).toContain('aten::add');
    expect(kinds(graph)).not.toContain('prim::Closure');
  });

  it('supports comprehensions with several for clauses and if filters (beyond PyTorch)', () => {
    const text = cleaned(
      'def f(n: int) -> List[int]:\n    return [i * j for i in range(n) for j in range(i) if j % 2 == 0]\n',
    );
    expect(text.match(/prim::Loop/g)?.length).toBe(2);
    expect(text).toContain('prim::If');
    expect(text).toContain('aten::append');
  });

  it('supports //= (beyond PyTorch)', () => {
    expect(cleaned('def f(a: int) -> int:\n    a //= 2\n    return a\n')).toContain('aten::floordiv');
  });
});

describe('refinement', () => {
  it('refines Optional through early exits', () => {
    const text = cleaned('def f(x: Optional[int]) -> int:\n    if x is None:\n        return 0\n    return x + 1\n');
    expect(text).toContain('prim::unchecked_cast');
  });

  it('does not refine without a check, naming the Optional in the error', () => {
    const e = errorOf('def f(x: Optional[int]) -> int:\n    return x + 1\n');
    expect(e.message).toContain('Optional[int]');
  });

  it('compiles only the taken branch of a static condition', () => {
    const graph = fn('def f(x: int) -> int:\n    if x is None:\n        return undefined_name\n    return x\n').graph();
    expect(kinds(graph)).not.toContain('prim::If');
  });
});

describe('errors point at the user code', () => {
  it.each([
    ['def f(c: bool):\n    if c:\n        return 1\n    return "a"\n', 4, 'returns a value of type str'],
    [
      'def f(n: int) -> int:\n    x = 1\n    while n > 0:\n        x = 2.5\n    return x\n',
      4,
      "Variable 'x' previously had type int",
    ],
    ['def f(t: Tuple[int, int]) -> int:\n    return t[2]\n', 2, 'Tuple index out of range'],
    ['def f(x: int) -> int:\n    return x.size()\n', 2, "'int' object has no attribute or method 'size'"],
    ['def f(x: int) -> int:\n    y: List[int] = [x, "a"]\n    return 0\n', 2, 'Union[int, str]'],
    ['def f(x: Tensor) -> Tensor:\n    return x[1.5]\n', 2, 'unsupported index type'],
    ['def f() -> int:\n    return 99999999999999999999\n', 2, 'out of the range of int64'],
    ['def f(x: int) -> int:\n    return [1, 2][x:x:x:x]\n', 2, ''],
  ])('%#', (source, line, message) => {
    let error: unknown;
    try {
      compile(source).compileAll();
    } catch (e) {
      error = e;
    }
    if (!(error instanceof FrontendError)) {
      // A parse error is a FrontendError too; anything else is a bug.
      expect(error).toBeInstanceOf(FrontendError);
      return;
    }
    expect(error.line).toBe(line);
    expect(error.message).toContain(message);
    expect(error.message).toMatch(/at <string>:\d+:\d+\n/);
  });
});

describe('graphs', () => {
  it('carries PyTorch-style source ranges (0-based columns)', () => {
    const graph = fn('def f(x: int) -> int:\n    return x + 1\n').graph();
    expect(graph.toString()).toContain('aten::add(%x.1, %2) # <string>:2:11');
  });

  it('prints, parses back and lints', () => {
    const graph = fn(
      'def f(n: int) -> int:\n    s = 0\n    for i in range(n):\n        if i > 3:\n            break\n        s += i\n    return s\n',
    ).graph();
    lint(graph);
    expect(parseIR(graph.toString()).toString()).toBe(graph.toString());
  });

  it('gives the archive importer its values', () => {
    const cu = compile('def f(x: int) -> int:\n    return x\n');
    const values = cu.importerValues();
    expect(values.classValue(ClassType.named('__torch__.A')).kind).toBe('class');
    const graph = (cu.findFunction('f') as ScriptFunction).graph();
    const input = graph.inputs[0];
    expect(values.simpleValue(input).asValue?.(undefined as never, undefined as never)).toBe(input);
    expect(input.type).toBe(IntType.get());
  });
});

describe('more of the language', () => {
  it('calls static methods through the class', () => {
    const text = cleaned(
      'class C:\n    def __init__(self, x: int):\n        self.x = x\n    @staticmethod\n    def make(x: int) -> C:\n        return C(x + 1)\n\ndef f(a: int) -> int:\n    return C.make(a).x\n',
    );
    expect(text).toContain('prim::CallFunction');
    expect(text).toContain('prim::GetAttr[name="x"]');
  });

  it('sets attributes of objects from outside their methods', () => {
    const text = cleaned(
      'class C:\n    def __init__(self):\n        self.x = 0\n\ndef f(a: int) -> int:\n    c = C()\n    c.x = a\n    return c.x\n',
    );
    expect(text).toContain('prim::SetAttr[name="x"]');
    const e = errorOf(
      'class C:\n    def __init__(self):\n        self.x = 0\n\ndef f(a: str) -> int:\n    c = C()\n    c.x = a\n    return c.x\n',
    );
    expect(e.reason).toContain('Wrong type for attribute assignment. Expected int but got str');
    expect(e.line).toBe(7);
  });

  it('reads properties through their getters', () => {
    const text = cleaned(
      'class C:\n    def __init__(self):\n        self.x = 2\n    @property\n    def double(self) -> int:\n        return self.x * 2\n\ndef f() -> int:\n    return C().double\n',
    );
    expect(text).toMatch(/prim::CallMethod\[name="__double_getter"\]/);
  });

  it('uses `# type:` comments of assignments', () => {
    const graph = fn('def f() -> List[int]:\n    x = []  # type: List[int]\n    return x\n').graph();
    expect(graph.toString()).toContain('int[] = prim::ListConstruct()');
  });

  it('iterates over an enum class', () => {
    const text = cleaned(
      'class Color(Enum):\n    RED = 1\n    GREEN = 2\n\ndef f() -> int:\n    s = 0\n    for c in Color:\n        s += c.value\n    return s\n',
    );
    expect(text).toContain('prim::Loop');
    expect(text).toContain('prim::EnumValue');
  });

  it('calls methods of interface-typed values', () => {
    const text = cleaned(
      '@torch.jit.interface\nclass I:\n    def run(self, x: int) -> int:\n        pass\n\ndef f(o: I) -> int:\n    return o.run(3)\n',
    );
    expect(text).toContain('prim::CallMethod[name="run"]');
  });

  it('resolves getattr and hasattr on objects at compile time', () => {
    const text = cleaned(
      "class C:\n    def __init__(self):\n        self.x = 1\n\ndef f(c: C) -> int:\n    if hasattr(c, 'y'):\n        return 0\n    return getattr(c, 'x')\n",
    );
    expect(text).not.toContain('prim::If');
    expect(text).toContain('prim::GetAttr[name="x"]');
  });
});

describe('sugared values from a resolver', () => {
  it('unrolls loops over values that list their items (ModuleList-style), and takes their len', () => {
    const cu = new CompilationUnit({ registry: torchRegistryForTests() });
    cu.define('def g(x: Tensor) -> Tensor:\n    return x + 1\n\ndef h(x: Tensor) -> Tensor:\n    return x * 2\n', {
      prefix: '',
    });
    const layers: SugaredValue = {
      kind: 'module list',
      unrolled: () => [
        new FunctionValue(cu.findFunction('g') as never),
        new FunctionValue(cu.findFunction('h') as never),
      ],
    };
    const resolver: Resolver = {
      resolveValue: (name) => (name === 'layers' ? layers : undefined),
      resolveType: () => undefined,
    };
    const { functions } = cu.define(
      'def f(x: Tensor) -> Tuple[Tensor, int]:\n    for layer in layers:\n        x = layer(x)\n    return x, len(layers)\n',
      { prefix: 'm', resolver },
    );
    const graph = (functions[0] as ScriptFunction).graph();
    const calls = [...graph.allNodes()]
      .filter((n) => n.kind === 'prim::Constant' && n.hasAttribute('name'))
      .map((n) => n.s('name'));
    expect(calls).toEqual(['g', 'h']);
    expect(kinds(graph)).not.toContain('prim::Loop');
    expect(graph.toString()).toContain('prim::Constant[value=2]');
  });

  it('takes len of a range without building a list', () => {
    const text = cleaned('def f(n: int) -> int:\n    return len(range(2, n))\n');
    expect(text).toContain('aten::__range_length');
  });
});

describe('signatures in comments', () => {
  it("reads PEP 484's per-parameter form with `# type: (...) -> T`", () => {
    const f = fn(
      'def f(x,  # type: int\n      y,  # type: List[int]\n      ):\n    # type: (...) -> int\n    return x + len(y)\n',
    );
    expect(f.schema().toString()).toBe('f(int x, int[] y) -> int');
  });

  it('indexes a tensor with ... alone', () => {
    expect(cleaned('def f(x: Tensor) -> Tensor:\n    return x[...]\n')).not.toContain('aten::');
  });
});

describe('with and exits', () => {
  it('threads values of a with body past an exit in it (where PyTorch asserts)', () => {
    const graph = fn(
      'def f(x: Tensor) -> Tensor:\n    with torch.no_grad():\n        if bool(x.sum() > 0):\n            return x * 2\n        y = x + 1\n    return y\n',
    ).graph();
    lint(graph);
    expect(kinds(graph).filter((k) => k === 'prim::Exit').length).toBe(1);
  });

  it('returns from inside a with block (the exit transforms see through prim::With)', () => {
    const graph = fn(
      'def f(x: Tensor) -> Tensor:\n    y = x\n    with torch.no_grad():\n        if bool(x.sum() > 0):\n            return x * 2\n        x.add_(1)\n    return y\n',
    ).graph();
    lint(graph);
    const order = kinds(graph).filter((k) => k === 'prim::Enter' || k === 'prim::Exit');
    expect(order).toEqual(['prim::Enter', 'prim::Exit']);
    expect(kinds(graph)).not.toContain('prim::With');
    expect(kinds(graph)).not.toContain('prim::ReturnStmt');
  });
});
