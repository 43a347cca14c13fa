import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../..');

/**
 * Makes sure a front-end's build output exists before a test serves it: a fresh clone has not run `npm run build`.
 * Runs `npm run <script>` when `outputDir` (relative to the repository) has no index.html, under a file lock so
 * parallel test files build it once. Returns the output directory.
 */
export function ensureFrontEndBuilt(script: string, outputDir: string): string {
  const out = path.join(root, outputDir);
  const built = () => fs.existsSync(path.join(out, 'index.html'));
  if (built()) return out;
  const lock = path.join(root, 'dist', `.${script.replace(/[^a-z0-9]+/gi, '-')}.lock`);
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  // flock(1) holds the lock for the build; a second caller waits, then finds the output and does not build again.
  execFileSync('flock', [lock, 'sh', '-c', `test -f "${path.join(out, 'index.html')}" || npm run --silent ${script}`], { cwd: root, stdio: 'inherit', timeout: 300_000 });
  if (!built()) throw new Error(`npm run ${script} did not write ${path.join(outputDir, 'index.html')}`);
  return out;
}
