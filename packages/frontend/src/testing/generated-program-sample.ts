import fc from 'fast-check';
import type { FixtureSource } from './fixture-sources.js';
import {
  type Dialect,
  FAULT_KINDS,
  type FaultKind,
  type GeneratedProgram,
  programArbitrary,
} from './program-arbitrary.js';
import { type Mutation, sourceMutationArbitrary } from './source-mutation.js';

/** One program of the sample checked against PyTorch (tooling/fixtures/check_generated_programs.py). */
export interface SampleCase {
  id: string;
  kind: 'well-typed' | 'ill-typed' | 'mutated-generated' | 'mutated-fixture';
  source: string;
  dialect?: Dialect;
  fault?: { kind: FaultKind; line: number; description: string } | null;
  /** For mutations: what was mutated (a fixture's name, or the id of a well-typed case). */
  origin?: string;
  mutations?: Mutation[];
}

/** Sizes of the sample; the seeds are fixed, so the sample is the same on every run. */
export const SAMPLE_SIZES = { wellTyped: 100, illTypedPerFault: 20, mutatedGenerated: 100, mutatedFixture: 100 };
const SEED = 4_2024;

/**
 * The sample: well-typed programs in both dialects, programs with each kind of fault, and
 * mutations of well-typed programs and of the fixtures' source.py files (when `fixtures` is given;
 * their mutations are left out otherwise).
 */
export function generatedProgramSample(fixtures: readonly FixtureSource[] | null): SampleCase[] {
  const cases: SampleCase[] = [];
  const wellTyped: GeneratedProgram[] = [];
  for (const dialect of ['python', 'cu'] as const) {
    const programs = fc.sample(programArbitrary({ dialect }), {
      numRuns: SAMPLE_SIZES.wellTyped,
      seed: SEED + (dialect === 'cu' ? 1 : 0),
    });
    programs.forEach((p, i) => {
      wellTyped.push(p);
      cases.push({ id: `well-typed-${dialect}-${i}`, kind: 'well-typed', source: p.source, dialect });
    });
  }
  FAULT_KINDS.forEach((fault, k) => {
    const programs = fc.sample(programArbitrary({ fault }), {
      numRuns: SAMPLE_SIZES.illTypedPerFault,
      seed: SEED + 10 + k,
    });
    programs.forEach((p, i) => {
      cases.push({
        id: `ill-typed-${fault}-${i}`,
        kind: 'ill-typed',
        source: p.source,
        dialect: p.dialect,
        fault: p.fault,
      });
    });
  });
  const generated = cases.filter((c) => c.kind === 'well-typed');
  const mutated = fc.sample(sourceMutationArbitrary(generated.map((c) => c.source)), {
    numRuns: SAMPLE_SIZES.mutatedGenerated,
    seed: SEED + 100,
  });
  mutated.forEach((m, i) => {
    const origin = generated[m.origin] as SampleCase;
    cases.push({
      id: `mutated-generated-${i}`,
      kind: 'mutated-generated',
      source: m.source,
      origin: origin.id,
      mutations: m.mutations,
    });
  });
  const sources = (fixtures ?? []).filter((f) => f.name.endsWith('/source.py'));
  if (sources.length > 0) {
    const fixtureMutations = fc.sample(sourceMutationArbitrary(sources.map((s) => s.text)), {
      numRuns: SAMPLE_SIZES.mutatedFixture,
      seed: SEED + 200,
    });
    fixtureMutations.forEach((m, i) => {
      const origin = sources[m.origin] as FixtureSource;
      cases.push({
        id: `mutated-fixture-${i}`,
        kind: 'mutated-fixture',
        source: m.source,
        origin: origin.name,
        mutations: m.mutations,
      });
    });
  }
  return cases;
}
