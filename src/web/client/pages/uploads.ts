// Uploads: X12 837/835 files and input records (authorizations, notes, eligibility, contracts, FHIR,
// 271/278), each with a progress bar while it travels and the result (counts, issues) when done.
import { ApiError, get, upload } from '../api.js';
import { type Child, field, h, notice, put, select, table } from '../dom.js';
import * as fmt from '../format.js';
import { errorView, startPage } from '../shell.js';
import {
  type FileResult,
  type ImportResult,
  type UploadIssue,
  fileSummary,
  importSummary,
  issuePosition,
} from '../upload-view.js';

interface Kind {
  value: string;
  label: string;
  /** The route the file goes to. */
  path: string;
  accept: string;
  /** Roles besides admin that may upload this kind (the API checks again). */
  roles: readonly string[];
}

const KINDS: readonly Kind[] = [
  {
    value: 'x12',
    label: 'X12 claims or remittances (837P/837I/835)',
    path: '/api/v1/files',
    accept: '.x12,.edi,.txt,.835,.837,*/*',
    roles: ['billing'],
  },
  {
    value: 'documentation',
    label: 'Clinical notes (CSV or JSON)',
    path: '/api/v1/inputs/documentation',
    accept: '.csv,.json',
    roles: ['billing', 'coding'],
  },
  {
    value: 'fhir',
    label: 'Clinical notes as a FHIR R4 bundle (JSON)',
    path: '/api/v1/inputs/fhir',
    accept: '.json',
    roles: ['billing', 'coding'],
  },
  {
    value: 'authorizations',
    label: 'Authorizations (CSV or JSON)',
    path: '/api/v1/inputs/authorizations',
    accept: '.csv,.json',
    roles: ['billing', 'coding'],
  },
  {
    value: 'eligibility',
    label: 'Eligibility (CSV or JSON)',
    path: '/api/v1/inputs/eligibility',
    accept: '.csv,.json',
    roles: ['billing', 'coding'],
  },
  {
    value: 'contracts',
    label: 'Payer contracts / fee schedules (CSV or JSON)',
    path: '/api/v1/inputs/contracts',
    accept: '.csv,.json',
    roles: ['billing', 'coding'],
  },
  {
    value: 'x12-inputs',
    label: 'X12 271 eligibility or 278 authorization responses',
    path: '/api/v1/inputs/x12',
    accept: '.x12,.edi,.txt,*/*',
    roles: ['billing', 'coding'],
  },
];

interface ReceivedFile {
  id: string;
  name: string;
  kind: string;
  status: string;
  sizeBytes: number;
  claimCount: number;
  paymentCount: number;
  errorCount: number;
  warningCount: number;
  receivedAt: string;
}

function issuesTable(issues: readonly UploadIssue[], more = false): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap' },
    table(
      [
        {
          label: 'Severity',
          cell: (i) => h('span', { class: `badge ${i.severity === 'error' ? 'block' : 'warn'}` }, i.severity),
        },
        { label: 'Where', cell: (i) => h('span', { class: 'mono' }, issuePosition(i)) },
        { label: 'Code', cell: (i) => h('span', { class: 'mono' }, i.code ?? '') },
        { label: 'Problem', cell: (i) => i.message },
      ],
      issues,
      { className: 'grid compact issues' },
    ),
    more ? h('p', { class: 'muted' }, 'The file has more issues than listed.') : null,
  );
}

