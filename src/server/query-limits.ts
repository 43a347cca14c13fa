import { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  ASTVisitor,
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  getNullableType,
  GraphQLError,
  GraphQLSchema,
  isListType,
  isObjectType,
  Kind,
  SelectionSetNode,
  ValidationContext,
} from 'graphql';
import { ComplexityEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';

/** Depth allowed under __schema or __type: graphql-js' getIntrospectionQuery() reaches 13 (TypeRef's ofType chain). */
export const maxIntrospectionDepth = 15;

/** Refuses documents nested deeper than `maxDepth` fields (fragments followed; introspection has its own bound). */
export function depthLimit(maxDepth: number) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    const depthOf = (set: SelectionSetNode | undefined, seen: Set<string>): number => {
      if (!set) return 0;
      let max = 0;
      for (const selection of set.selections) {
        if (selection.kind === Kind.FIELD) {
          if (selection.name.value.startsWith('__')) {
            // Introspection has its own bound: deep enough for graphql-js' introspection query (ofType 7 deep).
            const inner = 1 + depthOf((selection as FieldNode).selectionSet, seen);
            if (inner > maxIntrospectionDepth) tooDeepIntrospection = inner;
            continue;
          }
          max = Math.max(max, 1 + depthOf((selection as FieldNode).selectionSet, seen));
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          max = Math.max(max, depthOf(selection.selectionSet, seen));
        } else {
          const name = selection.name.value;
          if (seen.has(name)) continue;
          max = Math.max(max, depthOf(fragments.get(name)?.selectionSet, new Set([...seen, name])));
        }
      }
      return max;
    };
    let tooDeepIntrospection = 0;
    return {
      OperationDefinition(node) {
        const depth = depthOf(node.selectionSet, new Set());
        if (depth > maxDepth) context.reportError(new GraphQLError(`The query is ${depth} levels deep; at most ${maxDepth} are allowed.`, { nodes: [node] }));
        if (tooDeepIntrospection) {
          context.reportError(new GraphQLError(`The introspection is ${tooDeepIntrospection} levels deep; at most ${maxIntrospectionDepth} are allowed.`, { nodes: [node] }));
        }
      },
    };
  };
}

/** Refuses documents with more than `maxAliases` aliased fields (alias batching amplifies cost). */
export function aliasLimit(maxAliases: number) {
  return (context: ValidationContext): ASTVisitor => {
    let aliases = 0;
    return {
      Field(node) {
        if (node.alias) aliases += 1;
      },
      Document: {
        leave(node) {
          if (aliases > maxAliases) context.reportError(new GraphQLError(`The document has ${aliases} aliases; at most ${maxAliases} are allowed.`, { nodes: [node] }));
        },
      },
    };
  };
}

/** Refuses documents that define more than `maxVariables` variables (each is coerced, and unused ones still cost validation). */
export function variableLimit(maxVariables: number) {
  return (context: ValidationContext): ASTVisitor => {
    let variables = 0;
    return {
      VariableDefinition() {
        variables += 1;
      },
      Document: {
        leave(node) {
          if (variables > maxVariables) context.reportError(new GraphQLError(`The document defines ${variables} variables; at most ${maxVariables} are allowed.`, { nodes: [node] }));
        },
      },
    };
  };
}

/** What a list field is assumed to hold when the query does not say (`first`). */
const assumedListLength = 20;

/**
 * Estimated cost of an operation: every field costs 1, and a list multiplies what is selected under it by its
 * page size (`first` or `last`, else the connection default) or, for plain lists, by an assumed length. Used to refuse
 * queries whose answer would be huge before any of it is computed.
 */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown> | undefined, defaultPageSize: number): number {
  const listEstimator: ComplexityEstimator = ({ type: parent, field, args, childComplexity }) => {
    // Introspection (__schema, __type and what lies under them) reads the schema, not data: it is not costed here
    // (tools send graphql-js' full introspection query, about 330,000 by this count); its depth has its own bound.
    if (field.name.startsWith('__') || parent.name.startsWith('__')) return 0;
    // A connection's page size already counts once; its edges and nodes lists do not multiply again.
    if (parent.name.endsWith('Connection') && (field.name === 'nodes' || field.name === 'edges')) return 1 + childComplexity;
    const type = getNullableType(field.type);
    const connection = isObjectType(type) && type.name.endsWith('Connection');
    if (!connection && !isListType(type)) return 1 + childComplexity;
    // The page size, forward (first) or backward (last).
    const size = typeof args.first === 'number' ? args.first : args.last;
    const first = typeof size === 'number' && size >= 0 ? size : connection ? defaultPageSize : assumedListLength;
    return 1 + Math.max(first, 1) * childComplexity;
  };
  return getComplexity({ schema, query: document, operationName, variables, estimators: [listEstimator, simpleEstimator({ defaultComplexity: 1 })] });
}

/** Refuses operations whose estimated cost exceeds `maxCost` (BAD_USER_INPUT, HTTP 400). */
export function costLimitPlugin(maxCost: number, defaultPageSize: number): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request }) {
          let cost: number;
          try {
            cost = operationCost(schema, document, request.operationName ?? undefined, request.variables ?? undefined, defaultPageSize);
          } catch {
            // Variables that do not fit their types: execution refuses them with BAD_USER_INPUT, before any work.
            return;
          }
          if (cost > maxCost) {
            throw new GraphQLError(`The query's estimated cost is ${cost}; at most ${maxCost} is allowed. Ask for smaller pages (first) or fewer nested lists.`, {
              extensions: { code: 'BAD_USER_INPUT', cost, maxCost, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
