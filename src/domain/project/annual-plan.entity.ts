import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AmountColumn } from '../../db/columns';
import { Project } from './project.entity';

/**
 * A project's 年度计划投资 for one calendar year. Metrics at a date read the plan of that date's year (a 2021
 * report is read against 2021's plan, never 2020's); a ledger's plan column is the plan of the year its figures
 * stand for (README "How the figures are computed").
 */
@ObjectType({ description: '年度计划投资 of a project for one calendar year, 万元.' })
@Entity('annual_plan')
@Index('uq_annual_plan_project_year', ['projectId', 'year'], { unique: true })
export class AnnualPlan {
  @PrimaryGeneratedColumn({ name: 'id' })
  dbId!: number;

  @Column({ type: 'int' })
  projectId!: number;

  @ManyToOne(() => Project, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: Project;

  @Field(() => Int, { description: 'The calendar year the plan is for.' })
  @Column({ type: 'int' })
  year!: number;

  @Field(() => Float, { description: '年度计划投资 of that year, 万元.' })
  @AmountColumn({ nullable: false })
  amount!: number;
}

@InputType({ description: 'The 年度计划投资 of one year (ADMIN only). A null amount removes that year\'s plan.' })
export class AnnualPlanInput {
  @Field(() => Int, { description: 'Calendar year, 1900–2199.' })
  year!: number;

  @Field(() => Float, { nullable: true, description: '年度计划投资, 万元; null removes the plan of that year.' })
  amount?: number | null;
}
