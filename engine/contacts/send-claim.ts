import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';

/** Claims of send jobs running in this process (a job that threw leaves its claim behind). */
const running = new Set<string>();

/**
 * A new claim for a send job: `host:pid:nonce`, so a later job can tell whether the claimer still runs.
 * @returns the claim, registered as running until released
 */
export function newClaim(): string {
  const claim = `${hostname()}:${process.pid}:${randomBytes(6).toString('hex')}`;
  running.add(claim);
  return claim;
}

/**
 * Marks a claim as finished.
 * @param claim the claim
 */
export function releaseClaim(claim: string): void {
  running.delete(claim);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether a mail held by another claim may be taken over: the claim is older than the lease, or
 * its job ran on this machine and that process (or, in this process, that job) is gone. A killed
 * send job is thus resumed at once on the same machine; elsewhere after the lease.
 * @param claimedBy the claim on the mail
 * @param claimedAt when it was claimed (ISO)
 * @param now the current time
 * @param leaseMs the lease
 * @returns true when the mail may be sent again
 */
export function isClaimAbandoned(claimedBy: string | null, claimedAt: string | null, now: Date, leaseMs: number): boolean {
  if (!claimedBy || !claimedAt) return true;
  if (now.getTime() - Date.parse(claimedAt) >= leaseMs) return true;
  const [host, pidText] = claimedBy.split(':');
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isInteger(pid)) return false;
  if (pid === process.pid) return !running.has(claimedBy);
  return !processAlive(pid);
}
