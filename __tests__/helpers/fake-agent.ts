/**
 * An "installed agent" on a lab server, for steps that need one before the install-agent lab
 * installer is wired in: the agent folder with a stand-in AADConnectProvisioningAgent.exe (version
 * via the LAB-BINARY header), the given .exe.config, and the agent service.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { setService } from '../../lab/lab.mjs';

export const AGENT_DIR_NAME = 'Microsoft Azure AD Connect Provisioning Agent';

export interface FakeAgent {
  dir: string;
  configPath: string;
}

export function installFakeAgent(root: string, config: Buffer, options: { version?: string; service?: Record<string, unknown> } = {}): FakeAgent {
  const dir = path.join(root, 'Program Files', AGENT_DIR_NAME);
  mkdirSync(dir, { recursive: true });
  // Every header field is given: lab/LabHost/parts/30-files.ps1 reads them all, and under the
  // action's Set-StrictMode a missing one makes VersionInfo come back empty.
  const version = options.version ?? '1.1.2505.0';
  const header = { FileVersion: version, ProductVersion: version, ProductName: 'Microsoft Azure AD Connect Provisioning Agent', CompanyName: 'Microsoft Corporation', FileDescription: 'AADConnectProvisioningAgent' };
  writeFileSync(path.join(dir, 'AADConnectProvisioningAgent.exe'), `LAB-BINARY ${JSON.stringify(header)}\n`);
  const configPath = path.join(dir, 'AADConnectProvisioningAgent.exe.config');
  writeFileSync(configPath, config);
  (setService as (root: string, service: Record<string, unknown>) => void)(root, {
    Name: 'AADConnectProvisioningAgent',
    DisplayName: 'Microsoft Entra Provisioning Agent',
    Status: 'Running',
    StartType: 'Automatic',
    StartName: 'NT SERVICE\\AADConnectProvisioningAgent',
    PathName: `"${path.join(dir, 'AADConnectProvisioningAgent.exe')}"`,
    ...options.service,
  });
  return { dir, configPath };
}
