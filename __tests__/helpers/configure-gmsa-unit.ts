/** Shared setup of configure-gmsa's unit tests: inputs for a tenant and domain sign-in, and a converged server as observed. */
import { Inputs } from '../../src/shared/inputs.js';
import type { GmsaObserved } from '../../src/steps/configure-gmsa/plan.js';
import { readConfigureGmsaSettings } from '../../src/steps/configure-gmsa/settings.js';

export const TENANT = '8f1c2e7a-5b3d-4c9e-a1f0-6d2b9e4c7a15';
export const inputs = (values: Record<string, string>) => new Inputs((name) => values[name] ?? '');
export const base = { 'tenant-username': 'hia@contoso.onmicrosoft.com', 'tenant-password': 'p', 'domain-username': 'CONTOSO\\admin', 'domain-password': 'd' };
export const settings = (extra: Record<string, string> = {}) => readConfigureGmsaSettings(inputs({ ...base, ...extra }));
export const observed = (extra: Partial<GmsaObserved> = {}): GmsaObserved => ({
  agentVersion: '1.1.2505.0',
  tenantId: TENANT,
  serviceAccount: 'CONTOSO\\provAgentgMSA$',
  computerDomain: 'contoso.com',
  record: { tenantId: TENANT, domains: [{ name: 'contoso.com', dcs: [], account: 'CONTOSO\\provAgentgMSA$' }] },
  agentDomains: null,
  permissions: null,
  kds: { checked: true, keys: 1, effective: 1, nextEffective: null, error: null },
  ...extra,
});
