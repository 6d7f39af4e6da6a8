import { createTask } from 'node-cron';

/**
 * The next time `expression` fires in `timeZone`, counted from now, as node-cron itself computes it
 * (a task is made, asked and destroyed; it never starts).
 */
export function nextRunOf(expression: string, timeZone: string): Date {
  const task = createTask(expression, () => undefined, { timezone: timeZone });
  try {
    const [next] = task.getNextRuns(1);
    if (next === undefined) throw new Error(`the schedule ${expression} never fires`);
    return next;
  } finally {
    void task.destroy();
  }
}
