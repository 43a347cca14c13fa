import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { toGlobalId } from '../../common/global-id';
import { Node } from '../../common/node.interface';
import { Unit } from '../unit/unit.entity';

/** A person who holds roles in task forces and subgroups. */
@ObjectType({ implements: Node, description: 'A person named in a campaign: leader, deputy, member, office director.' })
@Entity('person')
export class Person implements Node {
  @PrimaryGeneratedColumn({ name: 'id' })
  dbId!: number;

  @Field({ description: 'Name as written; empty when the source document lost it.' })
  @Column({ type: 'varchar', length: 50 })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Current title (职务), e.g. 市委常委、副市长.' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  title!: string | null;

  @Column({ type: 'int', nullable: true })
  @Index('ix_person_unit')
  unitId!: number | null;

  @ManyToOne(() => Unit, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'unit_id' })
  unit?: Unit;

  @Field(() => Int, { description: 'Increments on every change; pass it back as expectedVersion.' })
  @Column({ type: 'int', default: 1 })
  version!: number;

  @CreateDateColumn()
  createdAt!: Date;

  @UpdateDateColumn()
  updatedAt!: Date;

  @Field(() => ID, { description: 'Global ID.' })
  get id(): string {
    return toGlobalId('Person', this.dbId);
  }
}
