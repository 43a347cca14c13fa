import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Unit } from '../unit/unit.entity';
import { Subgroup } from './subgroup.entity';

export enum SubgroupUnitRole {
  /** 包保单位: the subgroup covers the unit. */
  COVERED = 'COVERED',
  /** A further lead unit (牵头部门) besides the subgroup's first. */
  CO_LEAD = 'CO_LEAD',
}

/** Links a subgroup to a unit it covers (or co-leads). A unit may sit in several subgroups. */
@Entity('subgroup_unit')
@Index('ix_subgroup_unit_unit', ['unitId'])
export class SubgroupUnit {
  @PrimaryColumn({ type: 'int' })
  subgroupId!: number;

  @PrimaryColumn({ type: 'int' })
  unitId!: number;

  @PrimaryColumn({ type: 'varchar', length: 24 })
  role!: SubgroupUnitRole;

  @ManyToOne(() => Subgroup, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'subgroup_id' })
  subgroup?: Subgroup;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Unit;

  @Column({ type: 'int', default: 0 })
  position!: number;
}

