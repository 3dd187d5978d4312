import {
  Argument,
  type Block,
  BoolType,
  type ClassType,
  DictType,
  FunctionSchema,
  FunctionType,
  FutureType,
  Graph,
  IntType,
  type IValue,
  type JitType,
  ListType,
  type Node,
  NoneType,
  OptionalType,
  type SourceRange,
  StringType,
  TensorType,
  TupleType,
  type UnionType,
  type Value,
} from '@tsjit/ir';
import type { Arg, CompareOperator, Comprehension, Expr, FunctionDef, Keyword, Range, Stmt } from '../ast.js';
import { FrontendError } from '../errors/frontend-error.js';
import { Parser as ParserRef } from '../parser.js';
import type { BuiltinProvider } from './builtin-provider.js';
import { builtinGlobal } from './builtins/builtin-globals.js';
import {
  augmentedAssignmentMagic,
  augmentedAssignmentOp,
  binaryOperatorMagic,
  binaryOperatorOp,
  compareOperatorOp,
} from './builtins/operator-tables.js';
import type { CompilationUnitLike, NamedValue, Resolver, ScriptFunctionLike, SugaredValue } from './contracts.js';
import { tryConvertToType } from './convert-to-type.js';
import { defSignature } from './def-signature.js';
import { asSimple, type Emitter } from './emitter-context.js';
import { Environment, meaningfulName } from './environment.js';
import { fromStartOf, nameRange, relocate, shiftExpr } from './expr-ranges.js';
import { foldUnary } from './fold-unary.js';
import { numberLiteralValue } from './number-literal.js';
import { type CondValue, type Refinement, RefinementSet } from './refinements.js';
import { dottedName, ScriptTypeParser, subscriptItems } from './script-type-parser.js';
import { canonicalizeModifiedLoops } from './ssa/canonicalize-modified-loops.js';
import { convertToSSA } from './ssa/convert-to-ssa.js';
import { finishGraph } from './ssa/finish-graph.js';
import { torchJitForm } from './torch-jit-form.js';
import { unifyTypes } from './type-variables.js';
import { describeCandidates, standardizeForUnion, unionOf } from './union-members.js';
import { BuiltinFunctionValue } from './values/builtin-function-value.js';
import { ClassValue } from './values/class-value.js';
import { ClosureValue } from './values/closure-value.js';
import { EnumClassValue } from './values/enum-class-value.js';
import { ExceptionMessageValue, ExceptionValue } from './values/exception-value.js';
import { IterableTree } from './values/iterable-tree.js';
import { MagicMethod } from './values/magic-method.js';
import { NamedTupleConstructor } from './values/named-tuple-constructor.js';
import { RangeValue } from './values/range-value.js';
import { SimpleValue, unpackTuple } from './values/simple-value.js';
import { SpecialFormValue } from './values/special-form-value.js';
import { constantInt } from './values/sugared-tuple-value.js';

/** The source text a function was parsed from, for error messages. */
export interface SourceText {
  readonly source: string;
  readonly file: string;
}

/** What a function emitter needs from its compilation unit, beyond CompilationUnitLike. */
export interface EmitterUnit extends CompilationUnitLike {
  /**
   * A class PyTorch compiles from torch's own Python source (`torch.no_grad`, `torch.enable_grad`),
   * declared in the unit on first use.
   */
  builtinClass?(name: string): ClassType | undefined;
  /** The schema of a function of the unit, emitting its graph first when its return type is inferred. */
  functionSchema(fn: ScriptFunctionLike, range: Range, caller: Emitter): FunctionSchema;
  /** A module's `@torch.jit.ignore` method (its declared signature), called through `prim::PythonOp`. */
  findIgnoredMethod?(classType: ClassType, name: string): { declaredSchema(): FunctionSchema } | undefined;
}

export interface FunctionEmitterOptions {
  readonly def: FunctionDef;
  readonly qualifiedName: string;
  readonly resolver: Resolver;
  readonly unit: EmitterUnit;
  readonly builtins: BuiltinProvider;
  readonly source: SourceText;
  /** The class of `self` for methods. */
  readonly selfType?: ClassType;
}

/** What a def's return looks like while its body is emitted (PyTorch's DefContext). */
interface DefContext {
  declaredReturnType: JitType | undefined;
  mergedReturnType: JitType | undefined;
}

type LoopStatus = 'not in loop' | 'in loop' | 'in unrolled loop';

const INT64_MAX = 9223372036854775807n;

/** Exceptions the native resolver knows (as PyTorch's python resolver finds them in `builtins`). */
const PYTHON_EXCEPTIONS = new Set([
  'Exception',
  'RuntimeError',
  'ValueError',
  'TypeError',
  'KeyError',
  'IndexError',
  'NotImplementedError',
  'ZeroDivisionError',
  'StopIteration',
  'AttributeError',
  'ArithmeticError',
  'OverflowError',
  'LookupError',
  'ImportError',
  'OSError',
  'Warning',
  'UserWarning',
]);

/**
 * Emits the graph of one function or method (PyTorch's to_ir): parameters from the def's
 * annotations, statements and expressions through sugared values with variables kept in an
 * environment of prim::Load/prim::Store, then the SSA conversion, the exit transforms and the
 * loop canonicalization that PyTorch runs before its cleanup passes. The cleanup passes
 * (constant pooling, dead code, tuple lowering) are not run here.
 */
/** See FunctionEmitter.enterNested: a bound well within the stack for any mix of expressions and blocks. */
const MAX_EMIT_NESTING = 400;

export class FunctionEmitter implements Emitter {
  readonly graph = new Graph();
  readonly unit: EmitterUnit;
  readonly functionName: string;
  private readonly def: FunctionDef;
  private readonly resolver: Resolver;
  private readonly builtins: BuiltinProvider;
  private readonly source: SourceText;
  private readonly selfType: ClassType | undefined;
  private readonly typeParser: ScriptTypeParser;
  private environment: Environment | undefined;
  private readonly defStack: DefContext[] = [];
  private readonly exitBlocks = new Set<Block>();
  /** Depth of the emitter's recursion over expressions and blocks (see enterNested). */
  private nesting = 0;
  private loopStatus: LoopStatus = 'not in loop';
  private readonly integralConstants = new Map<string, Value>();
  private readonly fpConstants = new Map<string, Value>();
  private tempNameCount = 0;
  private schema: FunctionSchema | undefined;

  constructor(options: FunctionEmitterOptions) {
    this.def = options.def;
    this.functionName = options.qualifiedName;
    this.resolver = options.resolver;
    this.unit = options.unit;
    this.builtins = options.builtins;
    this.source = options.source;
    this.selfType = options.selfType;
    this.typeParser = new ScriptTypeParser(this.resolver, this.source, 'source');
  }

  // ---- EmitContext ---------------------------------------------------------------------------

  error(range: Range, reason: string): never {
    throw new FrontendError(this.source.source, this.source.file, range.start, reason);
  }

  sourceRange(range: Range): SourceRange {
    return { file: this.source.file, line: range.line, col: range.col - 1 };
  }

  constant(value: unknown, range: Range, type?: JitType): Value {
    return this.graph.insertConstant(value as IValue, { type, sourceRange: this.sourceRange(range) });
  }

  builtin(name: string, args: NamedValue[], kwargs: NamedValue[], range: Range, self?: NamedValue): Value {
    return this.builtins.call(this, name, args, kwargs, range, self);
  }

  /** A builtin call whose nodes get no source range (PyTorch's graph->insert without a range). */
  private quietBuiltin(name: string, args: NamedValue[], kwargs: NamedValue[], range: Range): Value {
    const quiet = Object.create(this, { sourceRange: { value: undefined } }) as Emitter;
    return this.builtins.call(quiet, name, args, kwargs, range);
  }

  expr(expr: Expr, typeHint?: JitType): Value {
    return this.emitExpr(expr, typeHint);
  }

  type(annotation: Expr): JitType {
    return this.typeParser.parseType(annotation);
  }

  // ---- Emitter -------------------------------------------------------------------------------

  insertNode(kind: string, inputs: readonly Value[], outputTypes: readonly JitType[], range?: Range): Node {
    const node = this.graph.create(kind, inputs, 0);
    for (const type of outputTypes) node.addOutput(type);
    if (range) node.setSourceRange(this.sourceRange(range));
    return this.graph.insertNode(node);
  }

  matchSchema(
    schema: FunctionSchema,
    range: Range,
    args: readonly NamedValue[],
    kwargs: readonly NamedValue[],
    self?: NamedValue,
  ): { inputs: Value[]; returnType: JitType } {
    return this.builtins.matchSchema(this, schema, range, [...args], [...kwargs], self);
  }

  callFunction(
    fn: ScriptFunctionLike,
    range: Range,
    args: readonly NamedValue[],
    kwargs: readonly NamedValue[],
  ): Value {
    const schema = this.unit.functionSchema(fn, range, this);
    const matched = this.matchSchema(schema, range, args, kwargs);
    const callee = this.graph.create('prim::Constant', [], 1);
    callee.setS('name', fn.name);
    callee.output().setType(FunctionType.named(fn.qualifiedName, schema));
    this.graph.insertNode(callee);
    return this.insertNode(
      'prim::CallFunction',
      [callee.output(), ...matched.inputs],
      [matched.returnType],
      range,
    ).output();
  }

  callMethod(
    self: Value,
    name: string,
    range: Range,
    args: readonly NamedValue[],
    kwargs: readonly NamedValue[],
  ): Value {
    let schema: FunctionSchema | undefined;
    if (self.type.kind === 'ClassType') {
      const method = this.findMethod(self.type as ClassType, name);
      const ignored = method ? undefined : this.unit.findIgnoredMethod?.(self.type as ClassType, name);
      if (ignored) {
        // PyTorch calls an ignored method in Python (`^name()(self, ...)`): a prim::PythonOp the host runs.
        const matched = this.matchSchema(ignored.declaredSchema(), range, [{ value: self, range }, ...args], kwargs);
        const node = this.insertNode('prim::PythonOp', matched.inputs, [matched.returnType], range);
        node.setS('name', name);
        return node.output();
      }
      if (!method) this.error(range, `Tried to access nonexistent method '${name}' of type '${self.type.pythonStr()}'`);
      schema = this.unit.functionSchema(method, range, this);
    } else if (self.type.kind === 'InterfaceType') {
      schema = (self.type as unknown as { methodSchema(n: string): FunctionSchema | undefined }).methodSchema(name);
    }
    if (!schema) return this.error(range, `'${self.type.pythonStr()}' has no method '${name}'`);
    const matched = this.matchSchema(schema, range, [{ value: self, range }, ...args], kwargs);
    const node = this.insertNode('prim::CallMethod', matched.inputs, [matched.returnType], range);
    node.setS('name', name);
    return node.output();
  }

  builtinAttr(range: Range, value: Value, name: string): SugaredValue | undefined {
    return this.builtins.attr(this, range, value, name);
  }

  isInitializing(classType: ClassType): boolean {
    return this.def.name === '__init__' && this.graph.inputs.length > 0 && this.graph.inputs[0].type.equals(classType);
  }

  atTopLevel(): boolean {
    return this.graph.insertPoint().owningBlock === this.graph.block;
  }

  findMethod(classType: ClassType, name: string): ScriptFunctionLike | undefined {
    return this.unit.findMethod(classType, name);
  }

  isIgnoredMethod(classType: ClassType, name: string): boolean {
    return this.unit.findIgnoredMethod?.(classType, name) !== undefined;
  }

  // ---- the def ---------------------------------------------------------------------------------

  /** Emits the function; returns its schema. The graph is in SSA form afterwards. */
  emit(): FunctionSchema {
    if (this.schema) return this.schema;
    this.pushFrame(this.graph.block, true);
    if (this.selfType && this.def.args.posonlyargs.length + this.def.args.args.length === 0) {
      this.error(this.def.range, 'methods must have a self argument');
    }
    this.schema = this.emitDef(this.def, this.graph.block);
    convertToSSA(this.graph);
    canonicalizeModifiedLoops(this.graph);
    finishGraph(this.graph, this.builtins.registry);
    return this.schema;
  }

  /** The schema the def declares (types of parameters and the annotated return), without emitting the body. */
  declaredSchema(): FunctionSchema {
    return this.parseSchema(this.def).schema;
  }

  private parseSchema(
    def: FunctionDef,
    isMethod = this.selfType !== undefined,
  ): { schema: FunctionSchema; params: Arg[] } {
    return defSignature(def, {
      isMethod,
      hasSelf: this.selfType !== undefined,
      typeParser: this.typeParser,
      file: this.source.file,
      fail: (range, reason) => this.error(range, reason),
    });
  }

  private emitDef(def: FunctionDef, block: Block): FunctionSchema {
    const { schema, params } = this.parseSchema(def);
    const context = this.defStack[this.defStack.length - 1];
    if (schema.returns.length === 1) context.declaredReturnType = schema.returns[0].type;
    const args = this.emitFormalArguments(params, schema, block);
    this.emitStatements(def.body);
    this.handleMaybeNoReturn(def, block);
    const returnType = context.mergedReturnType as JitType;
    // The real return values replace this placeholder in the exit transforms.
    const placeholder = this.insertNode('prim::Uninitialized', [], [returnType]).output();
    block.registerOutput(placeholder);
    return new FunctionSchema(def.name, '', args, [new Argument('', { type: returnType })]);
  }

  private emitFormalArguments(params: Arg[], schema: FunctionSchema, block: Block): Argument[] {
    const args: Argument[] = [];
    let i = 0;
    if (this.selfType) {
      const self = params[0];
      const input = block.addInput(undefined, this.selfType);
      input.setDebugName(self.name);
      // `self` of a class is a first-class variable (PyTorch's SimpleSelf): stored, so that a read
      // of it renames the input `self.1` as in PyTorch's graphs.
      this.setVar(nameRange(self), self.name, input);
      args.push(new Argument(self.name, { type: this.selfType }));
      i = 1;
    }
    for (const arg of schema.arguments) {
      const param = params[i++];
      const input = block.addInput(undefined, arg.type);
      if (meaningfulName(param.name)) input.setDebugName(param.name);
      args.push(arg);
      this.setVar(nameRange(param), param.name, input);
    }
    return args;
  }

  /** A function whose end is reachable returns None there; with a non-None annotation that is an error. */
  private handleMaybeNoReturn(def: FunctionDef, block: Block): void {
    const context = this.defStack[this.defStack.length - 1];
    const declared = context.declaredReturnType;
    if (!this.exitBlocks.has(block)) {
      if (declared && declared.kind !== 'NoneType') {
        this.error(
          this.defNameRange(def),
          'Function was not annotated as having type None, but does not return along all paths',
        );
      }
      const range = this.defNameRange(def);
      this.graph.withInsertPoint(block, () => this.emitReturnValue(range, { kind: 'Constant', value: null, range }));
    } else if (!context.mergedReturnType) {
      // Every path raises: the declared type (or None) is the return type.
      context.mergedReturnType = declared ?? NoneType.get();
    }
  }

  /** A def from its name on (PyTorch's range of a Def starts at the name, not at `def`). */
  private defNameRange(def: FunctionDef): Range {
    const text = this.source.source;
    let at = def.range.start;
    if (text.startsWith('def', at)) {
      at += 3;
      while (at < def.range.end && /\s/.test(text[at] as string)) at++;
    }
    if (!text.startsWith(def.name, at)) return def.range;
    return { start: at, end: def.range.end, line: def.range.line, col: def.range.col + (at - def.range.start) };
  }

  // ---- frames and variables -----------------------------------------------------------------

  private pushFrame(block: Block, startsDef = false): void {
    if (startsDef) this.defStack.push({ declaredReturnType: undefined, mergedReturnType: undefined });
    this.environment = new Environment(block, this.environment, {
      insertLoad: (name, type) => {
        const load = this.graph.create('prim::Load', [], 1);
        load.setS('name', name);
        load.output().setType(type);
        if (meaningfulName(name) && validName(name)) load.output().setDebugName(name);
        return this.graph.insertNode(load).output();
      },
      insertStore: (name, value, range) => {
        const store = this.graph.create('prim::Store', [value], 0);
        store.setS('name', name);
        store.setSourceRange(this.sourceRange(range));
        this.graph.insertNode(store);
      },
    });
  }

