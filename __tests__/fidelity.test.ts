/**
 * The product names only what the lab's fact table lists (lab/README.md, "Simulated facts"): every
 * registry key, service name and AADCloudSync cmdlet in src/ must have a row there, with a source.
 * A name the product relies on without a sourced, simulated fact is how the wrong key and the guessed
 * updater name got in before.
 */
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE_TAG = /\[(doc|ms-code|public|one)[\]:]|UNDOCUMENTED|\(own\)|convention/;

interface Names {
  keys: string[];
  services: string[];
  cmdlets: string[];
}

function factTable(markdown: string): string[][] {
  const start = markdown.indexOf('## Simulated facts');
  expect(start, 'lab/README.md has no "## Simulated facts" section').toBeGreaterThanOrEqual(0);
  const rest = markdown.slice(start).split('\n').slice(1);
  const end = rest.findIndex((line) => line.startsWith('## '));
  return (end < 0 ? rest : rest.slice(0, end))
    .filter((line) => line.startsWith('|') && !/^\|\s*-+/.test(line))
    .slice(1)
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
}

/** HKLM:\x\\y, HKEY_LOCAL_MACHINE\x → hklm\x\y (lower case, single backslashes, no trailing one). */
function normaliseKey(hive: string, rest: string): string {
  const h = /^(HKCU|HKEY_CURRENT_USER)$/i.test(hive) ? 'hkcu' : 'hklm';
  return `${h}\\${rest
    .replace(/\\+/g, '\\')
    .replace(/^\\|\\$/g, '')
    .trim()}`.toLowerCase();
}

const KEY = /\b(HKLM|HKCU|HKEY_LOCAL_MACHINE|HKEY_CURRENT_USER):?((?:\\+[^\\'"`$\n{}()]+)+)/g;
const CMDLET = /\b[A-Z][a-z]+-AADCloudSync[A-Za-z]+\b/g;
const SERVICE_PATTERNS = [
  /\b(?:Get|Start|Stop|Restart|Set)-Service\s+(?:-Name\s+)?['"]([^'"$]+)['"]/g,
  /Win32_Service\s+-Filter\s+["']Name\s*=\s*'([^'$]+)'/g,
  /\$\w*[sS]ervice\w*\s*=\s*['"]([^'"$]+)['"]/g,
  /\b\w*SERVICE\w*\s*=\s*['"]([^'"]+)['"]/g,
  /restart-service\.ps1',\s*\{\s*Name:\s*['"]([^'"]+)['"]/g,
];

/** What one source text names; lines that say WRONG (the comment about the old names) are skipped. */
export function namesIn(text: string): Names {
  const lines = text.split('\n').filter((line) => !line.includes('WRONG'));
  const kept = lines.join('\n');
  const keys = [...kept.matchAll(KEY)].map((m) => normaliseKey(m[1], m[2])).filter((k) => !k.endsWith('\\'));
  const cmdlets = [...kept.matchAll(CMDLET)].map((m) => m[0]);
  const services = SERVICE_PATTERNS.flatMap((re) => [...kept.matchAll(re)].map((m) => m[1].replace(/\\+/g, '\\')));
  return { keys, services, cmdlets };
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ps1|ts)$/.test(entry.name) ? [full] : [];
  });
}

