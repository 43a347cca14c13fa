import { Subgroup } from '../domain/campaign/subgroup.entity';
import { SubgroupUnit } from '../domain/campaign/subgroup-unit.entity';
import { TaskForce } from '../domain/campaign/task-force.entity';
import { ChangeEvent, SequenceCounter } from '../domain/change/change-event.entity';
import { StagedChangeEvent } from '../domain/change/staged-change-event.entity';
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
import { ApiToken, IdempotencyRecord, User, UserSubgroup } from '../domain/user/user.entity';

/** Every table of the service, in one list for the data source and the migrations check. */
export const entities = [
  Unit,
  Person,
  TaskForce,
  Subgroup,
  SubgroupUnit,
  RoleAssignment,
  Project,
  AnnualPlan,
  ProgressReport,
  Problem,
  Target,
  TargetMilestone,
  TargetActual,
  Task,
  TaskUnit,
  ChangeEvent,
  SequenceCounter,
  StagedChangeEvent,
  User,
  UserSubgroup,
  ApiToken,
  IdempotencyRecord,
];