  private popFrame(endsDef = false): Environment {
    const frame = this.environment as Environment;
    this.environment = frame.next;
    if (endsDef) this.defStack.pop();
    return frame;
  }

  private get env(): Environment {
    return this.environment as Environment;
  }

  private setVar(range: Range, name: string, value: Value): void {
    this.setSugaredVar(range, name, new SimpleValue(value), undefined);
  }

  /** PyTorch's Environment::setSugaredVar: names the value, checks reassignments in nested blocks, stores. */
  private setSugaredVar(range: Range, name: string, value: SugaredValue, annotatedType: JitType | undefined): void {
    const env = this.env;
    let simple = asSimple(value);
    if (
      simple &&
      !simple.hasDebugName() &&
      meaningfulName(name) &&
      validName(name) &&
      simple.node.owningBlock === env.block
    ) {
      simple.setDebugName(name);
    }
    // A variable that already exists outside this block must stay first-class and keep its type,
    // since its value after the block depends on control flow.
    if (env.isDefinedInParentFrame(name)) {
      if (annotatedType) {
        this.error(
          range,
          `Attempting to declare and annotate the type of variable '${name}' but it is already defined in an outer block`,
        );
      }
      if (!simple) {
        this.error(
          range,
          `Cannot re-assign '${name}' to a value of type ${value.kind} because ${name} is not a first-class value.  Only reassignments to first-class values are allowed`,
        );
      }
      const parent = env.findInParentFrame(name) as SugaredValue;
      const parentValue = asSimple(parent);
      if (!parentValue) {
        this.error(
          range,
          `Cannot re-assign '${name}' because it has type ${value.kind} and ${name} is not a first-class value.  Only reassignments to first-class values are allowed`,
        );
      }
      const parentType = parentValue.type;
      simple = tryConvertToType(this, range, parentType, simple, true);
      if (!simple.type.isSubtypeOf(parentType)) {
        let reason = `Variable '${name}' previously had type ${parentType.pythonStr()} but is now being assigned to a value of type ${simple.type.pythonStr()}`;
        if (parentType.kind === 'ListType' && simple.type.kind === 'ListType') {
          reason +=
            '\nEmpty lists default to List[Tensor]. Add a variable annotation to the assignment to create an empty list of another type (torch.jit.annotate(List[T, []]) where T is the type of elements in the list for Python 2)';
        }
        this.error(range, reason);
      }
    }
    if (simple) {
      if (annotatedType && !simple.type.isSubtypeOf(annotatedType)) {
        this.error(
          range,
          `Variable '${name}' is annotated with type ${annotatedType.pythonStr()} but is being assigned to a value of type ${simple.type.pythonStr()}`,
        );
      }
      env.store(name, simple, annotatedType ?? simple.type, range);
    } else {
      env.setSugared(name, value);
    }
  }

  private getSugaredVar(name: string, range: Range): SugaredValue {
    const found = this.env.findInAnyFrame(name) ?? this.globalValue(name, range);
    if (found) return found;
    const typeError = this.env.findVariableTypeError(name);
    if (typeError) {
      this.error(typeError.range, `${typeError.reason}\nand was used at line ${range.line}, column ${range.col}`);
    }
    return this.error(range, `undefined value ${name}`);
  }

  private getVar(name: string, range: Range): Value {
    return this.asValue(this.getSugaredVar(name, range), range);
  }

  /** The builtins of the language, then the resolver's names (PyTorch's Environment::getSugaredVar). */
  private globalValue(name: string, range: Range): SugaredValue | undefined {
    const builtin = this.builtinGlobal(name);
    if (builtin) return builtin;
    const type = this.resolver.resolveType(name, range);
    if (type?.kind === 'TupleType' && (type as TupleType).names) return new NamedTupleConstructor(type as TupleType);
    const value = this.resolver.resolveValue(name, this, range);
    if (value) return value;
    if (type?.kind === 'ClassType') return new ClassValue(type as ClassType);
    if (type?.kind === 'EnumType') return new EnumClassValue(type as never);
    const provided = this.builtins.global?.(name);
    if (provided) return provided;
    if (PYTHON_EXCEPTIONS.has(name)) return new ExceptionValue(name, `builtins.${name}`);
    return undefined;
  }

  /**
   * The builtin names the emitter handles itself (special forms, exceptions, the archive code
   * printer's spellings); the others come from the builtin tables (`len`, `int`, `print`...).
   */
  private builtinGlobal(name: string): SugaredValue | undefined {
    switch (name) {
      case 'tuple':
        return new SpecialFormValue('prim::TupleConstruct');
      case 'getattr':
        return new SpecialFormValue('prim::GetAttr');
      case 'hasattr':
        return new SpecialFormValue('prim::HasAttr');
      case 'isinstance':
        return new SpecialFormValue('prim::isinstance');
      case 'list':
        return new SpecialFormValue('prim::list');
      case 'dict':
        return new SpecialFormValue('prim::dict');
      case 'range':
        return new SpecialFormValue('prim::range');
      case 'zip':
        return new SpecialFormValue('prim::zip');
      case 'enumerate':
        return new SpecialFormValue('prim::enumerate');
      case 'AssertionError':
        return new ExceptionValue('AssertionError');
      // The spellings of the archive code printer (python_print.cpp).
      case 'annotate':
        return new SpecialFormValue('prim::annotate');
      case 'unchecked_cast':
        return new SpecialFormValue('prim::unchecked_cast');
      case 'uninitialized':
        return new SpecialFormValue('prim::Uninitialized');
      case 'fork':
        return new SpecialFormValue('prim::fork');
      case 'wait':
        return new BuiltinFunctionValue('aten::wait');
      default:
        return builtinGlobal(name, this.builtins.hooks);
    }
  }

  private createTempName(prefix: string): string {
    return `${prefix}${this.tempNameCount++}`;
  }

  private asValue(value: SugaredValue, range: Range): Value {
    if (!value.asValue) this.error(range, `${value.kind} cannot be used as a value`);
    return value.asValue(this, range);
  }

  // ---- statements -------------------------------------------------------------------------------

  private emitStatements(statements: readonly Stmt[]): void {
    this.enterNested(statements[0]?.range ?? this.def.range);
    try {
      for (const stmt of statements) {
        this.emitStatement(stmt);
        // After an exit the rest of the block is unreachable and not emitted.
        if (this.exitBlocks.has(this.env.block)) return;
      }
    } finally {
      this.nesting--;
    }
  }

  /**
   * The parser bounds nesting in the source, but flat chains are deep trees (`a + a + ... + a`,
   * `x[0][0]...`, `f(1)(1)...`, long elif chains) and the emitter recurses on them: past
   * MAX_EMIT_NESTING levels the program is rejected rather than the stack exhausted. Callers
   * decrement `nesting` when they leave.
   */
  private enterNested(range: Range): void {
    if (++this.nesting > MAX_EMIT_NESTING) {
      this.error(
        range,
        `program too deeply nested to compile (more than ${MAX_EMIT_NESTING} levels of nested expressions and blocks, counting each operand of a chained operator and each elif)`,
      );
    }
  }

  private emitStatement(stmt: Stmt): void {
    switch (stmt.kind) {
      case 'If':
        this.emitIf(stmt);
        return;
      case 'While':
        this.emitWhile(stmt);
        return;
      case 'For':
        this.emitForStatement(stmt);
        return;
      case 'Assign':
        this.emitAssignment(stmt);
        return;
      case 'AnnAssign':
        this.emitAnnAssignment(stmt);
        return;
      case 'AugAssign':
        this.emitAugAssignment(stmt);
        return;
      case 'Expr':
        // `super().__init__()` in `__init__`: TorchScript classes have no base class to initialize.
        if (this.isSuperInit(stmt.value)) return;
        this.emitSugaredExpr(stmt.value, 0);
        return;
      case 'Raise':
        this.emitRaise(stmt);
        return;
      case 'Assert':
        this.emitAssert(stmt);
        return;
      case 'Return':
        this.emitReturnValue(
          stmt.range,
          stmt.value ?? { kind: 'Constant', value: null, range: stmt.range },
          stmt.value === null,
        );
        return;
      case 'Continue':
      case 'Break': {
        const word = stmt.kind === 'Break' ? 'break' : 'continue';
        if (this.loopStatus === 'not in loop') this.error(stmt.range, `SyntaxError: '${word}' outside loop`);
        if (this.loopStatus === 'in unrolled loop') {
          this.error(
            stmt.range,
            'Because we emit iteration over modulelists or tuples as unrolled loops, we do not support break or continue inside the body of these loops',
          );
        }
        this.insertNode(stmt.kind === 'Break' ? 'prim::BreakStmt' : 'prim::ContinueStmt', [], [], stmt.range);
        return;
      }
      case 'Pass':
        return;
      case 'FunctionDef':
        this.emitClosure(stmt);
        return;
      case 'ClassDef':
        this.error(stmt.range, 'class definitions inside functions are not supported in TorchScript');
        return;
      case 'Delete':
        this.emitDelete(stmt);
        return;
      case 'With':
        this.emitWith(stmt);
        return;
      case 'Import':
      case 'ImportFrom':
        this.error(stmt.range, 'import statements are not supported in TorchScript');
        return;
      case 'Global':
      case 'Nonlocal':
        this.error(stmt.range, `${stmt.kind.toLowerCase()} statements are not supported in TorchScript`);
        return;
    }
  }

  private isSuperInit(expr: Expr): boolean {
    return (
      this.selfType !== undefined &&
      this.def.name === '__init__' &&
      expr.kind === 'Call' &&
      expr.func.kind === 'Attribute' &&
      expr.func.attr === '__init__' &&
      expr.func.value.kind === 'Call' &&
      expr.func.value.func.kind === 'Name' &&
      expr.func.value.func.id === 'super' &&
      !this.env.isDefinedInAnyFrame('super')
    );
  }

  private emitReturnValue(range: Range, expr: Expr, bare = false): void {
    const context = this.defStack[this.defStack.length - 1];
    let declared = context.declaredReturnType;
    let result = this.emitExpr(expr, declared);
    if (bare) result.node.setSourceRange(this.sourceRange(range));
    if (declared) {
      // No implicit None → Tensor conversion for returns: a forgotten return must not become a tensor.
      if (!(result.type.isSubtypeOf(TensorType.get()) && result.type.isSubtypeOf(NoneType.get()))) {
        result = tryConvertToType(this, range, declared, result, true);
      }
      if (!result.type.isSubtypeOf(declared)) {
        this.error(
          range,
          `Return value was annotated as having type ${declared.pythonStr()} but is actually of type ${result.type.pythonStr()}`,
        );
      }
    } else {
      declared = context.mergedReturnType ?? result.type;
      const merged = unifyTypes(declared, result.type);
      if (!merged) {
        this.error(
          range,
          `Previous return statement returned a value of type ${declared.pythonStr()} but this return statement returns a value of type ${result.type.pythonStr()}`,
        );
      }
      declared = merged;
    }
    context.mergedReturnType = declared;
    if (declared.kind === 'AnyType' && result.type.kind !== 'AnyType') result = this.uncheckedCast(result, declared);
    this.insertNode('prim::ReturnStmt', [result], []);
    this.exitBlocks.add(this.env.block);
  }

  private uncheckedCast(value: Value, type: JitType): Value {
    return this.insertNode('prim::unchecked_cast', [value], [type]).output();
  }

  private emitRaise(stmt: Extract<Stmt, { kind: 'Raise' }>): void {
    if (!stmt.exc) this.error(stmt.range, 'Exceptions must be raised with a value (bare raise is not supported)');
    const sv = this.emitSugaredExpr(stmt.exc, 1);
    let message: Value;
    let className: Value | undefined;
    if (sv instanceof ExceptionMessageValue) {
      message = sv.message;
      className = sv.qualifiedClassName;
    } else if (sv instanceof ExceptionValue) {
      message = this.constant('', stmt.range);
    } else {
      this.error(stmt.range, 'exceptions must derive from BaseException');
      return;
    }
    if (!message.type.isSubtypeOf(StringType.get())) {
      message = this.builtin('aten::str', [{ value: message, range: stmt.range }], [], stmt.range);
    }
    className ??= this.graph.insertConstant(null);
    // Schema-matched as PyTorch's graph->insert: the node knows its schema (`str? cls=None`).
    this.insertBuiltin('prim::RaiseException', [message, className], stmt.range);
    this.exitBlocks.add(this.env.block);
  }

  private emitAssert(stmt: Extract<Stmt, { kind: 'Assert' }>): void {
    const cond = this.emitCondExpr(stmt.test);
    const message: Expr = stmt.msg ?? { kind: 'Str', value: '', range: stmt.range };
    const raise: Stmt = {
      kind: 'Raise',
      exc: {
        kind: 'Call',
        func: { kind: 'Name', id: 'AssertionError', range: stmt.range },
        args: [message],
        keywords: [],
        range: stmt.range,
      },
      cause: null,
      range: stmt.range,
    };
    this.emitIfElseBlocks(stmt.range, cond, [], [raise]);
  }

  private emitDelete(stmt: Extract<Stmt, { kind: 'Delete' }>): void {
    for (const target of stmt.targets) {
      if (target.kind === 'Subscript') {
        const indices = subscriptItems(target.slice);
        if (indices[0].kind === 'Slice') {
          this.error(
            target.range,
            'del statements only support deletion at a single index, slicing is not supported (see https://github.com/pytorch/pytorch/issues/31430)',
          );
        }
        const sv = this.emitSugaredExpr(target.value, 1);
        const index = this.emitExpr(indices[0]);
        const value = this.asValue(sv, target.value.range);
        if (value.type.kind === 'ClassType') {
          if (!this.findMethod(value.type as ClassType, '__delitem__')) {
            this.error(target.range, 'Class does not define __delitem__');
          }
          this.callMethod(value, '__delitem__', stmt.range, [{ value: index, range: stmt.range }], []);
        } else {
          // Schema-matched as PyTorch's emitBuiltinCall: the schema says the container is written.
          this.insertBuiltin('aten::Delete', [value, index], target.range);
        }
      } else if (target.kind === 'Name') {
        if (!this.env.remove(target.id)) this.error(target.range, `undefined value ${target.id}`);
      } else {
        this.error(target.range, 'del statements are only supported for deleting list and dict items and variables');
      }
    }
  }

  private emitWith(stmt: Extract<Stmt, { kind: 'With' }>): void {
    const entered: Value[] = [];
    for (const item of stmt.items) {
      const expr = item.contextExpr;
      const rhs = this.emitExpr(expr);
      const enter = this.insertNode('prim::Enter', [rhs], [TensorType.get()]);
      entered.push(rhs);
      if (rhs.type.kind !== 'ClassType') this.error(expr.range, 'With item expression must return an object');
      const classType = rhs.type as ClassType;
      const enterMethod = this.findMethod(classType, '__enter__');
      const exitMethod = this.findMethod(classType, '__exit__');
      if (!enterMethod || !exitMethod) {
        this.error(
          expr.range,
          'Object returned by with item expression does not define __enter__ and __exit__ methods',
        );
      }
      const enterSchema = this.unit.functionSchema(enterMethod, expr.range, this);
      if (enterSchema.arguments.length !== 1) {
        this.error(expr.range, '__enter__ must have only one argument and one return value');
      }
      const exitSchema = this.unit.functionSchema(exitMethod, expr.range, this);
      if (exitSchema.arguments.length !== 4) this.error(expr.range, '__exit__ must have four arguments');
      for (let i = 1; i < 4; i++) {
        if (exitSchema.arguments[i].type.kind !== 'AnyType') {
          this.error(
            expr.range,
            `argument ${i} of __exit__ must have Any type; TorchScript does not currently support passing exception type, value, or traceback to the __exit__ function.`,
          );
        }
      }
      enter.output().setType(enterSchema.returns[0].type);
      if (item.optionalVars) {
        if (item.optionalVars.kind !== 'Name') this.error(item.optionalVars.range, 'with ... as must bind a name');
        this.setVar(item.optionalVars.range, item.optionalVars.id, enter.output());
      }
    }
    this.emitStatements(stmt.body);
    while (entered.length > 0) this.insertNode('prim::Exit', [entered.pop() as Value], [TensorType.get()]);
  }

