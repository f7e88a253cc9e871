// verify's inputs: defaults, every value read, and each bad value refused in one line naming the input.
import { describe, expect, it } from 'vitest';
import { Inputs } from '../src/shared/inputs.js';
import { readVerifySettings } from '../src/steps/verify/settings.js';

const TENANT = '8f1c2e7a-5b3d-4c9e-a1f0-6d2b9e4c7a15';
const read = (values: Record<string, string>) => readVerifySettings(new Inputs((name) => values[name] ?? ''));
const failure = (values: Record<string, string>) => {
  try {
    read(values);
  } catch (error) {
    return (error as Error).message;
  }
  return 'no error';
};

describe('verify inputs', () => {
  it('defaults: no expectations, waits 60 s, agent errors do not fail, not report-only', () => {
    expect(read({})).toMatchObject({
      environment: 'AzureCloud',
      installDir: undefined,
      tenantId: undefined,
      expectedVersion: undefined,
      minVersion: undefined,
      expectedGmsa: undefined,
      requireFipsException: 'auto',
      expectedProxyUrl: undefined,
      graph: undefined,
      sync: undefined,
      reportOnly: false,
      serviceWaitSeconds: 60,
      failOnAgentErrors: false,
      minActiveAgents: 0,
    });
  });

  it('reads every expectation', () => {
    expect(
      read({
        'install-dir': 'D:\\Agent',
        'tenant-id': TENANT,
        'expected-version': '1.1.2505.0',
        'expected-gmsa': 'CONTOSO\\agentGmsa',
        'require-fips-exception': 'true',
        'expected-proxy-url': 'https://proxy.contoso.com:3128',
        'report-only': 'true',
        'service-wait-seconds': '5',
        'fail-on-agent-errors': 'true',
      }),
    ).toMatchObject({
      installDir: 'D:\\Agent',
      tenantId: TENANT,
      expectedVersion: '1.1.2505.0',
      expectedGmsa: 'CONTOSO\\agentGmsa$',
      requireFipsException: 'true',
      expectedProxyUrl: 'https://proxy.contoso.com:3128',
      reportOnly: true,
      serviceWaitSeconds: 5,
      failOnAgentErrors: true,
    });
  });

  it('takes a pasted "Bearer" prefix off the token, whatever the spacing', () => {
    expect(read({ 'graph-access-token': 'Bearer  abc.def' }).graph).toEqual({ url: 'https://graph.microsoft.com', token: 'abc.def' });
  });

  it('checks the sync jobs with the OIDC sign-in', () => {
    const s = read({ 'sync-domains': 'contoso.com', 'client-id': '5e1f0c3a-7b2d-4e9f-a1c6-8d4b2f7e9a10', 'tenant-id': TENANT });
    expect(s.sync?.domains).toEqual(['contoso.com']);
    expect(s.sync?.access.signIn).toMatchObject({ kind: 'oidc', clientId: '5e1f0c3a-7b2d-4e9f-a1c6-8d4b2f7e9a10', tenantId: TENANT });
  });

  it('accepts a graph-url with the OIDC sign-in and no token', () => {
    expect(failure({ 'graph-url': 'https://graph.microsoft.com', 'client-id': '5e1f0c3a-7b2d-4e9f-a1c6-8d4b2f7e9a10', 'tenant-id': TENANT })).toBe('no error');
  });

  it.each([
    [{ 'tenant-id': `x${TENANT}` }, `Input 'tenant-id' must be the tenant's id (a GUID); got 'x${TENANT}'.`],
    [{ 'tenant-id': `${TENANT}0` }, `Input 'tenant-id' must be the tenant's id (a GUID); got '${TENANT}0'.`],
    [{ 'expected-version': '1.1.2505' }, "Input 'expected-version' must be a four-part agent version like 1.1.2505.0; got '1.1.2505'."],
    [{ 'min-version': `1.1.${'9'.repeat(50)}` }, `Input 'min-version' must be a four-part agent version like 1.1.2505.0; got '1.1.${'9'.repeat(36)}'.`],
    [
      { 'expected-proxy-url': `ftp://proxy.contoso.com/${'a'.repeat(50)}` },
      `Input 'expected-proxy-url' must be an http(s) URL like http://proxy.contoso.com:8080; got 'ftp://proxy.contoso.com/${'a'.repeat(36)}'.`,
    ],
    [{ 'expected-gmsa': 'CONTOSO\\agent gmsa' }, "Input 'expected-gmsa' must be a gMSA name like provAgentgMSA$ or CONTOSO\\provAgentgMSA$; got 'CONTOSO\\agent gmsa'."],
    [{ 'graph-access-token': 'abc def' }, "Input 'graph-access-token' must be a single access token without spaces."],
    [{ 'graph-access-token': 'abcBearer def' }, "Input 'graph-access-token' must be a single access token without spaces."],
    [{ 'sync-domains': 'contoso.com' }, "Input 'sync-domains' is set but neither 'graph-access-token' nor 'client-id' and 'tenant-id' are: the sync-jobs check reads Microsoft Graph."],
    [
      { 'sync-domains': 'contoso.com', 'client-id': '5e1f0c3a-7b2d-4e9f-a1c6-8d4b2f7e9a10' },
      "Input 'tenant-id' is required with 'client-id': GitHub's OIDC token is exchanged in that tenant (the sync-jobs check).",
    ],
    [{ 'min-active-agents': '2' }, "Input 'min-active-agents' needs 'graph-access-token': the tenant's agents are counted through Microsoft Graph."],
  ])('refuses %j in one line naming the input', (values, expected) => {
    expect(failure(values)).toBe(expected);
  });
});
