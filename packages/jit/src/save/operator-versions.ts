import type { Graph, Node } from '@tsjit/ir';

/**
 * The file format version at which each operator's schema last changed (PyTorch 1.13's upgrader
 * table, `torch._C._get_operator_version_map()`): an archive whose code calls one of them must say
 * at least that version, so that an older reader refuses it rather than running the old semantics.
 */
const OPERATOR_VERSIONS: ReadonlyMap<string, number> = new Map([
  ...[
    'aten::div.Tensor',
    'aten::div.Tensor_mode',
    'aten::div.Scalar',
    'aten::div.Scalar_mode',
    'aten::div.out',
    'aten::div.out_mode',
    'aten::div_.Tensor',
    'aten::div_.Tensor_mode',
    'aten::div_.Scalar',
    'aten::div_.Scalar_mode',
  ].map((name) => [name, 4] as const),
  ['aten::full', 5],
  ['aten::full.names', 5],
  ['aten::full.out', 5],
  ['aten::linspace', 8],
  ['aten::linspace.out', 8],
  ['aten::logspace', 9],
  ['aten::logspace.out', 9],
  ['aten::gelu', 10],
  ['aten::gelu.out', 10],
]);

/** The oldest version PyTorch 1.13 writes (caffe2::serialize::kMinProducedFileFormatVersion). */
export const MIN_PRODUCED_VERSION = 3;

/** The version a graph's operators need (PythonPrint's `minVersion`), at least `atLeast`. */
export function graphMinVersion(graph: Graph, atLeast: number): number {
  let version = atLeast;
  const visit = (node: Node): void => {
    const schema = node.maybeSchema();
    if (schema !== undefined) {
      const name = schema.overloadName ? `${schema.name}.${schema.overloadName}` : schema.name;
      version = Math.max(version, OPERATOR_VERSIONS.get(name) ?? 0);
    }
  };
  for (const node of graph.allNodes()) visit(node);
  return version;
}
