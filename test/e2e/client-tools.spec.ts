import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import type { Socket } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { ApolloClient, ApolloLink, gql as apolloGql, HttpLink, InMemoryCache } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getIntrospectionQuery, Kind, OperationTypeNode } from 'graphql';
import { createClient } from 'graphql-ws';
import { tap } from 'rxjs';
import WebSocket from 'ws';
import { gql, startTestServer, TestServer } from '../utils/test-server';
import { wsUrl } from '../utils/ws-client';

/**
 * The tools frontend teams already use, pointed at the running service unchanged: GraphQL Code Generator from its
 * introspection, Apollo Client (HTTP and graphql-ws) on the README's dashboard and on a live stream across a socket
 * cut, and a browser page on another origin (CORS, CSRF). Figures are seed 001's (鄂州, /work/shared/seeds), as in
 * query-api.spec.ts.
 */

const EZHOU_NAME = '鄂州市推进疫后重振补短板强功能“十大工程”实施方案(2020—2022年)';
// Seed 001, "3. 重大项目及投资测算" of each 工程: 个 and 估算总投资 (亿元 × 10,000 = 万元).
const ezhouPlans: Array<[string, number, number]> = [
  ['公共卫生体系补短板工程', 28, 467_100],
  ['交通补短板工程', 24, 5_499_000],
  ['水利补短板工程', 9, 583_000],
  ['能源提升工程', 8, 200_000],
  ['新基建工程', 50, 8_281_000],
  ['冷链物流和应急储备设施补短板工程', 4, 283_000],
  ['城市补短板工程', 61, 2_546_000],
  ['产业园区提升工程', 12, 3_330_000],
  ['生态环境补短板工程', 10, 59_000],
];
// 28 + 24 + 9 + 8 + 50 + 4 + 61 + 12 + 10 = 206 projects; the 万元 add up to 21,248,100.
const EZHOU_PROJECTS = 206;
const EZHOU_TOTAL = 21_248_100;

/** README, "Using it": a leader's dashboard in one request. */
const DASHBOARD = `query Dashboard($tf: ID!) {
  taskForce(id: $tf) {
    name documentNumber
    metrics(asOf: "2020-12-31") { projectCount totalInvestment investmentCompletionRate timeProgress progressGap light }
    subgroups {
      name leader { name title } leadUnit { name }
      metrics(asOf: "2020-12-31") { projectCount totalInvestment annualPlanInvestment light }
      # each unit's figures within this subgroup (Unit.metrics(taskForceId:) gives its whole campaign's)
      unitMetrics(asOf: "2020-12-31") { unit { name } metrics { projectCount investmentCompletionRate light } }
    }
    projects(first: 20, orderBy: TOTAL_INVESTMENT_DESC) {
      totalCount pageInfo { hasNextPage endCursor }
      nodes { code name unit { name } totalInvestment metrics { light } }
    }
  }
}`;

const CHANGES = `subscription Changes($scope: ID!, $after: String) { changes(scope: $scope, after: $after) { id cursor entity entityId action diff changes } }`;

/**
 * README, "Live updates" (Apollo Client): graphql-ws re-sends a subscription's variables when it reconnects by
 * itself, so `after` must follow the last cursor received. This link gives the operation variables whose `after`
 * is read each time they are sent (graphql-ws serialises the payload on every retry).
 */
const resumeChangesLink = new ApolloLink((operation, forward) => {
  let after = (operation.variables.after as string | null | undefined) ?? null;
  const { after: _first, ...rest } = operation.variables;
  operation.variables = Object.defineProperty({ ...rest }, 'after', { enumerable: true, get: () => after });
  return forward(operation).pipe(
    tap((result) => {
      const cursor = (result.data as { changes?: { cursor?: string } } | undefined)?.changes?.cursor;
      if (cursor) after = cursor;
    }),
  );
});

const isSubscription = ({ query }: ApolloLink.Operation) =>
  query.definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION && d.operation === OperationTypeNode.SUBSCRIPTION);

