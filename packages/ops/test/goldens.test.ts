/**
 * Every op's samples against PyTorch's outputs (test/goldens/<op>.json.gz, made by
 * `pnpm --filter @tsjit/ops goldens`), on the plain test backend.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  allOps,
  compareWithGolden,
  encodeSampleValue,
  materialize,
  OpError,
  OpRegistry,
  plainContext,
  resolveOverload,
  type Sample,
  SampleBuilder,
  splitOptions,
} from '../src/index.js';

const registry = new OpRegistry(allOps);
const ctx = plainContext(registry);
const goldenDir = join(import.meta.dirname, 'goldens');

function encode(s: Sample): unknown {
  const e: Record<string, unknown> = { overload: s.overload, args: s.args.map(encodeSampleValue) };
  if (s.kwargs) e.kwargs = encodeSampleValue(s.kwargs);
  for (const k of ['error', 'check', 'compareArgs', 'rtol', 'atol'] as const) if (s[k] !== undefined) e[k] = s[k];
  return e;
}

for (const op of allOps) {
  describe(op.name, () => {
    const file = join(goldenDir, `${op.name}.json.gz`);
    const samples = op.definition.samples(new SampleBuilder(op.name));
    const golden = existsSync(file) ? JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) : null;

    it('has current goldens', () => {
      expect(golden, `no goldens for ${op.name}: run pnpm --filter @tsjit/ops goldens ${op.name}`).not.toBeNull();
      const stored = golden.samples.map(({ expected: _, ...rest }: { expected: unknown }) => rest);
      expect(
        JSON.stringify(stored) === JSON.stringify(samples.map(encode)),
        `goldens of ${op.name} are stale: run pnpm --filter @tsjit/ops goldens ${op.name}`,
      ).toBe(true);
    });

    samples.forEach((sample, i) => {
      it(`${i}: ${sample.overload}${sample.error ? ' (error)' : ''}`, () => {
        const expected = golden?.samples[i]?.expected;
        expect(expected, 'golden missing').toBeDefined();
        const overload = registry.find(sample.overload.includes('::') ? sample.overload : `aten::${sample.overload}`);
        expect(overload, `no overload ${sample.overload}`).toBeDefined();
        const args = sample.args.map((a) => materialize(ctx, a));
        const kwargs = sample.kwargs ? (materialize(ctx, sample.kwargs) as Record<string, unknown>) : undefined;
        // Overload resolution must pick the sampled overload for these arguments.
        const isTensor = (v: unknown) => ctx.isTensor(v);
        const [positional, keywords] = splitOptions(kwargs ? [...args, kwargs] : args, isTensor);
        if (!sample.error) {
          // TorchScript's builtins on non-tensor values are chosen by static types, which runtime
          // values cannot always tell apart (`len.t` / `len.any`, an empty dict of any key type):
          // for them the sampled overload must accept the arguments; tensor ops must be the first match.
          const o = overload!;
          const builtin =
            o.schema.namespace !== 'aten' ||
            [...o.schema.arguments, ...o.schema.returns].every((a) => !a.type.annotationStr().includes('Tensor'));
          const resolved = resolveOverload(
            builtin ? [o] : registry.overloads(o.schema.name),
            positional,
            keywords,
            isTensor,
          );
          expect(resolved.qualifiedName).toBe(o.qualifiedName);
        }
        let result: unknown;
        let error: unknown;
        try {
          result = overload!.impl(overload!.bind(args, kwargs), ctx, overload!);
        } catch (e) {
          error = e;
        }
        if (expected.error !== undefined) {
          expect(error, `PyTorch raised ${expected.type}: ${expected.error}`).toBeDefined();
          if (!OpError.isInstance(error) && !(error instanceof Error)) throw error;
          expect((error as Error).message).toContain(sample.error ?? '');
          return;
        }
        if (error) throw error;
        const diff = compareWithGolden(ctx, result, expected.value, {
          rtol: sample.rtol,
          atol: sample.atol,
          metaOnly: sample.check === 'meta',
        });
        expect(diff).toBeNull();
        if (sample.compareArgs) {
          sample.compareArgs.forEach((k, j) => {
            expect(compareWithGolden(ctx, args[k], expected.args[j], {}, `args[${k}]`)).toBeNull();
          });
        }
        const meta = overload!.op.metaFor(overload!);
        if (meta && ctx.isTensor(result)) {
          const m = meta(
            overload!.bind(
              sample.args.map((a) => materialize(ctx, a)),
              kwargs,
            ),
            overload!,
          );
          const one = Array.isArray(m) ? m[0] : m;
          expect([...one.sizes]).toEqual([...(result as { sizes: readonly number[] }).sizes]);
          expect(one.dtype).toBe((result as { dtype: string }).dtype);
        }
      });
    });
  });
}
