import { createHash } from 'node:crypto';
import { hashPassword } from '../../src/auth/password';
import { toGlobalId } from '../../src/common/global-id';
import { Subgroup } from '../../src/domain/campaign/subgroup.entity';
import { SubgroupUnit, SubgroupUnitRole } from '../../src/domain/campaign/subgroup-unit.entity';
import { Person } from '../../src/domain/person/person.entity';
import { RoleAssignment, RoleKind } from '../../src/domain/person/role-assignment.entity';
import { Problem, ProblemState } from '../../src/domain/problem/problem.entity';
import { Project } from '../../src/domain/project/project.entity';
import { Target, TargetScope } from '../../src/domain/target/target.entity';
import { Task, TaskUnit } from '../../src/domain/task/task.entity';
import { Unit, UnitKind } from '../../src/domain/unit/unit.entity';
import { Role, User, UserSubgroup } from '../../src/domain/user/user.entity';
import { gql, TestServer } from './test-server';

/** Who sends a mutation: a signed-in user of a role, a screen token, or nobody. */
export type Actor = 'ADMIN' | 'LEADER' | 'REPORTER' | 'VIEWER' | 'SCREEN' | 'ANON';
export const actors: Actor[] = ['ADMIN', 'LEADER', 'REPORTER', 'VIEWER', 'SCREEN', 'ANON'];

/**
 * Where the target row sits, seen from the actor: `own` = the unit the REPORTER is bound to, covered by the
 * only subgroup the LEADER leads; `other` = another unit in another subgroup; `any` = the mutation has no row.
 */
export type Scope = 'own' | 'other' | 'any';

export interface Principal {
  /** Bearer token; none for ANON. */
  token?: string;
  /** The user behind the token (for a screen token: the user it reads as). */
  userId?: number;
  /** The user's password, for passwordChange and login. */
  password?: string;
}

const THROWAWAY_PASSWORD = 'throwaway-password-1';
let throwawayHash: Promise<string> | undefined;

/** One small campaign with two units in two subgroups, the actors, and factories of fresh target rows. */
export class AuthorizationFixture {
  private counter = 0;
  taskForceId!: number;
  units!: { own: number; other: number };
  subgroups!: { own: number; other: number };
  /** A project in each unit, never written by a case; problems hang off them. */
  anchorProjects!: { own: number; other: number };
  principals!: Record<Actor, Principal>;

  private constructor(readonly server: TestServer) {}

  static async create(server: TestServer): Promise<AuthorizationFixture> {
    const fixture = new AuthorizationFixture(server);
    await fixture.build();
    return fixture;
  }

  /** A name no other row of this suite has. */
  unique(prefix: string): string {
    this.counter += 1;
    return `${prefix}-${this.counter}`;
  }

  gid(type: Parameters<typeof toGlobalId>[0], id: number): string {
    return toGlobalId(type, id);
  }

  scoped(scope: Scope): { unit: number; subgroup: number; anchor: number } {
    const key = scope === 'other' ? 'other' : 'own';
    return { unit: this.units[key], subgroup: this.subgroups[key], anchor: this.anchorProjects?.[key] };
  }

  /** Runs an operation as the fixture's administrator (the harness admin, never an actor under test). */
  async asAdmin<T = Record<string, any>>(query: string, variables: Record<string, unknown>): Promise<T> {
    const result = await gql<T>(this.server.url, query, variables, this.server.adminToken);
    if (result.errors || !result.data) throw new Error(`fixture operation failed: ${JSON.stringify(result.errors)}`);
    return result.data;
  }

