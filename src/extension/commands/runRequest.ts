// What Run… asks for, checked without VS Code (unit-tested): a container name and a command as an argument array.

/** Why a container name would be refused by Docker, or undefined when it is fine (empty: Docker picks one). */
export function containerNameProblem(name: string): string | undefined {
  return name && !/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(name) ? 'Letters, digits, _ . - only, starting with a letter or digit' : undefined;
}

/** Words of a command line; quotes group words (no shell is involved: the container gets an argument array). */
export function splitWords(line: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line))) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}
