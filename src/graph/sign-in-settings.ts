import type { Environment } from '../agent/facts.js';
import { InputError } from '../shared/errors.js';
import type { Inputs } from '../shared/inputs.js';
import { registerSecret } from '../shared/secrets.js';
import { GRAPH_HOSTS, LOGIN_HOSTS, parseGraphUrl } from './hosts.js';
import { EXCHANGE_AUDIENCE, type GraphSignIn } from './sign-in.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface GraphAccess {
  graphUrl: string;
  signIn: GraphSignIn;
}

/** The token input as given (masked at once; a pasted "Bearer " prefix is tolerated). */
export function readGraphToken(inputs: Inputs): string | undefined {
  const token = inputs
    .secret('graph-access-token')
    ?.trim()
    .replace(/^Bearer\s+/i, '');
  registerSecret(token);
  if (token !== undefined && /\s/.test(token)) throw new InputError('graph-access-token', 'must be a single access token without spaces.');
  return token || undefined;
}

/**
 * How to reach Graph for the sync configuration: 'graph-access-token', or 'client-id' + 'tenant-id'
 * for GitHub OIDC. Undefined when neither is given. `why` says what needs it (for the error).
 */
export function readGraphAccess(inputs: Inputs, environment: Environment, why: string): GraphAccess | undefined {
  const token = readGraphToken(inputs);
  const graphUrlInput = inputs.text('graph-url');
  const graphUrl = graphUrlInput ? parseGraphUrl('graph-url', graphUrlInput) : GRAPH_HOSTS[environment];
  const clientId = inputs.text('client-id', { pattern: GUID, describe: "the Entra application's client id (a GUID)" });
  const loginInput = inputs.text('login-url');
  const loginUrl = loginInput ? parseGraphUrl('login-url', loginInput, 'https://login.microsoftonline.com') : LOGIN_HOSTS[environment];
  const audience = inputs.text('oidc-audience', { default: EXCHANGE_AUDIENCE, pattern: /^\S{1,200}$/, describe: 'an audience without spaces' });
  if (token && clientId) throw new InputError('client-id', "and 'graph-access-token' are both given: give the token, or client-id and tenant-id for GitHub OIDC, not both.");
  if (token) return { graphUrl, signIn: { kind: 'token', token } };
  if (clientId) {
    const tenantId = inputs.text('tenant-id', { pattern: GUID, describe: "the tenant's id (a GUID)" });
    if (!tenantId) throw new InputError('tenant-id', `is required with 'client-id': GitHub's OIDC token is exchanged in that tenant (${why}).`);
    return { graphUrl, signIn: { kind: 'oidc', clientId, tenantId, loginUrl, graphUrl, audience } };
  }
  if (loginInput) throw new InputError('login-url', "is set but 'client-id' is empty; the OIDC sign-in needs client-id and tenant-id.");
  return undefined;
}
