// Public surface of preflight: findings, the catalog, classify() and runChecks().
export * from '../core/finding';
export { CATALOG, CHECK_IDS, isCheckId, makeFinding } from './catalog';
export { classify } from './classify';
export type { TextSource } from './classify';
export * from './facts';
export { runChecks } from './checks';
export { explainDenials } from './denials';
