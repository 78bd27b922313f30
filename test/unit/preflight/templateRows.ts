// Shared by the per-template tests: one row per message template (id, a line built from the format
// string, where the template comes from), each checked to put its id among the first two findings.
import * as assert from 'node:assert/strict';
import { classify } from '../../../src/engine/preflight';

export type Row = [id: string, line: string, source: string];

export const ids = (text: string): string[] => classify(text).map((f) => f.id);

/** The severity of finding `id` for a text, or undefined when it is not found. */
export const severityOf = (text: string, id: string): string | undefined => classify(text).find((f) => f.id === id)?.severity;

/** The severity a rule (not the fallback model's guess) gives finding `id` for a text, or undefined when none does. */
export const ruleSeverityOf = (text: string, id: string): string | undefined =>
  classify(text).find((f) => f.id === id && f.confidence === undefined)?.severity;

/** Does a rule (not the fallback model's guess, which carries a confidence) raise finding `id` for a text? */
export const ruleRaises = (text: string, id: string): boolean => classify(text).some((f) => f.id === id && f.confidence === undefined);

export function describeTemplates(title: string, rows: readonly Row[]): void {
  describe(title, () => {
    for (const [id, line, source] of rows) {
      it(`${id} ← ${source}`, () => {
        const got = ids(line);
        assert.ok(got.slice(0, 2).includes(id), `got [${got.join(', ')}]`);
      });
    }
  });
}

/** As describeTemplates, but the id must come from a rule: the fallback model, retrained on the samples a round read, would pass a row alone. */
export function describeRuleTemplates(title: string, rows: readonly Row[]): void {
  describe(title, () => {
    for (const [id, line, source] of rows) {
      it(`${id} ← ${source}`, () => {
        assert.ok(ruleRaises(line, id), `no rule raised ${id}`);
        const got = ids(line);
        assert.ok(got.slice(0, 2).includes(id), `got [${got.join(', ')}]`);
      });
    }
  });
}

/** Lines (with what they are) that must raise no warning or error. */
export function describeQuiet(title: string, rows: readonly [line: string, what: string][]): void {
  describe(title, () => {
    for (const [line, what] of rows) {
      it(what, () => {
        const loud = classify(line).filter((f) => f.severity !== 'info');
        assert.deepEqual(loud.map((f) => f.id), []);
      });
    }
  });
}
