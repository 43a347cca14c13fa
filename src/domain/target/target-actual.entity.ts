import { Field, Float, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DateColumn, MeasureColumn } from '../../db/columns';
import { User } from '../user/user.entity';
import { Target } from './target.entity';

/** An actual value of a target at a date. */
@ObjectType({ description: 'An actual value of a target, as of a date.' })
@Entity('target_actual')
@Index('uq_target_actual_date', ['targetId', 'asOf'], { unique: true })
export class TargetActual {
  @PrimaryGeneratedColumn({ name: 'id' })
  dbId!: number;

  @Column({ type: 'int' })
  targetId!: number;

  @ManyToOne(() => Target, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'target_id' })
  target?: Target;

  @Field({ description: 'Date the value refers to (ISO).' })
  @DateColumn({ nullable: false })
  asOf!: string;

  @Field(() => Float, { description: 'The actual value reached on that date.' })
  @MeasureColumn({ nullable: false })
  value!: number;

  @Field(() => String, { description: 'Remark given with the value.', nullable: true })
  @Column({ type: 'varchar', length: 500, nullable: true })
  note!: string | null;

  @Column({ type: 'int', nullable: true })
  recordedById!: number | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'recorded_by_id' })
  recordedBy?: User;

  @CreateDateColumn()
  createdAt!: Date;
}
