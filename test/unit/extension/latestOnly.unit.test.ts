// Overlapping tree refreshes: only the one started last may draw (see LevelsTreeDataProvider).
import * as assert from 'assert/strict';
import { LatestOnly } from '../../../src/extension/util/latestOnly';

describe('LatestOnly', () => {
  it('keeps the answer of the refresh started last, even when an older one finishes after it started', async () => {
    const refreshes = new LatestOnly();
    const drawn: string[] = [];
    const run = async (rows: string, ms: number) => {
      const isLatest = refreshes.begin();
      await new Promise((r) => setTimeout(r, ms));
      if (isLatest()) drawn.push(rows);
    };
    // The older discovery (before the container started) ends first; the newer one sees the container.
    await Promise.all([run('no container', 5), run('1 running', 20)]);
    assert.deepEqual(drawn, ['1 running']);
  });

  it('lets a lone refresh draw, and each of refreshes that do not overlap', () => {
    const refreshes = new LatestOnly();
    const first = refreshes.begin();
    assert.equal(first(), true);
    const second = refreshes.begin();
    assert.equal(second(), true);
    assert.equal(first(), false);
  });
});
