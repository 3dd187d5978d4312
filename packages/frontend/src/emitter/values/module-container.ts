import type { ClassType, Value } from '@tsjit/ir';

const CONTAINERS = '__torch__.torch.nn.modules.container.';

/**
 * Whether a module class is one of torch.nn's module containers, which TorchScript indexes with
 * constants and iterates by unrolling (PyTorch's ModuleValue over a ModuleList, Sequential or
 * ModuleDict): 'list' for ModuleList and Sequential, 'dict' for ModuleDict. Known by the name
 * PyTorch gives their scripted classes (`...container.ModuleList`, mangled or not).
 */
export function moduleContainerKind(type: ClassType): 'list' | 'dict' | undefined {
  if (!type.isModule || !type.qualifiedName.startsWith(CONTAINERS)) return undefined;
  const name = type.qualifiedName.slice(type.qualifiedName.lastIndexOf('.') + 1);
  if (name === 'ModuleList' || name === 'Sequential') return 'list';
  if (name === 'ModuleDict') return 'dict';
  return undefined;
}

/** The container's submodule attributes, in order. */
export function moduleContainerSlots(type: ClassType): string[] {
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
