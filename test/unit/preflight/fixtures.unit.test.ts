// Data-driven: every real-world excerpt under test/fixtures/preflight/<id>/ must be recognised as
// <id> (or its `# expect:` ids, in its `# expect-order:`), and healthy output must raise nothing.
import * as assert from 'node:assert/strict';
import { CATALOG, classify, CHECK_IDS, explainDenials } from '../../../src/engine/preflight';
import { classifiableIds } from '../../../src/engine/preflight/classify';
import { Fixture, loadFixtures } from './fixtureFiles';

const fixtures = loadFixtures();
const MIN_SAMPLES_PER_ID = 3;

describe('preflight fixtures (real-world samples)', () => {
  it('are found', () => {
    assert.ok(fixtures.length > 50, `only ${fixtures.length} fixtures found`);
  });

  it('live in folders named after a catalog id or "healthy"', () => {
    for (const fx of fixtures) {
      assert.ok(fx.folder === 'healthy' || fx.folder in CATALOG, `${fx.folder}/${fx.file}: unknown id`);
      for (const id of [...fx.expect, ...fx.expectOrder]) {
        assert.ok(id in CATALOG, `${fx.folder}/${fx.file}: expects unknown id ${id}`);
      }
    }
  });

  it('each name where they come from', () => {
    for (const fx of fixtures) {
      assert.match(fx.source, /^(https?:\/\/\S+|captured on .+)$/, `${fx.folder}/${fx.file}: missing or bad # source:`);
      assert.notEqual(fx.body.trim(), '', `${fx.folder}/${fx.file}: empty excerpt`);
    }
  });

  it(`give every id that text can reveal at least ${MIN_SAMPLES_PER_ID} samples`, () => {
    const thin = classifiableIds()
      .map((id) => [id, fixtures.filter((fx) => fx.folder === id).length] as const)
      .filter(([, n]) => n < MIN_SAMPLES_PER_ID);
    assert.deepEqual(thin, []);
  });

  it('cover every catalog id either by fixtures or as a facts-only check', () => {
    const factsOnly = CHECK_IDS.filter((id) => !classifiableIds().includes(id));
    assert.deepEqual([...factsOnly].sort(), ['nesting-depth', 'privileged-security']);
  });

  describe('each fixture', () => {
    for (const fx of fixtures.filter((f) => f.folder !== 'healthy')) {
      it(`${fx.folder}/${fx.file}`, () => checkFixture(fx));
    }
  });

  describe('healthy output raises no error or warning', () => {
    for (const fx of fixtures.filter((f) => f.folder === 'healthy')) {
      it(fx.file, () => {
        const loud = classify(fx.body).filter((f) => f.severity !== 'info');
        assert.deepEqual(loud.map((f) => `${f.id}: ${f.evidence}`), []);
      });
    }
  });
});

function checkFixture(fx: Fixture): void {
  const findings = fx.facts ? explainDenials(classify(fx.body), fx.body, fx.facts) : classify(fx.body);
  const ids = findings.map((f) => f.id);
  for (const id of fx.expect) {
    assert.ok(ids.includes(id), `expected ${id}, got [${ids.join(', ')}]`);
  }
  if (fx.expectOrder.length > 1) {
    const positions = fx.expectOrder.map((id) => ids.indexOf(id));
    assert.deepEqual([...positions].sort((a, b) => a - b), positions, `order [${ids.join(', ')}], wanted ${fx.expectOrder.join(' before ')}`);
  }
  if (fx.expectFirst) {
    assert.equal(ids[0], fx.expectFirst);
  }
  const main = findings.find((f) => f.id === fx.expect[0])!;
  if (fx.expectSeverity) {
    assert.equal(main.severity, fx.expectSeverity);
  }
  // Evidence is a real line of the excerpt, trimmed.
  const lines = fx.body.split(/\r?\n/).map((l) => l.trim());
  for (const f of findings) {
    // A finding from facts quotes its line, then the facts that gave it its meaning.
    if (f.line === undefined && fx.facts) {
      assert.ok(lines.some((l) => l !== '' && f.evidence.startsWith(l)), `evidence does not start with a line of the excerpt: ${f.evidence}`);
      continue;
    }
    assert.ok(lines.includes(f.evidence), `evidence not a line of the excerpt: ${f.evidence}`);
    assert.equal(lines[f.line! - 1], f.evidence);
  }
}
