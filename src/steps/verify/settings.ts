import { ENVIRONMENTS, type Environment } from '../../agent/facts.js';
import { GRAPH_HOSTS, parseGraphUrl } from '../../graph/hosts.js';
import type { ConnectivitySettings } from '../../network/check.js';
import { readConnectivitySettings } from '../../network/settings.js';
import { InputError } from '../../shared/errors.js';
import type { Inputs } from '../../shared/inputs.js';
import { registerSecret } from '../../shared/secrets.js';
import { readGraphAccess, type GraphAccess } from '../../graph/sign-in-settings.js';
import { readSyncDomains } from '../configure-sync/settings.js';
import { readAccessToken } from '../shared-tenant/access-token.js';
import { normaliseGmsa } from './account.js';
import { isFourPartVersion } from './version.js';

export type FipsRequirement = 'auto' | 'true' | 'false';

export interface VerifySettings {
  environment: Environment;
  installDir: string | undefined;
  tenantId: string | undefined;
  expectedVersion: string | undefined;
  minVersion: string | undefined;
  /** Normalised: ends in '$'; may carry a domain (DOMAIN\name$). */
  expectedGmsa: string | undefined;
  requireFipsException: FipsRequirement;
  expectedProxyUrl: string | undefined;
  /** Present only when the tenant-side check was asked for. */
  graph: { url: string; token: string } | undefined;
  /** Why the tenant-agent check does not run although a Graph token was given (an application token). */
  tenantCheckSkipped?: string;
  /** Present when sync-domains is given: check each domain's Cloud Sync jobs. */
  sync?: { domains: string[]; access: GraphAccess };
  reportOnly: boolean;
  serviceWaitSeconds: number;
  connectivity: ConnectivitySettings;
  /** Fail when the agent's Admin log has errors since the service started. */
  failOnAgentErrors: boolean;
  /** 0: not checked. Needs the Graph token. */
  minActiveAgents: number;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// sAMAccountName rules: none of these characters; gMSA names are short.
const ACCOUNT = /^(?:[^\\/"[\]:;|=,+*?<>@\s]{1,64}\\)?[^\\/"[\]:;|=,+*?<>@\s]{1,64}$/;

function version(inputs: Inputs, name: string): string | undefined {
  const value = inputs.text(name);
  if (value === '') return undefined;
  if (!isFourPartVersion(value)) throw new InputError(name, `must be a four-part agent version like 1.1.2505.0; got '${value.slice(0, 40)}'.`);
  return value;
}

function proxyUrl(inputs: Inputs): string | undefined {
  const value = inputs.text('expected-proxy-url');
  if (value === '') return undefined;
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return value;
  } catch {
    // fall through to the error below
  }
  throw new InputError('expected-proxy-url', `must be an http(s) URL like http://proxy.contoso.com:8080; got '${value.slice(0, 60)}'.`);
}

export function readVerifySettings(inputs: Inputs): VerifySettings {
  const environment = inputs.choice('environment', ENVIRONMENTS, 'AzureCloud');
  const tenantId = inputs.text('tenant-id', { pattern: GUID, describe: "the tenant's id (a GUID)" }) || undefined;
  const expectedVersion = version(inputs, 'expected-version');
  const minVersion = version(inputs, 'min-version');
  if (expectedVersion && minVersion) throw new InputError('min-version', "cannot be combined with 'expected-version'; give one of them.");
  const gmsa = inputs.text('expected-gmsa', { pattern: ACCOUNT, describe: 'a gMSA name like provAgentgMSA$ or CONTOSO\\provAgentgMSA$' });
  const requireFipsException = inputs.choice('require-fips-exception', ['auto', 'true', 'false'] as const, 'auto');
  const expectedProxyUrl = proxyUrl(inputs);

  // Masked before anything else reads it; a pasted "Bearer " prefix is tolerated.
  const rawToken = inputs.secret('graph-access-token');
  const token = rawToken?.trim().replace(/^Bearer\s+/i, '');
  registerSecret(token);
  if (token !== undefined && /\s/.test(token)) throw new InputError('graph-access-token', 'must be a single access token without spaces.');
  const graphUrlInput = inputs.text('graph-url');
  const graphUrl = graphUrlInput ? parseGraphUrl('graph-url', graphUrlInput) : GRAPH_HOSTS[environment];
  if (graphUrlInput && !token && !inputs.has('client-id')) throw new InputError('graph-url', "is set but 'graph-access-token' is empty; the tenant check needs both.");
  const syncDomains = readSyncDomains(inputs);
  const syncAccess = syncDomains.length ? readGraphAccess(inputs, environment, 'the sync-jobs check') : undefined;
  if (syncDomains.length && !syncAccess)
    throw new InputError('sync-domains', "is set but neither 'graph-access-token' nor 'client-id' and 'tenant-id' are: the sync-jobs check reads Microsoft Graph.");

  const minActiveAgents = inputs.integer('min-active-agents', 0, 0, 100);
  if (minActiveAgents > 0 && !token) throw new InputError('min-active-agents', "needs 'graph-access-token': the tenant's agents are counted through Microsoft Graph.");
  // Listing the tenant's agents takes a delegated token only [doc: Graph beta onPremisesAgent; agent-facts.md,
  // Verifying]; an application token (as configure-sync may use) would fail that check for no fault of the agent.
  const appOnly = token !== undefined && readAccessToken(token).appOnly;
  if (appOnly && minActiveAgents > 0)
    throw new InputError('graph-access-token', "is an application token, but 'min-active-agents' lists the tenant's agents, which Microsoft Graph allows with a delegated (user) token only.");
  const tenantCheckSkipped = appOnly
    ? "The tenant-agent check was skipped: 'graph-access-token' is an application token, and listing provisioning agents needs a delegated (user) token with Policy.Read.HybridAuthentication."
    : undefined;

  return {
    environment,
    installDir: inputs.folder('install-dir') || undefined,
    tenantId,
    expectedVersion,
    minVersion,
    expectedGmsa: gmsa ? normaliseGmsa(gmsa) : undefined,
    requireFipsException,
    expectedProxyUrl,
    graph: token && !appOnly ? { url: graphUrl, token } : undefined,
    tenantCheckSkipped,
    sync: syncAccess ? { domains: syncDomains, access: syncAccess } : undefined,
    reportOnly: inputs.bool('report-only', false),
    serviceWaitSeconds: inputs.integer('service-wait-seconds', 60, 0, 3600),
    connectivity: readConnectivitySettings(inputs, environment),
    failOnAgentErrors: inputs.bool('fail-on-agent-errors', false),
    minActiveAgents,
  };
}
