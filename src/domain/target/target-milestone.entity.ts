import { Field, Float, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DateColumn, MeasureColumn } from '../../db/columns';
import { Target } from './target.entity';

/** An intermediate goal of a target (e.g. 三季度末 85%). */
@ObjectType({ description: 'An intermediate goal of a target, e.g. 三季度末 85%: an absolute value or a ratio of the target value.' })
@Entity('target_milestone')
@Index('ix_milestone_target', ['targetId', 'due'])
export class TargetMilestone {
  @PrimaryGeneratedColumn({ name: 'id' })
  dbId!: number;

  @Column({ type: 'int' })
  targetId!: number;

  @ManyToOne(() => Target, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'target_id' })
  target?: Target;

  @Field({ description: 'Label as written: 三季度末, 全年, 6月底前.' })
  @Column({ type: 'varchar', length: 50 })
  label!: string;

  @Field({ description: 'Due date (ISO).' })
  @DateColumn({ nullable: false })
  due!: string;

  @Field(() => Float, { nullable: true, description: 'Expected value, when stated as a level.' })
  @MeasureColumn()
  value!: number | null;

  @Field(() => Float, { nullable: true, description: 'Expected share of the target value (0.85 = 85%), when stated as a ratio.' })
  @MeasureColumn()
  ratio!: number | null;
}
