import type { Environment } from '../agent/facts.js';
import type { Inputs } from '../shared/inputs.js';
import type { ConnectivitySettings } from './check.js';
import { DEFAULT_ENDPOINTS, parseEndpoints } from './endpoints.js';

/** Inputs connectivity-check, connectivity-endpoints and connectivity-timeout-seconds (install-agent and verify). */
export function readConnectivitySettings(inputs: Inputs, environment: Environment): ConnectivitySettings {
  const enabled = inputs.bool('connectivity-check', true);
  const given = inputs.list('connectivity-endpoints');
  const endpoints = given.length ? parseEndpoints('connectivity-endpoints', given) : DEFAULT_ENDPOINTS[environment];
  return { enabled, endpoints, timeoutMs: inputs.integer('connectivity-timeout-seconds', 10, 1, 120) * 1000 };
}
