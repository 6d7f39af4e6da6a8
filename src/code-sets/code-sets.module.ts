import { type DynamicModule, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { CODE_SETS } from './code-sets.token.js';
import { CodeSetsController } from './code-sets.controller.js';
import { loadCodeSets } from './code-set-loader.js';
import { defaultLicensedDir, defaultTablesDir } from './code-set-paths.js';

export { CODE_SETS };

export interface CodeSetsModuleOptions {
  /** The committed tables (`code-sets/*.tsv.gz`, `place-of-service.tsv`); default `<package>/rules/tables`. */
  tablesDir?: string;
  /** Customer-licensed lists; default CODE_SETS_DIR, else `./data/code-sets`. Skipped when absent. */
  licensedDir?: string;
  /** Read by the default licensedDir (CODE_SETS_DIR); default process.env. */
  env?: Record<string, string | undefined>;
}

/**
 * Loads every code set once, at start-up, and provides the registry globally under CODE_SETS.
 * Import as `CodeSetsModule.forRoot()` in the application module (or with options in tests).
 */
@Module({})
export class CodeSetsModule {
  static forRoot(options: CodeSetsModuleOptions = {}): DynamicModule {
    return {
      module: CodeSetsModule,
      global: true,
      controllers: [CodeSetsController],
      providers: [
        {
          provide: CODE_SETS,
          // The validated configuration names the licensed folder when the app provides it.
          inject: [{ token: APP_CONFIG, optional: true }],
          useFactory: (config?: AppConfig) =>
            loadCodeSets(options.tablesDir ?? defaultTablesDir(), {
              licensedDir:
                options.licensedDir ?? config?.codeSetsDir ?? defaultLicensedDir(options.env ?? process.env),
            }),
        },
      ],
      exports: [CODE_SETS],
    };
  }
}
