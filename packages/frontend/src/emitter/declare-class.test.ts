import { type ClassType, type EnumType, type InterfaceType, type JitType, TensorType, type TupleType } from '@tsjit/ir';
import { describe, expect, it } from 'vitest';
import type { ClassDef } from '../ast.js';
import { FrontendError } from '../errors/frontend-error.js';
import { Parser } from '../parser.js';
import type { Resolver } from './contracts.js';
import { type ClassTypeDeclaration, declareClass, type TypeDeclaration } from './declare-class.js';

/** Declares every class of `source` in order under `__torch__.`, each visible to the next by its qualified name. */
function declareAll(source: string, dialect: 'archive' | 'source' = 'archive'): Map<string, TypeDeclaration> {
  const module = Parser.parseModule(source, 'test.py');
  const types = new Map<string, JitType>();
  const resolver: Resolver = {
    resolveValue: () => undefined,
    resolveType: (name) => types.get(name) ?? types.get(`__torch__.${name}`),
  };
  const out = new Map<string, TypeDeclaration>();
  for (const stmt of module.body) {
    if (stmt.kind !== 'ClassDef') continue;
    const name = `__torch__.${stmt.name}`;
    const declaration = declareClass(stmt as ClassDef, name, resolver, {
      text: module,
      dialect,
      declared: (type) => types.set(name, type),
    });
    types.set(name, declaration.type);
    out.set(stmt.name, declaration);
  }
  return out;
}

function declareOne(source: string, dialect: 'archive' | 'source' = 'archive'): TypeDeclaration {
  return [...declareAll(source, dialect).values()].at(-1) as TypeDeclaration;
}

/** The FrontendError declaring `source` throws (its reason, line and column). */
function rejection(
  source: string,
  dialect: 'archive' | 'source' = 'archive',
): { reason: string; line: number; column: number } {
  try {
    declareAll(source, dialect);
  } catch (e) {
    if (!FrontendError.isInstance(e)) throw e;
    const error = e as FrontendError;
    expect(error.message).toContain('test.py:');
    expect(error.message).toContain('^');
    return { reason: error.reason, line: error.line, column: error.column };
  }
  throw new Error('expected a FrontendError');
}

