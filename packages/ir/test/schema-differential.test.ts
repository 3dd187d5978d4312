import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseSchema, SchemaParseError } from '../src/index.js';

// torch 1.13's verdict on mutated real schemas (tooling/fixtures/gen_schema_mutations.py):
// its canonical print, null when it rejects the text, or "crash" when its parser died.
interface Case {
  readonly text: string;
  readonly torch: string | null;
}
const FIXTURE = new URL('./fixtures/schema-mutations-torch-1.13.jsonl.gz', import.meta.url);
const cases: Case[] = gunzipSync(readFileSync(FIXTURE))
  .toString('utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line));

function ours(text: string): string | null {
  try {
    return parseSchema(text).toString();
  } catch (error) {
    if (SchemaParseError.isInstance(error)) return null;
    throw error;
  }
}

/** Alias sets in a canonical order: torch prints them in its hash set's order, we as written. */
function sortAliasSets(text: string): string {
  return text.replace(/\(([\w$*|]+)(!?)((?: -> [\w$*|]*)?)\)/g, (_m, before: string, bang: string, after: string) => {
    const sorted = (sets: string) => sets.split('|').sort().join('|');
    return `(${sorted(before)}${bang}${after ? ` -> ${sorted(after.slice(4))}` : ''})`;
  });
}

describe('differential: mutated schemas, torch 1.13 against us', () => {
  it('holds the generated cases', () => {
    expect(cases.length).toBe(3000);
  });

  it('agrees with torch on every case, apart from the documented differences', () => {
    const disagreements: string[] = [];
    let exact = 0;
    for (const { text, torch } of cases) {
      const mine = ours(text);
      if (torch === 'crash') continue; // torch's parser died; we gave a result or a typed error
      if (mine === torch) {
        exact++;
        continue;
      }
      // torch checks custom classes against its registry of loaded C++ classes; we cannot.
      if (torch === null && text.includes('__torch__.torch.classes.')) continue;
      if (torch !== null && mine !== null) {
        // The Tensor! shorthand: torch prints `($0! -> )`, which does not parse; we print `($0!)`.
        const normalized = sortAliasSets(torch.replace(/\((\$\d+)! -> \)/g, '($1!)'));
        if (normalized === sortAliasSets(mine)) continue;
      }
      // torch reads a fixed list size such as [1.5] with stoll, as [1]; we reject it.
      if (torch !== null && mine === null && /\[\d+\.\d*\]/.test(text)) continue;
      disagreements.push(`${text}\n  torch: ${torch}\n  ours:  ${mine}`);
    }
    expect(disagreements.slice(0, 10).join('\n')).toBe('');
    // Nearly all cases agree exactly, differences included.
    expect(exact).toBeGreaterThan(cases.length * 0.98);
  });
});
