import type { Graph } from './graph.js';
export function lint(_graph: Graph): void {}