  /** Emits `body` into the block of a closure (a nested def, a forked call): a new frame, outside any loop. */
  private inClosureBlock(block: Block, body: () => void): void {
    const previous = this.loopStatus;
    this.loopStatus = 'not in loop';
    try {
      this.graph.withInsertPoint(block, () => {
        this.pushFrame(block, true);
        body();
        this.popFrame(true);
      });
    } finally {
      this.loopStatus = previous;
    }
  }

  /**
   * A nested `def`: a `prim::Closure` whose block is the def (PyTorch's emitClosure). Its only use
   * in TorchScript is as a fork target; calling it directly is an error.
   */
  private emitClosure(def: FunctionDef): void {
    const node = this.insertNode('prim::Closure', [], [NoneType.get()], def.range);
    const block = node.addBlock();
    this.inClosureBlock(block, () => {
      const { schema, params } = this.parseSchema(def, false);
      const context = this.defStack[this.defStack.length - 1];
      if (schema.returns.length === 1) context.declaredReturnType = schema.returns[0].type;
      schema.arguments.forEach((arg, i) => {
        const input = block.addInput(undefined, arg.type);
        if (meaningfulName(arg.name)) input.setDebugName(arg.name);
        this.setVar(nameRange(params[i]), arg.name, input);
      });
      this.emitStatements(def.body);
      this.handleMaybeNoReturn(def, block);
      const placeholder = this.insertNode('prim::Uninitialized', [], [context.mergedReturnType as JitType]).output();
      block.registerOutput(placeholder);
    });
    this.setSugaredVar(
      nameRange({ name: def.name, range: { ...def.range, start: def.range.start + 4, col: def.range.col + 4 } } as Arg),
      def.name,
      new ClosureValue(node.output()),
      undefined,
    );
  }

  // ---- if ---------------------------------------------------------------------------------------

  private emitIf(stmt: Extract<Stmt, { kind: 'If' }>): void {
    const cond = this.emitCondExpr(stmt.test);
    // PyTorch's range of an `elif` starts at its condition.
    const isElif = this.source.source.startsWith('elif', stmt.range.start);
    this.emitIfElseBlocks(isElif ? fromStartOf(stmt.test, stmt.range) : stmt.range, cond, stmt.body, stmt.orelse);
  }

  private emitSingleIfBranch(
    block: Block,
    branch: readonly Stmt[],
    refinements: RefinementSet,
    range: Range,
  ): Environment {
    this.pushFrame(block);
    this.graph.withInsertPoint(block, () => {
      this.insertRefinements(range, refinements);
      this.emitStatements(branch);
    });
    return this.popFrame();
  }

  private emitIfElseBlocks(
    range: Range,
    cond: CondValue,
    thenBranch: readonly Stmt[],
    elseBranch: readonly Stmt[],
  ): void {
    // A condition known from the types compiles only the taken branch (PyTorch's static if).
    if (cond.staticIf !== undefined) {
      if (cond.staticIf) {
        this.insertRefinements(range, cond.refinements);
        this.emitStatements(thenBranch);
      } else {
        this.insertRefinements(range, cond.refinements.not());
        this.emitStatements(elseBranch);
      }
      return;
    }
    const node = this.insertNode('prim::If', [cond.value], [], range);
    const thenBlock = node.addBlock();
    const elseBlock = node.addBlock();
    const saveThen = this.emitSingleIfBranch(thenBlock, thenBranch, cond.refinements, range);
    const saveElse = this.emitSingleIfBranch(elseBlock, elseBranch, cond.refinements.not(), range);
    const thenExits = this.exitBlocks.has(thenBlock);
    const elseExits = this.exitBlocks.has(elseBlock);
    if (thenExits && elseExits) this.exitBlocks.add(node.owningBlock as Block);

    // A variable assigned in a branch is defined after the if only when every path defines it.
    const mutated = new Set<string>();
    for (const v of saveThen.definedVariables()) {
      if (elseExits || this.graph.withInsertPoint(elseBlock, () => saveElse.isDefinedInAnyFrame(v))) mutated.add(v);
      else this.env.setVariableTypeError(v, () => ({ range, reason: `${v} is not defined in the false branch` }));
    }
    for (const v of saveElse.definedVariables()) {
      if (thenExits || saveThen.isDefinedInAnyFrame(v)) mutated.add(v);
      else this.env.setVariableTypeError(v, () => ({ range, reason: `${v} is not defined in the true branch` }));
    }
    for (const name of [...mutated].sort(compareBytes)) {
      if (thenExits && elseExits) continue;
      let thenType: JitType | undefined;
      let elseType: JitType | undefined;
      if (!thenExits) thenType = this.graph.withInsertPoint(thenBlock, () => this.varType(saveThen, name, range));
      if (!elseExits) elseType = this.graph.withInsertPoint(elseBlock, () => this.varType(saveElse, name, range));
      if (thenExits) {
        thenType = elseType as JitType;
        this.graph.withInsertPoint(thenBlock, () => {
          const unit = this.insertNode('prim::Uninitialized', [], [thenType as JitType]).output();
          this.insertStoreNode(name, unit);
        });
      } else if (elseExits) {
        elseType = thenType as JitType;
        this.graph.withInsertPoint(elseBlock, () => {
          const unit = this.insertNode('prim::Uninitialized', [], [elseType as JitType]).output();
          this.insertStoreNode(name, unit);
        });
      }
      // A variable declared before the if (with a union, optional or interface type, say) may
      // take different subtypes in the branches: they unify to a Union, as in PyTorch. A variable
      // first assigned in the branches gets no union inferred (its use is then an error).
      const fullType = this.env.typeInAnyFrame(name);
      const toUnion = fullType !== undefined;
      const unified = unifyTypes(thenType as JitType, elseType as JitType, toUnion);
      if (!unified) {
        const reason = `Type mismatch: ${name} is set to type ${(thenType as JitType).pythonStr()} in the true branch and type ${(elseType as JitType).pythonStr()} in the false branch`;
        if (saveThen.isDefinedInParentFrame(name) || saveElse.isDefinedInParentFrame(name)) this.error(range, reason);
        this.env.setVariableTypeError(name, () => ({ range, reason }));
        continue;
      }
      this.env.setType(name, unified);
    }
  }

  /** The type of a variable as seen from a branch's frame (a load is emitted, as PyTorch's getVar does). */
  private varType(frame: Environment, name: string, range: Range): JitType {
    const found = frame.findInAnyFrame(name);
    if (!found) return this.error(range, `undefined value ${name}`);
    return this.asValue(found, range).type;
  }

  private insertStoreNode(name: string, value: Value): void {
    const store = this.graph.create('prim::Store', [value], 0);
    store.setS('name', name);
    this.graph.insertNode(store);
  }

  private insertRefinements(range: Range, refinements: RefinementSet): void {
    for (const r of refinements.whenTrue) {
      const value = this.getVar(r.name, range);
      const refined = this.uncheckedCast(value, r.type);
      this.setVar(range, r.name, refined);
    }
  }

  // ---- conditions -------------------------------------------------------------------------------

  private emitCondExpr(expr: Expr): CondValue {
    switch (expr.kind) {
      case 'BoolOp': {
        // `a and b and c` is `(a and b) and c`.
        let lhs = expr.values[0];
        let cond = this.emitCondExpr(lhs);
        for (let i = 1; i < expr.values.length; i++) {
          const range = { ...fromStartOf(expr.values[0], expr.range), end: expr.values[i].range.end };
          cond = this.emitShortCircuitLogical(range, cond, expr.values[i], expr.op === 'or');
          lhs = expr.values[i];
        }
        return cond;
      }
      case 'UnaryOp':
        if (expr.op === 'not') {
          const inner = this.emitCondExpr(expr.operand);
          const result = this.builtin('aten::__not__', [{ value: inner.value, range: expr.range }], [], expr.range);
          return {
            value: result,
            refinements: inner.refinements.not(),
            staticIf: inner.staticIf === undefined ? undefined : !inner.staticIf,
          };
        }
        break;
      case 'Compare':
        if (expr.ops.length === 1 && (expr.ops[0] === 'is' || expr.ops[0] === 'is not')) {
          return this.emitIsCondition(expr.range, expr.left, expr.comparators[0], expr.ops[0] === 'is');
        }
        break;
      case 'Call':
        if (expr.func.kind === 'Name' && !this.env.isDefinedInAnyFrame(expr.func.id)) {
          if (expr.func.id === 'isinstance') {
            this.checkApplyNumInputs(expr, 'isinstance', 2);
            return this.emitIsInstance(expr.args[0], expr.args[1]);
          }
          if (expr.func.id === 'hasattr') {
            this.checkApplyNumInputs(expr, 'hasattr', 2);
            return this.emitHasAttr(expr.args[0], expr.args[1]);
          }
        }
        if (this.isSpecialCallee(expr.func, 'prim::isinstance')) {
          this.checkApplyNumInputs(expr, 'isinstance', 2);
          return this.emitIsInstance(expr.args[0], expr.args[1]);
        }
        break;
      default:
        break;
    }
    const value = this.emitToBool(expr.range, this.emitExpr(expr));
    let staticIf: boolean | undefined;
    const kind = value.node.kind;
    if (kind === 'aten::is_scripting') staticIf = true;
    else if (kind === 'aten::has_torch_function') staticIf = false;
    if (value.node.kind === 'prim::Constant' && value.type.kind === 'BoolType') {
      staticIf = Number(value.node.i('value')) !== 0;
    }
    return { value, refinements: new RefinementSet(), staticIf };
  }

  /** Whether a callee expression names a special form without emitting anything for plain names. */
  private isSpecialCallee(func: Expr, form: string): boolean {
    const special = this.specialDotted(func);
    return special instanceof SpecialFormValue && special.form === form;
  }

  private emitIsCondition(range: Range, left: Expr, right: Expr, isIs: boolean): CondValue {
    const lhs = this.emitExpr(left);
    const rhs = this.emitExpr(right);
    const lhsNone = canBeNone(lhs);
    const rhsNone = canBeNone(rhs);
    if (lhsNone === 'always' && rhsNone === 'always') return this.staticCond(range, isIs);
    if ((lhsNone === 'always' && rhsNone === 'never') || (lhsNone === 'never' && rhsNone === 'always')) {
      return this.staticCond(range, !isIs);
    }
    const value = this.builtin(
      isIs ? 'aten::__is__' : 'aten::__isnot__',
      [
        { value: lhs, range },
        { value: rhs, range },
      ],
      [],
      range,
    );
    return { value, refinements: this.isNoneRefinements(left, lhs, right, rhs, isIs), staticIf: undefined };
  }

  private staticCond(range: Range, value: boolean, refinements = new RefinementSet()): CondValue {
    return { value: this.constant(value, range), refinements, staticIf: value };
  }

  private isNoneRefinements(left: Expr, lhs: Value, right: Expr, rhs: Value, isIs: boolean): RefinementSet {
    if (!isNoneLiteral(right) && isNoneLiteral(left)) return this.isNoneRefinements(right, rhs, left, lhs, isIs);
    if (!isNoneLiteral(right) || left.kind !== 'Name') return new RefinementSet();
    const name = left.id;
    let present: Refinement | undefined;
    if (lhs.type.kind === 'OptionalType') {
      present = { name, type: (lhs.type as OptionalType).elementType };
    } else if (lhs.type.kind === 'UnionType') {
      const rest = (lhs.type as UnionType).types.filter((t) => t.kind !== 'NoneType');
      if (rest.length > 0) present = { name, type: unionOf(rest) };
    } else {
      return new RefinementSet();
    }
    const refinements = present ? [present] : [];
    return isIs ? new RefinementSet([], refinements) : new RefinementSet(refinements, []);
  }

  private emitShortCircuitLogical(range: Range, lhs: CondValue, second: Expr, isOr: boolean): CondValue {
    let rhs: CondValue | undefined;
    const constExpr = (): Value => this.constant(isOr, range);
    const continueExpr = (): Value => {
      rhs = this.emitCondExpr(second);
      return rhs.value;
    };
    let value: Value;
    let refinements: RefinementSet;
    let staticIf: boolean | undefined;
    if (isOr) {
      value = this.emitIfExpr(range, lhs, constExpr, continueExpr);
      const r = rhs as unknown as CondValue;
      refinements = lhs.refinements.or(r.refinements);
      if (lhs.staticIf === true || r.staticIf === true) staticIf = true;
      else if (lhs.staticIf !== undefined && r.staticIf !== undefined) staticIf = lhs.staticIf || r.staticIf;
    } else {
      value = this.emitIfExpr(range, lhs, continueExpr, constExpr);
      const r = rhs as unknown as CondValue;
      refinements = lhs.refinements.and(r.refinements);
      if (lhs.staticIf === false || r.staticIf === false) staticIf = false;
      else if (lhs.staticIf !== undefined && r.staticIf !== undefined) staticIf = lhs.staticIf && r.staticIf;
    }
    return { value, refinements, staticIf };
  }

  private emitIfExpr(range: Range, cond: CondValue, thenExpr: () => Value, elseExpr: () => Value): Value {
    const node = this.insertNode('prim::If', [cond.value], [], range);
    const thenBlock = node.addBlock();
    const elseBlock = node.addBlock();
    const emitBranch = (block: Block, refinements: RefinementSet, expr: () => Value) => {
      this.pushFrame(block);
      this.graph.withInsertPoint(block, () => {
        this.insertRefinements(range, refinements);
        block.registerOutput(expr());
      });
      this.popFrame();
    };
    emitBranch(thenBlock, cond.refinements, thenExpr);
    emitBranch(elseBlock, cond.refinements.not(), elseExpr);
    const thenType = thenBlock.outputs[0].type;
    const elseType = elseBlock.outputs[0].type;
    const unified = unifyTypes(thenType, elseType);
    if (!unified) {
      this.error(
        range,
        `if-expression's true branch has type ${thenType.pythonStr()} but false branch has type ${elseType.pythonStr()}`,
      );
    }
    return node.addOutput(unified);
  }

  private emitToBool(range: Range, value: Value): Value {
    let out: Value;
    try {
      const cast = this.getSugaredVar('bool', range);
      out = this.asValue(
        (cast.call as NonNullable<SugaredValue['call']>)(this, range, [{ value, range }], [], 0),
        range,
      );
    } catch (e) {
      if (e instanceof FrontendError)
        this.error(range, `Could not cast value of type ${value.type.pythonStr()} to bool`);
      throw e;
    }
    if (!out.type.isSubtypeOf(BoolType.get())) {
      this.error(range, `expected a bool expression for condition but found ${out.type.pythonStr()}`);
    }
    return out;
  }

  private emitHasAttr(objExpr: Expr, attrExpr: Expr): CondValue {
    const obj = this.emitSugaredExpr(objExpr, 1);
    if (attrExpr.kind !== 'Str') this.error(attrExpr.range, "hasattr's second argument must be a string literal");
    const hasAttr = (obj as { hasAttr?: (c: Emitter, r: Range, n: string) => boolean }).hasAttr;
    if (!hasAttr) {
      return this.error(objExpr.range, `hasattr's first argument must be an object, got ${obj.kind} instead`);
    }
    return this.staticCond(objExpr.range, hasAttr.call(obj, this, objExpr.range, attrExpr.value));
  }