describe('archive modules', () => {
  it('declare slots with their kinds, in order, from __parameters__ and __buffers__', () => {
    const d = declareOne(`class BatchNorm(Module):
  __parameters__ = ["weight", "bias", ]
  __buffers__ = ["running_mean", "num_batches_tracked", ]
  weight : Tensor
  bias : Optional[Tensor]
  running_mean : Tensor
  num_batches_tracked : Tensor
  training : bool
  _is_full_backward_hook : Optional[bool]
  sizes : List[Tuple[int, float]]
  table : Dict[str, List[Tensor]]
  def forward(self: __torch__.BatchNorm, x: Tensor) -> Tensor:
    return x
`) as ClassTypeDeclaration;
    expect(d.kind).toBe('class');
    expect(d.type.isModule).toBe(true);
    expect(d.type.qualifiedName).toBe('__torch__.BatchNorm');
    expect(d.type.attributes.map((a) => [a.name, a.type.pythonStr(), a.kind])).toEqual([
      ['weight', 'Tensor', 'parameter'],
      ['bias', 'Optional[Tensor]', 'parameter'],
      ['running_mean', 'Tensor', 'buffer'],
      ['num_batches_tracked', 'Tensor', 'buffer'],
      ['training', 'bool', 'attribute'],
      ['_is_full_backward_hook', 'Optional[bool]', 'attribute'],
      ['sizes', 'List[Tuple[int, float]]', 'attribute'],
      ['table', 'Dict[str, List[Tensor]]', 'attribute'],
    ]);
    expect(d.methods.map((m) => m.name)).toEqual(['forward']);
  });

  it('declare non-identifier slots through __annotations__ and submodule types by qualified name', () => {
    const all = declareAll(`class ReLU(Module):
  __parameters__ = []
  __buffers__ = []
  training : bool
class Sequential(Module):
  __parameters__ = []
  __buffers__ = []
  training : bool
  __annotations__["0"] = __torch__.ReLU
  __annotations__["1"] = __torch__.ReLU
  def __len__(self: __torch__.Sequential) -> int:
    return 2
`);
    const seq = all.get('Sequential') as ClassTypeDeclaration;
    expect(seq.type.attributes.map((a) => [a.name, a.type.pythonStr()])).toEqual([
      ['training', 'bool'],
      ['0', '__torch__.ReLU'],
      ['1', '__torch__.ReLU'],
    ]);
    expect(seq.type.findAttribute('0')?.type).toBe(all.get('ReLU')?.type);
  });

  it('declare Final constants with their values', () => {
    const d = declareOne(`class M(Module):
  __parameters__ = []
  __buffers__ = []
  training : bool
  names : Final[Tuple[str, str]] = ("first", "second")
  eps : Final[float] = 0.001
  steps : Final[int] = -3
  inplace : Final[bool] = False
  dims : Final[List[int]] = [1, 2]
  big : Final[int] = 9223372036854775807
  nothing : Final[Optional[int]] = None
  top : Final[float] = inf
`) as ClassTypeDeclaration;
    const c = d.type.constants;
    expect([...c.keys()]).toEqual(['names', 'eps', 'steps', 'inplace', 'dims', 'big', 'nothing', 'top']);
    expect(c.get('names')).toEqual({ kind: 'tuple', items: ['first', 'second'] });
    expect(c.get('eps')).toEqual({ kind: 'float', value: 0.001 });
    expect(c.get('steps')).toEqual({ kind: 'int', value: -3 });
    expect(c.get('inplace')).toBe(false);
    expect(c.get('dims')).toEqual([
      { kind: 'int', value: 1 },
      { kind: 'int', value: 2 },
    ]);
    expect(c.get('big')).toEqual({ kind: 'int', value: 9223372036854775807n });
    expect(c.get('nothing')).toBeNull();
    expect(c.get('top')).toEqual({ kind: 'float', value: Number.POSITIVE_INFINITY });
    expect(d.type.attributes.map((a) => a.name)).toEqual(['training']);
  });

  it("retype old quantized modules' packed parameters as the custom class", () => {
    const module = Parser.parseModule(
      `class Linear(Module):
  __parameters__ = []
  __buffers__ = []
  training : bool
  _packed_params : Tensor
`,
      'q.py',
    );
    const resolver: Resolver = { resolveValue: () => undefined, resolveType: () => undefined };
    const d = declareClass(
      module.body[0] as ClassDef,
      '__torch__.torch.nn.quantized.modules.linear.___torch_mangle_7.Linear',
      resolver,
      { text: module, dialect: 'archive' },
    ) as ClassTypeDeclaration;
    const packed = d.type.findAttribute('_packed_params')?.type as ClassType;
    expect(packed.qualifiedName).toBe('__torch__.torch.classes.quantized.LinearPackedParamsBase');
    expect(packed.methodSchema('unpack')).toBeDefined();
  });

  it('keep forward hooks apart from methods', () => {
    const d = declareOne(`class M(Module):
  __parameters__ = []
  __buffers__ = []
  __forward_pre_hooks__ = ["pre", ]
  __forward_hooks__ = ["post", "post", ]
  training : bool
  def forward(self: __torch__.M, x: Tensor) -> Tensor:
    return x
  def pre(self: __torch__.M, input: Tuple[Tensor]) -> Tuple[Tensor]:
    return input
  def post(self: __torch__.M, input: Tuple[Tensor], output: Tensor) -> Tensor:
    return output
`) as ClassTypeDeclaration;
    expect(d.methods.map((m) => m.name)).toEqual(['forward']);
    expect(d.forwardPreHooks.map((m) => m.name)).toEqual(['pre']);
    expect(d.forwardHooks.map((m) => m.name)).toEqual(['post', 'post']);
  });

  it('let a script class name itself in its slots', () => {
    const d = declareOne(`class Node:
  value : int
  next : Optional[__torch__.Node]
`) as ClassTypeDeclaration;
    expect(d.type.isModule).toBe(false);
    expect(d.type.findAttribute('next')?.type.pythonStr()).toBe('Optional[__torch__.Node]');
  });

  it.each([
    ['class A(Foo):\n  x : int\n', 1, 9, 'Torchscript does not support class inheritance.'],
    ['class A(Module, Module):\n  x : int\n', 1, 17, 'Torchscript does not support class inheritance.'],
    ['class A(Module):\n  x : Final[int]\n  y = 3\n', 3, 3, "Expected a type annotation on class attribute 'y'"],
    ['class A(Module):\n  x : int = 3\n', 2, 3, 'Expected subscripted type for class constant'],
    ['class A(Module):\n  x : Optional[int] = 3\n', 2, 7, 'Base type must be Final for class constant'],
    [
      'class A(Module):\n  x : Final[int] = "a"\n',
      2,
      20,
      "Expected a constant of type 'int' but found a value of type 'str'",
    ],
    ['class A(Module):\n  x : Final[int] = 1 + 2\n', 2, 20, 'Expected a constant expression'],
    [
      'class A(Module):\n  __parameters__ = ["w", ]\n  v : Tensor\n',
      1,
      1,
      "'w' is listed in __parameters__ but has no attribute annotation",
    ],
    ['class A(Module):\n  x : int\n  x : int\n', 3, 3, "attribute 'x' is declared twice"],
    ['class A(Module):\n  x : Lst\n', 2, 7, "Unknown type name 'Lst'"],
    ['class A(Module):\n  x : List\n', 2, 7, "Unknown type name 'List' (List needs its element types"],
    ['class A(Module):\n  x : Foo[int]\n', 2, 7, 'Unknown type constructor Foo'],
    ['class A(Module):\n  x : List[int, int]\n', 2, 7, 'expected exactly one element type but found 2'],
    ['class A(Module):\n  x : Dict[List[int], int]\n', 2, 12, "Cannot create dict for key type 'int[]'"],
    ['class A(Module):\n  x : 3\n', 2, 7, 'Expression of type const cannot be used in a type expression'],
    ['class A(Module):\n  x : int\n  pass\n', 3, 3, 'Unexpected statement kind in class body'],
    ['class A:\n  __parameters__ = []\n', 2, 3, 'only allowed in a module body'],
    ['@torch.jit.script\nclass A:\n  x : int\n', 1, 2, 'decorators are not allowed in archive code'],
    [
      'class A(Module):\n  def f(self: __torch__.A) -> int:\n    return 1\n  def f(self: __torch__.A) -> int:\n    return 2\n',
      4,
      3,
      "method 'f' is defined twice",
    ],
    [
      'class A(Module):\n  __forward_hooks__ = ["h", ]\n  training : bool\n',
      1,
      1,
      "hook 'h' is listed but not defined",
    ],
  ])('reject %j at %i:%i', (source, line, column, reason) => {
    const error = rejection(source);
    expect(error.reason).toContain(reason);
    expect([error.line, error.column]).toEqual([line, column]);
  });
});

