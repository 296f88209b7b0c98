import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** A process held to a share of the machine's cores, and how to let it go. */
export interface CpuQuota {
  /** Removes the control group once the process has exited (it must have). */
  release(): void;
}

const ROOT = '/sys/fs/cgroup';
const PERIOD_US = 100_000;

/**
 * Holds a running process (all its threads) to `cores` cores through a Linux control group, as a
 * container's CPU limit holds a deployed instance. On a machine with few cores shared by the
 * instances, the database and the load generator, a second instance has nothing to add unless each
 * instance has a fixed share; with one, two instances against one measure whether the service
 * scales out, which is what a deployment with its own cores per instance gets.
 * @param pid the process
 * @param cores the share, e.g. 0.4
 * @param name a name for the group, unique on the machine
 * @returns the quota, or a reason it cannot be set here (no control groups, not permitted)
 */
export function holdToCpu(pid: number, cores: number, name: string): CpuQuota | { error: string } {
  const quota = String(Math.round(cores * PERIOD_US));
  try {
    if (existsSync(path.join(ROOT, 'cgroup.controllers'))) {
      // cgroup v2: the cpu controller must be handed down to the new group.
      if (!readFileSync(path.join(ROOT, 'cgroup.subtree_control'), 'utf8').includes('cpu')) writeFileSync(path.join(ROOT, 'cgroup.subtree_control'), '+cpu');
      const dir = path.join(ROOT, name);
      mkdirSync(dir);
      writeFileSync(path.join(dir, 'cpu.max'), `${quota} ${PERIOD_US}`);
      writeFileSync(path.join(dir, 'cgroup.procs'), String(pid));
      return { release: () => rmdirSync(dir) };
    }
    const v1 = path.join(ROOT, 'cpu');
    if (!existsSync(path.join(v1, 'cpu.cfs_quota_us'))) return { error: 'no cpu control group on this machine' };
    const dir = path.join(v1, name);
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'cpu.cfs_period_us'), String(PERIOD_US));
    writeFileSync(path.join(dir, 'cpu.cfs_quota_us'), quota);
    // cgroup.procs moves every thread of the process (the thread pool and workers too).
    writeFileSync(path.join(dir, 'cgroup.procs'), String(pid));
    return { release: () => rmdirSync(dir) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}
