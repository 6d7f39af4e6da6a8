import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Provider } from '@nestjs/common';
import { loadCarcCategories, type CarcCategories } from '../reporting/carc-categories.js';
import { RULES_RUNTIME, type RulesRuntime } from '../rules/rules-runtime.js';

/** Injection token for the CARC → category mapping (rules/risk/carc-categories.yaml). */
export const CARC_CATEGORIES = Symbol('CARC_CATEGORIES');

export interface CarcCategoriesHolder {
  readonly current: CarcCategories;
}

/** `<rules>/risk` when the rules folder has one, else the folder shipped with claimguard. */
export function riskDir(runtime: RulesRuntime): string | undefined {
  const dir = join(runtime.rulesDir, 'risk');
  return existsSync(dir) ? dir : undefined;
}

export const carcCategoriesProvider: Provider = {
  provide: CARC_CATEGORIES,
  inject: [RULES_RUNTIME],
  useFactory: (runtime: RulesRuntime): CarcCategoriesHolder => ({
    current: loadCarcCategories(riskDir(runtime)),
  }),
};
