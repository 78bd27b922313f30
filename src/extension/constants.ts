/** Ids shared by package.json and the code: views, commands, context keys, settings. */
export const LEVELS_VIEW = 'dind.levels';

export const Commands = {
  refresh: 'dind.levels.refresh',
  nest: 'dind.level.nest',
  openTerminal: 'dind.level.openTerminal',
  showDaemonLog: 'dind.level.showDaemonLog',
  collapse: 'dind.level.collapse',
  collapseAll: 'dind.levels.collapseAll',
  copyDockerHost: 'dind.level.copyDockerHost',
  runPreflight: 'dind.preflight.run',
  pickLevel: 'dind.level.pick',
  showLog: 'dind.showLog',
  addHost: 'dind.hosts.add',
  removeHost: 'dind.hosts.remove',
  cleanUpLeftovers: 'dind.levels.cleanUpLeftovers',
} as const;

export const ContextKeys = {
  daemonState: 'dind.daemonState',
} as const;

export const CONFIG_SECTION = 'dind';
export const TERMINAL_PROFILE = 'dind.terminal.level';
export const REPORT_SCHEME = 'dind-preflight';
export const DIAGNOSTIC_SOURCE = 'DinD';
