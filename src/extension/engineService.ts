import * as vscode from 'vscode';
import { addHost, dockerodeLoaded, engineFor, listHostsSync, removeHost, resolveHost } from '../engine';
import type { HostEntry, HostKeyInfo, NestedDockerEngine, PassphraseRequest } from '../engine';
import { readSettings } from './config';
import { Logger } from './logger';
import { Disposable } from './util/lifecycle';

/**
 * One engine per host (each a root of the tree), created on first use; dockerode and ssh2 load with the first
 * request, not at activation (transport/dockerClient.ts requires them lazily). SSH hosts ask for key passphrases and unknown host keys through VS Code prompts.
 */
export class EngineService extends Disposable {
  private readonly engines = new Map<string, NestedDockerEngine>();
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeEngine = this.changed.event;

  constructor(private readonly log: Logger) {
    super();
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('dind.docker.host')) this.reset();
      }),
    );
  }

  /** True once dockerode was loaded (by the first engine request), for the activation-cost test. */
  get dockerLoaded(): boolean {
    return dockerodeLoaded();
  }

  /** The roots of the tree: the "dind.docker.host" setting (or DOCKER_HOST, or the local socket) first, then contexts and added hosts. */
  hosts(): HostEntry[] {
    const all = listHostsSync();
    const override = readSettings().dockerHost;
    if (!override) return all;
    const chosen = resolveHost(override);
    const first: HostEntry = { ...chosen, name: chosen.source === 'url' ? 'local' : chosen.name, current: true };
    return [first, ...all.filter((h) => h.name !== first.name && (h.source === 'context' || h.source === 'added'))];
  }

  /** The engine of a host (by name); the first root when none is named. */
  get(hostName?: string): NestedDockerEngine {
    const hosts = this.hosts();
    const entry = hosts.find((h) => h.name === hostName) ?? hosts[0];
    let engine = this.engines.get(entry.name);
    if (!engine) {
      engine = engineFor(entry, {
        hostName: entry.name,
        log: (line) => this.log.info(line, `engine ${entry.name}`),
        ssh: { passphrase: (r) => askPassphrase(r), confirmHostKey: (i) => confirmHostKey(i) },
      });
      this.engines.set(entry.name, engine);
      this.log.info(`engine for ${entry.name} (${engine.host.url})${engine.relayDir ? `, relay ${engine.relayDir}` : ''}`);
    }
    return engine;
  }

  /** The user asked to refresh: SSH hosts that failed on a declined prompt may ask again. */
  retryConnections(): void {
    for (const engine of this.engines.values()) engine.retryConnection();
  }

  async addHost(name: string, url: string): Promise<void> {
    // Names a context or the default host already use would hide the added host.
    const reserved = listHostsSync().filter((h) => h.source !== 'added').map((h) => h.name);
    addHost(name, url, process.env, reserved);
    this.changed.fire();
  }

  async removeHost(name: string): Promise<void> {
    this.engines.get(name)?.dispose();
    this.engines.delete(name);
    removeHost(name);
    this.changed.fire();
  }

  private reset(): void {
    for (const engine of this.engines.values()) engine.dispose();
    this.engines.clear();
    this.changed.fire();
  }

  override dispose(): void {
    for (const engine of this.engines.values()) engine.dispose();
    this.engines.clear();
    super.dispose();
  }
}

async function askPassphrase(r: PassphraseRequest): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title: `Passphrase for ${r.keyFile}`,
    prompt: `${r.target}${r.attempt > 1 ? ' (wrong passphrase, try again)' : ''}`,
    password: true,
    ignoreFocusOut: true,
  });
}

async function confirmHostKey(i: HostKeyInfo): Promise<boolean> {
  const choice = await vscode.window.showWarningMessage(
    `The authenticity of host ${i.host} can't be established.`,
    {
      modal: true,
      detail: `${i.keyType} key fingerprint is ${i.fingerprint}.${i.otherTypes.length ? ` Known key types for it: ${i.otherTypes.join(', ')}.` : ''}\nConnect and record it in ${i.knownHostsFile}?`,
    },
    'Trust and Connect',
  );
  return choice === 'Trust and Connect';
}
