/** Verify's lab fixtures: a registered agent (installed by the lab installer's routine) and config variants. */
import { writeFileSync } from 'node:fs';
import { agentConfigPath, agentDir } from '../../lab/installer.mjs';
import { installAgentOnAsync } from './installed-agent.js';

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

export { agentDir };

export interface InstalledAgentOptions {
  version?: string;
  config?: string;
  account?: string;
  /** null: not registered. */
  tenantId?: string | null;
}

/** A registered agent running as the gMSA, with a known config (verify's healthy baseline). Asynchronous: see installAgentOnAsync. */
export async function installAgent(root: string, options: InstalledAgentOptions = {}): Promise<void> {
  await installAgentOnAsync(root, {
    version: options.version,
    account: options.account ?? GMSA_ACCOUNT,
    config: options.config ?? AGENT_CONFIG_XML,
    tenantId: options.tenantId === null ? undefined : (options.tenantId ?? TENANT_ID),
  });
}

export function writeConfig(root: string, xml: string): void {
  writeFileSync(agentConfigPath(root), xml);
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
