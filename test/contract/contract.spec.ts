import * as fs from 'fs';
import * as path from 'path';
import { buildSchema, GraphQLSchema } from 'graphql';
import { compareToContract, contractTypes, kindOf, memberNames } from './contract-checker';

// The product contract lives beside the repository (../shared); a copy is kept in schema/ so a clone elsewhere
// still checks against it, and a test below fails when the copy drifts from the shared original other than by the
// amendments issues made to it (listed here). The schema is checked against the copy, amendments included.
const sharedContractPath = path.resolve(process.env.CONTRACT_PATH || path.resolve(__dirname, '../../../shared/contract.graphql'));
const vendoredContractPath = path.resolve(__dirname, '../../schema/contract.graphql');
const contractPath = vendoredContractPath;
const amendments: Array<{ issue: string; original: string; amended: string }> = [
  {
    issue: 'architecture (16): every update takes expectedVersion',
    original: 'input ProblemTransitionInput { id: ID!, to: ProblemState!, note: String }',
    amended: 'input ProblemTransitionInput { id: ID!, to: ProblemState!, note: String, expectedVersion: Int! }',
  },
];
const emittedPath = path.resolve(__dirname, '../../schema/schema.graphql');

const contractSdl = fs.readFileSync(contractPath, 'utf8');
const contract = buildSchema(contractSdl, { assumeValidSDL: false });

describe('contract copy', () => {
  const sharedAvailable = fs.existsSync(sharedContractPath);
  (sharedAvailable ? it : it.skip)('schema/contract.graphql is the shared contract with the listed amendments', () => {
    let expected = fs.readFileSync(sharedContractPath, 'utf8');
    for (const { original, amended } of amendments) {
      expect(expected).toContain(original);
      expected = expected.replace(original, amended);
    }
    expect(fs.readFileSync(vendoredContractPath, 'utf8')).toBe(expected);
  });
});

function loadEmitted(): { schema?: GraphQLSchema; error?: string } {
  if (!fs.existsSync(emittedPath)) {
    return { error: `Emitted schema not found at ${emittedPath}; emit it (npm run schema:emit) and commit it.` };
  }
  try {
    return { schema: buildSchema(fs.readFileSync(emittedPath, 'utf8')) };
  } catch (error) {
    return { error: `Emitted schema at ${emittedPath} does not build: ${(error as Error).message}` };
  }
}

// Loaded while collecting tests so that, without a usable emitted schema, the per-type tests are
// skipped and the one test below gives the reason instead of hundreds of failures.
const emitted = loadEmitted();
const problems = emitted.schema ? compareToContract(contract, emitted.schema) : [];
const check = emitted.schema ? it : it.skip;
const problemsAt = (at: string) => problems.filter((p) => p.startsWith(`${at}:`) || p.startsWith(`${at}(`));

it('schema/schema.graphql exists and builds', () => {
  if (emitted.error) throw new Error(emitted.error);
});

for (const type of contractTypes(contract)) {
  describe(`${type.name} (${kindOf(type)})`, () => {
    check(`${type.name} exists as ${kindOf(type)}`, () => {
      expect(problemsAt(type.name)).toEqual([]);
    });
    const members = memberNames(type).map((member) => `${type.name}.${member}`);
    if (members.length > 0) {
      check.each(members)('%s', (member) => {
        expect(problemsAt(member)).toEqual([]);
      });
    }
  });
}

describe('contract checker self-test', () => {
  const edit = (...edits: Array<[from: string, to: string]>): GraphQLSchema =>
    buildSchema(
      edits.reduce((sdl, [from, to]) => {
        // Fail loudly if the contract text changed, rather than silently comparing an unchanged copy.
        if (!sdl.includes(from)) throw new Error(`contract no longer contains ${JSON.stringify(from)}`);
        return sdl.replace(from, to);
      }, contractSdl),
    );

  it('reports nothing for the contract itself', () => {
    expect(compareToContract(contract, edit())).toEqual([]);
  });

  it('allows additions: fields, optional arguments and input fields, enum values, types, descriptions, directives', () => {
    const extended = edit(
      ['interface Node {', 'directive @cost(weight: Int!) on FIELD_DEFINITION\n"""Anything with a global id."""\ninterface Node {'],
      ['  viewer: User\n', '  viewer: User @cost(weight: 1)\n  health: String!\n'],
      ['taskForces: [TaskForce!]!', 'taskForces(includeArchived: Boolean! = false, region: String): [TaskForce!]!'],
      ['enum Light { GREEN YELLOW RED }', 'enum Light { GREEN YELLOW RED GREY }\nscalar DateTime\nunion Searchable = Project | Unit'],
      ['password: String! }', 'password: String!, otp: String, remember: Boolean! = false }'],
    );
    expect(compareToContract(contract, extended)).toEqual([]);
  });

  it.each([
    { label: 'removed field', edits: [['  viewer: User\n', '']], expected: ['Query.viewer: missing'] },
    {
      label: 'Float changed to Int',
      edits: [['  totalInvestment: Float\n', '  totalInvestment: Int\n']],
      expected: ['Project.totalInvestment: expected type Float, found Int'],
    },
    {
      label: 'non-null made nullable',
      edits: [['  code: String!\n', '  code: String\n']],
      expected: ['Project.code: expected type String!, found String'],
    },
    {
      label: 'list item made nullable',
      edits: [['taskForces: [TaskForce!]!', 'taskForces: [TaskForce]!']],
      expected: ['Query.taskForces: expected type [TaskForce!]!, found [TaskForce]!'],
    },
    { label: 'dropped enum value', edits: [['{ GREEN YELLOW RED }', '{ GREEN YELLOW }']], expected: ['Light.RED: missing'] },
    {
      label: 'added required argument',
      edits: [['taskForces: [TaskForce!]!', 'taskForces(region: String!): [TaskForce!]!']],
      expected: ['Query.taskForces(region): new argument must be nullable or have a default, found String!'],
    },
    { label: 'removed argument', edits: [['units(search: String)', 'units']], expected: ['Query.units(search): missing'] },
    {
      label: 'changed argument type',
      edits: [['taskForce(id: ID!)', 'taskForce(id: String!)']],
      expected: ['Query.taskForce(id): expected type ID!, found String!'],
    },
    { label: 'dropped interface', edits: [['type Task implements Node {', 'type Task {']], expected: ['Task: must implement Node'] },
    { label: 'changed kind', edits: [['enum Light { GREEN YELLOW RED }', 'scalar Light']], expected: ['Light: expected enum, found scalar'] },
    {
      label: 'removed type',
      edits: [['enum RankingLevel { SUBGROUP UNIT }', ''], ['level: RankingLevel!', 'level: String!']],
      expected: ['RankingLevel: missing', 'Query.ranking(level): expected type RankingLevel!, found String!'],
    },
    { label: 'removed input field', edits: [[', password: String! }', ' }']], expected: ['LoginInput.password: missing'] },
    {
      label: 'changed input field type',
      edits: [['  expectedVersion: Int!\n', '  expectedVersion: Int\n']],
      expected: ['ProjectUpdateInput.expectedVersion: expected type Int!, found Int'],
    },
    {
      label: 'added required input field',
      edits: [['password: String! }', 'password: String!, tenant: ID! }']],
      expected: ['LoginInput: new input field tenant must be nullable or have a default, found ID!'],
    },
  ] as Array<{ label: string; edits: Array<[string, string]>; expected: string[] }>)(
    'reports $label',
    ({ edits, expected }) => {
      expect(compareToContract(contract, edit(...edits)).sort()).toEqual([...expected].sort());
    },
  );
});
