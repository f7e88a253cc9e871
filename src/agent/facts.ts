/** What we know about the Entra provisioning agent (../shared/reference/agent-facts.md), as code. */

// Names and paths the server can tell (service name, install folder, executable, config, trace folder,
// updater service) are read by src/agent/get-server-state.ps1 from the agent's registry key and the
// services; steps take them from ServerState, never from constants here.
export const AGENT_MODULE_DLL = 'Microsoft.CloudSync.PowerShell.dll';
export const INSTALLER_FILE = 'AADConnectProvisioningAgentSetup.exe';

/** The updater's executable [doc: how-to-automatic-upgrade.md]: its service is found by it. */
export const UPDATER_EXE = 'AzureADConnectAgentUpdater.exe';
/** The account the agent service runs as until a gMSA is configured. */
export const VIRTUAL_SERVICE_ACCOUNT = 'NT SERVICE\\AADConnectProvisioningAgent';
export const DEFAULT_GMSA = 'provAgentgMSA$';

/**
 * The agent's own key: ServiceName, InstallDir, ServiceProcessName, ProgramDataFolderName, TenantID
 * [doc: how-to-manage-registry-options.md; ms-code: AADCloudSyncTools]. Used here before 2026-11-25, from
 * one third-party script each, and WRONG:
 *   WRONG key: HKLM\SOFTWARE\Microsoft\Azure AD Connect Provisioning Agent
 *   WRONG updater service name: AADConnectAgentUpdater (the service is found by its executable instead)
 */
export const AGENT_REGISTRY_KEY = 'HKLM:\\SOFTWARE\\Microsoft\\Azure AD Connect Agents\\Azure AD Connect Provisioning Agent';
export const FIPS_POLICY_KEY = 'HKLM:\\System\\CurrentControlSet\\Control\\Lsa\\FipsAlgorithmPolicy';

/**
 * Clouds the action supports. The installer gets ENVIRONMENTNAME only for a non-public cloud [doc:
 * only AzureUSGovernment is documented; for the public cloud the docs pass nothing].
 */
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

export const PUBLIC_CLOUD: Environment = 'AzureCloud';

/**
 * The direct download link of the public-cloud installer (older Microsoft docs). No government link
 * is documented: for AzureUSGovernment the workflow must give 'installer' (the admin center's download).
 */
export const PUBLIC_INSTALLER_URL = 'https://download.msappproxy.net/Subscription/d3c8b69d-6bf7-42be-a529-3fe9c2e70c90/Connector/provisioningAgentInstaller';

/** Where the installer comes from when no link is documented for the cloud [doc]. */
export const INSTALLER_DOWNLOAD_HINT =
  'download AADConnectProvisioningAgentSetup.exe from the Microsoft Entra admin center of that cloud (Cloud sync > Agents > Download on-premises agent) and give its path or URL';

/** The organisation an installer's Authenticode signer certificate must name (CN and O). */
export const INSTALLER_SIGNER = 'Microsoft Corporation';
