import type { HttpClient } from '@actions/http-client';
import { redact } from '../shared/secrets.js';

/**
 * The one Microsoft Graph client of the action: bearer token sent only to the Graph origin it was
 * given, bounded retries of 429/503/504 honouring Retry-After (bounded), paging by @odata.nextLink
 * (same origin, bounded), a timeout per request, and one-line errors that name the call that failed
 * and, for 401/403, the permission it needs.
 *
 * Throttling [doc: https://learn.microsoft.com/graph/throttling]: Graph answers 429 with a
 * Retry-After header (seconds); waiting that long before retrying is the documented remedy.
 */

/** A call as a person would name it, and the least permission it needs (shown on 401/403). */
export interface GraphCall {
  /** e.g. "listing the provisioning jobs of contoso.com". */
  what: string;
  /** e.g. "Synchronization.Read.All (delegated) or Application.ReadWrite.OwnedBy (application)". */
  permission: string;
}

/** Graph could not answer; the message is one line a user can act on. */
export class GraphError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'GraphError';
  }
}

export interface GraphClientOptions {
  /** Graph origin, e.g. https://graph.microsoft.com (see hosts.ts). */
  graphUrl: string;
  token: string;
  /** Per request (default 30 s). */
  timeoutMs?: number;
  /** Retries of one request answered 429/503/504 (default 4). */
  maxRetries?: number;
  /** Upper bound of one wait, whatever Retry-After asks (default 60 s). */
  maxWaitSeconds?: number;
  /** Replaceable for tests; resolves after `ms`. */
  sleep?: (ms: number) => Promise<void>;
  /** Sees every wait (for logs): seconds and why. */
  onRetry?: (seconds: number, reason: string) => void;
}

const RETRIED = new Set([429, 503, 504]);

/** One line, ending in exactly one full stop (parts that end in '.' are not doubled). */
export function sentence(text: string): string {
  const flat = text
    .replace(/\s*\r?\n\s*/g, ' ')
    .trim()
    .replace(/[.\s]+$/, '');
  return `${flat}.`;
}

