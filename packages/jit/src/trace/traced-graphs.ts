import type { CompilationUnit as FrontendUnit } from '@tsjit/frontend';
import type { ClassType, Graph } from '@tsjit/ir';

/**
 * The graphs a trace recorded, by the unit the traced module was loaded into, class name and
 * method name: what PyTorch's `traced.graph` shows (every tensor typed as it was seen at trace
 * time, `Float(3, 4, strides=[4, 1], requires_grad=0, device=cpu)`), where the loaded module's
 * own graphs are recompiled from its code (plain `Tensor`). A module saved and loaded again shows
 * the recompiled graphs, as a loaded module does in PyTorch.
 */
const recorded = new WeakMap<FrontendUnit, Map<string, Map<string, Graph>>>();

/** Records the traced graphs of a unit's classes (`methods`: class → method name → graph). */
export function registerTracedGraphs(
  unit: FrontendUnit,
  methods: ReadonlyMap<ClassType, ReadonlyMap<string, { readonly graph: Graph }>>,
): void {
  let byClass = recorded.get(unit);
  if (byClass === undefined) recorded.set(unit, (byClass = new Map()));
  for (const [type, own] of methods) {
    byClass.set(type.qualifiedName, new Map([...own].map(([name, m]) => [name, m.graph])));
  }
}

/** The traced graph of method `name` of `type` in `unit`, if a trace recorded it. */
export function tracedGraph(unit: FrontendUnit, type: ClassType, name: string): Graph | undefined {
  return recorded.get(unit)?.get(type.qualifiedName)?.get(name);
}
