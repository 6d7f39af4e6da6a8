#!/usr/bin/env node
import { parseArgs } from 'node:util';
import type { INestApplicationContext } from '@nestjs/common';
import type { BacktestRunner } from './backtest.command.js';
import { importCommand } from './import.command.js';
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
  import <kind> <file> Import authorizations, documentation, eligibility, contracts (CSV or JSON
                       array), fhir (an R4 Bundle) or x12 (a 271/278 response). Any error rejects
                       the whole file, every problem listed with its position; exit 1.
                       Records already stored (same key) are updated. Claims are matched to
                       patients again afterwards.
  analyze <x12 files...> [options]
                       Check claims offline (no database, no server) against the rules and the
                       practice's records; see docs/analyze.md:
      --auths F --documentation F --eligibility F --contracts F --fhir F
                       input files (CSV or JSON; FHIR bundle), as for import
      --rules DIR      rules folder (default: the shipped rules)
      --as-of DATE     filing date (default: each 837's BHT04 date)
      --format table|json|csv   (default table)   --out F   write there instead of stdout
      --fail-on block|warn      exit 1 when a finding of that severity (or worse) is found
  rules test [DIR]     Run every rule's embedded test cases; exit 1 on any failure.
  rules list [DIR] [--json]
                       List the rules: id, version, category, severity, CARC, title.
  rules dry-run <file> [--from YYYY-MM] [--to YYYY-MM] [--payer ID]
                       [--format table|json] [--out F]
                       Replay the stored claims with a candidate rule file (its rules replace the
                       rules with the same id, or are added) next to the active rules: what each
                       candidate rule flags, precision, recall, claims newly or no longer flagged.
                       Nothing is stored. Exit 1 when the file does not load (every problem listed).
  backtest --from YYYY-MM --to YYYY-MM [--payer ID] [--truth truth.json]
                       [--format table|json] [--out F]
                       Replay the active rules over the stored claims of those service months and
                       compare with the payers' first answers: recall and precision in total, per
                       category and per rule, the denials no rule anticipated (by CARC); with
                       --truth, the simulator's answer key too (defect recall, outcomes, false flags).
  users add --role billing|coding|finance|admin [--username NAME] [--name "Display"] [--password-stdin]
  users list | set-password --username NAME | disable|enable --username NAME
                       Local users of the web app. The first admin is made here (the username
                       defaults to the role's name); a password is generated and printed once
                       unless --password-stdin gives one.
  jobs list [--json]   The scheduled jobs (inbox, reevaluate, deadlines, digest-daily,
                       digest-weekly, retention): schedule, time zone, next and latest run.
  jobs run <name> [--json]
                       Run a job now, recorded like a scheduled run (skipped when it is running
                       on another instance). Exit 1 when it failed or was skipped.
  simulate --months N --claims-per-month M --seed S --out DIR
                       Write a synthetic practice's claims (837P/837I), roster, notes (CSV and
                       FHIR), authorizations, fee schedule and truth.json (deterministic).
  demo [--out DIR] [--months N] [--claims-per-month M] [--seed S] [--no-ingest]
                       Simulate a practice (default 3 months x 700 claims into ./data/demo),
                       import its records, ingest its 837s and 835s into the database, evaluate,
                       and print what was flagged.
  import-tables --ncci|--mue <files...>
                       Convert the CMS NCCI or MUE files an operator downloads into the tables
                       the rules read (REFERENCE_TABLES_DIR); --help for the options.
  import-code-sets ... Build the compact code-set files loaded at start-up (ICD-10-CM, HCPCS) or
                       a customer's licensed list; --help for the options (docs/code-sets.md).
`;

/**
 * Runs `work` with the application context (database, migrations) and closes it. Nest and the
 * database drivers are loaded here, so that `inspect` never pays for them. Exit 2 on bad configuration.
 */
async function withApp(work: (app: INestApplicationContext) => Promise<number>): Promise<number> {
  const [{ NestFactory }, { AppModule }, { ConfigError, loadConfig }, { MaskingLogger }] = await Promise.all([
    import('@nestjs/core'),
    import('../app.module.js'),
    import('../config/app-config.js'),
    import('../common/masking-logger.js'),
  ]);
  try {
    loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\n`);
    return 2;
  }
  // Warnings and errors only, with PHI masked (a failed import's message may quote a record).
  const app = await NestFactory.createApplicationContext(AppModule, {
    logger: new MaskingLogger({ logLevels: ['error', 'warn'] }),
  });
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}

