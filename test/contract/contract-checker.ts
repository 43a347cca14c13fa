import {
  GraphQLArgument,
  GraphQLInterfaceType,
  GraphQLNamedType,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isRequiredArgument,
  isRequiredInputField,
  isSpecifiedScalarType,
  isUnionType,
} from 'graphql';

export type TypeKind = 'object' | 'interface' | 'union' | 'enum' | 'input' | 'scalar';

export function kindOf(type: GraphQLNamedType): TypeKind {
  if (isObjectType(type)) return 'object';
  if (isInterfaceType(type)) return 'interface';
  if (isUnionType(type)) return 'union';
  if (isEnumType(type)) return 'enum';
  if (isInputObjectType(type)) return 'input';
  return 'scalar';
}

/** The named types the contract defines (built-in scalars and introspection types left out). */
export function contractTypes(contract: GraphQLSchema): GraphQLNamedType[] {
  return Object.values(contract.getTypeMap()).filter(
    (type) => !isIntrospectionType(type) && !isSpecifiedScalarType(type),
  );
}

/** The fields of an object, interface or input type, or the values of an enum. */
export function memberNames(type: GraphQLNamedType): string[] {
  if (hasFields(type) || isInputObjectType(type)) return Object.keys(type.getFields());
  if (isEnumType(type)) return type.getValues().map((value) => value.name);
  return [];
}

/**
 * Lists every way `emitted` falls short of `contract`; empty when it conforms.
 * Each problem starts with the path it concerns — `Type`, `Type.member` or `Type.field(argument)` —
 * followed by `: `, so callers can group problems by contract member.
 */
export function compareToContract(contract: GraphQLSchema, emitted: GraphQLSchema): string[] {
  const problems: string[] = [];
  for (const expected of contractTypes(contract)) {
    const name = expected.name;
    const actual = emitted.getType(name);
    if (!actual) {
      problems.push(`${name}: missing`);
    } else if (kindOf(actual) !== kindOf(expected)) {
      problems.push(`${name}: expected ${kindOf(expected)}, found ${kindOf(actual)}`);
    } else if (hasFields(expected) && hasFields(actual)) {
      const implemented = actual.getInterfaces().map((i) => i.name);
      for (const { name: iface } of expected.getInterfaces()) {
        if (!implemented.includes(iface)) problems.push(`${name}: must implement ${iface}`);
      }
      const actualFields = actual.getFields();
      for (const field of Object.values(expected.getFields())) {
        const path = `${name}.${field.name}`;
        const found = actualFields[field.name];
        problems.push(...compareTyped(path, field, found));
        if (found) problems.push(...compareArguments(path, field.args, found.args));
      }
    } else if (isInputObjectType(expected) && isInputObjectType(actual)) {
      const expectedFields = expected.getFields();
      const actualFields = actual.getFields();
      for (const field of Object.values(expectedFields)) {
        problems.push(...compareTyped(`${name}.${field.name}`, field, actualFields[field.name]));
      }
      for (const field of Object.values(actualFields)) {
        // Inputs that existing clients send lack the new field, so it must not be required.
        if (isRequiredInputField(field) && !expectedFields[field.name]) {
          problems.push(`${name}: new input field ${field.name} must be nullable or have a default, found ${field.type}`);
        }
      }
    } else if (isEnumType(expected) && isEnumType(actual)) {
      for (const { name: value } of expected.getValues()) {
        if (!actual.getValue(value)) problems.push(`${name}.${value}: missing`);
      }
    } else if (isUnionType(expected) && isUnionType(actual)) {
      const members = actual.getTypes().map((member) => member.name);
      for (const { name: member } of expected.getTypes()) {
        if (!members.includes(member)) problems.push(`${name}: must include ${member}`);
      }
    }
  }
  return problems;
}

function hasFields(type: GraphQLNamedType): type is GraphQLObjectType | GraphQLInterfaceType {
  return isObjectType(type) || isInterfaceType(type);
}

function compareTyped(path: string, expected: { type: GraphQLType }, actual: { type: GraphQLType } | undefined): string[] {
  if (!actual) return [`${path}: missing`];
  const want = String(expected.type);
  const got = String(actual.type);
  return want === got ? [] : [`${path}: expected type ${want}, found ${got}`];
}

function compareArguments(path: string, expected: readonly GraphQLArgument[], actual: readonly GraphQLArgument[]): string[] {
  const problems: string[] = [];
  for (const arg of expected) {
    problems.push(...compareTyped(`${path}(${arg.name})`, arg, actual.find((a) => a.name === arg.name)));
  }
  for (const arg of actual) {
    // Existing operations don't pass the new argument, so a required one would make them invalid.
    if (isRequiredArgument(arg) && !expected.some((a) => a.name === arg.name)) {
      problems.push(`${path}(${arg.name}): new argument must be nullable or have a default, found ${arg.type}`);
    }
  }
  return problems;
}