describe('client tools against the running service', () => {
  let server: TestServer;
  let ezhouId: string;
  const origin = 'http://localhost:3000';

  beforeAll(async () => {
    server = await startTestServer({ demo: true, configure: (config) => ({ ...config, corsOrigins: [origin, 'https://dash.example.gov.cn'] }) });
    const { data } = await gql(server.url, '{ taskForces { id name } }', {}, server.adminToken);
    ezhouId = data!.taskForces.find((t: { name: string }) => t.name === EZHOU_NAME).id;
  });

  afterAll(async () => {
    await server?.close();
  });

  it('GraphQL Code Generator (the CLI, typescript plugin) generates types from the service\'s introspection with a token', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'codegen-'));
    try {
      const out = path.join(dir, 'types.ts');
      fs.writeFileSync(
        path.join(dir, 'codegen.json'),
        JSON.stringify({ schema: [{ [server.url]: { headers: { Authorization: `Bearer ${server.adminToken}` } } }], generates: { [out]: { plugins: ['typescript'] } }, silent: true }),
      );
      const bin = path.join(__dirname, '../../node_modules/.bin/graphql-codegen');
      await promisify(execFile)(bin, ['--config', path.join(dir, 'codegen.json')], { cwd: path.join(__dirname, '../..'), timeout: 120_000 });
      const types = fs.readFileSync(out, 'utf8');
      /** The member lines of one generated object type (comments left out). */
      const members = (type: string) => {
        const start = types.indexOf(`export type ${type} = `);
        expect(start).toBeGreaterThanOrEqual(0);
        const block = types.slice(start, types.indexOf('\n};', start));
        return block.split('\n').filter((line) => /^  [a-zA-Z_]\w*\??: /.test(line)).map((line) => line.trim());
      };
      expect(members('TaskForce')).toEqual(expect.arrayContaining(['id: Scalars[\'ID\'][\'output\'];', 'metrics: Metrics;', 'name: Scalars[\'String\'][\'output\'];']));
      expect(members('ChangeEvent')).toEqual(
        expect.arrayContaining(['diff: Scalars[\'JSONObject\'][\'output\'];', 'id: Scalars[\'ID\'][\'output\'];', 'cursor: Scalars[\'String\'][\'output\'];']),
      );
      expect(types).toContain('export type Query = {');
      expect(types).toContain('export type Subscription = {');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);

  it('introspection needs a token by default; GRAPHQL_PUBLIC_INTROSPECTION=true opens it (and only it) to anonymous callers', async () => {
    const anonymous = await gql(server.url, getIntrospectionQuery());
    expect(anonymous.status).toBe(401);
    expect(anonymous.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    const open = await startTestServer({ configure: (config) => ({ ...config, publicIntrospection: true }) });
    try {
      const schema = await gql<{ __schema: { queryType: { name: string }; types: Array<{ name: string }> } }>(open.url, getIntrospectionQuery());
      expect(schema.status).toBe(200);
      expect(schema.data!.__schema.types.map((t) => t.name)).toEqual(expect.arrayContaining(['TaskForce', 'ChangeEvent', 'JSONObject']));
      expect((await gql(open.url, '{ taskForces { id } }')).status).toBe(401);
      expect((await gql(open.url, '{ __schema { queryType { name } } taskForces { id } }')).status).toBe(401);
    } finally {
      await open.close();
    }
  });

  describe('Apollo Client', () => {
    const sockets: Socket[] = [];
    const clients: Array<{ stop(): void; dispose(): Promise<void> | void }> = [];

    beforeAll(() => {
      server.app.httpServer.on('upgrade', (_req, socket: Socket) => sockets.push(socket));
    });

    afterEach(async () => {
      for (const client of clients.splice(0)) {
        client.stop();
        await client.dispose();
      }
    });

    /** An Apollo Client over HttpLink and GraphQLWsLink; `resume` puts the README's resume link in front of the socket. */
    function apollo(options: { resume: boolean; beforeRetry?: () => Promise<void> }) {
      const ws = createClient({
        url: wsUrl(server.url),
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${server.adminToken}` },
        retryAttempts: 3,
        shouldRetry: () => true,
        retryWait: async () => {
          await options.beforeRetry?.();
        },
      });
      const http = new HttpLink({ uri: server.url, headers: { authorization: `Bearer ${server.adminToken}` } });
      const live = options.resume ? ApolloLink.from([resumeChangesLink, new GraphQLWsLink(ws)]) : new GraphQLWsLink(ws);
      const client = new ApolloClient({ link: ApolloLink.split(isSubscription, live, http), cache: new InMemoryCache() });
      clients.push({ stop: () => client.stop(), dispose: () => ws.dispose() });
      return client;
    }

    it("runs the README's dashboard query: seed 001's 206 projects, 21,248,100 万元 and each 工程's count and total", async () => {
      const client = apollo({ resume: false });
      const { data, error } = await client.query<any>({ query: apolloGql(DASHBOARD), variables: { tf: ezhouId } });
      expect(error).toBeUndefined();
      const tf = data.taskForce;
      expect(tf.name).toBe(EZHOU_NAME);
      expect(tf.metrics).toMatchObject({ projectCount: EZHOU_PROJECTS, totalInvestment: EZHOU_TOTAL });
      for (const [name, count, total] of ezhouPlans) {
        const subgroup = tf.subgroups.find((s: { name: string }) => s.name === name);
        expect(subgroup.metrics).toMatchObject({ projectCount: count, totalInvestment: total });
        // Its units' figures within it add up to it (each 工程's projects are one unit's in the document).
        expect(subgroup.unitMetrics.reduce((a: number, u: { metrics: { projectCount: number } }) => a + u.metrics.projectCount, 0)).toBe(count);
      }
      expect(tf.projects.totalCount).toBe(EZHOU_PROJECTS);
      expect(tf.projects.pageInfo.hasNextPage).toBe(true);
      const amounts = tf.projects.nodes.map((p: { totalInvestment: number }) => p.totalInvestment);
      expect(amounts).toHaveLength(20);
      expect([...amounts].sort((a, b) => b - a)).toEqual(amounts);
    });

    /**
     * One update arrives live; the socket is cut; two updates are committed while the client waits to reconnect;
     * the client reconnects by itself. With the resume link the two arrive (3 events, in order, once each); with
     * the plain GraphQLWsLink the re-sent original variables (no `after`) miss them.
     */
    async function cutDuringUpdates(resume: boolean) {
      const { data } = await gql(server.url, `query($tf: ID!) { taskForce(id: $tf) { projects(first: 3, orderBy: TOTAL_INVESTMENT_DESC) { nodes { id version } } } }`, { tf: ezhouId }, server.adminToken);
      const projects: Array<{ id: string; version: number }> = data!.taskForce.projects.nodes;
      const update = async (i: number, text: string) => {
        const result = await gql(server.url, 'mutation($i: ProjectUpdateInput!) { projectUpdate(input: $i) { project { version } } }', { i: { id: projects[i].id, expectedVersion: projects[i].version, visualProgress: text } }, server.adminToken);
        if (result.errors) throw new Error(JSON.stringify(result.errors));
        projects[i].version = result.data!.projectUpdate.project.version;
      };
      let cut = false;
      const client = apollo({
        resume,
        beforeRetry: async () => {
          if (cut) return;
          cut = true;
          await update(1, `${resume ? 'resume' : 'plain'}: during the cut 1`);
          await update(2, `${resume ? 'resume' : 'plain'}: during the cut 2`);
        },
      });
      const received: any[] = [];
      const errors: unknown[] = [];
      const subscription = client.subscribe<any>({ query: apolloGql(CHANGES), variables: { scope: ezhouId } }).subscribe({
        next: (result) => (result.data ? received.push(result.data.changes) : errors.push(result.error)),
        error: (error) => errors.push(error),
      });
      const until = async (check: () => boolean, what: string) => {
        for (const start = Date.now(); !check(); await new Promise((resolve) => setTimeout(resolve, 20))) {
          if (Date.now() - start > 15_000) throw new Error(`timed out waiting for ${what}; received ${JSON.stringify(received)}, errors ${JSON.stringify(errors)}`);
        }
      };
      await until(() => sockets.some((s) => !s.destroyed), 'the socket');
      // The subscription is registered once the server has it; an update then arrives live.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const before = sockets.filter((s) => !s.destroyed).length;
      await update(0, `${resume ? 'resume' : 'plain'}: before the cut`);
      await until(() => received.length === 1, 'the first event');
      for (const socket of sockets) socket.destroy();
      await until(() => cut && sockets.filter((s) => !s.destroyed).length >= before, 'the reconnection');
      // Anything the reconnection replays arrives in this time; then one more update, live again.
      await new Promise((resolve) => setTimeout(resolve, 500));
      await update(0, `${resume ? 'resume' : 'plain'}: after the reconnection`);
      await until(() => received.some((e) => e.diff.visualProgress?.after === `${resume ? 'resume' : 'plain'}: after the reconnection`), 'the last event');
      subscription.unsubscribe();
      expect(errors).toEqual([]);
      return { received, projects };
    }

    it('with the resume link, survives a socket cut with no event lost or repeated: 4 updates, 4 events in cursor order', async () => {
      const { received, projects } = await cutDuringUpdates(true);
      expect(received.map((e) => [e.entityId, e.action, e.diff.visualProgress.after])).toEqual([
        [projects[0].id, 'UPDATE', 'resume: before the cut'],
        [projects[1].id, 'UPDATE', 'resume: during the cut 1'],
        [projects[2].id, 'UPDATE', 'resume: during the cut 2'],
        [projects[0].id, 'UPDATE', 'resume: after the reconnection'],
      ]);
      const cursors = received.map((e) => Number(e.cursor));
      expect(cursors).toEqual([cursors[0], cursors[0] + 1, cursors[0] + 2, cursors[0] + 3]);
      // id is stable and distinct per event; diff is the JSON object `changes` spells as text.
      expect(new Set(received.map((e) => e.id)).size).toBe(4);
      for (const e of received) expect(JSON.parse(e.changes)).toEqual(e.diff);
    });

    it('without it (the plain GraphQLWsLink), the re-sent original variables miss the two updates made during the cut', async () => {
      const { received } = await cutDuringUpdates(false);
      expect(received.map((e) => e.diff.visualProgress.after)).toEqual(['plain: before the cut', 'plain: after the reconnection']);
    });
  });

  it("graphql-ws alone, as the README shows: `after` is a getter over the last cursor, so every automatic retry resumes from it", async () => {
    const sockets: Socket[] = [];
    const onUpgrade = (_req: unknown, socket: Socket) => sockets.push(socket);
    server.app.httpServer.on('upgrade', onUpgrade);
    const { data } = await gql(server.url, `query($tf: ID!) { taskForce(id: $tf) { projects(first: 2, orderBy: TOTAL_INVESTMENT_DESC) { nodes { id version } } } }`, { tf: ezhouId }, server.adminToken);
    const projects: Array<{ id: string; version: number }> = data!.taskForce.projects.nodes;
    const update = async (i: number, text: string) => {
      const result = await gql(server.url, 'mutation($i: ProjectUpdateInput!) { projectUpdate(input: $i) { project { version } } }', { i: { id: projects[i].id, expectedVersion: projects[i].version, visualProgress: text } }, server.adminToken);
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      projects[i].version = result.data!.projectUpdate.project.version;
    };
    let cut = false;
    const client = createClient({
      url: wsUrl(server.url),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${server.adminToken}` },
      shouldRetry: () => true,
      retryWait: async () => {
        if (cut) return;
        cut = true;
        await update(1, 'ws: during the cut 1');
        await update(0, 'ws: during the cut 2');
      },
    });
    // README, "Live updates".
    let last: string | null = null;
    const received: any[] = [];
    const stop = client.subscribe(
      {
        query: CHANGES,
        variables: {
          scope: ezhouId,
          get after() {
            return last;
          },
        },
      },
      { next: ({ data }) => received.push(data!.changes) && (last = (data!.changes as { cursor: string }).cursor), error: (e) => received.push({ error: e }), complete: () => {} },
    );
    const until = async (check: () => boolean, what: string) => {
      for (const start = Date.now(); !check(); await new Promise((resolve) => setTimeout(resolve, 20))) {
        if (Date.now() - start > 15_000) throw new Error(`timed out waiting for ${what}; received ${JSON.stringify(received)}`);
      }
    };
    try {
      await until(() => sockets.length > 0, 'the socket');
      await new Promise((resolve) => setTimeout(resolve, 300));
      await update(0, 'ws: before the cut');
      await until(() => received.length === 1, 'the first event');
      for (const socket of sockets) socket.destroy();
      await until(() => received.length === 3, 'the events made during the cut');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(received.map((e) => e.diff.visualProgress.after)).toEqual(['ws: before the cut', 'ws: during the cut 1', 'ws: during the cut 2']);
      const cursors = received.map((e) => Number(e.cursor));
      expect(cursors).toEqual([cursors[0], cursors[0] + 1, cursors[0] + 2]);
    } finally {
      stop();
      await client.dispose();
      server.app.httpServer.off('upgrade', onUpgrade);
    }
  });

  describe('a browser page on another origin', () => {
    const preflight = (from: string, path = '/graphql') =>
      fetch(`http://127.0.0.1:${server.port}${path}`, {
        method: 'OPTIONS',
        headers: { origin: from, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
      });

    it('a preflight from an origin in CORS_ORIGINS passes; from another it is refused without any Access-Control header', async () => {
      const allowed = await preflight(origin);
      expect(allowed.status).toBe(204);
      expect(allowed.headers.get('access-control-allow-origin')).toBe(origin);
      expect(allowed.headers.get('access-control-allow-methods')).toContain('POST');
      expect(allowed.headers.get('access-control-allow-headers')!.split(',')).toEqual(expect.arrayContaining(['authorization', 'content-type']));
      expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
      expect((await preflight('https://dash.example.gov.cn', '/imports')).status).toBe(204);

      for (const other of ['http://localhost:3001', 'https://evil.example', 'null']) {
        const refused = await preflight(other);
        expect(refused.status).toBe(403);
        expect(refused.headers.get('access-control-allow-origin')).toBeNull();
        expect(((await refused.json()) as any).error.code).toBe('FORBIDDEN');
      }
    });

    it('responses name the allowed origin only; a GET query with a token (urql, Apollo) is not taken for CSRF, an anonymous simple GET still is', async () => {
      const query = encodeURIComponent('query Names { taskForces { name } }');
      const get = (from: string, headers: Record<string, string> = {}) =>
        fetch(`${server.url}?query=${query}`, { headers: { origin: from, accept: 'application/graphql-response+json, application/json', ...headers } });
      const allowed = await get(origin, { authorization: `Bearer ${server.adminToken}` });
      expect(allowed.status).toBe(200);
      expect(allowed.headers.get('access-control-allow-origin')).toBe(origin);
      expect(allowed.headers.get('access-control-expose-headers')).toContain('x-request-id');
      expect(((await allowed.json()) as any).data.taskForces.map((t: { name: string }) => t.name)).toContain(EZHOU_NAME);

      const elsewhere = await get('https://evil.example', { authorization: `Bearer ${server.adminToken}` });
      expect(elsewhere.headers.get('access-control-allow-origin')).toBeNull();

      // A simple GET (no token, no preflight header) is what a cross-site <img> or form sends: Apollo's CSRF check stops it.
      const simple = await fetch(`${server.url}?query=${encodeURIComponent('{ __typename }')}`, { headers: { origin: 'https://evil.example' } });
      expect(simple.status).toBe(400);
      expect(await simple.text()).toMatch(/CSRF/i);
    });
  });
});
