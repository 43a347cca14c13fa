import { QueryFailedError } from 'typeorm';

/** A statement refused by a primary or unique key (MariaDB/MySQL ER_DUP_ENTRY, SQLite's constraint codes). */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const code = (error.driverError as { code?: string } | undefined)?.code;
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
