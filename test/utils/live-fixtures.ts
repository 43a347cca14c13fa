import { DataSource } from 'typeorm';
import { toGlobalId } from '../../src/common/global-id';
import { Subgroup } from '../../src/domain/campaign/subgroup.entity';
import { TaskForce } from '../../src/domain/campaign/task-force.entity';
import { AnnualPlan } from '../../src/domain/project/annual-plan.entity';
import { Project } from '../../src/domain/project/project.entity';
import { today } from '../../src/metrics/dates';
import { Unit, UnitKind } from '../../src/domain/unit/unit.entity';

/** Two task forces; the first with two subgroups; one project per subgroup, one in the second task force. */
export interface LiveFixture {
  taskForceA: string;
  taskForceB: string;
  subgroupA1: string;
  subgroupA2: string;
  unit: string;
  /** Project in subgroup A1 of task force A. */
  projectA1: string;
  /** Project in subgroup A2 of task force A. */
  projectA2: string;
  /** Project in task force B. */
  projectB: string;
}

/** Writes the fixture straight into the database (plan figures chosen so a ytd change moves the ratio). */
export async function createLiveFixture(dataSource: DataSource): Promise<LiveFixture> {
  const manager = dataSource.manager;
  const tf = async (name: string) => (await manager.save(manager.create(TaskForce, { name, region: '测试市', periodStart: '2020-01-01', periodEnd: '2030-12-31' }))).dbId;
  const taskForceA = await tf('实时测试工作组甲');
  const taskForceB = await tf('实时测试工作组乙');
  const subgroup = async (taskForceId: number, name: string) => (await manager.save(manager.create(Subgroup, { taskForceId, name }))).dbId;
  const subgroupA1 = await subgroup(taskForceA, '甲一组');
  const subgroupA2 = await subgroup(taskForceA, '甲二组');
  const unit = (await manager.save(manager.create(Unit, { name: '测试区人民政府', region: '测试市', kind: UnitKind.DISTRICT, searchText: '测试区人民政府' }))).dbId;
  const project = async (taskForceId: number, subgroupId: number | null, code: string) => {
    const id = (
      await manager.save(
        manager.create(Project, {
          taskForceId,
          subgroupId,
          subgroupExplicit: subgroupId !== null,
          unitId: unit,
          code,
          name: `测试项目${code}`,
          searchText: `${code} 测试项目${code}`,
          totalInvestment: 10_000,
          annualPlanInvestment: 1_000,
          ytdCompletedInvestment: 0,
        } as Partial<Project>),
      )
    ).dbId;
    // The plan of this year (metrics at a date read the plan of its year).
    await manager.insert(AnnualPlan, { projectId: id, year: Number(today().slice(0, 4)), amount: 1_000 });
    return id;
  };
  return {
    taskForceA: toGlobalId('TaskForce', taskForceA),
    taskForceB: toGlobalId('TaskForce', taskForceB),
    subgroupA1: toGlobalId('Subgroup', subgroupA1),
    subgroupA2: toGlobalId('Subgroup', subgroupA2),
    unit: toGlobalId('Unit', unit),
    projectA1: toGlobalId('Project', await project(taskForceA, subgroupA1, 'A1-001')),
    projectA2: toGlobalId('Project', await project(taskForceA, subgroupA2, 'A2-001')),
    projectB: toGlobalId('Project', await project(taskForceB, null, 'B-001')),
  };
}
