import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { toGlobalId } from '../../common/global-id';
import { Node } from '../../common/node.interface';
import { CodeColumn } from '../../db/columns';

export enum UnitKind {
  COUNTY = 'COUNTY',
  DISTRICT = 'DISTRICT',
  DEPARTMENT = 'DEPARTMENT',
  ZONE = 'ZONE',
  ENTERPRISE = 'ENTERPRISE',
  OTHER = 'OTHER',
}
registerEnumType(UnitKind, {
  name: 'UnitKind',
  description: 'Kind of responsible unit: county (县/县级市), city district (区), city department (市直部门), development zone (开发区/园区), enterprise, or a collective such as 各县区人民政府.',
  valuesConfig: {
    COUNTY: { description: '县/县级市: a county or county-level city.' },
    DISTRICT: { description: '区: a city district.' },
    DEPARTMENT: { description: '市直部门: a city department.' },
    ZONE: { description: '开发区/园区: a development zone or park.' },
    ENTERPRISE: { description: '企业: an enterprise.' },
    OTHER: { description: 'Anything else, e.g. a collective such as 各县区人民政府.' },
  },
});

/** A responsible unit (责任单位). One directory shared by every task force. */
@ObjectType({ implements: Node, description: 'A responsible unit (责任单位): county or district government, city department, development zone, enterprise. Shared by all task forces.' })
@Entity('unit')
@Index('uq_unit_region_name', ['region', 'name'], { unique: true })
export class Unit implements Node {
  @PrimaryGeneratedColumn({ name: 'id' })
  dbId!: number;

  @Field({ description: 'Name as its documents write it, e.g. 市发改委, 宝清县.' })
  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Field({ nullable: true, description: 'City or county the unit belongs to, e.g. 大同市.' })
  @Column({ type: 'varchar', length: 50, default: '' })
  region!: string;

  @Field(() => UnitKind, { description: 'What kind of unit it is.' })
  @CodeColumn()
  kind!: UnitKind;

  /** Name folded to Simplified Chinese without spaces, for search that ignores 简/繁. */
  @Column({ type: 'varchar', length: 200, default: '' })
  @Index('ix_unit_search')
  searchText!: string;

  @Field(() => Int, { description: 'Increments on every change; pass it back as expectedVersion.' })
  @Column({ type: 'int', default: 1 })
  version!: number;

  @CreateDateColumn()
  createdAt!: Date;

  @UpdateDateColumn()
  updatedAt!: Date;

  @Field(() => ID, { description: 'Global ID.' })
  get id(): string {
    return toGlobalId('Unit', this.dbId);
  }
}
