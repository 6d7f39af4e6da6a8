import * as sut from './drafts.js';

/** An in-memory Storage, in insertion order like the browser's. */
class MemoryStorage implements sut.DraftStorage {
  readonly data = new Map<string, string>();
  get length(): number {
    return this.data.size;
  }
  key(i: number): string | null {
    return [...this.data.keys()][i] ?? null;
  }
  getItem(k: string): string | null {
    return this.data.get(k) ?? null;
  }
  setItem(k: string, v: string): void {
    this.data.set(k, String(v));
  }
  removeItem(k: string): void {
    this.data.delete(k);
  }
}

/** A storage the browser refuses (full, disabled): every call throws. */
const refusing: sut.DraftStorage = {
  get length(): number {
    throw new Error('SecurityError');
  },
  key: () => {
    throw new Error('SecurityError');
  },
  getItem: () => {
    throw new Error('SecurityError');
  },
  setItem: () => {
    throw new Error('QuotaExceededError');
  },
  removeItem: () => {
    throw new Error('SecurityError');
  },
};

/** A text field as far as Drafts.bind uses it; `type()` is the user typing. */
function fakeField(value = '') {
  const listeners: (() => void)[] = [];
  return {
    value,
    addEventListener: (_type: 'input', fn: () => void) => listeners.push(fn),
    type(text: string) {
      this.value = text;
      for (const fn of listeners) fn();
    },
  };
}

describe('drafts', () => {
  it('keys a draft by page and what it is about, each part encoded', () => {
    expect(sut.draftKey('claim', 'C1', 'note')).toBe('claimguard:draft:claim:C1:note');
    expect(sut.draftKey('claim', 'C1', 'finding', 'F1', 'override')).not.toBe(
      sut.draftKey('claim', 'C1', 'finding', 'F1', 'revoke'),
    );
    // An id holding the separator cannot collide with another draft's key.
    expect(sut.draftKey('coding', 'a:b', 'gap', 'c')).not.toBe(sut.draftKey('coding', 'a', 'gap', 'b:c'));
    expect(sut.draftKey('coding', 'a:b')).toBe('claimguard:draft:coding:a%3Ab');
  });

  it('fills a field with its draft, keeps every change, and forgets it once removed', () => {
    const storage = new MemoryStorage();
    const drafts = new sut.Drafts(storage);
    const key = sut.draftKey('claim', 'C1', 'note');
    const field = drafts.bind(fakeField(), key);
    expect(field.value).toBe('');
    expect(drafts.has(key)).toBe(false);

    field.type('Called the payer');
    expect(storage.getItem(key)).toBe('Called the payer');

    // The page drawn again (after signing in again): the text comes back.
    const again = drafts.bind(fakeField(), key);
    expect(again.value).toBe('Called the payer');
    expect(drafts.has(key)).toBe(true);

    // Emptying the field drops the draft rather than keeping blanks.
    again.type('   ');
    expect(storage.getItem(key)).toBeNull();
    again.type('Saved text');
    drafts.remove(key);
    expect(drafts.get(key)).toBe('');
    expect(drafts.bind(fakeField('x'), key).value).toBe('x');
  });

  it('keeps the drafts of one field apart from another', () => {
    const drafts = new sut.Drafts(new MemoryStorage());
    const note = sut.draftKey('claim', 'C1', 'note');
    const reason = sut.draftKey('claim', 'C1', 'finding', 'F1', 'override');
    drafts.set(note, 'note text');
    drafts.set(reason, 'reason text');
    drafts.remove(note);
    expect(drafts.get(note)).toBe('');
    expect(drafts.get(reason)).toBe('reason text');
  });

  it('sign-out clears every draft and the worklist view, leaving other keys alone', () => {
    const storage = new MemoryStorage();
    const drafts = new sut.Drafts(storage);
    sut.adoptDrafts(storage, 'bea');
    for (let i = 0; i < 5; i++) drafts.set(sut.draftKey('claim', `C${i}`, 'note'), `note ${i}`);
    drafts.set(sut.draftKey('coding', 'C1', 'gap', 'G1', 'comment'), 'comment');
    sut.rememberWorklistSearch(storage, '?queue=denied');
    storage.setItem('claimguard:note:C9', 'a draft kept by an older version');
    storage.setItem('another-app', 'kept');

    sut.clearDrafts(storage);
    expect([...storage.data.keys()]).toEqual(['another-app']);
    expect(sut.worklistHref(storage)).toBe('/worklist');
  });

  it('keeps the drafts for the same user signing in again and drops another user’s', () => {
    const storage = new MemoryStorage();
    const drafts = new sut.Drafts(storage);
    const key = sut.draftKey('claim', 'C1', 'finding', 'F1', 'override');

    sut.adoptDrafts(storage, 'bea');
    drafts.set(key, 'Payer waived the requirement');
    sut.rememberWorklistSearch(storage, '?payerId=P1');

    // The session ended; Bea signs in again.
    sut.adoptDrafts(storage, 'bea');
    expect(drafts.get(key)).toBe('Payer waived the requirement');

    // Someone else signs in on the same tab.
    sut.adoptDrafts(storage, 'cody');
    expect(drafts.get(key)).toBe('');
    expect(sut.worklistHref(storage)).toBe('/worklist');

    // Drafts written before any owner was recorded are not trusted to be the user's either.
    const unowned = new MemoryStorage();
    new sut.Drafts(unowned).set(key, 'whose?');
    sut.adoptDrafts(unowned, 'bea');
    expect(new sut.Drafts(unowned).get(key)).toBe('');
  });

  it('links back to this site’s worklist with its last filters, whatever was kept', () => {
    const storage = new MemoryStorage();
    expect(sut.worklistHref(storage)).toBe('/worklist');
    expect(sut.worklistHref(null)).toBe('/worklist');
    sut.rememberWorklistSearch(storage, '?queue=denied&payerId=P+1&sort=deadline');
    expect(sut.worklistHref(storage)).toBe('/worklist?queue=denied&payerId=P+1&sort=deadline');
    sut.rememberWorklistSearch(storage, '');
    expect(sut.worklistHref(storage)).toBe('/worklist');

    for (const hostile of [
      'https://evil.example/worklist',
      '//evil.example/worklist',
      '/\\evil.example/worklist',
      '?a=1#/../../x',
      'javascript:alert(1)',
    ]) {
      sut.rememberWorklistSearch(storage, hostile);
      const href = sut.worklistHref(storage);
      const url = new URL(href, 'https://claimguard.test/claims/C1');
      expect(url.origin).toBe('https://claimguard.test');
      expect(url.pathname).toBe('/worklist');
      expect(url.hash).toBe('');
      expect(href.startsWith('/worklist')).toBe(true);
    }
  });

  it('does nothing, and does not throw, without a usable storage', () => {
    for (const storage of [null, refusing]) {
      const drafts = new sut.Drafts(storage);
      const key = sut.draftKey('claim', 'C1', 'note');
      expect(() => drafts.set(key, 'text')).not.toThrow();
      expect(drafts.get(key)).toBe('');
      expect(() => drafts.remove(key)).not.toThrow();
      expect(drafts.bind(fakeField('typed'), key).value).toBe('typed');
      expect(() => sut.adoptDrafts(storage, 'bea')).not.toThrow();
      expect(() => sut.clearDrafts(storage)).not.toThrow();
      expect(() => sut.rememberWorklistSearch(storage, '?q=1')).not.toThrow();
      expect(sut.worklistHref(storage)).toBe('/worklist');
    }
  });
});
