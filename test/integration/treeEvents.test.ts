import * as assert from 'assert/strict';
import Dockerode from 'dockerode';
import { TREE_EVENTS } from '../../src/extension/tree/treeEvents';
import { assertDockerReady, docker, NO_DOCKERD_IMAGE, RUN, sweep } from './support';

type Stream = NodeJS.ReadableStream & { destroy(): void };

/**
 * The tree's event filter on the real daemon: the events that change what the tree shows arrive, the product's own
 * execs (exec tunnels, daemon-log tails, `du` for the resources) do not, so they cannot set off refresh after refresh.
 */
describe('tree events filter (real daemon)', function () {
  this.timeout(60_000);
  const name = `${RUN}-events`;

  before(assertDockerReady);
  after(sweep);

  async function actionsDuring(filters: Record<string, string[]>, work: () => void): Promise<string[]> {
    const stream = (await new Dockerode().getEvents({ filters: { ...filters, container: [name] } } as never)) as unknown as Stream;
    const actions: string[] = [];
    stream.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) actions.push((JSON.parse(line) as { Action: string }).Action);
    });
    try {
      work();
      // The daemon sends events as they happen; give the last one a moment to cross the socket.
      await new Promise((r) => setTimeout(r, 1000));
    } finally {
      stream.destroy();
    }
    return actions;
  }

  const lifeOfAContainer = () => {
    docker(['run', '-d', '--name', name, '--label', `nested-docker.test=${RUN}`, NO_DOCKERD_IMAGE, 'sleep', '60']);
    docker(['exec', name, 'true']);
    docker(['exec', name, 'true']);
    docker(['rm', '-f', name]);
  };

  it('passes create, start, die and destroy, and leaves out exec events', async () => {
    const actions = await actionsDuring(TREE_EVENTS, lifeOfAContainer);
    for (const wanted of ['create', 'start', 'die', 'destroy']) assert.ok(actions.includes(wanted), `${wanted} in ${actions.join(', ')}`);
    assert.deepEqual(actions.filter((a) => a.startsWith('exec_')), [], 'no exec events reach the tree');
  });

  it('(control) the same work without the event filter does produce exec events', async () => {
    const actions = await actionsDuring({ type: TREE_EVENTS.type }, lifeOfAContainer);
    assert.ok(actions.some((a) => a.startsWith('exec_')), `exec events exist on this daemon: ${actions.join(', ')}`);
  });
});
