import { fixtureSources, fixturesDir } from './fixture-sources.js';
import { generatedProgramSample } from './generated-program-sample.js';

// Prints the sample as JSON, for tooling/fixtures/check_generated_programs.py (which bundles this file).
const dir = fixturesDir();
if (!dir) process.stderr.write('fixtures not found: the sample has no mutations of fixture sources\n');
process.stdout.write(`${JSON.stringify(generatedProgramSample(dir ? fixtureSources(dir) : null))}\n`);