/** The first line of standard input, without its line end (for passwords piped in). */
async function readFirstLine(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

/** Runs `work` with the BacktestService of the application context. */
function withBacktestService(work: (service: BacktestRunner) => Promise<number>): Promise<number> {
  return withApp(async (app) => {
    const { BacktestService } = await import('../backtest/backtest.service.js');
    return work(app.get(BacktestService));
  });
}

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
      return withApp(async (app) => {
        const { IngestService } = await import('../ingest/ingest.service.js');
        return ingestCommand(positionals, app.get(IngestService), process.stdout);
      });
    }
    case 'import': {
      const { positionals } = parseArgs({ args: rest, allowPositionals: true, options: {} });
      const [kind, file, ...extra] = positionals;
      const { isUploadKind, UPLOAD_KINDS } = await import('../inputs/input-parsing.js');
      if (!kind || !file || extra.length > 0 || !isUploadKind(kind)) {
        process.stderr.write(`import: usage: claimguard import <${UPLOAD_KINDS.join('|')}> <file>\n`);
        return 2;
      }
      return withApp(async (app) => {
        const { InputsService } = await import('../inputs/inputs.service.js');
        return importCommand(kind, file, app.get(InputsService), process.stdout);
      });
    }
    case 'analyze': {
      const { analyzeCommand } = await import('../analyze/analyze.command.js');
      return analyzeCommand(rest, process.stdout, process.stderr);
    }
    case 'rules': {
      const [sub, ...args] = rest;
      if (sub === 'dry-run') {
        const { rulesDryRunCommand } = await import('./backtest.command.js');
        return rulesDryRunCommand(args, process.stdout, process.stderr, withBacktestService);
      }
      const { values, positionals } = parseArgs({
        args,
        allowPositionals: true,
        options: { json: { type: 'boolean', default: false } },
      });
      const { rulesListCommand, rulesTestCommand } = await import('./rules.command.js');
      const { DEFAULT_RULES_DIR } = await import('../rules-engine/context/context-builder.js');
      const dir = positionals[0] ?? DEFAULT_RULES_DIR;
      if (sub === 'test') return rulesTestCommand(dir, process.stdout);
      if (sub === 'list')
        return rulesListCommand(dir, process.stdout, { format: values.json ? 'json' : 'table' });
      process.stderr.write(
        'rules: usage: claimguard rules test [DIR] | claimguard rules list [DIR] [--json] | claimguard rules dry-run <file> [options]\n',
      );
      return 2;
    }
    case 'backtest': {
      const { backtestCommand } = await import('./backtest.command.js');
      return backtestCommand(rest, process.stdout, process.stderr, withBacktestService);
    }
    case 'simulate': {
      const { simulateCommand } = await import('../simulator/simulate.command.js');
      return simulateCommand(rest, process.stdout, process.stderr);
    }
    case 'users': {
      const { usersCommand } = await import('./users.command.js');
      return usersCommand(
        rest,
        (work) =>
          withApp(async (app) => {
            const { UsersService } = await import('../auth/users.service.js');
            return work(app.get(UsersService));
          }),
        { out: process.stdout, err: process.stderr, readPassword: readFirstLine },
      );
    }
    case 'jobs': {
      const { jobsCommand } = await import('./jobs.command.js');
      return jobsCommand(
        rest,
        (work) =>
          withApp(async (app) => {
            const { JobsService } = await import('../scheduler/jobs.service.js');
            return work(app.get(JobsService));
          }),
        { out: process.stdout, err: process.stderr },
      );
    }
    case 'demo': {
      const { demoCommand } = await import('../simulator/demo.command.js');
      return demoCommand(rest, process.stdout, process.stderr);
    }
    case 'import-tables': {
      const { importTablesCommand } = await import('./import-tables.command.js');
      return importTablesCommand(rest, process.stdout, process.stderr);
    }
    case 'import-code-sets': {
      const { runCodeSetsImport } = await import('../code-sets/import-code-sets.command.js');
      return runCodeSetsImport(rest, (line) => process.stdout.write(`${line}\n`));
    }
    default:
      process.stderr.write(`unknown command ${JSON.stringify(command)}\n\n${USAGE}`);
      return 2;
  }
}

process.exitCode = await main(process.argv.slice(2));
