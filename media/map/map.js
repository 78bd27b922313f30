// The Nesting Map's webview: draws the boxes the extension sends (src/extension/map/mapModel.ts), keeps the
// selection in the webview state (restored after a reload), and posts actions back to the extension's commands.
// Text goes in through textContent only: level and container names never become markup.
(function () {
  const vscode = acquireVsCodeApi();
  const saved = vscode.getState() || {};
  let selected = saved.selected;
  let model = undefined;
  const towersEl = document.getElementById('towers');
  const detailsEl = document.getElementById('details');
  const summaryEl = document.getElementById('summary');
  const ACTIONS = {
    nest: { label: 'Nest One Level', short: '+ Nest', key: 'n' },
    openTerminal: { label: 'Open Terminal', short: 'Terminal', key: 't' },
    showDaemonLog: { label: 'Show Daemon Log', short: 'Log', key: 'l' },
    copyDockerHost: { label: 'Copy DOCKER_HOST', short: 'DOCKER_HOST', key: 'c' },
    preflight: { label: 'Run Preflight', short: 'Preflight', key: 'p' },
    remove: { label: 'Remove Level…', short: 'Remove…', key: 'Delete' },
  };

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function all(boxes, out) {
    for (const b of boxes) {
      out.push(b);
      all(b.children, out);
    }
    return out;
  }

  function find(key) {
    return model ? all(model.towers, []).find((b) => b.key === key) : undefined;
  }

  function post(action, box) {
    vscode.postMessage({ type: 'action', action, host: box.host, id: box.id });
  }

  function drawBox(b) {
    const s = el('section', `box tone-${b.tone} depth-${Math.min(b.depth, 6)}`);
    s.dataset.key = b.key;
    s.setAttribute('role', 'treeitem');
    s.setAttribute('aria-level', String(b.depth + 1));
    s.setAttribute('aria-label', `${b.title}, ${b.kind}, ${b.state}`);
    if (b.children.length) s.setAttribute('aria-expanded', 'true');
    s.tabIndex = -1;
    const head = el('div', 'head');
    head.append(el('span', 'dot'), el('strong', 'title', b.title), el('span', 'kind', b.kind), el('span', `state state-${b.tone}`, b.state));
    s.append(head);
    if (b.facts.length) s.append(el('div', 'facts', b.facts.join(' · ')));
    if (b.usage) {
      const u = el('div', 'usage');
      if (b.memoryShare !== undefined) {
        const gauge = el('span', 'gauge');
        const fill = el('span', `fill${b.memoryShare >= 0.9 ? ' hot' : ''}`);
        fill.style.width = `${Math.round(b.memoryShare * 100)}%`;
        gauge.append(fill);
        u.append(gauge);
      }
      u.append(el('span', '', b.usage));
      s.append(u);
    }
    if (b.error) s.append(el('div', 'error', b.error));
    if (b.findings.length) s.append(el('div', 'finding', b.findings.map((f) => `${f.severity}: ${f.evidence}`).join('\n')));
    if (b.containers.length) {
      const chips = el('div', 'chips');
      for (const c of b.containers) {
        const chip = el('span', `chip${c.running ? ' running' : ''}`, c.name);
        chip.title = `${c.name} (${c.id.slice(0, 12)})\n${c.image}\n${c.status}`;
        chip.append(el('small', '', ` ${c.image}`));
        chips.append(chip);
      }
      s.append(chips);
    }
    const actions = el('div', 'actions');
    for (const a of b.actions) {
      const btn = el('button', a === 'remove' ? 'danger' : '', ACTIONS[a].short);
      btn.title = ACTIONS[a].label;
      btn.setAttribute('aria-label', `${ACTIONS[a].label}: ${b.title}`);
      btn.dataset.action = a;
      btn.tabIndex = -1;
      btn.addEventListener('click', (e) => {
        e.stopPropagation();
        select(b.key, false);
        post(a, b);
      });
      actions.append(btn);
    }
    s.append(actions);
    if (b.children.length) {
      const kids = el('div', 'children');
      kids.setAttribute('role', 'group');
      for (const c of b.children) kids.append(drawBox(c));
      s.append(kids);
    }
    s.addEventListener('click', (e) => {
      e.stopPropagation();
      select(b.key, true);
    });
    return s;
  }

  function drawDetails(b) {
    detailsEl.replaceChildren();
    if (!b) {
      detailsEl.append(el('p', 'hint', 'Select a level to see its details.'));
      return;
    }
    detailsEl.append(el('h2', '', `${b.title}`), el('p', 'kind', b.kind));
    const dl = el('dl');
    for (const [k, v] of b.details) {
      dl.append(el('dt', '', k));
      const dd = el('dd', '', v);
      if (k === 'DOCKER_HOST' && v.startsWith('export ')) {
        const copy = el('button', 'copy', 'Copy');
        copy.title = 'Copy this line';
        copy.addEventListener('click', () => vscode.postMessage({ type: 'copy', text: v }));
        dd.append(' ', copy);
      }
      dl.append(dd);
    }
    detailsEl.append(dl);
    if (b.containers.length) {
      detailsEl.append(el('h3', '', `Containers (${b.containers.length})`));
      const ul = el('ul');
      for (const c of b.containers) ul.append(el('li', '', `${c.name} · ${c.image} · ${c.status}`));
      detailsEl.append(ul);
    }
    detailsEl.append(el('h3', '', 'Findings'));
    if (b.findings.length) {
      const ul = el('ul', 'findings');
      for (const f of b.findings) ul.append(el('li', `sev-${f.severity}`, `${f.severity} · ${f.title}: ${f.evidence}`));
      detailsEl.append(ul);
    } else detailsEl.append(el('p', 'hint', 'None now. Run Preflight checks this level in depth.'));
  }

  function render() {
    if (!model) return;
    const hadFocus = towersEl.contains(document.activeElement);
    towersEl.replaceChildren();
    summaryEl.textContent = model.empty ?? `${model.levelCount} level${model.levelCount === 1 ? '' : 's'} on ${model.towers.length} host${model.towers.length === 1 ? '' : 's'}`;
    for (const t of model.towers) {
      const tower = el('div', 'tower');
      tower.append(drawBox(t));
      towersEl.append(tower);
    }
    const boxes = all(model.towers, []);
    if (!boxes.some((b) => b.key === selected)) selected = boxes[0]?.key;
    select(selected, hadFocus);
    vscode.postMessage({ type: 'rendered', keys: boxes.map((b) => b.key), selected });
  }

  function boxEl(key) {
    return [...towersEl.querySelectorAll('section.box')].find((s) => s.dataset.key === key);
  }

  function select(key, focus) {
    selected = key;
    vscode.setState({ selected });
    for (const s of towersEl.querySelectorAll('section.box')) {
      const on = s.dataset.key === key;
      s.tabIndex = on ? 0 : -1;
      s.setAttribute('aria-selected', on ? 'true' : 'false');
      s.classList.toggle('selected', on);
      for (const b of s.querySelectorAll(':scope > .actions > button')) b.tabIndex = on ? 0 : -1;
    }
    const e = boxEl(key);
    if (e && focus) e.focus();
    drawDetails(find(key));
  }

  towersEl.addEventListener('keydown', (e) => {
    if (!model || e.target.tagName === 'BUTTON' && (e.key === 'Enter' || e.key === ' ')) return;
    const order = [...towersEl.querySelectorAll('section.box')];
    const i = order.findIndex((s) => s.dataset.key === selected);
    const cur = order[i];
    let next;
    switch (e.key) {
      case 'ArrowDown': next = order[i + 1]; break;
      case 'ArrowUp': next = order[i - 1]; break;
      case 'ArrowRight': next = cur && cur.querySelector(':scope > .children > section.box'); break;
      case 'ArrowLeft': next = cur && cur.parentElement.closest('section.box'); break;
      case 'Home': next = order[0]; break;
      case 'End': next = order[order.length - 1]; break;
      case 'Enter': detailsEl.focus(); e.preventDefault(); return;
      default: {
        const box = find(selected);
        const action = box && box.actions.find((a) => ACTIONS[a].key === e.key || ACTIONS[a].key === e.key.toLowerCase() || (a === 'remove' && e.key === 'Backspace'));
        if (action && !e.ctrlKey && !e.metaKey && !e.altKey) {
          e.preventDefault();
          post(action, box);
        }
        return;
      }
    }
    e.preventDefault();
    if (next) select(next.dataset.key, true);
  });

  window.addEventListener('message', (e) => {
    const m = e.data;
    if (m && m.type === 'state') {
      model = m.state;
      if (m.focus) selected = m.focus;
      render();
      if (m.focus) boxEl(selected)?.focus();
    }
  });
  vscode.postMessage({ type: 'ready' });
})();
