import type { PowerShellSession } from '../powershell/session.js';

export interface ServiceState {
  name: string;
  exists: boolean;
  /** 'Running', 'Stopped', ... as Get-Service reports it; null when the service does not exist. */
  status: string | null;
  startType: string | null;
  /** The account the service logs on as (Win32_Service StartName). */
  account: string | null;
  /** When the service's running process started (UTC, ISO); null when it does not run or cannot be told. */
  startedAt?: string | null;
}

/**
 * What every step needs to know about the agent on this server (src/agent/get-server-state.ps1).
 * Names and paths come from the agent's own registry key; documented defaults only before install.
 */
export interface ServerState {
  computerName: string | null;
  agent: {
    /** The agent executable exists and carries a version. */
    installed: boolean;
    /** The agent's registry key (AGENT_REGISTRY_KEY in facts.ts) exists. */
    registryKeyFound: boolean;
    /** The agent service's name (registry ServiceName). */
    serviceName: string;
    /** Input 'install-dir', else registry InstallDir, else the documented default folder. */
    installDir: string;
    /** <installDir>\<ServiceProcessName> */
    exePath: string;
    /** <installDir>\<ServiceProcessName>.config */
    configPath: string;
    configExists: boolean;
    /** Last write of the config file (UTC, ISO); null when there is none. */
    configWrittenAt?: string | null;
    /** %ProgramData%\Microsoft\<ProgramDataFolderName>\Trace */
    traceFolder: string;
    /** The executable's product version (its file version when the product version is missing). */
    version: string | null;
    fileVersion: string | null;
    productVersion: string | null;
  };
  /** When this action last changed something else the agent reads only at start (see src/agent/restart.ts). */
  agentChangedAt?: string | null;
  /** agent: the service named by the registry; updater: the service that runs AzureADConnectAgentUpdater.exe. */
  services: { agent: ServiceState; updater: ServiceState };
  /** The registry's TenantID: the tenant the agent is registered to; null before registration. */
  tenantId: string | null;
  fipsPolicyEnabled: boolean;
  engine: { edition: string; version: string };
}

export function readServerState(session: PowerShellSession, installDir?: string): Promise<ServerState> {
  return session.run<ServerState>('agent/get-server-state.ps1', installDir ? { InstallDir: installDir } : {});
}

/**
 * One read of the server shared by every step of a run: a step that changed the server calls
 * invalidate(), and the next step that asks reads it again. A converged run reads it once.
 */
export class ServerStateCache {
  private current: Promise<ServerState> | undefined;
  private key: string | undefined;

  constructor(private readonly session: PowerShellSession) {}

  get(installDir?: string): Promise<ServerState> {
    const key = installDir ?? '';
    if (!this.current || this.key !== key) {
      this.key = key;
      this.current = readServerState(this.session, installDir);
      this.current.catch(() => this.invalidate());
    }
    return this.current;
  }

  invalidate(): void {
    this.current = undefined;
  }
}
