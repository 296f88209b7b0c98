import type { ToolCommand } from './tool-command.ts';

/**
 * A command as one line to print for an operator (arguments single-quoted for a POSIX shell).
 * @param cmd the command
 * @returns the line
 */
export function shellLine(cmd: ToolCommand): string {
  return [cmd.program, ...cmd.args].map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}
