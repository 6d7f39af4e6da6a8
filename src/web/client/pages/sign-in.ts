// Sign-in: username and password; back to `next` (the page that sent the user here) on success.
import { app, field, h, notice, put } from '../dom.js';
import { adoptDrafts, tabStorage } from '../drafts.js';
import { safeNext } from '../url-state.js';

const next = safeNext(new URLSearchParams(location.search).get('next'));

function throttleMessage(res: Response, body: { message?: string }): string {
  const after = Number(res.headers.get('Retry-After'));
  const wait =
    Number.isFinite(after) && after > 0
      ? ` Try again in ${after >= 120 ? `${Math.ceil(after / 60)} minutes` : `${after} seconds`}.`
      : ' Try again later.';
  return `${body.message ?? 'Too many sign-in attempts.'}${wait}`;
}

function draw(root: HTMLElement): void {
  const status = h('div', { class: 'status-slot', 'aria-live': 'polite' });
  const username = h('input', {
    name: 'username',
    autocomplete: 'username',
    required: true,
    autofocus: true,
  });
  const password = h('input', {
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Sign in');
  const form = h(
    'form',
    { class: 'sign-in', novalidate: false },
    h('h1', null, 'Sign in to claimguard'),
    status,
    field('Username', username),
    field('Password', password),
    submit,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    submit.disabled = true;
    put(status);
    fetch('/api/v1/auth/sign-in', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ username: username.value.trim(), password: password.value }),
      credentials: 'same-origin',
    })
      .then(async (res) => {
        const body = (await res.json().catch(() => ({}))) as {
          message?: string;
          user?: { username?: unknown };
        };
        if (res.ok) {
          // Drafts of whoever used this tab before are dropped; the same user gets theirs back.
          if (typeof body.user?.username === 'string') adoptDrafts(tabStorage(), body.user.username);
          location.assign(next);
          return;
        }
        password.value = '';
        if (res.status === 429) put(status, notice('error', throttleMessage(res, body)));
        else if (res.status === 401)
          put(status, notice('error', body.message ?? 'Wrong username or password.'));
        else put(status, notice('error', body.message ?? `Sign-in failed (${res.status}).`));
        submit.disabled = false;
        password.focus();
      })
      .catch(() => {
        put(status, notice('error', 'No answer from the server; check the connection and try again.'));
        submit.disabled = false;
      });
  });
  put(root, form);
  document.body.dataset['ready'] = 'true';
}

// Already signed in (a bookmark to /sign-in, the back button): go on.
fetch('/api/v1/auth/me', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
  .then((res) => {
    if (res.ok) location.assign(next);
    else draw(app());
  })
  .catch(() => draw(app()));
