import { assertMayWriteUnitRow, assertReporterTakesPart, leaderCovers, requireUser } from '../../auth/guards';
import { decodeId } from '../../common/global-id';
import { checkDate } from '../../common/validation';
import { inTransaction } from '../../db/transaction';
import { BadInputError, ForbiddenError, NotFoundError } from '../../errors/app-error';
import { diff, recordChange } from '../change/change-log';
import { RequestContext } from '../../common/request-context';
import { TaskForce } from '../campaign/task-force.entity';
import { Project } from '../project/project.entity';
import { Unit } from '../unit/unit.entity';
import { Role, User } from '../user/user.entity';
import { staleVersion, updateVersioned } from '../../db/versioned-update';
import { Problem, ProblemState } from './problem.entity';
import { ProblemAssignInput, ProblemRaiseInput, ProblemTransitionInput } from './problem.inputs';

/** The problem state machine: allowed moves from each state. */
export const problemMoves: Record<ProblemState, ProblemState[]> = {
  REPORTED: [ProblemState.ASSIGNED],
  ASSIGNED: [ProblemState.IN_PROGRESS],
  IN_PROGRESS: [ProblemState.RESOLUTION_REQUESTED],
  RESOLUTION_REQUESTED: [ProblemState.CLOSED, ProblemState.IN_PROGRESS],
  CLOSED: [],
};

/** Moves a responsible unit's reporter may make itself; the rest are for ADMIN and the covering LEADER. */
const reporterMoves = new Set([`${ProblemState.ASSIGNED}>${ProblemState.IN_PROGRESS}`, `${ProblemState.IN_PROGRESS}>${ProblemState.RESOLUTION_REQUESTED}`]);

/** A problem bound to no subgroup and no task force (raised before raises had to name one) is the office's to move. */
function assertLeaderMayMove(user: User, problem: Problem): void {
  if (user.role === Role.LEADER && problem.subgroupId === null && problem.taskForceId === null) {
    throw new ForbiddenError('This problem is bound to no task force: only the leading-group office (ADMIN) may move it.');
  }
}

