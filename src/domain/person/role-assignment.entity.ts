import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../../common/node.interface';
import { toGlobalId } from '../../common/global-id';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CodeColumn, DateColumn } from '../../db/columns';
import { Subgroup } from '../campaign/subgroup.entity';
import { TaskForce } from '../campaign/task-force.entity';
import { Person } from './person.entity';

/** Normalised meaning of a role word, whatever script or wording the document used. */
export enum RoleKind {
  LEADER = 'LEADER',
  EXECUTIVE_DEPUTY = 'EXECUTIVE_DEPUTY',
  DEPUTY = 'DEPUTY',
  MEMBER = 'MEMBER',
  LIAISON = 'LIAISON',
  OFFICE_DIRECTOR = 'OFFICE_DIRECTOR',
  OTHER = 'OTHER',
}
registerEnumType(RoleKind, {
  name: 'RoleKind',
  description: 'Normalised role: 组长/分管领导 LEADER, 常务副组长 EXECUTIVE_DEPUTY, 副组长 DEPUTY, 成员 MEMBER, 联络员 LIAISON, 办公室主任 OFFICE_DIRECTOR.',
  valuesConfig: {
    LEADER: { description: '组长: leader.' },
    EXECUTIVE_DEPUTY: { description: '常务副组长: executive deputy leader.' },
    DEPUTY: { description: '副组长: deputy leader.' },
    MEMBER: { description: '成员: member.' },
    LIAISON: { description: '联络员: liaison officer.' },
    OFFICE_DIRECTOR: { description: '办公室主任: director of the office.' },
    OTHER: { description: 'Any other role word.' },
  },
});

/** A person holding a role in a task force or a subgroup over a period; ended assignments keep history. */
@ObjectType({ implements: Node, description: 'A person in a role of a task force or subgroup, with the period it held (a reshuffle ends one and starts another).' })
@Entity('role_assignment')
@Index('ix_role_task_force', ['taskForceId'])
@Index('ix_role_subgroup', ['subgroupId'])
export class RoleAssignment implements Node {
  @PrimaryGeneratedColumn({ name: 'id' })
  dbId!: number;

  @Column({ type: 'int', nullable: true })
  taskForceId!: number | null;

  @ManyToOne(() => TaskForce, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'task_force_id' })
  taskForce?: TaskForce;

  @Column({ type: 'int', nullable: true })
  subgroupId!: number | null;

  @ManyToOne(() => Subgroup, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'subgroup_id' })
  subgroup?: Subgroup;

  @Column({ type: 'int' })
  @Index('ix_role_person')
  personId!: number;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id' })
  person?: Person;

  @Field({ description: 'Role word as written: 组长, 常务副组长, 副组长, 成员, 联络员, 办公室主任 …' })
  @Column({ type: 'varchar', length: 30 })
  role!: string;

  @Field(() => RoleKind, { description: 'Normalised role.' })
  @CodeColumn({ default: RoleKind.OTHER })
  kind!: RoleKind;

  @Field(() => String, { nullable: true, description: 'Title (职务) the person held in this role.' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  title!: string | null;

  @Field(() => String, { nullable: true, description: 'First day in the role (ISO date).' })
  @DateColumn()
  since!: string | null;

  @Field(() => String, { nullable: true, description: 'Last day in the role (ISO date); null while current.' })
  @DateColumn()
  until!: string | null;

  @Column({ type: 'int', default: 0 })
  position!: number;

  @Field(() => Int, { description: 'Increments on every change; pass it back as expectedVersion.' })
  @Column({ type: 'int', default: 1 })
  version!: number;

  @CreateDateColumn()
  createdAt!: Date;

  @Field(() => ID, { description: 'Global ID.' })
  get id(): string {
    return toGlobalId('RoleAssignment', this.dbId);
  }
}
