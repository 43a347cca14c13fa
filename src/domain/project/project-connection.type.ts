import { Field, Int, ObjectType } from 'type-graphql';
import { Project } from './project.entity';

@ObjectType({ description: 'Relay page information.' })
export class PageInfo {
  @Field({ description: 'Whether items follow this page: paging forward, whether more follow it; paging backward, whether a cursor (before) was given.' })
  hasNextPage!: boolean;

  @Field({
    description:
      'Whether items come before this page: paging backward (last/before), whether more precede it; paging forward, whether a cursor (after) was given. The change log (changes) pages forward only: false there.',
  })
  hasPreviousPage!: boolean;

  @Field(() => String, { description: 'Cursor of the first item of the page (pass as `before` for the page before); null when the page is empty.', nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page.' })
  endCursor!: string | null;
}

@ObjectType({ description: 'A project in a list, with its cursor.' })
export class ProjectEdge {
  @Field({ description: 'Opaque cursor.' })
  cursor!: string;

  @Field(() => Project, { description: 'The project.' })
  node!: Project;
}

@ObjectType({ description: 'A page of projects.' })
export class ProjectConnection {
  @Field(() => [ProjectEdge], { description: 'The projects of this page with their cursors.' })
  edges!: ProjectEdge[];

  @Field(() => [Project], { description: 'The edges\' nodes, for clients that need no cursors.' })
  nodes!: Project[];

  @Field(() => PageInfo, { description: 'Whether more projects follow, and the cursors to page on.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'Projects matching the filter, over all pages.' })
  totalCount!: number;
}
