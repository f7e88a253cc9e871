/** One Programs-and-Features entry of the agent (get-uninstall-state.ps1). */
export interface Product {
  key: string;
  registryPath: string;
  displayName: string;
  displayVersion: string;
  quietUninstallString: string;
  uninstallString: string;
  windowsInstaller: boolean;
}

export interface UninstallState {
  products: Product[];
  services: { name: string; state: string; path: string }[];
  installDir: string;
  installDirExists: boolean;
  agentKeyExists: boolean;
  configBackups: string[];
  recordsKey: string;
  recordsExist: boolean;
}

export interface Removal {
  product: Product;
  /** The silent command line to run. */
  command: string;
  /** Where the command came from, for the log. */
  source: 'QuietUninstallString' | 'UninstallString + silent switches' | 'msiexec /x {ProductCode}';
}

const GUID = /\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}/;

/**
 * The bundle first (since agent 1.1.972.0 removing it removes the agent too [doc: version history]),
 * then the agent, then the updater. After each removal the state is read again, so a product the
 * bundle took along is not removed twice.
 */
export function removalOrder(p: Product): number {
  if (/package$/i.test(p.displayName)) return 0;
  if (/updater$/i.test(p.displayName)) return 2;
  return 1;
}

/**
 * The silent command for one entry: its QuietUninstallString when it has one, else its
 * UninstallString made silent by the Windows conventions. UNDOCUMENTED for these products: the docs
 * only name the entries; MSI entries (WindowsInstaller=1, MsiExec.exe /I or /X{code}) become
 * `MsiExec.exe /X{code} /qn /norestart`, a Burn bundle's cached setup gets `/quiet /norestart`.
 */
export function silentCommand(p: Product): Removal | undefined {
  if (p.quietUninstallString.trim()) {
    const command = /\/norestart\b/i.test(p.quietUninstallString) ? p.quietUninstallString.trim() : `${p.quietUninstallString.trim()} /norestart`;
    return { product: p, command, source: 'QuietUninstallString' };
  }
  const text = p.uninstallString.trim();
  const code = GUID.exec(text)?.[0] ?? (GUID.test(p.key) ? GUID.exec(p.key)?.[0] : undefined);
  if ((p.windowsInstaller || /^"?msiexec(\.exe)?"?\s/i.test(text)) && code) {
    return { product: p, command: `MsiExec.exe /X${code} /qn /norestart`, source: 'msiexec /x {ProductCode}' };
  }
  if (!text) return undefined;
  const silent = /\s[/-](quiet|qn|passive|s|silent)\b/i.test(text) ? text : `${text} /quiet`;
  return { product: p, command: /\/norestart\b/i.test(silent) ? silent : `${silent} /norestart`, source: 'UninstallString + silent switches' };
}

/** What the step would remove, in order; entries without any uninstall command are reported, not guessed at. */
export function planRemovals(state: UninstallState): { removals: Removal[]; unremovable: Product[] } {
  const removals: Removal[] = [];
  const unremovable: Product[] = [];
  for (const p of [...state.products].sort((a, b) => removalOrder(a) - removalOrder(b))) {
    const r = silentCommand(p);
    if (r) removals.push(r);
    else unremovable.push(p);
  }
  return { removals, unremovable };
}

/** Nothing of the agent is left: no entry and no agent or updater service. */
export function isGone(state: UninstallState): boolean {
  return state.products.length === 0 && state.services.length === 0;
}

/** Exit codes that mean the product is gone (or goes after a reboot). 1605: not installed (already gone). */
export function uninstallSucceeded(code: number): boolean {
  return code === 0 || code === 3010 || code === 1641 || code === 1605;
}
