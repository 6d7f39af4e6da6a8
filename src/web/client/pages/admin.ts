// Administration: users and roles, API tokens, the audit log and scheduled job runs. The tab and its
// filters live in the URL.
import * as view from '../admin-view.js';
import { get, patch, post } from '../api.js';
import { type Column, badge, field, h, notice, put, select, table } from '../dom.js';
import * as fmt from '../format.js';
import { errorView, startPage } from '../shell.js';
import { readFilters } from '../url-state.js';

let busyCount = 0;
/** Marks the page busy (`<body data-loading>`) while `work` runs. */
async function busy<T>(work: () => Promise<T>): Promise<T> {
  busyCount++;
  document.body.dataset['loading'] = 'true';
  try {
    return await work();
  } finally {
    busyCount--;
    if (busyCount === 0) delete document.body.dataset['loading'];
  }
}

const roleOptions = view.ROLES.map((r) => [r, view.ROLE_LABELS[r]] as const);

startPage(async (root, me) => {
  let filters = readFilters(location.search, view.ADMIN_SPEC);
  const tabs = h('nav', { class: 'tabs', 'aria-label': 'Administration sections' });
  const section = h('section', { class: 'admin-section', 'aria-live': 'polite' });

  const drawTabs = () =>
    put(
      tabs,
      view.TABS.map((t) =>
        h(
          'a',
          {
            href: view.tabUrl(t),
            'data-tab': t,
            'aria-current': filters.tab === t ? 'page' : null,
            onclick: (e: Event) => {
              e.preventDefault();
              go(view.forTab(filters, t));
            },
          },
          view.TAB_LABELS[t],
        ),
      ),
    );

  /** Moves to a new state (a history entry) and draws it. */
  const go = (next: view.AdminFilters): void => {
    filters = next;
    const url = view.adminUrl(filters);
    if (url !== location.pathname + location.search) history.pushState(null, '', url);
    void draw();
  };
  window.addEventListener('popstate', () => {
    filters = readFilters(location.search, view.ADMIN_SPEC);
    void draw();
  });

  async function draw(): Promise<void> {
    drawTabs();
    document.title = `${view.TAB_LABELS[filters.tab as view.Tab]} · Administration · claimguard`;
    await busy(async () => {
      section.setAttribute('aria-busy', 'true');
      try {
        if (filters.tab === 'tokens') await drawTokens();
        else if (filters.tab === 'audit') await drawAudit();
        else if (filters.tab === 'jobs') await drawJobs();
        else await drawUsers();
      } catch (e) {
        put(section, errorView(e));
      } finally {
        section.removeAttribute('aria-busy');
      }
    });
  }

  // -------------------------------------------------------------------------------------------------
  // Users
  // -------------------------------------------------------------------------------------------------

  async function drawUsers(message?: HTMLElement): Promise<void> {
    const users = await get<view.UserView[]>('/api/v1/users');
    const status = h('div', { class: 'status-slot', id: 'users-status' }, message ?? null);
    const saveChange = (
      u: view.UserView,
      change: { role?: view.Role; disabled?: boolean; password?: string },
    ) =>
      busy(async () => {
        try {
          await patch<view.UserView>(`/api/v1/users/${u.id}`, change);
          await drawUsers(notice('ok', view.changeNotice(u, change)));
        } catch (e) {
          put(status, errorView(e));
        }
      });

    const add = h('form', { class: 'inline-form panel', id: 'add-user' });
    put(
      add,
      field(
        'Username',
        h('input', { name: 'username', required: true, minlength: 2, maxlength: 64, autocomplete: 'off' }),
      ),
      field('Display name', h('input', { name: 'displayName', maxlength: 120, autocomplete: 'off' })),
      field('Role', select('role', roleOptions, 'billing')),
      field(
        'Password',
        h('input', {
          name: 'password',
          type: 'password',
          required: true,
          minlength: 12,
          maxlength: 256,
          autocomplete: 'new-password',
        }),
        'At least 12 characters',
      ),
      h('button', { type: 'submit', class: 'primary' }, 'Add user'),
    );
    add.addEventListener('submit', (e) => {
      e.preventDefault();
      const fd = new FormData(add);
      const text = (k: string) => String(fd.get(k) ?? '').trim();
      const body = {
        username: text('username'),
        ...(text('displayName') ? { displayName: text('displayName') } : {}),
        role: text('role'),
        password: String(fd.get('password') ?? ''),
      };
      void busy(async () => {
        try {
          const u = await post<view.UserView>('/api/v1/users', body);
          await drawUsers(notice('ok', `Added ${u.username} (${view.ROLE_LABELS[u.role]}).`));
        } catch (err) {
          put(status, errorView(err));
        }
      });
    });

    const actions = (u: view.UserView): HTMLElement => {
      const cell = h('div', { class: 'row-actions' });
      const self = u.id === me.user.id;
      const normal = () =>
        put(
          cell,
          h(
            'button',
            {
              type: 'button',
              class: u.disabled ? 'enable' : 'danger disable',
              disabled: self && !u.disabled,
              title: self && !u.disabled ? 'You cannot disable yourself.' : null,
              onclick: () => void saveChange(u, { disabled: !u.disabled }),
            },
            u.disabled ? 'Enable' : 'Disable',
          ),
          h('button', { type: 'button', class: 'reset-password', onclick: resetForm }, 'Reset password…'),
        );
      function resetForm(): void {
        const input = h('input', {
          name: 'newPassword',
          type: 'password',
          minlength: 12,
          maxlength: 256,
          required: true,
          autocomplete: 'new-password',
          placeholder: 'New password (12+)',
          'aria-label': `New password for ${u.username}`,
        });
        const form = h(
          'form',
          { class: 'row-actions' },
          input,
          h('button', { type: 'submit', class: 'primary' }, 'Set password'),
          h('button', { type: 'button', onclick: normal }, 'Cancel'),
        );
        form.addEventListener('submit', (e) => {
          e.preventDefault();
          void saveChange(u, { password: input.value });
        });
        put(cell, form);
        input.focus();
      }
      normal();
      return cell;
    };

    const roleCell = (u: view.UserView): HTMLElement => {
      const choice = select('role', roleOptions, u.role, { 'aria-label': `Role of ${u.username}` });
      const save = h('button', { type: 'button', class: 'save-role', disabled: true }, 'Save role');
      choice.addEventListener('change', () => (save.disabled = choice.value === u.role));
      save.addEventListener('click', () => void saveChange(u, { role: choice.value as view.Role }));
      return h('div', { class: 'row-actions' }, choice, save);
    };

    const columns: Column<view.UserView>[] = [
      { label: 'Username', cell: (u) => h('span', { class: 'mono' }, u.username) },
      { label: 'Name', cell: (u) => u.displayName },
      { label: 'Role', cell: roleCell },
      { label: 'State', cell: (u) => (u.disabled ? badge('Disabled', 'disabled') : badge('Enabled', 'ok')) },
      { label: 'Last sign-in', cell: (u) => fmt.dateTime(u.lastSignInAt), className: 'nowrap' },
      { label: 'Added', cell: (u) => fmt.dateTime(u.createdAt), className: 'nowrap' },
      { label: '', cell: actions },
    ];
    put(
      section,
      h('h2', null, 'Users'),
      h(
        'p',
        { class: 'muted' },
        'A change of role, a new password or disabling a user ends their sessions at once. The last enabled administrator cannot be demoted or disabled.',
      ),
      add,
      status,
      h(
        'div',
        { class: 'table-wrap', id: 'users-table' },
        table(columns, users, {
          rowAttrs: (u) => ({
            'data-user-id': u.id,
            'data-username': u.username,
            class: u.disabled ? 'disabled' : null,
          }),
        }),
      ),
    );
  }

  // -------------------------------------------------------------------------------------------------
  // API tokens
  // -------------------------------------------------------------------------------------------------

  async function drawTokens(message?: HTMLElement): Promise<void> {
    const [tokens, users] = await Promise.all([
      get<view.TokenView[]>('/api/v1/tokens'),
      get<view.UserView[]>('/api/v1/users'),
    ]);
    const status = h('div', { class: 'status-slot', id: 'tokens-status' }, message ?? null);
    const now = new Date();

    const create = h('form', { class: 'inline-form panel', id: 'create-token' });
    const enabled = users.filter((u) => !u.disabled);
    put(
      create,
      field(
        'For user',
        select(
          'userId',
          enabled.map(
            (u) => [u.id, `${u.displayName} (${u.username}, ${view.ROLE_LABELS[u.role]})`] as const,
          ),
          me.user.id,
        ),
        'The token acts as this user, with their role',
      ),
      field(
        'Name',
        h('input', { name: 'name', required: true, maxlength: 80, placeholder: 'What it is for' }),
      ),
      field(
        'Expires in days',
        h('input', { name: 'expiresInDays', type: 'number', min: 1, max: 730, placeholder: 'never' }),
      ),
      h('button', { type: 'submit', class: 'primary' }, 'Create token'),
    );
    create.addEventListener('submit', (e) => {
      e.preventDefault();
      const fd = new FormData(create);
      const days = String(fd.get('expiresInDays') ?? '').trim();
      const body = {
        userId: String(fd.get('userId') ?? ''),
        name: String(fd.get('name') ?? '').trim(),
        ...(days ? { expiresInDays: Number(days) } : {}),
      };
      void busy(async () => {
        try {
          const t = await post<view.TokenView & { token: string }>('/api/v1/tokens', body);
          await drawTokens(shownOnce(t, view.tokenOwner(t, users)));
        } catch (err) {
          put(status, errorView(err));
        }
      });
    });

    const revokeCell = (t: view.TokenView): HTMLElement => {
      const cell = h('div', { class: 'row-actions' });
      if (t.revoked) return cell;
      const ask = () =>
        put(
          cell,
          h('span', null, `Revoke “${t.name}”?`),
          h('button', { type: 'button', class: 'danger confirm-revoke', onclick: revoke }, 'Yes, revoke'),
          h('button', { type: 'button', onclick: normal }, 'Cancel'),
        );
      const normal = () =>
        put(cell, h('button', { type: 'button', class: 'danger revoke', onclick: ask }, 'Revoke'));
      function revoke(): void {
        void busy(async () => {
          try {
            await post(`/api/v1/tokens/${t.id}/revoke`);
            await drawTokens(
              notice('ok', `Token “${t.name}” of ${view.tokenOwner(t, users)} revoked: it no longer works.`),
            );
          } catch (err) {
            put(status, errorView(err));
          }
        });
      }
      normal();
      return cell;
    };

    const columns: Column<view.TokenView>[] = [
      { label: 'Name', cell: (t) => t.name },
      { label: 'User', cell: (t) => h('span', { class: 'mono' }, view.tokenOwner(t, users)) },
      { label: 'Starts with', cell: (t) => h('span', { class: 'mono' }, `${t.prefix}…`) },
      { label: 'Created', cell: (t) => fmt.dateTime(t.createdAt), className: 'nowrap' },
      {
        label: 'Expires',
        cell: (t) => (t.expiresAt ? fmt.dateTime(t.expiresAt) : 'never'),
        className: 'nowrap',
      },
      { label: 'Last used', cell: (t) => fmt.dateTime(t.lastUsedAt), className: 'nowrap' },
      {
        label: 'State',
        cell: (t) => {
          const s = view.tokenState(t, now);
          return badge(fmt.label(s), s);
        },
      },
      { label: '', cell: revokeCell },
    ];
    put(
      section,
      h('h2', null, 'API tokens'),
      h(
        'p',
        { class: 'muted' },
        'A token lets a script call the API as its user (header Authorization: Bearer …). Only a digest is stored: the token is shown once, when it is created.',
      ),
      create,
      status,
      h(
        'div',
        { class: 'table-wrap', id: 'tokens-table' },
        table(columns, tokens, {
          empty: 'No API tokens yet.',
          rowAttrs: (t) => ({ 'data-token-id': t.id, 'data-token-name': t.name }),
        }),
      ),
    );
  }

  /** The new token, shown this once, with a copy button and how to use it. */
  function shownOnce(t: view.TokenView & { token: string }, owner: string): HTMLElement {
    const secret = h('code', { class: 'secret', id: 'new-token' }, t.token);
    const copied = h('span', { class: 'muted', 'aria-live': 'polite' });
    const copy = h('button', { type: 'button', id: 'copy-token' }, 'Copy');
    copy.addEventListener('click', () => {
      const selectIt = () => {
        const range = document.createRange();
        range.selectNodeContents(secret);
        const sel = window.getSelection();
        sel?.removeAllRanges();
        sel?.addRange(range);
        copied.textContent = 'Selected: press Ctrl+C (⌘C) to copy.';
      };
      if (!navigator.clipboard) return selectIt();
      navigator.clipboard.writeText(t.token).then(() => (copied.textContent = 'Copied.'), selectIt);
    });
    return h(
      'div',
      { class: 'notice ok token-once', role: 'status' },
      h('strong', null, `Token “${t.name}” created for ${owner}.`),
      ' Copy it now: it is not shown again.',
      secret,
      h('div', { class: 'row-actions' }, copy, copied),
      h('small', null, 'Use it as: ', h('code', null, view.tokenUsage(`${t.prefix}…`, location.origin))),
    );
  }

  // -------------------------------------------------------------------------------------------------
  // Audit log
  // -------------------------------------------------------------------------------------------------

  async function drawAudit(): Promise<void> {
    const form = h('form', { class: 'filters', id: 'audit-filters' });
    const control = {
      from: h('input', { name: 'from', type: 'date', value: filters.from }),
      to: h('input', { name: 'to', type: 'date', value: filters.to }),
      actor: h('input', {
        name: 'actor',
        value: filters.actor,
        placeholder: 'username',
        list: 'audit-actors',
        maxlength: 120,
      }),
      action: h('input', {
        name: 'action',
        value: filters.action,
        placeholder: 'e.g. claim.view',
        list: 'audit-actions',
        maxlength: 400,
      }),
      targetType: h('input', {
        name: 'targetType',
        value: filters.targetType,
        placeholder: 'claim, user, token…',
        maxlength: 32,
      }),
      targetId: h('input', { name: 'targetId', value: filters.targetId, maxlength: 80 }),
    };
    const problem = h('div', { class: 'status-slot', id: 'audit-problem' });
    const csv = h(
      'a',
      {
        class: 'button',
        id: 'audit-csv',
        href: view.auditCsvUrl(filters),
        download: '',
        title: 'The filtered log as CSV, newest first (up to 10,000 events; the export is audited)',
      },
      'Export CSV',
    );
    put(
      form,
      field('From day', control.from),
      field('To day', control.to),
      field('Actor', control.actor),
      field('Action', control.action, 'Comma-separated for several'),
      field('Target type', control.targetType),
      field('Target id', control.targetId),
      h('button', { type: 'submit', class: 'primary' }, 'Apply'),
      h('a', { class: 'button', href: view.tabUrl('audit') }, 'Clear'),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const fd = new FormData(form);
      const next: Record<string, string> = { tab: 'audit' };
      for (const k of Object.keys(control)) next[k] = String(fd.get(k) ?? '').trim();
      const f = readFilters(new URLSearchParams(next), view.ADMIN_SPEC);
      const bad = view.auditFilterProblem(f);
      if (bad) return put(problem, notice('error', bad));
      // A value the API would refuse is dropped by readFilters: say so instead of ignoring it.
      const dropped = Object.keys(control).filter((k) => next[k] && !f[k as keyof view.AdminFilters]);
      if (dropped.length)
        return put(problem, notice('error', `Not a valid filter value: ${dropped.join(', ')}.`));
      go(f);
    });

    const users = await get<view.UserView[]>('/api/v1/users').catch(() => [] as view.UserView[]);
    const page = await get<view.Page<view.AuditEvent>>('/api/v1/audit', view.auditQuery(filters));

    const columns: Column<view.AuditEvent>[] = [
      { label: 'When', cell: (e) => h('time', { datetime: e.at }, fmt.dateTime(e.at)), className: 'nowrap' },
      {
        label: 'Actor',
        cell: (e) => [
          h('span', { class: 'mono' }, e.actorName),
          e.actorRole ? [' ', badge(e.actorRole, 'role')] : null,
        ],
      },
      { label: 'Via', cell: (e) => e.via },
      { label: 'Action', cell: (e) => h('span', { class: 'mono' }, e.action) },
      {
        label: 'Target',
        cell: (e) => {
          if (!e.targetType && !e.targetId) return '—';
          const href = view.targetHref(e);
          const id = e.targetId ?? '';
          return [
            e.targetType ?? '',
            ' ',
            href ? h('a', { href, class: 'mono' }, id) : h('span', { class: 'mono' }, id),
          ];
        },
      },
      { label: 'Outcome', cell: (e) => badge(e.outcome, e.outcome === 'ok' ? 'ok' : e.outcome) },
      { label: 'Detail', cell: (e) => h('span', { class: 'audit-detail' }, view.detailText(e.detail)) },
      { label: 'From', cell: (e) => h('span', { class: 'mono', title: e.userAgent ?? '' }, e.ip ?? '—') },
    ];
    put(
      section,
      h('div', { class: 'actions' }, h('h2', null, 'Audit log'), h('span', { class: 'spacer' }), csv),
      h(
        'p',
        { class: 'muted' },
        'Who looked at which claim, who changed what and who exported what, newest first. Reading this log is recorded too.',
      ),
      form,
      h(
        'datalist',
        { id: 'audit-actions' },
        view.AUDIT_ACTIONS.map((a) => h('option', { value: a })),
      ),
      h(
        'datalist',
        { id: 'audit-actors' },
        users.map((u) => h('option', { value: u.username })),
      ),
      problem,
      h(
        'div',
        { class: 'table-wrap', id: 'audit-table' },
        table(columns, page.items, {
          empty: 'No events match these filters.',
          rowAttrs: (e) => ({ 'data-audit-id': String(e.id), 'data-action': e.action }),
        }),
      ),
      h(
        'div',
        { class: 'pager' },
        filters.cursor
          ? h('a', { class: 'button', href: view.adminUrl({ ...filters, cursor: '' }) }, 'Newest')
          : null,
        h(
          'span',
          { class: 'muted', id: 'audit-count' },
          `${fmt.count(page.items.length)} event${page.items.length === 1 ? '' : 's'} on this page`,
        ),
        page.nextCursor
          ? h(
              'button',
              {
                type: 'button',
                id: 'audit-older',
                onclick: () => go({ ...filters, cursor: page.nextCursor ?? '' }),
              },
              'Older events',
            )
          : null,
      ),
    );
  }

  // -------------------------------------------------------------------------------------------------
  // Job runs
  // -------------------------------------------------------------------------------------------------

  async function drawJobs(): Promise<void> {
    const form = h('form', { class: 'filters', id: 'job-filters' });
    put(
      form,
      field(
        'Job',
        h('input', { name: 'job', value: filters.job, placeholder: 'any', pattern: '[a-z][a-z0-9-]{0,47}' }),
      ),
      field(
        'Status',
        select(
          'status',
          [['', 'Any'], ...view.JOB_STATUSES.map((s) => [s, fmt.label(s)] as const)],
          filters.status,
        ),
      ),
      h('button', { type: 'submit', class: 'primary' }, 'Apply'),
      h('a', { class: 'button', href: view.tabUrl('jobs') }, 'Clear'),
    );
    const apply = () => {
      const fd = new FormData(form);
      go(
        readFilters(
          new URLSearchParams({
            tab: 'jobs',
            job: String(fd.get('job') ?? '').trim(),
            status: String(fd.get('status') ?? ''),
          }),
          view.ADMIN_SPEC,
        ),
      );
    };
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      apply();
    });
    form.addEventListener('change', (e) => {
      if (e.target instanceof HTMLSelectElement) apply();
    });

    const [page, schedules] = await Promise.all([
      get<view.Page<view.JobRun>>('/api/v1/jobs', view.jobsQuery(filters)),
      get<view.JobSchedule[]>('/api/v1/jobs/schedules'),
    ]);
    const runNow = async (job: string, button: HTMLButtonElement) => {
      button.disabled = true;
      try {
        await post(`/api/v1/jobs/${encodeURIComponent(job)}/run`);
        put(status, notice('info', `${job} started: its run appears below when it ends (reload to see it).`));
      } catch (err) {
        put(status, errorView(err));
      } finally {
        button.disabled = false;
      }
    };
    const status = h('div', { id: 'job-run-status', role: 'status' });
    const scheduleColumns: Column<view.JobSchedule>[] = [
      { label: 'Job', cell: (j) => h('span', { class: 'mono' }, j.name) },
      { label: 'What it does', cell: (j) => j.description },
      {
        label: 'Schedule',
        cell: (j) => (j.schedule === null ? badge('Off', 'off') : h('span', { class: 'mono' }, j.schedule)),
      },
      {
        label: 'Next run',
        cell: (j) => (j.nextRunAt ? fmt.dateTime(j.nextRunAt) : '—'),
        className: 'nowrap',
      },
      {
        label: 'Last run',
        cell: (j) =>
          j.lastRun
            ? h(
                'span',
                null,
                badge(fmt.label(j.lastRun.status), j.lastRun.status),
                ' ',
                fmt.dateTime(j.lastRun.startedAt),
              )
            : 'never',
      },
      {
        label: '',
        cell: (j) => {
          const button = h(
            'button',
            { type: 'button', 'data-run-job': j.name },
            'Run now',
          ) as HTMLButtonElement;
          button.addEventListener('click', () => void runNow(j.name, button));
          return button;
        },
      },
    ];
    const filtered = Boolean(filters.job || filters.status || filters.cursor);
    const columns: Column<view.JobRun>[] = [
      { label: 'Job', cell: (r) => h('span', { class: 'mono' }, r.job) },
      { label: 'Started', cell: (r) => fmt.dateTime(r.startedAt), className: 'nowrap' },
      { label: 'Took', cell: (r) => view.duration(r.startedAt, r.finishedAt), className: 'num' },
      { label: 'Status', cell: (r) => badge(fmt.label(r.status), r.status) },
      { label: 'Counts', cell: (r) => view.countsText(r.counts) },
      { label: 'Error', cell: (r) => (r.error ? h('span', { class: 'audit-detail' }, r.error) : '—') },
      { label: 'Instance', cell: (r) => h('span', { class: 'mono' }, r.instance ?? '—') },
    ];
    put(
      section,
      h('h2', null, 'Scheduled jobs'),
      h(
        'p',
        { class: 'muted' },
        `Schedules in ${schedules[0]?.timeZone ?? 'UTC'} (JOB_<NAME>_CRON, JOB_TIMEZONE). A job runs on one instance at a time; Run now starts it in the background.`,
      ),
      h(
        'div',
        { class: 'table-wrap', id: 'job-schedules' },
        table(scheduleColumns, schedules, { empty: 'No jobs.' }),
      ),
      status,
      h('h2', null, 'Scheduled job runs'),
      h(
        'p',
        { class: 'muted' },
        'Each run of a scheduled job (inbox, re-evaluation, deadlines, digests, retention), newest first, with what it did and why it failed.',
      ),
      form,
      page.items.length === 0 && !filtered
        ? notice(
            'info',
            'No job runs yet. When the scheduler runs jobs, each run is listed here with its counts and any error.',
          )
        : h(
            'div',
            { class: 'table-wrap', id: 'jobs-table' },
            table(columns, page.items, {
              empty: 'No job runs match these filters.',
              rowAttrs: (r) => ({ 'data-job-run': r.id, 'data-status': r.status }),
            }),
          ),
      h(
        'div',
        { class: 'pager' },
        filters.cursor
          ? h('a', { class: 'button', href: view.adminUrl({ ...filters, cursor: '' }) }, 'Newest')
          : null,
        page.nextCursor
          ? h(
              'button',
              { type: 'button', onclick: () => go({ ...filters, cursor: page.nextCursor ?? '' }) },
              'Older runs',
            )
          : null,
      ),
    );
  }

  put(root, h('h1', null, 'Administration'), tabs, section);
  await draw();
});
