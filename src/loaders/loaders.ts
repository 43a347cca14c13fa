import DataLoader from 'dataloader';
import { EntityManager, In, IsNull, ObjectLiteral, EntityTarget } from 'typeorm';
import { Subgroup } from '../domain/campaign/subgroup.entity';
import { SubgroupUnit, SubgroupUnitRole } from '../domain/campaign/subgroup-unit.entity';
import { TaskForce } from '../domain/campaign/task-force.entity';
import { Person } from '../domain/person/person.entity';
import { RoleAssignment } from '../domain/person/role-assignment.entity';
import { Problem } from '../domain/problem/problem.entity';
import { ProgressReport } from '../domain/progress/progress-report.entity';
import { Project } from '../domain/project/project.entity';
import { Target } from '../domain/target/target.entity';
import { TargetActual } from '../domain/target/target-actual.entity';
import { TargetMilestone } from '../domain/target/target-milestone.entity';
import { Task, TaskUnit } from '../domain/task/task.entity';
import { Unit } from '../domain/unit/unit.entity';
import { User } from '../domain/user/user.entity';
import { MetricsKey, MetricsService } from '../metrics/metrics.service';
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

/** Every batch loader of one request (or one socket). Create with createLoaders; never share across users. */
export function createLoaders(manager: EntityManager, metricsService: MetricsService, projectQuery: ProjectQueryService) {
  const unit = byId(manager, Unit);
  const unitList = (ids: number[]) => unit.loadMany(ids).then((rows) => rows.filter((row): row is Unit => row instanceof Unit));

  return {
    unit,
    unitList,
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
      const rows = await manager.find(Subgroup, { where: { taskForceId: In([...ids]) }, order: { position: 'ASC', dbId: 'ASC' } });
      return groupBy(ids, rows, (row) => row.taskForceId);
    }),
    /** Unit ids a subgroup covers (包保单位), in the document's order. */
    unitIdsBySubgroup: new DataLoader<number, number[]>(async (ids) => {
      const rows = await manager.find(SubgroupUnit, { where: { subgroupId: In([...ids]), role: SubgroupUnitRole.COVERED }, order: { position: 'ASC' } });
      return groupBy(ids, rows, (row) => row.subgroupId).map((list) => list.map((row) => row.unitId));
    }),
    coLeadUnitIdsBySubgroup: new DataLoader<number, number[]>(async (ids) => {
      const rows = await manager.find(SubgroupUnit, { where: { subgroupId: In([...ids]), role: SubgroupUnitRole.CO_LEAD }, order: { position: 'ASC' } });
      return groupBy(ids, rows, (row) => row.subgroupId).map((list) => list.map((row) => row.unitId));
    }),
    rolesByTaskForce: new DataLoader<number, RoleAssignment[]>(async (ids) => {
      const rows = await manager.find(RoleAssignment, {
        where: { taskForceId: In([...ids]), subgroupId: IsNull() },
        order: { position: 'ASC', dbId: 'ASC' },
      });
      return groupBy(ids, rows, (row) => row.taskForceId);
    }),
    rolesBySubgroup: new DataLoader<number, RoleAssignment[]>(async (ids) => {
      const rows = await manager.find(RoleAssignment, { where: { subgroupId: In([...ids]) }, order: { position: 'ASC', dbId: 'ASC' } });
      return groupBy(ids, rows, (row) => row.subgroupId);
    }),
    targetsByTaskForce: new DataLoader<number, Target[]>(async (ids) => {
      const rows = await manager.find(Target, { where: { taskForceId: In([...ids]) }, order: { position: 'ASC', dbId: 'ASC' } });
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
      const rows = await manager.find(Task, { where: { taskForceId: In([...ids]) }, order: { number: 'ASC', dbId: 'ASC' } });
      return groupBy(ids, rows, (row) => row.taskForceId);
    }),
    cooperatingUnitIdsByTask: new DataLoader<number, number[]>(async (ids) => {
      const rows = await manager.find(TaskUnit, { where: { taskId: In([...ids]) }, order: { position: 'ASC' } });
      return groupBy(ids, rows, (row) => row.taskId).map((list) => list.map((row) => row.unitId));
    }),
    reportsByProject: new DataLoader<number, ProgressReport[]>(async (ids) => {
      const rows = await manager.find(ProgressReport, { where: { projectId: In([...ids]) }, order: { periodEnd: 'DESC', dbId: 'DESC' } });
      return groupBy(ids, rows, (row) => row.projectId);
    }),
    problemsByProject: new DataLoader<number, Problem[]>(async (ids) => {
      const rows = await manager.find(Problem, { where: { projectId: In([...ids]) }, order: { dbId: 'ASC' } });
      return groupBy(ids, rows, (row) => row.projectId);
    }),

    /** Metrics of any node; keys batched per kind so the statement count does not grow with the nodes. */
    metrics: new DataLoader<MetricsKey, MetricsValue, string>((keys) => metricsService.computeBatch(manager, keys), {
      cacheKeyFn: (key) => `${key.kind}:${key.id}:${key.taskForceId ?? ''}:${key.asOf}`,
    }),
    /** Project connections under any parent, batched by identical arguments. */
    projectConnection: new DataLoader<ConnectionKey, ProjectConnectionResult, string>((keys) => projectQuery.loadConnections(manager, keys), {
      cacheKeyFn: (key) => JSON.stringify(key),
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