export const ProblemService = {
  async raise(ctx: RequestContext, input: ProblemRaiseInput): Promise<Problem> {
    const user = requireUser(ctx.user);
    if (!input.projectId === !input.unitId) throw new BadInputError('Give exactly one of projectId and unitId.', input.projectId ? 'input.unitId' : 'input.projectId');
    const deadline = checkDate(input.deadline, 'input.deadline') ?? null;
    const projectId = input.projectId ? decodeId(input.projectId, 'Project', 'input.projectId').id : null;
    const unitId = input.unitId ? decodeId(input.unitId, 'Unit', 'input.unitId').id : null;
    const responsibleUnitId = input.responsibleUnitId ? decodeId(input.responsibleUnitId, 'Unit', 'input.responsibleUnitId').id : null;
    const taskForceId = input.taskForceId ? decodeId(input.taskForceId, 'TaskForce', 'input.taskForceId').id : null;

    const problem = await inTransaction(ctx.services.dataSource, async (manager) => {
      let scope: { taskForceId: number | null; subgroupId: number | null; unitId: number | null };
      if (projectId !== null) {
        const project = await manager.findOne(Project, { where: { dbId: projectId } });
        if (!project || project.archivedAt) throw new NotFoundError('Project', input.projectId!, 'input.projectId');
        scope = { taskForceId: project.taskForceId, subgroupId: project.subgroupId, unitId: project.unitId };
      } else {
        if (!(await manager.exists(Unit, { where: { dbId: unitId! } }))) throw new NotFoundError('Unit', input.unitId!, 'input.unitId');
        // A unit sits in many campaigns: without a task force, leaders covering the unit anywhere could move it.
        if (taskForceId === null) throw new BadInputError('A problem raised against a unit names its task force (taskForceId).', 'input.taskForceId');
        if (!(await manager.exists(TaskForce, { where: { dbId: taskForceId } }))) throw new NotFoundError('TaskForce', input.taskForceId!, 'input.taskForceId');
        scope = { taskForceId, subgroupId: null, unitId };
      }
      if (responsibleUnitId !== null && !(await manager.exists(Unit, { where: { dbId: responsibleUnitId } }))) {
        throw new NotFoundError('Unit', input.responsibleUnitId!, 'input.responsibleUnitId');
      }
      await assertMayWriteUnitRow(manager, user, scope, true);
      await assertReporterTakesPart(manager, user, scope.taskForceId);
      const saved = await manager.save(
        manager.create(Problem, {
          ...scope,
          projectId,
          title: input.title.trim(),
          description: input.description ?? null,
          responsibleUnitId,
          deadline,
          raisedById: user.dbId,
          state: ProblemState.REPORTED,
        }),
      );
      await recordChange(manager, user, 'Problem', saved.dbId, 'CREATE', diff(null, { title: saved.title, state: saved.state, responsibleUnitId, deadline }), { ...scope, projectId });
      return saved;
    });
    return problem;
  },

  async transition(ctx: RequestContext, input: ProblemTransitionInput): Promise<Problem> {
    const user = requireUser(ctx.user);
    const id = decodeId(input.id, 'Problem', 'input.id').id;
    const responsibleUnitId = input.responsibleUnitId ? decodeId(input.responsibleUnitId, 'Unit', 'input.responsibleUnitId').id : undefined;
    const note = input.note?.trim() || null;

    const problem = await inTransaction(ctx.services.dataSource, async (manager) => {
      const current = await manager.findOne(Problem, { where: { dbId: id } });
      if (!current) throw new NotFoundError('Problem', input.id, 'input.id');
      const allowed = problemMoves[current.state];
      if (!allowed.includes(input.to)) {
        throw new BadInputError(
          `A problem in state ${current.state} cannot move to ${input.to}; allowed: ${allowed.length ? allowed.join(', ') : 'none (it is closed)'}.`,
          'input.to',
          { allowed },
        );
      }
      const move = `${current.state}>${input.to}`;
      if (input.to === ProblemState.CLOSED && user.role !== Role.ADMIN) {
        throw new ForbiddenError('Closing (销号) is the leading-group office\'s (ADMIN) step; a leader or unit asks for it with RESOLUTION_REQUESTED.');
      }
      assertLeaderMayMove(user, current);
      if (user.role === Role.REPORTER) {
        if (!reporterMoves.has(move) || current.responsibleUnitId === null || current.responsibleUnitId !== user.unitId) {
          throw new ForbiddenError('A reporter may only take up (IN_PROGRESS) and ask to close (RESOLUTION_REQUESTED) problems assigned to its own unit.');
        }
      } else if (user.role === Role.LEADER) {
        if (!(await leaderCovers(manager, user, current))) throw new ForbiddenError('A leader may move only problems within the subgroups it leads.');
      } else {
        await assertMayWriteUnitRow(manager, user, current, false);
      }
      const values: Record<string, unknown> = { state: input.to };
      if (input.to === ProblemState.ASSIGNED) {
        const unit = responsibleUnitId ?? current.responsibleUnitId;
        if (unit === null) throw new BadInputError('Assigning (交办) needs a responsible unit.', 'input.responsibleUnitId');
        if (responsibleUnitId !== undefined && !(await manager.exists(Unit, { where: { dbId: responsibleUnitId } }))) throw new NotFoundError('Unit', input.responsibleUnitId!, 'input.responsibleUnitId');
        values.responsibleUnitId = unit;
        values.assignedAt = new Date();
      }
      if (input.to === ProblemState.CLOSED) {
        if (!note) throw new BadInputError('Closing (销号) needs a note.', 'input.note');
        values.closingNote = note;
        values.closedAt = new Date();
      }
      if (move === `${ProblemState.RESOLUTION_REQUESTED}>${ProblemState.IN_PROGRESS}` && !note) {
        throw new BadInputError('Rejecting a resolution needs a note saying why.', 'input.note');
      }
      const changes = diff(current as unknown as Record<string, unknown>, { ...values, closedAt: undefined, assignedAt: undefined });
      delete changes.closedAt;
      delete changes.assignedAt;
      if (note) changes.note = { before: null, after: note };
      await updateVersioned(manager, Problem, current, input.expectedVersion, values, 'Problem');
      await recordChange(manager, user, 'Problem', current.dbId, 'TRANSITION', changes, {
        taskForceId: current.taskForceId,
        subgroupId: current.subgroupId,
        unitId: current.unitId,
        projectId: current.projectId,
      });
      return manager.findOneOrFail(Problem, { where: { dbId: id } });
    });
    return problem;
  },

  async assign(ctx: RequestContext, input: ProblemAssignInput): Promise<Problem> {
    const user = requireUser(ctx.user);
    const id = decodeId(input.id, 'Problem', 'input.id').id;
    const responsibleUnitId = decodeId(input.responsibleUnitId, 'Unit', 'input.responsibleUnitId').id;
    const deadline = checkDate(input.deadline, 'input.deadline');
    const problem = await inTransaction(ctx.services.dataSource, async (manager) => {
      const current = await manager.findOne(Problem, { where: { dbId: id } });
      if (!current) throw new NotFoundError('Problem', input.id, 'input.id');
      if (user.role === Role.REPORTER) throw new ForbiddenError('Assigning (交办) is for the leading-group office and the subgroup\'s leaders.');
      assertLeaderMayMove(user, current);
      await assertMayWriteUnitRow(manager, user, current, true);
      if (current.state === ProblemState.CLOSED || current.state === ProblemState.RESOLUTION_REQUESTED) {
        throw new BadInputError(`A problem in state ${current.state} cannot be (re)assigned; reject the resolution first or raise a new problem.`, 'input.id', { state: current.state });
      }
      if (!(await manager.exists(Unit, { where: { dbId: responsibleUnitId } }))) throw new NotFoundError('Unit', input.responsibleUnitId, 'input.responsibleUnitId');
      const values: Record<string, unknown> = { responsibleUnitId };
      if (deadline !== undefined) values.deadline = deadline;
      if (input.escalationLevel) values.escalationLevel = input.escalationLevel;
      // A new responsible unit starts from ASSIGNED: the previous unit's work does not carry over.
      if (current.state === ProblemState.REPORTED || current.responsibleUnitId !== responsibleUnitId) values.state = ProblemState.ASSIGNED;
      const changes = diff(current as unknown as Record<string, unknown>, values);
      // The 交办 time follows the state; the change log has the event's own time.
      if (values.state === ProblemState.ASSIGNED) values.assignedAt = new Date();
      if (!Object.keys(changes).length) {
        if (current.version !== input.expectedVersion) throw staleVersion('Problem', input.expectedVersion, current.version);
        return current;
      }
      await updateVersioned(manager, Problem, current, input.expectedVersion, values, 'Problem');
      await recordChange(manager, user, 'Problem', current.dbId, 'ASSIGN', changes, {
        taskForceId: current.taskForceId,
        subgroupId: current.subgroupId,
        unitId: current.unitId,
        projectId: current.projectId,
      });
      return manager.findOneOrFail(Problem, { where: { dbId: id } });
    });
    return problem;
  },
};
