import { InitialSchema1764158400000 } from './1764158400000-initial-schema.js';
import { ListQueryIndexes1764300000000 } from './1764300000000-list-query-indexes.js';
import { InputsSchema1764400000000 } from './1764400000000-inputs-schema.js';
import { FindingsSchema1764500000000 } from './1764500000000-findings-schema.js';
import { SupersededByIndex1764600000000 } from './1764600000000-superseded-by-index.js';
import { ReportsSchema1764700000000 } from './1764700000000-reports-schema.js';
import { WebSchema1764800000000 } from './1764800000000-web-schema.js';
import { WorklistIndexes1764800200000 } from './1764800200000-worklist-indexes.js';
import { JobLock1764900000000 } from './1764900000000-job-lock.js';
import { ScheduledWork1765000000000 } from './1765000000000-scheduled-work.js';

/** Every migration, oldest first (explicit: ESM has no glob loading). */
export const MIGRATIONS = [
  InitialSchema1764158400000,
  ListQueryIndexes1764300000000,
  InputsSchema1764400000000,
  FindingsSchema1764500000000,
  SupersededByIndex1764600000000,
  ReportsSchema1764700000000,
  WebSchema1764800000000,
  WorklistIndexes1764800200000,
  JobLock1764900000000,
  ScheduledWork1765000000000,
];
