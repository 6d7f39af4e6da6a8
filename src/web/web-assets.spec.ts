import { join, resolve } from 'node:path';
import { packageRoot } from '../code-sets/code-set-paths.js';
import * as sut from './web-assets.js';

describe('web assets', () => {
  it('serves from WEB_ASSETS_DIR, else dist/web/assets under the package root', () => {
    expect(sut.webAssetsDir({ WEB_ASSETS_DIR: '/tmp/x' })).toBe(resolve('/tmp/x'));
    expect(sut.webAssetsDir({ WEB_ASSETS_DIR: '  ' })).toBe(join(packageRoot, 'dist', 'web', 'assets'));
    expect(sut.webAssetsDir({})).toBe(join(packageRoot, 'dist', 'web', 'assets'));
  });

  it('names only plain files of known types inside the folder', () => {
    expect(sut.assetRelativePath(['pages', 'worklist.js'])).toBe('pages/worklist.js');
    expect(sut.assetRelativePath(['app.css'])).toBe('app.css');
    for (const bad of [[], ['..', 'x.js'], ['.env'], ['a', ''], ['a\\b.js'], ['x.ts'], ['x'], ['c:x.js']]) {
      expect(sut.assetRelativePath(bad)).toBeNull();
    }
  });
});
