import { describe, expect, it } from 'vitest';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import { inOrder } from '../../server/in-order.ts';
import { getFromApp } from '../helpers/index.ts';

const get = async (app: Express, p: string) => (await getFromApp(app, [p]))[0]!;

function appWith(...handlers: RequestHandler[]): Express {
  const app = express();
  app.use(inOrder(...handlers));
  app.get('/x', (req, res) => void res.send(`after:${(req as unknown as { seen: string[] }).seen.join(',')}`));
  const onError: ErrorRequestHandler = (err: Error, _req, res, _next) => void res.status(500).send(`error:${err.message}`);
  app.use(onError);
  return app;
}

const mark =
  (name: string): RequestHandler =>
  (req, _res, next) => {
    const r = req as unknown as { seen?: string[] };
    (r.seen ??= []).push(name);
    next();
  };

describe('inOrder', () => {
  it('runs the middleware in order, then the app goes on', async () => {
    expect(await get(appWith(mark('a'), mark('b'), mark('c')), '/x')).toEqual({ status: 200, text: 'after:a,b,c' });
  });

  it('runs async middleware to its end before the next', async () => {
    const slow: RequestHandler = async (req, _res, next) => {
      await new Promise((r) => setTimeout(r, 20));
      (req as unknown as { seen: string[] }).seen.push('slow');
      next();
    };
    expect((await get(appWith(mark('a'), slow, mark('b')), '/x')).text).toBe('after:a,slow,b');
  });

  it('stops at a middleware that answers', async () => {
    const answer: RequestHandler = (_req, res) => void res.status(401).send('stopped');
    expect(await get(appWith(mark('a'), answer, mark('b')), '/x')).toEqual({ status: 401, text: 'stopped' });
  });

  it('hands an error passed on, thrown or rejected to the error handler and runs nothing after it', async () => {
    const after: RequestHandler = () => {
      throw new Error('ran after the error');
    };
    const passed: RequestHandler = (_req, _res, next) => next(new Error('passed'));
    const thrown: RequestHandler = () => {
      throw new Error('thrown');
    };
    const rejected: RequestHandler = async () => {
      await Promise.resolve();
      throw new Error('rejected');
    };
    for (const [h, message] of [
      [passed, 'passed'],
      [thrown, 'thrown'],
      [rejected, 'rejected'],
    ] as const) {
      expect(await get(appWith(mark('a'), h, after), '/x')).toEqual({ status: 500, text: `error:${message}` });
    }
  });
});