  /**
   * `isinstance(x, T)` and `isinstance(x, (A, B))` (PyTorch 1.13's emitIsInstance): the union
   * members of x's type that fit one of the types refine x in the true branch, the others in the
   * false branch; when every member fits, or none does, the check is static.
   */
  private emitIsInstance(objExpr: Expr, classInfo: Expr): CondValue {
    const value = this.emitExpr(objExpr);
    const rhs: JitType[] = [];
    const gather = (e: Expr): void => {
      if (e.kind === 'Tuple') for (const item of e.elts) gather(item);
      else rhs.push(this.typeParser.parseType(e));
    };
    gather(classInfo);
    const lhsTypes = standardizeForUnion([value.type]);
    const rhsTypes = rhs.length > 0 ? standardizeForUnion(rhs) : [];
    const trueTypes: JitType[] = [];
    const falseTypes: JitType[] = [];
    let allFit = true;
    for (const lhs of lhsTypes) {
      if (lhs.kind === 'AnyType') {
        trueTypes.push(...rhsTypes);
        falseTypes.push(lhs);
        if (!(trueTypes.length === 1 && trueTypes[0].kind === 'AnyType')) allFit = false;
        break;
      }
      let found: JitType | undefined;
      for (const r of rhsTypes) {
        const smaller = lhs.isSubtypeOf(r) ? lhs : r.isSubtypeOf(lhs) ? r : undefined;
        if (!smaller) continue;
        if (smaller.equals(lhs)) found = lhs;
        else found = found ? (unifyTypes(found, r) as JitType) : r;
      }
      if (found) {
        if (!found.equals(lhs)) allFit = false;
        trueTypes.push(found);
      } else {
        falseTypes.push(lhs);
        allFit = false;
      }
    }
    const unify = (types: JitType[]): JitType | undefined => {
      if (types.length === 0) return undefined;
      let result = types[0];
      for (let i = 1; i < types.length; i++) result = unifyTypes(result, types[i], true) as JitType;
      return result;
    };
    const unifiedTrue = unify(trueTypes);
    const unifiedFalse = unify(falseTypes);
    const name = objExpr.kind === 'Name' ? objExpr.id : undefined;
    const refinements = new RefinementSet(
      name && unifiedTrue ? [{ name, type: unifiedTrue }] : [],
      name && unifiedFalse ? [{ name, type: unifiedFalse }] : [],
    );
    if (allFit) return this.staticCond(objExpr.range, true, refinements);
    if (trueTypes.length === 0) return this.staticCond(objExpr.range, false, refinements);
    const node = this.insertNode('prim::isinstance', [value], [BoolType.get()]);
    node.setTys('types', rhsTypes);
    return { value: node.output(), refinements, staticIf: undefined };
  }

  // ---- loops ------------------------------------------------------------------------------------

  private emitWhile(stmt: Extract<Stmt, { kind: 'While' }>): void {
    if (stmt.orelse.length > 0) this.error(stmt.range, 'else branches of while loops are not supported in TorchScript');
    this.emitLoopCommon(stmt.range, () => this.emitStatements(stmt.body), undefined, undefined, stmt.test);
  }

  private emitForStatement(stmt: Extract<Stmt, { kind: 'For' }>): void {
    if (stmt.orelse.length > 0) this.error(stmt.range, 'else branches of for loops are not supported in TorchScript');
    this.emitFor(stmt.target, stmt.iter, stmt.range, () => this.emitStatements(stmt.body));
  }

  private emitFor(target: Expr, iterExpr: Expr, range: Range, emitBody: () => void): void {
    const sv = this.emitSugaredExpr(iterExpr, 1);
    const iterable = this.iterOf(sv, range);
    const staticLength = (iterable as { staticLen?: () => number | undefined }).staticLen?.();
    if (iterable.unrolled && staticLength === undefined) {
      const items = iterable.unrolled(this, range);
      this.emitUnrolledLoop(range, emitBody, items, target);
    } else if (staticLength !== undefined) {
      const items: SugaredValue[] = [];
      for (let i = 0; i < staticLength; i++) {
        const index = this.materializeInt(BigInt(i), range);
        if (!iterable.getItem) this.error(range, `${iterable.kind} cannot be indexed`);
        items.push(iterable.getItem(this, range, index));
      }
      this.emitUnrolledLoop(range, emitBody, items, target, true);
    } else {
      this.emitLoopCommon(range, emitBody, iterable, target, undefined);
    }
  }

  /** What a for loop iterates: PyTorch's SugaredValue::iter. */
  private iterOf(sv: SugaredValue, range: Range): SugaredValue {
    const iter = (sv as { iter?: (c: Emitter, r: Range) => SugaredValue }).iter;
    if (iter) return iter.call(sv, this, range);
    if (sv.unrolled) return sv;
    return this.error(range, `'${sv.kind}' object is not iterable`);
  }

  private emitUnrolledLoop(
    range: Range,
    emitBody: () => void,
    items: readonly SugaredValue[],
    target: Expr,
    alreadyIndexed = false,
  ): void {
    const previous = this.loopStatus;
    this.loopStatus = 'in unrolled loop';
    try {
      // No new frame: the items may differ in type (a ModuleList of different modules).
      for (let i = 0; i < items.length; i++) {
        if (!alreadyIndexed) this.materializeInt(BigInt(i), range);
        this.emitExprsAssign([target], [items[i]], range);
        emitBody();
      }
    } finally {
      this.loopStatus = previous;
    }
  }

  /**
   * `Loop(max_trip_count)` with its body and a condition block (PyTorch's emitLoopCommon); the
   * SSA conversion inlines the condition and adds the loop-carried values.
   */
  private emitLoopCommon(
    range: Range,
    emitBody: () => void,
    iterable: SugaredValue | undefined,
    target: Expr | undefined,
    cond: Expr | undefined,
  ): void {
    let maxTripCount: Value;
    if (iterable) {
      if (!iterable.len) this.error(range, `'${iterable.kind}' object is not iterable`);
      maxTripCount = iterable.len(this, range);
    } else {
      maxTripCount = this.materializeInt(INT64_MAX, range);
    }
    const node = this.insertNode('prim::Loop', [], [], range);
    const body = node.addBlock();
    const conditionBlock = node.addBlock();
    this.pushFrame(conditionBlock);
    let out: Value;
    if (cond) {
      out = this.graph.withInsertPoint(conditionBlock, () => this.emitToBool(cond.range, this.emitExpr(cond)));
    } else {
      out = this.graph.withInsertPoint(node, () => this.constant(true, range));
    }
    conditionBlock.registerOutput(out);
    this.popFrame();
    node.addInput(maxTripCount);

    const previous = this.loopStatus;
    this.loopStatus = 'in loop';
    try {
      const tripCount = body.addInput(undefined, IntType.get());
      this.pushFrame(body);
      this.graph.withInsertPoint(body, () => {
        if (iterable && target) {
          if (!iterable.getItem) this.error(range, `'${iterable.kind}' object is not subscriptable`);
          const element = this.asValue(iterable.getItem(this, range, tripCount), range);
          this.validateAssignTargets([target], range);
          this.emitExprsAssign([target], [new SimpleValue(element)], range);
        }
        emitBody();
      });
      this.popFrame();
    } finally {
      this.loopStatus = previous;
    }
  }

  // ---- assignments ------------------------------------------------------------------------------

  private validateAssignTargets(targets: readonly Expr[], range: Range): number {
    let normal = 0;
    let starred = 0;
    for (const target of targets) {
      if (target.kind === 'Name' || target.kind === 'Subscript' || target.kind === 'Tuple' || target.kind === 'List') {
        normal++;
      } else if (target.kind === 'Starred') {
        starred++;
      } else if (target.kind === 'Attribute') {
        normal++;
      } else {
        this.error(target.range, 'lhs of assignment must be a variable, subscript, or starred expression');
      }
    }
    if (starred > 1) this.error(range, 'Only one starred expression is allowed on the lhs');
    if (starred > 0 && normal === 0) {
      this.error(
        range,
        'A Starred expression may only appear on the lhs within the presence of another non-starred expression',
      );
    }
    return starred;
  }

  private emitAssignment(stmt: Extract<Stmt, { kind: 'Assign' }>): void {
    const typeComment = stmt.typeComment ? this.parseAssignTypeComment(stmt) : undefined;
    if (stmt.targets.length === 1) {
      this.emitSingleAssignment(stmt.targets[0], stmt.value, typeComment, stmt.range);
      return;
    }
    // `a = b = expr`: the value is emitted once, then assigned from left to right.
    const temp = this.createTempName('$tmp_assign_');
    this.setSugaredVar(stmt.value.range, temp, this.emitSugaredExpr(stmt.value, 1), undefined);
    const name: Expr = { kind: 'Name', id: temp, range: stmt.value.range };
    for (const target of stmt.targets) this.emitSingleAssignment(target, name, undefined, stmt.range);
  }

  private parseAssignTypeComment(stmt: Extract<Stmt, { kind: 'Assign' }>): JitType {
    const text = (stmt.typeComment as string).trim();
    try {
      return this.typeParser.parseType(relocate(ParserRef.parseExpression(text, this.source.file), stmt.range));
    } catch (e) {
      if (e instanceof FrontendError && e.file === this.source.file && e.reason.startsWith('in the type comment'))
        throw e;
      if (e instanceof FrontendError) this.error(stmt.range, e.reason);
      throw e;
    }
  }

  private emitAnnAssignment(stmt: Extract<Stmt, { kind: 'AnnAssign' }>): void {
    if (!stmt.value) this.error(stmt.range, 'For an assignment, expected an expression on the right-hand side');
    if (stmt.target.kind !== 'Name' && stmt.target.kind !== 'Attribute') {
      this.error(stmt.target.range, 'unexpected expression on left-hand side of annotated assignment');
    }
    const type = this.typeParser.parseType(stmt.annotation);
    this.emitSingleAssignment(stmt.target, stmt.value, type, stmt.range);
  }

  private emitSingleAssignment(target: Expr, value: Expr, type: JitType | undefined, range: Range): void {
    switch (target.kind) {
      case 'Name': {
        const rhs = this.emitSugaredExpr(value, 1, type);
        this.setSugaredVar(target.range, target.id, rhs, type);
        return;
      }
      case 'Tuple':
      case 'List':
        this.emitTupleAssign(target, value);
        return;
      case 'Attribute': {
        const object = this.emitSugaredExpr(target.value, 1);
        const rhs = this.asValue(this.emitSugaredExpr(value, 1, type), value.range);
        if (!object.setAttr) this.error(target.range, `cannot set attribute '${target.attr}' of a ${object.kind}`);
        object.setAttr(this, range, target.attr, rhs);
        return;
      }
      case 'Subscript':
        this.emitSubscriptAssign(range, target, { value: this.emitExpr(value), range: value.range });
        return;
      case 'Starred':
        this.error(
          range,
          'A Starred expression may only appear on the lhs within the presence of another non-starred expression',
        );
        return;
      default:
        this.error(target.range, 'unexpected expression on left-hand side of assignment');
        return;
    }
  }

  private emitTupleAssign(target: Extract<Expr, { kind: 'Tuple' | 'List' }>, rhs: Expr): void {
    let binders = target.elts.length;
    const starred = this.validateAssignTargets(target.elts, target.range) > 0;
    if (starred) binders--;
    const output = this.emitSugaredExpr(rhs, binders);
    this.emitTupleAssignValue(target, output, rhs.range, binders, starred);
  }

  private emitTupleAssignValue(
    target: Extract<Expr, { kind: 'Tuple' | 'List' }>,
    value: SugaredValue,
    rhsRange: Range,
    binders: number,
    starred: boolean,
  ): void {
    const asTuple = (value as { asTuple?: (c: Emitter, r: Range, n?: number) => SugaredValue[] }).asTuple;
    if (!asTuple) this.error(rhsRange, `${value.kind} cannot be used as a tuple`);
    const outputs = asTuple.call(value, this, rhsRange, starred ? undefined : binders);
    if (outputs.length < binders) {
      this.error(
        target.range,
        `need ${starred ? 'at least ' : ''}${binders} values to unpack but found only ${outputs.length}`,
      );
    }
    if (outputs.length > binders && !starred) {
      this.error(target.range, `too many values to unpack: need ${binders} but found ${outputs.length}`);
    }
    this.emitExprsAssign(target.elts, outputs, rhsRange, binders);
  }

  /** Assigns each target its value (PyTorch's emitExprsAssign); a starred target takes the extra values as a tuple. */
  private emitExprsAssign(
    targets: readonly Expr[],
    outputs: readonly SugaredValue[],
    rhsRange: Range,
    binders = 1,
  ): void {
    let i = 0;
    for (const target of targets) {
      switch (target.kind) {
        case 'Subscript':
          this.emitSubscriptAssign(rhsRange, target, { value: this.asValue(outputs[i], rhsRange), range: rhsRange });
          i++;
          break;
        case 'Name':
          this.setSugaredVar(target.range, target.id, outputs[i], undefined);
          i++;
          break;
        case 'Attribute': {
          const object = this.emitSugaredExpr(target.value, 1);
          if (!object.setAttr) this.error(target.range, `cannot set attribute '${target.attr}' of a ${object.kind}`);
          object.setAttr(this, rhsRange, target.attr, this.asValue(outputs[i], rhsRange));
          i++;
          break;
        }
        case 'Starred': {
          if (target.value.kind !== 'Name') this.error(target.value.range, 'Cannot pack a tuple into a non-variable');
          const matched = outputs.length - binders;
          const values = outputs.slice(i, i + matched).map((v) => this.asValue(v, target.range));
          const tuple = this.insertNode('prim::TupleConstruct', values, [TupleType.of(values.map((v) => v.type))]);
          this.setVar(target.value.range, target.value.id, tuple.output());
          i += matched;
          break;
        }
        case 'Tuple':
        case 'List': {
          let subBinders = target.elts.length;
          const starred = this.validateAssignTargets(target.elts, target.range) > 0;
          if (starred) subBinders--;
          this.emitTupleAssignValue(target, outputs[i], rhsRange, subBinders, starred);
          i++;
          break;
        }
        default:
          this.error(target.range, 'unexpected expression on the left-hand side');
      }
    }
  }

  private emitAugAssignment(stmt: Extract<Stmt, { kind: 'AugAssign' }>): void {
    const target = stmt.target;
    switch (target.kind) {
      case 'Name': {
        const lhs = this.emitExpr(target);
        const result = this.emitAugAssignmentHelper(stmt, lhs);
        this.setVar(target.range, target.id, result);
        return;
      }
      case 'Attribute': {
        const object = this.emitSugaredExpr(target.value, 1);
        if (!object.attr) this.error(target.range, `${object.kind} has no attributes`);
        const lhs = this.asValue(object.attr(this, target.range, target.attr), target.range);
        const result = this.emitAugAssignmentHelper(stmt, lhs);
        if (!object.setAttr) this.error(target.range, `cannot set attribute '${target.attr}' of a ${object.kind}`);
        object.setAttr(this, stmt.range, target.attr, result);
        return;
      }
      case 'Subscript':
        this.emitAugAssignmentToSubscript(stmt, target);
        return;
      default:
        this.error(target.range, 'unexpected expression on left-hand side of augmented assignment');
    }
  }

  private emitAugAssignmentHelper(stmt: Extract<Stmt, { kind: 'AugAssign' }>, lhs: Value): Value {
    if (lhs.type.kind === 'ClassType') {
      const magic = augmentedAssignmentMagic(stmt.op);
      if (!magic) return this.error(stmt.range, `Unknown augmented assignment: ${stmt.op}`);
      const rhs = this.emitExpr(stmt.value);
      const type = lhs.type as ClassType;
      let method: string;
      if (this.findMethod(type, magic[0])) method = magic[0];
      else if (this.findMethod(type, magic[1])) method = magic[1];
      else {
        return this.error(
          stmt.range,
          `Cannot emit inplace op on ${type.pythonStr()} since it does not define an ${magic[0]} or ${magic[1]} method`,
        );
      }
      return this.callMethod(lhs, method, stmt.range, [{ value: rhs, range: stmt.range }], []);
    }
    const rhs = this.emitExpr(stmt.value);
    const op = this.augOp(stmt, lhs.type);
    return this.builtin(
      op,
      [
        { value: lhs, range: stmt.range },
        { value: rhs, range: stmt.value.range },
      ],
      [],
      stmt.range,
    );
  }

