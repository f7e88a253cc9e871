import type { Inputs } from '../../shared/inputs.js';

export interface UninstallSettings {
  installDir?: string;
  /** Keep the agent config's backups (set-fips writes them beside the config). */
  keepConfigBackups: boolean;
  /** Keep the action's own records (HKLM\SOFTWARE\entra-provisioning-agent). */
  keepActionRecords: boolean;
}

export function readUninstallSettings(inputs: Inputs): UninstallSettings {
  return {
    installDir: inputs.text('install-dir') || undefined,
    keepConfigBackups: inputs.bool('keep-config-backups', true),
    keepActionRecords: inputs.bool('keep-action-records', false),
  };
}
