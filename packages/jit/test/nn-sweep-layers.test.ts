/**
 * Issue 8's acceptance sweep, layers: every layer class @tsjit/nn exports (enumerated from the
 * package, so that a new layer cannot be forgotten) in representative configurations, in eval and,
 * where it matters, training mode: the eager module, `jit.trace` and `jit.script` of it give the
 * same outputs (every output: tuples, `(output, (h, c))`) on the example inputs and on fresh ones
 * of the same shapes; the scripted run leaves the same state (running stats) as the eager one; and
 * PyTorch 1.13 loads every traced and scripted archive and reproduces the eager outputs (one Python
 * process for the whole batch, tooling/fixtures/torch_load_resaved.py); tsjit loads them back alike.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as nn from '@tsjit/nn';
import { manualSeed, torchOps as T, Tensor } from '@tsjit/tensor';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { closeWorkers, load, type ScriptModule, save, script, trace } from '../src/index.js';
import {
  differences,
  type GrowKind,
  growInputs,
  isTraceable,
  Positional,
  type TorchCall,
  writeTorchBatch,
} from './support/nn-sweep.js';
import {
  abstractBases,
  gapsOf,
  growthNames,
  growthsOf,
  notSwept,
  type SweepCase,
  sweepCases,
} from './support/nn-sweep-cases.js';
import { torchRunCases, torchUnavailable } from './support/torch-oracle.js';

// The same kernels run eagerly and in the interpreter: only a scripted composite's other order of
// float32 operations may differ.
const jitTol = { rtol: 1e-5, atol: 1e-6 };
// PyTorch's kernels sum in other orders than tsjit's (convolutions, matmuls).
const torchTol = { rtol: 1e-4, atol: 1e-5 };

const clone = (v: unknown): unknown =>
  v instanceof Tensor ? T.clone(v) : Array.isArray(v) && v.some((x) => x instanceof Tensor) ? v.map(clone) : v;
const clones = (vs: readonly unknown[]) => vs.map(clone);

const eagerCall = (c: SweepCase, m: nn.Module, args: unknown[]): unknown =>
  c.call ? c.call(m, args) : m.call(...args);

// What a traced function returns: tensors and tuples (the absent attention weights left out).
const traceOutput = (out: unknown): unknown =>
  Array.isArray(out) && out.length === 2 && out[1] === null ? out[0] : out;

const moduleClasses = Object.entries(nn)
  .filter(([, v]) => typeof v === 'function' && (v as { prototype: unknown }).prototype instanceof nn.Module)
  .map(([name, v]) => [name, v as abstract new (...a: never[]) => nn.Module] as const);

const torchCalls: TorchCall[] = [];
const scripted: ScriptModule[] = [];
const counts = { trace: 0, script: 0 };
// Per kind of size, the layer classes whose traces were rerun at other sizes (and the configurations).
const grown: Record<GrowKind, { layers: Set<string>; cases: number }> = {
  batch: { layers: new Set(), cases: 0 },
  seq: { layers: new Set(), cases: 0 },
  spatial: { layers: new Set(), cases: 0 },
};
const knownGaps: string[] = [];
const flatCount = (vs: readonly unknown[]): number =>
  vs.reduce<number>((n, v) => n + (Array.isArray(v) ? flatCount(v) : 1), 0);

describe('every exported nn layer: covered by the sweep', () => {
  it('each exported Module class has cases, or is an abstract base of covered classes', () => {
    const covered = new Set(sweepCases.map((c) => c.layer));
    const missing = moduleClasses
      .map(([name]) => name)
      .filter((name) => !covered.has(name) && !(name in abstractBases) && !(name in notSwept));
    expect(missing).toEqual([]);
    expect(moduleClasses.length).toBeGreaterThan(100);
    // A base listed as abstract must really be the base of a covered class, never a layer let off.
    for (const name of Object.keys(abstractBases)) {
      const base = (nn as unknown as Record<string, { prototype: unknown }>)[name];
      const derived = moduleClasses.filter(([n, cls]) => covered.has(n) && cls.prototype instanceof (base as never));
      expect(derived.length, name).toBeGreaterThan(0);
    }
    expect(notSwept).toEqual({});
  });

  it('case names are unique', () => {
    expect(new Set(sweepCases.map((c) => c.name)).size).toBe(sweepCases.length);
  });

  it('the growth table names cases, with a dims entry per traceable tensor', () => {
    const names = new Set(sweepCases.map((c) => c.name));
    expect(growthNames.filter((n) => !names.has(n))).toEqual([]);
    for (const c of sweepCases) {
      manualSeed(1);
      const tensors = flatCount(c.inputs().filter(isTraceable));
      for (const [kind, dims] of growthsOf(c, tensors)) expect(dims.length, `${c.name} ${kind}`).toBe(tensors);
    }
  });
});

describe('every nn layer: eager, jit.trace and jit.script agree', () => {
  const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
  afterAll(async () => {
    warn.mockRestore();
    for (const m of scripted) await closeWorkers(m);
  });

  for (const c of sweepCases) {
    it(c.name, () => {
      const build = () => {
        manualSeed(0);
        return c.build().train(c.train ?? false);
      };
      const eager = build();
      const scriptTwin = build();
      const traceTwin = build();
      manualSeed(1);
      const inputs = c.inputs();
      manualSeed(3);
      const inputs2 = c.inputs();

      manualSeed(2);
      const expected = eagerCall(c, eager, clones(inputs));

      // jit.script: PyTorch's forward signature, every argument positional. A class PyTorch's
      // jit.script refuses must be refused here too (the case's scriptRefused says why).
      const after = eager.stateDict();
      let sm: ScriptModule | undefined;
      if (c.scriptRefused !== undefined) {
        expect(() => script(scriptTwin)).toThrow(/no TorchScript/);
      } else {
        sm = script(scriptTwin);
        scripted.push(sm);
        expect(sm.training).toBe(c.train ?? false);
        manualSeed(2);
        const got = sm.forward(...clones(inputs));
        expect(differences(got, expected, jitTol, 'script')).toEqual([]);
        // The scripted forward updates the state as the eager one (running stats, num_batches_tracked).
        for (const [key, t] of scriptTwin.stateDict()) {
          expect(differences(t, after.get(key), jitTol, `state ${key}`)).toEqual([]);
        }
      }

      // jit.trace: the layer itself, or a wrapper taking the tensor arguments positionally.
      const traceable = inputs.filter(isTraceable);
      const direct = c.call === undefined && traceable.length === inputs.length;
      const target = direct ? traceTwin : new Positional(traceTwin, inputs, (m, a) => eagerCall(c, m, a));
      manualSeed(2);
      const tm = trace(target, clones(traceable), { checkTrace: !c.random });
      scripted.push(tm);
      // From the state the eager run started with (tracing ran the forward): the traced forward
      // updates the state as the eager one (running stats, num_batches_tracked, renormalized rows).
      traceTwin.loadStateDict(build().stateDict());
      manualSeed(2);
      const traced = tm.forward(...clones(traceable));
      expect(differences(traced, traceOutput(expected), jitTol, 'trace')).toEqual([]);
      for (const [key, t] of traceTwin.stateDict()) {
        expect(differences(t, after.get(key), jitTol, `traced state ${key}`)).toEqual([]);
      }

      // Fresh inputs of the same shapes: nothing of the example inputs' data is baked in.
      const traceable2 = inputs2.filter(isTraceable);
      manualSeed(4);
      const expected2 = eagerCall(c, eager, clones(inputs2));
      if (sm !== undefined) {
        manualSeed(4);
        expect(differences(sm.forward(...clones(inputs2)), expected2, jitTol, 'script, other inputs')).toEqual([]);
        counts.script++;
      }
      manualSeed(4);
      expect(
        differences(tm.forward(...clones(traceable2)), traceOutput(expected2), jitTol, 'trace, other inputs'),
      ).toEqual([]);
      counts.trace++;

      // Other batch sizes, sequence lengths, spatial sizes: the trace recorded sizes, not numbers.
      const more: { inputs: unknown[]; outputs: unknown }[] = [];
      const gaps = new Set(gapsOf(c, flatCount(traceable2)).map(([kind]) => kind));
      for (const [kind, dims] of growthsOf(c, flatCount(traceable2))) {
        const big = growInputs(inputs2, dims);
        const bigTraceable = big.filter(isTraceable);
        manualSeed(5);
        const eagerBig = eagerCall(c, eager, clones(big));
        const expectedBig = traceOutput(eagerBig);
        // The scripted layer (its TorchScript source) runs at any size: the same comparison for it.
        if (sm !== undefined) {
          manualSeed(5);
          expect(differences(sm.forward(...clones(big)), eagerBig, jitTol, `script, other ${kind} size`)).toEqual([]);
        }
        manualSeed(5);
        let out: unknown;
        try {
          out = tm.forward(...clones(bigTraceable));
        } catch (e) {
          out = `${(e as Error).message.split('\n')[0]}`;
        }
        const problems = differences(out, expectedBig, jitTol, `trace, other ${kind} size`);
        if (gaps.has(kind)) {
          // A known gap (the case's `gap` says why): it must still be one, or the table is out of date.
          expect(problems, `${c.name}: the ${kind} gap is closed, move it out of the table`).not.toEqual([]);
          knownGaps.push(`${c.name} (${kind})`);
          continue;
        }
        expect(problems).toEqual([]);
        grown[kind].layers.add(c.layer);
        grown[kind].cases++;
        if (!c.random) more.push({ inputs: bigTraceable, outputs: expectedBig });
      }

      // The saved archives load back in tsjit and run as the modules they came from.
      const scriptArchive = sm === undefined ? undefined : save(sm);
      const traceArchive = save(tm);
      const reloadedTrace = load(traceArchive);
      scripted.push(reloadedTrace);
      if (scriptArchive !== undefined) {
        const reloadedScript = load(scriptArchive);
        scripted.push(reloadedScript);
        manualSeed(4);
        expect(differences(reloadedScript.forward(...clones(inputs2)), expected2, jitTol, 'script archive')).toEqual(
          [],
        );
      }
      manualSeed(4);
      const fromTrace = reloadedTrace.forward(...clones(traceable2));
      expect(differences(fromTrace, traceOutput(expected2), jitTol, 'trace archive')).toEqual([]);

      // PyTorch's generator is not tsjit's: random outputs cannot be compared there.
      if (!c.random) {
        if (scriptArchive !== undefined) {
          torchCalls.push({
            name: `${c.name}.script`,
            archive: scriptArchive,
            inputs: inputs2,
            outputs: expected2,
            tol: torchTol,
          });
        }
        torchCalls.push({
          name: `${c.name}.trace`,
          archive: traceArchive,
          inputs: traceable2,
          outputs: traceOutput(expected2),
          tol: torchTol,
          more,
        });
      }
    });
  }
});

const noTorch = torchUnavailable();
if (noTorch !== undefined) console.warn(`nn-sweep-layers: the PyTorch part is skipped (${noTorch})`);

// PyTorch 1.13 at /usr/bin/python3 is the oracle for the saved archives: without it there is nothing to load them.
describe.skipIf(noTorch !== undefined)('PyTorch 1.13 loads every traced and scripted archive', () => {
  it('and reproduces the eager outputs', () => {
    const deterministic = sweepCases.filter((c) => !c.random);
    const refused = deterministic.filter((c) => c.scriptRefused !== undefined).length;
    expect(torchCalls.length).toBe(2 * deterministic.length - refused);
    const dir = mkdtempSync(join(tmpdir(), 'tsjit-nn-sweep-'));
    try {
      // A canary: an archive with outputs it does not give must come back failing (the oracle can fail).
      const [first] = torchCalls;
      const canary = { ...first, name: 'canary', outputs: T.add(first.outputs as Tensor, 1e-3) };
      const { fixtures, archives } = writeTorchBatch(dir, [...torchCalls, canary]);
      const { canary: canaryVerdict, ...verdicts } = torchRunCases(fixtures, archives);
      expect(canaryVerdict?.length).toBe(1);
      expect(Object.keys(verdicts).length).toBe(torchCalls.length);
      const failing = Object.entries(verdicts).filter(([, problems]) => problems.length > 0);
      expect(failing).toEqual([]);
      console.log(
        `nn sweep: ${sweepCases.length} configurations of ${new Set(sweepCases.map((c) => c.layer)).size} layer classes; ` +
          `trace ${counts.trace} and script ${counts.script} match eager; ` +
          `PyTorch loads ${Object.keys(verdicts).length - failing.length}/${torchCalls.length} archives with equal outputs ` +
          `(traces also at other sizes: ${(Object.keys(grown) as GrowKind[])
            .map((k) => `${k} ${grown[k].cases} configurations of ${grown[k].layers.size} classes`)
            .join(', ')}; known gaps: ${knownGaps.join(', ') || 'none'}; ` +
          `traced only (jit.script refuses them, as PyTorch's): ${
            sweepCases
              .filter((c) => c.scriptRefused !== undefined)
              .map((c) => c.name)
              .join(', ') || 'none'
          }; not generalizing in PyTorch either: ${
            sweepCases
              .filter((c) => c.fixed !== undefined)
              .map((c) => `${c.name} (${Object.keys(c.fixed ?? {}).join(', ')})`)
              .join(', ') || 'none'
          })`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
