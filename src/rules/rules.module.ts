import { Global, Module } from '@nestjs/common';
import { CODE_SETS } from '../code-sets/code-sets.token.js';
import type { CodeSetRegistry } from '../code-sets/code-set-registry.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { RULES_RUNTIME, loadRulesRuntime } from './rules-runtime.js';

/** The rule set, payer profiles, reference tables and lexicon, loaded once, for every module. */
@Global()
@Module({
  providers: [
    {
      provide: RULES_RUNTIME,
      inject: [APP_CONFIG, CODE_SETS],
      useFactory: (config: AppConfig, codeSets: CodeSetRegistry) =>
        loadRulesRuntime(config.rulesDir, config.referenceTablesDir, codeSets),
    },
  ],
  exports: [RULES_RUNTIME],
})
export class RulesModule {}