  private async build(): Promise<void> {
    const manager = this.server.dataSource.manager;
    const { taskForceCreate } = await this.asAdmin<{ taskForceCreate: { taskForce: { id: string } } }>(
      'mutation($i: TaskForceCreateInput!) { taskForceCreate(input: $i) { taskForce { id } } }',
      { i: { name: '权限矩阵测试方案', periodStart: '2020-01-01', periodEnd: '2035-12-31', region: '测试市', reportingCadence: 'MONTH' } },
    );
    this.taskForceId = Number(Buffer.from(taskForceCreate.taskForce.id, 'base64url').toString('utf8').split(':')[1]);

    const own = await manager.save(Unit, manager.create(Unit, { name: '甲县', region: '测试市', kind: UnitKind.COUNTY, searchText: '甲县' }));
    const other = await manager.save(Unit, manager.create(Unit, { name: '乙县', region: '测试市', kind: UnitKind.COUNTY, searchText: '乙县' }));
    this.units = { own: own.dbId, other: other.dbId };
    const ownGroup = await manager.save(Subgroup, manager.create(Subgroup, { taskForceId: this.taskForceId, name: '第一包保推进组', leadUnitId: own.dbId, position: 1 }));
    const otherGroup = await manager.save(Subgroup, manager.create(Subgroup, { taskForceId: this.taskForceId, name: '第二包保推进组', leadUnitId: other.dbId, position: 2 }));
    this.subgroups = { own: ownGroup.dbId, other: otherGroup.dbId };
    await manager.insert(SubgroupUnit, [
      { subgroupId: ownGroup.dbId, unitId: own.dbId, role: SubgroupUnitRole.COVERED, position: 0 },
      { subgroupId: otherGroup.dbId, unitId: other.dbId, role: SubgroupUnitRole.COVERED, position: 0 },
    ]);
    this.anchorProjects = { own: await this.project('own'), other: await this.project('other') };

    const admin = await this.signedInUser('m-admin', 'ADMIN');
    const leader = await this.signedInUser('m-leader', 'LEADER');
    const reporter = await this.signedInUser('m-reporter', 'REPORTER');
    const viewer = await this.signedInUser('m-viewer', 'VIEWER');
    // The screen token reads as an ADMIN: even so it must never write.
    const screenOwner = await this.signedInUser('m-screen-owner', 'ADMIN');
    const screen = { ...screenOwner, token: await this.screenTokenFor(screenOwner.userId!) };
    this.principals = { ADMIN: admin, LEADER: leader, REPORTER: reporter, VIEWER: viewer, SCREEN: screen, ANON: {} };
  }

  /** A user created through userCreate (as the API does it), signed in. LEADER leads the own subgroup; REPORTER is bound to the own unit. */
  private async signedInUser(username: string, role: Exclude<Actor, 'SCREEN' | 'ANON'>): Promise<Principal> {
    const password = `pw-${username}-secret`;
    const input: Record<string, unknown> = { username, password, role };
    if (role === 'LEADER') input.subgroupIds = [this.gid('Subgroup', this.subgroups.own)];
    if (role === 'REPORTER') input.unitId = this.gid('Unit', this.units.own);
    const { userCreate } = await this.asAdmin<{ userCreate: { user: { id: string } } }>(
      'mutation($i: UserCreateInput!) { userCreate(input: $i) { user { id } } }',
      { i: input },
    );
    const userId = Number(Buffer.from(userCreate.user.id, 'base64url').toString('utf8').split(':')[1]);
    return { token: await this.server.login(username, password), userId, password };
  }

  /** A screen token reading as the user, made by the administrator through screenTokenCreate. */
  async screenTokenFor(userId: number): Promise<string> {
    const { screenTokenCreate } = await this.asAdmin<{ screenTokenCreate: { token: string } }>(
      'mutation($i: ScreenTokenCreateInput!) { screenTokenCreate(input: $i) { token } }',
      { i: { name: this.unique('大屏'), userId: this.gid('User', userId) } },
    );
    return screenTokenCreate.token;
  }

  /** A screen-token row belonging to the user (its global ID), for screenTokenRevoke. */
  async screenTokenRow(userId: number): Promise<string> {
    const { screenTokenCreate } = await this.asAdmin<{ screenTokenCreate: { screenToken: { id: string } } }>(
      'mutation($i: ScreenTokenCreateInput!) { screenTokenCreate(input: $i) { screenToken { id } } }',
      { i: { name: this.unique('大屏'), userId: this.gid('User', userId) } },
    );
    return screenTokenCreate.screenToken.id;
  }

  /** A user inserted directly (password THROWAWAY_PASSWORD); REPORTERs sit in the scope's unit, LEADERs lead its subgroup. */
  async user(role: Role, scope: Scope = 'own'): Promise<{ userId: number; username: string; password: string }> {
    throwawayHash ??= hashPassword(THROWAWAY_PASSWORD);
    const username = this.unique('u');
    const { unit, subgroup } = this.scoped(scope);
    const manager = this.server.dataSource.manager;
    const result = await manager.insert(User, { username, passwordHash: await throwawayHash, role, unitId: role === Role.REPORTER ? unit : null });
    const userId = result.identifiers[0].dbId as number;
    if (role === Role.LEADER) await manager.insert(UserSubgroup, { userId, subgroupId: subgroup });
    return { userId, username, password: THROWAWAY_PASSWORD };
  }

  /**
   * A fresh principal of the actor's kind, for cases that change the actor itself (passwordChange, self-promotion):
   * LEADER leads the own subgroup, REPORTER sits in the own unit, SCREEN is a screen token of a fresh VIEWER.
   */
  async freshPrincipal(actor: Actor): Promise<Principal> {
    if (actor === 'ANON') return {};
    const role = actor === 'SCREEN' ? Role.VIEWER : (actor as Role);
    const user = await this.user(role, 'own');
    const token = actor === 'SCREEN' ? await this.screenTokenFor(user.userId) : await this.server.login(user.username, user.password);
    return { token, userId: user.userId, password: user.password };
  }

