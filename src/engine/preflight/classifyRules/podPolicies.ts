// Cluster policies that refuse the privileged pod (or the capabilities) a nested engine asks for, before any runtime
// runs it: Kubernetes' PodSecurityPolicy and Pod Security admission, the API server's --allow-privileged, OpenShift's
// security context constraints, GKE Autopilot, Kyverno, Fargate, and a managed platform's Docker proxy.
import { Severity } from '../../core/finding';
import { LineRule } from './types';

const POD_SECURITY_CAPABILITIES = /non-default capabilities \(containers? "[^"\n]+"(?:, "[^"\n]+")* must not include\b/i;
const podSecurityWarnOnly = (refused: Severity) => (l: string): Severity => (/\bwould violate PodSecurity\b/i.test(l) ? 'info' : refused);

const SCC_CAPABILITY_REFUSED = /^\s*-? ?provider [\w-]+: \.(?:initC|c)ontainers\[\d+\]\.capabilities\.add: Invalid value: "?\w+"?: capability may not be added/i;
const SCC_CAPABILITY_HINT = 'OpenShift\'s admission refused the pod a capability no security context constraint open to it allows. Grant its service account an SCC whose allowedCapabilities lists it (a custom SCC: oc adm policy add-scc-to-user SCC -z ACCOUNT), or drop the capability from the pod spec; avoid granting the privileged SCC.';

export const podPolicyRules: LineRule[] = [
  // Kubernetes admission refusing the privileged pod dind needs: PodSecurityPolicy ("Privileged
  // containers are not allowed") and Pod Security admission ("must not set securityContext.privileged=true").
  { id: 'not-privileged', pattern: /Privileged containers? (?:are|is) not allowed/i },
  // (In warn or audit mode the API server admits the pod and only says it "would violate PodSecurity": a hint.)
  { id: 'not-privileged', pattern: /must not set securityContext\.privileged=true/i, severity: podSecurityWarnOnly('error') },
  // Pod Security's baseline level refusing added capabilities ("non-default capabilities (%s %s must not include %s in
  // securityContext.capabilities.add)", the containers pluralised and quoted one by one): the level or its helper does
  // not get what it asks; the runtime's side of the same (caps-unavailable) is the second reading.
  { id: 'not-privileged', pattern: POD_SECURITY_CAPABILITIES, severity: podSecurityWarnOnly('warning') },
  { id: 'caps-unavailable', pattern: POD_SECURITY_CAPABILITIES, severity: 'info' },
  // The API server started with --allow-privileged=false (validation: "securityContext.privileged: Forbidden: disallowed
  // by cluster policy", "… by policy" before 1.10).
  { id: 'not-privileged', pattern: /securityContext\.privileged: Forbidden: disallowed by (?:cluster )?policy/i },
  // OpenShift's security context constraints refusing the other rights a builder or a level asks for: root ("runAsUser:
  // Invalid value: 0: must be in the ranges: %v"), added capabilities ("capabilities.add: Invalid value: %q: capability
  // may not be added"), privilege escalation.
  // (OpenShift 4.11+ names the provider and the field without securityContext: "provider restricted-v2:
  // .containers[0].runAsUser: Invalid value: 0: …".)
  { id: 'not-privileged', pattern: /unable to validate against any security context constraint: [^\n]*?(?:securityContext\.|\]\.)(?:securityContext\.)?(?:runAsUser: Invalid value: 0\b|capabilities\.add: Invalid value|allowPrivilegeEscalation: Invalid value: true)/i, severity: 'warning' },
  // The providers listed one per line under that sentence ("- provider %s: .containers[0].capabilities.add: Invalid
  // value: %q: capability may not be added"): the builder does not get its capability; the runtime's side a hint.
  { id: 'not-privileged', pattern: SCC_CAPABILITY_REFUSED, severity: 'warning', hint: SCC_CAPABILITY_HINT },
  { id: 'caps-unavailable', pattern: SCC_CAPABILITY_REFUSED, severity: 'info', hint: SCC_CAPABILITY_HINT },
  // GKE Autopilot's policy ("container '%s' not allowed to have privileged: true", autogke-disallow-privilege)
  // and Kyverno's disallow-privileged-containers ("Privileged mode is disallowed. …").
  { id: 'not-privileged', pattern: /not allowed to have privileged: true|autogke-disallow-privilege|Privileged mode is disallowed|\bPrivileged=true is not supported\b|Pod not supported on Fargate: invalid SecurityContext fields: [\w, ]*\bPrivileged\b/i },
  // SageMaker Studio's Docker proxy refusing the privileged BuildKit or dind container ("Forbidden. Reason:
  // [ContainerCreate] SageMaker Studio Docker Usage does not allow privileged mode execution").
  { id: 'not-privileged', pattern: /\bdoes not allow privileged mode execution\b/i },
];
