#!/usr/bin/env node
import { existsSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { backwardEngines, DEFAULT_BACKWARD_ENGINE } from './backward-engines.js';
import { caseLine, runConformance, summaryLines } from './conformance.js';
import { errorText } from './error-text.js';
import { codeCommand, graphCommand, runCommand } from './inspect-commands.js';
import { UsageError } from './usage-error.js';

export const USAGE = `usage: tsjit <command> [options]

commands:
  conformance DIR [--json] [--filter REGEX] [--engine tape|none]
      run every case of a conformance corpus (the format of ../shared/fixtures/torchscript/README.md);
      one line per case, then "N passed, M failed"; exit code 1 when a case fails; backward sections
      run through the --engine (default tape: the eager autograd engine)
  code FILE.pt [--method NAME]
      the code of every method of the module's classes, as PyTorch's module.<method>.code prints it
  graph FILE.pt [--method forward] [--inlined]
      a method's graph (PyTorch's module.<method>.graph), or its inlined graph
  run FILE.pt --input x.npy [--input ...] [--method forward] [--output out.npy ...]
      call a method (inputs: .npy files or VALUEs such as '{"int": 3}'), print the result, and write
      its tensors to the --output files
  help
      this text

exit codes: 0 success, 1 a failing case or an error, 2 a bad command line`;

type Options = Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>;

function parse(args: string[], options: Options, positionals: string[]) {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (parsed.positionals.length !== positionals.length) {
    const want = positionals.join(' ');
    throw new UsageError(
      parsed.positionals.length < positionals.length
        ? `missing ${positionals.slice(parsed.positionals.length).join(' ')} (expected ${want})`
        : `unexpected argument ${JSON.stringify(parsed.positionals[positionals.length])} (expected ${want})`,
    );
  }
  return { values: parsed.values as Record<string, string | boolean | string[] | undefined>, args: parsed.positionals };
}

function requireFile(path: string): string {
  if (!existsSync(path) || !statSync(path).isFile()) throw new UsageError(`${path}: no such file`);
  return path;
}

/** Runs one command line; returns the exit code (output goes to stdout, problems to stderr). */
export function main(argv: string[]): number {
  const [command, ...rest] = argv;
  switch (command) {
    case 'conformance': {
      const { values, args } = parse(
        rest,
        { json: { type: 'boolean' }, filter: { type: 'string' }, engine: { type: 'string' } },
        ['DIR'],
      );
      const dir = args[0];
      if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`${dir}: no such directory`);
      let filter: RegExp | undefined;
      if (values.filter !== undefined) {
        try {
          filter = new RegExp(values.filter as string);
        } catch (e) {
          throw new UsageError(`--filter: ${(e as Error).message}`);
        }
      }
      const json = values.json === true;
      const engine = (values.engine as string | undefined) ?? DEFAULT_BACKWARD_ENGINE;
      if (engine !== 'none' && !backwardEngines.has(engine)) {
        throw new UsageError(
          `--engine: no backward engine '${engine}' (known: ${[...backwardEngines.keys(), 'none'].join(', ')})`,
        );
      }
      const report = runConformance(dir, {
        filter,
        engine,
        onCase: json ? undefined : (result) => process.stdout.write(`${caseLine(result)}\n`),
      });
      if (json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      else process.stdout.write(`${summaryLines(report).join('\n')}\n`);
      return report.failed > 0 ? 1 : 0;
    }
    case 'code': {
      const { values, args } = parse(rest, { method: { type: 'string' } }, ['FILE.pt']);
      process.stdout.write(codeCommand(requireFile(args[0]), values.method as string | undefined));
      return 0;
    }
    case 'graph': {
      const { values, args } = parse(rest, { method: { type: 'string' }, inlined: { type: 'boolean' } }, ['FILE.pt']);
      const method = (values.method as string | undefined) ?? 'forward';
      process.stdout.write(graphCommand(requireFile(args[0]), method, values.inlined === true));
      return 0;
    }
    case 'run': {
      const { values, args } = parse(
        rest,
        {
          input: { type: 'string', multiple: true },
          output: { type: 'string', multiple: true },
          method: { type: 'string' },
        },
        ['FILE.pt'],
      );
      const text = runCommand(requireFile(args[0]), {
        method: (values.method as string | undefined) ?? 'forward',
        inputs: (values.input as string[] | undefined) ?? [],
        outputs: (values.output as string[] | undefined) ?? [],
      });
      process.stdout.write(`${text}\n`);
      return 0;
    }
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(`${USAGE}\n`);
      return 0;
    case undefined:
      throw new UsageError('no command');
    default:
      throw new UsageError(`unknown command ${JSON.stringify(command)}`);
  }
}

function exitCode(argv: string[]): number {
  try {
    return main(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`tsjit: ${e.message}\n\n${USAGE}\n`);
      return 2;
    }
    // The whole message: a runtime error's TorchScript traceback, a compile error's quoted line.
    process.stderr.write(`tsjit: ${e instanceof Error ? e.message : errorText(e)}\n`);
    if (process.env.TSJIT_DEBUG) process.stderr.write(`${(e as Error).stack ?? ''}\n`);
    return 1;
  }
}

// process.exitCode, not process.exit(): stdout is a pipe in tests and scripts, and exiting at once may cut it short.
process.exitCode = exitCode(process.argv.slice(2));
