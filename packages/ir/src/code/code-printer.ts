import { CodePrintError } from '../errors/code-print-error.js';
import type { Block } from '../graph/block.js';
import { typeOf } from '../graph/create-constant.js';
import type { Graph } from '../graph/graph.js';
import { type IValue, ivalueKind } from '../graph/ivalue.js';
import type { Node } from '../graph/node.js';
import type { Value } from '../graph/value.js';
import type { Argument } from '../schema/argument.js';
import type { DefaultValue } from '../schema/default-value.js';
import { quoteString } from '../schema/default-value.js';
import type { FunctionSchema } from '../schema/function-schema.js';
import type { ClassType } from '../types/class-type.js';
import type { DictType } from '../types/dict-type.js';
import type { EnumType } from '../types/enum-type.js';
import type { InterfaceType } from '../types/interface-type.js';
import type { JitType } from '../types/jit-type.js';
import type { ListType } from '../types/list-type.js';
import { OptionalType } from '../types/optional-type.js';
import type { TupleType } from '../types/tuple-type.js';
import {
  constantCode,
  constantEquals,
  constantValue,
  containsNonAsciiString,
  formatCodeFloat,
} from './code-constant.js';
import {
  codeTypeString,
  elementTypeCanBeInferredFromMembers,
  namedTypeName,
  type TypePrinter,
} from './code-type-string.js';
import {
  debugNameBase,
  isValidIdentifier,
  makeValidIdentifier,
  RESERVED_NAMES,
  utf8Length,
} from './python-identifier.js';

/** A function to print: its graph and its schema (argument names, types and defaults, and the return type). */
export interface CodeFunction {
  readonly graph: Graph;
  readonly schema: FunctionSchema;
  /** The name after `def`; the schema's name when not given. */
  readonly name?: string;
}

/** A module's forward hooks and pre-hooks (functions of the module, the input tuple and, for hooks, the output). */
export interface ModuleHooks {
  readonly forwardPreHooks?: readonly CodeFunction[];
  readonly forwardHooks?: readonly CodeFunction[];
}

export interface CodePrinterOptions {
  /** How named types are spelled (an archive's unique names); their qualified names by default. */
  readonly typePrinter?: TypePrinter;
  /**
   * The table that tensor constants (and constants holding strings beyond ASCII) go to, printed
   * as `CONSTANTS.c<i>`; an archive shares one table across all its files. A new one by default.
   */
  readonly constantTable?: IValue[];
  /** Whether two tensors are the same constant (one table entry); identity by default. */
  readonly tensorEquals?: (a: unknown, b: unknown) => boolean;
  /** Refuse what would not load back (a return of other than one value, closures), as when saving. */
  readonly enforceImportable?: boolean;
}

const INT64_MAX = 9223372036854775807n;

/**
 * PyTorch's TorchScript printer (`python_print.cpp`): turns graphs back into TorchScript
 * source, in exactly PyTorch's style. One printer holds one output text; functions and classes
 * printed with it share the counters behind generated names (`_0`, `x0`), as the functions of
 * one file of an archive do. After it has thrown (always a CodePrintError or InternalError),
 * a printer's text is incomplete: start a new one.
 *
 * Single-use values that would be computed in the same order when the code is read back are
 * written inline into the expression that uses them; every other value gets a name (its debug
 * name without the `.N` suffix, uniqued with a counter, or `_<n>`). Constants are always inline,
 * except those whose text is long, which are hoisted to the top of the function. A statement
 * longer than 40 columns has its inlined arguments split into their own statements (those left
 * of the long one too, so that side effects keep their order).
 */
export class CodePrinter {
  readonly #typePrinter: TypePrinter | undefined;
  readonly #constants: IValue[];
  readonly #tensorEquals: (a: unknown, b: unknown) => boolean;
  readonly #enforceImportable: boolean;
  readonly #dependencies: JitType[] = [];
  readonly #dependencyNames = new Set<string>();

  readonly #body: string[] = [];
  #level = 0;
  // Nodes whose single output is written inline at its use (constants always are).
  readonly #outputInline = new Set<Node>();
  // See splitLongInlines: the highest input offset of a node already scanned for splitting.
  readonly #visitedSplitInlineUses = new Map<Node, number>();
  readonly #usedNames = new Set<string>();
  readonly #nextId = new Map<string, number>();
  readonly #exprTable = new Map<Value, string>();
  readonly #identRefs = new Map<Value, string>();
  readonly #annotatedUnions = new Set<Value>();
  readonly #seenConstants = new Set<Node>();

  constructor(options: CodePrinterOptions = {}) {
    this.#typePrinter = options.typePrinter;
    this.#constants = options.constantTable ?? [];
    this.#tensorEquals = options.tensorEquals ?? ((a, b) => a === b);
    this.#enforceImportable = options.enforceImportable ?? false;
  }

  /** Everything printed so far. */
  get text(): string {
    return this.#body.join('');
  }

  /** The constant table: `CONSTANTS.c<i>` is entry i. */
  get constants(): readonly IValue[] {
    return this.#constants;
  }

  /** The named types (classes, NamedTuples, enums, interfaces, functions) the printed code refers to, first use first. */
  get dependencies(): readonly JitType[] {
    return this.#dependencies;
  }

