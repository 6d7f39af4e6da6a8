/**
 * Building the page from data without innerHTML: every value goes in as text (textContent), so a
 * patient name or a payer message can never become markup.
 */

export type Child = Node | string | number | null | undefined | false | readonly Child[];
type AttrValue = string | number | boolean | null | undefined;
type Listener = (e: Event) => void;
export type Attrs = Readonly<Record<string, AttrValue | Listener>>;

function append(parent: Node, child: Child): void {
  if (child === null || child === undefined || child === false) return;
  if (Array.isArray(child)) {
    for (const c of child as readonly Child[]) append(parent, c);
  } else if (child instanceof Node) {
    parent.appendChild(child);
  } else {
    parent.appendChild(document.createTextNode(String(child)));
  }
}

/**
 * An element: `h('a', {href: url, class: 'x', onclick: fn}, 'text', child)`. `on…` functions become
 * listeners; `value`, `checked`, `disabled`, `selected` are set as properties; false/null attributes are
 * left out.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs | null = null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (typeof v === 'function') {
      el.addEventListener(k.slice(2).toLowerCase(), v);
    } else if (k === 'value' || k === 'checked' || k === 'disabled' || k === 'selected') {
      (el as unknown as Record<string, unknown>)[k] = k === 'value' ? String(v ?? '') : Boolean(v);
    } else if (v === true) {
      el.setAttribute(k, '');
    } else if (v !== false && v !== null && v !== undefined) {
      el.setAttribute(k, String(v));
    }
  }
  for (const c of children) append(el, c);
  return el;
}

/** Replaces an element's content. */
export function put(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  for (const c of children) append(el, c);
}

/** The page's `<main id="app">`. */
export function app(): HTMLElement {
  const el = document.getElementById('app');
  if (!el) throw new Error('the page has no <main id="app">');
  return el;
}

/** A table column: its header and how to draw a row's cell. */
export interface Column<T> {
  label: string;
  cell: (row: T) => Child;
  /** `num` right-aligns amounts and counts. */
  className?: string;
}

/** A table of rows; `empty` is shown in one cell when there are none. */
export function table<T>(
  columns: readonly Column<T>[],
  rows: readonly T[],
  o: { empty?: string; caption?: string; className?: string; rowAttrs?: (row: T) => Attrs } = {},
): HTMLTableElement {
  return h(
    'table',
    { class: o.className ?? 'grid' },
    o.caption ? h('caption', null, o.caption) : null,
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        columns.map((c) => h('th', { scope: 'col', class: c.className }, c.label)),
      ),
    ),
    h(
      'tbody',
      null,
      rows.length === 0
        ? h('tr', null, h('td', { colspan: columns.length, class: 'empty' }, o.empty ?? 'Nothing to show.'))
        : rows.map((r) =>
            h(
              'tr',
              o.rowAttrs?.(r) ?? null,
              columns.map((c) => h('td', { class: c.className }, c.cell(r))),
            ),
          ),
    ),
  );
}

/** A message box: `error` for failures (role=alert), `info`, `ok`. */
export function notice(kind: 'error' | 'info' | 'ok', ...children: Child[]): HTMLElement {
  return h('div', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, ...children);
}

/** A labelled form field around a control. */
export function field(labelText: string, control: HTMLElement, hint?: string): HTMLLabelElement {
  return h(
    'label',
    { class: 'field' },
    h('span', { class: 'label' }, labelText),
    control,
    hint ? h('small', null, hint) : null,
  );
}

/** A `<select>` of `[value, label]` options with `selected` chosen. */
export function select(
  name: string,
  options: readonly (readonly [string, string])[],
  selected: string,
  attrs: Attrs = {},
): HTMLSelectElement {
  return h(
    'select',
    { name, ...attrs },
    options.map(([v, l]) => h('option', { value: v, selected: v === selected }, l)),
  );
}

/** A small label with a class: severity, status. */
export function badge(text: string, kind: string): HTMLSpanElement {
  return h('span', { class: `badge ${kind}` }, text);
}
