/** Fails when schema/schema.graphql differs from what the resolvers emit (run `npm run schema:emit`). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderSchema } from './emit-schema';

renderSchema()
  .then((sdl) => {
    const file = path.join(__dirname, '..', 'schema', 'schema.graphql');
    const committed = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    if (committed !== sdl) {
      console.error('schema/schema.graphql is stale: run `npm run schema:emit` and commit the result.');
      process.exit(1);
    }
    console.log('schema/schema.graphql is up to date.');
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
