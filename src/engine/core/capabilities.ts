/** Linux capability names by number (capability.h). */
export const CAPABILITY_NAMES = [
  'CHOWN', 'DAC_OVERRIDE', 'DAC_READ_SEARCH', 'FOWNER', 'FSETID', 'KILL', 'SETGID', 'SETUID', 'SETPCAP',
  'LINUX_IMMUTABLE', 'NET_BIND_SERVICE', 'NET_BROADCAST', 'NET_ADMIN', 'NET_RAW', 'IPC_LOCK', 'IPC_OWNER',
  'SYS_MODULE', 'SYS_RAWIO', 'SYS_CHROOT', 'SYS_PTRACE', 'SYS_PACCT', 'SYS_ADMIN', 'SYS_BOOT', 'SYS_NICE',
  'SYS_RESOURCE', 'SYS_TIME', 'SYS_TTY_CONFIG', 'MKNOD', 'LEASE', 'AUDIT_WRITE', 'AUDIT_CONTROL', 'SETFCAP',
  'MAC_OVERRIDE', 'MAC_ADMIN', 'SYSLOG', 'WAKE_ALARM', 'BLOCK_SUSPEND', 'AUDIT_READ', 'PERFMON', 'BPF',
  'CHECKPOINT_RESTORE',
] as const;

export function parseCapMask(hex: string): bigint {
  return BigInt(`0x${hex.trim().replace(/^0x/i, '') || '0'}`);
}

export function capNames(mask: bigint): string[] {
  return CAPABILITY_NAMES.filter((_, bit) => (mask >> BigInt(bit)) & 1n);
}

export function missingCaps(mask: bigint, lastCap: number): string[] {
  const missing: string[] = [];
  for (let bit = 0; bit <= Math.min(lastCap, CAPABILITY_NAMES.length - 1); bit++) {
    if (!((mask >> BigInt(bit)) & 1n)) missing.push(CAPABILITY_NAMES[bit]);
  }
  return missing;
}

export function maskHex(mask: bigint): string {
  return mask.toString(16).padStart(16, '0');
}

/** The CapBnd line of a /proc/PID/status text. */
export function capBndFromStatus(status: string): bigint | undefined {
  const m = /^CapBnd:\s*([0-9a-f]+)/im.exec(status);
  return m ? parseCapMask(m[1]) : undefined;
}
