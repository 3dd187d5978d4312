import { describe, expect, it } from 'vitest';
import { CodePrintError } from '../errors/code-print-error.js';
import { JitError } from '../errors/jit-error.js';
import { type IValue, tensorValue } from '../graph/ivalue.js';
import { parseIR } from '../graph/parse-ir.js';
import { Argument } from '../schema/argument.js';
import { intValue } from '../schema/default-value.js';
import { FunctionSchema } from '../schema/function-schema.js';
import { parseSchema } from '../schema/parse-schema.js';
import { ClassType } from '../types/class-type.js';
import { EnumType } from '../types/enum-type.js';
import { InterfaceType } from '../types/interface-type.js';
import { NamedTupleType } from '../types/named-tuple-type.js';
import { FloatType, IntType, StringType } from '../types/simple-types.js';
import { TensorType } from '../types/tensor-type.js';
import { TupleType } from '../types/tuple-type.js';
import { CodePrinter } from './code-printer.js';
import { defaultSchemaFor, printClassCode, printFunctionCode } from './print-code.js';

const ADD = 'aten::add.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor';

/** A graph whose `aten::add` nodes call `add.Tensor`. */
function graphWithAdd(text: string) {
  const graph = parseIR(text);
  for (const node of graph.allNodes()) if (node.kind === 'aten::add') node.setSchema(parseSchema(ADD));
  return graph;
}

