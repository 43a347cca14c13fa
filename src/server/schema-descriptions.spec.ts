import 'reflect-metadata';
import { GraphQLSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType, isUnionType, isScalarType, specifiedScalarTypes } from 'graphql';
import { createSchema } from './schema';

/** Every type, field, argument, input field and enum value of the schema, without a description. */
export function undescribed(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  const blank = (text: string | null | undefined) => !text || !text.trim();
  const builtIn = new Set(specifiedScalarTypes.map((t) => t.name));
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || builtIn.has(type.name)) continue;
    if (blank(type.description)) missing.push(`type ${type.name}`);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (blank(field.description)) missing.push(`field ${type.name}.${field.name}`);
        for (const arg of field.args) if (blank(arg.description)) missing.push(`argument ${type.name}.${field.name}(${arg.name})`);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) if (blank(field.description)) missing.push(`input field ${type.name}.${field.name}`);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) if (blank(value.description)) missing.push(`enum value ${type.name}.${value.name}`);
    } else if (!isUnionType(type) && !isScalarType(type)) {
      missing.push(`unknown kind ${String(type)}`);
    }
  }
  return missing.sort();
}

describe('schema documentation', () => {
  it('describes every type, field, argument, input field and enum value', async () => {
    const schema = await createSchema();
    expect(undescribed(schema)).toEqual([]);
  });
});
