import { Field, Int, ObjectType } from 'type-graphql';
import { Project } from './project.entity';

@ObjectType({ description: 'Relay page information.' })
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field({ description: 'Always false: lists page forward only.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page.' })
  endCursor!: string | null;
}

@ObjectType({ description: 'A project in a list, with its cursor.' })
export class ProjectEdge {
  @Field({ description: 'Opaque cursor.' })
  cursor!: string;

  @Field(() => Project)
  node!: Project;
}

@ObjectType({ description: 'A page of projects.' })
export class ProjectConnection {
  @Field(() => [ProjectEdge])
  edges!: ProjectEdge[];

  @Field(() => [Project], { description: 'The edges\' nodes, for clients that need no cursors.' })
  nodes!: Project[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'Projects matching the filter, over all pages.' })
  totalCount!: number;
}