  private augOp(stmt: Extract<Stmt, { kind: 'AugAssign' }>, type: JitType): string {
    const op = augmentedAssignmentOp(stmt.op, type);
    if (!op) return this.error(stmt.range, `Unknown augmented assignment: ${stmt.op}`);
    return op;
  }

  private emitAugAssignmentToSubscript(
    stmt: Extract<Stmt, { kind: 'AugAssign' }>,
    target: Extract<Expr, { kind: 'Subscript' }>,
  ): void {
    const sliceable = this.emitExpr(target.value);
    const indices = subscriptItems(target.slice);
    if (sliceable.type.isSubtypeOf(TensorType.get())) {
      const { sliced, tensorIndices } = this.emitIntAndSliceIndexing(target.range, sliceable, indices);
      const slicedArg: NamedValue = { value: sliced, range: target.range, name: 'self' };
      const rhs: NamedValue = { value: this.emitExpr(stmt.value), range: stmt.value.range };
      const op = this.augOp(stmt, sliceable.type);
      if (tensorIndices.length === 0) {
        this.builtin(op, [rhs], [], stmt.range, slicedArg);
      } else {
        const list = this.insertNode('prim::ListConstruct', tensorIndices, [
          ListType.of(OptionalType.of(TensorType.get())),
        ]).output();
        const indexed = this.insertBuiltin('aten::index', [sliced, list], stmt.range);
        const augmented = this.builtin(op, [rhs], [], stmt.range, { value: indexed, range: stmt.range, name: 'self' });
        this.insertBuiltin('aten::index_put_', [sliced, list, augmented], stmt.range);
      }
      return;
    }
    if (indices.length !== 1) {
      this.error(
        target.slice.range,
        `Sliced expression not yet supported for ${sliceable.type.pythonStr()} augmented assignment. File a bug if you want this`,
      );
    }
    const type = sliceable.type;
    let elementType: JitType | undefined;
    if (type.kind === 'ListType') elementType = (type as ListType).elementType;
    else if (type.kind === 'DictType') elementType = (type as DictType).keyType;
    if (!elementType) this.error(target.range, `${type.pythonStr()} does not support augmented assignment.`);
    const index = this.emitExpr(indices[0]);
    const value = this.emitExpr(stmt.value);
    const item = this.insertBuiltin('aten::__getitem__', [sliceable, index], stmt.range);
    const augmented = this.insertBuiltin(this.augOp(stmt, elementType), [item, value], stmt.range);
    this.insertBuiltin('aten::_set_item', [sliceable, index, augmented], stmt.range);
  }

  /** A builtin call on values, all with the call's range (PyTorch's graph->insert with a range). */
  private insertBuiltin(name: string, values: readonly Value[], range: Range, kwargs: NamedValue[] = []): Value {
    return this.builtin(
      name,
      values.map((value) => ({ value, range })),
      kwargs,
      range,
    );
  }

  /** `x[i] = v`: copy_/index_put_ for tensors, `_set_item` (or `__setitem__`) for lists, dicts and objects. */
  private emitSubscriptAssign(stmtRange: Range, target: Extract<Expr, { kind: 'Subscript' }>, rhs: NamedValue): void {
    const sliceable = this.emitExpr(target.value);
    const indices = subscriptItems(target.slice);
    if (sliceable.type.isSubtypeOf(TensorType.get())) {
      const { sliced, tensorIndices } = this.emitIntAndSliceIndexing(target.range, sliceable, indices);
      const slicedArg: NamedValue = { value: sliced, range: target.range };
      const converted = this.emitValueToTensor(rhs, slicedArg);
      if (tensorIndices.length === 0) {
        this.builtin('aten::copy_', [slicedArg, converted], [], stmtRange);
      } else {
        const list = this.insertNode('prim::ListConstruct', tensorIndices, [
          ListType.of(OptionalType.of(TensorType.get())),
        ]).output();
        this.builtin('aten::index_put_', [slicedArg, { value: list, range: stmtRange }, converted], [], stmtRange);
      }
      return;
    }
    if (indices.length !== 1 || indices[0].kind === 'Slice') {
      this.error(
        target.slice.range,
        'Sliced expression not yet supported for subscripted assignment. File a bug if you want this',
      );
    }
    if (sliceable.type.kind === 'TupleType') {
      this.error(target.range, `${sliceable.type.pythonStr()} does not support subscripted assignment`);
    }
    const args: NamedValue[] = [
      { value: sliceable, range: target.value.range, name: 'self' },
      { value: this.emitExpr(indices[0]), range: target.slice.range, name: 'idx' },
      rhs,
    ];
    const setItem = new MagicMethod('__setitem__', new BuiltinFunctionValue('aten::_set_item'));
    setItem.call(this, stmtRange, args, [], 0);
  }

  /** `t[...] = 1`: numbers become tensors of t's dtype and device (PyTorch's emitValueToTensor). */
  private emitValueToTensor(value: NamedValue, matchTypeOf: NamedValue): NamedValue {
    const kind = value.value.type.kind;
    if (kind === 'NumberType' || kind === 'IntType' || kind === 'BoolType' || kind === 'FloatType') {
      const dtype = this.quietBuiltin('prim::dtype', [matchTypeOf], [], matchTypeOf.range);
      const device = this.quietBuiltin('prim::device', [matchTypeOf], [], matchTypeOf.range);
      const converted = this.quietBuiltin(
        'aten::tensor',
        [value],
        [
          { value: dtype, range: value.range, name: 'dtype' },
          { value: device, range: value.range, name: 'device' },
        ],
        value.range,
      );
      return { value: converted, range: value.range };
    }
    return value;
  }

  // ---- expressions ------------------------------------------------------------------------------

  private emitExpr(expr: Expr, typeHint?: JitType): Value {
    let value = this.asValue(this.emitSugaredExpr(expr, 1, typeHint), expr.range);
    // Any is the one type values do not unify to by themselves: `x: Any = 1 if c else "s"`.
    if (typeHint?.kind === 'AnyType' && value.type.kind !== 'AnyType') value = this.uncheckedCast(value, typeHint);
    return value;
  }

  private emitSugaredExpr(expr: Expr, binders: number, typeHint?: JitType): SugaredValue {
    this.enterNested(expr.range);
    try {
      return this.emitSugaredExprAt(expr, binders, typeHint);
    } finally {
      this.nesting--;
    }
  }

  private emitSugaredExprAt(expr: Expr, binders: number, typeHint?: JitType): SugaredValue {
    switch (expr.kind) {
      case 'Name':
        return this.getSugaredVar(expr.id, expr.range);
      case 'Attribute': {
        const special = this.specialDotted(expr);
        if (special) return special;
        const sv = this.emitSugaredExpr(expr.value, 1);
        if (!sv.attr) return this.error(expr.range, `${sv.kind} has no attribute '${expr.attr}'`);
        return sv.attr(this, expr.range, expr.attr);
      }
      case 'Call':
        return this.emitApplyExpr(expr, binders, typeHint);
      case 'Subscript':
        return this.emitSubscript(expr, typeHint);
      default:
        return new SimpleValue(this.emitSimpleExpr(expr, typeHint));
    }
  }

  /**
   * `torch.jit.annotate`, `torch.jit.fork`, `torch.jit.is_scripting`... and `torch.no_grad`:
   * the dotted names PyTorch's resolver maps to special forms, when `torch` is not a local.
   */
  private specialDotted(expr: Expr): SugaredValue | undefined {
    const name = dottedName(expr);
    if (!name?.startsWith('torch.') || this.env.isDefinedInAnyFrame('torch')) return undefined;
    switch (name) {
      case 'torch._jit_internal.is_scripting':
        return new BuiltinFunctionValue('aten::is_scripting');
      case 'torch.no_grad':
      case 'torch.enable_grad':
      case 'torch.autograd.no_grad':
      case 'torch.autograd.enable_grad': {
        const type = this.unit.builtinClass?.(name.slice(name.lastIndexOf('.') + 1));
        return type ? new ClassValue(type) : undefined;
      }
      default:
        return torchJitForm(name);
    }
  }

  private checkApplyNumInputs(call: Extract<Expr, { kind: 'Call' }>, name: string, expected: number): void {
    if (call.args.length !== expected) {
      this.error(call.range, `${name} expected exactly ${expected} arguments but found ${call.args.length}`);
    }
    if (call.keywords.length > 0) this.error(call.range, `${name} takes no keyword arguments`);
  }

  private emitApplyExpr(call: Extract<Expr, { kind: 'Call' }>, binders: number, typeHint?: JitType): SugaredValue {
    // `len` of a sugared iterable (range(...), a module list, a tuple being unrolled) is its length.
    if (
      call.func.kind === 'Name' &&
      call.func.id === 'len' &&
      call.args.length === 1 &&
      call.keywords.length === 0 &&
      !this.env.isDefinedInAnyFrame('len')
    ) {
      const arg = this.emitSugaredExpr(call.args[0], 1);
      if (!asSimple(arg) && arg.len) return new SimpleValue(arg.len(this, call.range));
      if (!asSimple(arg) && arg.unrolled)
        return new SimpleValue(this.constant(arg.unrolled(this, call.range).length, call.range));
      const len = this.emitSugaredExpr(call.func, 1);
      if (!len.call) return this.error(call.func.range, `cannot call a ${len.kind}`);
      return len.call(
        this,
        call.func.range,
        [{ value: this.asValue(arg, call.args[0].range), range: call.args[0].range }],
        [],
        binders,
      );
    }
    const sv = this.emitSugaredExpr(call.func, 1);
    const range = call.func.range;
    if (sv instanceof SpecialFormValue) return this.emitApplySpecialForm(sv.form, call, typeHint, sv);
    const args = this.getNamedValues(call.args, true);
    const kwargs = this.emitAttributes(call.keywords);
    if (!sv.call) return this.error(range, `cannot call a ${sv.kind}`);
    return sv.call(this, range, args, kwargs, binders);
  }

  private getNamedValues(exprs: readonly Expr[], maybeUnpack: boolean): NamedValue[] {
    const values: NamedValue[] = [];
    for (const expr of exprs) {
      if (maybeUnpack && expr.kind === 'Starred') {
        const sv = this.emitSugaredExpr(expr.value, 1);
        const asTuple = (sv as { asTuple?: (c: Emitter, r: Range, n?: number) => SugaredValue[] }).asTuple;
        if (!asTuple) this.error(expr.range, `${sv.kind} cannot be used as a tuple`);
        for (const entry of asTuple.call(sv, this, expr.range)) {
          values.push({ value: this.asValue(entry, expr.range), range: expr.range });
        }
      } else {
        values.push({ value: this.emitExpr(expr), range: expr.range });
      }
    }
    return values;
  }

  private emitAttributes(keywords: readonly Keyword[]): NamedValue[] {
    return keywords.map((k) => {
      if (k.name === null) this.error(k.range, '**kwargs are not supported in TorchScript calls');
      return { value: this.emitExpr(k.value), range: k.range, name: k.name };
    });
  }

  private emitApplySpecialForm(
    form: string,
    call: Extract<Expr, { kind: 'Call' }>,
    typeHint?: JitType,
    special?: SpecialFormValue,
  ): SugaredValue {
    const range = call.range;
    switch (form) {
      case 'prim::fork': {
        if (call.args.length < 1) this.error(range, 'Expected at least one argument to fork()');
        const forked = this.emitSugaredExpr(call.args[0], 1);
        return this.emitForkExpr(range, forked, call.args.slice(1), call.keywords);
      }
      case 'prim::annotate': {
        this.checkApplyNumInputs(call, 'annotate', 2);
        const type = this.typeParser.parseType(call.args[0]);
        let value = tryConvertToType(this, range, type, this.emitExpr(call.args[1], type), true);
        if (!value.type.isSubtypeOf(type)) {
          this.error(
            call.args[1].range,
            `expected an expression of type ${type.pythonStr()} but found ${value.type.pythonStr()}`,
          );
        }
        // `annotate(Optional[T], None)`: a None that remembers T.
        if (type.kind === 'OptionalType' && value.type.isSubtypeOf(NoneType.get())) {
          value = this.insertNode('prim::Constant', [], [type]).output();
        }
        return new SimpleValue(value);
      }
      case 'prim::unchecked_cast': {
        this.checkApplyNumInputs(call, 'unchecked_cast', 2);
        const type = this.typeParser.parseType(call.args[0]);
        let value = this.emitExpr(call.args[1]);
        // Archive code writes the casts PyTorch inserted: no cast of a cast to the same type.
        if (value.node.kind !== 'prim::unchecked_cast' || !value.type.equals(type))
          value = this.uncheckedCast(value, type);
        return new SimpleValue(value);
      }
      case 'prim::GetAttr': {
        this.checkApplyNumInputs(call, 'getattr', 2);
        const object = this.emitSugaredExpr(call.args[0], 1);
        const selector = call.args[1];
        if (selector.kind !== 'Str') this.error(range, "getattr's second argument must be a string literal");
        if (!object.attr) return this.error(range, `${object.kind} has no attributes`);
        return object.attr(this, range, selector.value);
      }
      case 'prim::Uninitialized': {
        this.checkApplyNumInputs(call, 'uninitialized', 1);
        const type = this.typeParser.parseType(call.args[0]);
        return new SimpleValue(this.insertNode('prim::Uninitialized', [], [type], range).output());
      }
      case 'prim::TupleConstruct': {
        this.checkApplyNumInputs(call, 'tuple', 1);
        const arg = this.emitSugaredExpr(call.args[0], 1);
        const asTuple = (arg as { asTuple?: (c: Emitter, r: Range, n?: number) => SugaredValue[] }).asTuple;
        if (!asTuple) return this.error(range, `${arg.kind} cannot be used as a tuple`);
        const values = asTuple.call(arg, this, range).map((sv) => this.asValue(sv, range));
        return new SimpleValue(
          this.insertNode('prim::TupleConstruct', values, [TupleType.of(values.map((v) => v.type))]).output(),
        );
      }
      case 'prim::isinstance': {
        this.checkApplyNumInputs(call, 'isinstance', 2);
        return new SimpleValue(this.emitIsInstance(call.args[0], call.args[1]).value);
      }
      case 'prim::HasAttr': {
        this.checkApplyNumInputs(call, 'hasattr', 2);
        return new SimpleValue(this.emitHasAttr(call.args[0], call.args[1]).value);
      }
      case 'prim::CreateObject': {
        if (call.args.length !== 1) this.error(range, 'Only one argument to __new__ allowed');
        const arg = this.emitSugaredExpr(call.args[0], 1);
        if (!(arg instanceof ClassValue)) {
          return this.error(range, `Expected class value as argument to __new__, got ${arg.kind} instead`);
        }
        return new SimpleValue(this.insertNode('prim::CreateObject', [], [arg.type]).output());
      }
      case 'prim::range': {
        const values = this.getNamedValues(call.args, true).map((v) => v.value);
        return new RangeValue(this, range, values);
      }
      case 'prim::enumerate': {
        const n = call.args.length;
        if (n === 0) this.error(range, 'enumerate expected at least 1 arguments, got 0');
        if (n > 2) this.error(range, `enumerate expected at most 2 arguments, got ${n}`);
        const rangeInputs: Value[] = [];
        if (n === 2) rangeInputs.push(this.asValue(this.emitSugaredExpr(call.args[1], 1), range));
        rangeInputs.push(this.materializeInt(INT64_MAX, range));
        const iterable = this.iterOf(this.emitSugaredExpr(call.args[0], 1), range);
        const staticLength = (iterable as { staticLen?: () => number | undefined }).staticLen?.();
        const tree = new IterableTree();
        tree.addChild(this, range, new RangeValue(this, range, rangeInputs, staticLength));
        tree.addChild(this, range, iterable);
        return tree;
      }
      case 'prim::zip': {
        if (call.args.length === 0) this.error(range, 'zip expected at least 1 arguments, got 0');
        const tree = new IterableTree();
        for (const arg of call.args) tree.addChild(this, range, this.iterOf(this.emitSugaredExpr(arg, 1), range));
        return tree;
      }
      case 'prim::tolist': {
        // `x.tolist()` needs the result's type: `l: List[List[float]] = x.tolist()`.
        const self = special?.self;
        if (!typeHint) this.error(range, 'Expected type hint for result of tolist()');
        if (!self) return this.error(range, 'tolist() must be called on a tensor');
        let dim = 0;
        let element: JitType = typeHint;
        while (element.kind === 'ListType') {
          element = (element as ListType).elementType;
          dim++;
        }
        const code = ['IntType', 'FloatType', 'BoolType', 'ComplexType'].indexOf(element.kind);
        if (dim === 0 || code < 0) {
          this.error(
            range,
            `Output annotation element type for tolist() must be int, float, bool or complex, and a list, got ${typeHint.pythonStr()}`,
          );
        }
        const dimValue = this.graph.insertConstant(dim);
        const typeValue = this.graph.insertConstant(code);
        return new SimpleValue(this.insertNode('prim::tolist', [self.value, dimValue, typeValue], [typeHint]).output());
      }
      case 'prim::list':
        return this.emitListCall(call, typeHint);
      case 'prim::dict':
        return this.emitDictCall(call, typeHint);
      default:
        return this.error(range, `unknown special form ${form}`);
    }
  }

