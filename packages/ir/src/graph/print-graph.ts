import { formatFloat, quoteString } from '../schema/default-value.js';
import type { DictType } from '../types/dict-type.js';
import type { JitType } from '../types/jit-type.js';
import type { ListType } from '../types/list-type.js';
import type { OptionalType } from '../types/optional-type.js';
import type { TupleType } from '../types/tuple-type.js';
import type { AttributeValue } from './attribute-value.js';
import type { Graph } from './graph.js';
import { irTypeString } from './ir-type-string.js';
import { type EnumValue, type IValue, ivalueKind } from './ivalue.js';
import type { Node } from './node.js';
import { tensorRepr } from './tensor-attribute.js';
import type { Value } from './value.js';

/**
 * PyTorch's textual IR format (`str(graph)`):
 *
 *     graph(%x.1 : Tensor,
 *           %c : bool):
 *       %2 : int = prim::Constant[value=1]()
 *       %3 : Tensor = prim::If(%c) # t.py:3:4
 *         block0():
 *           -> (%x.1)
 *         block1():
 *           -> (%x.1)
 *       return (%3)
 *
 * Nodes with a `Subgraph` attribute print as `<kind>_<n>` and their graphs follow the return
 * line as `with <kind>_<n> = graph(...)`.
 */
export function printGraph(graph: Graph, options: PrintOptions = {}): string {
  const out: string[] = [];
  const groups: Node[] = [];
  const ranges = options.sourceRanges ?? true;
  out.push(`graph(${valuesWithTypes(graph.inputs, ',\n      ')}):\n`);
  for (const node of graph.nodes()) printNodeInto(out, node, 1, groups, ranges);
  out.push(`  return (${valueRefs(graph.outputs)})\n`);
  groups.forEach((group, i) => {
    out.push(`with ${group.kind}_${i} = ${printGraph(group.g('Subgraph'), options)}`);
  });
  return out.join('');
}

export interface PrintOptions {
  /** Print `# file:line:col` after nodes that have a source range (default true, as `str(graph)` does). */
  readonly sourceRanges?: boolean;
}

/** One node (and its blocks) at indentation level 0, as PyTorch's `operator<<` on a Node prints it. */
export function printNode(node: Node, options: PrintOptions = {}): string {
  const out: string[] = [];
  printNodeInto(out, node, 0, undefined, options.sourceRanges ?? true);
  return out.join('');
}

function printNodeInto(out: string[], node: Node, level: number, groups: Node[] | undefined, ranges: boolean): void {
  out.push(`${'  '.repeat(level)}${valuesWithTypes(node.outputs, ', ')} = `);
  if (groups && node.hasAttribute('Subgraph')) {
    out.push(`${node.kind}_${groups.length}`);
    if (node.attributeNames().length > 1 && node.kind !== 'prim::DifferentiableGraph') {
      out.push(attributesString(node, true));
    }
    groups.push(node);
  } else if (node.kind === 'prim::PythonOp' && node.hasAttribute('name')) {
    // PyTorch prints a call into Python (an @torch.jit.ignore'd method) as `^name[]()`.
    out.push(`^${node.s('name')}[]()`);
  } else {
    out.push(node.kind);
    if (node.hasAttributes()) out.push(attributesString(node, false));
  }
  out.push(`(${valueRefs(node.inputs)})`);
  if (node.scope) out.push(`, scope: ${node.scope}`);
  const range = node.sourceRange;
  if (range && ranges) out.push(` # ${range.file}:${range.line}:${range.col}`);
  out.push('\n');
  node.blocks.forEach((block, i) => {
    out.push(`${'  '.repeat(level + 1)}block${i}(${valuesWithTypes(block.inputs, ', ')}):\n`);
    for (const nested of block.nodes()) printNodeInto(out, nested, level + 2, groups, ranges);
    out.push(`${'  '.repeat(level + 2)}-> (${valueRefs(block.outputs)})\n`);
  });
}

function valuesWithTypes(values: readonly Value[], delimiter: string): string {
  return values.map((v) => `%${v.debugName()} : ${irTypeString(v.type)}`).join(delimiter);
}

function valueRefs(values: readonly Value[]): string {
  return values.map((v) => `%${v.debugName()}`).join(', ');
}

function attributesString(node: Node, ignoreSubgraph: boolean): string {
  const parts: string[] = [];
  for (const name of node.attributeNames()) {
    if (ignoreSubgraph && name === 'Subgraph') continue;
    // A constant's list and dict values print with `annotate(...)` where PyTorch's do, which
    // needs their type: the output's type stands in for the type PyTorch's IValue carries.
    const type = node.kind === 'prim::Constant' && node.outputs.length === 1 ? node.outputs[0].type : undefined;
    parts.push(`${name}=${attributeValueString(node.getAttribute(name) as AttributeValue, type)}`);
  }
  return `[${parts.join(', ')}]`;
}

