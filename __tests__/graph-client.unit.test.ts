// The Graph client (src/graph/client.ts) against a scripted HTTP server on 127.0.0.1: what each
// request carries, which answers are retried and how long it waits, and the one-line errors, each
// expected text written out here.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GraphClient, GraphError, retryDelaySeconds, sentence, type GraphCall } from '../src/graph/client.js';

type Answer = { status: number; body?: string; headers?: Record<string, string> };
type Seen = { method: string; url: string; headers: IncomingHttpHeaders; body: string };

const CALL: GraphCall = { what: 'creating the job', permission: 'Synchronization.ReadWrite.All' };

let server: Server;
let origin = '';
let answers: Answer[] = [];
let seen: Seen[] = [];
let waits: number[] = [];
let retries: string[] = [];

beforeEach(async () => {
  answers = [];
  seen = [];
  waits = [];
  retries = [];
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const answer = answers.shift() ?? { status: 500, body: 'no answer scripted' };
      res.writeHead(answer.status, answer.headers).end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const client = (maxWaitSeconds = 60) =>
  new GraphClient({
    graphUrl: origin,
    token: 'tok',
    maxRetries: 2,
    maxWaitSeconds,
    sleep: async (ms) => {
      waits.push(ms);
    },
    onRetry: (seconds, reason) => retries.push(`${seconds} ${reason}`),
  });

const failure = async (promise: Promise<unknown>): Promise<GraphError> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GraphError);
  return error as GraphError;
};

describe('what a request carries', () => {
  it('a body goes as JSON with its content type; a GET has neither', async () => {
    answers.push({ status: 201, body: '{"id":"1"}' }, { status: 200, body: '{"id":"1"}' });
    const c = client();
    expect(await c.request(CALL, 'POST', '/beta/x', { a: 1 })).toEqual({ status: 201, body: { id: '1' } });
    expect(await c.get(CALL, '/beta/x/1')).toEqual({ id: '1' });
    c.dispose();
    expect(seen.map((s) => [s.method, s.url, s.headers['content-type'], s.body, s.headers.authorization])).toEqual([
      ['POST', '/beta/x', 'application/json', '{"a":1}', 'Bearer tok'],
      ['GET', '/beta/x/1', undefined, '', 'Bearer tok'],
    ]);
  });
});

describe('answers without a body', () => {
  it('a blank 2xx answer is no body; get() says the answer is empty', async () => {
    answers.push({ status: 204, body: '' }, { status: 200, body: ' \n ' });
    const c = client();
    expect(await c.request(CALL, 'DELETE', '/beta/x/1')).toEqual({ status: 204, body: undefined });
    expect((await failure(c.get(CALL, '/beta/x/1'))).message).toBe("Microsoft Graph's answer to creating the job is empty.");
    c.dispose();
  });

  it('a 2xx answer that is not JSON fails in one line', async () => {
    answers.push({ status: 200, body: '<html>' });
    const c = client();
    const error = await failure(c.get(CALL, '/beta/x'));
    c.dispose();
    expect([error.message, error.status]).toEqual(["Microsoft Graph's answer to creating the job is not JSON (HTTP 200).", 200]);
  });
});

describe('a call that creates something', () => {
  it.each([503, 504])('is not retried on %i, and the error says it may exist all the same', async (status) => {
    answers.push({ status, body: JSON.stringify({ error: { code: 'Busy', message: 'Try later..' } }) });
    const c = client();
    const error = await failure(c.request(CALL, 'POST', '/beta/x', {}, { creates: true }));
    c.dispose();
    expect(seen).toHaveLength(1);
    expect(error.message).toBe(`Microsoft Graph answered HTTP ${status}, Busy to creating the job: Try later; it may have been created all the same: the next run finds it.`);
  });

  it('is retried on 429, which Graph answers before doing anything', async () => {
    answers.push({ status: 429, headers: { 'retry-after': '3' } }, { status: 201, body: '{"id":"2"}' });
    const c = client();
    expect((await c.request(CALL, 'POST', '/beta/x', {}, { creates: true })).body).toEqual({ id: '2' });
    c.dispose();
    expect([seen.length, waits, retries]).toEqual([2, [3000], ['3 HTTP 429 for creating the job']]);
  });

  it('fails at once on another error, without the "may exist" remark', async () => {
    answers.push({ status: 500, body: JSON.stringify({ error: { code: 'Oops', message: 'Broken' } }) });
    const c = client();
    const error = await failure(c.request(CALL, 'POST', '/beta/x', {}, { creates: true }));
    c.dispose();
    expect([seen.length, error.message]).toEqual([1, 'Microsoft Graph answered HTTP 500, Oops to creating the job: Broken.']);
  });

  it('a call that creates nothing is retried on 503, and says how often it tried', async () => {
    answers.push({ status: 503 }, { status: 503 }, { status: 503, body: '{"error":{"message":"Down"}}' });
    const c = client();
    const error = await failure(c.request(CALL, 'GET', '/beta/x'));
    c.dispose();
    expect([seen.length, waits, error.message]).toEqual([3, [1000, 2000], 'Microsoft Graph answered HTTP 503 to creating the job after 3 attempts: Down.']);
  });
});