  async project(scope: Scope, fields: Partial<Project> = {}): Promise<number> {
    const { unit, subgroup } = this.scoped(scope);
    const code = this.unique('P');
    const result = await this.server.dataSource.manager.insert(Project, {
      code,
      name: `矩阵项目 ${code}`,
      taskForceId: this.taskForceId,
      unitId: unit,
      subgroupId: subgroup,
      subgroupExplicit: false,
      searchText: code.toLowerCase(),
      ...fields,
    });
    return result.identifiers[0].dbId as number;
  }

  /**
   * A problem raised against the scope's anchor project, in `state`, with a responsible unit (default: the same
   * scope's). `unitLevel`: raised against the unit alone, with no subgroup recorded (as when the unit sits in
   * several subgroups), so only the unit's coverage ties it to a subgroup.
   */
  async problem(scope: Scope, state: ProblemState, responsible: Scope | null = scope, unitLevel = false): Promise<number> {
    const { unit, subgroup, anchor } = this.scoped(scope);
    const result = await this.server.dataSource.manager.insert(Problem, {
      taskForceId: this.taskForceId,
      subgroupId: unitLevel ? null : subgroup,
      projectId: unitLevel ? null : anchor,
      unitId: unit,
      title: this.unique('问题'),
      state,
      responsibleUnitId: responsible === null ? null : this.scoped(responsible).unit,
      version: 1,
    });
    return result.identifiers[0].dbId as number;
  }

  /** A SUBGROUP target of the scope's subgroup, a UNIT target of its unit, or a TASK_FORCE target (led by the scope's unit). */
  async target(scope: Scope, kind: TargetScope): Promise<number> {
    const { unit, subgroup } = this.scoped(scope);
    const result = await this.server.dataSource.manager.insert(Target, {
      taskForceId: this.taskForceId,
      scope: kind,
      subgroupId: kind === TargetScope.SUBGROUP ? subgroup : null,
      unitId: kind === TargetScope.UNIT ? unit : null,
      leadUnitId: unit,
      name: this.unique('目标'),
      targetValue: 100,
      version: 1,
    });
    return result.identifiers[0].dbId as number;
  }

  /** A work task led by the scope's unit, optionally with cooperating units. */
  async task(scope: Scope, cooperating: Scope[] = []): Promise<number> {
    const manager = this.server.dataSource.manager;
    this.counter += 1;
    const result = await manager.insert(Task, { taskForceId: this.taskForceId, number: this.counter, title: `任务 ${this.counter}`, leadUnitId: this.scoped(scope).unit, version: 1 });
    const taskId = result.identifiers[0].dbId as number;
    for (const [position, s] of cooperating.entries()) await manager.insert(TaskUnit, { taskId, unitId: this.scoped(s).unit, position });
    return taskId;
  }

  /** A person whose title places them in the scope's unit. */
  async person(scope: Scope): Promise<number> {
    const result = await this.server.dataSource.manager.insert(Person, { name: this.unique('张'), title: '副县长', unitId: this.scoped(scope).unit });
    return result.identifiers[0].dbId as number;
  }

  /** A current role assignment of a fresh person in the scope's subgroup. */
  async roleAssignment(scope: Scope): Promise<number> {
    const personId = await this.person(scope);
    const result = await this.server.dataSource.manager.insert(RoleAssignment, {
      taskForceId: this.taskForceId,
      subgroupId: this.scoped(scope).subgroup,
      personId,
      role: '成员',
      kind: RoleKind.MEMBER,
    });
    return result.identifiers[0].dbId as number;
  }

  /**
   * Count and SHA-256 of every row of every table, per table. `api_token.last_used_at` is left out: it records
   * that a screen token was used (reads too), to the minute, and is not a write of the mutation under test.
   */
  async checksum(): Promise<Record<string, string>> {
    const dataSource = this.server.dataSource;
    const tables = dataSource.entityMetadatas.map((metadata) => metadata.tableName).sort();
    const sums = await Promise.all(
      tables.map(async (table) => {
        const rows: Array<Record<string, unknown>> = await dataSource.query(`SELECT * FROM ${dataSource.driver.escape(table)}`);
        const lines = rows
          .map((row) => {
            const copy = { ...row };
            if (table === 'api_token') delete copy.last_used_at;
            return JSON.stringify(Object.keys(copy).sort().map((key) => [key, copy[key]]));
          })
          .sort();
        return [table, `${rows.length} rows, sha256 ${createHash('sha256').update(lines.join('\n')).digest('hex')}`] as const;
      }),
    );
    return Object.fromEntries(sums);
  }
}
