#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { ingestCommand } from './ingest.command.js';
import { inspectCommand } from './inspect.command.js';

const USAGE = `claimguard <command> [options]

Commands:
  inspect <files...>   Read X12 837/835 files (streamed) and report transaction sets, claims,
                       payments, totals and every issue with its position.
      --strict         SE01/GE01/IEA01 count mismatches are errors, not warnings
      --json           One JSON summary per file instead of text
      --max-issues N   Issues listed per file (default 50; all are counted)
  ingest <files...>    Store X12 837/835 files in the database (DATABASE_URL or SQLITE_PATH), one
                       transaction per file: claims, remittances, links, issues. Prints one line
                       per file; the same bytes again are reported as a duplicate and not stored.
                       Exit 1 when a file failed.
`;

/** The `claimguard` command line. Each command is a function returning an exit code. */
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE);
    return command ? 0 : 2;
  }
  switch (command) {
    case 'inspect': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: {
          strict: { type: 'boolean', default: false },
          json: { type: 'boolean', default: false },
          'max-issues': { type: 'string', default: '50' },
        },
      });
      const maxIssues = Number(values['max-issues']);
      if (!Number.isInteger(maxIssues) || maxIssues < 0) {
        process.stderr.write(`--max-issues must be a whole number, got ${values['max-issues']}\n`);
        return 2;
      }
      if (positionals.length === 0) {
        process.stderr.write('inspect: name at least one file\n');
        return 2;
      }
      return inspectCommand(
        positionals,
        { strict: values.strict, json: values.json, maxIssues },
        process.stdout,
      );
    }
    case 'ingest': {
      const { positionals } = parseArgs({ args: rest, allowPositionals: true, options: {} });
      if (positionals.length === 0) {
        process.stderr.write('ingest: name at least one file\n');
        return 2;
      }
      // Loaded here so that `inspect` never pays for Nest and the database drivers.
      const [{ NestFactory }, { AppModule }, { IngestService }, { ConfigError, loadConfig }] =
        await Promise.all([
          import('@nestjs/core'),
          import('../app.module.js'),
          import('../ingest/ingest.service.js'),
          import('../config/app-config.js'),
        ]);
      try {
        loadConfig();
      } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        process.stderr.write(`${err.message}\n`);
        return 2;
      }
      const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
      try {
        return await ingestCommand(positionals, app.get(IngestService), process.stdout);
      } finally {
        await app.close();
      }
    }
    default:
      process.stderr.write(`unknown command ${JSON.stringify(command)}\n\n${USAGE}`);
      return 2;
  }
}

process.exitCode = await main(process.argv.slice(2));
