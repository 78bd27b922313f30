// Builder for findings (what preflight and the failure classifier report, and the Problems panel shows).
import type { Finding } from '../../src/engine/core/finding';

export function finding(over: Partial<Finding> = {}): Finding {
  return {
    id: 'caps-unavailable', severity: 'error', title: 'The daemon cannot grant every capability',
    evidence: 'unable to apply caps: operation not permitted', hint: 'nest in capabilities mode', ...over,
  };
}
