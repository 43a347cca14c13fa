import { EntityManager } from 'typeorm';

/**
 * Sets the derived subgroup of every project of a task force whose subgroup is not explicit: the subgroup
 * covering its unit when exactly one does, else none. Run after coverage or a project's unit changes.
 */
export async function deriveProjectSubgroups(manager: EntityManager, taskForceId: number): Promise<void> {
  await manager.query(
    `UPDATE project SET subgroup_id = (
       SELECT CASE WHEN COUNT(DISTINCT su.subgroup_id) = 1 THEN MIN(su.subgroup_id) END
       FROM subgroup_unit su JOIN subgroup s ON s.id = su.subgroup_id
       WHERE su.unit_id = project.unit_id AND s.task_force_id = project.task_force_id AND su.role = 'COVERED')
     WHERE task_force_id = ? AND subgroup_explicit = ?`,
    [taskForceId, 0],
  );
}
