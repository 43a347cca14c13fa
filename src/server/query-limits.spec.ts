import { buildSchema, getIntrospectionQuery, parse, validate } from 'graphql';
import { depthLimit, maxIntrospectionDepth, operationCost } from './query-limits';

const schema = buildSchema(`
  type Query { taskForces: [TaskForce!]!, projects(first: Int): ProjectConnection! }
  type TaskForce { name: String, subgroups: [Subgroup!]! }
  type Subgroup { name: String, units: [Unit!]! }
  type Unit { name: String }
  type ProjectConnection { totalCount: Int, nodes: [Project!]!, edges: [ProjectEdge!]! }
  type ProjectEdge { cursor: String, node: Project }
  type Project { name: String, code: String }
`);
const cost = (query: string, variables?: Record<string, unknown>) => operationCost(schema, parse(query), undefined, variables, 50);

describe('operationCost', () => {
  test('plain lists multiply what is under them by 20', () => {
    // units: 1 + 20×1 = 21; subgroups: 1 + 20×(1 + 21) = 441; taskForces: 1 + 20×(1 + 441) = 8,841.
    expect(cost('{ taskForces { name subgroups { name units { name } } } }')).toBe(8841);
  });

  test('a connection multiplies by its page size once, not again for nodes or edges', () => {
    // nodes: 1 + 2 = 3; projects: 1 + 10×(totalCount 1 + nodes 3) = 41.
    expect(cost('{ projects(first: 10) { totalCount nodes { name code } } }')).toBe(41);
    // edges: 1 + (cursor 1 + node (1 + 1)) = 4; projects: 1 + 10×4 = 41.
    expect(cost('{ projects(first: 10) { edges { cursor node { name } } } }')).toBe(41);
  });

  test('without first a connection counts its default page size; variables are read', () => {
    // 1 + 50×(1 + (1 + 1)) = 151.
    expect(cost('{ projects { totalCount nodes { name } } }')).toBe(151);
    // 1 + 500×(1 + 2) = 1,501.
    expect(cost('query($n: Int) { projects(first: $n) { nodes { name code } } }', { n: 500 })).toBe(1501);
  });
});

describe('introspection', () => {
  const full = parse(getIntrospectionQuery());

  test("graphql-js' full introspection query costs nothing here and passes the depth bound (tools such as Codegen send it)", () => {
    expect(operationCost(schema, full, undefined, undefined, 50)).toBe(0);
    expect(validate(schema, full, [depthLimit(12)])).toEqual([]);
  });

  test('a data field beside introspection is still costed', () => {
    // __typename 0 + taskForces 1 + 20×1 = 21.
    expect(cost('{ __typename taskForces { name } }')).toBe(21);
  });

  test(`introspection nested deeper than ${maxIntrospectionDepth} levels is refused`, () => {
    const chain = (depth: number) => `{ __type(name: "Query") { ${'ofType { '.repeat(depth)}name${' }'.repeat(depth)} } }`;
    // __type is level 1, each ofType one more, name the last: 13 ofType = 15 levels pass, 14 = 16 are refused.
    expect(validate(schema, parse(chain(13)), [depthLimit(12)])).toEqual([]);
    const errors = validate(schema, parse(chain(14)), [depthLimit(12)]);
    expect(errors.map((e) => e.message)).toEqual([`The introspection is 16 levels deep; at most ${maxIntrospectionDepth} are allowed.`]);
  });
});
