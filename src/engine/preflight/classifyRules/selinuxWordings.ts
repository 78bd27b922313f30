// SELinux's refusals in the words security.ts does not read: the kernel's other audit records, go-selinux's relabel
// errors as the engines wrap them, and the parts of setroubleshoot's and the policy tools' reports users paste alone.
import { LineRule } from './types';

// A container's or a runtime's domain in a context (container_t, spc_t, svirt_*, container_runtime_t, docker_t).
const CONTAINER_DOMAIN = String.raw`(?:container_t|container_init_t|container_runtime_t|spc_t|svirt_\w+|docker_t)`;
// A record whose contexts name a container's or runtime's domain concerns a level; a systemd unit's or an installer's
// (install_t → mount_t on a healthy Fedora) does not: a hint.
const CONTAINER_CONTEXT = new RegExp(String.raw`\b(?:old|new|s|t|invalid_)context=\w+:\w+:${CONTAINER_DOMAIN}\b`);
const containerContext = (l: string) => (CONTAINER_CONTEXT.test(l) ? 'warning' : 'info');
// A filesystem that cannot carry labels (NFS, CIFS, vboxsf, 9p) answers a relabel with ENOTSUP: nothing was denied.
const unlabelled = (l: string) => (/\bnot supported\b/i.test(l) ? 'info' : 'warning');

