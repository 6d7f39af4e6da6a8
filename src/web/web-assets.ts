/** Where the compiled browser code, the stylesheet and chart.js are served from. */
import { resolve } from 'node:path';
import { packageRoot } from '../code-sets/code-set-paths.js';

/** Injection token of the assets folder (an absolute path). */
export const WEB_ASSETS_DIR = Symbol('WEB_ASSETS_DIR');

/**
 * `WEB_ASSETS_DIR` when set (the tests build the assets into a temporary folder), otherwise
 * `dist/web/assets` under the package root, where `npm run build` writes them.
 */
export function webAssetsDir(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env['WEB_ASSETS_DIR']?.trim();
  return fromEnv ? resolve(fromEnv) : resolve(packageRoot, 'dist', 'web', 'assets');
}

/** The content types of the files the assets folder holds; anything else is not served. */
export const ASSET_TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/**
 * The file an asset URL path names, relative to the assets folder, or null when the path is not one
 * we serve: empty, hidden (`.x`), parent (`..`), backslashes or NULs, or an unknown extension.
 */
export function assetRelativePath(segments: readonly string[]): string | null {
  if (segments.length === 0) return null;
  for (const s of segments) {
    if (s === '' || s.startsWith('.') || /[\\\0:]/.test(s)) return null;
  }
  const last = segments[segments.length - 1]!;
  const dot = last.lastIndexOf('.');
  if (dot < 0 || !(last.slice(dot) in ASSET_TYPES)) return null;
  return segments.join('/');
}
