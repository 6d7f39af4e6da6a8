// Audits the production dependencies (what ships in the image; dev tools do not) for known advisories.
//
// Exit codes: 0 nothing high or critical, or each one excused in audit-exceptions.json with a written
// reason; 1 a high or critical advisory nobody has reviewed; 2 not audited (the advisory database
// could not be asked), after listing the production dependencies behind their latest release as a
// weaker stand-in. No dependencies of its own: it only runs npm and reads JSON.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SEVERITIES = ['info', 'low', 'moderate', 'high', 'critical'];
const BLOCKING = new Set(['high', 'critical']);

/** Runs npm with `args` in the repository root; its stdout parsed as JSON (null when it is not). */
function npm(args) {
  const run = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) throw run.error;
  let json = null;
  try {
    json = JSON.parse(run.stdout);
  } catch {
    // npm printed nothing usable (a crash before its JSON): the caller treats it as no answer.
  }
  return { status: run.status, json, stderr: run.stderr ?? '' };
}

/** Reviewed advisories; an entry without a reason does not count (a silent exception is no review). */
function readExceptions() {
  const path = join(root, 'audit-exceptions.json');
  if (!existsSync(path)) return [];
  const list = JSON.parse(readFileSync(path, 'utf8')).exceptions ?? [];
  return list.filter((e) => e && e.package && e.advisory && String(e.reason ?? '').trim());
}

/** True when `exception` names this advisory: its package, and its id, GHSA id or URL. */
function excuses(exception, advisory) {
  if (exception.package !== advisory.name) return false;
  const id = String(exception.advisory);
  return id === String(advisory.source) || id === advisory.url || advisory.url?.endsWith(`/${id}`);
}

/** Prints the report's counts and its high and critical advisories; 1 when one is not reviewed. */
function report(audit) {
  const counts = audit.json.metadata.vulnerabilities ?? {};
  console.log(
    `npm audit (production dependencies): ${SEVERITIES.map((s) => `${counts[s] ?? 0} ${s}`).join(', ')}`,
  );
  // The advisories themselves: a package that is vulnerable only through a dependency lists that
  // dependency's name as a string in `via`; the advisory objects are collected once, by their id.
  const advisories = new Map();
  for (const vulnerability of Object.values(audit.json.vulnerabilities))
    for (const via of vulnerability.via ?? [])
      if (typeof via === 'object' && BLOCKING.has(via.severity)) advisories.set(via.source ?? via.url, via);
  const exceptions = readExceptions();
  let unreviewed = 0;
  for (const a of advisories.values()) {
    const exception = exceptions.find((e) => excuses(e, a));
    if (!exception) unreviewed++;
    console.log(`  ${a.severity.toUpperCase()} ${a.name} ${a.range}: ${a.title}\n    ${a.url}`);
    console.log(
      exception
        ? `    excepted (${exception.reviewed ?? 'no date'}): ${exception.reason}`
        : '    NOT REVIEWED: no exception with a reason in audit-exceptions.json',
    );
  }
  console.log(
    unreviewed > 0
      ? `${unreviewed} high or critical advisories without a reviewed exception in audit-exceptions.json`
      : 'No unreviewed high or critical advisory.',
  );
  return unreviewed > 0 ? 1 : 0;
}

/** Says why nothing was audited, lists the outdated production dependencies instead; always 2. */
function notAudited(audit) {
  // No report. The usual cause here: the registry does not serve the bulk advisory endpoint (a mirror or
  // proxy answers "405 Method Not Allowed" to its POST), so nothing was checked and saying "0
  // vulnerabilities" would be a lie. npm's own words are quoted so the cause can be looked into.
  console.log('NOT AUDITED: the advisory database could not be asked.');
  if (audit.json?.message && !audit.stderr.includes(audit.json.message))
    console.log(`  npm audit: ${audit.json.message}`);
  for (const line of audit.stderr.split('\n'))
    if (/^npm (error|warn|ERR!)/.test(line)) console.log(`  ${line.trim()}`);

  // Fallback: which production dependencies are behind their latest release. Weaker than an audit
  // (being current is not the same as being safe), but it shows where fixes may be waiting. npm 11
  // ignores --omit=dev for `outdated` (dev tools are listed too), so package.json's own list filters.
  const production = new Set(
    Object.keys(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).dependencies ?? {}),
  );
  const outdated = npm(['outdated', '--omit=dev', '--json']);
  if (outdated.json === null || outdated.json.error) {
    console.log('npm outdated gave no answer either:');
    for (const line of outdated.stderr.split('\n')) if (line.trim()) console.log(`  ${line.trim()}`);
  } else {
    const behind = Object.entries(outdated.json)
      .filter(([name]) => production.has(name))
      // One entry per install location when a package is installed more than once.
      .flatMap(([name, entry]) => [entry].flat().map((e) => ({ name, ...e })))
      .filter((e) => e.current !== e.latest);
    console.log(
      `Fallback, npm outdated: ${behind.length} production dependencies behind their latest release`,
    );
    for (const e of behind)
      console.log(
        `  ${e.name}: ${e.current ?? 'not installed'} installed, ${e.wanted} wanted, ${e.latest} latest`,
      );
  }
  return 2;
}

const audit = npm(['audit', '--omit=dev', '--json']);
// exitCode, not exit(): the output is written in full first, also to a pipe.
process.exitCode = audit.json?.vulnerabilities && audit.json?.metadata ? report(audit) : notAudited(audit);