function cut(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1).replace(/[.\s]+$/, '')}…` : flat;
}

function graphError(body: string): { code?: string; message?: string } {
  try {
    const parsed = JSON.parse(body) as { error?: { code?: unknown; message?: unknown } };
    const code = typeof parsed.error?.code === 'string' ? cut(parsed.error.code, 80) : undefined;
    const message = typeof parsed.error?.message === 'string' ? cut(redact(parsed.error.message), 160).replace(/[.\s]+$/, '') : undefined;
    return { code, message };
  } catch {
    return {};
  }
}

/** Seconds to wait: Retry-After (seconds or an HTTP date), else exponential from 1 s; bounded. */
export function retryDelaySeconds(header: string | string[] | undefined, attempt: number, maxWaitSeconds: number, now = Date.now()): number {
  const value = Array.isArray(header) ? header[0] : header;
  let seconds: number | undefined;
  if (value !== undefined && /^\s*\d+(\.\d+)?\s*$/.test(value)) seconds = Number(value);
  else if (value) {
    const date = Date.parse(value);
    if (!Number.isNaN(date)) seconds = Math.max(0, (date - now) / 1000);
  }
  if (seconds === undefined) seconds = 2 ** attempt;
  return Math.min(Math.max(seconds, 0), maxWaitSeconds);
}

export interface RequestOptions {
  /** Creates something: retried only on 429 (see request). */
  creates?: boolean;
  /**
   * Retries of a 404, for calls on an object this run just created: directory objects replicate, so a
   * new one may not be found at once (UNDOCUMENTED for the AD2AAD template; the lab plays it).
   */
  notFoundRetries?: number;
}

export interface GraphResponse<T> {
  status: number;
  body: T | undefined;
}

export class GraphClient {
  readonly origin: string;
  private readonly token: string;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly maxWaitSeconds: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly onRetry?: (seconds: number, reason: string) => void;
  private http: HttpClient | undefined;

  constructor(options: GraphClientOptions) {
    this.origin = new URL(options.graphUrl).origin;
    this.token = options.token;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxRetries = options.maxRetries ?? 4;
    this.maxWaitSeconds = options.maxWaitSeconds ?? 60;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.onRetry = options.onRetry;
  }

  private async client(): Promise<HttpClient> {
    if (this.http) return this.http;
    // Loaded on first use: only runs that call Graph pay for the HTTP stack.
    const { HttpClient } = await import('@actions/http-client');
    this.http = new HttpClient('entra-provisioning-agent', [], {
      socketTimeout: this.timeoutMs,
      // A redirect could carry the token elsewhere; the calls made here do not redirect.
      allowRedirects: false,
      allowRetries: false,
    });
    return this.http;
  }

  dispose(): void {
    this.http?.dispose();
    this.http = undefined;
  }

  /**
   * One request (path like /beta/organization, or a full URL on the same origin). A call that creates
   * something (`creates: true`) is retried only on 429, which Graph answers before doing anything: after
   * a 503 or 504 the object may exist, and a blind retry could make a second one.
   */
  async request<T>(call: GraphCall, method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<GraphResponse<T>> {
    const url = path.startsWith('/') ? `${this.origin}${path}` : path;
    const target = new URL(url);
    // The token goes only to the Graph host we were given, whatever a link says.
    if (target.origin !== this.origin) throw new GraphError(sentence(`Microsoft Graph's link for ${call.what} points to another host (${target.host}); not following it with the token`));
    const http = await this.client();
    const headers: Record<string, string> = { Authorization: `Bearer ${this.token}`, Accept: 'application/json' };
    const data = body === undefined ? null : JSON.stringify(body);
    if (data !== null) headers['Content-Type'] = 'application/json';
    for (let attempt = 0; ; attempt++) {
      let status: number;
      let text: string;
      let retryAfter: string | string[] | undefined;
      try {
        const response = await http.request(method, url, data, headers);
        status = response.message.statusCode ?? 0;
        retryAfter = response.message.headers['retry-after'];
        text = await response.readBody();
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        if (/^Request timeout/i.test(reason)) throw new GraphError(sentence(`Microsoft Graph at ${target.host} did not answer ${call.what} within ${this.timeoutMs / 1000} s`));
        throw new GraphError(sentence(`Could not reach Microsoft Graph at ${target.host} for ${call.what}: ${cut(redact(reason), 160)}`));
      }
      const retried = options.creates ? status === 429 : RETRIED.has(status);
      if (status === 404 && attempt < (options.notFoundRetries ?? 0)) {
        const seconds = Math.min(2 ** attempt, this.maxWaitSeconds);
        this.onRetry?.(seconds, `HTTP 404 for ${call.what} (just created; not visible everywhere yet)`);
        await this.sleep(seconds * 1000);
        continue;
      }
      if (retried && attempt < this.maxRetries) {
        const seconds = retryDelaySeconds(retryAfter, attempt, this.maxWaitSeconds);
        this.onRetry?.(seconds, `HTTP ${status} for ${call.what}`);
        await this.sleep(seconds * 1000);
        continue;
      }
      if (status >= 200 && status < 300) {
        if (text.trim() === '') return { status, body: undefined };
        try {
          return { status, body: JSON.parse(text) as T };
        } catch {
          throw new GraphError(sentence(`Microsoft Graph's answer to ${call.what} is not JSON (HTTP ${status})`), status);
        }
      }
      const { code, message } = graphError(text);
      const codePart = code ? `, ${code}` : '';
      if (status === 401 || status === 403) {
        throw new GraphError(sentence(`Microsoft Graph refused ${call.what} (HTTP ${status}${codePart}): the token needs ${call.permission}`), status, code);
      }
      const gaveUp = retried ? ` after ${this.maxRetries + 1} attempts` : '';
      const unsure = options.creates && (status === 503 || status === 504) ? '; it may have been created all the same: the next run finds it' : '';
      throw new GraphError(sentence(`Microsoft Graph answered HTTP ${status}${codePart} to ${call.what}${gaveUp}${message ? `: ${message}` : ''}${unsure}`), status, code);
    }
  }

  async get<T>(call: GraphCall, path: string, options: RequestOptions = {}): Promise<T> {
    const { body } = await this.request<T>(call, 'GET', path, undefined, options);
    if (body === undefined) throw new GraphError(sentence(`Microsoft Graph's answer to ${call.what} is empty`));
    return body;
  }

  /** Every item of a collection, following @odata.nextLink (same origin) up to maxPages pages. */
  async list<T>(call: GraphCall, path: string, maxPages = 20): Promise<T[]> {
    const items: T[] = [];
    let next: string | undefined = path;
    for (let page = 0; next; page++) {
      if (page >= maxPages) throw new GraphError(sentence(`Microsoft Graph returned more than ${maxPages} pages for ${call.what}; stopped reading`));
      const body: { value?: unknown; '@odata.nextLink'?: unknown } = await this.get(call, next);
      if (body.value !== undefined && !Array.isArray(body.value)) throw new GraphError(sentence(`Microsoft Graph's answer to ${call.what} is not a list (no 'value' array)`));
      items.push(...((body.value as T[] | undefined) ?? []).filter((v) => v !== null && typeof v === 'object'));
      next = typeof body['@odata.nextLink'] === 'string' ? body['@odata.nextLink'] : undefined;
    }
    return items;
  }
}
