// The kernel key quota of a level's root: /proc/key-users parsed, and the keyring-quota check over it.
import * as assert from 'node:assert/strict';
import { runChecks } from '../../../src/engine/preflight';
import { parseKeyUsers } from '../../../src/engine/preflight/facts';

// Real rows: the host's root (dockerd raised root_maxkeys), the overflow uid, and a level's root in a user namespace.
const KEY_USERS = ['    0:     9 8/8 3/1000000 48/25000000', '65534:     2 2/2 2/200 30/20000'].join('\n');

const quotaOf = (keys: number, bytes: number, maxKeys = 200, maxBytes = 20000) => ({ depth: 1, reachable: true, keyQuota: { keys, maxKeys, bytes, maxBytes } });
const keyFindings = (facts: Parameters<typeof runChecks>[0]) => runChecks(facts).filter((f) => f.id === 'keyring-quota').map((f) => f.severity);

describe('kernel key quota', () => {
  it("parses root's row, another uid's on request, and nothing from an empty or foreign file", () => {
    assert.deepEqual(parseKeyUsers(KEY_USERS), { keys: 3, maxKeys: 1000000, bytes: 48, maxBytes: 25000000 });
    assert.deepEqual(parseKeyUsers(KEY_USERS, 65534), { keys: 2, maxKeys: 200, bytes: 30, maxBytes: 20000 });
    assert.equal(parseKeyUsers(''), undefined);
    assert.equal(parseKeyUsers(undefined), undefined);
    assert.equal(parseKeyUsers('65534:     2 2/2 2/200 30/20000'), undefined);
    assert.equal(parseKeyUsers('0: garbage'), undefined);
  });

  it('is quiet with room left, warns from 90 % of keys or bytes, and is an error with no room for one more keyring', () => {
    assert.deepEqual(keyFindings(quotaOf(3, 48, 1000000, 25000000)), []);
    assert.deepEqual(keyFindings(quotaOf(170, 12000)), []);
    assert.deepEqual(keyFindings(quotaOf(180, 12000)), ['warning']);
    assert.deepEqual(keyFindings(quotaOf(100, 18500)), ['warning']);
    assert.deepEqual(keyFindings(quotaOf(200, 14000)), ['error']);
    assert.deepEqual(keyFindings(quotaOf(150, 19950)), ['error']);
    assert.deepEqual(keyFindings({ depth: 1, reachable: true }), []);
  });

  it('names the counts in its evidence', () => {
    const [f] = runChecks(quotaOf(190, 13300)).filter((x) => x.id === 'keyring-quota');
    assert.match(f.evidence, /190 of 200 keys \(95 %\) and 13300 of 20000 bytes \(67 %\)/);
    assert.equal(f.docs, 'troubleshooting.md#keyring-quota');
  });
});