  private emitListCall(call: Extract<Expr, { kind: 'Call' }>, typeHint?: JitType): SugaredValue {
    const range = call.range;
    if (call.args.length === 0 && call.keywords.length === 0) {
      const type = typeHint ?? ListType.of(TensorType.get());
      if (type.kind !== 'ListType')
        this.error(range, `Expected list type annotation for list(), found ${type.pythonStr()}`);
      return new SimpleValue(this.insertNode('prim::ListConstruct', [], [type]).output());
    }
    this.checkApplyNumInputs(call, 'list', 1);
    const input = this.emitSugaredExpr(call.args[0], 1);
    const simple = asSimple(input);
    if (simple && (simple.type.kind === 'ListType' || simple.type.kind === 'StringType')) {
      return new SimpleValue(this.builtin('aten::list', [{ value: simple, range }], [], range));
    }
    // list(iterable) is [elem for elem in iterable].
    const iterName = this.createTempName('$_iter');
    this.setSugaredVar(range, iterName, input, undefined);
    const elemName = this.createTempName('$_elem');
    const elem: Expr = { kind: 'Name', id: elemName, range };
    return new SimpleValue(
      this.emitListComprehension(
        {
          kind: 'ListComp',
          elt: elem,
          generators: [{ target: elem, iter: { kind: 'Name', id: iterName, range }, ifs: [] }],
          range,
        },
        typeHint,
      ),
    );
  }

  /**
   * `dict(...)` as PyTorch desugars it: a dict argument is copied (aten::dict), a dict literal and
   * keyword arguments become a list of (key, value) tuples, and any iterable of pairs becomes
   * `{k: v for k, v in iterable}`.
   */
  private emitDictCall(call: Extract<Expr, { kind: 'Call' }>, typeHint?: JitType): SugaredValue {
    const range = call.range;
    let args = call.args;
    let keywords = call.keywords;
    const addKwargs = (dict: Value): void => {
      for (const k of keywords) {
        if (k.name === null) this.error(k.range, '**kwargs are not supported in TorchScript calls');
        const key = this.constant(k.name, k.range);
        const value = this.emitExpr(k.value);
        this.builtin(
          'aten::_set_item',
          [
            { value: dict, range, name: 'self' },
            { value: key, range: k.range },
            { value, range: k.range },
          ],
          [],
          k.range,
        );
      }
    };
    const first = args[0];
    const emptyContainer =
      (args.length === 0 && keywords.length > 0) ||
      (first?.kind === 'Dict' && first.keys.length === 0) ||
      (first?.kind === 'List' && first.elts.length === 0);
    if (first) {
      const input = asSimple(this.emitSugaredExpr(first, 1));
      if (input?.type.kind === 'DictType') {
        const dict = this.builtin('aten::dict', [{ value: input, range }], [], range);
        addKwargs(dict);
        return new SimpleValue(dict);
      }
    }
    if (emptyContainer) args = [];
    if (args.length === 0 && keywords.length === 0) {
      const type = typeHint ?? DictType.of(StringType.get(), TensorType.get());
      if (type.kind !== 'DictType') {
        this.error(range, `Expected a type annotation of Dict for dict constructor dict(), got ${type.pythonStr()}`);
      }
      return new SimpleValue(this.insertNode('prim::DictConstruct', [], [type]).output());
    }
    if (args[0]?.kind === 'DictComp') {
      const dict = this.emitDictComprehension(args[0], typeHint);
      addKwargs(dict);
      return new SimpleValue(dict);
    }
    if (args[0]?.kind === 'Dict') {
      const literal = args[0];
      const pairs: Expr[] = literal.keys.map((k, i) => ({ kind: 'Tuple', elts: [k, literal.values[i]], range }));
      args = [{ kind: 'List', elts: pairs, range }, ...args.slice(1)];
    }
    if (keywords.length > 0 && (args.length === 0 || args[0].kind === 'List')) {
      const pairs: Expr[] = args.length > 0 ? [...(args[0] as Extract<Expr, { kind: 'List' }>).elts] : [];
      for (const k of keywords) {
        if (k.name === null) this.error(k.range, '**kwargs are not supported in TorchScript calls');
        pairs.push({ kind: 'Tuple', elts: [{ kind: 'Str', value: k.name, range }, k.value], range });
      }
      args = [{ kind: 'List', elts: pairs, range }];
      keywords = [];
    }
    if (args.length !== 1) this.error(range, `dict expected exactly 1 arguments but found ${args.length}`);
    const input = this.emitSugaredExpr(args[0], 1);
    const iterName = this.createTempName('$_iter');
    const keyName = this.createTempName('$_key');
    const valueName = this.createTempName('$_value');
    const key: Expr = { kind: 'Name', id: keyName, range };
    const value: Expr = { kind: 'Name', id: valueName, range };
    this.setSugaredVar(range, iterName, input, undefined);
    const dict = this.emitDictComprehension(
      {
        kind: 'DictComp',
        key,
        value,
        generators: [
          {
            target: { kind: 'Tuple', elts: [key, value], range },
            iter: { kind: 'Name', id: iterName, range },
            ifs: [],
          },
        ],
        range,
      },
      typeHint,
    );
    addKwargs(dict);
    return new SimpleValue(dict);
  }

  /** `torch.jit.fork(fn, *args)`: the call is emitted in a closure that becomes the fork's subgraph. */
  private emitForkExpr(
    range: Range,
    forked: SugaredValue,
    argExprs: readonly Expr[],
    keywords: readonly Keyword[],
  ): SugaredValue {
    if (forked instanceof ClosureValue) {
      // The closure's body is the forked code: its return value is the future's value.
      const body = forked.closure.node.blocks[0];
      const fork = this.insertNode('prim::forkClosure', [forked.closure], [], range);
      fork.addOutput(FutureType.of(body.outputs[0].type));
      return new SimpleValue(fork.output());
    }
    // The arguments are evaluated before the fork, outside the closure that makes the call (the
    // closure captures them, so they become inputs of the fork), as in PyTorch.
    const args = this.getNamedValues(argExprs, true);
    const kwargs = this.emitAttributes(keywords);
    const node = this.insertNode('prim::forkClosure', [], [], range);
    let outType: JitType = NoneType.get();
    const block = node.addBlock();
    this.inClosureBlock(block, () => {
      if (!forked.call) this.error(range, `cannot call a ${forked.kind}`);
      const result = this.asValue(forked.call(this, range, args, kwargs, 1), range);
      block.registerOutput(result);
      outType = result.type;
    });
    node.addOutput(FutureType.of(outType));
    return new SimpleValue(node.output());
  }

  private emitSimpleExpr(expr: Expr, typeHint?: JitType): Value {
    switch (expr.kind) {
      case 'BinOp':
        return this.emitBinaryOp(expr);
      case 'Compare':
        return this.emitCompare(expr);
      case 'BoolOp':
        return this.emitCondExpr(expr).value;
      case 'UnaryOp':
        return this.emitUnaryOp(expr);
      case 'Number':
        return this.emitNumber(expr);
      case 'Constant':
        if (expr.value === 'Ellipsis') return this.error(expr.range, 'Ellipsis (...) can only be used in subscripts');
        return this.constant(expr.value, expr.range);
      case 'Str':
        return this.constant(expr.value, expr.range);
      case 'FString':
        return this.emitFString(expr);
      case 'IfExp':
        return this.emitTernaryIf(expr, typeHint);
      case 'List':
        return this.emitListLiteral(expr, typeHint);
      case 'Tuple': {
        const values = this.getNamedValues(expr.elts, true).map((v) => v.value);
        return this.insertNode('prim::TupleConstruct', values, [TupleType.of(values.map((v) => v.type))]).output();
      }
      case 'Dict':
        return this.emitDictLiteral(expr, typeHint);
      case 'ListComp':
        return this.emitListComprehension(expr, typeHint);
      case 'DictComp':
        return this.emitDictComprehension(expr, typeHint);
      case 'Starred':
        return this.error(expr.range, 'Unexpected starred expansion. File a bug report');
      case 'Slice':
        return this.error(expr.range, 'slices can only be used in subscripts');
      case 'Set':
      case 'SetComp':
        return this.error(expr.range, 'sets are not supported in TorchScript');
      case 'GeneratorExp':
        return this.error(
          expr.range,
          'generator expressions are not supported in TorchScript; use a list comprehension',
        );
      default:
        return this.error(expr.range, `Cannot emit expr for: ${expr.kind}`);
    }
  }

  private emitNumber(expr: Extract<Expr, { kind: 'Number' }>): Value {
    const value = numberLiteralValue(expr.text, expr.numberKind);
    if (!value) return this.error(expr.range, `Integer literal ${expr.text} is out of the range of int64`);
    if (value.kind === 'int') return this.materializeInt(BigInt(value.value), expr.range);
    if (value.kind === 'float') {
      const key = Object.is(value.value, -0) ? '-0' : String(value.value);
      return this.materialize(this.fpConstants, key, value, expr.range);
    }
    return this.materialize(this.fpConstants, `complex:${value.re}:${value.im}`, value, expr.range);
  }

  /**
   * Number literals become one constant per value at the top of the graph (PyTorch's
   * materializeConstant), so that a literal used in a loop is not re-created in it.
   */
  private materializeInt(value: bigint, range: Range): Value {
    const ivalue = {
      kind: 'int' as const,
      value:
        value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value,
    };
    return this.materialize(this.integralConstants, String(value), ivalue, range);
  }

  private materialize(map: Map<string, Value>, key: string, value: IValue, range: Range): Value {
    const existing = map.get(key);
    if (existing && !existing.node.isDestroyed) return existing;
    const constant = this.graph.withInsertPoint(this.graph.block.first, () => this.constant(value, range));
    map.set(key, constant);
    return constant;
  }

  private emitBinaryOp(expr: Extract<Expr, { kind: 'BinOp' }>): Value {
    const range = fromStartOf(expr.left, expr.range);
    if (expr.op === '//' || expr.op === '@') {
      const args = this.getNamedValues([expr.left, expr.right], false);
      return this.builtin(expr.op === '//' ? 'aten::floordiv' : 'aten::matmul', args, [], range);
    }
    if (expr.op === '%') {
      const lhs = this.emitExpr(expr.left);
      if (lhs.type.kind === 'StringType') {
        const rhs = this.emitExpr(expr.right);
        return this.insertNode('aten::percentFormat', [lhs, rhs], [StringType.get()], range).output();
      }
      const rhs = this.emitExpr(expr.right);
      return this.callOperator(range, 'aten::remainder', '__mod__', [
        { value: lhs, range: expr.left.range },
        { value: rhs, range: expr.right.range },
      ]);
    }
    const args = this.getNamedValues([expr.left, expr.right], false);
    // Tuples concatenate here: aten::add cannot say how long the result is.
    if (expr.op === '+' && args[0].value.type.kind === 'TupleType' && args[1].value.type.kind === 'TupleType') {
      const items = [...unpackTuple(this, args[0].value), ...unpackTuple(this, args[1].value)];
      return this.insertNode('prim::TupleConstruct', items, [TupleType.of(items.map((v) => v.type))]).output();
    }
    return this.callOperator(range, binaryOperatorOp(expr.op), binaryOperatorMagic(expr.op), args);
  }

  private callOperator(range: Range, symbol: string, magic: string | undefined, args: NamedValue[]): Value {
    const base = new BuiltinFunctionValue(symbol);
    const callee = magic ? new MagicMethod(magic, base) : base;
    return this.asValue(callee.call(this, range, args, [], 0), range);
  }

  private emitCompare(expr: Extract<Expr, { kind: 'Compare' }>): Value {
    // `a < b < c` is `a < b and b < c`, with b emitted once.
    let result: Value | undefined;
    let leftExpr = expr.left;
    let left = this.emitExpr(leftExpr);
    for (let i = 0; i < expr.ops.length; i++) {
      const op = expr.ops[i];
      const rightExpr = expr.comparators[i];
      const range = {
        ...expr.range,
        start: leftExpr.range.start,
        line: leftExpr.range.line,
        col: leftExpr.range.col,
        end: rightExpr.range.end,
      };
      let value: Value;
      if (expr.ops.length === 1 && (op === 'is' || op === 'is not')) {
        return this.emitIsCondition(expr.range, expr.left, rightExpr, op === 'is').value;
      }
      const emitOne = (): Value => {
        const right = this.emitExpr(rightExpr);
        const c = this.emitCompareOp(
          expr.ops.length === 1 ? fromStartOf(expr.left, expr.range) : range,
          op,
          left,
          right,
          leftExpr,
          rightExpr,
        );
        left = right;
        return c;
      };
      if (result === undefined) {
        value = emitOne();
      } else {
        const previous = result;
        value = this.emitIfExpr(
          expr.range,
          { value: previous, refinements: new RefinementSet(), staticIf: undefined },
          emitOne,
          () => this.constant(false, expr.range),
        );
      }
      result = value;
      leftExpr = rightExpr;
    }
    return result as Value;
  }

  private emitCompareOp(
    range: Range,
    op: CompareOperator,
    left: Value,
    right: Value,
    leftExpr: Expr,
    rightExpr: Expr,
  ): Value {
    if (op === 'is' || op === 'is not') {
      return this.builtin(
        op === 'is' ? 'aten::__is__' : 'aten::__isnot__',
        [
          { value: left, range: leftExpr.range },
          { value: right, range: rightExpr.range },
        ],
        [],
        range,
      );
    }
    const entry = compareOperatorOp(op);
    let args: NamedValue[] = [
      { value: left, range: leftExpr.range },
      { value: right, range: rightExpr.range },
    ];
    if (entry.swap) args = [args[1], args[0]];
    const value = this.callOperator(range, entry.op, entry.magic, args);
    if (entry.negate) return this.builtin('aten::__not__', [{ value, range }], [], range);
    return value;
  }

