/** What every signed-in page does: the sign-out button, the user, and showing a failure. */
import { ApiError, type Me, me, post } from './api.js';
import { app, type Child, notice, put } from './dom.js';
import { adoptDrafts, clearDrafts, tabStorage } from './drafts.js';

/** The message of any failure, with a 400's problems listed. */
export function errorView(e: unknown): HTMLElement {
  if (e instanceof ApiError) {
    return notice('error', e.message, e.problems.length > 1 ? problemList(e.problems) : null);
  }
  return notice('error', e instanceof Error ? e.message : String(e));
}

function problemList(problems: readonly string[]): Child {
  const ul = document.createElement('ul');
  for (const p of problems) {
    const li = document.createElement('li');
    li.textContent = p;
    ul.appendChild(li);
  }
  return ul;
}

function wireSignOut(): void {
  document.getElementById('sign-out')?.addEventListener('click', () => {
    // Before anything else (even when the server cannot be reached): the next person at this
    // workstation must not find this user's unsaved text.
    clearDrafts(tabStorage());
    post('/api/v1/auth/sign-out')
      .catch(() => undefined)
      .finally(() => location.assign('/sign-in'));
  });
}

/**
 * Starts a signed-in page: wires the header, asks who is signed in (a 401 goes to the sign-in page),
 * drops drafts kept in the tab for another user, then draws into `<main id="app">`; a failure is shown there instead of a blank page.
 */
export function startPage(draw: (root: HTMLElement, me: Me) => Promise<void> | void): void {
  wireSignOut();
  const root = app();
  me()
    .then(async (m) => {
      // Drafts another user left in this tab are dropped before anything can show them.
      adoptDrafts(tabStorage(), m.user.username);
      await draw(root, m);
      document.body.dataset['ready'] = 'true';
    })
    .catch((e: unknown) => {
      if (e instanceof ApiError && e.status === 401) return;
      put(root, errorView(e));
      document.body.dataset['ready'] = 'error';
    });
}
