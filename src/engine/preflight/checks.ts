// runChecks: every preflight check over one level's facts, merged with what its logs say.
import { cgroupChecks } from './checks/cgroups';
import { daemonChecks } from './checks/daemon';
import { networkChecks } from './checks/network';
import { securityChecks } from './checks/security';
import { storageChecks } from './checks/storage';
import { Check } from './checks/types';
import { explainDenials } from './denials';
import { CAP_SYS_ADMIN, hasCap, LevelFacts, parseCapMask } from './facts';
import { Finding } from '../core/finding';
import { dedupeFindings, orderFindings, withoutDisabled } from './order';

const ALL_CHECKS: readonly Check[] = [
  ...securityChecks,
  ...cgroupChecks,
  ...storageChecks,
  ...networkChecks,
  ...daemonChecks,
];

export interface RunChecksOptions {
  /** Check ids to leave out (the dind.preflight.disabledChecks setting). */
  disabled?: readonly string[];
}

export function runChecks(facts: LevelFacts, opts: RunChecksOptions = {}): Finding[] {
  const all = dedupeFindings(ALL_CHECKS.flatMap((check) => check(facts)));
  const eff = parseCapMask(facts.capEff);
  const explained = explainDenials(all, [facts.daemonLog ?? '', facts.dmesg ?? ''].join('\n'), {
    apparmorProfile: facts.apparmorProfile,
    apparmorEnabled: facts.apparmorEnabled,
    sysAdmin: eff !== undefined && hasCap(eff, CAP_SYS_ADMIN),
  });
  return orderFindings(withoutDisabled(dedupeFindings(explained), opts.disabled));
}
