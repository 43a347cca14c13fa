import DataLoader from 'dataloader';
import { EntityManager, In, IsNull, ObjectLiteral, EntityTarget } from 'typeorm';
import { Subgroup } from '../domain/campaign/subgroup.entity';
import { SubgroupUnit, SubgroupUnitRole } from '../domain/campaign/subgroup-unit.entity';
import { TaskForce } from '../domain/campaign/task-force.entity';
import { Person } from '../domain/person/person.entity';
import { RoleAssignment } from '../domain/person/role-assignment.entity';
import { Problem } from '../domain/problem/problem.entity';
import { ProgressReport } from '../domain/progress/progress-report.entity';
import { AnnualPlan } from '../domain/project/annual-plan.entity';
import { Project } from '../domain/project/project.entity';
import { Target } from '../domain/target/target.entity';
import { TargetActual } from '../domain/target/target-actual.entity';
import { TargetMilestone } from '../domain/target/target-milestone.entity';
import { Task, TaskUnit } from '../domain/task/task.entity';
import { Unit } from '../domain/unit/unit.entity';
import { User } from '../domain/user/user.entity';
import { MetricsKey, MetricsService, TaskForceRollup } from '../metrics/metrics.service';
import { MetricsValue } from '../metrics/indicators';
import { ConnectionKey, ProjectConnectionResult, ProjectQueryService } from '../domain/project/project-query.service';

type WithDbId = ObjectLiteral & { dbId: number };

function byId<T extends WithDbId>(manager: EntityManager, entity: EntityTarget<T>): DataLoader<number, T | null> {
  return new DataLoader<number, T | null>(async (ids) => {
    const rows = await manager.getRepository(entity).find({ where: { dbId: In([...ids]) } as never });
    const map = new Map(rows.map((row) => [row.dbId, row]));
    return ids.map((id) => map.get(id) ?? null);
  });
}

/** Groups rows by a foreign key, keeping the query's order. */
function groupBy<T>(keys: readonly number[], rows: T[], keyOf: (row: T) => number | null): T[][] {
  const map = new Map<number, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    if (key === null) continue;
    const list = map.get(key) ?? [];
    list.push(row);
    map.set(key, list);
  }
  return keys.map((key) => map.get(key) ?? []);
}

/**
 * A row's reference (a subgroup's lead unit, a role's person): the row joined on the list loader that produced it,
 * else a lookup through the by-id loader (rows that came by id, from a service or a mutation).
 */
export function loadReference<T>(joined: T | null | undefined, id: number | null, byIdLoader: DataLoader<number, T | null>): T | Promise<T | null> | null {
  if (id === null) return null;
  return joined ?? byIdLoader.load(id);
}

/**
 * Every batch loader of one request (or one socket). Create with createLoaders; never share across users.
 *
 * The number of statements of a query must follow from its shape, not from the order in which the database answers.
 * A by-id loader reached from two branches of one query breaks that: whether the second branch finds its ids in
 * the cache depends on which branch's rows came back first. So the list loaders below bring, joined, the units and
 * people their rows point to, and do not prime the by-id loaders with them; the metrics loader works per node kind.
 */
