import type { DictType, FunctionSchema, JitType, ListType, Node, OptionalType, TupleType, VarType } from '@tsjit/ir';
import type { OpRegistry, Overload } from '@tsjit/ops';
import { opRegistry } from '@tsjit/tensor';

/** What the passes know about a node's operator: its schema, and the overload that runs it when the registry has one. */
export interface NodeOperator {
  readonly schema: FunctionSchema;
  readonly overload: Overload | undefined;
}

// Matching walks every overload of a name; graphs repeat the same (kind, input types) often.
const cache = new WeakMap<OpRegistry, Map<string, NodeOperator | null>>();

/**
 * The operator of `node`, found as PyTorch's `Node::maybeSchema` finds it: a schema set on the node
 * (or found by `Node.schemaLookup`) first, else the first overload of the node's kind in the
 * registry whose arguments accept the node's inputs by type (one input per argument, type
 * variables bound consistently; output types are not checked). Vararg schemas never match here.
 */
export function nodeOperator(node: Node, registry: OpRegistry = opRegistry()): NodeOperator | undefined {
  const explicit = node.maybeSchema();
  if (explicit) {
    return { schema: explicit, overload: registry.find(explicit.operatorName) };
  }
  if (!node.kind.includes('::')) return undefined;
  let byKey = cache.get(registry);
  if (!byKey) cache.set(registry, (byKey = new Map()));
  const key = `${node.kind}(${node.inputs.map((v) => v.type.annotationStr()).join(',')})${node.outputs.length}`;
  const hit = byKey.get(key);
  if (hit !== undefined) return hit ?? undefined;
  let found: NodeOperator | null = null;
  for (const overload of registry.overloads(node.kind)) {
    if (schemaMatches(overload.schema, node)) {
      found = { schema: overload.schema, overload };
      break;
    }
  }
  byKey.set(key, found);
  return found ?? undefined;
}

/** Whether the inputs of `node` fit the arguments of `schema` (PyTorch's `Node::matches`). */
export function schemaMatches(schema: FunctionSchema, node: Node): boolean {
  if (schema.isVararg) return false;
  const args = schema.arguments;
  if (args.length !== node.inputs.length) return false;
  if (!schema.isVarret && schema.returns.length !== node.outputs.length) return false;
  const env = new Map<string, JitType>();
  for (let i = 0; i < args.length; i++) {
    if (!matchType(args[i].type, node.inputs[i].type, env)) return false;
  }
  return true;
}

function matchType(formal: JitType, actual: JitType, env: Map<string, JitType>): boolean {
  switch (formal.kind) {
    case 'VarType': {
      const name = (formal as VarType).name;
      const bound = env.get(name);
      if (bound === undefined) {
        env.set(name, actual);
        return true;
      }
      return actual.isSubtypeOf(bound) || bound.isSubtypeOf(actual);
    }
    case 'ListType':
      return (
        actual.kind === 'ListType' && matchType((formal as ListType).elementType, (actual as ListType).elementType, env)
      );
    case 'OptionalType': {
      if (actual.kind === 'NoneType') return true;
      const element = (formal as OptionalType).elementType;
      if (actual.kind === 'OptionalType') return matchType(element, (actual as OptionalType).elementType, env);
      return matchType(element, actual, env);
    }
    case 'TupleType': {
      if (actual.kind !== 'TupleType') return false;
      const f = (formal as TupleType).elements;
      const a = (actual as TupleType).elements;
      return f.length === a.length && f.every((t, i) => matchType(t, a[i], env));
    }
    case 'DictType':
      return (
        actual.kind === 'DictType' &&
        matchType((formal as DictType).keyType, (actual as DictType).keyType, env) &&
        matchType((formal as DictType).valueType, (actual as DictType).valueType, env)
      );
    default:
      return actual.isSubtypeOf(formal);
  }
}
