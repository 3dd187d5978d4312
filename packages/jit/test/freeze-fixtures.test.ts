import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Block, Graph, Node } from '@tsjit/ir';
import type { Tensor } from '@tsjit/tensor';
import { afterAll, describe, expect, it } from 'vitest';
import { freeze } from '../src/freeze/freeze.js';
import { optimizeForInference } from '../src/freeze/optimize-for-inference.js';
import { load } from '../src/load/load.js';
import { save } from '../src/save/save.js';
import type { ScriptModule } from '../src/script-module.js';
import { closeWorkers } from '../src/workers/index.js';
import {
  archiveCaseNames,
  FIXTURES,
  fixtureBytes,
  fixturesPresent,
  readCase,
  runCalls,
} from './support/save-fixtures.js';
import { torchRunCases, torchUnavailable } from './support/torch-oracle.js';

function* allNodes(block: Block): Generator<Node> {
  for (const node of block.nodes()) {
    yield node;
    for (const b of node.blocks) yield* allNodes(b);
  }
}

const CONVS = new Set(['aten::conv1d', 'aten::conv2d', 'aten::conv3d', 'aten::_convolution']);

/** Batch norms fed by a convolution whose weight is a constant (what folding must have removed). */
function unfoldedConvBatchNorms(graph: Graph): number {
  let n = 0;
  for (const node of allNodes(graph.block)) {
    if (node.kind !== 'aten::batch_norm') continue;
    const conv = node.inputs[0]?.node;
    if (conv && CONVS.has(conv.kind) && conv.inputs[1]?.node.kind === 'prim::Constant') n++;
  }
  return n;
}

/** The attribute names `self` is still read for. */
function selfReads(graph: Graph): string[] {
  const self = graph.inputs[0];
  return (self?.uses ?? []).filter((u) => u.user.kind === 'prim::GetAttr').map((u) => u.user.s('name'));
}

const CONTAINER_WRITERS = new Set(['aten::append', 'aten::insert', 'aten::extend', 'aten::clear', 'aten::pop']);

/**
 * Attribute names the graph writes: `prim::SetAttr` targets, and attributes read straight into
 * an in-place op (`add_`) or a list mutation (`append`), at any depth.
 */
function writtenAttributes(graph: Graph): Set<string> {
  const out = new Set<string>();
  for (const node of allNodes(graph.block)) {
    if (node.kind === 'prim::SetAttr') out.add(node.s('name'));
    if (node.kind !== 'prim::GetAttr') continue;
    const inPlace = node
      .output()
      .uses.some((u) => /^aten::[a-z_0-9]*[a-z0-9]_$/.test(u.user.kind) || CONTAINER_WRITERS.has(u.user.kind));
    if (inPlace) out.add(node.s('name'));
  }
  return out;
}

const values = (t: unknown): unknown => (t as { toArray(): unknown }).toArray();

function loadCase(name: string): ScriptModule {
  return load(fixtureBytes(name));
}

/** The archive cases PyTorch saved in eval mode (freezing refuses the others). */
function evalCases(): string[] {
  return archiveCaseNames().filter((name) => {
    try {
      return !loadCase(name).training;
    } catch {
      return false;
    }
  });
}

// Skips only where ../shared/fixtures/torchscript is absent (a user's clone); CI has the fixtures.
describe.skipIf(!fixturesPresent)('freeze on the conformance fixtures (../shared/fixtures/torchscript)', () => {
  const names = evalCases();
  const out = mkdtempSync(join(tmpdir(), 'tsjit-freeze-'));
  const pooled: ScriptModule[] = [];
  afterAll(async () => {
    rmSync(out, { recursive: true, force: true });
    for (const m of pooled) await closeWorkers(m);
  });

  it('has eval-mode archive cases', () => {
    expect(names.length).toBeGreaterThan(40);
  });

  it.each(names)('%s: frozen gives the recorded outputs; no folded attribute read is left', (name) => {
    const method = readCase(name).method;
    const frozen = freeze(loadCase(name), { preservedAttrs: method === 'forward' ? [] : [method] });
    // Saved before the calls: several cases carry state (counters) from call to call.
    writeFileSync(join(out, `${name}.pt`), save(frozen));
    expect(runCalls(frozen, name)).toEqual([]);
    const graph = frozen.method(method).graph;
    const written = writtenAttributes(graph);
    // What the frozen code still reads from self is state it writes itself (or a submodule holding such state).
    for (const attr of selfReads(graph)) {
      const v = frozen.object.getAttr(attr);
      const isObject = typeof v === 'object' && v !== null && 'type' in (v as object);
      expect(written.has(attr) || isObject, `${name}: self.${attr} read but not written`).toBe(true);
    }
    expect(frozen.object.hasAttr('training')).toBe(false);
    expect(unfoldedConvBatchNorms(graph)).toBe(0);
  });

  it('folds conv + batch norm in the torchvision MobileNetV3 (traced) and keeps its outputs', () => {
    const original = loadCase('tv_mobilenet_v3_small_traced');
    const before = [...allNodes(original.inlinedGraph.block)].filter((n) => n.kind === 'aten::batch_norm').length;
    expect(before).toBeGreaterThan(10);
    const frozen = freeze(original);
    expect([...allNodes(frozen.graph.block)].filter((n) => n.kind === 'aten::batch_norm')).toHaveLength(0);
    expect(frozen.code).toContain('CONSTANTS.c0');
    expect(frozen.code).not.toContain('self.');
  });

  it('runs on worker threads (forwardAsync) with the same results', async () => {
    const frozen = freeze(loadCase('nn_sequential_mlp'));
    pooled.push(frozen);
    const input = readCase('nn_sequential_mlp').calls[0]?.inputs ?? [];
    const { decodeValue } = await import('../src/testing/fixture-values.js');
    const args = input.map((v) => decodeValue(v, { caseDir: join(FIXTURES, 'nn_sequential_mlp') }));
    const sync = frozen.forward(...args) as Tensor;
    const async = (await frozen.forwardAsync(...args)) as Tensor;
    expect(values(async)).toEqual(values(sync));
    expect(async.numel()).toBeGreaterThan(0);
  });

  it('refuses a module in training mode with PyTorch error text', () => {
    const module = loadCase('nn_linear').train();
    expect(() => freeze(module)).toThrow(
      'Freezing is currently only implemented for modules in eval mode. Please call .eval() on your module before freezing.',
    );
  });

  it('optimizeForInference freezes a module in training mode (switching it to eval) and leaves frozen ones', () => {
    const module = loadCase('nn_batchnorm2d_eval').train();
    const optimized = optimizeForInference(module);
    expect(module.training).toBe(false);
    expect(optimized.object.hasAttr('training')).toBe(false);
    expect(runCalls(optimized, 'nn_batchnorm2d_eval')).toEqual([]);
    expect(optimizeForInference(optimized)).toBe(optimized);
  });

  const torch = torchUnavailable();
  // Skips only where /usr/bin/python3 has no torch (a user's machine); CI has PyTorch 1.13.
  it.skipIf(torch !== undefined)('saved frozen archives load in PyTorch 1.13 and give the recorded outputs', () => {
    const verdict = torchRunCases(FIXTURES, out);
    expect(Object.keys(verdict).sort()).toEqual([...names].sort());
    const failing = Object.entries(verdict).filter(([, problems]) => problems.length > 0);
    expect(failing).toEqual([]);
  });
});
