import { AGENT_REGISTRY_KEY, UPDATER_EXE } from '../../agent/facts.js';
import { pendingRestart } from '../../agent/restart.js';
import type { ServerState, ServiceState } from '../../agent/server-state.js';
import { agentsForMachine, isActive, type GraphAgent } from '../../graph/agents.js';
import { redactText } from '../../diagnostics/redact.js';
import { syncJobsDetail, type SyncJobsAnswer } from '../configure-sync/job-health.js';
import { looksLikeGmsa, sameAccount } from './account.js';
import { judgeAvailability } from './high-availability.js';
import type { AgentConfigFacts } from './agent-config.js';
import type { VerifySettings } from './settings.js';
import { compareVersions } from './version.js';

export type CheckId =
  | 'agent-service'
  | 'agent-restart'
  | 'updater-service'
  | 'version'
  | 'registration'
  | 'service-account'
  | 'fips-exception'
  | 'proxy'
  | 'tenant-agent'
  | 'active-agents'
  | 'agent-errors'
  | 'connectivity'
  | 'sync-jobs';

/** One line of the `report` output. */
export interface Check {
  check: CheckId;
  ok: boolean;
  detail: string;
}

export const CHECK_TITLES: Record<CheckId, string> = {
  'agent-service': 'Agent service',
  'agent-restart': 'Agent runs what is on disk',
  'updater-service': 'Updater service',
  version: 'Agent version',
  registration: 'Registration',
  'service-account': 'Service account',
  'fips-exception': 'FIPS exception',
  proxy: 'Proxy',
  'tenant-agent': 'Agent in tenant',
  'active-agents': 'Active agents (high availability)',
  'agent-errors': "Agent's own errors",
  connectivity: 'Outbound endpoints',
  'sync-jobs': 'Cloud Sync jobs',
};

/** What read-agent-events.ps1 found in the agent's Admin log. */
export interface AgentEvents {
  since: string;
  sinceSource: string;
  count: number;
  capped: boolean;
  latest: { time: string; id: number; level: string; message: string }[];
  error: string | null;
}

/** What the tenant-side check learned: the tenant's agents, or why Graph could not tell. */
export type TenantAnswer = { agents: GraphAgent[] } | { error: string };

export interface CheckInput {
  state: ServerState;
  config: AgentConfigFacts;
  settings: VerifySettings;
  tenant?: TenantAnswer;
  syncJobs?: SyncJobsAnswer;
  /** How long verify waited for services to reach Running (undefined: it did not wait). */
  waitedSeconds?: number;
  events?: AgentEvents;
  /** The failure line of the connectivity probe ('' when every endpoint passed); undefined: not probed. */
  connectivity?: { failure: string; endpoints: number };
}

export function noAgentErrors(events: AgentEvents): string {
  return `no errors since ${events.sinceSource === 'the service started' ? 'the service started' : 'the last 24 hours'} (${events.since})`;
}

/** A check only when there is something to say or the workflow made it one (a clean log is a summary row). */
function eventsCheck(events: AgentEvents, settings: VerifySettings): Check | undefined {
  const check = 'agent-errors';
  if (!events.error && !events.count && !settings.failOnAgentErrors) return undefined;
  if (events.error) return { check, ok: !settings.failOnAgentErrors, detail: `the agent's Admin log could not be read: ${events.error}` };
  const since = `since ${events.sinceSource === 'the service started' ? 'the service started' : 'the last 24 hours'} (${events.since})`;
  if (!events.count) return { check, ok: true, detail: noAgentErrors(events) };
  const latest = events.latest
    .map(
      (e) =>
        `${e.time} [${e.id}] ${redactText(e.message)
          .replace(/\s*\r?\n\s*/g, ' ')
          .slice(0, 300)}`,
    )
    .join(' | ');
  const count = `${events.count}${events.capped ? '+' : ''} error(s) ${since}`;
  return { check, ok: !settings.failOnAgentErrors, detail: `${count}; latest: ${latest}${settings.failOnAgentErrors ? '' : ' (reported only: fail-on-agent-errors is false)'}` };
}

function serviceCheck(check: CheckId, service: ServiceState, waitedSeconds: number | undefined): Check {
  if (!service.exists) {
    const which = check === 'updater-service' ? `no service runs ${UPDATER_EXE} (nor is one named ${service.name})` : `service ${service.name} does not exist`;
    return { check, ok: false, detail: `${which} (is the agent installed?)` };
  }
  if (service.status === 'Running') return { check, ok: true, detail: `${service.name} is Running` };
  const waited = waitedSeconds === undefined ? 'not waited' : `after waiting ${waitedSeconds} s`;
  return { check, ok: false, detail: `${service.name} is ${service.status ?? 'in an unknown state'} (${waited}); start it and read its event log if it stops again` };
}

