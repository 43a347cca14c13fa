import { EntityManager, In } from 'typeorm';
import { foldForSearch } from '../common/search-text';
import { logger } from '../common/logger';
import { deriveProjectSubgroups } from '../domain/campaign/subgroup-derivation';
import { Subgroup } from '../domain/campaign/subgroup.entity';
import { SubgroupUnit, SubgroupUnitRole } from '../domain/campaign/subgroup-unit.entity';
import { ReportingCadence, TaskForce } from '../domain/campaign/task-force.entity';
import { Person } from '../domain/person/person.entity';
import { RoleAssignment } from '../domain/person/role-assignment.entity';
import { roleKindOf } from '../domain/person/role-kind';
import { AnnualPlan } from '../domain/project/annual-plan.entity';
import { Project, ProjectStage } from '../domain/project/project.entity';
import { today, yearOf } from '../metrics/dates';
import { Target, TargetDirection, TargetScope } from '../domain/target/target.entity';
import { TargetMilestone } from '../domain/target/target-milestone.entity';
import { Task, TaskUnit } from '../domain/task/task.entity';
import { Unit, UnitKind } from '../domain/unit/unit.entity';
import { checkReportingRules } from '../domain/reporting/reporting-period';
import { campaign000 } from './campaigns/campaign-000';
import { campaign001 } from './campaigns/campaign-001';
import { campaign002 } from './campaigns/campaign-002';
import { campaign003 } from './campaigns/campaign-003';
import { campaign004 } from './campaigns/campaign-004';
import { exampleWeights, seedOf, splitExactly } from './example-projects';
import { ExampleReport, exampleReports } from './example-reports';
import { ProgressReport, PeriodType } from '../domain/progress/progress-report.entity';
import { SeedCampaign, SeedRole } from './seed-types';

/** The five source campaigns, in the order of their documents. */
export const seedCampaigns: SeedCampaign[] = [campaign000, campaign001, campaign002, campaign003, campaign004];

/** Whether a document is written in Traditional characters (for the generated example names). */
function isTraditional(campaign: SeedCampaign): boolean {
  return foldForSearch(campaign.name) !== campaign.name.toLowerCase().replace(/\s+/g, '');
}

interface ExamplePlan {
  count: number;
  /** Left out when the document states only the count: the projects carry no amounts. */
  totalInvestment?: number;
  stage?: 'PLANNING' | 'PREPARING' | 'UNDER_CONSTRUCTION';
  annualPlanInvestment?: number;
  /** The year of the plan (the document's), else the campaign's first year. */
  annualPlanYear?: number;
  unit: string;
  sector?: string;
  subgroup?: string;
  namePrefix: string;
}

export interface DemoOptions {
  /**
   * File example monthly reports (`isExample`, src/seed/example-reports.ts) for the example projects that carry a
   * plan, for the months of the plan's year that have passed: the demo's default. Off, the campaigns hold only what
   * their documents state (the tests that count figures by hand on top of the documents).
   */
  exampleReports?: boolean;
}

