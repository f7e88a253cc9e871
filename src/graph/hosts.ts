import type { Environment } from '../agent/facts.js';
import { InputError } from '../shared/errors.js';

/** Microsoft Graph's host for each cloud the agent installer knows. */
export const GRAPH_HOSTS: Record<Environment, string> = {
  AzureCloud: 'https://graph.microsoft.com',
  AzureUSGovernment: 'https://graph.microsoft.us',
};

/**
 * The Entra sign-in host of each cloud [doc: national cloud deployments; agent-facts.md "Sign-in without a
 * stored secret"]: login.microsoftonline.com, and login.microsoftonline.us for US Government.
 */
export const LOGIN_HOSTS: Record<Environment, string> = {
  AzureCloud: 'https://login.microsoftonline.com',
  AzureUSGovernment: 'https://login.microsoftonline.us',
};

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Validates a Graph host override (other sovereign clouds, or a local server): an https origin, or
 * http only on the loopback interface, so a bearer token never crosses a network in clear text.
 */
export function parseGraphUrl(input: string, value: string, example = 'https://graph.microsoft.com'): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InputError(input, `must be a URL such as ${example}; got '${value.slice(0, 60)}'.`);
  }
  // The URL parser lower-cases the host of http(s) URLs, the only ones where loopback matters.
  const loopback = LOOPBACK.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new InputError(input, `must use https (http is allowed only for 127.0.0.1 or localhost); got '${url.protocol}//${url.host}'.`);
  }
  if (url.username || url.password) throw new InputError(input, 'must not carry a user name or password.');
  // Only http(s) URLs get here, and their path is never empty ('/' at least).
  if (url.pathname !== '/' || url.search || url.hash) {
    throw new InputError(input, `must be the host only (like ${example}), without a path or query; got '${value.slice(0, 60)}'.`);
  }
  return url.origin;
}