export const selinuxWordingRules: LineRule[] = [
  // glibc's loader making a text-relocated library's segment writable again ("cannot restore segment prot after
  // reloc: %s") refused with EACCES: SELinux's execmod check (no other LSM refuses that mprotect).
  {
    id: 'selinux-denied',
    pattern: /\bcannot restore segment prot after reloc: Permission denied/i,
    severity: 'warning',
    hint: 'SELinux refused to make a text-relocated library\'s code writable again (execmod). Find the denial on the host (ausearch -m avc -ts recent) and allow just that access with a local policy module (audit2allow -M), label a bind-mounted host library textrel_shlib_t (chcon -t textrel_shlib_t LIB), or rebuild the library without text relocations (-fPIC); do not turn SELinux off.',
  },
  // dbus-daemon's SELinux wording of the same refusal ("An SELinux policy prevents this sender from sending this message
  // to this recipient"): a hint, as AppArmor's.
  { id: 'selinux-denied', pattern: /\bAn SELinux policy prevents this sender from sending this message/i, severity: 'info' },
  // The kernel's SELINUX_ERR records: a bounded (no-new-privileges) transition refused ("op=security_bounded_transition
  // seresult=denied", "result=" on older kernels; alone it may precede an allowed nnp_transition: a warning), a context
  // the policy does not know ("op=security_compute_sid invalid_context=").
  { id: 'selinux-denied', pattern: /\bop=security_bounded_transition\b[^\n]{0,400}\b(?:se)?result=denied\b/i, severity: (l) => containerContext(l) },
  { id: 'selinux-denied', pattern: /\bop=(?:security_compute_sid|setxattr) invalid_context=/i, severity: (l) => containerContext(l) },
  // The same records' typebounds check (services.c: "op=security_compute_av reason=bounds scontext=… perms=…"): a
  // permission a bounded domain (a container's) was refused because its parent domain lacks it.
  { id: 'selinux-denied', pattern: /\bop=security_compute_av reason=bounds\b/i, severity: (l) => containerContext(l) },
  // systemd's own access check ("SELinux policy denies access."), and coreutils' chcon refused ("failed to change context
  // of %s to %s": EPERM may be a level without CAP_MAC_ADMIN: a hint).
  { id: 'selinux-denied', pattern: /\bSELinux policy denies access\b/i },
  { id: 'selinux-denied', pattern: /\bchcon: failed to change context of /i, severity: 'info' },
  // go-selinux relabelling a bind source (lSetFileLabel: "lsetxattr(label=%s) %s: %s" since 1.11.1, "lsetxattr %s: %s"
  // before; a path right after the verb, not an attribute name as in a layer's unpacking); ENOTSUP is a filesystem
  // without labels (NFS, 9p): a hint. CRI-O's and podman's "relabel failed %s: %w", containerd's "relabel %q with %q
  // failed: %w", podman's "setting selinux label for %s to %q as shared", CRI-O's "failed to set selinux label: %w",
  // moby's secrets directory ("Error while attempting to set selinux label").
  {
    id: 'selinux-denied',
    pattern: /\bl?setxattr(?:\(label=[^)]*\))? \/\S*: (?:permission denied|operation not permitted|invalid argument|operation not supported)/i,
    severity: (l) => (/operation not supported/i.test(l) ? 'info' : /\(label=|selinux|relabel/i.test(l) ? 'warning' : 'info'),
  },
  { id: 'selinux-denied', pattern: /\brelabel failed "?\/\S*"?: |\brelabel "[^"]+" with "[^"]*" failed: /i, severity: unlabelled },
  { id: 'selinux-denied', pattern: /setting selinux label for \S+ to "[^"]*" as shared: |failed to change selinux label: |\bfailed to set selinux label: /i, severity: unlabelled },
  { id: 'selinux-denied', pattern: /Error while attempting to set selinux label/i, severity: 'info' },
  // BuildKit copying a file with its xattrs (the qemu emulator of a cross-platform RUN, a COPY source): the file carries
  // the host's SELinux label, and the level's filesystem will not take it ("failed to copy xattrs: failed to set xattr
  // \"security.selinux\" on %s: operation not supported").
  {
    id: 'selinux-denied',
    pattern: /failed to copy xattrs: failed to set xattr "?security\.selinux"? on \S+: operation not supported/i,
    severity: 'warning',
    hint: 'BuildKit copied a file labelled by the host\'s SELinux (its qemu emulator, for a build for another platform) onto a filesystem in the level that cannot hold that label. Newer BuildKit releases skip the label there: update the builder (the daemon\'s, or buildx\'s BuildKit image).',
  },
  // The same copy by another program (containerd's continuity, without BuildKit's wrapper): a label the filesystem cannot
  // store, a hint.
  { id: 'selinux-denied', pattern: /(?<!copy xattrs: )failed to set xattr "?security\.selinux"? on \S+: operation not supported/i, severity: 'info' },
  // systemd refused executing a unit's program ("Failed at step EXEC spawning %s: Permission denied", status=203/EXEC):
  // on an SELinux host most often a binary copied in with the wrong label (restorecon fixes it), else its mode or a
  // noexec mount: a hint.
  { id: 'selinux-denied', pattern: /(?:Failed at step EXEC spawning|Failed to (?:execute|locate executable)) \S+: Permission denied/i, severity: 'info' },
  // Docker 1.6-1.9 (libcontainer's SystemError, "Cannot start container %s: [8] System error: permission denied"): in that
  // era mostly the SELinux label transition of the container's process on Fedora/CentOS/RHEL; also noexec or AppArmor,
  // so a hint.
  { id: 'selinux-denied', pattern: /Cannot start container \S+: \[8\] System error: permission denied/i, severity: 'info' },
  // go-selinux before 1.10.2 refusing /usr ("relabeling content in %s is not allowed"), like its later wording: a hint.
  { id: 'selinux-denied', pattern: /relabeling content in \S+ is not allowed/i, severity: 'info' },
  // The loader's mprotect refused after relocation (musl "Error relocating %s: RELRO protection failed: %m", glibc
  // "cannot apply additional memory protection after relocation: %m") with EACCES: SELinux's execmod/execmem checks
  // (AppArmor does not mediate mprotect; a PaX kernel refuses the same way: a hint), typically a data root or image whose
  // files carry the wrong label.
  { id: 'selinux-denied', pattern: /RELRO protection failed: Permission denied|cannot apply additional memory protection after relocation: Permission denied/i, severity: 'info' },
  // go-selinux 1.12+ when the kernel refused a keycreate label written from a thread other than the group leader
  // ("calling thread is not the thread group leader"): a runtime's threading, not the policy, so a hint only.
  { id: 'selinux-denied', pattern: /calling thread is not the thread group leader/i, severity: 'info' },
  // setroubleshoot's report without its first line: the plugin header ("*****  Plugin %s (%.4s confidence) suggests"),
  // the module recipe ("ausearch -c '%s' --raw | audit2allow -M my-%s"), the boolean advice ("tell SELinux about this
  // by enabling the '%s' boolean"), its details naming a container's domain ("Source Context  …:container_t:…").
  { id: 'selinux-denied', pattern: /^\*{5}\s+Plugin \w+ \([\d.]+ confidence\) suggests\b/, severity: 'info' },
  // setroubleshootd's own journal lines ("setroubleshoot[%d]: …"): it runs when the audit system hands it a denial, so a
  // hint that one happened, whatever the line says.
  { id: 'selinux-denied', pattern: /\bsetroubleshoot\[\d+\]:/, severity: 'info' },
  { id: 'selinux-denied', pattern: /ausearch -c '[^']+' --raw \| audit2allow -M my-|tell SELinux about this by enabling the '\w+' boolean/i, severity: 'warning' },
  { id: 'selinux-denied', pattern: new RegExp(String.raw`^\s*Source Context\s+\w+:\w+:${CONTAINER_DOMAIN}\b`), severity: 'warning' },
  // audit2why's verdicts and audit2allow's module for a container's domain (not "Unknown - would be allowed").
  { id: 'selinux-denied', pattern: /Missing type enforcement \(TE\) allow rule|The boolean \w+ was set incorrectly|Possible cause is the source \w+ and target \w+ are different/i, severity: 'warning' },
  { id: 'selinux-denied', pattern: new RegExp(String.raw`^#=+ ${CONTAINER_DOMAIN} =+$`), severity: 'warning' },
  // Its rules pasted without that header ("allow container_t container_runtime_t:unix_stream_socket connectto;").
  { id: 'selinux-denied', pattern: new RegExp(String.raw`^\s*allow ${CONTAINER_DOMAIN} \w+:\w+ (?:\{[\w ]{1,200}\}|\w+);\s*$`), severity: 'warning' },
  // audit2why's other verdicts (a boolean among several, a no-new-privileges transition outside its bounds, a role
  // pair) and audit2allow's comments over a rule ("#!!!! This avc can be allowed using …", "… is a constraint
  // violation"), pasted alone: each is printed for a denial only.
  // These name no domain (a web server's denial prints them too): a warning only for the one its sibling verdict is.
  { id: 'selinux-denied', pattern: /One of the following booleans was set incorrectly/i, severity: 'warning' },
  { id: 'selinux-denied', pattern: /^\s*Typebounds violation\.|^\s*Missing role allow rule\.|^#!!!! This avc (?:can be allowed using|is a constraint violation)/i, severity: 'info' },
  // The kernel refusing an SELinux mount option of a runtime's mount ("SELinux: security_context_str_to_sid (%s) failed
  // with errno=%d", parse_sid's and RHEL 7's "security_context(_str)_to_sid(%s) failed for (dev %s, type %s) errno=%d",
  // "SELinux:  duplicate or incompatible mount options"), and runc's mount error carrying a context=
  // option refused with EINVAL (a kernel without SELinux in the level, or a context the policy lacks). Not the kernel's
  // "mount invalid. Same superblock" alone: mqueue and tmpfs print it on healthy hosts.
  { id: 'selinux-denied', pattern: /SELinux: security_context(?:_str)?_to_sid ?\([^)]*\) failed (?:with|for \(dev [^)]*\)) errno=-?\d+|SELinux:\s+duplicate or incompatible mount options/i, severity: 'warning' },
  { id: 'selinux-denied', pattern: /\bmount src=[^\n]{0,400}\bdata=[^\n]{0,400}\bcontext=\\?"[^"\n]{1,200}\\?"[^\n]{0,100}: invalid argument/i, severity: 'warning' },
  // A label asked where the level has no SELinux (runc "selinux label is specified in config, but selinux is disabled or
  // not supported"): the parent engine labels its containers, the nested one cannot.
  { id: 'selinux-denied', pattern: /selinux label is specified in config, but selinux is disabled or not supported/i, severity: 'warning' },
  // crun 1.22+ writing the process label ("write to file `thread-self/attr/exec`", relative to its /proc handle): as
  // runc's attr/exec in security.ts, AppArmor kernels without attr/apparmor/ write there too, so a hint.
  { id: 'selinux-denied', pattern: /write to file `(?:\/proc\/)?thread-self\/attr\/(?:exec|current)`: (?:Permission denied|Invalid argument)/i, severity: 'info' },
  // An ausearch event kept without its AVC: the syscall refused with EACCES under a container's domain (DAC refuses with
  // EACCES too: a hint).
  {
    id: 'selinux-denied',
    pattern: new RegExp(String.raw`^(?:node=\S+ )?type=SYSCALL\b(?=[^\n]{0,1000}\bsuccess=no exit=(?:-13|EACCES)\b)[^\n]{0,1000}\bsubj=\w+:\w+:${CONTAINER_DOMAIN}\b`, 'i'),
    severity: 'info',
  },
];
