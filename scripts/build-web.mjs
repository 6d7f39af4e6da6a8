#!/usr/bin/env node
// Builds the web app's browser assets: `node scripts/build-web.mjs [--out DIR]`
// (default: WEB_ASSETS_DIR, else dist/web/assets). Compiles src/web/client (TypeScript → ES modules,
// one file per module: no bundler), then copies the stylesheet and chart.js's UMD build next to them.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const { values } = parseArgs({ options: { out: { type: 'string' } } });
const out = resolve(values.out ?? process.env.WEB_ASSETS_DIR ?? join(root, 'dist', 'web', 'assets'));

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'vendor'), { recursive: true });
try {
  execFileSync(
    process.execPath,
    [
      require.resolve('typescript/bin/tsc'),
      '-p',
      join(root, 'src/web/client/tsconfig.build.json'),
      '--outDir',
      out,
    ],
    { stdio: 'inherit', cwd: root },
  );
} catch {
  console.error('build-web: the browser code (src/web/client) does not compile; see above');
  process.exit(1);
}
copyFileSync(join(root, 'src/web/client/app.css'), join(out, 'app.css'));
// chart.js does not export its UMD file: it sits next to the CommonJS entry in dist/.
copyFileSync(join(dirname(require.resolve('chart.js')), 'chart.umd.js'), join(out, 'vendor', 'chart.umd.js'));
console.log(`web assets written to ${out}`);
