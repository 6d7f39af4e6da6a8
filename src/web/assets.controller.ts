import { statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { Controller, Get, Inject, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/access.decorators.js';
import { ASSET_TYPES, WEB_ASSETS_DIR, assetRelativePath } from './web-assets.js';

/**
 * The browser's static files: compiled page scripts, the stylesheet and chart.js. Public (the sign-in
 * page needs them); they hold no data. Not fingerprinted, so the browser revalidates each time
 * (`no-cache` with ETag and Last-Modified: an unchanged file answers 304).
 */
@ApiExcludeController()
@Controller('assets')
@Public()
export class AssetsController {
  constructor(@Inject(WEB_ASSETS_DIR) private readonly dir: string) {}

  @Get('*path')
  serve(@Param('path') path: string | string[], @Res() res: Response): void {
    const segments = Array.isArray(path) ? path : path.split('/');
    const rel = assetRelativePath(segments);
    const file = rel === null ? null : join(this.dir, rel);
    if (file === null || !isFile(file)) throw new NotFoundException(`no asset /assets/${segments.join('/')}`);
    res.setHeader('Content-Type', ASSET_TYPES[extname(file)]!);
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.sendFile(file, { dotfiles: 'deny', cacheControl: false });
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
