import { type Graph, InternalError, type Node } from '@tsjit/ir';
import type { OpRegistry } from '@tsjit/ops';
import { eliminateCommonSubexpression } from './common-subexpression-elimination.js';
import { constantPooling } from './constant-pooling.js';
import { constantPropagation } from './constant-propagation.js';
import { eliminateDeadCode } from './dead-code-elimination.js';
import { inlineCalls } from './inline-calls.js';
import { lowerSimpleTuples } from './lower-simple-tuples.js';
import { peephole } from './peephole.js';

/** What a pipeline's passes may need; each pass reads the fields it knows. */
export interface PipelineOptions {
  readonly registry?: OpRegistry;
  /** For inlining: the graph a call node calls (see `inlineCalls`); without it calls stay. */
  readonly resolve?: (node: Node) => Graph | undefined;
  /** Rounds of the whole pipeline before giving up on a fixed point (default 10). */
  readonly maxIterations?: number;
  /** Called after each pass with its name and whether it changed the graph (tests lint here). */
  readonly afterPass?: (name: string, graph: Graph, changed: boolean) => void;
}

/** A pass as a pipeline runs it. */
export type PipelinePass = (graph: Graph, options: PipelineOptions) => boolean;

/** A named sequence of passes, run in order until none changes the graph (or `maxIterations`). */
export interface Pipeline {
  readonly passes: readonly (readonly [name: string, pass: PipelinePass])[];
  /** Run the sequence once only, not to a fixed point. */
  readonly once?: boolean;
}

/**
 * The named pipelines. `cleanup` is the default cleanup of freshly emitted graphs: inline →
 * constant propagation → constant pooling → peephole → lower simple tuples → CSE → DCE, to a
 * fixed point. Later passes (freezing, fusion) register theirs here by name.
 */
export const pipelines = new Map<string, Pipeline>([
  [
    'cleanup',
    {
      passes: [
        ['inline', (g, o) => (o.resolve ? inlineCalls(g, { resolve: o.resolve }) : false)],
        ['constantPropagation', (g, o) => constantPropagation(g, { registry: o.registry })],
        ['constantPooling', (g, o) => constantPooling(g, { registry: o.registry })],
        ['peephole', (g, o) => peephole(g, { registry: o.registry })],
        ['lowerSimpleTuples', (g, o) => lowerSimpleTuples(g, { registry: o.registry })],
        ['eliminateCommonSubexpression', (g, o) => eliminateCommonSubexpression(g, { registry: o.registry })],
        ['eliminateDeadCode', (g, o) => eliminateDeadCode(g, { registry: o.registry })],
      ],
    },
  ],
]);

/** Runs the pipeline called `name` on `graph`; returns whether any pass changed it. */
export function runPipeline(graph: Graph, name: string, options: PipelineOptions = {}): boolean {
  const pipeline = pipelines.get(name);
  if (!pipeline) {
    throw new InternalError(`no pipeline named '${name}' (known: ${[...pipelines.keys()].join(', ')})`);
  }
  const rounds = pipeline.once ? 1 : (options.maxIterations ?? 10);
  let changedAtAll = false;
  for (let round = 0; round < rounds; round++) {
    let changed = false;
    for (const [passName, pass] of pipeline.passes) {
      const did = pass(graph, options);
      options.afterPass?.(passName, graph, did);
      changed = did || changed;
    }
    changedAtAll = changed || changedAtAll;
    if (!changed) break;
  }
  return changedAtAll;
}
