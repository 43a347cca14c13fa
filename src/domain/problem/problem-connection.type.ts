import { Field, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '../project/project-connection.type';
import { Problem } from './problem.entity';

@ObjectType({ description: 'A problem in a list, with its cursor.' })
export class ProblemEdge {
  @Field({ description: 'Opaque cursor.' })
  cursor!: string;

  @Field(() => Problem, { description: 'The problem.' })
  node!: Problem;
}

@ObjectType({ description: 'A page of problems (问题清单).' })
export class ProblemConnection {
  @Field(() => [ProblemEdge], { description: 'The page, in order, with cursors.' })
  edges!: ProblemEdge[];

  @Field(() => [Problem], { description: "The edges' nodes, for clients that need no cursors." })
  nodes!: Problem[];

  @Field(() => PageInfo, { description: 'Where the page stands in the list.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'Problems matching the filter, over all pages.' })
  totalCount!: number;
}
