/**
 * Checks the shape of src/ that ESLint cannot see file by file (run by `npm run lint`, unit-tested too):
 *  - no import cycles, type-only imports included (a type cycle still couples two files' reasons to change);
 *  - the engine's folders depend one way, lower layers never on higher ones nor on the engine's root files;
 *  - every export of src/ is imported somewhere (src/, test/ or scripts/), entry points excepted.
 * It reads the sources with the TypeScript parser, so it needs no compile and sees `import type` and `import()`.
 * Usage: node out/scripts/checkArchitecture.js   (exit code 1 and one line per problem when the shape is broken)
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

/** Engine folders, lowest first: a file may import its own folder and the folders before it, never one after. */
export const ENGINE_LAYERS = ['core', 'transport', 'hosts', 'levels', 'session', 'preflight', 'launch'] as const;

/** Exports consumed from outside the TypeScript graph: VS Code calls activate/deactivate, bin/ calls run. */
const ENTRY_EXPORTS = new Set(['src/extension/extension.ts#activate', 'src/extension/extension.ts#deactivate', 'src/cli/main.ts#run']);

export interface ModuleInfo {
  /** Repository-relative path, forward slashes. */
  file: string;
  /** Resolved repository-relative targets of every relative import, export-from, require() and import(). */
  imports: { target: string; names: string[] | '*' }[];
  /** Names this file exports (its own declarations and re-exports). */
  exports: string[];
  /** `export * from` targets: names not exported here resolve through them. */
  starFrom: string[];
  /** `export { a as b } from`: local export name → [target, name there]. */
  reexports: Map<string, [string, string]>;
  /** Exported interfaces and type aliases. */
  typeExports: Set<string>;
  /** Identifiers named in each exported declaration (a used export's signature keeps its types in use). */
  references: Map<string, Set<string>>;
}

export function listSources(root: string, dirs: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    if (!fs.existsSync(path.join(root, dir))) return;
    for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(rel);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(rel);
    }
  };
  dirs.forEach(walk);
  return out.sort();
}

function resolveRelative(from: string, spec: string, exists: (file: string) => boolean): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  return [`${base}.ts`, `${base}/index.ts`].find(exists);
}

function hasExportModifier(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && !!ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/** Parses one file's imports and exports (syntax only: fast, and independent of the compile). */
export function parseModule(file: string, text: string, exists: (file: string) => boolean): ModuleInfo {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const info: ModuleInfo = { file, imports: [], exports: [], starFrom: [], reexports: new Map(), typeExports: new Set(), references: new Map() };
  const addImport = (spec: string, names: string[] | '*') => {
    const target = resolveRelative(file, spec, exists);
    if (target) info.imports.push({ target, names });
    return target;
  };
  const identifiersIn = (node: ts.Node): Set<string> => {
    const names = new Set<string>();
    const walk = (n: ts.Node): void => {
      if (ts.isIdentifier(n)) names.add(n.text);
      ts.forEachChild(n, walk);
    };
    walk(node);
    return names;
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const bindings = clause?.namedBindings;
      const names = bindings && ts.isNamespaceImport(bindings)
        ? '*'
        : [...(clause?.name ? ['default'] : []), ...(bindings && ts.isNamedImports(bindings) ? bindings.elements.map((e) => (e.propertyName ?? e.name).text) : [])];
      addImport(node.moduleSpecifier.text, names);
    } else if (ts.isExportDeclaration(node)) {
      const clause = node.exportClause;
      if (node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
        if (!clause) {
          const target = addImport(node.moduleSpecifier.text, []);
          if (target) info.starFrom.push(target);
        } else if (ts.isNamedExports(clause)) {
          const target = addImport(node.moduleSpecifier.text, clause.elements.map((e) => (e.propertyName ?? e.name).text));
          for (const e of clause.elements) {
            info.exports.push(e.name.text);
            if (target) info.reexports.set(e.name.text, [target, (e.propertyName ?? e.name).text]);
          }
        }
      } else if (clause && ts.isNamedExports(clause)) {
        info.exports.push(...clause.elements.map((e) => e.name.text));
      }
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      addImport(node.argument.literal.text, node.qualifier && ts.isIdentifier(node.qualifier) ? [node.qualifier.text] : '*');
    } else if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteral(node.arguments[0])) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require')) {
        addImport(node.arguments[0].text, '*');
      }
    } else if (hasExportModifier(node)) {
      if (ts.isVariableStatement(node)) {
        for (const d of node.declarationList.declarations) {
          if (ts.isIdentifier(d.name)) {
            info.exports.push(d.name.text);
            info.references.set(d.name.text, identifiersIn(d));
          }
        }
      } else if ((ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node) || ts.isInterfaceDeclaration(node)
        || ts.isTypeAliasDeclaration(node) || ts.isEnumDeclaration(node)) && node.name) {
        info.exports.push(node.name.text);
        info.references.set(node.name.text, identifiersIn(node));
        if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) info.typeExports.add(node.name.text);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return info;
}

