/** Ids shared by package.json and the code: views, commands, context keys, settings. */
export const LEVELS_VIEW = 'dind.levels';
/** The first-run view: only welcome content, shown while the host has no levels. */
export const WELCOME_VIEW = 'dind.welcome';

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
  openTroubleshooting: 'dind.docs.troubleshooting',
  startLevel: 'dind.level.start',
  stopLevel: 'dind.level.stop',
  restartLevel: 'dind.level.restart',
  renestLevel: 'dind.level.renest',
  deleteLevelData: 'dind.level.deleteData',
  containerStart: 'dind.container.start',
  containerStop: 'dind.container.stop',
  containerRestart: 'dind.container.restart',
  containerRemove: 'dind.container.remove',
  containerLogs: 'dind.container.logs',
  containerInspect: 'dind.container.inspect',
  containerCopyId: 'dind.container.copyId',
  imageRun: 'dind.image.run',
  imageCopyToLevel: 'dind.image.copyToLevel',
  imageInspect: 'dind.image.inspect',
  imageRemove: 'dind.image.remove',
  volumeInspect: 'dind.volume.inspect',
  volumeRemove: 'dind.volume.remove',
  networkInspect: 'dind.network.inspect',
  networkRemove: 'dind.network.remove',
  cleanUpLeftovers: 'dind.levels.cleanUpLeftovers',
  exposeDaemon: 'dind.level.expose',
  nestDood: 'dind.level.nestDood',
  unexposeDaemon: 'dind.level.unexpose',
  openMap: 'dind.map.open',
} as const;

export const ContextKeys = {
  daemonState: 'dind.daemonState',
  /** True once a snapshot shows a ready host with no level nested on it (the first-run view). */
  noLevels: 'dind.noLevels',
} as const;

export const CONFIG_SECTION = 'dind';
export const TERMINAL_PROFILE = 'dind.terminal.level';
export const REPORT_SCHEME = 'dind-preflight';
export const INSPECT_SCHEME = 'dind-inspect';
/** The mime type of level tree rows dragged within the view (an image row dropped on a level row). */
export const TREE_MIME = 'application/vnd.code.tree.dind.levels';
export const DIAGNOSTIC_SOURCE = 'DinD';