describe('404 on an object this run just created', () => {
  it('is retried as often as asked, waiting 1, 2, 4 s (bounded), then succeeds', async () => {
    answers.push({ status: 404 }, { status: 404 }, { status: 404 }, { status: 200, body: '{"ok":true}' });
    const c = client(3);
    expect(await c.get(CALL, '/beta/x/new', { notFoundRetries: 3 })).toEqual({ ok: true });
    c.dispose();
    expect(waits).toEqual([1000, 2000, 3000]);
    expect(retries).toEqual([
      '1 HTTP 404 for creating the job (just created; not visible everywhere yet)',
      '2 HTTP 404 for creating the job (just created; not visible everywhere yet)',
      '3 HTTP 404 for creating the job (just created; not visible everywhere yet)',
    ]);
  });

  it('fails after the last retry, and at once without retries', async () => {
    answers.push({ status: 404 }, { status: 404 }, { status: 404 });
    const c = client();
    const retried = await failure(c.get(CALL, '/beta/x/new', { notFoundRetries: 1 }));
    expect([seen.length, retried.message, retried.status]).toEqual([2, 'Microsoft Graph answered HTTP 404 to creating the job.', 404]);
    await failure(c.get(CALL, '/beta/x/new'));
    c.dispose();
    expect(seen).toHaveLength(3);
  });

  it('another status is not retried as a 404', async () => {
    answers.push({ status: 400, body: '{"error":{"code":"Bad"}}' });
    const c = client();
    const error = await failure(c.get(CALL, '/beta/x/new', { notFoundRetries: 3 }));
    c.dispose();
    expect([seen.length, waits, error.message]).toEqual([1, [], 'Microsoft Graph answered HTTP 400, Bad to creating the job.']);
  });
});

describe("Graph's error message in ours", () => {
  const messageOf = async (graphMessage: string): Promise<string> => {
    answers.push({ status: 400, body: JSON.stringify({ error: { message: graphMessage } }) });
    const c = client();
    const error = await failure(c.get(CALL, '/beta/x'));
    c.dispose();
    return error.message;
  };

  it('is one line with single spaces, without blanks around it', async () => {
    expect(await messageOf('  Bad \n  request:\ttwo  spaces ')).toBe('Microsoft Graph answered HTTP 400 to creating the job: Bad request: two spaces.');
  });

  it('is kept whole at 160 characters and cut at 161, without a dangling full stop or blank', async () => {
    const exactly = 'a'.repeat(160);
    expect(await messageOf(exactly)).toBe(`Microsoft Graph answered HTTP 400 to creating the job: ${exactly}.`);
    // Cut to 159 characters, which end in ". ." here, then the ellipsis.
    const long = `x y${'z'.repeat(153)}. . tail`;
    expect(await messageOf(long)).toBe(`Microsoft Graph answered HTTP 400 to creating the job: x y${'z'.repeat(153)}….`);
  });
});

describe('sentence() and retryDelaySeconds()', () => {
  it('sentence() makes one line ending in one full stop', () => {
    expect(sentence('first line\r\n   second line..  ')).toBe('first line second line.');
  });

  it('reads Retry-After as seconds only when it is a number, else as a date, else waits 2^attempt s', () => {
    expect(retryDelaySeconds(' 5 ', 0, 60)).toBe(5);
    expect(retryDelaySeconds('1.25', 0, 60)).toBe(1.25);
    for (const notANumber of ['a5', '5x', 'x5']) expect(retryDelaySeconds(notANumber, 2, 60), notANumber).toBe(4);
    expect(retryDelaySeconds('Wed, 21 Oct 2015 07:28:10 GMT', 0, 60, Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(10);
    expect(retryDelaySeconds('120', 0, 60)).toBe(60);
  });
});
