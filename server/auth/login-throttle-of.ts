import { createLoginThrottle, type LoginThrottle } from '../../engine/workflows/index.ts';
import type { AppDeps } from '../app-deps.ts';

const throttles = new WeakMap<AppDeps, LoginThrottle>();

/**
 * The app's one login throttle, with the configured limits, made at first use and shared by the
 * API, the pages and every other place a password or code is checked.
 * @param deps the app's dependencies
 * @returns the throttle
 */
export function loginThrottleOf(deps: AppDeps): LoginThrottle {
  let t = throttles.get(deps);
  if (!t) throttles.set(deps, (t = createLoginThrottle(deps.db, deps.config.throttle)));
  return t;
}
