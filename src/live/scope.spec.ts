import { ChangeEvent } from '../domain/change/change-event.entity';
import { Project } from '../domain/project/project.entity';
import { Subgroup } from '../domain/campaign/subgroup.entity';
import { Channel } from './channel';
import { eventVisible, isWithin, WatchScope } from '../domain/node/scope';

const scope = (type: WatchScope['type'], id: number): WatchScope => ({
  type,
  id,
  column: ({ TaskForce: 'taskForceId', Subgroup: 'subgroupId', Unit: 'unitId', Project: 'projectId' } as const)[type],
  kind: 'TASK_FORCE',
});
const project = (taskForceId: number, subgroupId: number | null, unitId: number) => Object.assign(new Project(), { dbId: 9, taskForceId, subgroupId, unitId });
const event = (taskForceId: number | null, subgroupId: number | null, unitId: number | null) => Object.assign(new ChangeEvent(), { seq: 1, taskForceId, subgroupId, unitId, projectId: null });

describe('screen-token scope', () => {
  it('task force ⊃ subgroup ⊃ project and unit ⊃ project; a unit lies inside no task force or subgroup', () => {
    const subgroupOf1 = Object.assign(new Subgroup(), { dbId: 5, taskForceId: 1 });
    expect(isWithin(scope('TaskForce', 1), scope('Subgroup', 5), subgroupOf1)).toBe(true);
    expect(isWithin(scope('TaskForce', 2), scope('Subgroup', 5), subgroupOf1)).toBe(false);
    expect(isWithin(scope('Subgroup', 5), scope('TaskForce', 1), subgroupOf1)).toBe(false);
    expect(isWithin(scope('Subgroup', 5), scope('Project', 9), project(1, 5, 3))).toBe(true);
    expect(isWithin(scope('Subgroup', 6), scope('Project', 9), project(1, 5, 3))).toBe(false);
    expect(isWithin(scope('Unit', 3), scope('Project', 9), project(1, 5, 3))).toBe(true);
    expect(isWithin(scope('TaskForce', 1), scope('Unit', 3), project(1, 5, 3))).toBe(false);
    expect(isWithin(scope('Project', 9), scope('Project', 9), project(1, 5, 3))).toBe(true);
  });

  it('an event is visible only inside the token\'s node', () => {
    expect(eventVisible(null, event(2, null, 4))).toBe(true);
    expect(eventVisible(scope('Subgroup', 5), event(1, 5, 3))).toBe(true);
    expect(eventVisible(scope('Subgroup', 5), event(1, 6, 3))).toBe(false);
    expect(eventVisible(scope('TaskForce', 1), event(2, null, 3))).toBe(false);
    expect(eventVisible(scope('TaskForce', 1), event(null, null, null))).toBe(false);
  });
});

describe('Channel', () => {
  it('delivers in order, refuses past capacity, and runs the cleanup once on return()', async () => {
    let cleanups = 0;
    const channel = new Channel<number>(2, () => (cleanups += 1));
    expect([channel.push(1), channel.push(2), channel.push(3)]).toEqual([true, true, false]);
    expect(await channel.next()).toEqual({ value: 1, done: false });
    expect(await channel.next()).toEqual({ value: 2, done: false });
    const waiting = channel.next();
    await channel.return();
    await channel.return();
    expect(await waiting).toEqual({ value: undefined, done: true });
    expect(cleanups).toBe(1);
    expect(channel.push(4)).toBe(false);
  });

  it('pushLatest keeps the newest values; fail() ends after what is queued', async () => {
    const channel = new Channel<number>(2, () => {});
    channel.pushLatest(1);
    channel.pushLatest(2);
    channel.pushLatest(3);
    channel.fail(new Error('behind'));
    expect(await channel.next()).toEqual({ value: 2, done: false });
    expect(await channel.next()).toEqual({ value: 3, done: false });
    await expect(channel.next()).rejects.toThrow('behind');
    expect(channel.closed).toBe(true);
  });

  it('after a refused push nothing more is queued and the first failure stands, so resuming from it loses nothing', async () => {
    // Capacity 3, events 1..6 arrive while the reader is away: 1, 2, 3 queue; 4 is refused (resume after 3);
    // 5 and 6 must not be queued, or a client resuming from 6 would never see 4 and 5.
    const channel = new Channel<number>(3, () => {});
    const refusedAt: number[] = [];
    for (const event of [1, 2, 3, 4, 5, 6]) {
      if (!channel.push(event)) {
        refusedAt.push(event);
        channel.fail(new Error(`resume after ${event - 1}`));
      }
      if (event === 4) expect(await channel.next()).toEqual({ value: 1, done: false });
    }
    expect(refusedAt).toEqual([4, 5, 6]);
    expect(await channel.next()).toEqual({ value: 2, done: false });
    expect(await channel.next()).toEqual({ value: 3, done: false });
    await expect(channel.next()).rejects.toThrow('resume after 3');
  });
});