  /** `def name(a: T, ...) -> R:` and the body; the first argument's type is printed (a free function). */
  printFunction(fn: CodeFunction): this {
    this.#printFunction(fn, true);
    return this;
  }

  /** A method as `.code` shows it: `self` without its type. */
  printMethod(fn: CodeFunction): this {
    this.#printFunction(fn, false);
    return this;
  }

  /**
   * A class as an archive's code file holds it: `class Name(Module):`, for modules the
   * `__parameters__` and `__buffers__` lists, the attributes (`name : Type`, or
   * `__annotations__["0"] = Type` for names that are not identifiers), the constants
   * (`name : Final[T] = value`), then the methods, in the order given, and the hooks (forward
   * hooks, then pre-hooks; a function registered twice is printed once).
   */
  printClass(classType: ClassType, methods: readonly CodeFunction[], hooks: ModuleHooks = {}): this {
    const out = (text: string): void => {
      this.#body.push(text);
    };
    out(`class ${classType.name}${classType.isModule ? '(Module)' : ''}:\n`);
    this.#level++;
    const attributes = classType.attributes;
    if (classType.isModule) {
      const quoted = (kind: string): string =>
        attributes
          .filter((a) => a.kind === kind)
          .map((a) => `"${a.name}", `)
          .join('');
      this.#indent();
      out(`__parameters__ = [${quoted('parameter')}]\n`);
      this.#indent();
      out(`__buffers__ = [${quoted('buffer')}]\n`);
      const names = (fns: readonly CodeFunction[]): string => fns.map((f) => `"${functionName(f)}", `).join('');
      if (hooks.forwardPreHooks?.length) {
        this.#indent();
        out(`__forward_pre_hooks__ = [${names(hooks.forwardPreHooks)}]\n`);
      }
      if (hooks.forwardHooks?.length) {
        this.#indent();
        out(`__forward_hooks__ = [${names(hooks.forwardHooks)}]\n`);
      }
    }
    attributes.forEach((attribute, i) => {
      this.#registerDependencies(attribute.type);
      this.#indent();
      const type = this.#typeString(attribute.type);
      if (isValidIdentifier(attribute.name)) {
        out(`${attribute.name} : ${type}\n`);
      } else {
        // PyTorch starts the annotations dict only when the first attribute needs it.
        if (i === 0) {
          out('__annotations__ = []\n');
          this.#indent();
        }
        out(`__annotations__["${attribute.name}"] = ${type}\n`);
      }
    });
    for (const [name, value] of classType.constants) {
      const type = classType.constantType(name) ?? inferConstantType(value);
      this.#indent();
      out(`${name} : Final[${type ? this.#typeString(type) : 'Any'}] = ${this.#constantText(value, type)}\n`);
    }
    for (const method of methods) this.#printFunction(method, true);
    const printedHooks = new Set<string>();
    for (const hook of [...(hooks.forwardHooks ?? []), ...(hooks.forwardPreHooks ?? [])]) {
      if (printedHooks.has(functionName(hook))) continue;
      printedHooks.add(functionName(hook));
      this.#printFunction(hook, true);
    }
    this.#level--;
    return this;
  }

  /** `class Name(NamedTuple):` with one `field : Type` line per field. */
  printNamedTuple(type: TupleType): this {
    if (type.qualifiedName === undefined || type.names === undefined) {
      throw new CodePrintError(`${type.pythonStr()} is not a NamedTuple`);
    }
    const qualified = type.qualifiedName;
    this.#body.push(`class ${qualified.slice(qualified.lastIndexOf('.') + 1)}(NamedTuple):\n`);
    this.#level++;
    type.names.forEach((name, i) => {
      this.#indent();
      this.#body.push(`${name} : ${this.#typeString(type.elements[i])}\n`);
    });
    this.#level--;
    return this;
  }

  /** `class Name(Interface):` (or `ModuleInterface`) with each method's signature and `pass`. */
  printInterface(type: InterfaceType): this {
    this.#body.push(`class ${type.name}(${type.isModule ? 'ModuleInterface' : 'Interface'}):\n`);
    this.#level++;
    for (const method of type.methods.values()) {
      if (method.arguments.length === 0 || method.arguments[0].name !== 'self') {
        throw new CodePrintError(`method ${method.name} of interface ${type.qualifiedName} has no 'self' argument`);
      }
      this.#indent();
      let text = `def ${method.name}(self`;
      for (const argument of method.arguments.slice(1)) {
        this.#registerDependencies(argument.type);
        text += `, ${argument.name}: ${this.#typeString(argument.type)}`;
      }
      const returnType = this.#returnType(method);
      this.#registerDependencies(returnType);
      this.#body.push(`${text}) -> ${this.#typeString(returnType)}:\n`);
      this.#indent();
      this.#body.push('  pass\n');
    }
    this.#level--;
    return this;
  }

  /** `class Name(Enum):` with one `NAME = value` line per member (string values in double quotes, unescaped, as PyTorch writes them). */
  printEnum(type: EnumType): this {
    this.#body.push(`class ${type.name}(Enum):\n`);
    this.#level++;
    const quote = type.valueType?.kind === 'StringType' ? '"' : '';
    const isFloat = type.valueType?.kind === 'FloatType';
    for (const member of type.members) {
      this.#indent();
      const value =
        typeof member.value === 'string'
          ? member.value
          : isFloat
            ? formatCodeFloat(member.value, false)
            : String(member.value);
      this.#body.push(`${member.name} = ${quote}${value}${quote}\n`);
    }
    this.#level--;
    return this;
  }