function versionCheck(state: ServerState, settings: VerifySettings): Check {
  const check = 'version';
  const version = state.agent.version;
  if (!version)
    return {
      check,
      ok: false,
      detail: `the agent is not installed: no ${state.agent.exePath} with a version${state.agent.registryKeyFound ? '' : ` (and no agent registry key ${AGENT_REGISTRY_KEY})`}`,
    };
  if (settings.expectedVersion) {
    const ok = compareVersions(version, settings.expectedVersion) === 0;
    return { check, ok, detail: ok ? `${version} as expected${fileVersionNote(state)}` : `${version} is installed${fileVersionNote(state)}, expected-version is ${settings.expectedVersion}` };
  }
  if (settings.minVersion) {
    const ok = compareVersions(version, settings.minVersion) >= 0;
    return { check, ok, detail: ok ? `${version} (at least ${settings.minVersion})` : `${version} is older than min-version ${settings.minVersion}` };
  }
  return { check, ok: true, detail: `${version} is installed${fileVersionNote(state)}` };
}

/** The file version, when it differs from the product version verify compares. */
function fileVersionNote(state: ServerState): string {
  const { fileVersion, productVersion } = state.agent;
  return fileVersion && productVersion && fileVersion !== productVersion ? ` (product version; file version ${fileVersion})` : '';
}

function registrationCheck(state: ServerState, settings: VerifySettings): Check {
  const check = 'registration';
  const actual = state.tenantId ? String(state.tenantId).trim() : '';
  if (!actual) return { check, ok: false, detail: `the agent is not registered: no TenantID value under ${AGENT_REGISTRY_KEY}` };
  if (settings.tenantId && actual.toLowerCase() !== settings.tenantId.toLowerCase()) {
    return { check, ok: false, detail: `registered to tenant ${actual}, but tenant-id is ${settings.tenantId}` };
  }
  return { check, ok: true, detail: `registered to tenant ${actual}` };
}

function accountCheck(service: ServiceState, settings: VerifySettings): Check {
  const check = 'service-account';
  if (!service.exists) return { check, ok: false, detail: `service ${service.name} does not exist` };
  const account = service.account ?? '';
  if (!account) return { check, ok: false, detail: `the account of ${service.name} could not be read` };
  if (settings.expectedGmsa) {
    const ok = sameAccount(account, settings.expectedGmsa);
    return { check, ok, detail: ok ? `runs as ${account}` : `runs as ${account}, expected-gmsa is ${settings.expectedGmsa}` };
  }
  const ok = looksLikeGmsa(account);
  return { check, ok, detail: ok ? `runs as gMSA ${account}` : `runs as ${account}, not a gMSA: configure one (configure-gmsa) or name it in expected-gmsa` };
}

function configProblem(state: ServerState, config: AgentConfigFacts): string | undefined {
  if (!config.exists) return `${state.agent.configPath} does not exist`;
  if (config.error) return `${state.agent.configPath} ${config.error}`;
  return undefined;
}

function configName(state: ServerState): string {
  return state.agent.configPath.split(/[\\/]/).pop() ?? state.agent.configPath;
}

function fipsCheck(state: ServerState, config: AgentConfigFacts, settings: VerifySettings): Check | undefined {
  const check = 'fips-exception';
  const file = configName(state);
  if (settings.requireFipsException === 'false') return undefined;
  const why = state.fipsPolicyEnabled ? 'the server enforces FIPS' : 'require-fips-exception is true';
  if (settings.requireFipsException === 'auto' && !state.fipsPolicyEnabled) {
    return { check, ok: true, detail: 'not needed: the server does not enforce FIPS (FipsAlgorithmPolicy Enabled is not 1)' };
  }
  const problem = configProblem(state, config);
  if (problem) return { check, ok: false, detail: `${why}, but ${problem}` };
  if (config.fipsException) return { check, ok: true, detail: `<enforceFIPSPolicy enabled="false"/> is in ${file} (${why})` };
  return {
    check,
    ok: false,
    detail: `${why}, but ${file} has no <runtime><enforceFIPSPolicy enabled="false"/>: password hash sync fails until it is added (set-fips) and the agent restarted`,
  };
}

function sameUrl(a: string, b: string): boolean {
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return a.trim().toLowerCase() === b.trim().toLowerCase();
  }
}

