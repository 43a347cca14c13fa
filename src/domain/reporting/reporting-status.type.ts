import { Field, Float, Int, ObjectType } from 'type-graphql';
import { ReportingRule } from '../campaign/task-force.entity';
import type { Project } from '../project/project.entity';

/** 报送情况 of one unit for one reporting period of a task force. */
@ObjectType({
  description:
    '报送情况 of one unit for one period: its projects due (live, not finished before the period began), those reported on time (a progress report dated within the period, submitted by the end of the due date, UTC+8 — a report corrected later counts from its latest submission), late (submitted after it), missing (未报送: none, and the due date has passed) and pending (none yet, not yet due).',
})
export class UnitReportingStatus {
  /** The unit's database id (the `unit` field loads it). */
  unitId!: number;

  /** Loads the unreported projects of every unit of the same answer, once (see ReportingStatusService). */
  unreported!: () => Promise<Map<number, Project[]>>;

  @Field({ description: 'The period as given back in canonical form, e.g. 2024-05, 2024-05-T2, 2024-W18.' })
  period!: string;

  @Field({ description: 'First day of the period (ISO).' })
  periodStart!: string;

  @Field({ description: 'Last day of the period (ISO).' })
  periodEnd!: string;

  @Field({ description: 'Last day on which a report is on time (the cadence\'s due day plus grace days; the period\'s last day when the task force has no cadence of this kind).' })
  dueDate!: string;

  @Field(() => ReportingRule, { nullable: true, description: 'The task force\'s cadence of the period\'s kind, when it has one.' })
  cadence!: ReportingRule | null;

  @Field(() => Int, { description: 'Projects due to report.' })
  dueCount!: number;

  @Field(() => Int, { description: 'Reported on time.' })
  onTimeCount!: number;

  @Field(() => Int, { description: 'Reported after the due date.' })
  lateCount!: number;

  @Field(() => Int, { description: '未报送: not reported and the due date has passed.' })
  missingCount!: number;

  @Field(() => Int, { description: 'Not reported yet, and not yet due.' })
  pendingCount!: number;

  @Field(() => Float, { nullable: true, description: '按时报送率 = on time ÷ due; null when nothing is due.' })
  onTimeRate!: number | null;
}
