import { FormattedExecutionResult, FragmentDefinitionNode, GraphQLOutputType, GraphQLSchema, isListType, isNonNullType, isObjectType, Kind, OperationDefinitionNode, SelectionSetNode, FieldNode } from 'graphql';

/** Fields whose values are secrets a response shows once: never kept, never replayed. */
const secretFields: Record<string, ReadonlySet<string>> = {
  LoginPayload: new Set(['token']),
  ScreenTokenCreatePayload: new Set(['token']),
  PasswordResetPayload: new Set(['temporaryPassword']),
};

type Json = Record<string, unknown>;

function fieldsOf(set: SelectionSetNode | undefined, fragments: Map<string, FragmentDefinitionNode>, seen = new Set<string>()): FieldNode[] {
  if (!set) return [];
  return set.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection];
    if (selection.kind === Kind.INLINE_FRAGMENT) return fieldsOf(selection.selectionSet, fragments, seen);
    const name = selection.name.value;
    if (seen.has(name)) return [];
    return fieldsOf(fragments.get(name)?.selectionSet, fragments, new Set([...seen, name]));
  });
}

/**
 * The result as it may be kept for a replay: every secret the operation selected (wherever it sits, under any
 * alias) is replaced by null, and an error at its path says it was issued and is not shown again.
 */
export function withholdSecrets(
  schema: GraphQLSchema,
  fragments: readonly FragmentDefinitionNode[],
  operation: OperationDefinitionNode,
  result: FormattedExecutionResult,
): FormattedExecutionResult {
  const root = operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  if (!result.data || !root) return result;
  const byName = new Map(fragments.map((f) => [f.name.value, f]));
  const data = structuredClone(result.data) as Json;
  const withheld: Array<Array<string | number>> = [];

  const visit = (value: unknown, type: GraphQLOutputType, set: SelectionSetNode | undefined, path: Array<string | number>): void => {
    if (value === null || value === undefined) return;
    const nullable = isNonNullType(type) ? type.ofType : type;
    if (isListType(nullable)) {
      if (Array.isArray(value)) value.forEach((item, i) => visit(item, nullable.ofType, set, [...path, i]));
      return;
    }
    if (!isObjectType(nullable) || typeof value !== 'object') return;
    const object = value as Json;
    const secrets = secretFields[nullable.name];
    for (const field of fieldsOf(set, byName)) {
      const key = field.alias?.value ?? field.name.value;
      const definition = nullable.getFields()[field.name.value];
      if (!definition || !(key in object)) continue;
      if (secrets?.has(field.name.value)) {
        if (object[key] !== null) withheld.push([...path, key]);
        object[key] = null;
      } else {
        visit(object[key], definition.type, field.selectionSet, [...path, key]);
      }
    }
  };
  visit(data, root, operation.selectionSet, []);
  if (!withheld.length) return result;
  return {
    ...result,
    data,
    errors: [
      ...(result.errors ?? []),
      ...withheld.map((path) => ({
        message: 'The first request with this Idempotency-Key issued a secret here; it is not kept, so a retry does not show it again.',
        path,
        extensions: { code: 'CONFLICT', secretWithheld: true, firstRequestSucceeded: true },
      })),
    ],
  };
}
