import 'reflect-metadata';
import { loadConfig } from './src/config/config';
import { createDataSource } from './src/db/data-source';

/** The one DataSource the service and the TypeORM CLI share (DATABASE_URL decides the driver). */
export const AppDataSource = createDataSource(loadConfig().database);
export default AppDataSource;
