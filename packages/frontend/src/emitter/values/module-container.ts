import type { ClassType, Value } from '@tsjit/ir';

const CONTAINERS = '__torch__.torch.nn.modules.container.';

/**
 * Whether a module class is one of torch.nn's containers, which TorchScript indexes with
 * constants and iterates by unrolling (PyTorch's ModuleValue over a ModuleList, Sequential,
 * ModuleDict, ParameterList or ParameterDict): 'list' for ModuleList, Sequential and
 * ParameterList, 'dict' for ModuleDict and ParameterDict. Known by the name PyTorch gives their
 * scripted classes (`...container.ModuleList`, mangled or not).
 */
export function moduleContainerKind(type: ClassType): 'list' | 'dict' | undefined {
  const name = containerName(type);
  if (name === 'ModuleList' || name === 'Sequential' || name === 'ParameterList') return 'list';
  if (name === 'ModuleDict' || name === 'ParameterDict') return 'dict';
  return undefined;
}

function containerName(type: ClassType): string | undefined {
  if (!type.isModule || !type.qualifiedName.startsWith(CONTAINERS)) return undefined;
  return type.qualifiedName.slice(type.qualifiedName.lastIndexOf('.') + 1);
}

/** The container's items, in order: submodules, or the parameters of a ParameterList / ParameterDict. */
export function moduleContainerSlots(type: ClassType): string[] {
  const name = containerName(type);
  if (name === 'ParameterList' || name === 'ParameterDict') {
    return type.attributes.filter((a) => a.kind === 'parameter').map((a) => a.name);
  }
  return type.attributes
    .filter((a) => a.type.kind === 'ClassType' && (a.type as ClassType).isModule)
    .map((a) => a.name);
}

/** The int or str of a `prim::Constant` value, if it is one. */
export function constantKey(value: Value): number | string | undefined {
  const node = value.node;
  if (node.kind !== 'prim::Constant') return undefined;
  if (value.type.kind === 'IntType') return Number(node.i('value'));
  if (value.type.kind === 'StringType') return node.s('value');
  return undefined;
}
