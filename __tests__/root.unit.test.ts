import { describe, expect, it } from 'vitest';
import { planAfterEarlierChanges } from '../src/root/plan-after.js';
import { verifyWithEarlierResults } from '../src/root/carry-over.js';
import { StepError } from '../src/shared/errors.js';
import type { StepResult } from '../src/shared/step.js';
import type { VerifySettings } from '../src/steps/verify/settings.js';

const verify: VerifySettings = {
  environment: 'AzureCloud',
  installDir: undefined,
  tenantId: undefined,
  expectedVersion: undefined,
  minVersion: undefined,
  expectedGmsa: undefined,
  requireFipsException: 'auto',
  expectedProxyUrl: undefined,
  graph: undefined,
  reportOnly: false,
  serviceWaitSeconds: 60,
  connectivity: { enabled: false, endpoints: [], timeoutMs: 10_000 },
  failOnAgentErrors: false,
  minActiveAgents: 0,
};
const result = (changed: boolean, outputs: StepResult['outputs']): StepResult => ({ changed, outputs, summary: [] });
const earlier = new Map<string, StepResult>([
  ['install-agent', result(true, { version: '1.1.2505.0' })],
  ['configure-gmsa', result(true, { gmsa: 'CONTOSO\\provAgentgMSA$', registered: '3c6e1b52-9d4a-4f7e-8b21-5a0c7d9e2f64' })],
]);

describe('verify takes what earlier steps learned', () => {
  it('fills expected-version, expected-gmsa and tenant-id when not given', () => {
    const { settings, taken } = verifyWithEarlierResults(verify, earlier, false);
    expect(settings).toMatchObject({ expectedVersion: '1.1.2505.0', expectedGmsa: 'CONTOSO\\provAgentgMSA$', tenantId: '3c6e1b52-9d4a-4f7e-8b21-5a0c7d9e2f64' });
    expect(taken).toHaveLength(3);
  });
  it('never overrides given inputs; min-version blocks the version default', () => {
    const { settings } = verifyWithEarlierResults({ ...verify, minVersion: '1.1.1365.0', expectedGmsa: 'other$', tenantId: 'x' }, earlier, false);
    expect(settings).toMatchObject({ expectedVersion: undefined, minVersion: '1.1.1365.0', expectedGmsa: 'other$', tenantId: 'x' });
  });
  it('takes no virtual account as the gMSA, and nothing in plan mode', () => {
    const virtual = new Map([['configure-gmsa', result(false, { gmsa: 'NT SERVICE\\AADConnectProvisioningAgent', registered: '' })]]);
    expect(verifyWithEarlierResults(verify, virtual, false).settings.expectedGmsa).toBeUndefined();
    expect(verifyWithEarlierResults(verify, earlier, true)).toEqual({ settings: verify, taken: [] });
  });
});

describe('plan mode across steps', () => {
  const notInstalled = new StepError('The provisioning agent is not installed.', 'AgentNotInstalled');
  it('reports a step that waits for an earlier planned change instead of failing', () => {
    const r = planAfterEarlierChanges(notInstalled, earlier, true);
    expect(r?.changed).toBe(true);
    expect(r?.summary[0][1]).toContain('install-agent, configure-gmsa');
  });
  it('lets the error stand outside plan mode, without an earlier change, or for other causes', () => {
    expect(planAfterEarlierChanges(notInstalled, earlier, false)).toBeUndefined();
    expect(planAfterEarlierChanges(notInstalled, new Map([['install-agent', result(false, {})]]), true)).toBeUndefined();
    expect(planAfterEarlierChanges(new StepError('bad', 'SignInFailed'), earlier, true)).toBeUndefined();
  });
});
