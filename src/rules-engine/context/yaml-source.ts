/** Reading YAML with positions, for loaders that name `file:line: path: message` in their errors. */
import {
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type Node,
} from 'yaml';

export interface YamlSource {
  /** The plain value (null for an empty document). */
  value: unknown;
  /** Problems of the text itself (not valid YAML, duplicate keys), as `file:line: message`. */
  errors: string[];
  /** The 1-based line of the node at `path` (the closest existing ancestor when it does not exist). */
  lineAt(path: readonly PropertyKey[], key?: string): number;
}

export function readYaml(text: string, fileName: string): YamlSource {
  const counter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const lineOf = (offset: number | undefined): number =>
    offset === undefined ? 1 : counter.linePos(offset).line;
  const errors = doc.errors.map(
    (e) => `${fileName}:${lineOf(e.pos[0])}: not valid YAML: ${e.message.split('\n')[0]}`,
  );
  return {
    value: errors.length ? null : doc.toJS(),
    errors,
    lineAt(path, key) {
      let node: unknown = doc.contents;
      let line = lineOf((node as Node | null)?.range?.[0]);
      const steps = key === undefined ? [...path] : [...path, key];
      for (const step of steps) {
        let next: unknown = undefined;
        if (isMap(node)) {
          const pair = node.items.find(
            (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(step),
          );
          if (pair) {
            // The key's line for a missing/odd value; the value's line otherwise.
            line = lineOf((pair.key as Node).range?.[0]);
            next = pair.value;
          }
        } else if (isSeq(node) && typeof step === 'number') next = node.items[step];
        if (next === undefined) break;
        node = next;
        if (isNode(node) && node.range) line = lineOf(node.range[0]);
      }
      return line;
    },
  };
}

/** A schema problem as zod reports it (the fields the formatter reads). */
interface SchemaIssue {
  code: string;
  path: PropertyKey[];
  message: string;
  keys?: string[];
}

/**
 * A schema's problems with a YAML file as `file:line: path: message`, one per unknown key (named by
 * `unknownKey`, given the parent path; default "unknown field") and one per other problem.
 */
export function schemaProblems(
  source: YamlSource,
  fileName: string,
  issues: readonly SchemaIssue[],
  unknownKey: (parent: string[]) => string = () => 'unknown field',
): string[] {
  const out: string[] = [];
  for (const issue of issues) {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys ?? [])
        out.push(
          `${fileName}:${source.lineAt(issue.path, key)}: ${[...path, key].join('.')}: ${unknownKey(path)}`,
        );
    } else {
      out.push(`${fileName}:${source.lineAt(issue.path)}: ${path.join('.') || '(file)'}: ${issue.message}`);
    }
  }
  return out;
}