function listedIn(rows: string[][]): { keys: Set<string>; words: Set<string> } {
  const tokens = rows.flatMap((row) => [...row[0].matchAll(/`([^`]+)`/g)].map((m) => m[1]));
  const keys = new Set<string>();
  const words = new Set<string>();
  for (const token of tokens) {
    const key = /^(HKLM|HKCU|HKEY_LOCAL_MACHINE|HKEY_CURRENT_USER):?\\(.+)$/.exec(token);
    if (key) keys.add(normaliseKey(key[1], key[2]));
    words.add(token.toLowerCase());
    for (const word of token.split(/[\s,]+/)) words.add(word.toLowerCase());
  }
  return { keys, words };
}

/** Names in the sources that the table does not list, as "file: kind name". */
function unlisted(files: Record<string, string>, rows: string[][]): string[] {
  const { keys, words } = listedIn(rows);
  const out: string[] = [];
  for (const [file, text] of Object.entries(files)) {
    const names = namesIn(text);
    for (const k of names.keys) if (!keys.has(k)) out.push(`${file}: registry key ${k}`);
    for (const s of names.services) if (!words.has(s.toLowerCase())) out.push(`${file}: service ${s}`);
    for (const c of names.cmdlets) if (!words.has(c.toLowerCase())) out.push(`${file}: cmdlet ${c}`);
  }
  return out;
}

describe('fidelity: the product names only sourced, simulated facts', () => {
  const rows = factTable(readFileSync(path.join(repo, 'lab', 'README.md'), 'utf8'));
  const files = Object.fromEntries(sourceFiles(path.join(repo, 'src')).map((f) => [path.relative(repo, f), readFileSync(f, 'utf8')]));

  it('every row of the fact table gives a source', () => {
    expect(rows.length).toBeGreaterThan(20);
    const missing = rows.filter((row) => row.length < 3 || !SOURCE_TAG.test(row[1]) || !row[2]).map((row) => row[0]);
    expect(missing).toEqual([]);
  });

  it('every registry key, service name and AADCloudSync cmdlet in src/ is in the table', () => {
    expect(unlisted(files, rows)).toEqual([]);
  });

  it('the scan sees what src/ really names (it cannot pass by finding nothing)', () => {
    const all = Object.values(files).map(namesIn);
    const keys = new Set(all.flatMap((n) => n.keys));
    const services = new Set(all.flatMap((n) => n.services));
    const cmdlets = new Set(all.flatMap((n) => n.cmdlets));
    expect(keys).toContain('hklm\\software\\microsoft\\azure ad connect agents\\azure ad connect provisioning agent');
    expect(keys).toContain('hkcu\\software\\microsoft\\powershell\\1\\shellids\\microsoft.powershell');
    expect(services).toContain('VaultSvc');
    expect(services).toContain('AADConnectProvisioningAgent');
    expect(services).toContain('AzureADConnectAgentUpdater');
    expect(cmdlets).toContain('Connect-AADCloudSyncAzureAD');
  });

  it('flags a key, a service or a cmdlet the table does not list', () => {
    const sample = [
      "$x = Get-ItemProperty -LiteralPath 'HKLM:\\SOFTWARE\\Contoso\\Agent' -Name TenantId",
      "Restart-Service -Name 'ContosoSvc'",
      'Remove-AADCloudSyncEverything -Force',
      "export const UPDATER_SERVICE = 'GuessedUpdater';",
    ].join('\n');
    expect(unlisted({ 'sample.ps1': sample }, rows)).toEqual([
      'sample.ps1: registry key hklm\\software\\contoso\\agent',
      'sample.ps1: service ContosoSvc',
      'sample.ps1: service GuessedUpdater',
      'sample.ps1: cmdlet Remove-AADCloudSyncEverything',
    ]);
  });

  it('the old registry key and the guessed updater name appear in src/ only where a comment says they are wrong', () => {
    const offending: string[] = [];
    for (const [file, text] of Object.entries(files)) {
      text.split('\n').forEach((line, i) => {
        const oldKey = /Microsoft\\+Azure AD Connect Provisioning Agent(?!\s*\\*\s*Updater)/.test(line) && !/Azure AD Connect Agents/.test(line) && /HK(LM|EY_LOCAL_MACHINE)|SOFTWARE/i.test(line);
        const oldName = /\bAADConnectAgentUpdater\b/.test(line);
        if ((oldKey || oldName) && !(/WRONG/.test(line) && /^\s*(\*|\/\/|#)/.test(line))) offending.push(`${file}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(offending).toEqual([]);
  });
});
