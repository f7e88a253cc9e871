import { StepError } from '../shared/errors.js';
import { redact, registerSecret } from '../shared/secrets.js';
import { sentence } from './client.js';

/**
 * How the action gets a Microsoft Graph token: one given as an input, or GitHub's OIDC token exchanged
 * at the cloud's login host as a client assertion (client-credentials flow), so no secret is stored.
 * [doc: workload identity federation; Microsoft identity platform client-credentials flow with a
 * federated assertion; agent-facts.md "Sign-in without a stored secret"]
 */
export type GraphSignIn = { kind: 'token'; token: string } | { kind: 'oidc'; clientId: string; tenantId: string; loginUrl: string; graphUrl: string; audience: string };

/** The audience Entra expects in a GitHub token it accepts as a federated credential [doc]. */
export const EXCHANGE_AUDIENCE = 'api://AzureADTokenExchange';

export interface SignInDeps {
  /** @actions/core's getIDToken (replaceable in unit tests). */
  getIDToken?: (audience: string) => Promise<string>;
  timeoutMs?: number;
}

async function githubToken(audience: string, deps: SignInDeps): Promise<string> {
  if (!deps.getIDToken && (!process.env.ACTIONS_ID_TOKEN_REQUEST_URL || !process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN)) {
    throw new StepError("GitHub gave this job no OIDC token: add 'permissions: id-token: write' to the workflow or job (or give 'graph-access-token' instead of 'client-id').", 'NoOidcToken');
  }
  // Loaded only when used: @actions/core brings its HTTP stack.
  const getIDToken = deps.getIDToken ?? (await import('@actions/core')).getIDToken;
  try {
    const token = await getIDToken(audience);
    registerSecret(token);
    return token;
  } catch (error) {
    const reason = redact(error instanceof Error ? error.message : String(error))
      .replace(/\s+/g, ' ')
      .replace(/^Error message: /, '')
      .slice(0, 200);
    throw new StepError(sentence(`Could not get GitHub's OIDC token for audience ${audience}: ${reason}`), 'NoOidcToken');
  }
}

/** The first line of an Entra error (AADSTS code and its sentence), without trace and correlation ids. */
export function entraReason(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: unknown; error_description?: unknown };
    const first = String(parsed.error_description ?? '')
      .split(/\r?\n/)[0]
      .trim();
    return (first || String(parsed.error ?? 'no reason given')).slice(0, 240);
  } catch {
    return 'the answer is not JSON';
  }
}

/** What an AADSTS code asks the user to do (the federated credential's three fields). */
function hint(reason: string): string {
  if (/AADSTS70021[123]\b/.test(reason)) {
    return ` The app's federated credential must have issuer https://token.actions.githubusercontent.com, audience ${EXCHANGE_AUDIENCE} and this workflow's subject (e.g. repo:OWNER/REPO:environment:NAME).`;
  }
  if (/AADSTS700016\b/.test(reason)) return " Check 'client-id' and 'tenant-id'.";
  return '';
}

/** A Graph access token (masked before it is returned). */
export async function acquireGraphToken(signIn: GraphSignIn, deps: SignInDeps = {}): Promise<string> {
  if (signIn.kind === 'token') return signIn.token;
  const assertion = await githubToken(signIn.audience, deps);
  const { HttpClient } = await import('@actions/http-client');
  const http = new HttpClient('entra-provisioning-agent', [], { socketTimeout: deps.timeoutMs ?? 30_000, allowRedirects: false, allowRetries: false });
  const host = new URL(signIn.loginUrl).host;
  const form = new URLSearchParams({
    client_id: signIn.clientId,
    grant_type: 'client_credentials',
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: assertion,
    // The scope of an app-only token for Graph is the Graph origin + "/.default" [doc].
    scope: `${signIn.graphUrl}/.default`,
  });
  let status: number;
  let text: string;
  try {
    const response = await http.post(`${signIn.loginUrl}/${encodeURIComponent(signIn.tenantId)}/oauth2/v2.0/token`, form.toString(), {
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: 'application/json',
    });
    status = response.message.statusCode ?? 0;
    text = await response.readBody();
  } catch (error) {
    const reason = redact(error instanceof Error ? error.message : String(error))
      .split('\n')[0]
      .slice(0, 160);
    throw new StepError(sentence(`Could not reach the sign-in host ${host} to exchange GitHub's OIDC token: ${reason}`), 'SignInFailed');
  } finally {
    http.dispose();
  }
  if (status !== 200) {
    const reason = redact(entraReason(text));
    throw new StepError(
      `${sentence(`Entra refused to exchange GitHub's OIDC token for app ${signIn.clientId} in tenant ${signIn.tenantId} (HTTP ${status}): ${reason}`)}${hint(reason)}`,
      'SignInFailed',
    );
  }
  let token: unknown;
  try {
    token = (JSON.parse(text) as { access_token?: unknown }).access_token;
  } catch {
    token = undefined;
  }
  if (typeof token !== 'string' || token === '') throw new StepError(`The sign-in host ${host} answered without an access token.`, 'SignInFailed');
  registerSecret(token);
  return token;
}