describe('NamedTuple, Enum and Interface classes', () => {
  it('declare NamedTuples with field types and defaults', () => {
    const d = declareOne(`class Stats(NamedTuple):
  mean : Tensor
  count : int
  scale : float = 1.
  name : Optional[str] = None
`);
    expect(d.kind).toBe('namedTuple');
    const t = d.type as TupleType;
    expect(t.qualifiedName).toBe('__torch__.Stats');
    expect(t.names).toEqual(['mean', 'count', 'scale', 'name']);
    expect(t.elements.map((e) => e.pythonStr())).toEqual(['Tensor', 'int', 'float', 'Optional[str]']);
    expect(t.defaults).toEqual([undefined, undefined, { kind: 'float', value: 1 }, null]);
  });

  it('declare enums with their members and value type', () => {
    const color = declareOne('class Color(Enum):\n  RED = 1\n  GREEN = -2\n').type as EnumType;
    expect(color.kind).toBe('EnumType');
    expect(color.valueType?.pythonStr()).toBe('int');
    expect(color.members).toEqual([
      { name: 'RED', value: 1 },
      { name: 'GREEN', value: -2 },
    ]);
    const mode = declareOne('class Mode(Enum):\n  A = "a"\n  B = "b"\n').type as EnumType;
    expect(mode.valueType?.pythonStr()).toBe('str');
    expect(mode.member('B')?.value).toBe('b');
    expect((declareOne('class F(Enum):\n  HALF = 0.5\n').type as EnumType).valueType?.pythonStr()).toBe('float');
  });

  it('declare interfaces with method schemas typed by the interface', () => {
    const d = declareOne(`class Transform(ModuleInterface):
  def forward(self, x: Tensor) -> Tensor:
    pass
  def scale(self, x: Tensor, factor: float=2.) -> Tuple[Tensor, int]:
    pass
`);
    expect(d.kind).toBe('interface');
    const t = d.type as InterfaceType;
    expect(t.isModule).toBe(true);
    expect(t.methodSchema('forward')?.toString()).toBe('forward(__torch__.Transform self, Tensor x) -> Tensor');
    expect(t.methodSchema('scale')?.toString()).toBe(
      'scale(__torch__.Transform self, Tensor x, float factor=2.) -> ((Tensor, int))',
    );
    expect((declareOne('class I(Interface):\n  def f(self) -> int:\n    pass\n').type as InterfaceType).isModule).toBe(
      false,
    );
  });

  it('check classes against interfaces by their methods', () => {
    const all = declareAll(`class I(Interface):
  def forward(self, x: Tensor) -> Tensor:
    pass
`);
    const iface = all.get('I')?.type as InterfaceType;
    const cls = (declareOne('class C:\n  x : int\n') as ClassTypeDeclaration).type;
    expect(cls.isSubtypeOf(iface)).toBe(false);
    cls.addMethod(iface.methodSchema('forward') as NonNullable<ReturnType<InterfaceType['methodSchema']>>);
    expect(cls.isSubtypeOf(iface)).toBe(true);
  });

  it.each([
    ['class P(NamedTuple):\n  x : int\n  def f(self) -> int:\n    return 1\n', 3, 3, 'only attribute annotations'],
    ['class P(NamedTuple):\n  x = 1\n', 2, 3, 'only attribute annotations'],
    ['class P(NamedTuple):\n  x : int\n  x : float\n', 3, 3, "field 'x' is declared twice"],
    ['class P(NamedTuple):\n  x : int = "a"\n', 2, 13, "Expected a constant of type 'int'"],
    ['class E(Enum):\n  A = 1\n  B = "b"\n', 3, 3, 'Enum class with varying value types are not supported.'],
    ['class E(Enum):\n  A = [1]\n', 2, 7, 'Unsupported enum value type'],
    ['class E(Enum):\n  pass\n', 2, 3, 'only enum attribute definitions'],
    ['class E(Enum):\n  A : int\n', 2, 3, 'only enum attribute definitions'],
    ['class I(Interface):\n  def f(self, x: int):\n    pass\n', 2, 3, 'must have a return type annotated'],
    ['class I(Interface):\n  def f(self, x: int) -> int:\n    return x\n', 3, 5, "should only contain a single 'pass'"],
    ['class I(Interface):\n  x : int\n', 2, 3, 'can only contain method definitions'],
  ])('reject %j at %i:%i', (source, line, column, reason) => {
    const error = rejection(source);
    expect(error.reason).toContain(reason);
    expect([error.line, error.column]).toEqual([line, column]);
  });

  it('reject an enum without members', () => {
    const module = Parser.parseModule('class E(Enum):\n  A = 1\n', 't.py');
    const def = { ...(module.body[0] as ClassDef), body: [] };
    const resolver: Resolver = { resolveValue: () => undefined, resolveType: () => undefined };
    expect(() => declareClass(def, '__torch__.E', resolver, { text: module, dialect: 'archive' })).toThrow(
      /No enum values defined for __torch__.E/,
    );
  });
});

