import { hostname } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { validate as validCron } from 'node-cron';

/** Where claimguard keeps its data. */
export type DatabaseConfig = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

/** The scheduled jobs, in the order `claimguard jobs list` shows them. */
export const JOB_NAMES = [
  'inbox',
  'reevaluate',
  'deadlines',
  'digest-daily',
  'digest-weekly',
  'retention',
] as const;
export type JobName = (typeof JOB_NAMES)[number];

/** Each job's default schedule (node-cron syntax, in JOB_TIMEZONE). */
export const DEFAULT_JOB_SCHEDULES: Readonly<Record<JobName, string>> = {
  inbox: '*/5 * * * *',
  reevaluate: '30 1 * * *',
  deadlines: '0 5 * * *',
  'digest-daily': '0 6 * * *',
  'digest-weekly': '15 6 * * 1',
  retention: '0 3 * * *',
};

/** The environment variable holding a job's schedule: JOB_INBOX_CRON, JOB_DIGEST_DAILY_CRON … */
export const jobCronVariable = (job: JobName): string => `JOB_${job.toUpperCase().replace(/-/g, '_')}_CRON`;

/** Scheduled work (issue 9): when each job runs, where files come from and go, how long things are kept. */
export interface JobsConfig {
  /** JOBS_ENABLED: run the scheduler in this process (default true; `claimguard jobs run` works either way). */
  enabled: boolean;
  /** JOB_TIMEZONE: the zone the schedules and "today" are read in (default TZ when it names an IANA zone, else UTC). */
  timeZone: string;
  /** JOB_<NAME>_CRON: a node-cron expression per job, or `off`; null when the job is switched off. */
  schedules: Record<JobName, string | null>;
  /** INSTANCE_NAME: this process in job_run and job_lock (default host:pid). */
  instanceName: string;
  /** INBOX_SETTLE_SECONDS: a file modified more recently than this is still being written (default 10). */
  inboxSettleSeconds: number;
  /** RAW_FILE_RETENTION_DAYS: inbox files kept in processed/ and failed/ this long (default 30). */
  rawFileRetentionDays: number;
  /** JOB_LOG_RETENTION_DAYS: job runs and cleared deadline alerts kept this long (default 90). */
  jobLogRetentionDays: number;
}

/** The service's configuration, parsed and validated once at start-up. */
export interface AppConfig {
  /** PORT: HTTP port (default 3000). */
  port: number;
  /** DATABASE_URL (postgres://…) selects PostgreSQL; otherwise SQLITE_PATH (default ./data/claimguard.sqlite). */
  database: DatabaseConfig;
  /** MIGRATIONS_RUN: run pending migrations at start-up (default true). */
  migrationsRun: boolean;
  /** UPLOAD_LIMIT_MB: largest accepted upload (default 512 MB). */
  uploadLimitBytes: number;
  /** UPLOAD_DIR: where uploads are streamed to disk before they are read (default ./data/uploads). */
  uploadDir: string;
  /** INBOX_DIR: folder the scheduler picks files up from (default ./data/inbox). */
  inboxDir: string;
  /** REPORTS_DIR: where the scheduled digests are written (default ./data/reports). */
  reportsDir: string;
  /** CODE_SETS_DIR: customer-licensed code lists (CPT, revenue codes, CARC/RARC, taxonomy), loaded at start-up when present (default ./data/code-sets). */
  codeSetsDir: string;
  /** RULES_DIR: the rules folder (rules, payers/, tables/, lexicon/); null: the rules shipped with claimguard. */
  rulesDir: string | null;
  /** REFERENCE_TABLES_DIR: operator-imported CMS NCCI/MUE tables, read when present (default ./data/tables). */
  referenceTablesDir: string;
  /** EVALUATE_ON_INGEST: run the rules on the claims of every 837 as it is ingested (default true). */
  evaluateOnIngest: boolean;
  /**
   * EVALUATE_ON_IMPORT: evaluate every claim again right after an import of records (default true).
   * Off, the nightly re-evaluation job picks up the claims whose facts the imports changed.
   */
  evaluateOnImport: boolean;
  /** EVALUATE_ON_START: at start-up, evaluate claims not yet evaluated by the current rule set (default true). */
  evaluateOnStart: boolean;
  /**
   * REWORK_COST_PROFESSIONAL / REWORK_COST_INSTITUTIONAL: what working one denied claim costs, in
   * dollars (default 25.00 and 118.00, the published industry estimates); dental claims use the
   * professional figure. Kept as integer cents.
   */
  reworkCostCents: { professional: number; institutional: number };
  /** REPORT_REFRESH: keep the report tables current after every ingest, import and evaluation (default true). */
  reportRefresh: boolean;
  /** SESSION_IDLE_MINUTES: a browser session ends after this long without a request (default 30). */
  sessionIdleMinutes: number;
  /** SESSION_MAX_HOURS: a browser session ends this long after sign-in, however active (default 12). */
  sessionMaxHours: number;
  /** COOKIE_SECURE: mark the session cookie Secure (HTTPS only; default false, set it behind TLS). */
  cookieSecure: boolean;
  /** TRUST_PROXY: take the client address from X-Forwarded-For (behind a reverse proxy; default false). */
  trustProxy: boolean;
  jobs: JobsConfig;
}

