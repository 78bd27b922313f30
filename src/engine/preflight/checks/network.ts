// iptables backends of a level and its parent.
import { makeFinding } from '../catalog';
import { iptablesBackend } from '../facts';
import { Check } from './types';

const iptablesBackends: Check = (facts) => {
  const mine = iptablesBackend(facts.iptablesVersion);
  const parent = iptablesBackend(facts.parentIptablesVersion);
  if (!mine || !parent || mine === parent) {
    return [];
  }
  const legacy = parent === 'legacy';
  return [
    makeFinding('iptables-backend-mismatch', `level: ${facts.iptablesVersion!.trim()}; parent: ${facts.parentIptablesVersion!.trim()}`, {
      fix: {
        title: legacy ? 'Nest again with the legacy iptables backend' : 'Nest again with the nf_tables iptables backend',
        nestOptions: { iptablesLegacy: legacy },
      },
    }),
  ];
};

export const networkChecks: Check[] = [iptablesBackends];