  private emitUnaryOp(expr: Extract<Expr, { kind: 'UnaryOp' }>): Value {
    if (expr.op === 'not') return this.emitCondExpr(expr).value;
    if (expr.op === '+') {
      const value = this.emitExpr(expr.operand);
      if (value.type.kind === 'IntType' || value.type.kind === 'FloatType') return value;
      return this.error(expr.range, 'unary + is only supported on numbers');
    }
    const [symbol, magic] = expr.op === '-' ? ['aten::neg', '__neg__'] : ['aten::bitwise_not', '__invert__'];
    // `-1` is a constant, as PyTorch folds a negated literal.
    // PyTorch's folded constant has the operand's range.
    if (expr.op === '-' && expr.operand.kind === 'Number') {
      const at = expr.operand.range;
      const literal = numberLiteralValue(expr.operand.text, expr.operand.numberKind);
      // PyTorch's parser folds the sign into the literal, which is then materialized like any other.
      if (literal?.kind === 'int') return this.materializeInt(BigInt(negate(literal.value)), at);
      if (literal?.kind === 'float') {
        const negated = -literal.value;
        const key = Object.is(negated, -0) ? '-0' : String(negated);
        return this.materialize(this.fpConstants, key, { kind: 'float', value: negated }, at);
      }
      if (!literal && expr.operand.numberKind === 'int' && BigInt(expr.operand.text.replace(/_/g, '')) === 2n ** 63n) {
        return this.materializeInt(-(2n ** 63n), at);
      }
    }
    const args = this.getNamedValues([expr.operand], false);
    const value = this.callOperator(expr.range, symbol, magic, args);
    // A negated constant folds to a constant (PyTorch's emitUnaryOp runs the op on constant inputs).
    if (value.node.kind === symbol && value.node.inputs.every((v) => v.node.kind === 'prim::Constant')) {
      const folded = foldUnary(symbol, value.node.inputs[0]);
      if (folded !== undefined) {
        value.node.destroy();
        return this.constant(folded, expr.operand.range);
      }
    }
    return value;
  }

  private emitTernaryIf(expr: Extract<Expr, { kind: 'IfExp' }>, typeHint?: JitType): Value {
    const cond = this.emitCondExpr(expr.test);
    if (cond.staticIf !== undefined) return this.emitExpr(cond.staticIf ? expr.body : expr.orelse, typeHint);
    return this.emitIfExpr(
      expr.range,
      cond,
      () => this.emitExpr(expr.body, typeHint),
      () => this.emitExpr(expr.orelse, typeHint),
    );
  }

  /** f-strings are `"{}..{}".format(...)` (aten::format), each field formatted with its conversion and spec. */
  private emitFString(expr: Extract<Expr, { kind: 'FString' }>): Value {
    let format = '';
    const args: NamedValue[] = [];
    for (const part of expr.parts) {
      if (part.kind === 'text') {
        format += part.value.replace(/\{/g, '{{').replace(/\}/g, '}}');
        continue;
      }
      if (part.formatSpec)
        this.error(expr.range, 'format specifications in f-strings are not supported in TorchScript');
      if (part.conversion && part.conversion !== 's') {
        this.error(expr.range, `the !${part.conversion} conversion in f-strings is not supported in TorchScript`);
      }
      format += '{}';
      const inner = this.parseFStringExpr(part.source, part.offset, expr.range);
      args.push({ value: this.emitExpr(inner), range: inner.range });
    }
    const formatValue = this.constant(format, expr.range);
    return this.builtin('aten::format', [{ value: formatValue, range: expr.range }, ...args], [], expr.range);
  }

  private parseFStringExpr(text: string, offset: number, range: Range): Expr {
    try {
      return shiftExpr(ParserRef.parseExpression(text, this.source.file), offset, this.source.source);
    } catch (e) {
      if (e instanceof FrontendError) this.error(range, e.reason);
      throw e;
    }
  }

  private emitListLiteral(expr: Extract<Expr, { kind: 'List' }>, typeHint?: JitType): Value {
    const values = this.getNamedValues(expr.elts, true).map((v) => v.value);
    // An unannotated `[]` may match any list type in a call; assigned to a variable it is a List[Tensor].
    if (values.length === 0 && !typeHint) {
      return this.insertNode('prim::EmptyListLiteral', [], [ListType.of(TensorType.get())]).output();
    }
    let elementType: JitType = TensorType.get();
    let refined = typeHint;
    const unionHint = refined?.kind === 'UnionType' ? refined : undefined;
    let candidates: JitType[] = [];
    if (refined) {
      const r = this.refineContainerHint(
        refined,
        typeHint as JitType,
        (t) => t.kind === 'ListType',
        'List',
        expr.range,
      );
      refined = r.refined;
      candidates = r.candidates;
      if (candidates.length === 0 && refined.kind === 'ListType') elementType = (refined as ListType).elementType;
      if (candidates.length > 0 && values.length === 0) {
        this.error(
          expr.range,
          `Cannot assign an empty list to a variable annotated to be type ${refined.pythonStr()} because there are multiple possible List type candidates in the Union annotation`,
        );
      }
    }
    if (values.length > 0) {
      const hint = refined?.kind === 'ListType' ? (refined as ListType).elementType : undefined;
      let unified = values[0].type;
      for (let i = 1; i < values.length; i++) unified = unifyTypes(unified, values[i].type, true, hint) as JitType;
      if (candidates.length === 0 && refined && !unified.isSubtypeOf(elementType)) {
        this.error(
          expr.range,
          `List type annotation \`${refined.pythonStr()}\` did not match the types of the given list elements, which were unified to ${unified.pythonStr()}`,
        );
      }
      if (candidates.length > 0) {
        let greatest: JitType | undefined;
        for (const candidate of candidates) {
          const candidateElement = (candidate as ListType).elementType;
          if (unified.isSubtypeOf(candidateElement)) {
            greatest = greatest ? (unifyTypes(greatest, candidateElement) as JitType) : candidateElement;
          }
        }
        if (!greatest) {
          this.error(
            expr.range,
            `Union type annotation \`${(typeHint as JitType).pythonStr()}\` can hold ${describeCandidates(candidates)}, but none of those types match the types of the given list elements, which were unified to ${unified.pythonStr()}`,
          );
        }
        elementType = greatest;
      } else if (!refined) {
        elementType = unified;
      }
    }
    let result = this.insertNode('prim::ListConstruct', values, [ListType.of(elementType)]).output();
    if (unionHint) result = this.insertNode('prim::unchecked_cast', [result], [unionHint]).output();
    return result;
  }

  /** PyTorch's refineAndSetUnionTypeHintOrPopulateCandidatesVector for list and dict literals and comprehensions. */
  private refineContainerHint(
    refinedHint: JitType,
    typeHint: JitType,
    match: (t: JitType) => boolean,
    what: string,
    range: Range,
    isDictConstructor = false,
  ): { refined: JitType; candidates: JitType[] } {
    let refined = refinedHint;
    let candidates: JitType[] = [];
    if (refined.kind === 'UnionType') {
      const matching = (refined as UnionType).types.filter(match);
      if (!isDictConstructor && matching.length === 0) {
        this.error(
          range,
          `Expected an Union type annotation with an inner ${what} type, but got ${refined.pythonStr()}`,
        );
      } else if (matching.length === 1) {
        refined = matching[0];
      } else {
        candidates = matching;
      }
    } else if (refined.kind === 'OptionalType') {
      refined = (refined as OptionalType).elementType;
    }
    if (!isDictConstructor && candidates.length === 0 && !match(refined) && refined.kind !== 'AnyType') {
      this.error(range, `Expected an annotation of type ${what} but got ${typeHint.pythonStr()}`);
    }
    return { refined, candidates };
  }

  private emitDictLiteral(expr: Extract<Expr, { kind: 'Dict' }>, typeHint?: JitType): Value {
    const keys: Value[] = [];
    const values: Value[] = [];
    let valueType: JitType | undefined;
    for (let i = 0; i < expr.keys.length; i++) {
      keys.push(this.emitExpr(expr.keys[i]));
      values.push(this.emitExpr(expr.values[i]));
      if (i === 0) {
        valueType = values[0].type;
      } else {
        if (keys[i - 1].type.kind !== keys[i].type.kind) {
          this.error(
            expr.keys[i].range,
            `Dict keys must contain only a single type. Expected: ${keys[i - 1].type.pythonStr()} but found ${keys[i].type.pythonStr()} instead`,
          );
        }
        valueType = unifyTypes(valueType as JitType, values[i].type, true) as JitType;
      }
    }
    let refined: JitType | undefined = typeHint;
    const unionHint = typeHint?.kind === 'UnionType' ? typeHint : undefined;
    let candidates: JitType[] = [];
    const defaultType = (): JitType => {
      if (keys.length === 0) return DictType.of(StringType.get(), TensorType.get());
      if (!DictType.isValidKeyType(keys[0].type)) this.dictKeyError(expr.range, keys[0].type);
      return DictType.of(keys[0].type, valueType as JitType);
    };
    if (typeHint) {
      const r = this.refineContainerHint(typeHint, typeHint, (t) => t.kind === 'DictType', 'Dict', expr.range);
      refined = r.refined;
      candidates = r.candidates;
      if (candidates.length === 0 && refined.kind === 'AnyType') refined = defaultType();
      if (candidates.length > 0 && values.length === 0) {
        this.error(
          expr.range,
          `Cannot assign an empty dict to a variable annotated to be type ${typeHint.pythonStr()} because there are multiple possible Dict type candidates in the Union annotation`,
        );
      }
    } else {
      refined = defaultType();
    }
    if (values.length > 0) {
      if (candidates.length > 0) {
        let chosen: DictType | undefined;
        for (const candidate of candidates as DictType[]) {
          if (keys[0].type.isSubtypeOf(candidate.keyType) && (valueType as JitType).isSubtypeOf(candidate.valueType)) {
            if (
              !chosen ||
              (chosen.keyType.isSubtypeOf(candidate.keyType) && chosen.valueType.isSubtypeOf(candidate.valueType))
            ) {
              chosen = candidate;
            }
          }
        }
        if (!chosen) {
          this.error(
            expr.range,
            `Union type annotation \`${(typeHint as JitType).pythonStr()}\` can hold ${describeCandidates(candidates)}, but none of those dict types can hold the types of the given keys and values, which were unified to Dict[${keys[0].type.pythonStr()}, ${(valueType as JitType).pythonStr()}`,
          );
        }
        refined = chosen;
      }
      const dictType = refined as DictType;
      if (!dictType.keyType.equals(keys[0].type)) {
        this.error(
          expr.range,
          `Type annotation was inferred to be ${dictType.pythonStr()}but the type of keys given by the dict literal is ${keys[0].type.pythonStr()}`,
        );
      }
      if (!(valueType as JitType).isSubtypeOf(dictType.valueType)) {
        this.error(
          expr.range,
          `Type annotation was inferred to be \`${dictType.pythonStr()}\`, but the type of values given by the dict literal is ${(valueType as JitType).pythonStr()}`,
        );
      }
    }
    const inputs: Value[] = [];
    for (let i = 0; i < keys.length; i++) inputs.push(keys[i], values[i]);
    let result = this.insertNode('prim::DictConstruct', inputs, [refined as JitType]).output();
    if (unionHint) result = this.insertNode('prim::unchecked_cast', [result], [unionHint]).output();
    return result;
  }

  private dictKeyError(range: Range, key: JitType): never {
    return this.error(
      range,
      `Cannot create dict for key type '${key.annotationStr()}', only int, float, complex, Tensor, device and string keys are supported`,
    );
  }

  // ---- comprehensions ---------------------------------------------------------------------------

  /**
   * `[elt for t in it if c ...]`: an empty list, then a loop (in a scope of its own) that appends.
   * Several `for` clauses nest loops and `if` clauses guard the append; PyTorch accepts only one
   * `for` and no `if`, which this generalizes in the obvious way.
   */
  private emitListComprehension(
    expr: Extract<Expr, { kind: 'ListComp' | 'SetComp' | 'GeneratorExp' }>,
    typeHint?: JitType,
  ): Value {
    if (expr.kind !== 'ListComp') {
      this.error(
        expr.range,
        expr.kind === 'SetComp'
          ? 'sets are not supported in TorchScript'
          : 'generator expressions are not supported in TorchScript; use a list comprehension',
      );
    }
    // PyTorch's range of a comprehension starts at its element, inside the bracket.
    const range = fromStartOf(expr.elt, expr.range);
    const list = this.insertNode('prim::ListConstruct', [], [ListType.of(TensorType.get())]).output();
    let refined = typeHint;
    let candidates: JitType[] = [];
    if (refined) {
      const r = this.refineContainerHint(refined, refined, (t) => t.kind === 'ListType', 'List', range);
      refined = r.refined;
      candidates = r.candidates;
      if (candidates.length === 0) list.setType(refined.kind === 'AnyType' ? list.type : refined);
    }
    let seenFirst = false;
    const node = this.insertNode('prim::ComprehensionScope', [], [], range);
    const block = node.addBlock();
    this.pushFrame(block);
    this.graph.withInsertPoint(block, () => {
      this.emitComprehensionLoops(expr.generators, range, () => {
        const out = this.emitExpr(expr.elt);
        if (!seenFirst) {
          list.setType(ListType.of(out.type));
          seenFirst = true;
        }
        const hint = refined?.kind === 'ListType' ? (refined as ListType).elementType : undefined;
        const unified = unifyTypes((list.type as ListType).elementType, out.type, true, hint) as JitType;
        if (
          candidates.length === 0 &&
          refined &&
          refined.kind === 'ListType' &&
          !unified.isSubtypeOf((refined as ListType).elementType)
        ) {
          this.error(
            range,
            `List type annotation \`${refined.pythonStr()}\` did not match the types of the given list elements, which were unified to ${unified.pythonStr()}`,
          );
        }
        let listType: JitType;
        if (candidates.length > 0) {
          const fitting = candidates.filter((c) => unified.isSubtypeOf((c as ListType).elementType));
          if (fitting.length === 0) {
            this.error(
              range,
              `Union type annotation \`${(typeHint as JitType).pythonStr()}\` can hold ${describeCandidates(candidates)}, but none of those types match the types of the given list elements, which were unified to ${unified.pythonStr()}`,
            );
          }
          listType = fitting[0];
        } else if (refined && refined.kind === 'ListType') {
          listType = refined;
        } else {
          listType = ListType.of(unified);
        }
        list.setType(listType);
        out.setType((listType as ListType).elementType);
        this.builtin('aten::append', [{ value: out, range }], [], range, { value: list, range, name: 'self' });
      });
    });
    this.popFrame();
    return list;
  }

  private emitDictComprehension(expr: Extract<Expr, { kind: 'DictComp' }>, typeHint?: JitType): Value {
    const range = fromStartOf(expr.key, expr.range);
    const dict = this.insertNode('prim::DictConstruct', [], [DictType.of(StringType.get(), TensorType.get())]).output();
    let refined = typeHint;
    let candidates: JitType[] = [];
    if (refined) {
      const r = this.refineContainerHint(refined, refined, (t) => t.kind === 'DictType', 'Dict', range);
      refined = r.refined;
      candidates = r.candidates;
      if (candidates.length === 0 && refined.kind === 'DictType') dict.setType(refined);
    }
    let firstKeyType: JitType | undefined;
    let firstValueType: JitType | undefined;
    const node = this.insertNode('prim::ComprehensionScope', [], [], range);
    const block = node.addBlock();
    this.pushFrame(block);
    this.graph.withInsertPoint(block, () => {
      this.emitComprehensionLoops(expr.generators, range, () => {
        const k = this.emitExpr(expr.key);
        const v = this.emitExpr(expr.value);
        if (k.type.kind === 'UnionType') {
          this.error(
            range,
            `Dicts may only contain homogeneous keys, but the type of the first generated key was ${k.type.pythonStr()}`,
          );
        } else if (firstKeyType && !firstKeyType.equals(k.type)) {
          this.error(
            range,
            `Dicts may only contain homogeneous keys. Expected dict comprehension to generate type ${firstKeyType.pythonStr()}, but got ${k.type.pythonStr()}`,
          );
        } else {
          if (!DictType.isValidKeyType(k.type)) this.dictKeyError(range, k.type);
          dict.setType(DictType.of(k.type, v.type));
          firstKeyType = k.type;
          firstValueType = v.type;
        }
        if (refined && refined.kind === 'DictType' && candidates.length === 0) {
          const hint = refined as DictType;
          let err = '';
          if (!k.type.isSubtypeOf(hint.keyType)) {
            err += `Dict type annotation \`${hint.pythonStr()}\` did not match the type of an actual key type \`${k.type.pythonStr()}\`\n`;
          }
          if (!v.type.isSubtypeOf(hint.valueType)) {
            err += `Dict type annotation \`${hint.pythonStr()}\` did not match the type of an actual value type \`${v.type.pythonStr()}\`\n`;
          }
          if (err) this.error(range, err.trimEnd());
        }
        const valueHint = refined?.kind === 'DictType' ? (refined as DictType).valueType : undefined;
        const unifiedValue = unifyTypes(firstValueType as JitType, v.type, true, valueHint) as JitType;
        if (typeHint?.kind === 'DictType') {
          dict.setType(typeHint);
          k.setType((typeHint as DictType).keyType);
          v.setType((typeHint as DictType).valueType);
        } else if (typeHint && refined) {
          if (candidates.length > 0) {
            const chosen = (candidates as DictType[]).find(
              (c) => k.type.isSubtypeOf(c.keyType) && unifiedValue.isSubtypeOf(c.valueType),
            );
            if (!chosen)
              this.error(
                range,
                `Union type annotation \`${typeHint.pythonStr()}\` cannot hold the dict comprehension's keys and values`,
              );
            refined = chosen;
          }
          dict.setType(refined);
          k.setType((refined as DictType).keyType);
          v.setType((refined as DictType).valueType);
        } else {
          dict.setType(DictType.of(k.type, unifiedValue));
        }
        this.builtin(
          'aten::_set_item',
          [
            { value: dict, range, name: 'self' },
            { value: k, range },
            { value: v, range },
          ],
          [],
          range,
        );
      });
    });
    this.popFrame();
    if (typeHint?.kind === 'UnionType') return this.insertNode('prim::unchecked_cast', [dict], [typeHint]).output();
    return dict;
  }