export function createLoaders(manager: EntityManager, metricsService: MetricsService, projectQuery: ProjectQueryService) {
  const unit = byId(manager, Unit);
  const unitList = (ids: number[]) => unit.loadMany(ids).then((rows) => rows.filter((row): row is Unit => row instanceof Unit));
  const linkedUnits = async (subgroupIds: readonly number[], role: SubgroupUnitRole): Promise<Unit[][]> => {
    const rows = await manager.find(SubgroupUnit, {
      where: { subgroupId: In([...subgroupIds]), role },
      relations: { unit: true },
      order: { position: 'ASC', unitId: 'ASC' },
    });
    return groupBy(subgroupIds, rows, (row) => row.subgroupId).map((list) => list.map((row) => row.unit!));
  };

  /** Task-force rollups of this request, by `${taskForceId}:${asOf}`, each with its subgroups' and units' metrics. */
  const rollups = new Map<string, Promise<TaskForceRollup>>();
  const answerFromRollups = async (key: MetricsKey): Promise<MetricsValue | null> => {
    switch (key.kind) {
      case 'TASK_FORCE':
        return (await rollups.get(`${key.id}:${key.asOf}`)!).value;
      case 'UNIT': {
        const rollup = key.taskForceId ? rollups.get(`${key.taskForceId}:${key.asOf}`) : undefined;
        return rollup ? (await rollup).unit(key.id) : null;
      }
      case 'SUBGROUP':
        for (const [at, pending] of rollups) {
          if (!at.endsWith(`:${key.asOf}`)) continue;
          const rollup = await pending;
          if (rollup.subgroups.has(key.id)) return rollup.subgroup(key.id);
        }
        return null;
      case 'PROJECT':
        return null;
    }
  };

  // The metrics loader, named so that taskForceRollup can ask it for a task force (which records the rollup).
  let metricsLoader: DataLoader<MetricsKey, MetricsValue, string>;
  /** A task force's rollup at a date: computed once per request with its metrics (a dashboard's one statement). */
  const taskForceRollup = async (taskForceId: number, asOf: string): Promise<TaskForceRollup> => {
    await metricsLoader.load({ kind: 'TASK_FORCE', id: taskForceId, asOf });
    return rollups.get(`${taskForceId}:${asOf}`)!;
  };

  return {
    unit,
    unitList,
    taskForceRollup,
    person: byId(manager, Person),
    taskForce: byId(manager, TaskForce),
    subgroup: byId(manager, Subgroup),
    project: byId(manager, Project),
    target: byId(manager, Target),
    task: byId(manager, Task),
    report: byId(manager, ProgressReport),
    problem: byId(manager, Problem),
    user: byId(manager, User),

    subgroupsByTaskForce: new DataLoader<number, Subgroup[]>(async (ids) => {
      const rows = await manager.find(Subgroup, {
        where: { taskForceId: In([...ids]) },
        relations: { leadUnit: true, officeUnit: true },
        order: { position: 'ASC', dbId: 'ASC' },
      });
      return groupBy(ids, rows, (row) => row.taskForceId);
    }),
    /** Units a subgroup covers (包保单位), in the document's order: subgroup_unit joined with unit. */
    unitsBySubgroup: new DataLoader<number, Unit[]>((ids) => linkedUnits(ids, SubgroupUnitRole.COVERED)),
    /** Further lead units of a subgroup, in the document's order. */
    coLeadUnitsBySubgroup: new DataLoader<number, Unit[]>((ids) => linkedUnits(ids, SubgroupUnitRole.CO_LEAD)),
    rolesByTaskForce: new DataLoader<number, RoleAssignment[]>(async (ids) => {
      const rows = await manager.find(RoleAssignment, {
        where: { taskForceId: In([...ids]), subgroupId: IsNull() },
        relations: { person: { unit: true } },
        order: { position: 'ASC', dbId: 'ASC' },
      });
      return groupBy(ids, rows, (row) => row.taskForceId);
    }),
    rolesBySubgroup: new DataLoader<number, RoleAssignment[]>(async (ids) => {
      const rows = await manager.find(RoleAssignment, {
        where: { subgroupId: In([...ids]) },
        relations: { person: { unit: true } },
        order: { position: 'ASC', dbId: 'ASC' },
      });
      return groupBy(ids, rows, (row) => row.subgroupId);
    }),
    targetsByTaskForce: new DataLoader<number, Target[]>(async (ids) => {
      const rows = await manager.find(Target, {
        where: { taskForceId: In([...ids]) },
        relations: { unit: true, leadUnit: true },
        order: { position: 'ASC', dbId: 'ASC' },
      });
      return groupBy(ids, rows, (row) => row.taskForceId);
    }),
    milestonesByTarget: new DataLoader<number, TargetMilestone[]>(async (ids) => {
      const rows = await manager.find(TargetMilestone, { where: { targetId: In([...ids]) }, order: { due: 'ASC', dbId: 'ASC' } });
      return groupBy(ids, rows, (row) => row.targetId);
    }),
    actualsByTarget: new DataLoader<number, TargetActual[]>(async (ids) => {
      const rows = await manager.find(TargetActual, { where: { targetId: In([...ids]) }, order: { asOf: 'ASC' } });
      return groupBy(ids, rows, (row) => row.targetId);
    }),
    tasksByTaskForce: new DataLoader<number, Task[]>(async (ids) => {
      const rows = await manager.find(Task, { where: { taskForceId: In([...ids]) }, relations: { leadUnit: true }, order: { number: 'ASC', dbId: 'ASC' } });
      return groupBy(ids, rows, (row) => row.taskForceId);
    }),
    /** Cooperating units of a task (配合单位), in the document's order: task_unit joined with unit. */
    cooperatingUnitsByTask: new DataLoader<number, Unit[]>(async (ids) => {
      const rows = await manager.find(TaskUnit, { where: { taskId: In([...ids]) }, relations: { unit: true }, order: { position: 'ASC', unitId: 'ASC' } });
      return groupBy(ids, rows, (row) => row.taskId).map((list) => list.map((row) => row.unit!));
    }),
    reportsByProject: new DataLoader<number, ProgressReport[]>(async (ids) => {
      const rows = await manager.find(ProgressReport, { where: { projectId: In([...ids]) }, order: { periodEnd: 'DESC', dbId: 'DESC' } });
      return groupBy(ids, rows, (row) => row.projectId);
    }),
    annualPlansByProject: new DataLoader<number, AnnualPlan[]>(async (ids) => {
      const rows = await manager.find(AnnualPlan, { where: { projectId: In([...ids]) }, order: { year: 'ASC' } });
      return groupBy(ids, rows, (row) => row.projectId);
    }),
    problemsByProject: new DataLoader<number, Problem[]>(async (ids) => {
      const rows = await manager.find(Problem, {
        where: { projectId: In([...ids]) },
        relations: { unit: true, responsibleUnit: true },
        order: { dbId: 'ASC' },
      });
      return groupBy(ids, rows, (row) => row.projectId);
    }),

    /**
     * Metrics of any node; keys batched per kind so the statement count does not grow with the nodes. A task force's
     * statement also brings its subgroups' and units' metrics at the same date (a dashboard asks for all three), and
     * later batches of those keys are answered from it; the rest is computed per kind, each kind on its own: a query
     * reaches the kinds at different moments, and whether two kinds share a batch must not change the count.
     */
    metrics: (metricsLoader = new DataLoader<MetricsKey, MetricsValue, string>(
      async (keys) => {
        const values = new Map<MetricsKey, MetricsValue>();
        const taskForceKeys = keys.filter((key) => key.kind === 'TASK_FORCE');
        if (taskForceKeys.length) {
          const pending = metricsService.computeTaskForces(manager, taskForceKeys);
          taskForceKeys.forEach((key, i) => {
            const rollup = pending.then((all) => all[i]);
            rollup.catch(() => undefined); // awaited below; a failure must not also be an unhandled rejection
            rollups.set(`${key.id}:${key.asOf}`, rollup);
          });
        }
        const rest: MetricsKey[] = [];
        for (const key of keys) {
          const answer = await answerFromRollups(key);
          if (answer) values.set(key, answer);
          else rest.push(key);
        }
        const kinds = [...new Set(rest.map((key) => key.kind))];
        await Promise.all(
          kinds.map(async (kind) => {
            const ofKind = rest.filter((key) => key.kind === kind);
            (await metricsService.computeBatch(manager, ofKind)).forEach((value, i) => values.set(ofKind[i], value));
          }),
        );
        return keys.map((key) => values.get(key)!);
      },
      { cacheKeyFn: (key) => `${key.kind}:${key.id}:${key.taskForceId ?? ''}:${key.asOf}` },
    )),
    /** Project connections under any parent, batched by identical arguments. */
    projectConnection: new DataLoader<ConnectionKey, ProjectConnectionResult, string>((keys) => projectQuery.loadConnections(manager, keys), {
      cacheKeyFn: (key) => JSON.stringify(key),
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
