import * as fs from 'node:fs';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { toGlobalId } from '../../src/common/global-id';
import { foldForSearch } from '../../src/common/search-text';
import { SubgroupUnit, SubgroupUnitRole } from '../../src/domain/campaign/subgroup-unit.entity';
import { Subgroup } from '../../src/domain/campaign/subgroup.entity';
import { TaskForce } from '../../src/domain/campaign/task-force.entity';
import { ChangeEvent } from '../../src/domain/change/change-event.entity';
import { Project } from '../../src/domain/project/project.entity';
import { User } from '../../src/domain/user/user.entity';
import { Unit, UnitKind } from '../../src/domain/unit/unit.entity';
import { gql, startTestServer, TestServer } from '../utils/test-server';
import { connectLive } from '../utils/ws-client';

/**
 * What operators and browser forms use: multipart uploads to /imports, /metrics in Prometheus' text format (parsed
 * strictly here), who may read it, and the access log (request id, operation, user, status, duration; never a body,
 * variables or a token). Import figures are those of the fixtures (scripts/build-fixtures.ts), as in spreadsheet-import.
 */

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '../fixtures', name));

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/**
 * A strict reader of Prometheus' text exposition format (0.0.4): every line is a # HELP, a # TYPE, or a sample
 * `name{label="value",…} number`; every sample belongs to a family declared by # TYPE before it (histograms:
 * _bucket, _sum, _count; a _bucket has an `le`); no family is declared twice. Throws on the first line that is not so.
 */
function parsePrometheus(text: string): Sample[] {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  const name = '[a-zA-Z_:][a-zA-Z0-9_:]*';
  const labelRe = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)"/y;
  // Prometheus reads values with Go's ParseFloat: NaN and Inf in any case (prom-client writes "Nan").
  const number = /^(?:[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|[+-]?inf|nan)$/i;
  if (!text.endsWith('\n')) throw new Error('the exposition does not end with a newline');
  for (const [index, line] of text.slice(0, -1).split('\n').entries()) {
    const where = `line ${index + 1}: ${line.slice(0, 120)}`;
    if (line === '') continue;
    let m = new RegExp(`^# HELP (${name}) (.*)$`).exec(line);
    if (m) continue;
    m = new RegExp(`^# TYPE (${name}) (counter|gauge|histogram|summary|untyped)$`).exec(line);
    if (m) {
      if (types.has(m[1])) throw new Error(`family declared twice, ${where}`);
      types.set(m[1], m[2]);
      continue;
    }
    if (line.startsWith('#')) throw new Error(`unknown comment, ${where}`);
    m = new RegExp(`^(${name})(?:\\{(.*)\\})? (\\S+)(?: (-?\\d+))?$`).exec(line);
    if (!m) throw new Error(`not a sample, ${where}`);
    const labels: Record<string, string> = {};
    const body = m[2] ?? '';
    let at = 0;
    while (at < body.length) {
      labelRe.lastIndex = at;
      const l = labelRe.exec(body);
      if (!l) throw new Error(`bad labels, ${where}`);
      labels[l[1]] = l[2];
      at = labelRe.lastIndex;
      if (body[at] === ',') at += 1;
      else if (at !== body.length) throw new Error(`bad labels, ${where}`);
    }
    if (!number.test(m[3])) throw new Error(`bad value, ${where}`);
    const family = [m[1], m[1].replace(/_(bucket|sum|count)$/, ''), m[1].replace(/_(sum|count)$/, '')].find((f) => types.has(f));
    if (!family) throw new Error(`sample of an undeclared family, ${where}`);
    if (types.get(family) === 'histogram' && m[1] === `${family}_bucket` && !('le' in labels)) throw new Error(`bucket without le, ${where}`);
    samples.push({ name: m[1], labels, value: /nan/i.test(m[3]) ? NaN : Number(m[3].replace(/inf$/i, 'Infinity')) });
  }
  return samples;
}

/** The value of the one sample with that name and (at least) those labels; undefined when there is none. */
function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  const found = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (found.length > 1) throw new Error(`${found.length} samples of ${name} ${JSON.stringify(labels)}`);
  return found[0]?.value;
}

/** A pino logger whose JSON lines land in `lines`, as the service's would on stderr. */
function capture(lines: Array<Record<string, any>>): pino.Logger {
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      callback();
    },
  });
  return pino({ level: 'info' }, stream);
}

