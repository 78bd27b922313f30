// What Run… asks for, checked without VS Code (unit-tested): a container name and a command as an argument array.

/** Why a container name would be refused by Docker, or undefined when it is fine (empty: Docker picks one). */
export function containerNameProblem(name: string): string | undefined {
  return name && !/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(name) ? 'Letters, digits, _ . - only, starting with a letter or digit' : undefined;
}
