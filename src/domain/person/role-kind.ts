import { RoleKind } from './role-assignment.entity';

const words: Array<[RegExp, RoleKind]> = [
  [/^(常务副组长|常務副組長)$/, RoleKind.EXECUTIVE_DEPUTY],
  [/^(副组长|副組長)$/, RoleKind.DEPUTY],
  [/^(组长|組長|分管领导|分管領導)$/, RoleKind.LEADER],
  [/^(成员|成員)$/, RoleKind.MEMBER],
  [/^(联络员|聯絡員)$/, RoleKind.LIAISON],
  [/^(办公室主任|辦公室主任)$/, RoleKind.OFFICE_DIRECTOR],
];

/** The normalised kind of a role word as a document writes it (either script, spaces ignored). */
export function roleKindOf(role: string): RoleKind {
  const word = role.replace(/\s+/g, '');
  return words.find(([pattern]) => pattern.test(word))?.[1] ?? RoleKind.OTHER;
}