describe('user source classes', () => {
  it('declare script classes whose slots __init__ will declare, with methods and properties', () => {
    const d = declareOne(
      `@torch.jit.script
class Counter(object):
  """Counts."""
  limit: int
  def __init__(self, n: int):
    self.n = n
  @torch.jit.export
  def inc(self) -> int:
    self.n += 1
    return self.n
  @property
  def double(self) -> int:
    return self.n * 2
  @double.setter
  def double(self, v: int):
    self.n = v // 2
  @staticmethod
  def make(n: int) -> int:
    return n
  @torch.jit.ignore
  def debug(self) -> int:
    return 0
`,
      'source',
    ) as ClassTypeDeclaration;
    expect(d.type.isModule).toBe(false);
    expect(d.type.attributes).toEqual([]);
    expect(d.unresolvedAttributes).toEqual(['limit']);
    expect(d.methods.map((m) => m.name)).toEqual(['__init__', 'inc', 'debug', '__double_getter', '__double_setter']);
    expect(d.staticMethods.map((m) => m.name)).toEqual(['make']);
    expect(d.type.properties).toEqual([{ name: 'double', getter: '__double_getter', setter: '__double_setter' }]);
    expect(d.ignoredMethods).toEqual([]);
  });

  it('rewrite @torch.jit.unused methods to raise, with parameters typed Any', () => {
    const d = declareOne(
      `class C:
  @torch.jit.unused
  def f(self, x: SomethingPython, y) -> int:
    return x.magic()
  @torch.jit.ignore(drop=True)
  def g(self) -> int:
    return 1
`,
      'source',
    ) as ClassTypeDeclaration;
    const [f, g] = d.methods;
    expect(f?.body).toHaveLength(1);
    expect(f?.body[0]?.kind).toBe('Raise');
    expect(JSON.stringify(f?.body[0])).toContain('Cannot call @unused methods');
    expect(f?.args.args.map((a) => (a.annotation?.kind === 'Name' ? a.annotation.id : null))).toEqual([
      'Any',
      'Any',
      'Any',
    ]);
    expect(f?.returns?.kind).toBe('Name');
    expect(g?.body[0]?.kind).toBe('Raise');
  });

  it('declare source modules: slots from the body, training added, __init__ and @ignore left to Python', () => {
    const d = declareOne(
      `class M(torch.nn.Module):
  __constants__ = ["k"]
  k: Final[int] = 4
  scale: float
  def __init__(self):
    super().__init__()
  def forward(self, x: Tensor) -> Tensor:
    return x * self.scale
  @torch.jit.ignore
  def plot(self):
    pass
`,
      'source',
    ) as ClassTypeDeclaration;
    expect(d.type.isModule).toBe(true);
    expect(d.type.attributes.map((a) => [a.name, a.type.pythonStr()])).toEqual([
      ['training', 'bool'],
      ['scale', 'float'],
    ]);
    expect(d.type.constants.get('k')).toEqual({ kind: 'int', value: 4 });
    expect(d.methods.map((m) => m.name)).toEqual(['forward']);
    expect(d.ignoredMethods).toEqual(['__init__', 'plot']);
  });

  it('declare typing.NamedTuple, enum.Enum and @torch.jit.interface classes', () => {
    const p = declareOne(
      'class P(typing.NamedTuple):\n  "doc"\n  x: int\n  y: float = 1\n  z: List[int] = []\n',
      'source',
    ).type as TupleType;
    // Python converts a default to the field's annotation (1 → 1.0).
    expect(p.defaults).toEqual([undefined, { kind: 'float', value: 1 }, []]);
    const e = declareOne('class E(enum.Enum):\n  """doc"""\n  A = "x"\n', 'source').type as EnumType;
    expect(e.members).toEqual([{ name: 'A', value: 'x' }]);
    const i = declareOne(
      '@torch.jit.interface\nclass I(nn.Module):\n  def forward(self, x: torch.Tensor) -> torch.Tensor:\n    """doc"""\n    pass\n',
      'source',
    ).type as InterfaceType;
    expect(i.isModule).toBe(true);
    expect(i.methodSchema('forward')?.toString()).toBe('forward(__torch__.I self, Tensor x) -> Tensor');
  });

  it.each([
    ['class A(B):\n  pass\n', 1, 9, 'Torchscript does not support class inheritance.'],
    ['@dataclass\nclass A:\n  pass\n', 1, 2, 'Unsupported class decorator'],
    ['class A:\n  @classmethod\n  def f(cls) -> int:\n    return 1\n', 2, 4, '@classmethod is not supported'],
    [
      'class A:\n  @functools.cache\n  def f(self) -> int:\n    return 1\n',
      2,
      4,
      'Unsupported decorator: functools.cache',
    ],
    ['class A:\n  @g.setter\n  def g(self, v: int):\n    pass\n', 3, 3, "property 'g' has a setter but no getter"],
    [
      'class A:\n  @h.setter\n  def g(self, v: int):\n    pass\n',
      2,
      4,
      "the setter of property 'h' must be called 'h'",
    ],
    ['class A:\n  @torch.jit.ignore(True)\n  def g(self):\n    pass\n', 2, 4, 'takes only drop=True or drop=False'],
    ['class A:\n  x = 1\n  print(x)\n', 3, 3, 'only attributes and method definitions'],
    [
      'class P(NamedTuple):\n  x: int = 1\n  y: int\n',
      3,
      3,
      "Non-default namedtuple field 'y' cannot follow default fields",
    ],
    [
      'class A(torch.nn.Module):\n  __constants__ = ["k"]\n  k: int\n',
      3,
      3,
      "'k' is listed in __constants__ and needs a value",
    ],
    [
      '@torch.jit.interface\nclass A(NamedTuple):\n  x: int\n',
      2,
      1,
      '@torch.jit.interface applies to classes and modules only',
    ],
  ])('reject %j at %i:%i', (source, line, column, reason) => {
    const error = rejection(source, 'source');
    expect(error.reason).toContain(reason);
    expect([error.line, error.column]).toEqual([line, column]);
  });
});

it('qualifies the declared types with the given name', () => {
  const module = Parser.parseModule('class A(Module):\n  x : Tensor\n', 'm.py');
  const resolver: Resolver = { resolveValue: () => undefined, resolveType: () => undefined };
  const d = declareClass(module.body[0] as ClassDef, '__torch__.pkg.___torch_mangle_3.A', resolver, {
    text: module,
    dialect: 'archive',
  });
  expect((d.type as ClassType).name).toBe('A');
  expect((d.type as ClassType).findAttribute('x')?.type).toEqual(TensorType.get());
  expect(d.resolver).toBe(resolver);
});
