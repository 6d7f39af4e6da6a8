import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Logger, Module, type OnModuleInit } from '@nestjs/common';
import { AssetsController } from './assets.controller.js';
import { PagesController } from './pages.controller.js';
import { WEB_ASSETS_DIR, webAssetsDir } from './web-assets.js';

/** The web app: HTML page shells and the static assets their scripts and styles come from. */
@Module({
  controllers: [PagesController, AssetsController],
  providers: [{ provide: WEB_ASSETS_DIR, useFactory: () => webAssetsDir() }],
})
export class WebModule implements OnModuleInit {
  private readonly logger = new Logger('WebModule');

  constructor(@Inject(WEB_ASSETS_DIR) private readonly dir: string) {}

  onModuleInit(): void {
    // The API works without them, but the pages would be empty: say why and how to fix it.
    if (!existsSync(join(this.dir, 'pages'))) {
      this.logger.warn(`web assets not found in ${this.dir}: run \`npm run build\` (or set WEB_ASSETS_DIR)`);
    }
  }
}