/** Loads one campaign document's data into an empty or partly filled database (units are shared by region). */
export async function loadCampaign(manager: EntityManager, campaign: SeedCampaign, options: DemoOptions = {}): Promise<TaskForce> {
  const units = new Map<string, Unit>();
  for (const seedUnit of campaign.units) {
    let unit = await manager.findOne(Unit, { where: { region: campaign.region, name: seedUnit.name } });
    if (!unit) {
      unit = manager.create(Unit, { name: seedUnit.name, region: campaign.region, kind: seedUnit.kind as UnitKind, searchText: foldForSearch(seedUnit.name) });
      unit = await manager.save(unit);
    }
    units.set(seedUnit.name, unit);
  }
  const unitId = (name: string | undefined, where: string): number | null => {
    if (!name) return null;
    const unit = units.get(name);
    if (!unit) throw new Error(`seed ${campaign.key}: ${where} names unit "${name}" which is not in its unit list`);
    return unit.dbId;
  };

  const taskForce = await manager.save(
    manager.create(TaskForce, {
      name: campaign.name,
      groupName: campaign.groupName ?? null,
      documentNumber: campaign.documentNumber ?? null,
      issuer: campaign.issuer ?? null,
      issuedOn: campaign.issuedOn ?? null,
      region: campaign.region,
      periodStart: campaign.periodStart ?? null,
      periodEnd: campaign.periodEnd ?? null,
      reportingCadence: (campaign.reportingCadence as ReportingCadence | undefined) ?? null,
      reportingCadencesJson: campaign.reportingCadences
        ? checkReportingRules(campaign.reportingCadences.map((rule) => ({ ...rule, kind: rule.kind as ReportingCadence })), `seed ${campaign.key} reportingCadences`)
        : null,
      phasesJson: campaign.phases?.length ? campaign.phases : null,
      officeUnitId: unitId(campaign.officeUnit, 'officeUnit'),
      sourceKey: campaign.key,
    }),
  );

  // One person per (name, title) within a document; people whose name was lost stay distinct.
  const people = new Map<string, Person>();
  const personFor = async (role: SeedRole): Promise<Person> => {
    const key = role.person.name ? `${role.person.name}\u0000${role.person.title}` : null;
    const known = key ? people.get(key) : undefined;
    if (known) return known;
    const person = await manager.save(
      manager.create(Person, { name: role.person.name, title: role.person.title || null, unitId: unitId(role.person.unit, `person ${role.person.name}`) }),
    );
    if (key) people.set(key, person);
    return person;
  };
  const saveRoles = async (roles: SeedRole[], subgroupId: number | null) => {
    let position = 0;
    for (const role of roles) {
      const person = await personFor(role);
      await manager.save(
        manager.create(RoleAssignment, {
          taskForceId: taskForce.dbId,
          subgroupId,
          personId: person.dbId,
          role: role.role,
          kind: roleKindOf(role.role),
          title: role.person.title || null,
          since: campaign.issuedOn ?? null,
          until: null,
          position: position++,
        }),
      );
    }
  };
  await saveRoles(campaign.roles, null);

  const subgroups = new Map<string, Subgroup>();
  const examples: ExamplePlan[] = [];
  for (const [index, seedSubgroup] of campaign.subgroups.entries()) {
    const subgroup = await manager.save(
      manager.create(Subgroup, {
        taskForceId: taskForce.dbId,
        name: seedSubgroup.name,
        leadUnitId: unitId(seedSubgroup.leadUnit, `subgroup ${seedSubgroup.name}`),
        officeUnitId: unitId(seedSubgroup.officeUnit, `subgroup ${seedSubgroup.name}`),
        mainTasks: seedSubgroup.mainTasks ?? null,
        position: index,
      }),
    );
    subgroups.set(seedSubgroup.name, subgroup);
    await saveRoles(seedSubgroup.roles, subgroup.dbId);
    const links = [
      ...seedSubgroup.units.map((name) => ({ name, role: SubgroupUnitRole.COVERED })),
      ...(seedSubgroup.coLeadUnits ?? []).map((name) => ({ name, role: SubgroupUnitRole.CO_LEAD })),
    ];
    for (const [position, link] of links.entries()) {
      await manager.insert(SubgroupUnit, { subgroupId: subgroup.dbId, unitId: unitId(link.name, `subgroup ${seedSubgroup.name}`)!, role: link.role, position });
    }
    if (seedSubgroup.projectPlan) examples.push({ ...seedSubgroup.projectPlan, subgroup: seedSubgroup.name });
  }
  for (const plan of campaign.exampleProjects ?? []) examples.push(plan);

  for (const [position, seedTarget] of campaign.targets.entries()) {
    const subgroup = seedTarget.subgroup ? subgroups.get(seedTarget.subgroup) : undefined;
    if (seedTarget.subgroup && !subgroup) throw new Error(`seed ${campaign.key}: target ${seedTarget.code} names unknown subgroup ${seedTarget.subgroup}`);
    const target = await manager.save(
      manager.create(Target, {
        taskForceId: taskForce.dbId,
        scope: seedTarget.scope as TargetScope,
        subgroupId: subgroup?.dbId ?? null,
        unitId: unitId(seedTarget.unit, `target ${seedTarget.code}`),
        code: seedTarget.code,
        name: seedTarget.name,
        measure: seedTarget.measure ?? null,
        unitOfMeasure: seedTarget.unitOfMeasure ?? null,
        baseline: seedTarget.baseline ?? null,
        targetValue: seedTarget.targetValue,
        direction: seedTarget.direction as TargetDirection,
        leadUnitId: unitId(seedTarget.leadUnit, `target ${seedTarget.code}`),
        due: seedTarget.due ?? null,
        source: seedTarget.source,
        position,
      }),
    );
    for (const milestone of seedTarget.milestones ?? []) {
      await manager.insert(TargetMilestone, { targetId: target.dbId, label: milestone.label, due: milestone.due, value: milestone.value ?? null, ratio: milestone.ratio ?? null });
    }
  }

  for (const seedTask of campaign.tasks) {
    const task = await manager.save(
      manager.create(Task, {
        taskForceId: taskForce.dbId,
        number: seedTask.number,
        title: seedTask.title,
        description: seedTask.description ?? null,
        section: seedTask.section ?? null,
        leadUnitId: unitId(seedTask.leadUnit, `task ${seedTask.number}`),
        due: seedTask.due ?? null,
      }),
    );
    for (const [position, name] of seedTask.cooperatingUnits.entries()) {
      await manager.insert(TaskUnit, { taskId: task.dbId, unitId: unitId(name, `task ${seedTask.number}`)!, position });
    }
  }

  const exampleWord = isTraditional(campaign) ? '示例項目' : '示例项目';
  for (const [groupIndex, plan] of examples.entries()) {
    const weights = exampleWeights(plan.count, seedOf(`${campaign.key}:${plan.namePrefix}`));
    const totals = plan.totalInvestment === undefined ? weights.map(() => null) : splitExactly(plan.totalInvestment, weights);
    const annuals = plan.annualPlanInvestment === undefined ? null : splitExactly(plan.annualPlanInvestment, weights);
    // The document's plan is that of its year (seed 001: 2020), else of the campaign's first year.
    const year = plan.annualPlanYear ?? yearOf(taskForce.periodStart ?? today());
    // The months of the plan year within the campaign's period (none when the year lies outside it).
    const { periodStart, periodEnd } = taskForce;
    const firstMonth = periodStart && yearOf(periodStart) === year ? Number(periodStart.slice(5, 7)) : 1;
    const lastMonth = periodEnd && yearOf(periodEnd) === year ? Number(periodEnd.slice(5, 7)) : 12;
    const inPeriod = (!periodStart || yearOf(periodStart) <= year) && (!periodEnd || yearOf(periodEnd) >= year);
    const reportsOf = (code: string, i: number): ExampleReport[] =>
      options.exampleReports && annuals && inPeriod ? exampleReports(code, annuals[i], totals[i], year, firstMonth, today(), lastMonth) : [];
    const reports = new Map<string, ExampleReport[]>();
    const rows = totals.map((total, i) => {
      const code = `${campaign.key}-${String(groupIndex + 1).padStart(2, '0')}-${String(i + 1).padStart(3, '0')}`;
      const name = `${plan.namePrefix}${exampleWord}${String(i + 1).padStart(2, '0')}`;
      const filed = reportsOf(code, i);
      reports.set(code, filed);
      // The ledger holds the latest report's figures, as a filed report leaves them.
      const latest = filed.at(-1);
      return manager.create(Project, {
        code,
        name,
        taskForceId: taskForce.dbId,
        unitId: unitId(plan.unit, `projects of ${plan.namePrefix}`)!,
        subgroupId: plan.subgroup ? subgroups.get(plan.subgroup)!.dbId : null,
        subgroupExplicit: Boolean(plan.subgroup),
        sector: plan.sector ?? null,
        stage: latest ? ProjectStage[latest.stage] : plan.stage ? ProjectStage[plan.stage] : ProjectStage.PLANNING,
        totalInvestment: total,
        annualPlanInvestment: annuals ? annuals[i] : null,
        ytdCompletedInvestment: latest ? latest.ytdCompletedInvestment : null,
        cumulativeCompletedInvestment: latest ? latest.ytdCompletedInvestment : null,
        statsDate: latest ? latest.periodEnd : null,
        isExample: true,
        seq: i + 1,
        searchText: foldForSearch(`${code} ${name}`),
        customFields: null,
      });
    });
    for (let i = 0; i < rows.length; i += 200) await manager.insert(Project, rows.slice(i, i + 200));
    if (annuals) {
      const ids = new Map((await manager.find(Project, { where: { taskForceId: taskForce.dbId, code: In(rows.map((r) => r.code)) }, select: { dbId: true, code: true } })).map((p) => [p.code, p.dbId]));
      const plans = rows.map((row, i) => ({ projectId: ids.get(row.code)!, year, amount: annuals[i] }));
      for (let i = 0; i < plans.length; i += 200) await manager.insert(AnnualPlan, plans.slice(i, i + 200));
      const filed = rows.flatMap((row) =>
        reports.get(row.code)!.map((report) => ({
          projectId: ids.get(row.code)!,
          period: report.period,
          periodType: PeriodType.MONTH,
          periodStart: report.periodStart,
          periodEnd: report.periodEnd,
          asOfDate: report.periodEnd,
          ytdCompletedInvestment: report.ytdCompletedInvestment,
          periodInvestment: report.periodInvestment,
          // The example projects are new in the campaign: all they completed, they completed this year.
          cumulativeCompletedInvestment: report.ytdCompletedInvestment,
          stage: ProjectStage[report.stage],
          submittedAt: report.submittedAt,
          submittedById: null,
          isExample: true,
        })),
      );
      for (let i = 0; i < filed.length; i += 200) await manager.insert(ProgressReport, filed.slice(i, i + 200));
    }
  }
  await deriveProjectSubgroups(manager, taskForce.dbId);
  return taskForce;
}

/** Loads the five seed campaigns in one transaction (with example reports unless `exampleReports: false`). */
export async function loadDemoData(manager: EntityManager, options: DemoOptions = {}): Promise<TaskForce[]> {
  const loaded: TaskForce[] = [];
  const withDefaults = { exampleReports: true, ...options };
  await manager.transaction(async (tx) => {
    for (const campaign of seedCampaigns) loaded.push(await loadCampaign(tx, campaign, withDefaults));
  });
  logger.info('loaded demo data', { taskForces: loaded.length });
  return loaded;
}
