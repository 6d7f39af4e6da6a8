/**
 * What a tab keeps for its signed-in user in `sessionStorage`: text being written (a note, an
 * override or revoke reason, a coding-gap comment) until it is saved, so a session that ends
 * mid-edit loses nothing after signing in again, and the worklist's last filters for the claim
 * page's way back. All of it belongs to one user: signing out drops it, and so does another user
 * signing in on the same tab (a shared workstation).
 *
 * Pure apart from the storage it is given (any `Storage`-like object), so it is tested without a
 * browser. A storage that throws (full, or disabled by the browser) only means nothing is kept.
 */

/** The part of the Web Storage API used here (`sessionStorage` is one). */
export interface DraftStorage {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Every key this app keeps in the tab starts with this: what sign-out removes. */
const APP_PREFIX = 'claimguard:';
const DRAFT_PREFIX = `${APP_PREFIX}draft:`;
/** The username the kept drafts belong to. */
const OWNER_KEY = `${APP_PREFIX}drafts-owner`;
const WORKLIST_KEY = `${APP_PREFIX}worklist-search`;

/**
 * The key of one draft: the page, then what it is about, e.g. `draftKey('claim', claimId, 'note')`
 * or `draftKey('coding', claimId, 'gap', gapKey, 'comment')`. Each part is URI-encoded, so an id
 * holding `:` cannot be mistaken for another draft's key.
 */
export function draftKey(page: string, ...parts: readonly string[]): string {
  return DRAFT_PREFIX + [page, ...parts].map(encodeURIComponent).join(':');
}

/** The tab's `sessionStorage`, or null where the browser refuses it. */
export function tabStorage(): DraftStorage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}

function keysOf(storage: DraftStorage, prefix: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const k = storage.key(i);
    if (k !== null && k.startsWith(prefix)) out.push(k);
  }
  return out;
}

/** Removes every draft (and everything else this app kept in the tab): on sign-out. */
export function clearDrafts(storage: DraftStorage | null): void {
  if (!storage) return;
  try {
    // Collected first: removing while walking the keys would skip some.
    for (const k of keysOf(storage, APP_PREFIX)) storage.removeItem(k);
  } catch {
    // Nothing more can be done about a storage that refuses.
  }
}

/**
 * Makes the kept drafts `username`'s: drafts written by another user in this tab are dropped
 * (a different user signed in after a session ended), the same user's are kept. Run on sign-in
 * and before a signed-in page draws.
 */
export function adoptDrafts(storage: DraftStorage | null, username: string): void {
  if (!storage) return;
  try {
    if (storage.getItem(OWNER_KEY) === username) return;
    clearDrafts(storage);
    storage.setItem(OWNER_KEY, username);
  } catch {
    // A storage that refuses keeps nothing, so there is nothing to leak either.
  }
}

/** A text field that can keep its value as a draft. */
export interface DraftField {
  value: string;
  addEventListener(type: 'input', listener: () => void): void;
}

/** The drafts of the tab: read, write (an empty text removes the draft), remove once saved. */
export class Drafts {
  constructor(private readonly storage: DraftStorage | null) {}

  /** The draft under `key`, or '' when there is none. */
  get(key: string): string {
    try {
      return this.storage?.getItem(key) ?? '';
    } catch {
      return '';
    }
  }

  has(key: string): boolean {
    return this.get(key) !== '';
  }

  set(key: string, text: string): void {
    if (!this.storage) return;
    try {
      if (text.trim() === '') this.storage.removeItem(key);
      else this.storage.setItem(key, text);
    } catch {
      // Full or refused: the text stays in the field, only the safety net is gone.
    }
  }

  /** Removes the draft: it was saved, or the form was cancelled. */
  remove(key: string): void {
    try {
      this.storage?.removeItem(key);
    } catch {
      // See set().
    }
  }

  /** Fills `field` with its draft and keeps every change; returns `field`. */
  bind<F extends DraftField>(field: F, key: string): F {
    const kept = this.get(key);
    if (kept !== '') field.value = kept;
    field.addEventListener('input', () => this.set(key, field.value));
    return field;
  }
}

/** Keeps the worklist's filters (its query string, without the page cursor) for the way back to it. */
export function rememberWorklistSearch(storage: DraftStorage | null, search: string): void {
  if (!storage) return;
  try {
    storage.setItem(WORKLIST_KEY, search);
  } catch {
    // The way back then shows the default view.
  }
}

/**
 * The link back to the worklist: always this site's `/worklist`, with the last filters kept in the
 * tab. The kept value is only ever used as a query string (parsed and written again), so whatever
 * it holds cannot point anywhere else.
 */
export function worklistHref(storage: DraftStorage | null): string {
  let kept: string | null;
  try {
    kept = storage?.getItem(WORKLIST_KEY) ?? null;
  } catch {
    kept = null;
  }
  const query = kept ? new URLSearchParams(kept).toString() : '';
  return query ? `/worklist?${query}` : '/worklist';
}
