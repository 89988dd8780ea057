import type { Request, Response, NextFunction } from 'express';
import { RequestContext } from './request-context';

/** Opens the request's context; everything the request runs afterwards sees it. */
export function requestContextMiddleware(req: Request, _res: Response, next: NextFunction): void {
  RequestContext.run(
    { ip: req.ip ?? null, requestId: typeof req.id === 'string' ? req.id : null, actor: null },
    next,
  );
}
