import * as assert from 'assert/strict';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { flatten } from '../../../src/engine/levels/levelNode';
import { Commands } from '../../../src/extension/constants';
import type { Services } from '../../../src/extension/services';
import type { LevelTreeItem, TreeNode } from '../../../src/extension/tree/nodes';

const EXTENSION_ID = 'nested-docker.nested-docker-sessions';

async function services(): Promise<Services> {
  const ext = vscode.extensions.getExtension<Services>(EXTENSION_ID);
  assert.ok(ext, 'the extension is installed');
  return ext.activate();
}

async function levelIds(s: Services): Promise<string[]> {
  s.tree.refresh();
  const root = await s.tree.current();
  return root ? flatten(root).map((n) => n.info.id) : [];
}

/** Modal dialogs cannot be clicked from inside the extension host: answer them here (the UI tests click them). */
function answerModals(answer: (message: string, items: string[]) => string | undefined): () => void {
  const original = vscode.window.showWarningMessage;
  (vscode.window as { showWarningMessage: unknown }).showWarningMessage = async (message: string, ...rest: unknown[]) => {
    const items = rest.filter((r): r is string => typeof r === 'string');
    return answer(message, items);
  };
  return () => {
    (vscode.window as { showWarningMessage: unknown }).showWarningMessage = original;
  };
}

/** Quick picks, input boxes and information messages answered in order, for commands that ask before they act. */
function answerPrompts(answers: { pick?: (labels: string[]) => string | undefined; inputs?: string[]; info?: (message: string, items: string[]) => string | undefined }): () => void {
  const w = vscode.window as unknown as Record<string, unknown>;
  const saved = { showQuickPick: w.showQuickPick, showInputBox: w.showInputBox, showInformationMessage: w.showInformationMessage };
  const inputs = [...(answers.inputs ?? [])];
  w.showQuickPick = async (items: readonly { label: string }[]) => {
    const label = answers.pick?.(items.map((i) => i.label));
    return items.find((i) => i.label === label);
  };
  w.showInputBox = async () => inputs.shift();
  w.showInformationMessage = async (message: string, ...rest: unknown[]) => answers.info?.(message, rest.filter((r): r is string => typeof r === 'string'));
  return () => Object.assign(w, saved);
}

