// ESLint flat config. Zero warnings are allowed (`npm run lint` passes --max-warnings 0).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'dist-bench/', 'dist-check/', 'coverage/', 'data/', 'bench/out/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: {
      globals: { ...globals.node },
      // Types used in decorated signatures are runtime values for Nest (ValidationPipe reads the DTO
      // class from decorator metadata): with these flags consistent-type-imports leaves them alone.
      parserOptions: { emitDecoratorMetadata: true, experimentalDecorators: true },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    // The pure libraries know nothing of the server: no Nest, no TypeORM, no database drivers.
    files: [
      'src/x12/**/*.ts',
      'src/rules-engine/**/*.ts',
      'src/code-sets/**/*.ts',
      'src/patient-matching/**/*.ts',
      'src/lexicon/**/*.ts',
      'src/inputs/parsers/**/*.ts',
    ],
    ignores: [
      'src/code-sets/code-sets.module.ts',
      'src/code-sets/code-sets.module.spec.ts',
      'src/code-sets/code-sets.controller.ts',
      'src/code-sets/dto/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@nestjs/*'],
              message:
                'src/x12, src/rules-engine, the code sets, matching, lexicon and input parsers are pure libraries: no Nest imports.',
            },
            {
              group: ['typeorm', 'typeorm/*'],
              message: 'Pure libraries: no TypeORM.',
            },
            { group: ['pg', 'better-sqlite3'], message: 'Pure libraries do no database I/O.' },
          ],
        },
      ],
    },
  },
  {
    // The browser code (src/web/client) runs in the page, not in Node.
    files: ['src/web/client/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
