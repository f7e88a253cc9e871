/**
 * An installed agent on a lab server for tests of the steps that run after install-agent. The agent
 * is put there by the lab installer's own routine (lab/installer.mjs installAgent), so every test
 * sees the layout a real lab install makes; tests then adjust what they are about.
 */
import { writeFileSync } from 'node:fs';
import { AGENT_KEY, serviceStartedNow, setRegistry, setService } from '../../lab/lab.mjs';
import { agentConfigPath, agentDir, installAgent, installAgentAsync } from '../../lab/installer.mjs';

export interface InstalledAgent {
  dir: string;
  configPath: string;
}

export interface InstalledAgentOptions {
  version?: string;
  /** The agent service's log-on account (default: the installer's virtual account). */
  account?: string;
  /** Replaces the installer's default .exe.config. */
  config?: string | Buffer;
  /** Registers the agent with this tenant. */
  tenantId?: string;
}

export function installAgentOn(root: string, options: InstalledAgentOptions = {}): InstalledAgent {
  installAgent(root, options.version ?? '1.1.2505.0', options.account ? { account: options.account } : {});
  return finishInstall(root, options);
}

function finishInstall(root: string, options: InstalledAgentOptions): InstalledAgent {
  if (options.config !== undefined) {
    writeFileSync(agentConfigPath(root), options.config);
    // Installed with this config: the agent's process started after it was written.
    serviceStartedNow(root, 'AADConnectProvisioningAgent');
  }
  if (options.tenantId) setRegistry(root, { [AGENT_KEY]: { TenantID: options.tenantId } });
  return { dir: agentDir(root), configPath: agentConfigPath(root) };
}

/**
 * installAgentOn without blocking the test process: the synchronous form stalls every in-process
 * server (a local Graph) of the tests running concurrently beside it.
 */
export async function installAgentOnAsync(root: string, options: InstalledAgentOptions = {}): Promise<InstalledAgent> {
  await installAgentAsync(root, options.version ?? '1.1.2505.0', options.account ? { account: options.account } : {});
  return finishInstall(root, options);
}

/** The set-fips tests' shape: an agent with the given config, and optional changes to its service. */
export function installAgentWithConfig(root: string, config: Buffer, options: { version?: string; service?: Record<string, unknown> } = {}): InstalledAgent {
  const agent = installAgentOn(root, { version: options.version, config });
  if (options.service) setService(root, { Name: 'AADConnectProvisioningAgent', ...options.service });
  return agent;
}