/** Thrown when the environment holds a bad value; the message names every bad variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

type Env = Record<string, string | undefined>;

/** Parses the environment into an AppConfig, collecting every problem before failing once. */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): AppConfig {
  const problems: string[] = [];
  const text = (name: string): string | undefined => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const v = text(name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!/^\d+$/.test(v) || n < min || n > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(v)}`);
      return fallback;
    }
    return n;
  };
  const flag = (name: string, fallback: boolean): boolean => {
    const v = text(name)?.toLowerCase();
    if (v === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(v)) return true;
    if (['0', 'false', 'no', 'off'].includes(v)) return false;
    problems.push(`${name} must be true or false, got ${JSON.stringify(env[name])}`);
    return fallback;
  };
  const dollars = (name: string, fallback: number): number => {
    const v = text(name);
    if (v === undefined) return fallback;
    const m = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(v);
    if (!m) {
      problems.push(`${name} must be an amount in dollars such as 25 or 118.00, got ${JSON.stringify(v)}`);
      return fallback;
    }
    return Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
  };
  const path = (name: string, fallback: string): string => {
    const v = text(name) ?? fallback;
    return isAbsolute(v) ? v : resolve(cwd, v);
  };

  const ianaZone = (v: string): string | null => {
    try {
      return new Intl.DateTimeFormat('en-US', { timeZone: v }).resolvedOptions().timeZone;
    } catch {
      return null;
    }
  };
  const zone = (): string => {
    const v = text('JOB_TIMEZONE');
    if (v === undefined) {
      // TZ may be a POSIX value (`:/etc/localtime`, `EST5EDT,M3.2.0,M11.1.0`) that names no IANA
      // zone: then UTC, rather than refusing to start over a variable nobody set for claimguard.
      const tz = text('TZ');
      return (tz !== undefined && ianaZone(tz)) || 'UTC';
    }
    const known = ianaZone(v);
    if (known === null)
      problems.push(
        `JOB_TIMEZONE must be an IANA time zone such as America/Chicago or UTC, got ${JSON.stringify(v)}`,
      );
    return known ?? 'UTC';
  };
  const schedule = (job: JobName): string | null => {
    const name = jobCronVariable(job);
    const v = text(name);
    if (v === undefined) return DEFAULT_JOB_SCHEDULES[job];
    if (v.toLowerCase() === 'off') return null;
    if (!validCron(v)) {
      problems.push(`${name} must be a cron expression such as "0 6 * * *" or off, got ${JSON.stringify(v)}`);
      return DEFAULT_JOB_SCHEDULES[job];
    }
    return v;
  };

  let database: DatabaseConfig;
  const url = text('DATABASE_URL');
  if (url !== undefined) {
    let ok: boolean;
    try {
      const u = new URL(url);
      ok = (u.protocol === 'postgres:' || u.protocol === 'postgresql:') && u.hostname !== '';
    } catch {
      ok = false;
    }
    if (!ok) problems.push('DATABASE_URL must be a postgres://user@host:port/database URL');
    database = { kind: 'postgres', url };
  } else {
    const p = text('SQLITE_PATH');
    database = {
      kind: 'sqlite',
      path: p === ':memory:' ? p : path('SQLITE_PATH', './data/claimguard.sqlite'),
    };
  }

  const config: AppConfig = {
    port: integer('PORT', 3000, 1, 65535),
    database,
    migrationsRun: flag('MIGRATIONS_RUN', true),
    uploadLimitBytes: integer('UPLOAD_LIMIT_MB', 512, 1, 1_048_576) * 1024 * 1024,
    uploadDir: path('UPLOAD_DIR', './data/uploads'),
    inboxDir: path('INBOX_DIR', './data/inbox'),
    reportsDir: path('REPORTS_DIR', './data/reports'),
    codeSetsDir: path('CODE_SETS_DIR', './data/code-sets'),
    rulesDir: text('RULES_DIR') === undefined ? null : path('RULES_DIR', '.'),
    referenceTablesDir: path('REFERENCE_TABLES_DIR', './data/tables'),
    evaluateOnIngest: flag('EVALUATE_ON_INGEST', true),
    evaluateOnImport: flag('EVALUATE_ON_IMPORT', true),
    evaluateOnStart: flag('EVALUATE_ON_START', true),
    reworkCostCents: {
      professional: dollars('REWORK_COST_PROFESSIONAL', 2500),
      institutional: dollars('REWORK_COST_INSTITUTIONAL', 11800),
    },
    reportRefresh: flag('REPORT_REFRESH', true),
    sessionIdleMinutes: integer('SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
    sessionMaxHours: integer('SESSION_MAX_HOURS', 12, 1, 24 * 30),
    cookieSecure: flag('COOKIE_SECURE', false),
    trustProxy: flag('TRUST_PROXY', false),
    jobs: {
      enabled: flag('JOBS_ENABLED', true),
      timeZone: zone(),
      schedules: Object.fromEntries(JOB_NAMES.map((job) => [job, schedule(job)])) as Record<
        JobName,
        string | null
      >,
      instanceName: text('INSTANCE_NAME') ?? `${hostname()}:${process.pid}`,
      inboxSettleSeconds: integer('INBOX_SETTLE_SECONDS', 10, 0, 86_400),
      rawFileRetentionDays: integer('RAW_FILE_RETENTION_DAYS', 30, 1, 36_500),
      jobLogRetentionDays: integer('JOB_LOG_RETENTION_DAYS', 90, 1, 36_500),
    },
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}

/** Injection token for the AppConfig. */
export const APP_CONFIG = Symbol('APP_CONFIG');
