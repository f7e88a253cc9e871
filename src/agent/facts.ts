/** What we know about the Entra provisioning agent (../shared/reference/agent-facts.md), as code. */

export const AGENT_FOLDER_NAME = 'Microsoft Azure AD Connect Provisioning Agent';
export const AGENT_EXE = 'AADConnectProvisioningAgent.exe';
export const AGENT_CONFIG = 'AADConnectProvisioningAgent.exe.config';
export const AGENT_MODULE_DLL = 'Microsoft.CloudSync.PowerShell.dll';
export const INSTALLER_FILE = 'AADConnectProvisioningAgentSetup.exe';

export const AGENT_SERVICE = 'AADConnectProvisioningAgent';
/** UNDOCUMENTED short name (display name "Microsoft Entra Connect Agent Updater"); seen in practice. */
export const UPDATER_SERVICE = 'AADConnectAgentUpdater';
/** The account the agent service runs as until a gMSA is configured. */
export const VIRTUAL_SERVICE_ACCOUNT = 'NT SERVICE\\AADConnectProvisioningAgent';
export const DEFAULT_GMSA = 'provAgentgMSA$';

/** Registration leaves the tenant id here (seen in public lab scripts). */
export const AGENT_REGISTRY_KEY = 'HKLM:\\SOFTWARE\\Microsoft\\Azure AD Connect Provisioning Agent';
export const FIPS_POLICY_KEY = 'HKLM:\\System\\CurrentControlSet\\Control\\Lsa\\FipsAlgorithmPolicy';

/** Cloud environments the installer's ENVIRONMENTNAME property accepts (bundle default: 'Default'). */
export const ENVIRONMENTS = ['AzureCloud', 'AzureUSGovernment'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export const MIN_VERSION = {
  gmsa: '1.1.281.0',
  customGmsaAndSilentInstall: '1.1.354.0',
  permissionCmdlets: '1.1.359.0',
  writebackCmdlet: '1.1.587.0',
  writebackGenerallyAvailable: '1.1.977.0',
  /** Upgrades before this one could reset config customisations (FIPS, proxy). */
  keepsCustomisationsOnUpgrade: '1.1.1365.0',
  /** From here Add-AADCloudSyncADDomain no longer grants a custom gMSA its AD rights: Set-AADCloudSyncPermissions does [doc: version history]. */
  customGmsaNeedsPermissionCmdlet: '1.1.2334.0',
  /** Password writeback in US Government: broken in 1.1.2102.0, fixed in 1.1.2108.0 [doc: version history]. */
  writebackUsGovernment: '1.1.2108.0',
} as const;

/**
 * Direct download link of the installer per environment (seen in Microsoft's version history). The
 * government link is the same path on the `.us` host: UNDOCUMENTED beyond "the .us host".
 */
export const INSTALLER_URLS: Record<Environment, string> = {
  AzureCloud: 'https://download.msappproxy.net/Subscription/d3c8b69d-6bf7-42be-a529-3fe9c2e70c90/Connector/provisioningAgentInstaller',
  AzureUSGovernment: 'https://download.msappproxy.us/Subscription/d3c8b69d-6bf7-42be-a529-3fe9c2e70c90/Connector/provisioningAgentInstaller',
};

/** The organisation an installer's Authenticode signer certificate must name (CN and O). */
export const INSTALLER_SIGNER = 'Microsoft Corporation';
