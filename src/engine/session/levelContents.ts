// Working with what a level's daemon holds: its containers, images, volumes and networks, at any depth, through the
// same client discovery made (relay socket or exec tunnel). Levels themselves are refused here: they have their own
// start/stop/collapse, so nobody removes a child level by mistake as if it were a plain container.
import { Readable } from 'stream';
import type Dockerode from 'dockerode';
import { NestedDockerError, statusCode } from '../core/errors';
import { ContainerSummary, ImageSummary, LevelInfo, NetworkSummary, VolumeSummary } from '../core/types';
import { Labels } from '../levels/labels';
import { summarizeContainer, summarizeImages, summarizeNetworks, summarizeVolumes, BUILTIN_NETWORKS } from '../levels/resourceSummaries';
import { daemonLogLines, LogOptions } from './logStream';

export type ResourceKind = 'container' | 'image' | 'volume' | 'network';
export type ContainerAction = 'start' | 'stop' | 'restart' | 'remove';

export interface RunOptions {
  name?: string;
  cmd?: string[];
}

export class LevelContents {
  constructor(readonly level: LevelInfo, private readonly client: Dockerode) {}

  /** Plain containers (the level's child levels are listed as levels, not here). */
  async containers(): Promise<ContainerSummary[]> {
    const all = await this.client.listContainers({ all: true });
    return all.filter((c) => !c.Labels?.[Labels.level]).map(summarizeContainer);
  }

  async images(): Promise<ImageSummary[]> {
    const [images, all] = await Promise.all([this.client.listImages(), this.client.listContainers({ all: true })]);
    return summarizeImages(images, all);
  }

  async volumes(): Promise<VolumeSummary[]> {
    const [volumes, all] = await Promise.all([this.client.listVolumes(), this.client.listContainers({ all: true })]);
    return summarizeVolumes(volumes.Volumes ?? [], all);
  }

  async networks(): Promise<NetworkSummary[]> {
    const [networks, all] = await Promise.all([this.client.listNetworks(), this.client.listContainers({ all: true })]);
    return summarizeNetworks(networks, all);
  }

  async inspect(kind: ResourceKind, id: string): Promise<unknown> {
    return this.call<unknown>(kind, id, () => {
      switch (kind) {
        case 'container': return this.client.getContainer(id).inspect();
        case 'image': return this.client.getImage(id).inspect();
        case 'volume': return this.client.getVolume(id).inspect();
        case 'network': return this.client.getNetwork(id).inspect();
      }
    });
  }

  async container(action: ContainerAction, id: string): Promise<void> {
    await this.refuseLevel(id, action);
    const c = this.client.getContainer(id);
    await this.call('container', id, async () => {
      switch (action) {
        case 'start': return c.start().catch(ignore(304));
        case 'stop': return c.stop({ t: 10 }).catch(ignore(304));
        case 'restart': return c.restart({ t: 10 });
        case 'remove': return c.remove({ force: true, v: false });
      }
    });
  }

  /** A container's log as lines (stdout and stderr together), following it when asked. */
  async logs(id: string, opts: LogOptions = {}): Promise<Readable> {
    return this.call('container', id, () => daemonLogLines(this.client.getContainer(id), opts));
  }

  async removeImage(id: string, force = false): Promise<void> {
    await this.call('image', id, () => this.client.getImage(id).remove({ force }));
  }

  async removeVolume(name: string): Promise<void> {
    const volume = (await this.volumes()).find((v) => v.name === name);
    if (volume?.levelData) {
      throw new NestedDockerError(
        `volume ${name} holds the data of level ${volume.levelData}`,
        `remove it with the level: Collapse Level (purge), or Delete Data on a data-only level`,
        'level-volume',
      );
    }
    if (volume && volume.usedBy.length > 0) {
      throw new NestedDockerError(`volume ${name} is in use by ${volume.usedBy.join(', ')}`, 'remove those containers first', 'in-use');
    }
    await this.call('volume', name, () => this.client.getVolume(name).remove());
  }

  async removeNetwork(idOrName: string): Promise<void> {
    const network = (await this.networks()).find((n) => n.id === idOrName || n.name === idOrName);
    if (network?.builtin || BUILTIN_NETWORKS.has(idOrName)) {
      throw new NestedDockerError(`network ${network?.name ?? idOrName} is one of the daemon's own`, 'only networks you created can be removed', 'builtin');
    }
    if (network && network.usedBy.length > 0) {
      throw new NestedDockerError(`network ${network.name} is in use by ${network.usedBy.join(', ')}`, 'stop or disconnect those containers first', 'in-use');
    }
    await this.call('network', idOrName, () => this.client.getNetwork(idOrName).remove());
  }

  /** Creates and starts a container from an image on this level (detached); returns its id. */
  async run(image: string, opts: RunOptions = {}): Promise<string> {
    const created = await this.call('image', image, () =>
      this.client.createContainer({ Image: image, name: opts.name || undefined, Cmd: opts.cmd?.length ? opts.cmd : undefined, Tty: false }));
    await created.start();
    return created.id;
  }

  private async refuseLevel(id: string, action: string): Promise<void> {
    const info = await this.call('container', id, () => this.client.getContainer(id).inspect());
    const level = info.Config.Labels?.[Labels.level];
    if (level) {
      throw new NestedDockerError(
        `container ${info.Name.replace(/^\//, '')} is level ${level}, not a plain container`,
        `use the level's own commands: nested-docker ${action === 'remove' ? 'collapse' : action} ${level}`,
        'is-level',
      );
    }
  }

  /** Runs one daemon call; a missing object becomes an error that names it and this level. */
  private async call<T>(kind: ResourceKind, id: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (statusCode(err) === 404) {
        throw new NestedDockerError(`no ${kind} '${id}' on level ${this.level.id}`, `list them with \`nested-docker ${kind === 'container' ? 'ps' : `${kind}s`} ${this.level.id}\``, 'not-found');
      }
      if (statusCode(err) === 409) {
        const message = (err as { json?: { message?: string } }).json?.message ?? String(err);
        throw new NestedDockerError(`${kind} ${id} on level ${this.level.id}: ${message}`, 'remove or stop what uses it first', 'in-use');
      }
      throw err;
    }
  }
}

function ignore(code: number): (err: unknown) => void {
  return (err) => {
    if (statusCode(err) !== code) throw err;
  };
}
