// The layer rule: a lower layer does not import (values from) an upper one; naming an upper type is allowed.
// From the bottom: common, config, errors, db → metrics → domain (entities, services, resolvers) and auth → loaders
// (resolvers read through them) → live, spreadsheet → server (the wiring: Apollo, Express, graphql-ws, routes).
import tseslint from 'typescript-eslint';

/** A relative import that reaches into `folder` (anything else, such as @apollo/server, is not matched). */
const into = (folder) => `^\\.{1,2}/(?:\\.\\./)*${folder}(?:/|$)`;
const folders = {
  metrics: into('metrics/(?!dates$)'), // metrics/dates is the calendar every layer may use
  domain: into('domain'),
  loaders: into('loaders'),
  live: into('live'),
  spreadsheet: into('spreadsheet'),
  server: into('server'),
};

/** Files under `files` may not import values from the layers named in `forbidden`. */
const layer = (files, forbidden, ignores = []) => ({
  files,
  ignores,
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        patterns: forbidden.map((name) => ({
          regex: folders[name],
          allowTypeImports: true,
          message: `a lower layer imports the ${name} layer (eslint.config.mjs): move the code down, or pass what it needs in`,
        })),
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'bench/**', 'test/**', 'scripts/**'] },
  { files: ['src/**/*.ts'], languageOptions: { parser: tseslint.parser }, plugins: { '@typescript-eslint': tseslint.plugin }, linterOptions: { reportUnusedDisableDirectives: 'off' } },
  // The entity registry is the one place the data source learns the domain's tables.
  layer(['src/common/**/*.ts', 'src/config/**/*.ts', 'src/errors/**/*.ts', 'src/db/**/*.ts'], ['metrics', 'domain', 'loaders', 'live', 'spreadsheet', 'server'], ['src/db/entities.ts']),
  layer(['src/metrics/**/*.ts'], ['loaders', 'live', 'spreadsheet', 'server']),
  layer(['src/domain/**/*.ts', 'src/auth/**/*.ts'], ['live', 'spreadsheet', 'server']),
  layer(['src/loaders/**/*.ts'], ['live', 'spreadsheet', 'server']),
  layer(['src/live/**/*.ts', 'src/spreadsheet/**/*.ts'], ['server']),
);
