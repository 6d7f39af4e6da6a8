import { hostname } from 'node:os';
import { ConfigError, loadConfig } from './app-config.js';

describe('loadConfig', () => {
  it('defaults to SQLite under ./data and port 3000', () => {
    const sut = loadConfig({}, '/srv/cg');
    expect(sut).toEqual({
      port: 3000,
      database: { kind: 'sqlite', path: '/srv/cg/data/claimguard.sqlite' },
      migrationsRun: true,
      uploadLimitBytes: 512 * 1024 * 1024,
      uploadDir: '/srv/cg/data/uploads',
      inboxDir: '/srv/cg/data/inbox',
      reportsDir: '/srv/cg/data/reports',
      codeSetsDir: '/srv/cg/data/code-sets',
      rulesDir: null,
      referenceTablesDir: '/srv/cg/data/tables',
      evaluateOnIngest: true,
      evaluateOnImport: true,
      evaluateOnStart: true,
      reworkCostCents: { professional: 2500, institutional: 11800 },
      reportRefresh: true,
      sessionIdleMinutes: 30,
      sessionMaxHours: 12,
      cookieSecure: false,
      trustProxy: false,
      jobs: {
        enabled: true,
        timeZone: 'UTC',
        schedules: {
          inbox: '*/5 * * * *',
          reevaluate: '30 1 * * *',
          deadlines: '0 5 * * *',
          'digest-daily': '0 6 * * *',
          'digest-weekly': '15 6 * * 1',
          retention: '0 3 * * *',
        },
        instanceName: `${hostname()}:${process.pid}`,
        inboxSettleSeconds: 10,
        rawFileRetentionDays: 30,
        jobLogRetentionDays: 90,
      },
    });
  });

  it('reads job schedules, switches a job off, and names a bad cron expression or time zone', () => {
    const sut = loadConfig({
      JOB_DIGEST_WEEKLY_CRON: 'off',
      JOB_INBOX_CRON: '*/1 * * * *',
      JOB_TIMEZONE: 'America/Chicago',
      INSTANCE_NAME: 'app-2',
      JOBS_ENABLED: 'false',
    }).jobs;
    expect(sut.schedules['digest-weekly']).toBeNull();
    expect(sut.schedules.inbox).toBe('*/1 * * * *');
    expect(sut.timeZone).toBe('America/Chicago');
    expect(sut.instanceName).toBe('app-2');
    expect(sut.enabled).toBe(false);
    expect(loadConfig({ TZ: 'Europe/Paris' }).jobs.timeZone).toBe('Europe/Paris');
    expect(loadConfig({ TZ: ':/etc/localtime' }).jobs.timeZone).toBe('UTC');
    expect(() => loadConfig({ JOB_RETENTION_CRON: '61 * * * *', JOB_TIMEZONE: 'Mars/Olympus' })).toThrow(
      /JOB_TIMEZONE must be an IANA time zone[\s\S]*JOB_RETENTION_CRON must be a cron expression/,
    );
  });

  it('reads rework costs in dollars as exact cents, and refuses other text', () => {
    expect(
      loadConfig({ REWORK_COST_PROFESSIONAL: '31.5', REWORK_COST_INSTITUTIONAL: '120.07' }).reworkCostCents,
    ).toEqual({ professional: 3150, institutional: 12007 });
    expect(() => loadConfig({ REWORK_COST_PROFESSIONAL: '$25' })).toThrow(/REWORK_COST_PROFESSIONAL/);
    expect(() => loadConfig({ REWORK_COST_INSTITUTIONAL: '1.234' })).toThrow(/REWORK_COST_INSTITUTIONAL/);
  });

  it('selects PostgreSQL when DATABASE_URL is set', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/cg' }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://postgres@127.0.0.1:5432/cg',
    });
  });

  it('names every bad variable at once', () => {
    let err: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        MIGRATIONS_RUN: 'perhaps',
        UPLOAD_LIMIT_MB: '0',
      });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const problems = (err as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'DATABASE_URL', 'MIGRATIONS_RUN', 'UPLOAD_LIMIT_MB'])
      expect(problems).toContain(name);
  });

  it('reads limits and folders', () => {
    const sut = loadConfig(
      { PORT: '8080', UPLOAD_LIMIT_MB: '2', INBOX_DIR: '/var/inbox', MIGRATIONS_RUN: 'false' },
      '/x',
    );
    expect(sut).toMatchObject({
      port: 8080,
      uploadLimitBytes: 2 * 1024 * 1024,
      inboxDir: '/var/inbox',
      migrationsRun: false,
    });
  });
});