/** An attribute's value as PyTorch prints it inside `[name=...]`. */
export function attributeValueString(attribute: AttributeValue, type?: JitType): string {
  switch (attribute.kind) {
    case 'i':
      return String(attribute.value);
    case 'f':
      return formatIrFloat(attribute.value);
    case 'c':
      return formatComplex(attribute.value.re, attribute.value.im);
    case 's':
      return quoteString(attribute.value);
    case 't':
      return tensorRepr(attribute.value);
    case 'is':
      return `[${attribute.value.map(String).join(', ')}]`;
    case 'fs':
      return `[${attribute.value.map(formatIrFloat).join(', ')}]`;
    case 'ss':
      return `[${attribute.value.map(quoteString).join(', ')}]`;
    case 'ts':
      return '[<Tensors>]';
    case 'g':
      return '<Graph>';
    case 'gs':
      return '[<Graphs>]';
    case 'ty':
      return irTypeString(attribute.value);
    case 'tys':
      return `[${attribute.value.map(irTypeString).join(', ')}]`;
    case 'ival':
      return ivalueString(attribute.value, type);
  }
}

/**
 * A constant as PyTorch's IValue repr writes it: `None`, `True`, `1`, `2.`, `"s"`, `[1, 2]`,
 * `(1, "a")`, `{"a": 1}`, `1.+2.j`. With its type, lists and dicts whose type cannot be read
 * from their members (empty, or of Optional, Union, Scalar or Any elements) print as PyTorch
 * prints them, `annotate(List[int], [])`, and a list of tensors as `[<Tensors>]`.
 */
export function ivalueString(value: IValue, type?: JitType): string {
  let t = type;
  if (t?.kind === 'OptionalType' && value !== null) t = (t as OptionalType).elementType;
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string') return quoteString(value);
  if (Array.isArray(value)) {
    const items = value as readonly IValue[];
    const element = t?.kind === 'ListType' ? (t as ListType).elementType : undefined;
    if (element?.kind === 'TensorType') return '[<Tensors>]';
    const body = `[${items.map((v) => ivalueString(v, element)).join(', ')}]`;
    if (t && element && (items.length === 0 || !inferableFromMembers(element))) {
      return `annotate(${t.pythonStr()}, ${body})`;
    }
    return body;
  }
  const tagged = value as Exclude<IValue, null | boolean | string | readonly IValue[]>;
  switch (ivalueKind(tagged)) {
    case 'int':
      return String((tagged as { value: number | bigint }).value);
    case 'float':
      return formatIrFloat((tagged as { value: number }).value);
    case 'complex': {
      const { re, im } = tagged as { re: number; im: number };
      return formatComplex(re, im);
    }
    case 'tuple': {
      const items = (tagged as { items: readonly IValue[] }).items;
      const types = t?.kind === 'TupleType' ? (t as TupleType).elements : undefined;
      const printed = items.map((v, i) => ivalueString(v, types?.length === items.length ? types[i] : undefined));
      return items.length === 1 ? `(${printed[0]},)` : `(${printed.join(', ')})`;
    }
    case 'dict': {
      const entries = (tagged as { entries: readonly (readonly [IValue, IValue])[] }).entries;
      const dict = t?.kind === 'DictType' ? (t as DictType) : undefined;
      const body = `{${entries
        .map(([k, v]) => `${ivalueString(k, dict?.keyType)}: ${ivalueString(v, dict?.valueType)}`)
        .join(', ')}}`;
      if (dict && (entries.length === 0 || !inferableFromMembers(dict.valueType))) {
        return `annotate(${dict.pythonStr()},${body})`;
      }
      return body;
    }
    case 'tensor':
      return tensorRepr((tagged as { tensor: unknown }).tensor);
    case 'enum': {
      const { qualifiedName, name } = tagged as EnumValue;
      return `${qualifiedName}.${name}`;
    }
    default:
      return quoteString((tagged as { device: string }).device);
  }
}

/** Whether PyTorch reads a container's element type from its members (and so prints no annotation). */
function inferableFromMembers(element: JitType): boolean {
  return !['UnionType', 'OptionalType', 'NumberType', 'AnyType', 'InterfaceType'].includes(element.kind);
}

/** A double as PyTorch prints it in IR: `1.`, `-0.`, `0.10000000000000001`, `1e+20`, `inf`. */
export function formatIrFloat(value: number): string {
  return Object.is(value, -0) ? '-0.' : formatFloat(value);
}

function formatComplex(re: number, im: number): string {
  return `${formatIrFloat(re)}${im >= 0 || Object.is(im, -0) ? '+' : '-'}${formatIrFloat(Math.abs(im))}j`;
}