describe('Nested Docker Sessions in the extension host (real daemon)', function () {
  let s: Services;
  const created: string[] = [];

  /** The report document of a level ("… — preflight" or "… — failed nest") with its diagnostics. */
  const report = (levelId: string, kind: 'preflight' | 'failed nest') =>
    s.diagnostics.all().find(([uri]) => uri.path.includes(`/${levelId}/`) && uri.path.endsWith(`— ${kind}`));
  /** Warnings and errors of every preflight report (what a person sees as problems, infos aside). */
  const loudPreflight = () => s.diagnostics.all()
    .filter(([uri]) => uri.path.endsWith('— preflight'))
    .flatMap(([, diags]) => diags.filter((d) => d.severity !== vscode.DiagnosticSeverity.Information));

  before(async () => {
    s = await services();
  });

  after(async () => {
    for (const id of created.reverse()) await s.engines.get().collapse(id, { purge: true }).catch(() => undefined);
  });

  it('activates without loading dockerode', () => {
    assert.equal(s.engines.dockerLoaded, false, 'dockerode is loaded on first use, not at activation');
  });

  it('registers every contributed command', async () => {
    const all = new Set(await vscode.commands.getCommands(true));
    const contributed = (vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command);
    assert.deepEqual([...contributed].sort(), Object.values(Commands).sort(), 'package.json contributes exactly the commands the extension defines');
    for (const id of contributed) assert.ok(all.has(id), `${id} is registered`);
  });

  it('shows the host from the real engine as the root of the tree', async () => {
    const roots = (await s.tree.getChildren()) as TreeNode[];
    assert.equal(roots.length, 1);
    const host = roots[0] as LevelTreeItem;
    const item = s.tree.getTreeItem(host);
    assert.equal(item.label, 'Host');
    assert.match(String(item.description), /ready/);
    assert.match(String(item.contextValue), /^level:ready:root:nestable$/);
  });

  it('nests two levels through the Nest One Level command and shows them as Inner (L1) and Inner-inner (L2)', async () => {
    const before = await levelIds(s);
    await vscode.commands.executeCommand('dind.level.nest', 'host');
    const afterOne = await levelIds(s);
    const l1 = afterOne.find((id) => !before.includes(id));
    assert.ok(l1, 'a new level appeared');
    created.push(l1);
    await vscode.commands.executeCommand('dind.level.nest', l1);
    const l2 = (await levelIds(s)).find((id) => !afterOne.includes(id));
    assert.ok(l2, 'a level appeared under L1');
    created.push(l2);

    const item1 = await s.tree.findItem(l1);
    const item2 = await s.tree.findItem(l2);
    assert.equal(s.tree.getTreeItem(item1!).label, 'Inner (L1)');
    assert.equal(s.tree.getTreeItem(item2!).label, 'Inner-inner (L2)');
    assert.equal(item2!.level.info.parentId, l1);
    assert.equal(item2!.level.info.state, 'ready');
    assert.match(String(s.tree.getTreeItem(item2!).description), /ready · (capabilities|privileged|sysbox) · (relay|tunnel)/);
  });

  it('runs the preflight of a level into diagnostics on its report document', async () => {
    const l2 = created[1];
    await vscode.commands.executeCommand('dind.preflight.run', l2);
    const entry = report(l2, 'preflight');
    assert.ok(entry, 'a report document for the level has diagnostics');
    assert.ok(entry[0].path.endsWith(`/Inner-inner (L2) · ${l2} — preflight`), `the report is named after its level: ${entry[0].path}`);
    const doc = await vscode.workspace.openTextDocument(entry[0]);
    assert.match(doc.getText(), new RegExp(`Preflight of Inner-inner \\(L2\\) · ${l2}`));
    for (const d of entry[1]) {
      assert.equal(d.source, 'DinD');
      assert.ok(doc.lineAt(d.range.start.line).text.includes('evidence:'), 'each diagnostic sits on its evidence line');
    }
  });

  it('shows a healthy two-level tower as at most one warning, none once the privileged risk is accepted', async () => {
    const config = vscode.workspace.getConfiguration('dind');
    // The workspace turns the privileged warning off (the risk is accepted): turn it on, as for a new user, and put
    // the workspace's own value back afterwards (removing the key would turn the warning on for the next tests).
    const workspaceValue = config.inspect<boolean>('levels.confirmPrivileged')?.workspaceValue;
    await config.update('levels.confirmPrivileged', true, vscode.ConfigurationTarget.Workspace);
    try {
      await vscode.commands.executeCommand('dind.preflight.run');
      const before = loudPreflight();
      assert.ok(before.length <= 1, `at most one warning: ${before.map((d) => `${String((d.code as { value: string }).value)}: ${d.message}`).join(' | ')}`);
      for (const id of ['host', ...created]) assert.ok(report(id, 'preflight'), `${id} has its report`);
    } finally {
      await config.update('levels.confirmPrivileged', workspaceValue, vscode.ConfigurationTarget.Workspace);
    }
    assert.deepEqual(loudPreflight().map((d) => d.message), [], 'nothing left to warn about once the risk is accepted');
  });

  it('opens the Nesting Map on a level and draws L2 inside L1 inside the host, with the figures of each', async () => {
    const [l1, l2] = created;
    const host = (await s.tree.current())!.info.host ?? '';
    const key = (id: string) => `${host}/${id}`;
    const drawn = new Promise<{ keys: string[]; selected?: string }>((resolve) => {
      const sub = s.map.onDidRender((r) => {
        if (r.keys.includes(key(l2)) && r.selected === key(l2)) {
          sub.dispose();
          resolve(r);
        }
      });
    });
    await vscode.commands.executeCommand(Commands.openMap, { id: l2, host });
    const rendered = await drawn;
    assert.ok(rendered.keys.indexOf(key('host')) < rendered.keys.indexOf(key(l1)) && rendered.keys.indexOf(key(l1)) < rendered.keys.indexOf(key(l2)), 'the webview drew host, L1, L2 in order');
    assert.ok(s.map.visible, 'the map is shown');
    const l1Box = s.map.state.towers[0].children.find((b) => b.id === l1);
    assert.ok(l1Box, 'L1 is a box inside the host');
    assert.deepEqual(l1Box.children.map((b) => b.id), [l2], 'L2 is a box inside L1');
    assert.ok(l1Box.actions.includes('nest') && l1Box.actions.includes('remove'));
    // One stats stream per level while the map is shown: the figures arrive within a few seconds.
    const deadline = Date.now() + 30_000;
    while (!s.map.state.towers[0].children.find((b) => b.id === l1)?.usage && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
    assert.match(s.map.state.towers[0].children.find((b) => b.id === l1)?.usage ?? '', /^CPU \d+\.\d % · mem \d/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    assert.equal(s.map.visible, false);
  });

  it('diagnoses a failed nest without being asked, with a quick fix where one exists', async () => {
    const restore = answerModals(() => undefined);
    const config = vscode.workspace.getConfiguration('dind');
    await config.update('levels.launchMode', 'privileged', vscode.ConfigurationTarget.Workspace);
    const errors: string[] = [];
    const originalError = vscode.window.showErrorMessage;
    (vscode.window as { showErrorMessage: unknown }).showErrorMessage = async (m: string) => {
      errors.push(m);
      return undefined;
    };
    try {
      const before = await levelIds(s);
      await vscode.commands.executeCommand('dind.level.nest', 'host');
      const after = await levelIds(s);
      const failure = report('host', 'failed nest');
      if (errors.length === 0) {
        // A host that grants every capability: privileged works, so the outcome to check is a privileged level
        // and no failure report.
        const added = after.filter((id) => !before.includes(id));
        assert.equal(added.length, 1, 'exactly one level was nested');
        const item = await s.tree.findItem(added[0]);
        try {
          assert.equal(item?.level.info.mode, 'privileged');
          assert.equal(item?.level.info.state, 'ready');
          assert.equal(failure, undefined, 'no failure was reported');
        } finally {
          await s.engines.get().collapse(added[0], { purge: true });
        }
        return;
      }
      assert.deepEqual(after, before, 'nothing was left behind');
      assert.ok(failure, 'the failure is in the Problems panel');
      const codes = failure[1].map((d) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code)));
      assert.equal(codes[0], 'caps-unavailable');
      const doc = await vscode.workspace.openTextDocument(failure[0]);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', failure[0], failure[1][0].range);
      assert.ok(actions.some((a) => /capabilities/i.test(a.title)), 'a quick fix offers capabilities mode');
      assert.ok(doc.getText().includes('unable to apply caps'));
    } finally {
      (vscode.window as { showErrorMessage: unknown }).showErrorMessage = originalError;
      await config.update('levels.launchMode', undefined, vscode.ConfigurationTarget.Workspace);
      restore();
    }
  });

  /** Runs Nest One Level (errors answered silently) and returns the codes of the failed-nest diagnostics on `parent`. */
  async function failedNestCodes(arg: unknown, parent: string): Promise<string[]> {
    const original = vscode.window.showErrorMessage;
    (vscode.window as { showErrorMessage: unknown }).showErrorMessage = async () => undefined;
    try {
      await vscode.commands.executeCommand('dind.level.nest', arg);
    } finally {
      (vscode.window as { showErrorMessage: unknown }).showErrorMessage = original;
    }
    const failure = report(parent, 'failed nest');
    assert.ok(failure, `a failed nest on ${parent} is in the Problems panel`);
    return failure[1].map((d) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code)));
  }

  it('classifies an image whose iptables lacks its modules as iptables-failure', async () => {
    const config = vscode.workspace.getConfiguration('dind');
    await config.update('levels.image', 'nested-docker/test:no-iptables', vscode.ConfigurationTarget.Workspace);
    try {
      const before = await levelIds(s);
      const codes = await failedNestCodes('host', 'host');
      assert.equal(codes[0], 'iptables-failure');
      assert.deepEqual(await levelIds(s), before, 'nothing was left behind');
    } finally {
      await config.update('levels.image', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('classifies nesting into a level started without cgroup preparation as cgroup-readonly', async () => {
    const before = await levelIds(s);
    await vscode.commands.executeCommand('dind.level.nest', { parentId: 'host', overrides: { skipCgroupSetup: true } });
    const bare = (await levelIds(s)).find((id) => !before.includes(id));
    assert.ok(bare, 'the level without cgroup preparation starts');
    try {
      const codes = await failedNestCodes(bare, bare);
      assert.ok(codes.includes('cgroup-readonly'), `cgroup-readonly among ${codes.join(', ')}`);
      await vscode.commands.executeCommand('dind.preflight.run', bare);
      const preflight = report(bare, 'preflight');
      const preflightCodes = preflight![1].map((d) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code)));
      assert.ok(preflightCodes.includes('cgroup-readonly'), 'preflight finds it too');
    } finally {
      await s.engines.get().collapse(bare, { purge: true });
    }
  });

  it('collapses L1 through the command (keeping data), removing L1 and L2', async () => {
    const [l1, l2] = created;
    const restore = answerModals((_m, items) => items.find((i) => /Keep Data/.test(i)));
    try {
      await vscode.commands.executeCommand('dind.level.collapse', l1);
    } finally {
      restore();
    }
    const ids = await levelIds(s);
    assert.ok(!ids.includes(l2), 'L2 is gone');
    // L1's kept data volume lists it as data only, ready to be nested again on its data.
    const kept = flatten((await s.tree.current())!).find((n) => n.info.id === l1);
    assert.equal(kept?.info.state, 'data-only', 'L1 is listed as data only');
    assert.equal(report(l1, 'preflight'), undefined, 'the removed level\'s problems left the panel');
    assert.equal(report(l2, 'preflight'), undefined, 'and so did its child\'s');
    const volumes = (await s.engines.get().hostClient.listVolumes({ filters: { label: [`nested-docker.level=${l1}`] } } as never)) as unknown as { Volumes: { Name: string }[] };
    assert.equal(volumes.Volumes?.length, 1, 'the data volume was kept');
    await s.engines.get().hostClient.getVolume(volumes.Volumes[0].Name).remove();
    created.length = 0;
  });

  it('exposes an L1 over TLS from its row and unexposes it, leaving no context behind', async () => {
    const before = await levelIds(s);
    await vscode.commands.executeCommand('dind.level.nest', 'host');
    const l1 = (await levelIds(s)).find((id) => !before.includes(id));
    assert.ok(l1, 'a new level appeared');
    created.push(l1);
    const row = (await s.tree.findItem(l1))!;
    assert.match(String(s.tree.getTreeItem(row).contextValue), /:exposable$/, 'the row offers Expose');
    const infos: string[] = [];
    const restorePrompts = answerPrompts({ pick: (labels) => labels[0], info: (m, items) => (infos.push(m), assert.ok(items.some((i) => /Copy docker --context/.test(i))), undefined) });
    const restoreModals = answerModals((_m, items) => items.find((i) => i === 'Expose'));
    try {
      await vscode.commands.executeCommand('dind.level.expose', row);
    } finally {
      restoreModals();
      restorePrompts();
    }
    const context = `nested-docker-${l1}`;
    assert.match(infos.join(' | '), new RegExp(`answers on tcp://127\\.0\\.0\\.1:\\d+ .*${context}`));
    const version = execFileSync('docker', ['--context', context, 'version', '--format', '{{.Server.Version}}'], { encoding: 'utf8' }).trim();
    assert.match(version, /^\d+\.\d+/, 'the context answers over TLS');
    const exposedRow = (await s.tree.findItem(l1))!;
    assert.match(String(s.tree.getTreeItem(exposedRow).contextValue), /:exposed$/, 'the row offers Unexpose');

    const restoreInfo = answerPrompts({ info: (m) => (infos.push(m), undefined) });
    try {
      await vscode.commands.executeCommand('dind.level.unexpose', exposedRow);
    } finally {
      restoreInfo();
    }
    assert.match(infos[infos.length - 1], /listener is closed/);
    const contexts = execFileSync('docker', ['context', 'ls', '--format', '{{.Name}}'], { encoding: 'utf8' });
    assert.ok(!contexts.split('\n').includes(context), 'the context is gone');
    await s.engines.get().collapse(l1, { purge: true });
    created.pop();
  });

  it('nests a DooD sibling from a row: the host\'s daemon shared, drawn as a sibling, no nest offered', async () => {
    const before = await levelIds(s);
    const restorePrompts = answerPrompts({ inputs: ['', ''], info: (_m, items) => items.find((i) => i === 'Nest') });
    try {
      await vscode.commands.executeCommand('dind.level.nestDood', 'host');
    } finally {
      restorePrompts();
    }
    const id = (await levelIds(s)).find((x) => !before.includes(x));
    assert.ok(id, 'a DooD level appeared');
    try {
      const node = flatten((await s.tree.current())!).find((n) => n.info.id === id)!;
      assert.equal(node.info.mode, 'dood');
      assert.equal(node.info.sharesDaemonOf, 'host');
      const item = s.tree.getTreeItem((await s.tree.findItem(id))!);
      assert.equal(item.contextValue, 'level:ready:nested:dood');
      const seen = execFileSync('docker', ['exec', node.info.containerName!, 'docker', 'ps', '--format', '{{.Names}}'], { encoding: 'utf8' });
      assert.ok(seen.split('\n').includes(node.info.containerName!), 'from inside, docker ps lists the parent\'s containers, itself among them');
    } finally {
      await s.engines.get().collapse(id, { purge: true });
    }
  });

  it('shows an added host as another root of the tree, and forgets it when removed', async () => {
    // The extension host is this process: the hosts list goes to a folder of the test's own.
    process.env.NESTED_DOCKER_CONFIG_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'nd-hosts-'));
    await s.engines.addHost('loopback', 'unix:///var/run/docker.sock');
    try {
      s.tree.refresh();
      const roots = (await s.tree.getChildren()) as LevelTreeItem[];
      assert.equal(roots.length, 2);
      const added = s.tree.getTreeItem(roots[1]);
      assert.equal(added.label, 'Host');
      assert.match(String(added.description), /^loopback · ready/);
      assert.match(String(added.contextValue), /^level:ready:root:nestable:removable$/);
      assert.doesNotMatch(String(s.tree.getTreeItem(roots[0]).contextValue), /removable/);
    } finally {
      await s.engines.removeHost('loopback');
    }
    s.tree.refresh();
    assert.equal(((await s.tree.getChildren()) as TreeNode[]).length, 1);
  });
});
