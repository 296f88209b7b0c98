import type { Request } from 'express';
import type { ClientInfo } from '../../engine/workflows/index.ts';

/**
 * Where a request came from, for the throttle and the audit log: the address express reads
 * (through a trusted proxy's header when configured) and the user agent.
 * @param req the request
 * @returns address and user agent
 */
export function clientInfo(req: Request): ClientInfo {
  return { ip: req.ip ?? 'ukendt', userAgent: req.get('user-agent') ?? '' };
}
