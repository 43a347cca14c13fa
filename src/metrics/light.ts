import { registerEnumType } from 'type-graphql';

/** The traffic light (红黄绿灯) of a node: the one definition, for the formulas and the GraphQL enum. */
export enum Light {
  GREEN = 'GREEN',
  YELLOW = 'YELLOW',
  RED = 'RED',
  NO_DATA = 'NO_DATA',
}
registerEnumType(Light, {
  name: 'Light',
  description:
    '红黄绿灯: GREEN when progressGap ≥ the green threshold (default −10 points), YELLOW down to the yellow threshold (default −30), RED below; NO_DATA (无数据, grey) when there is no annual plan to judge against, or asOf is before the task force period; a project due to start that has not is YELLOW, RED after three months.',
  valuesConfig: {
    GREEN: { description: '绿灯: progress gap at or above the green threshold.' },
    YELLOW: { description: '黄灯: progress gap between the yellow and green thresholds.' },
    RED: { description: '红灯: progress gap below the yellow threshold.' },
    NO_DATA: { description: '无数据: no annual plan investment under the node (or asOf before the task force period), so no progress gap.' },
  },
});