describe('printFunctionCode', () => {
  it('reads the signature from the graph when given a name, and leaves out default arguments', () => {
    const graph = graphWithAdd(`graph(%x.1 : Tensor,
      %1 : Tensor):
  %2 : int = prim::Constant[value=1]()
  %3 : Tensor = aten::add(%x.1, %1, %2)
  return (%3)
`);
    expect(printFunctionCode(graph, 'f').code).toBe(
      'def f(x: Tensor,\n    argument_1: Tensor) -> Tensor:\n  return torch.add(x, argument_1)\n',
    );
    expect(printFunctionCode(graph, 'forward', { method: true }).code).toBe(
      'def forward(x,\n    argument_1: Tensor) -> Tensor:\n  return torch.add(x, argument_1)\n',
    );
    const schema = defaultSchemaFor('f', graph);
    expect(schema.arguments.map((a) => a.name)).toEqual(['x', 'argument_1']);
    expect(schema.returns[0].type.equals(TensorType.get())).toBe(true);
  });

  it('writes keyword-only arguments by name when they differ from their default', () => {
    const graph = graphWithAdd(`graph(%x : Tensor):
  %2 : int = prim::Constant[value=2]()
  %3 : Tensor = aten::add(%x, %x, %2)
  return (%3)
`);
    expect(printFunctionCode(graph, 'f').code).toContain('torch.add(x, x, alpha=2)');
  });

  it('writes every input when a node has no schema', () => {
    const graph = parseIR(`graph(%x : Tensor):
  %2 : int = prim::Constant[value=1]()
  %3 : Tensor = aten::add(%x, %x, %2)
  return (%3)
`);
    expect(printFunctionCode(graph, 'f').code).toContain('torch.add(x, x, 1)');
  });

  it('names values used twice and inlines values used once', () => {
    const graph = graphWithAdd(`graph(%x : Tensor):
  %1 : int = prim::Constant[value=1]()
  %2 : Tensor = aten::add(%x, %x, %1)
  %3 : Tensor = aten::add(%2, %2, %1)
  %y.1 : Tensor = aten::add(%3, %x, %1)
  %y.2 : Tensor = aten::add(%y.1, %x, %1)
  return (%y.2)
`);
    expect(printFunctionCode(graph, 'f').code).toBe(
      'def f(x: Tensor) -> Tensor:\n  _0 = torch.add(x, x)\n  y = torch.add(torch.add(_0, _0), x)\n  return torch.add(y, x)\n',
    );
  });

  it('puts tensor constants in the constant table, once per tensor', () => {
    const graph = parseIR(`graph(%x : Tensor):
  %1 : Tensor = prim::Constant[value={3}]()
  %2 : Tensor = prim::Constant[value={3}]()
  %3 : (Tensor, Tensor, Tensor) = prim::TupleConstruct(%1, %2, %1)
  return (%3)
`);
    const byIdentity = printFunctionCode(graph, 'f');
    expect(byIdentity.code).toContain('(CONSTANTS.c0, CONSTANTS.c1, CONSTANTS.c0)');
    expect(byIdentity.constants).toHaveLength(2);
    const byValue = printFunctionCode(graph, 'f', {
      tensorEquals: (a, b) => (a as { text: string }).text === (b as { text: string }).text,
    });
    expect(byValue.code).toContain('(CONSTANTS.c0, CONSTANTS.c0, CONSTANTS.c0)');
    const table: IValue[] = [tensorValue('another tensor')];
    expect(printFunctionCode(graph, 'g', { constantTable: table }).code).toContain(
      '(CONSTANTS.c1, CONSTANTS.c2, CONSTANTS.c1)',
    );
    expect(table).toHaveLength(3);
  });

  it('refuses a loop that is neither a for nor a while loop', () => {
    const graph = parseIR(`graph(%n : int,
      %c : bool):
  %y : int = prim::Loop(%n, %c, %n)
    block0(%i : int, %x : int):
      -> (%c, %x)
  return (%y)
`);
    expect(() => printFunctionCode(graph, 'f')).toThrow(CodePrintError);
  });

  it('refuses what would not load back when printing for an archive', () => {
    const graph = parseIR(`graph(%x : int):
  return (%x, %x)
`);
    expect(printFunctionCode(graph, 'f').code).toBe('def f(x: int) -> int:\n  return x, x\n');
    expect(() => printFunctionCode(graph, 'f', { enforceImportable: true })).toThrow(/single return value/);
  });

  it('refuses a schema that does not fit the graph', () => {
    const graph = parseIR('graph(%x : int):\n  return (%x)\n');
    expect(() => printFunctionCode(graph, parseSchema('f(int x, int y) -> int'))).toThrow(CodePrintError);
    expect(() => printFunctionCode(graph, parseSchema('f(int x) -> ()'))).toThrow(/no return type/);
  });

  it('lists the named types the code refers to', () => {
    const graph = parseIR(`graph(%self : __torch__.M,
      %x : Enum<__torch__.Color>):
  %sub : __torch__.Sub = prim::GetAttr[name="sub"](%self)
  %1 : int = prim::CallMethod[name="forward"](%sub)
  return (%1)
`);
    const result = printFunctionCode(graph, 'forward');
    expect(result.code).toContain('sub = self.sub');
    expect(result.code).toContain('return (sub).forward()');
    expect(result.dependencies.map((t) => t.toString())).toEqual(['__torch__.M', '__torch__.Color', '__torch__.Sub']);
  });

  it('throws only typed errors for values used where they were never computed', () => {
    const graph = parseIR('graph(%x : int):\n  return (%x)\n');
    graph.block.paramNode.addOutput(IntType.get());
    try {
      printFunctionCode(graph, parseSchema('f(int x) -> int'));
      expect.unreachable();
    } catch (e) {
      expect(JitError.isInstance(e)).toBe(true);
    }
  });
});

