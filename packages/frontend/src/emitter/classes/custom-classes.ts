import { ClassType, parseSchema } from '@tsjit/ir';
import { customClassSchemas } from './custom-class-schemas.js';

let registry: ReadonlyMap<string, ClassType> | undefined;

function build(): ReadonlyMap<string, ClassType> {
  const classes = new Map<string, ClassType>();
  const named = (qualifiedName: string) => {
    let type = classes.get(qualifiedName);
    if (!type) {
      type = ClassType.named(qualifiedName);
      classes.set(qualifiedName, type);
    }
    return type;
  };
  for (const text of customClassSchemas) {
    // Classes that only appear as argument or return types (SourceStats, InstructionStats) exist too.
    for (const match of text.matchAll(/__torch__\.torch\.classes\.[A-Za-z_0-9]+\.[A-Za-z_0-9]+/g)) named(match[0]);
    const schema = parseSchema(text);
    const self = schema.arguments[0];
    if (self?.type.kind === 'ClassType') named((self.type as ClassType).qualifiedName).addMethod(schema);
  }
  return classes;
}

/**
 * PyTorch's registered custom C++ class (TorchBind) called `qualifiedName`
 * (`__torch__.torch.classes.quantized.LinearPackedParamsBase`), with the method schemas PyTorch
 * registers for it, or undefined. Like PyTorch's getCustomClass, the types are process-wide:
 * archives only name them, their objects come from the unpickler.
 */
export function customClass(qualifiedName: string): ClassType | undefined {
  if (!qualifiedName.startsWith('__torch__.torch.classes.')) return undefined;
  registry ??= build();
  return registry.get(qualifiedName);
}
