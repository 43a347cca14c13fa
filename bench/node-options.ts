import * as fs from 'node:fs';
import * as path from 'node:path';

/** The node options `npm start` gives the service (package.json's start script); benchmarks run the service side with them. */
export function serviceNodeOptions(): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../package.json'), 'utf8')) as { scripts: Record<string, string> };
  const match = /^node((?:\s+--\S+)*)\s+dist\/src\/main\.js$/.exec(pkg.scripts.start);
  if (!match) throw new Error(`cannot read the node options of "npm start": ${pkg.scripts.start}`);
  return match[1].trim().split(/\s+/).filter(Boolean);
}