describe('printing classes and named types', () => {
  it('writes a module class with parameters, buffers, attributes and constants', () => {
    const type = ClassType.named('__torch__.M', { isModule: true });
    type.addAttribute('weight', TensorType.get(), 'parameter');
    type.addAttribute('running', TensorType.get(), 'buffer');
    type.addAttribute('training', parseIR('graph(%a : bool):\n  return (%a)\n').inputs[0].type);
    type.addConstant('eps', { kind: 'float', value: 1e-5 });
    type.addConstant('names', [], parseIR('graph(%a : str[]):\n  return (%a)\n').inputs[0].type);
    const graph = parseIR(`graph(%self : __torch__.M):
  %w : Tensor = prim::GetAttr[name="weight"](%self)
  return (%w)
`);
    const { code } = printClassCode(type, [{ graph, schema: parseSchema('forward(Tensor self) -> Tensor') }]);
    expect(code).toBe(
      [
        'class M(Module):',
        '  __parameters__ = ["weight", ]',
        '  __buffers__ = ["running", ]',
        '  weight : Tensor',
        '  running : Tensor',
        '  training : bool',
        '  eps : Final[float] = 1.0000000000000001e-05',
        '  names : Final[List[str]] = annotate(List[str], [])',
        '  def forward(self: Tensor) -> Tensor:',
        // A named value only returned is still inlined.
        '    return self.weight',
        '',
      ].join('\n'),
    );
  });

  it('starts __annotations__ only when the first attribute is not an identifier', () => {
    const list = ClassType.named('__torch__.L', { isModule: true });
    list.addAttribute('0', TensorType.get());
    list.addAttribute('1', TensorType.get());
    expect(printClassCode(list, []).code).toContain(
      '  __annotations__ = []\n  __annotations__["0"] = Tensor\n  __annotations__["1"] = Tensor\n',
    );
    const mixed = ClassType.named('__torch__.L');
    mixed.addAttribute('a', TensorType.get());
    mixed.addAttribute('1', TensorType.get());
    expect(printClassCode(mixed, []).code).toBe('class L:\n  a : Tensor\n  __annotations__["1"] = Tensor\n');
  });

  it('writes NamedTuples, enums and interfaces', () => {
    const printer = new CodePrinter();
    printer.printNamedTuple(
      NamedTupleType.create('__torch__.P', [
        ['x', IntType.get()],
        ['y', FloatType.get()],
      ]),
    );
    printer.printEnum(
      EnumType.named('__torch__.Ratio', {
        valueType: FloatType.get(),
        members: [
          { name: 'HALF', value: 0.5 },
          { name: 'ONE', value: 1 },
        ],
      }),
    );
    printer.printEnum(
      EnumType.named('__torch__.Label', { valueType: StringType.get(), members: [{ name: 'A', value: 'a' }] }),
    );
    printer.printInterface(
      InterfaceType.named('__torch__.I', {
        methods: [parseSchema('forward(Tensor self, Tensor x, int n) -> Tensor')],
      }),
    );
    expect(printer.text).toBe(
      [
        'class P(NamedTuple):',
        '  x : int',
        '  y : float',
        'class Ratio(Enum):',
        '  HALF = 0.5',
        '  ONE = 1.',
        'class Label(Enum):',
        '  A = "a"',
        'class I(Interface):',
        '  def forward(self, x: Tensor, n: int) -> Tensor:',
        '    pass',
        '',
      ].join('\n'),
    );
    expect(() => printer.printNamedTuple(TupleType.of([IntType.get()]))).toThrow(CodePrintError);
  });
});

describe('deep graphs', () => {
  it('reports a graph nested beyond the stack as a CodePrintError', () => {
    const graph = parseIR('graph(%c : bool):\n  return (%c)\n');
    let block = graph.block;
    for (let i = 0; i < 20_000; i++) {
      const node = graph.create('prim::If', [graph.inputs[0]], 0);
      block.appendNode(node);
      block = node.addBlock();
      node.addBlock();
    }
    expect(() => printFunctionCode(graph, 'f')).toThrow(CodePrintError);
  });
});

describe('default values', () => {
  it('expands a single default of a fixed-size list, and writes the others as constants', () => {
    const graph = parseIR('graph(%x : int[],\n      %y : float,\n      %s : str):\n  return (%y)\n');
    const { code } = printFunctionCode(graph, parseSchema('f(int[2] x=1, float y=0.5, str s="a\\n") -> float'));
    expect(code).toBe('def f(x: List[int]=[1, 1],\n    y: float=0.5,\n    s: str="a\\n") -> float:\n  return y\n');
    const one = parseIR('graph(%x : int[]):\n  return (%x)\n');
    const list = one.inputs[0].type;
    const schema = (N?: number) =>
      new FunctionSchema(
        'g',
        '',
        [new Argument('x', { type: list, N, defaultValue: intValue(3) })],
        [new Argument('', { type: list })],
      );
    expect(printFunctionCode(one, schema(3)).code).toContain('x: List[int]=[3, 3, 3]');
    expect(() => printFunctionCode(one, schema())).toThrow(CodePrintError);
  });
});