/** Every import cycle, as the files of each strongly connected component (Tarjan). */
export function findCycles(modules: readonly ModuleInfo[]): string[][] {
  const edges = new Map(modules.map((m) => [m.file, [...new Set(m.imports.map((i) => i.target))]]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let next = 0;
  const strongConnect = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        strongConnect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || edges.get(v)?.includes(v)) cycles.push(component.sort());
    }
  };
  for (const m of modules) if (!index.has(m.file)) strongConnect(m.file);
  return cycles;
}

/** The engine layer of a file ('root' for src/engine/*.ts), or undefined outside the engine. */
export function engineLayer(file: string): string | undefined {
  const m = /^src\/engine\/(?:([^/]+)\/)?[^/]+\.ts$/.exec(file) ?? /^src\/engine\/([^/]+)\//.exec(file);
  if (!m) return undefined;
  return m[1] ?? 'root';
}

/** Imports that run against the engine's layering, as "from → to" lines. */
export function layerViolations(modules: readonly ModuleInfo[], layers: readonly string[] = ENGINE_LAYERS): string[] {
  const out: string[] = [];
  for (const m of modules) {
    const from = engineLayer(m.file);
    if (!from || from === 'root') continue;
    const rank = layers.indexOf(from);
    for (const { target } of m.imports) {
      const to = engineLayer(target);
      if (!to) out.push(`${m.file} → ${target}: the engine imports nothing outside src/engine/`);
      else if (to === 'root') out.push(`${m.file} → ${target}: a folder of the engine imports the engine's root files`);
      else if (rank < 0 || layers.indexOf(to) < 0) out.push(`${m.file} → ${target}: folder '${rank < 0 ? from : to}' is not in ENGINE_LAYERS`);
      else if (layers.indexOf(to) > rank) out.push(`${m.file} → ${target}: '${from}' is below '${to}'`);
    }
  }
  return out;
}

/** Exports of src/ that nothing imports, as "file#name". */
export function unusedExports(modules: readonly ModuleInfo[]): string[] {
  const byFile = new Map(modules.map((m) => [m.file, m]));
  const used = new Set<string>();
  const markUsed = (file: string, name: string, seen = new Set<string>()): void => {
    const key = `${file}#${name}`;
    if (seen.has(key)) return;
    seen.add(key);
    used.add(key);
    const m = byFile.get(file);
    if (!m) return;
    const re = m.reexports.get(name);
    if (re) markUsed(re[0], re[1], seen);
    else if (!m.exports.includes(name)) for (const star of m.starFrom) markUsed(star, name, seen);
  };
  const markAll = (file: string, seen = new Set<string>()): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const m = byFile.get(file);
    m?.exports.forEach((name) => markUsed(file, name));
    m?.starFrom.forEach((star) => markAll(star, seen));
  };
  for (const m of modules) {
    for (const i of m.imports) {
      if (i.names === '*') markAll(i.target);
      else i.names.forEach((name) => markUsed(i.target, name));
    }
  }
  // A type named in the signature of a used export (or an entry point) is part of that export's API.
  for (let grew = true; grew; ) {
    grew = false;
    for (const m of modules) {
      for (const [name, refs] of m.references) {
        const key = `${m.file}#${name}`;
        if (!used.has(key) && !ENTRY_EXPORTS.has(key)) continue;
        // Types keep what they name (classes of a union included); values keep only the types in their signature.
        const keeps = m.typeExports.has(name) ? m.exports : [...m.typeExports];
        for (const t of keeps) {
          if (t !== name && refs.has(t) && !used.has(`${m.file}#${t}`)) {
            used.add(`${m.file}#${t}`);
            grew = true;
          }
        }
      }
    }
  }
  return modules
    .filter((m) => m.file.startsWith('src/'))
    .flatMap((m) => m.exports.map((name) => `${m.file}#${name}`))
    .filter((key) => !used.has(key) && !ENTRY_EXPORTS.has(key));
}

export function loadModules(root: string): ModuleInfo[] {
  const files = listSources(root, ['src', 'test', 'scripts']);
  const known = new Set(files);
  return files.map((f) => parseModule(f, fs.readFileSync(path.join(root, f), 'utf8'), (x) => known.has(x)));
}

/** Every problem of the repository at `root`, one line each. */
export function checkArchitecture(root: string): string[] {
  const modules = loadModules(root);
  return [
    ...findCycles(modules.filter((m) => m.file.startsWith('src/'))).map((c) => `import cycle: ${c.join(' ⇄ ')}`),
    ...layerViolations(modules).map((v) => `layering: ${v}`),
    ...unusedExports(modules).map((u) => `unused export: ${u} (un-export it, or delete it if nothing uses it)`),
  ];
}

if (require.main === module) {
  const problems = checkArchitecture(path.resolve(__dirname, '..', '..'));
  for (const p of problems) process.stderr.write(`${p}\n`);
  if (problems.length) process.exitCode = 1;
  else process.stdout.write('architecture: no cycles, engine layers one way, no unused exports\n');
}
