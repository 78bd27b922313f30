// Storage drivers, /var/lib/docker and disk space.
import { LineRule } from './types';

export const storageRules: LineRule[] = [
  // Union filesystems do not stack: overlay(2) over overlayfs or aufs, overlay upperdir on overlay.
  { id: 'overlay-on-overlay', pattern: /'?overlay2?'? is not supported over (?:overlayfs|aufs)/i },
  { id: 'overlay-on-overlay', pattern: /overlayfs: filesystem on .* not supported as upperdir/i },
  { id: 'overlay-on-overlay', pattern: /^\s*Backing Filesystem:\s*(?:overlayfs|aufs)\s*$/i, sources: ['docker-info'] },
  { id: 'storage-driver-unsupported', pattern: /error initializing graphdriver/i },
  { id: 'storage-driver-unsupported', pattern: /backing file system is unsupported for this graph driver/i },
  { id: 'storage-driver-unsupported', pattern: /failed to mount overlay: invalid argument/i },
  { id: 'storage-driver-unsupported', pattern: /\[graphdriver\] prior storage driver "?\w+"? failed/i },
  // aufs: Docker 0.x loaded the module itself; later daemons refuse a prior aufs store.
  { id: 'aufs-module-missing', pattern: /Unable to load the AUFS module|Kernel does not support AUFS/i },
  { id: 'aufs-module-missing', pattern: /prior storage driver "?aufs"? failed: driver not supported/i },
  { id: 'aufs-module-missing', pattern: /--storage-driver[= ]+aufs\b|"storage-driver"\s*:\s*"aufs"/i, severity: 'warning' },
  // 17.x-19.x probed aufs before overlay2 and logged this at error level, then used overlay2.
  { id: 'aufs-module-missing', pattern: /AUFS was not found in \/proc\/filesystems/i, severity: 'info' },
  { id: 'vfs-fallback', pattern: /\bStorage Driver:\s*vfs\b/i },
  { id: 'vfs-fallback', pattern: /\bgraphdriver(?:\(s\))?=vfs\b/i },
  { id: 'vfs-fallback', pattern: /using (?:prior )?storage driver:? "?vfs\b/i },
  { id: 'vfs-fallback', pattern: /falling back to vfs/i },
  { id: 'vfs-fallback', pattern: /\/var\/lib\/docker\/vfs\b/ },
  { id: 'var-lib-docker-shared', pattern: /error while opening volume store metadata database: timeout/i },
  { id: 'var-lib-docker-shared', pattern: /(?:-v|--volume)[= ]\/var\/lib\/docker:\/var\/lib\/docker\b/, severity: 'warning' },
  { id: 'disk-space', pattern: /no space left on device/i },
];
