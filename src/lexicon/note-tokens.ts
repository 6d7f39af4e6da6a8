/**
 * Word tokens of a clinical note, shared by the lexicon (to read its context words) and the matcher
 * (to read notes), so that both split text the same way.
 *
 * A token is a run of letters or a run of digits; everything else separates tokens. Letters and digits
 * also separate from each other: `4mg` is `4` + `mg`, `SpO2` is `spo` + `2`, `h/o` is `h` + `o`. The
 * token text is lower case; `start`/`end` index the original string (UTF-16 offsets, end exclusive).
 */
export interface NoteToken {
  text: string;
  start: number;
  end: number;
}

const TOKEN = /\p{L}+|\p{N}+/gu;

export function noteTokens(text: string): NoteToken[] {
  const tokens: NoteToken[] = [];
  for (const m of text.matchAll(TOKEN)) {
    tokens.push({ text: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length });
  }
  return tokens;
}

/** The lower-case tokens of a word or phrase (`ST elevation` -> `st`, `elevation`). */
export function phraseTokens(phrase: string): string[] {
  return noteTokens(phrase).map((t) => t.text);
}