describe('operators and browser forms', () => {
  let server: TestServer;
  let ezhou: TaskForce;
  const lines: Array<Record<string, any>> = [];

  const upload = async (form: FormData, query: string, token: string | null = server.adminToken) => {
    const response = await fetch(`http://127.0.0.1:${server.port}/imports?${query}`, {
      method: 'POST',
      headers: token ? { authorization: `Bearer ${token}` } : {},
      body: form,
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };
  const tf = () => `taskForce=${toGlobalId('TaskForce', ezhou.dbId)}`;
  const fileForm = (name: string, type: string, field = 'file') => {
    const form = new FormData();
    form.append('note', 'a field beside the file is ignored');
    form.append(field, new Blob([fixture(name)], { type }), name);
    return form;
  };
  const scrape = async (headers: Record<string, string> = {}, port = server.port) => fetch(`http://127.0.0.1:${port}/metrics`, { headers });

  beforeAll(async () => {
    server = await startTestServer({ configure: (config) => ({ ...config, metricsMaxOperations: 3, live: { ...config.live, pollMs: 60_000 } }) });
    server.app.services.telemetry.accessLog = capture(lines);
    // The units and subgroups the fixtures name (as in spreadsheet-import.spec.ts).
    const manager = server.dataSource.manager;
    ezhou = await manager.save(manager.create(TaskForce, { name: '鄂州市推进疫后重振补短板强功能“十大工程”实施方案(2020—2022年)', region: '鄂州市' }));
    const units = new Map<string, Unit>();
    for (const [name, kind] of [
      ['市交通运输局', UnitKind.DEPARTMENT],
      ['市卫健委', UnitKind.DEPARTMENT],
      ['鄂城区', UnitKind.DISTRICT],
      ['梁子湖区', UnitKind.DISTRICT],
      ['华容区', UnitKind.DISTRICT],
    ] as const) {
      units.set(name, await manager.save(manager.create(Unit, { name, kind, region: '鄂州市', searchText: foldForSearch(name) })));
    }
    const subgroups = new Map<string, Subgroup>();
    for (const [position, name] of ['交通补短板工程', '公共卫生体系补短板工程', '城市补短板工程', '水利补短板工程'].entries()) {
      subgroups.set(name, await manager.save(manager.create(Subgroup, { taskForceId: ezhou.dbId, name, position })));
    }
    await manager.insert(SubgroupUnit, { subgroupId: subgroups.get('城市补短板工程')!.dbId, unitId: units.get('鄂城区')!.dbId, role: SubgroupUnitRole.COVERED });
  });

  afterAll(async () => {
    await server?.close();
  });

  describe('multipart/form-data uploads to /imports', () => {
    it('previews and then imports an xlsx sent from a file input (FormData): the 5 projects of ezhou-ledger.xlsx', async () => {
      const preview = await upload(fileForm('ezhou-ledger.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'), `${tf()}&dryRun=true`);
      expect(preview.status).toBe(200);
      expect(preview.body).toMatchObject({ dryRun: true, committed: false, created: 5, updated: 0, unchanged: 0, errors: [] });
      expect(await server.dataSource.manager.count(Project)).toBe(0);

      const done = await upload(fileForm('ezhou-ledger.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'), tf());
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ committed: true, created: 5, errors: [] });
      // "12.5亿元" in the file.
      expect((await server.dataSource.manager.findOneByOrFail(Project, { code: 'EZ-JT-001' })).totalInvestment).toBe(125_000);
    });

    it('imports a CSV under any field name; the file name (less .csv) names its sheet in the report', async () => {
      const { status, body } = await upload(fileForm('ezhou-ledger.csv', 'text/csv', 'ledger'), tf());
      expect(status).toBe(200);
      expect(body).toMatchObject({ committed: true, created: 2, errors: [] });
      expect(body.rows.map((r: any) => [r.sheet, r.code])).toEqual([
        ['ezhou-ledger', 'EZ-SL-001'],
        ['ezhou-ledger', 'EZ-SL-002'],
      ]);
      // 0.58 亿元 and 1.05 亿元.
      expect((await server.dataSource.manager.findOneByOrFail(Project, { code: 'EZ-SL-001' })).totalInvestment).toBe(5_800);
      expect((await server.dataSource.manager.findOneByOrFail(Project, { code: 'EZ-SL-002' })).totalInvestment).toBe(10_500);
    });

    it('refuses a form without a file, with two files, a file over the size cap, and a non-spreadsheet, with a code and writing nothing', async () => {
      const before = await server.dataSource.manager.count(Project);
      const empty = new FormData();
      empty.append('note', 'no file here');
      const none = await upload(empty, tf());
      expect(none.status).toBe(400);
      expect(none.body.error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'file' });
      expect(none.body.error.message).toMatch(/no file/);

      const two = fileForm('ezhou-ledger.csv', 'text/csv');
      two.append('second', new Blob([fixture('ezhou-ledger.csv')], { type: 'text/csv' }), 'again.csv');
      const twice = await upload(two, tf());
      expect(twice.status).toBe(400);
      expect(twice.body.error.message).toMatch(/one file/);

      const png = await upload(fileForm('not-a-spreadsheet.png', 'image/png'), tf());
      expect(png.status).toBe(415);
      expect(png.body.error).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOT_A_SPREADSHEET' });

      const limit = server.config.spreadsheet.maxBytes;
      server.config.spreadsheet.maxBytes = 1000;
      try {
        const big = new FormData();
        big.append('file', new Blob([Buffer.alloc(5000, 'a')], { type: 'text/csv' }), 'big.csv');
        const tooLarge = await upload(big, tf());
        expect(tooLarge.status).toBe(413);
        expect(tooLarge.body.error).toMatchObject({ reason: 'TOO_LARGE' });
      } finally {
        server.config.spreadsheet.maxBytes = limit;
      }

      const unsigned = await upload(fileForm('ezhou-ledger.csv', 'text/csv'), tf(), null);
      expect(unsigned.status).toBe(401);
      expect(await server.dataSource.manager.count(Project)).toBe(before);
    });
  });

  describe('/metrics', () => {
    it('parses as Prometheus text and counts what happened: operations by name and outcome (names bounded), errors by code, imports and their rows, sockets', async () => {
      // Three imports above committed 5 + 2 rows; the dry run read 5. Now: named operations, five distinct names
      // with room for 3 labels; an error with a code; a socket.
      for (const name of ['Alpha', 'Beta', 'Gamma', 'Delta', 'Epsilon']) {
        const result = await gql(server.url, `query ${name} { taskForces { name } }`, {}, server.adminToken);
        expect(result.errors).toBeUndefined();
      }
      await gql(server.url, 'query Alpha { taskForces { name } }', {}, server.adminToken);
      const missing = await gql(server.url, 'query Missing($id: ID!) { taskForce(id: $id) { name } }', { id: 'not-a-global-id' }, server.adminToken);
      expect(missing.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
      const live = connectLive(server.url, server.adminToken);
      await live.connected;

      const response = await scrape();
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const samples = parsePrometheus(await response.text());

      const graphql = 'ledger_graphql_request_duration_seconds_count';
      // The first three names seen (Alpha, Beta, Gamma; login's operation is anonymous) have their own label.
      expect(valueOf(samples, graphql, { operation: 'Alpha', type: 'query', outcome: 'ok' })).toBe(2);
      expect(valueOf(samples, graphql, { operation: 'Beta', outcome: 'ok' })).toBe(1);
      expect(valueOf(samples, graphql, { operation: 'Gamma', outcome: 'ok' })).toBe(1);
      // Delta, Epsilon and Missing came after the three: "other" (2 ok, 1 error).
      expect(valueOf(samples, graphql, { operation: 'other', outcome: 'ok' })).toBe(2);
      expect(valueOf(samples, graphql, { operation: 'other', outcome: 'error' })).toBe(1);
      expect(samples.filter((s) => s.name === graphql).map((s) => s.labels.operation).every((op) => ['Alpha', 'Beta', 'Gamma', 'other', '(anonymous)'].includes(op))).toBe(true);
      expect(valueOf(samples, 'ledger_errors_total', { code: 'BAD_USER_INPUT', surface: 'graphql' })).toBe(1);
      // The refused uploads above: no file, two files, the png (reason NOT_A_SPREADSHEET), too large (TOO_LARGE); and one unsigned.
      expect(valueOf(samples, 'ledger_errors_total', { code: 'BAD_USER_INPUT', surface: 'http' })).toBe(4);
      expect(valueOf(samples, 'ledger_errors_total', { code: 'UNAUTHENTICATED', surface: 'http' })).toBe(1);

      expect(valueOf(samples, 'ledger_import_rows_total', { outcome: 'committed' })).toBe(5 + 2);
      expect(valueOf(samples, 'ledger_import_rows_total', { outcome: 'dry_run' })).toBe(5);
      expect(valueOf(samples, 'ledger_import_duration_seconds_count', { outcome: 'committed' })).toBe(2);
      expect(valueOf(samples, 'ledger_import_duration_seconds_count', { outcome: 'dry_run' })).toBe(1);
      // The png was refused by the importer's kind check: an import that failed as a whole.
      expect(valueOf(samples, 'ledger_import_duration_seconds_count', { outcome: 'failed' })).toBe(1);

      expect(valueOf(samples, 'ledger_live_sockets_open')).toBe(1);
      expect(valueOf(samples, 'ledger_live_subscriptions_open')).toBe(0);
      // 2 + 5 created projects wrote 7 change events, and the feed has read them all (it reads before the next scrape).
      expect(valueOf(samples, 'ledger_change_log_lag_events')).toBeGreaterThanOrEqual(0);
      expect(valueOf(samples, 'nodejs_eventloop_lag_p99_seconds')).toBeGreaterThanOrEqual(0);
      expect(valueOf(samples, 'ledger_http_request_duration_seconds_count', { route: '/imports', method: 'POST', status: '200' })).toBe(3);
      if (server.dataSource.options.type === 'better-sqlite3') {
        expect(samples.some((s) => s.name === 'ledger_db_pool_connections')).toBe(false);
      } else {
        expect(valueOf(samples, 'ledger_db_pool_waiting')).toBe(0);
        expect(valueOf(samples, 'ledger_db_pool_connections', { state: 'in_use' })).toBeGreaterThanOrEqual(0);
        expect(valueOf(samples, 'ledger_db_pool_connections', { state: 'idle' })).toBeGreaterThanOrEqual(1);
      }
      await live.dispose();
    });

    it('the change-log lag is the events committed and not yet read by the live feed', async () => {
      const lagOf = async () => valueOf(parsePrometheus(await (await scrape()).text()), 'ledger_change_log_lag_events');
      const feed = server.app.services.live.feed;
      // The imports' events were read by the feed after their commits woke it.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await lagOf()).toBe(0);
      // Two events written behind the feed's back (no wake-up; its safety-net poll is set to a minute here).
      const head = feed.position;
      const event = { at: new Date(), actorId: null, actor: 'ops-test', entity: 'Project', entityId: toGlobalId('Project', 1), action: 'UPDATE', changes: '{}', taskForceId: ezhou.dbId, subgroupId: null, unitId: null, projectId: null };
      await server.dataSource.manager.insert(ChangeEvent, [{ ...event, seq: head + 1 }, { ...event, seq: head + 2 }]);
      expect(await lagOf()).toBe(2);
      expect(valueOf(parsePrometheus(await (await scrape()).text()), 'ledger_change_log_position')).toBe(head);
    });

    it('without METRICS_TOKEN answers loopback callers only: a request a proxy forwarded is refused', async () => {
      const forwarded = await scrape({ 'x-forwarded-for': '203.0.113.7' });
      expect(forwarded.status).toBe(403);
      expect(((await forwarded.json()) as any).error.code).toBe('FORBIDDEN');
    });

    it('with METRICS_TOKEN asks for it', async () => {
      const other = await startTestServer({ configure: (config) => ({ ...config, metricsToken: 'scrape-secret-1' }) });
      try {
        expect((await scrape({}, other.port)).status).toBe(401);
        expect((await scrape({ authorization: 'Bearer scrape-secret-2' }, other.port)).status).toBe(401);
        const ok = await scrape({ authorization: 'Bearer scrape-secret-1' }, other.port);
        expect(ok.status).toBe(200);
        expect(parsePrometheus(await ok.text()).length).toBeGreaterThan(50);
      } finally {
        await other.close();
      }
    });
  });

  describe('access log', () => {
    it('one line per request with the request id (honoured and returned), operation, user id, status and duration; never a password, variables or a token', async () => {
      lines.length = 0;
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'trace-0001' },
        body: JSON.stringify({ query: 'mutation SignIn($i: LoginInput!) { login(input: $i) { token } }', variables: { i: { username: 'admin', password: 'pw-admin-secret' } }, operationName: 'SignIn' }),
      });
      expect(response.headers.get('x-request-id')).toBe('trace-0001');
      const token = ((await response.json()) as any).data.login.token as string;

      const read = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-request-id': 'not a plain id!' },
        body: JSON.stringify({ query: 'query Mine { viewer { username } }' }),
      });
      const madeId = read.headers.get('x-request-id')!;
      expect(madeId).toMatch(/^[0-9a-f-]{36}$/);
      const live = connectLive(server.url, token);
      await live.connected;
      await live.dispose();
      await new Promise((resolve) => setTimeout(resolve, 200));

      const requests = lines.filter((l) => l.msg === 'request');
      expect(requests).toHaveLength(2);
      expect(requests[0]).toMatchObject({ requestId: 'trace-0001', method: 'POST', path: '/graphql', status: 200, operation: 'SignIn', operationType: 'mutation', userId: null, level: 30 });
      const admin = await server.dataSource.manager.findOneByOrFail(User, { username: 'admin' });
      expect(requests[1]).toMatchObject({ requestId: madeId, status: 200, operation: 'Mine', operationType: 'query', userId: admin.dbId });
      for (const line of requests) expect(line.durationMs).toBeGreaterThan(0);
      const sockets = lines.filter((l) => l.msg === 'socket');
      expect(sockets.map((l) => l.event)).toEqual(['open', 'close']);
      expect(sockets[0]).toMatchObject({ userId: admin.dbId });
      expect(sockets[1]).toMatchObject({ userId: admin.dbId, subscriptions: 0 });
      const all = JSON.stringify(lines);
      expect(all).not.toContain('pw-admin-secret');
      expect(all).not.toContain(token);
      expect(all).not.toContain('username');
    });
  });
});