  private emitComprehensionLoops(generators: readonly Comprehension[], range: Range, emitElement: () => void): void {
    const [first, ...rest] = generators;
    const body = (): void => {
      const guarded = (ifs: readonly Expr[]): void => {
        if (ifs.length === 0) {
          if (rest.length > 0) this.emitComprehensionLoops(rest, range, emitElement);
          else emitElement();
          return;
        }
        const [test, ...others] = ifs;
        const cond = this.emitCondExpr(test);
        this.emitIfElseStatic(range, cond, () => guarded(others));
      };
      guarded(first.ifs);
    };
    this.emitFor(first.target, first.iter, range, body);
  }

  /** An `if` without else around emitted code (comprehension filters), with the static-if rule. */
  private emitIfElseStatic(range: Range, cond: CondValue, emitThen: () => void): void {
    if (cond.staticIf !== undefined) {
      if (cond.staticIf) {
        this.insertRefinements(range, cond.refinements);
        emitThen();
      }
      return;
    }
    const node = this.insertNode('prim::If', [cond.value], [], range);
    const thenBlock = node.addBlock();
    const elseBlock = node.addBlock();
    this.pushFrame(thenBlock);
    this.graph.withInsertPoint(thenBlock, () => {
      this.insertRefinements(range, cond.refinements);
      emitThen();
    });
    this.popFrame();
    this.pushFrame(elseBlock);
    this.popFrame();
  }

  // ---- subscripts -------------------------------------------------------------------------------

  private emitSubscript(expr: Extract<Expr, { kind: 'Subscript' }>, typeHint?: JitType): SugaredValue {
    const sv = this.emitSugaredExpr(expr.value, 1);
    const indices = subscriptItems(expr.slice);
    const range = expr.range;
    const valueRange = expr.value.range;
    if (indices.length !== 1) {
      return new SimpleValue(this.emitMultidimSlicing(range, this.asValue(sv, valueRange), indices));
    }
    const index = indices[0];
    if (index.kind === 'Slice') {
      if (sv.kind === 'module' && (sv as { asTupleValue?: unknown }).asTupleValue) {
        const tuple = this.asValue(
          (sv as unknown as { asTupleValue(c: Emitter, r: Range): SugaredValue }).asTupleValue(this, valueRange),
          valueRange,
        );
        return new SimpleValue(this.emitTupleSlice(valueRange, tuple, index.lower ?? null, index.upper));
      }
      return new SimpleValue(this.emitBasicSlice(range, this.asValue(sv, valueRange), index));
    }
    const sliceable = this.asValue(sv, valueRange);
    if (isEllipsis(index) && sliceable.type.isSubtypeOf(TensorType.get())) return new SimpleValue(sliceable);
    const idx = this.emitExpr(index);
    if (sliceable.type.kind === 'TupleType') return new SimpleValue(this.emitTupleIndex(range, sliceable, idx));
    if (sliceable.type.isSubtypeOf(TensorType.get())) {
      // The index was emitted already: index the tensor with it.
      return new SimpleValue(this.emitMultidimSlicingWith(range, sliceable, indices, [idx]));
    }
    if (!sv.getItem) return this.error(range, `'${sliceable.type.pythonStr()}' object is not subscriptable`);
    return sv.getItem(this, range, idx, typeHint);
  }

  private emitTupleIndex(range: Range, tuple: Value, index: Value): Value {
    const type = tuple.type as TupleType;
    if (index.type.kind !== 'IntType') this.error(range, 'tuple index must be an integer');
    const constant = constantInt(index);
    let outputType: JitType;
    if (constant === undefined) {
      if (type.elements.length === 0 || !type.elements.every((t) => t.isSubtypeOf(type.elements[0]))) {
        this.error(
          range,
          `Cannot index into a ${type.pythonStr()} with a non-integer literal because we cannot resolve the output type`,
        );
      }
      outputType = type.elements[0];
    } else {
      outputType = type.elements[this.adjustTupleIndex(range, type, Number(constant), false)];
    }
    return this.insertNode('prim::TupleIndex', [tuple, index], [outputType]).output();
  }

  private adjustTupleIndex(range: Range, type: TupleType, index: number, allowOutOfBounds: boolean): number {
    const length = type.elements.length;
    const adjusted = index < 0 ? length + index : index;
    if (!allowOutOfBounds && (adjusted >= length || adjusted < 0)) {
      this.error(range, `Tuple index out of range. Tuple is length ${length} and index is ${index}`);
    }
    return adjusted;
  }

  private emitTupleSlice(range: Range, tuple: Value, lower: Expr | null, upper: Expr | null): Value {
    const begin = lower ? this.tupleSliceBound(range, tuple, this.emitExpr(lower)) : undefined;
    const end = upper ? this.tupleSliceBound(range, tuple, this.emitExpr(upper)) : undefined;
    return this.tupleSlice(tuple, begin, end, 1);
  }

  private tupleSliceConstant(range: Range, v: Value): number {
    const c = constantInt(v);
    if (c === undefined) this.error(range, 'tuple slice indices must be integer constants');
    return Number(c);
  }

  private tupleSliceBound(range: Range, tuple: Value, v: Value): number {
    return this.adjustTupleIndex(range, tuple.type as TupleType, this.tupleSliceConstant(range, v), true);
  }

  /** The items `begin`, `begin + step`... of a tuple, after Python's slice.indices (PyTorch's slice_indices_adjust). */
  private tupleSlice(tuple: Value, begin: number | undefined, end: number | undefined, stepSize: number): Value {
    const type = tuple.type as TupleType;
    const length = type.elements.length;
    let first: number;
    let stop: number;
    if (stepSize > 0) {
      first = clamp(begin ?? 0, 0, length);
      stop = clamp(end ?? length, 0, length);
    } else {
      first = clamp(begin ?? length - 1, -1, length - 1);
      stop = clamp(end ?? -1, -1, length - 1);
    }
    const count =
      stepSize > 0
        ? Math.max(0, Math.ceil((stop - first) / stepSize))
        : Math.max(0, Math.ceil((first - stop) / -stepSize));
    const items: Value[] = [];
    for (let j = 0, i = first; j < count; j++, i += stepSize) {
      const idx = this.graph.insertConstant(i);
      items.push(this.insertNode('prim::TupleIndex', [tuple, idx], [type.elements[i]]).output());
    }
    return this.insertNode('prim::TupleConstruct', items, [TupleType.of(items.map((v) => v.type))]).output();
  }

  private emitBasicSlice(range: Range, sliceable: Value, slice: Extract<Expr, { kind: 'Slice' }>): Value {
    const dim = sliceable.type.isSubtypeOf(TensorType.get())
      ? this.graph.insertConstant(0, { sourceRange: this.sourceRange(range) })
      : undefined;
    return this.emitSlice(range, sliceable, dim, slice);
  }

  private emitSlice(
    range: Range,
    sliceable: Value,
    dim: Value | undefined,
    slice: Extract<Expr, { kind: 'Slice' }>,
  ): Value {
    const start = slice.lower ? this.emitExpr(slice.lower) : undefined;
    const end = slice.upper ? this.emitExpr(slice.upper) : undefined;
    const step = slice.step ? this.emitExpr(slice.step) : undefined;
    if (sliceable.type.kind === 'TupleType') return this.emitTupleSliceValues(range, sliceable, start, end, step);
    return this.emitSliceOp(range, sliceable, dim, start, end, step);
  }

  private emitTupleSliceValues(range: Range, tuple: Value, start?: Value, end?: Value, step?: Value): Value {
    const stepSize = step ? this.tupleSliceConstant(range, step) : 1;
    // PyTorch's tuple slicing shares the list slice's check (a zero step would never advance).
    if (stepSize === 0) this.error(range, 'List slice should have non-zero step');
    const begin = start ? this.tupleSliceBound(range, tuple, start) : undefined;
    const stop = end ? this.tupleSliceBound(range, tuple, end) : undefined;
    return this.tupleSlice(tuple, begin, stop, stepSize);
  }

  private emitSliceOp(
    range: Range,
    sliceable: Value,
    dim: Value | undefined,
    start?: Value,
    end?: Value,
    step?: Value,
  ): Value {
    const args: NamedValue[] = [{ value: sliceable, range, name: 'self' }];
    if (dim) args.push({ value: dim, range });
    // Arguments are positional: `a[:2]` needs None for start so that 2 is the end.
    if (start || end) args.push({ value: start ?? this.graph.insertConstant(null), range, name: 'start' });
    if (end) args.push({ value: end, range, name: 'end' });
    const stepValue = step ?? this.constant(1, range);
    return this.builtin('aten::slice', args, [{ value: stepValue, range, name: 'step' }], range);
  }

  private emitMultidimSlicing(range: Range, sliceable: Value, indices: readonly Expr[]): Value {
    return this.emitMultidimSlicingWith(range, sliceable, indices, []);
  }

  private emitMultidimSlicingWith(range: Range, sliceable: Value, indices: readonly Expr[], emitted: Value[]): Value {
    if (!sliceable.type.isSubtypeOf(TensorType.get())) {
      this.error(range, 'Unsupported operation: attempted to use multidimensional indexing on a non-tensor type');
    }
    const { sliced, tensorIndices } = this.emitIntAndSliceIndexing(range, sliceable, indices, emitted);
    if (tensorIndices.length === 0) return sliced;
    const list = this.insertNode('prim::ListConstruct', tensorIndices, [
      ListType.of(OptionalType.of(TensorType.get())),
    ]).output();
    return this.builtin(
      'aten::index',
      [
        { value: sliced, range },
        { value: list, range },
      ],
      [],
      range,
    );
  }

  /**
   * Tensor indexing with ints, slices, None and `...` (PyTorch's emitIntAndSliceIndexing): the
   * dims are counted left to right up to the ellipsis and right to left after it; ints select,
   * slices slice, None unsqueezes, and tensors (or lists, made tensors) are collected per dim for
   * one `aten::index` afterwards.
   */
  private emitIntAndSliceIndexing(
    range: Range,
    input: Value,
    indices: readonly Expr[],
    preEmitted: Value[] = [],
  ): { sliced: Value; tensorIndices: Value[] } {
    const dims: number[] = new Array(indices.length).fill(0);
    const exprs: (Value | undefined)[] = new Array(indices.length).fill(undefined);
    const handle = (index: Expr, i: number, dim: number, reverse: boolean): number => {
      dims[i] = dim;
      if (index.kind === 'Slice') return reverse ? dim - 1 : dim + 1;
      let value =
        preEmitted.length > 0 && indices.length === 1
          ? preEmitted[0]
          : this.emitExpr(index, isNoneLiteral(index) ? NoneType.get() : undefined);
      if (value.type.kind === 'ListType') {
        const long = this.graph.insertConstant(4);
        value = this.quietBuiltin('aten::tensor', [{ value, range }], [{ value: long, range, name: 'dtype' }], range);
      }
      exprs[i] = value;
      if (value.type.isSubtypeOf(NoneType.get())) return reverse ? dim : dim + 1;
      if (value.type.kind === 'IntType') return reverse ? dim - 1 : dim;
      if (value.type.isSubtypeOf(OptionalType.of(TensorType.get()))) {
        if (reverse) this.error(range, 'Ellipses followed by tensor indexing is currently not supported');
        return dim + 1;
      }
      return this.error(
        range,
        `Unsupported operation: indexing tensor with unsupported index type '${value.type.pythonStr()}'. Only ints, slices, lists and tensors are supported`,
      );
    };
    let idx = 0;
    let dim = 0;
    for (; idx < indices.length; idx++) {
      if (isEllipsis(indices[idx])) break;
      dim = handle(indices[idx], idx, dim, false);
    }
    let rdim = -1;
    for (let rev = indices.length - 1; rev > idx; rev--) {
      if (isEllipsis(indices[rev])) this.error(range, "An index can only have a single ellipsis ('...')");
      rdim = handle(indices[rev], rev, rdim, true);
    }
    let sliced = input;
    const tensorIndices: (Value | undefined)[] = [];
    for (let i = 0; i < exprs.length; i++) {
      const value = exprs[i];
      if (!value) {
        const index = indices[i];
        if (index.kind === 'Slice') {
          sliced = this.emitSlice(
            range,
            sliced,
            this.graph.insertConstant(dims[i], { sourceRange: this.sourceRange(range) }),
            index,
          );
        }
        continue;
      }
      const at = (): Value => this.graph.insertConstant(dims[i], { sourceRange: this.sourceRange(range) });
      if (value.type.isSubtypeOf(NoneType.get())) {
        sliced = this.builtin(
          'aten::unsqueeze',
          [sliced, at()].map((v) => ({ value: v, range })),
          [],
          range,
        );
      } else if (value.type.kind === 'IntType') {
        sliced = this.builtin(
          'aten::select',
          [sliced, at(), value].map((v) => ({ value: v, range })),
          [],
          range,
        );
      } else {
        while (tensorIndices.length <= dims[i]) tensorIndices.push(undefined);
        tensorIndices[dims[i]] = value;
      }
    }
    const filled = tensorIndices.map((v) => v ?? this.graph.insertConstant(null));
    return { sliced, tensorIndices: filled };
  }
}

// ---- helpers ------------------------------------------------------------------------------------

function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function validName(name: string): boolean {
  return /^[\p{L}_][\p{L}\p{N}_]*$/u.test(name);
}

function isNoneLiteral(expr: Expr): boolean {
  return expr.kind === 'Constant' && expr.value === null;
}

function isEllipsis(expr: Expr): boolean {
  return expr.kind === 'Constant' && expr.value === 'Ellipsis';
}

type NoneStatus = 'always' | 'maybe' | 'never';

function canBeNone(value: Value): NoneStatus {
  if (value.node.kind === 'prim::Constant' && value.type.kind === 'NoneType' && !value.node.hasAttribute('value'))
    return 'always';
  if (value.type.kind === 'NoneType') return 'always';
  if (value.type.kind === 'OptionalType') return 'maybe';
  if (value.type.kind === 'UnionType' && (value.type as UnionType).types.some((t) => t.kind === 'NoneType'))
    return 'maybe';
  return 'never';
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, v));
}

function negate(value: number | bigint): number | bigint {
  return typeof value === 'bigint' ? -value : -value;
}