startPage(async (root, me) => {
  const role = me.user.role;
  const kinds = KINDS.filter((k) => role === 'admin' || k.roles.includes(role));
  const kind = select(
    'kind',
    kinds.map((k) => [k.value, k.label] as const),
    kinds[0]?.value ?? '',
  );
  const input = h('input', { type: 'file', name: 'files', multiple: true, id: 'file-input' });
  const setAccept = () =>
    input.setAttribute('accept', kinds.find((k) => k.value === kind.value)?.accept ?? '');
  setAccept();
  kind.addEventListener('change', setAccept);
  const list = h('ol', { class: 'uploads', id: 'upload-list' });
  const recent = h('div', { id: 'recent-files' });
  const drop = h('div', { class: 'drop' }, h('p', null, 'Drop files here, or choose them:'), input);

  const start = (files: readonly File[]): void => {
    const k = kinds.find((x) => x.value === kind.value);
    if (!k || files.length === 0) return;
    // One at a time: the server ingests files under one write lock anyway, and the first result
    // is there sooner than if every upload shared the line.
    const jobs = files.map((file) => {
      const progress = h('progress', { max: 1, value: 0 });
      const status = h('span', { class: 'muted upload-status' }, 'waiting…');
      const result = h('div', { class: 'upload-result' });
      const item = h(
        'li',
        { 'data-file': file.name, 'data-state': 'waiting' },
        h(
          'div',
          { class: 'actions' },
          h('span', { class: 'name' }, file.name),
          h('span', { class: 'muted' }, `${fmt.bytes(file.size)} · ${k.label}`),
          h('span', { class: 'spacer' }),
          status,
        ),
        progress,
        result,
      );
      list.prepend(item);
      return { file, progress, status, result, item };
    });
    void (async () => {
      for (const j of jobs) {
        j.item.dataset['state'] = 'uploading';
        j.status.textContent = 'uploading…';
        const u = upload<FileResult | ImportResult>(k.path, j.file, (fraction) => {
          j.progress.value = fraction;
          j.status.textContent = fraction < 1 ? `uploading… ${Math.round(fraction * 100)}%` : 'processing…';
        });
        try {
          const answer = await u.done;
          j.progress.value = 1;
          j.item.dataset['state'] = 'done';
          j.status.textContent = 'done';
          if (k.value === 'x12') {
            const r = answer as FileResult;
            const parts: Child[] = [notice(r.file.errorCount ? 'error' : 'ok', fileSummary(r))];
            if (r.file.errorCount + r.file.warningCount > 0) {
              const detail = await get<{ issues: UploadIssue[]; issuesTruncated: boolean }>(
                `/api/v1/files/${r.file.id}`,
              ).catch(() => null);
              if (detail) parts.push(issuesTable(detail.issues, detail.issuesTruncated));
            }
            put(j.result, parts);
          } else {
            const r = answer as ImportResult;
            put(j.result, notice('ok', importSummary(r)), r.warnings.length ? issuesTable(r.warnings) : null);
          }
        } catch (e) {
          j.item.dataset['state'] = 'failed';
          j.status.textContent = 'failed';
          const issues =
            e instanceof ApiError ? ((e.body as { issues?: UploadIssue[] } | null)?.issues ?? []) : [];
          put(j.result, errorView(e), issues.length ? issuesTable(issues) : null);
        }
      }
      input.value = '';
      await loadRecent();
    })();
  };

  input.addEventListener('change', () => start([...(input.files ?? [])]));
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    start([...(e.dataTransfer?.files ?? [])]);
  });

  async function loadRecent(): Promise<void> {
    if (role !== 'billing' && role !== 'admin') return;
    try {
      const page = await get<{ items: ReceivedFile[] }>('/api/v1/files', { limit: 10 });
      put(
        recent,
        h('h2', null, 'Recently received X12 files'),
        table(
          [
            { label: 'Received', cell: (f) => fmt.dateTime(f.receivedAt), className: 'nowrap' },
            { label: 'File', cell: (f) => f.name },
            { label: 'Kind', cell: (f) => f.kind.toUpperCase() },
            { label: 'Status', cell: (f) => f.status },
            { label: 'Size', cell: (f) => fmt.bytes(f.sizeBytes), className: 'num' },
            { label: 'Claims', cell: (f) => f.claimCount, className: 'num' },
            { label: 'Payments', cell: (f) => f.paymentCount, className: 'num' },
            {
              label: 'Errors / warnings',
              cell: (f) => `${f.errorCount} / ${f.warningCount}`,
              className: 'num',
            },
          ],
          page.items,
          { empty: 'No files received yet.' },
        ),
      );
    } catch (e) {
      put(recent, errorView(e));
    }
  }

  put(
    root,
    h('h1', null, 'Uploads'),
    h(
      'p',
      { class: 'muted' },
      'X12 files are checked segment by segment; input files are checked row by row. A file with errors is rejected as a whole, with every problem and where it is.',
    ),
    kinds.length === 0
      ? notice('info', 'Your role uploads nothing.')
      : h(
          'form',
          { class: 'filters', id: 'upload-form', onsubmit: (e: Event) => e.preventDefault() },
          field('What the files hold', kind),
          drop,
        ),
    list,
    recent,
  );
  await loadRecent();
});
