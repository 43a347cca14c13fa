import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { RequestContext } from '../../common/request-context';
import { Project } from '../project/project.entity';
import { User } from '../user/user.entity';
import { ProgressReport } from './progress-report.entity';

@Resolver(() => ProgressReport)
export class ProgressReportResolver {
  @FieldResolver(() => Project, { description: 'The project reported on.' })
  async project(@Root() report: ProgressReport, @Ctx() ctx: RequestContext): Promise<Project> {
    return (await ctx.loaders.project.load(report.projectId))!;
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who submitted it.' })
  submittedBy(@Root() report: ProgressReport, @Ctx() ctx: RequestContext): Promise<User | null> | null {
    return report.submittedById ? ctx.loaders.user.load(report.submittedById) : null;
  }
}