  // ---- functions -------------------------------------------------------------------------

  #printFunction(fn: CodeFunction, printFirstArgumentType: boolean): void {
    try {
      this.#printFunctionUnguarded(fn, printFirstArgumentType);
    } catch (e) {
      // Printing recurses over nested blocks and constants, as PyTorch's printer does.
      if (e instanceof RangeError) throw new CodePrintError('the graph is nested too deeply to print', { cause: e });
      throw e;
    }
  }

  #printFunctionUnguarded(fn: CodeFunction, printFirstArgumentType: boolean): void {
    const { graph, schema } = fn;
    // Each function may reuse local names; the counters behind generated names carry on.
    this.#usedNames.clear();
    if (schema.arguments.length !== graph.inputs.length) {
      throw new CodePrintError(
        `the schema of ${schema.name} has ${schema.arguments.length} arguments but its graph has ${graph.inputs.length} inputs`,
      );
    }
    this.#indent();
    let header = `def ${functionName(fn)}(`;
    schema.arguments.forEach((argument, i) => {
      this.#registerDependencies(argument.type);
      const name = this.#genName(argument.name);
      if (i === 0) {
        header += name;
        if (printFirstArgumentType) header += `: ${this.#typeString(argument.type)}`;
      } else {
        header += `,\n    ${name}: ${this.#typeString(argument.type)}`;
      }
      if (argument.defaultValue !== undefined) header += this.#defaultValueText(argument, argument.defaultValue);
      this.#identRefs.set(graph.inputs[i], name);
    });
    const returnType = this.#returnType(schema);
    this.#body.push(`${header}) -> ${this.#typeString(returnType)}:\n`);
    this.#registerDependencies(returnType);
    this.#printBody(graph.block);
  }

  #returnType(schema: FunctionSchema): JitType {
    const first = schema.returns[0];
    if (!first) throw new CodePrintError(`${schema.name} has no return type to print`);
    return first.type;
  }

  #defaultValueText(argument: Argument, value: DefaultValue): string {
    const type = argument.type;
    // A single int, float or bool for a fixed-size list (`int[2] stride=1`) stands for N copies of it.
    const kind = ivalueKind(value as IValue);
    const scalar = typeof value === 'boolean' || kind === 'int' || kind === 'float';
    if (type.kind === 'ListType' && scalar) {
      if (argument.N === undefined) {
        throw new CodePrintError(`argument ${argument.name} has a single default for a list of no fixed size`);
      }
      const copies: IValue[] = Array.from({ length: argument.N }, () => value as IValue);
      return `=${this.#constantText(copies, type)}`;
    }
    return `=${this.#constantText(value as IValue, type)}`;
  }

  #printBody(block: Block): void {
    // Constants are printed at the top of the function, in the order they are first used; most
    // are inline and print nothing there.
    const constants: Node[] = [];
    this.#buildConstantList(block, constants);
    this.#scanBlock(block);
    this.#level++;
    for (const node of constants) this.#printNode(node, true);
    this.#printBlock(block, block.outputs.length > 0);
    this.#printNode(block.returnNode, false);
    this.#level--;
  }

  #buildConstantList(block: Block, constants: Node[]): void {
    const visit = (node: Node): void => {
      for (const input of node.inputs) {
        const producer = input.node;
        if (producer.kind === 'prim::Constant' && !this.#seenConstants.has(producer)) {
          constants.push(producer);
          this.#seenConstants.add(producer);
        }
      }
      for (const nested of node.blocks) this.#buildConstantList(nested, constants);
    };
    for (const node of block.nodes()) visit(node);
    visit(block.returnNode);
  }

  // ---- deciding what is inlined ----------------------------------------------------------
  //
  // A value is inlined when it is a constant, or when it is unnamed, has one output and one use,
  // and its expression would be evaluated at the same point when the code is read back. The
  // reader evaluates an expression tree left to right, children first; so the scan walks the
  // inputs of a node right to left while walking the emitted nodes backwards, and inlines as
  // long as they line up.

  #canInline(value: Value): boolean {
    const node = value.node;
    if (node.outputs.length !== 1) return false;
    if (value.uses.length !== 1) return false;
    const use = value.uses[0];
    // A named value was a variable in the source: keep it, unless it is only returned.
    if (value.hasDebugName() && use.user.kind !== 'prim::Return') return false;
    if (node.blocks.length !== 0) return false;
    // A loop-carried input needs a variable, or it could be evaluated out of order with the loop's condition.
    if (use.user.kind === 'prim::Loop' && use.offset >= 2) return false;
    // A subgraph may use its inputs more than once.
    if (['prim::fork', 'prim::rpc_async', 'prim::rpc_sync', 'prim::rpc_remote'].includes(use.user.kind)) return false;
    // isinstance inlined into an `if` would refine types a second time.
    if (node.kind === 'prim::isinstance') return false;
    return true;
  }

  #scanValue(blockPoint: Node, value: Value): Node {
    const node = value.node;
    if (node === blockPoint && this.#canInline(value)) {
      const point = this.#scanNode(blockPoint);
      this.#outputInline.add(node);
      return point;
    }
    if (node.kind === 'prim::Constant') this.#outputInline.add(node);
    return blockPoint;
  }

  #previousNonConstant(node: Node): Node {
    let n = node;
    do {
      n = n.prev as Node;
    } while (n.kind === 'prim::Constant');
    return n;
  }

  #scanNode(node: Node): Node {
    if (this.#outputInline.has(node)) return node;
    for (const block of node.blocks) this.#scanBlock(block);
    let blockPoint = this.#previousNonConstant(node);
    for (let i = node.inputs.length - 1; i >= 0; i--) blockPoint = this.#scanValue(blockPoint, node.inputs[i]);
    return blockPoint;
  }

  #scanBlock(block: Block): void {
    this.#scanNode(block.returnNode);
    for (const node of block.reverseNodes()) this.#scanNode(node);
  }

  // ---- names -----------------------------------------------------------------------------

  #genName(candidate: string): string {
    let name = candidate;
    while (this.#usedNames.has(name) || RESERVED_NAMES.has(name)) {
      // As PyTorch does, the counter is kept per attempted name, not per candidate.
      const id = this.#nextId.get(name) ?? 0;
      this.#nextId.set(name, id + 1);
      name = `${candidate}${id}`;
    }
    this.#usedNames.add(name);
    return name;
  }

  #genUniqueNameFor(value: Value): string {
    return this.#genName(value.hasDebugName() ? makeValidIdentifier(debugNameBase(value.debugName())) : '_');
  }

  #useOf(value: Value): string {
    // A name takes precedence: it means a statement assigning the value was already written.
    const ident = this.#identRefs.get(value);
    if (ident !== undefined) return ident;
    const expr = this.#exprTable.get(value);
    if (expr !== undefined) return expr;
    throw new CodePrintError(`value %${value.debugName()} (${value.node.kind}) is used where it has not been computed`);
  }

  #assignValuesToTheirUniqueNames(values: readonly Value[]): void {
    for (const value of values) this.#identRefs.set(value, this.#genUniqueNameFor(value));
  }

  #valueList(values: readonly Value[]): string {
    return values.map((v) => this.#useOf(v)).join(', ');
  }

  #indent(): void {
    this.#body.push('  '.repeat(this.#level));
  }

  #typeString(type: JitType): string {
    return codeTypeString(type, this.#typePrinter);
  }

  // ---- statements ------------------------------------------------------------------------

  #printBlock(block: Block, hasOtherStatements: boolean): void {
    // An empty block is `pass`, unless an assignment or return follows in it.
    if (!hasOtherStatements && block.isEmpty()) {
      this.#indent();
      this.#body.push('pass\n');
    }
    for (const node of block.nodes()) this.#printNode(node, false);
  }

  #printAssignment(lhs: readonly Value[], rhs: readonly Value[]): void {
    if (lhs.length === 0) return;
    this.#indent();
    let text = this.#valueList(lhs);
    if (lhs.length === 1) {
      // A single Optional or Union variable is annotated where it is first assigned, so that
      // reading the code back gives it that type rather than the type of the value assigned.
      const value = lhs[0];
      const kind = value.type.kind;
      if (
        !this.#annotatedUnions.has(value) &&
        !this.#exprTable.has(value) &&
        (kind === 'UnionType' || kind === 'OptionalType')
      ) {
        text += ` : ${codeTypeString(value.type)}`;
        this.#annotatedUnions.add(value);
      }
    }
    this.#body.push(`${text} = ${this.#valueList(rhs)}\n`);
  }

  #requiresAnnotation(lhs: Value, rhs: Value): boolean {
    const kind = lhs.type.kind;
    if (kind === 'UnionType' || kind === 'OptionalType') {
      if (this.#annotatedUnions.has(lhs)) return false;
      this.#annotatedUnions.add(lhs);
      return true;
    }
    return !lhs.type.equals(rhs.type);
  }

  #printAnnotatedAssignment(lhs: readonly Value[], rhs: readonly Value[]): void {
    lhs.forEach((value, i) => {
      this.#indent();
      let text = this.#useOf(value);
      if (this.#requiresAnnotation(value, rhs[i])) text += `: ${this.#typeString(value.type)}`;
      this.#body.push(`${text} = ${this.#useOf(rhs[i])}\n`);
    });
  }

  #printIf(node: Node): void {
    const [thenBlock, elseBlock] = node.blocks;
    if (!thenBlock || !elseBlock || node.inputs.length !== 1) {
      throw new CodePrintError(`prim::If needs one condition and two blocks`);
    }
    const outputs = node.outputs;
    this.#assignValuesToTheirUniqueNames(outputs);
    this.#indent();
    this.#body.push(`if ${this.#useOf(node.inputs[0])}:\n`);
    for (const [i, block] of [thenBlock, elseBlock].entries()) {
      if (i === 1) {
        this.#indent();
        this.#body.push('else:\n');
      }
      this.#level++;
      this.#printBlock(block, outputs.length > 0);
      this.#checkSameLength(outputs, block.outputs, 'prim::If');
      this.#printAssignment(outputs, block.outputs);
      this.#level--;
    }
  }

  #printLoop(node: Node): void {
    const body = node.blocks[0];
    if (!body || node.inputs.length < 2 || body.inputs.length < 1 || body.outputs.length < 1) {
      throw new CodePrintError('prim::Loop needs a trip count, a condition and a body with a trip count input');
    }
    const maxTripCount = node.inputs[0];
    const inputCond = node.inputs[1];
    const currentTripCount = body.inputs[0];
    const tripCount = constantOf(maxTripCount);
    const condition = constantOf(inputCond);
    const nextCondition = constantOf(body.outputs[0]);
    const alwaysTrue = condition?.value === true && nextCondition?.value === true;
    const tripCountSpecified =
      tripCount === undefined ||
      ivalueKind(tripCount.value) !== 'int' ||
      BigInt((tripCount.value as { value: number | bigint }).value) !== INT64_MAX ||
      currentTripCount.uses.length > 0;
    if (!alwaysTrue && tripCountSpecified) {
      throw new CodePrintError(
        'loop cannot be printed as python because it has gone through an optimization that combined while and for loops',
      );
    }
    const forLoop = alwaysTrue && tripCountSpecified;

    const carriedOutputs = node.outputs;
    const carriedInputs = node.inputs.slice(2);
    const bodyCarriedInputs = body.inputs.slice(1);
    this.#checkSameLength(bodyCarriedInputs, carriedOutputs, 'prim::Loop');
    this.#checkSameLength(carriedInputs, carriedOutputs, 'prim::Loop');
    this.#assignValuesToTheirUniqueNames(carriedOutputs);
    // Inside the body, the carried values are the loop's outputs (assigned before the loop and at the end of each trip).
    bodyCarriedInputs.forEach((input, i) => {
      this.#exprTable.set(input, this.#useOf(carriedOutputs[i]));
    });
    this.#printAnnotatedAssignment(carriedOutputs, carriedInputs);

    this.#assignValuesToTheirUniqueNames([currentTripCount]);
    if (forLoop) {
      this.#indent();
      this.#body.push(`for ${this.#useOf(currentTripCount)} in range(${this.#useOf(maxTripCount)}):\n`);
    } else {
      // A while loop has no use for the trip count: its variable holds the condition.
      this.#printAssignment([currentTripCount], [inputCond]);
      this.#indent();
      this.#body.push(`while ${this.#useOf(currentTripCount)}:\n`);
    }
    this.#level++;
    // A for loop's condition is always true: no assignment of it at the end of the body.
    const offset = forLoop ? 1 : 0;
    const carriedBlockInputs = body.inputs.slice(offset);
    this.#printBlock(body, carriedBlockInputs.length > 0);
    this.#checkSameLength(carriedBlockInputs, body.outputs.slice(offset), 'prim::Loop');
    this.#printAssignment(carriedBlockInputs, body.outputs.slice(offset));
    this.#level--;
  }

  #checkSameLength(a: readonly Value[], b: readonly Value[], kind: string): void {
    if (a.length !== b.length) throw new CodePrintError(`${kind}: expected ${a.length} values, found ${b.length}`);
  }

  #isLongLine(text: string): boolean {
    return utf8Length(text) + this.#level * 2 >= 40;
  }

  #isNonConstantInline(value: Value): boolean {
    return value.node.kind !== 'prim::Constant' && this.#outputInline.has(value.node);
  }

  // [reordering of inlines] When an inlined expression makes a line too long, it gets its own
  // statement, and so does every inlined argument to its left (up the chain of enclosing
  // expressions), or a side effect on the left would move after the long argument:
  //   r = foo(x.add_(b), some_long + expression)
  // becomes
  //   _0 = x.add_(b)
  //   _1 = some_long + expression
  //   r = foo(_0, _1)
  #splitLongInlines(value: Value): void {
    const toSplitReversed: Value[] = [];
    const use = value.uses[0];
    this.#scanLongInlines(use.user, use.offset, toSplitReversed);
    for (let i = toSplitReversed.length - 1; i >= 0; i--) {
      const split = toSplitReversed[i];
      this.#printOutputDefinition(split.node, this.#useOf(split));
    }
  }

  #scanLongInlines(user: Node, offset: number, toSplitReversed: Value[]): void {
    const visited = this.#visitedSplitInlineUses.get(user);
    const present = visited !== undefined;
    for (let i = offset; i >= (present ? visited + 1 : 0); i--) {
      const argument = user.input(i);
      if (this.#isNonConstantInline(argument)) toSplitReversed.push(argument);
    }
    this.#visitedSplitInlineUses.set(user, offset);
    if (!present && this.#outputInline.has(user)) {
      // The enclosing expression's own use is still being written, so it cannot be split: stop one short of it.
      const use = user.output().uses[0];
      this.#scanLongInlines(use.user, use.offset - 1, toSplitReversed);
    }
  }

  #printOutputDefinition(node: Node, expression: string): void {
    this.#assignValuesToTheirUniqueNames(node.outputs);
    this.#indent();
    const lhs = node.outputs.length > 0 ? `${this.#valueList(node.outputs)} = ` : '';
    this.#body.push(`${lhs}${expression}\n`);
  }

  #printNode(node: Node, printConstant: boolean): void {
    this.#scanTypeDependencies(node);
    if (!printConstant && node.kind === 'prim::Constant') return;
    switch (node.kind) {
      case 'prim::Return':
        if (this.#enforceImportable && node.inputs.length !== 1) {
          throw new CodePrintError(
            'Exportable methods must have a single return value. Normal use of ScriptMethods should enforce this',
          );
        }
        if (node.inputs.length > 0) {
          this.#indent();
          this.#body.push(`return ${this.#valueList(node.inputs)}\n`);
        }
        return;
      case 'prim::Loop':
        this.#printLoop(node);
        return;
      case 'prim::If':
        this.#printIf(node);
        return;
      case 'prim::TupleUnpack':
      case 'prim::ListUnpack': {
        this.#assignValuesToTheirUniqueNames(node.outputs);
        this.#indent();
        // The trailing comma forces an unpack when read back, even of one value: `a, = t`.
        const lhs = node.outputs.length > 0 ? `${this.#valueList(node.outputs)}, = ` : '';
        this.#body.push(`${lhs}${this.#useOf(node.input(0))}\n`);
        return;
      }
      case 'prim::SetAttr':
        this.#indent();
        this.#body.push(`${this.#useOf(node.input(0))}.${node.s('name')} = ${this.#useOf(node.input(1))}\n`);
        return;
      case 'prim::fork': {
        // The subgraph becomes a local function without parameters: its inputs are the values it captures.
        const name = this.#genName('__forked_function');
        const graph = node.g('Subgraph');
        this.#indent();
        this.#body.push(`def ${name}():\n`);
        this.#checkSameLength(graph.inputs, node.inputs, 'prim::fork');
        node.inputs.forEach((input, i) => {
          this.#exprTable.set(graph.inputs[i], this.#useOf(input));
        });
        this.#printBody(graph.block);
        this.#printOutputDefinition(node, `fork(${name})`);
        return;
      }
      case 'prim::Enter': {
        const output = node.outputs[0];
        this.#indent();
        let text = `with ${this.#useOf(node.input(0))}`;
        if (output && output.uses.length > 0) {
          this.#identRefs.set(output, this.#genUniqueNameFor(output));
          text += ` as ${this.#useOf(output)}`;
        }
        this.#body.push(`${text}:\n`);
        this.#level++;
        return;
      }
      case 'prim::Exit':
        // Right after its Enter, the `with` block was empty.
        if (node.prev?.kind === 'prim::Enter') {
          this.#indent();
          this.#body.push('pass\n');
        }
        this.#level--;
        return;
      case 'prim::Closure': {
        if (this.#enforceImportable) throw new CodePrintError('closures are not exportable');
        this.#assignValuesToTheirUniqueNames(node.outputs);
        const name = this.#useOf(node.output());
        const graph = node.g('Subgraph');
        this.#indent();
        this.#assignValuesToTheirUniqueNames(graph.inputs);
        const parameters = graph.inputs.map((v) => `${this.#useOf(v)}: ${this.#typeString(v.type)}`);
        this.#body.push(`def ${name}(${parameters.join(', ')}):\n`);
        this.#printBody(graph.block);
        return;
      }
      case 'prim::ModuleContainerIndex': {
        const output = node.output();
        this.#assignValuesToTheirUniqueNames([output]);
        this.#indent();
        this.#body.push(
          `${this.#useOf(output)} : ${codeTypeString(output.type)} = ${this.#useOf(node.input(0))}[${this.#useOf(node.input(1))}]\n`,
        );
        return;
      }
      default: {
        const rhs = this.#printRHS(node);
        // Long constants are not inlined. Other long expressions cannot simply stay out of line
        // (see the reordering of inlines): their arguments are split out instead.
        if (!this.#outputInline.has(node) || (node.kind === 'prim::Constant' && this.#isLongLine(rhs))) {
          this.#printOutputDefinition(node, rhs);
        } else {
          this.#exprTable.set(node.output(), rhs);
          if (this.#isLongLine(rhs)) this.#splitLongInlines(node.output());
        }
      }
    }
  }

  // ---- expressions -----------------------------------------------------------------------

  #printRHS(node: Node): string {
    const use = (value: Value): string => this.#useOf(value);
    const list = (values: readonly Value[]): string => this.#valueList(values);
    const outputType = (): string => this.#typeString(node.output().type);
    switch (node.kind) {
      case 'prim::Uninitialized':
        return `uninitialized(${outputType()})`;
      case 'prim::Constant': {
        const type = node.outputs.length === 1 ? node.outputs[0].type : undefined;
        if (type?.kind === 'FunctionType') {
          this.#addDependency(type);
          return this.#typeString(type);
        }
        if (mustBeNone(node)) return 'None';
        const constant = constantValue(node);
        if (!constant) throw new CodePrintError('a prim::Constant node has an attribute that is not a value');
        return this.#constantText(constant.value, type);
      }
      case 'aten::ScalarImplicit':
      case 'aten::FloatImplicit':
      case 'aten::IntImplicit':
        return `annotate(${outputType()}, ${use(node.input(0))})`;
      case 'aten::Int':
        return `int(${list(node.inputs)})`;
      case 'aten::Float':
        return `float(${list(node.inputs)})`;
      case 'aten::Bool':
        return `bool(${list(node.inputs)})`;
      case 'aten::str':
        return `str(${list(node.inputs)})`;
      case 'aten::__getitem__': {
        const container = use(node.input(0));
        const target = isValidIdentifier(container) ? container : `(${container})`;
        return `${target}[${use(node.input(1))}]`;
      }
      case 'prim::Print':
        return `print(${list(node.inputs)})`;
      case 'aten::sorted':
        return `sorted(${list(node.inputs)})`;
      case 'prim::TupleConstruct': {
        const type = node.output().type as TupleType;
        const prefix = type.kind === 'TupleType' && type.qualifiedName !== undefined ? this.#typeString(type) : '';
        return `${prefix}(${list(node.inputs)}${node.inputs.length === 1 ? ',)' : ')'}`;
      }
      case 'prim::TupleIndex':
        return `(${use(node.input(0))})[${use(node.input(1))}]`;
      case 'prim::TupleSlice':
        return `(${use(node.input(0))})[${node.i('beg')}:${node.i('end')}]`;
      case 'prim::ListConstruct': {
        const type = node.output().type;
        if (type.kind !== 'ListType') throw new CodePrintError('prim::ListConstruct must output a list');
        const element = (type as ListType).elementType;
        // Lists whose type cannot be read from their members are annotated (List[Tensor] vs List[Optional[Tensor]]).
        if (node.inputs.length === 0) return `annotate(${outputType()}, [])`;
        if (!elementTypeCanBeInferredFromMembers(element)) return `annotate(${outputType()}, [${list(node.inputs)}])`;
        return `[${list(node.inputs)}]`;
      }
      case 'prim::DictConstruct': {
        const type = node.output().type;
        if (type.kind !== 'DictType') throw new CodePrintError('prim::DictConstruct must output a dict');
        const dict = type as DictType;
        if (node.inputs.length % 2 !== 0) throw new CodePrintError('prim::DictConstruct needs key-value pairs');
        const entries: string[] = [];
        for (let i = 0; i < node.inputs.length; i += 2) {
          entries.push(`${use(node.inputs[i])}: ${use(node.inputs[i + 1])}`);
        }
        const body = `{${entries.join(', ')}}`;
        if (
          node.inputs.length === 0 ||
          !elementTypeCanBeInferredFromMembers(dict.keyType) ||
          !elementTypeCanBeInferredFromMembers(dict.valueType)
        ) {
          return `annotate(${outputType()}, ${body})`;
        }
        return body;
      }
      case 'prim::CreateObject': {
        const name = outputType();
        return `${name}.__new__(${name})`;
      }
      case 'prim::GetAttr': {
        const field = node.s('name');
        const object = use(node.input(0));
        return isValidIdentifier(field) ? `${object}.${field}` : `getattr(${object}, ${quoteString(field)})`;
      }
      case 'prim::CallFunction': {
        const args = node.inputs.slice(1).map((v) => `${use(v)}, `);
        return `${use(node.input(0))}(${args.join('')})`;
      }
      case 'prim::PythonOp': {
        // A call of an @torch.jit.ignore'd method: PyTorch shows it as `^name()(args)` and refuses to export it.
        const name = node.hasAttribute('name') ? node.s('name') : '?';
        if (this.#enforceImportable) {
          throw new CodePrintError(
            `Could not export Python function call '${name}'. Remove calls to Python functions before export. ` +
              'Did you forget to add @script or @script_method annotation? If this is a nn.ModuleList, add it to __constants__',
          );
        }
        return `^${name}()(${node.inputs.map((v) => use(v)).join(', ')})`;
      }
      case 'prim::CallMethod': {
        const self = node.input(0);
        this.#addDependency(self.type);
        const args = node.inputs.slice(1).map((v) => `${use(v)}, `);
        return `(${use(self)}).${node.s('name')}(${args.join('')})`;
      }
      case 'aten::_unwrap_optional': {
        // The type of unwrap_optional(None) could not be recovered when read back: annotate the None.
        const input = node.input(0);
        if (input.type.kind === 'NoneType' || mustBeNone(input.node)) {
          const optional = OptionalType.of(node.output().type);
          return `${opName(node.kind)}(annotate(${this.#typeString(optional)}, ${use(input)}))`;
        }
        return `${opName(node.kind)}(${use(input)})`;
      }
      case 'prim::unchecked_unwrap_optional':
      case 'prim::unchecked_cast':
        return `unchecked_cast(${outputType()}, ${use(node.input(0))})`;
      case 'prim::isinstance': {
        const types = node.tys('types').map((t) => this.#typeString(t));
        const target = types.length === 1 ? types[0] : `(${types.join(', ')})`;
        return `isinstance(${use(node.input(0))}, ${target})`;
      }
      case 'prim::tolist':
        return `annotate(${outputType()}, ${use(node.input(0))}.tolist())`;
      case 'prim::EnumValue':
        return `(${use(node.input(0))}).value`;
      case 'prim::EnumName':
        return `(${use(node.input(0))}).name`;
      default:
        return `${opName(node.kind)}(${this.#arguments(node)})`;
    }
  }

  /**
   * The arguments of an operator call: trailing arguments equal to their schema default are left
   * out, keyword-only ones are written `name=value`, and `out=` arguments come last by name.
   * Without a schema, every input positionally.
   */
  #arguments(node: Node): string {
    const schema = node.maybeSchema();
    if (!schema) return this.#valueList(node.inputs);
    const args = schema.arguments;
    if (args.length === 0) return '';
    const [necessary, numOut] = calculateNecessaryArgs(args, node.inputs);
    const parts: string[] = [];
    for (let i = 0; i < necessary; i++) {
      const value = this.#useOf(node.input(i));
      parts.push(i < args.length && args[i].kwargOnly ? `${args[i].name}=${value}` : value);
    }
    let text = parts.join(', ');
    for (let i = args.length - numOut; i < args.length; i++) {
      text += ', ';
      const inputIndex = node.inputs.length - (args.length - i);
      if (inputIndex >= 0 && inputIndex < node.inputs.length) {
        text += `${args[i].name}=${this.#useOf(node.inputs[inputIndex])}`;
      }
    }
    return text;
  }

  // ---- constants -------------------------------------------------------------------------

  #constantText(value: IValue, type: JitType | undefined): string {
    return constantCode(
      value,
      type,
      (v) => {
        if (ivalueKind(v) === 'tensor' || containsNonAsciiString(v)) return `CONSTANTS.c${this.#getOrAddConstant(v)}`;
        return undefined;
      },
      this.#typePrinter,
    );
  }

  #getOrAddConstant(value: IValue): number {
    if (ivalueKind(value) === 'tensor') {
      const tensor = (value as { tensor: unknown }).tensor;
      const index = this.#constants.findIndex(
        (c) => ivalueKind(c) === 'tensor' && this.#tensorEquals((c as { tensor: unknown }).tensor, tensor),
      );
      if (index >= 0) return index;
    }
    this.#constants.push(value);
    return this.#constants.length - 1;
  }

  // ---- dependencies ----------------------------------------------------------------------

  #addDependency(type: JitType): void {
    const name = namedTypeName(type);
    if (name === undefined || this.#dependencyNames.has(name)) return;
    this.#dependencyNames.add(name);
    this.#dependencies.push(type);
  }

  #registerDependencies(type: JitType): void {
    if (type.kind !== 'FunctionType') this.#addDependency(type);
    for (const contained of type.containedTypes()) this.#registerDependencies(contained);
  }

  #scanTypeDependencies(node: Node): void {
    for (const value of node.inputs) this.#registerDependencies(value.type);
    for (const value of node.outputs) this.#registerDependencies(value.type);
    for (const name of node.attributeNames()) {
      const attribute = node.getAttribute(name);
      if (attribute?.kind === 'ty') this.#registerDependencies(attribute.value);
      else if (attribute?.kind === 'tys') for (const t of attribute.value) this.#registerDependencies(t);
    }
  }
}

