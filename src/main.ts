import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';
import { configureApp } from './common/configure-app.js';
import { MaskingLogger } from './common/masking-logger.js';
import { APP_CONFIG, type AppConfig, ConfigError, loadConfig } from './config/app-config.js';
import { JobScheduler } from './scheduler/job-scheduler.js';

/** Bootstrap only: the app's behaviour lives in its modules. */
async function bootstrap(): Promise<void> {
  // Validate the configuration before anything else, so a bad value stops start-up with its name.
  try {
    loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  // Every log line passes through maskPhi: no patient names, member ids or dates of birth in the log.
  const app = await NestFactory.create(AppModule, {
    logger: new MaskingLogger({ logLevels: ['log', 'warn', 'error'] }),
  });
  configureApp(app);
  app.enableShutdownHooks();
  const config = app.get<AppConfig>(APP_CONFIG);
  await app.listen(config.port);
  const db =
    config.database.kind === 'sqlite' ? `SQLite ${config.database.path}` : 'PostgreSQL (DATABASE_URL)';
  console.log(`claimguard listening on http://localhost:${config.port} (database: ${db})`);
  // Only the server schedules jobs (CLI commands and tests build the same modules without it).
  if (config.jobs.enabled) app.get(JobScheduler).start();
  else
    console.log(
      'scheduled jobs are off in this process (JOBS_ENABLED=false); claimguard jobs run <name> runs one',
    );
}

await bootstrap();
