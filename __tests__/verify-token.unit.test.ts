// verify's tenant-agent check lists the tenant's agents, which Microsoft Graph allows with a delegated
// token only (agent-facts.md, Verifying). An application token (configure-sync's OIDC route, or an
// app token pasted into graph-access-token) must not turn into a failed check of a healthy agent.
import { describe, expect, it } from 'vitest';
import { Inputs } from '../src/shared/inputs.js';
import { readVerifySettings } from '../src/steps/verify/settings.js';

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
// Hand-made tokens: header.claims.signature (the signature is never checked here).
const APP_TOKEN = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64({ aud: 'https://graph.microsoft.com', roles: ['Synchronization.ReadWrite.All'], idtyp: 'app' })}.c2lnbmF0dXJl`;
const APP_TOKEN_NO_IDTYP = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64({ aud: 'https://graph.microsoft.com', roles: ['Application.Read.All'] })}.c2lnbmF0dXJl`;
const USER_TOKEN = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64({ aud: 'https://graph.microsoft.com', scp: 'Policy.Read.HybridAuthentication', upn: 'admin@contoso.com' })}.c2lnbmF0dXJl`;

const settings = (values: Record<string, string>) => readVerifySettings(new Inputs((name) => values[name] ?? ''));

describe('verify with an application Graph token', () => {
  it.each([
    ['idtyp app', APP_TOKEN],
    ['roles without scp', APP_TOKEN_NO_IDTYP],
  ])('skips the tenant-agent check, saying why (%s)', (_, token) => {
    const s = settings({ 'graph-access-token': token });
    expect(s.graph).toBeUndefined();
    expect(s.tenantCheckSkipped).toMatch(/^The tenant-agent check was skipped: 'graph-access-token' is an application token, .*delegated/);
  });

  it('keeps the check for a delegated token', () => {
    const s = settings({ 'graph-access-token': USER_TOKEN });
    expect(s.graph).toEqual({ url: 'https://graph.microsoft.com', token: USER_TOKEN });
    expect(s.tenantCheckSkipped).toBeUndefined();
  });

  it('refuses min-active-agents with an application token, in one line naming the input', () => {
    expect(() => settings({ 'graph-access-token': APP_TOKEN, 'min-active-agents': '3' })).toThrow(/^Input 'graph-access-token' is an application token, but 'min-active-agents' .*delegated/);
  });
});
