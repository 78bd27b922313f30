// vscode-free, so the integration suite can check the filter against a real daemon.
/**
 * The Docker events that change what the tree shows. Left out on purpose: exec_*, attach, resize, top, archive-path,
 * mount/unmount and the like, which the product's own work causes (exec tunnels, daemon-log tails, `du` for the
 * resources figures): following them made every refresh trigger the next.
 */
export const TREE_EVENTS = {
  type: ['container', 'volume', 'image', 'network'],
  event: [
    'create', 'start', 'restart', 'stop', 'die', 'kill', 'oom', 'pause', 'unpause', 'rename', 'update', 'destroy',
    'health_status', 'delete', 'import', 'load', 'pull', 'tag', 'untag', 'remove', 'prune', 'connect', 'disconnect',
  ],
};