function functionName(fn: CodeFunction): string {
  return fn.name ?? fn.schema.name;
}

/** PyTorch's spelling of an operator: `torch.add` for aten ops, `ops.prim.dtype` for the others. */
function opName(kind: string): string {
  if (kind === 'aten::backward') return 'torch.autograd.backward';
  if (kind === 'aten::grad') return 'torch.autograd.grad';
  const at = kind.indexOf('::');
  const namespace = kind.slice(0, at);
  const name = kind.slice(at + 2);
  return namespace === 'aten' ? `torch.${name}` : `ops.${namespace}.${name}`;
}

/**
 * How many leading inputs of an operator call must be written: the rest equal their defaults.
 * Trailing `out` arguments (keyword-only and written to) are counted apart and written by name.
 */
export function calculateNecessaryArgs(args: readonly Argument[], inputs: readonly Value[]): [number, number] {
  if (args.length === 0) return [0, 0];
  let index = args.length - 1;
  while (index >= 0 && args[index].kwargOnly && args[index].isWrite) index--;
  const numOut = args.length - index - 1;
  if (args.length < inputs.length) return [inputs.length, numOut];
  for (; index >= 0; index--) {
    const fallback = args[index].defaultValue;
    if (fallback === undefined) return [index + 1, numOut];
    const input = inputs[index];
    const actual = input ? constantOf(input) : undefined;
    if (!actual || !constantEquals(fallback as IValue, actual.value)) return [index + 1, numOut];
  }
  return [0, numOut];
}

function constantOf(value: Value): { value: IValue } | undefined {
  const node = value.node;
  if (node.kind !== 'prim::Constant' || node.outputs[0]?.type.kind === 'FunctionType') return undefined;
  return constantValue(node);
}

/** PyTorch's `Node::mustBeNone`: a None constant, or an Optional constant without a value. */
function mustBeNone(node: Node): boolean {
  if (node.kind === 'prim::AutogradZero') return true;
  if (node.outputs.length === 1 && node.outputs[0].type.kind === 'NoneType') return true;
  return (
    node.kind === 'prim::Constant' &&
    !node.hasAttributes() &&
    node.outputs.length === 1 &&
    node.outputs[0].type.kind === 'OptionalType'
  );
}

/** The type of a class constant when the class does not record it: read from the value, as PyTorch's IValue knows it. */
function inferConstantType(value: IValue): JitType | undefined {
  try {
    return typeOf(value);
  } catch {
    return undefined;
  }
}
