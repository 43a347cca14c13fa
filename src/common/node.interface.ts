import { Field, ID, InterfaceType } from 'type-graphql';

/** An object with a global ID, fetchable with `node(id:)`. */
@InterfaceType('Node', {
  description: 'An object with a global ID that `node(id:)` resolves.',
  resolveType: (value: object) => (value as { graphqlType?: string }).graphqlType ?? value.constructor.name,
})
export abstract class Node {
  @Field(() => ID, { description: 'Global, opaque ID.' })
  id!: string;
}
