/** Writes schema/schema.graphql from the resolvers (committed; CI fails when it is stale). */
import 'reflect-metadata';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { createSchema } from '../src/server/schema';

export async function renderSchema(): Promise<string> {
  const schema = await createSchema();
  return `# Emitted by \`npm run schema:emit\` from the resolvers; do not edit by hand.\n\n${printSchema(lexicographicSortSchema(schema))}\n`;
}

if (require.main === module) {
  renderSchema()
    .then((sdl) => {
      const file = path.join(__dirname, '..', 'schema', 'schema.graphql');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, sdl);
      console.log(`wrote ${path.relative(process.cwd(), file)}`);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
