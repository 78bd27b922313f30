// Public surface of preflight: findings, the catalog, classify() and runChecks().
export * from '../core/finding';
export { CATALOG, CHECK_IDS, docsAnchor, isCheckId, makeFinding } from './catalog';
export type { CatalogEntry, CheckId } from './catalog';
export { classify, splitLines } from './classify';
export type { ClassifyOptions, TextSource } from './classify';
export * from './facts';
export { ALL_CHECKS, runChecks } from './checks';
export type { Check, RunChecksOptions } from './checks';
export { dedupeFindings, orderFindings } from './order';