function proxyCheck(state: ServerState, config: AgentConfigFacts, settings: VerifySettings): Check | undefined {
  const check = 'proxy';
  const file = configName(state);
  const expected = settings.expectedProxyUrl;
  if (!expected) return undefined;
  const problem = configProblem(state, config);
  if (problem) return { check, ok: false, detail: `expected proxy ${expected}, but ${problem}` };
  if (!config.proxyAddress) return { check, ok: false, detail: `${file} has no enabled <system.net><defaultProxy><proxy proxyaddress=...>, expected ${expected}` };
  const ok = sameUrl(config.proxyAddress, expected);
  return { check, ok, detail: ok ? `the agent uses proxy ${config.proxyAddress}` : `the agent's proxy is ${config.proxyAddress}, expected ${expected}` };
}

/** The running agent has read the config, account and domains on disk (src/agent/restart.ts); only when its start time is known. */
function restartCheck(state: ServerState): Check | undefined {
  const agent = state.services.agent;
  if (!agent.exists || agent.status !== 'Running' || !agent.startedAt) return undefined;
  const pending = pendingRestart(state);
  if (pending) return { check: 'agent-restart', ok: false, detail: `a restart is pending: ${pending}; restart it (Restart-Service ${agent.name}) or re-run the action, which restarts it` };
  return { check: 'agent-restart', ok: true, detail: `${agent.name} started at ${agent.startedAt}, after its last config and account change` };
}

function tenantCheck(state: ServerState, tenant: TenantAnswer): Check {
  const check = 'tenant-agent';
  if ('error' in tenant) return { check, ok: false, detail: tenant.error };
  const computer = state.computerName ?? '';
  if (!computer) return { check, ok: false, detail: "the server's computer name is unknown, so its agent cannot be found in the tenant" };
  const mine = agentsForMachine(tenant.agents, computer);
  if (mine.length === 0) return { check, ok: false, detail: `no agent for ${computer} among the tenant's ${tenant.agents.length} provisioning agent(s)` };
  const active = mine.find(isActive);
  if (active) return { check, ok: true, detail: `agent ${active.machineName} (${active.id}) is active in the tenant` };
  const seen = mine.map((a) => `${a.machineName} is ${a.status || 'without status'}`).join(', ');
  return { check, ok: false, detail: `no active agent for ${computer} in the tenant: ${seen}` };
}

function activeAgentsCheck(state: ServerState, tenant: TenantAnswer, minimum: number): Check {
  const check = 'active-agents';
  if ('error' in tenant) return { check, ok: false, detail: tenant.error };
  return { check, ...judgeAvailability(tenant.agents, state.computerName ?? '', minimum) };
}

/** Every check verify reports, from what was read (pure: no PowerShell, no network). */
export function evaluateChecks(input: CheckInput): Check[] {
  const { state, config, settings, tenant, waitedSeconds, syncJobs } = input;
  const checks: (Check | undefined)[] = [
    serviceCheck('agent-service', state.services.agent, waitedSeconds),
    restartCheck(state),
    serviceCheck('updater-service', state.services.updater, waitedSeconds),
    versionCheck(state, settings),
    registrationCheck(state, settings),
    accountCheck(state.services.agent, settings),
    fipsCheck(state, config, settings),
    proxyCheck(state, config, settings),
    tenant ? tenantCheck(state, tenant) : undefined,
    tenant && settings.minActiveAgents > 0 ? activeAgentsCheck(state, tenant, settings.minActiveAgents) : undefined,
    input.events ? eventsCheck(input.events, settings) : undefined,
    input.connectivity ? { check: 'connectivity', ok: !input.connectivity.failure, detail: input.connectivity.failure || `all ${input.connectivity.endpoints} endpoints reachable` } : undefined,
    syncJobs ? { check: 'sync-jobs', ...syncJobsDetail(syncJobs) } : undefined,
  ];
  return checks.filter((c): c is Check => c !== undefined);
}

/** The one line a failed verify ends with. */
export function unhealthyLine(checks: Check[]): string {
  const failed = checks.filter((c) => !c.ok);
  return `The provisioning agent is unhealthy (${failed.length} of ${checks.length} checks failed): ${failed.map((c) => `${c.check}: ${c.detail.replace(/[.\s]+$/, '')}`).join('; ')}.`;
}

/** The services worth waiting for: those that exist but do not run yet. */
export function servicesToWaitFor(state: ServerState): string[] {
  return [state.services.agent, state.services.updater].filter((s) => s.exists && s.status !== 'Running').map((s) => s.name);
}

/** The state with the service statuses a wait ended with. */
export function withStatuses(state: ServerState, statuses: Record<string, string | null>): ServerState {
  const update = (s: ServiceState): ServiceState => (s.name in statuses ? { ...s, status: statuses[s.name], exists: statuses[s.name] !== null } : s);
  return { ...state, services: { agent: update(state.services.agent), updater: update(state.services.updater) } };
}
