import { createPubSub } from '@graphql-yoga/subscription';
import { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { applyScreenScope } from '../auth/screen-scope';
import { SubgroupResolver } from '../domain/campaign/subgroup.resolver';
import { TaskForceResolver } from '../domain/campaign/task-force.resolver';
import { MutationResolver } from '../domain/mutation.resolver';
import { SubscriptionResolver } from '../live/subscription.resolver';
import { NodeResolver } from '../domain/node/node.resolver';
import { PersonResolver, RoleAssignmentResolver } from '../domain/person/person.resolver';
import { ProblemResolver } from '../domain/problem/problem.resolver';
import { ProgressReportResolver } from '../domain/progress/progress-report.resolver';
import { ProjectResolver } from '../domain/project/project.resolver';
import { RankingResolver } from '../domain/ranking/ranking.resolver';
import { MetricsSeriesResolver } from '../domain/series/metrics-series.resolver';
import { ReportingStatusResolver } from '../domain/reporting/reporting-status.resolver';
import { TargetResolver } from '../domain/target/target.resolver';
import { TaskResolver } from '../domain/task/task.resolver';
import { UnitResolver } from '../domain/unit/unit.resolver';
import { ChangeLogResolver } from '../domain/change/change-log.resolver';
import { ScreenTokenResolver, UserResolver } from '../domain/user/user.resolver';

export const resolvers = [
  NodeResolver,
  TaskForceResolver,
  SubgroupResolver,
  UnitResolver,
  PersonResolver,
  RoleAssignmentResolver,
  ProjectResolver,
  TargetResolver,
  TaskResolver,
  ProgressReportResolver,
  ProblemResolver,
  RankingResolver,
  MetricsSeriesResolver,
  ReportingStatusResolver,
  UserResolver,
  ChangeLogResolver,
  ScreenTokenResolver,
  MutationResolver,
  SubscriptionResolver,
] as const;

/** Builds the executable schema from the resolver classes; inputs are validated with class-validator. */
export async function createSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: [...resolvers],
    validate: { forbidUnknownValues: false },
    // Our subscriptions read the change log through their own `subscribe`; type-graphql still wants a PubSub.
    pubSub: createPubSub(),
    // Nodes come back in the order of the code; readers find types by name in the emitted file.
    emitSchemaFile: false,
  });
  // type-graphql has no decorator for the root types' descriptions.
  schema.getQueryType()!.description = 'Reads: the campaigns and everything under them, rankings, aggregates, the audit trail, users and tokens.';
  schema.getMutationType()!.description = 'Writes: each takes one input and returns a payload; updates pass the version they read (expectedVersion).';
  schema.getSubscriptionType()!.description = 'Live pushes over graphql-ws on the same path, the token in connectionParams.authorization.';
  // A scoped screen token reads only its node and what lies under it, through every field (src/auth/screen-scope.ts).
  return applyScreenScope(schema);
}
