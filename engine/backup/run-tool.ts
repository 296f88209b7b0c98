import { spawn } from 'node:child_process';
import type { ToolCommand } from './tool-command.ts';

/**
 * Runs pg_dump or pg_restore and collects its error output.
 * @param cmd the command
 * @returns exit code 0, or the code (127 when the program is not installed) and its stderr
 */
export function runTool(cmd: ToolCommand): Promise<{ ok: true } | { ok: false; code: number; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd.program, [...cmd.args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.once('error', (e: NodeJS.ErrnoException) => resolve({ ok: false, code: e.code === 'ENOENT' ? 127 : 1, stderr: e.message }));
    child.once('close', (code) => resolve(code === 0 ? { ok: true } : { ok: false, code: code ?? 1, stderr }));
  });
}
