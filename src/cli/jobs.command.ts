import { parseArgs } from 'node:util';
import type { SystemActor } from '../auth/roles.js';
import type { JobRunRow } from '../jobs/job-runs.repository.js';
import type { JobScheduleView } from '../scheduler/jobs.service.js';
import { cliActor } from './users.command.js';

/** What the command needs of JobsService (a fake in tests). */
export interface JobsPort {
  names(): string[];
  schedules(): Promise<JobScheduleView[]>;
  run(name: string, actor: SystemActor): Promise<JobRunRow>;
}

export const JOBS_USAGE = `claimguard jobs list [--json]
claimguard jobs run <name> [--json]

list: every scheduled job with its cron expression (JOB_<NAME>_CRON, "off" when switched off), the
time zone (JOB_TIMEZONE), the next run and the latest run on any instance.
run: runs the job now in this process, recorded in the job runs like a scheduled run; if it is
running on another instance it is skipped. Exit 0 succeeded, 1 failed or skipped, 2 usage.
`;

interface Io {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
}

/** `{"files":3,"failed":1}` → `files 3, failed 1`. */
function countsText(counts: string | Record<string, unknown> | null): string {
  if (counts === null) return '';
  let parsed: unknown = counts;
  if (typeof counts === 'string') {
    try {
      parsed = JSON.parse(counts);
    } catch {
      return counts;
    }
  }
  if (parsed === null || typeof parsed !== 'object') return String(parsed);
  return Object.entries(parsed as Record<string, unknown>)
    .map(([k, v]) => `${k} ${String(v)}`)
    .join(', ');
}

const seconds = (r: Pick<JobRunRow, 'startedAt' | 'finishedAt'>): string =>
  r.finishedAt === null
    ? ''
    : `${((Date.parse(r.finishedAt) - Date.parse(r.startedAt)) / 1000).toFixed(1)} s`;

/** `claimguard jobs list | run <name>`. */
export async function jobsCommand(
  args: string[],
  withJobs: (work: (jobs: JobsPort) => Promise<number>) => Promise<number>,
  io: Io,
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { json: { type: 'boolean', default: false } },
    });
  } catch (err) {
    io.err.write(`jobs: ${(err as Error).message}\n${JOBS_USAGE}`);
    return 2;
  }
  const [sub, name, ...extra] = parsed.positionals;
  const json = parsed.values.json;
  if (sub === 'list' && name === undefined) {
    return withJobs(async (jobs) => {
      const list = await jobs.schedules();
      if (json) {
        io.out.write(`${JSON.stringify(list, null, 2)}\n`);
        return 0;
      }
      io.out.write(`time zone ${list[0]?.timeZone ?? 'UTC'}\n`);
      for (const j of list) {
        const last = j.lastRun
          ? `last ${j.lastRun.status} ${j.lastRun.startedAt}${j.lastRun.counts ? ` (${countsText(j.lastRun.counts)})` : ''}${j.lastRun.error ? `: ${j.lastRun.error}` : ''}`
          : 'never run';
        io.out.write(
          `${j.name.padEnd(14)} ${(j.schedule ?? 'off').padEnd(14)} next ${(j.nextRunAt ?? '-').padEnd(24)} ${last}\n`,
        );
        io.out.write(`${''.padEnd(15)}${j.description}\n`);
      }
      return 0;
    });
  }
  if (sub === 'run' && name !== undefined && extra.length === 0) {
    return withJobs(async (jobs) => {
      if (!jobs.names().includes(name)) {
        io.err.write(
          `jobs run: no job named ${JSON.stringify(name)}; the jobs are ${jobs.names().join(', ')}\n`,
        );
        return 2;
      }
      const run = await jobs.run(name, cliActor());
      if (json)
        io.out.write(
          `${JSON.stringify({ ...run, counts: run.counts && JSON.parse(run.counts) }, null, 2)}\n`,
        );
      else if (run.status === 'succeeded')
        io.out.write(
          `${name}: succeeded in ${seconds(run)} (run ${run.id})${run.counts ? `: ${countsText(run.counts)}` : ''}\n`,
        );
      else io.err.write(`${name}: ${run.status} (run ${run.id}): ${run.error ?? ''}\n`);
      return run.status === 'succeeded' ? 0 : 1;
    });
  }
  io.err.write(JOBS_USAGE);
  return 2;
}
