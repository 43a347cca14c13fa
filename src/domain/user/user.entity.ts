import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../../common/node.interface';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { toGlobalId } from '../../common/global-id';
import { CodeColumn } from '../../db/columns';
import { Subgroup } from '../campaign/subgroup.entity';
import { Unit } from '../unit/unit.entity';

export enum Role {
  ADMIN = 'ADMIN',
  LEADER = 'LEADER',
  REPORTER = 'REPORTER',
  VIEWER = 'VIEWER',
}
registerEnumType(Role, {
  name: 'Role',
  description: 'ADMIN: leading-group office; LEADER: reads all, writes problems and targets of the subgroups it leads; REPORTER: writes its own unit\'s projects, reports and problems; VIEWER: reads only (analysts, screens).',
  valuesConfig: {
    ADMIN: { description: 'The leading-group office (领导小组办公室): manages everything.' },
    LEADER: { description: 'A leader (领导): reads everything; writes problems and targets of the subgroups it leads.' },
    REPORTER: { description: 'A unit\'s reporter (填报员): writes its own unit\'s projects, reports and problems.' },
    VIEWER: { description: 'Reads only (analysts, screens).' },
  },
});

/** A person who signs in. */
@ObjectType({ implements: Node, description: 'A user who signs in.' })
@Entity('app_user')
export class User implements Node {
  @PrimaryGeneratedColumn({ name: 'id' })
  dbId!: number;

  @Field({ description: 'The name the user signs in with.' })
  @Column({ type: 'varchar', length: 64 })
  @Index('uq_user_username', { unique: true })
  username!: string;

  @Field(() => String, { nullable: true, description: 'Display name.' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  displayName!: string | null;

  /** scrypt$N$r$p$salt$hash */
  @Column({ type: 'varchar', length: 255 })
  passwordHash!: string;

  @Field(() => Role, { description: 'What the user may do.' })
  @CodeColumn()
  role!: Role;

  /** A REPORTER's unit. */
  @Column({ type: 'int', nullable: true })
  unitId!: number | null;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'unit_id' })
  unit?: Unit;

  @Field({ description: 'Disabled users cannot sign in and their tokens stop working.' })
  @Column({ type: 'boolean', default: false })
  disabled!: boolean;

  /** Bumped to revoke every token issued before. */
  @Column({ type: 'int', default: 0 })
  tokenVersion!: number;

  @Column({ type: 'int', default: 0 })
  failedLogins!: number;

  @Column({ type: 'datetime', nullable: true })
  lockedUntil!: Date | null;

  @Field(() => Int, { description: 'Optimistic-concurrency version; pass it as expectedVersion to userUpdate.' })
  @Column({ type: 'int', default: 1 })
  version!: number;

  @CreateDateColumn()
  createdAt!: Date;

  @UpdateDateColumn()
  updatedAt!: Date;

  @Field(() => ID, { description: 'Global ID.' })
  get id(): string {
    return toGlobalId('User', this.dbId);
  }
}

/** The subgroups a LEADER leads. */
@Entity('user_subgroup')
export class UserSubgroup {
  @PrimaryColumn({ type: 'int' })
  userId!: number;

  @PrimaryColumn({ type: 'int' })
  subgroupId!: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @ManyToOne(() => Subgroup, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'subgroup_id' })
  subgroup?: Subgroup;
}

/** A long-lived read-only token (monitoring screens), listed and revocable. */
@ObjectType('ScreenToken', { implements: Node, description: 'A long-lived read-only token for a monitoring screen. The token itself is shown once, when created.' })
@Entity('api_token')
export class ApiToken implements Node {
  @PrimaryGeneratedColumn({ name: 'id' })
  dbId!: number;

  @Column({ type: 'int' })
  @Index('ix_api_token_user')
  userId!: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Field({ description: 'What the token is for, e.g. the screen\'s location.' })
  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** SHA-256 of the token; the token itself is shown once. */
  @Column({ type: 'varchar', length: 64 })
  @Index('uq_api_token_hash', { unique: true })
  tokenHash!: string;

  /** Node the token may watch (global ID), or null for everything its user may read. */
  @Field(() => ID, { name: 'scope', nullable: true, description: 'The node the token may watch (task force, subgroup, unit or project); null: every node.' })
  @Column({ type: 'varchar', length: 64, nullable: true })
  scopeId!: string | null;

  @Column({ type: 'datetime', nullable: true })
  expiresAt!: Date | null;

  @Column({ type: 'datetime', nullable: true })
  revokedAt!: Date | null;

  @Column({ type: 'datetime', nullable: true })
  lastUsedAt!: Date | null;

  @CreateDateColumn()
  createdAt!: Date;

  /** Its GraphQL type's name, for the Node interface (the class is named for the table). */
  get graphqlType(): string {
    return 'ScreenToken';
  }

  @Field(() => ID, { description: 'Global ID.' })
  get id(): string {
    return toGlobalId('ScreenToken', this.dbId);
  }

  @Field({ name: 'createdAt', description: 'When the token was made (ISO timestamp).' })
  get createdAtIso(): string {
    return new Date(this.createdAt).toISOString();
  }

  @Field(() => String, { name: 'expiresAt', nullable: true, description: 'When the token stops working (ISO timestamp); null: never.' })
  get expiresAtIso(): string | null {
    return this.expiresAt ? new Date(this.expiresAt).toISOString() : null;
  }

  @Field(() => String, { name: 'revokedAt', nullable: true, description: 'When the token was revoked (ISO timestamp); its sockets are then closed.' })
  get revokedAtIso(): string | null {
    return this.revokedAt ? new Date(this.revokedAt).toISOString() : null;
  }

  @Field(() => String, { name: 'lastUsedAt', nullable: true, description: 'Last use (ISO timestamp, to the minute).' })
  get lastUsedAtIso(): string | null {
    return this.lastUsedAt ? new Date(this.lastUsedAt).toISOString() : null;
  }
}

/** The first result of a mutation sent with an idempotency key. */
@Entity('idempotency_record')
export class IdempotencyRecord {
  @PrimaryColumn({ type: 'int' })
  userId!: number;

  @PrimaryColumn({ type: 'varchar', length: 100 })
  key!: string;

  @Column({ type: 'varchar', length: 60 })
  operation!: string;

  /** SHA-256 of the input, so a reused key with different input is refused. */
  @Column({ type: 'varchar', length: 64 })
  inputHash!: string;

  @Column({ type: 'text' })
  result!: string;

  @CreateDateColumn()
  createdAt!: Date;
}
