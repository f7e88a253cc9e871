/**
 * A stand-in for an installed, registered agent on a lab server (until the lab has the real
 * installer routine): program folder with a versioned exe and its .exe.config, both services, and
 * the registration's TenantId in the registry.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { setRegistry, setService } from '../../lab/lab.mjs';

export const TENANT_ID = '8f3c2a4e-1b7d-4c6e-9a2f-5d0e7b1c3a99';
export const GMSA_ACCOUNT = 'CONTOSO\\provAgentgMSA$';

export const AGENT_CONFIG_XML = `<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <startup>
    <supportedRuntime version="v4.0" sku=".NETFramework,Version=v4.7.1" />
  </startup>
  <runtime>
    <assemblyBinding xmlns="urn:schemas-microsoft-com:asm.v1">
      <dependentAssembly>
        <assemblyIdentity name="Newtonsoft.Json" publicKeyToken="30ad4fe6b2a6aeed" culture="neutral" />
        <bindingRedirect oldVersion="0.0.0.0-13.0.0.0" newVersion="13.0.0.0" />
      </dependentAssembly>
    </assemblyBinding>
  </runtime>
  <system.diagnostics>
    <sources>
      <source name="AAD Connect Provisioning Agent" switchValue="Information">
        <listeners>
          <add name="traceFile" type="System.Diagnostics.TextWriterTraceListener" initializeData="%ProgramData%\\Microsoft\\Azure AD Connect Provisioning Agent\\Trace\\ProvisioningAgent.log" />
        </listeners>
      </source>
    </sources>
  </system.diagnostics>
  <appSettings>
    <add key="TraceFilename" value="ProvisioningAgent.log" />
  </appSettings>
</configuration>
`;

export function agentDir(root: string): string {
  return path.join(root, 'Program Files', 'Microsoft Azure AD Connect Provisioning Agent');
}

export interface InstalledAgentOptions {
  version?: string;
  config?: string;
  account?: string;
  tenantId?: string | null;
}

export function installAgent(root: string, options: InstalledAgentOptions = {}): void {
  const dir = agentDir(root);
  mkdirSync(dir, { recursive: true });
  const version = options.version ?? '1.1.2505.0';
  writeFileSync(path.join(dir, 'AADConnectProvisioningAgent.exe'), `LAB-BINARY ${JSON.stringify({ FileVersion: version })}\n`);
  writeConfig(root, options.config ?? AGENT_CONFIG_XML);
  setService(root, {
    Name: 'AADConnectProvisioningAgent',
    DisplayName: 'Microsoft Entra Connect Provisioning Agent',
    Status: 'Running',
    StartType: 'Automatic',
    StartName: options.account ?? GMSA_ACCOUNT,
    PathName: `"${path.join(dir, 'AADConnectProvisioningAgent.exe')}"`,
  });
  setService(root, {
    Name: 'AADConnectAgentUpdater',
    DisplayName: 'Microsoft Entra Connect Agent Updater',
    Status: 'Running',
    StartType: 'Automatic',
    StartName: 'LocalSystem',
    PathName: '"C:\\Program Files\\Microsoft Azure AD Connect Provisioning Agent Updater\\AzureADConnectAgentUpdater.exe"',
  });
  if (options.tenantId !== null) {
    setRegistry(root, { 'SOFTWARE\\Microsoft\\Azure AD Connect Provisioning Agent': { TenantId: options.tenantId ?? TENANT_ID } });
  }
}

export function writeConfig(root: string, xml: string): void {
  writeFileSync(path.join(agentDir(root), 'AADConnectProvisioningAgent.exe.config'), xml);
}

/** The config with the FIPS exception as the first child of <configuration>. */
export function withFipsException(xml: string): string {
  return xml.replace('<configuration>', '<configuration>\n  <runtime>\n    <enforceFIPSPolicy enabled="false"/>\n  </runtime>');
}

export function withProxy(xml: string, address: string): string {
  return xml.replace(
    '</configuration>',
    `  <system.net>\n    <defaultProxy enabled="true" useDefaultCredentials="true">\n      <proxy usesystemdefault="true" proxyaddress="${address}" bypassonlocal="true"/>\n    </defaultProxy>\n  </system.net>\n</configuration>`,
  );
}
