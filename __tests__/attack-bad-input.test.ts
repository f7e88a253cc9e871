// Attack: bad values in every input of the root action. Each must end the run with exit code != 0,
// exactly one failure line naming the input, no stack trace in the visible log, and the lab
// server exactly as it was (no PowerShell started, no file touched).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { snapshotFiles } from '../lab/lab.mjs';
import { createFleetLab, fleetInstaller, fullInputs, startLabWeb } from '../bench/fleet-lab.mjs';
import { errorLines, newRunnerDir, runEntry } from './helpers/action.js';
import { filesUnder } from './helpers/leaks.js';
import { describeWithPwsh } from './helpers/pwsh.js';

/** [input, bad value, extra inputs that make it bad (optional)]. */
const BAD: [string, string, Record<string, string>?][] = [
  ['dry-run', 'yes'],
  ['timeout-minutes', '0'],
  ['timeout-minutes', '1.5'],
  ['timeout-minutes', '-5'],
  ['steps', 'install-agent,format-disk'],
  ['environment', 'AzureChina'],
  ['installer', 'ftp://downloads.contoso.com/setup.exe'],
  ['installer', 'http://user:secret@127.0.0.1/setup.exe'],
  ['installer', '/nonexistent/AADConnectProvisioningAgentSetup.exe'],
  ['installer', 'setup.exe; rm -rf /'],
  ['installer-sha256', 'abc123'],
  ['installer-sha256', 'g'.repeat(64)],
  ['version', '1.1.2505.0.9'],
  ['version', 'latest; Remove-Item C:\\ -Recurse'],
  ['allow-downgrade', 'maybe'],
  ['preflight', 'ignore'],
  ['install-retries', '51'],
  ['retry-delay-seconds', 'ten'],
  ['installer-cache-hours', '-1'],
  ['tenant-id', 'not-a-guid'],
  ['tenant-username', 'admin'],
  ['tenant-password', '', { 'tenant-password': '' }],
  ['tenant-password', 'first line\nsecond line'],
  ['access-token', 'eyJ0eXAi.token.sig'],
  ['gmsa', 'delete'],
  ['gmsa-name', 'myGmsa$'],
  ['domain-username', 'admin'],
  ['domain-credentials', '{not json'],
  ['domain-credentials', '{"FAB": {"username": "FABRIKAM\\\\fabadmin"}}'],
  ['domains', 'contoso.com password=hunter2'],
  ['domains', 'not a domain!'],
  ['domains', 'fabrikam.com credential=NOPE'],
  ['domains', 'contoso.com\ncontoso.com'],
  ['create-kds-root-key', 'sure'],
  ['restart-timeout-seconds', '2'],
  ['fips-exception', 'on'],
  ['proxy-url', 'http://user:pw@proxy.contoso.com:8080'],
  ['proxy-url', 'proxy.contoso.com:8080'],
  ['proxy-url', 'http://proxy contoso.com'],
  ['remove-proxy', 'true'],
  ['backups-to-keep', '0'],
  ['password-writeback', 'enable'],
  ['writeback-username', 'ga'],
  ['expected-version', '1.1.x'],
  ['min-version', '1.1.2505.0'],
  ['expected-gmsa', 'bad/name$'],
  ['require-fips-exception', 'yes'],
  ['expected-proxy-url', 'nope'],
  ['graph-access-token', 'two words'],
  ['report-only', 'perhaps'],
  ['service-wait-seconds', '99999'],
  // 100 KB values: the failure line shows a readable part of them, not the whole value.
  ['install-dir', `C:\\${'a'.repeat(100_000)}`],
  ['installer', `/nonexistent/${'b'.repeat(100_000)}.exe`],
  ['installer', `https://[${'c'.repeat(100_000)}/setup.exe`],
  ['sync-domains', 'contoso.com; Remove-Item C:\\'],
  ['client-id', 'not-a-guid', { 'sync-domains': 'contoso.com', 'graph-access-token': '' }],
  ['login-url', 'http://login.contoso.com', { 'sync-domains': 'contoso.com', 'graph-access-token': '', 'client-id': '5e1f0c3a-7b2d-4e9f-a1c6-8d4b2f7e9a10' }],
  ['accidental-delete-threshold', 'many', { 'sync-domains': 'contoso.com' }],
  ['sync-notification-email', 'ops at contoso', { 'sync-domains': 'contoso.com' }],
  ['wait-first-cycle-seconds', '7200', { 'sync-domains': 'contoso.com' }],
  ['password-hash-sync', 'yes', { 'sync-domains': 'contoso.com' }],
];

describeWithPwsh(
  'attack: bad input is refused in one line, before anything runs',
  () => {
    let web: Awaited<ReturnType<typeof startLabWeb>>;
    let lab: { root: string; env: NodeJS.ProcessEnv; cleanup(): void };
    let media: string;
    let runnerDir: string;
    let valid: Record<string, string>;
    let before: Record<string, string>;
    beforeAll(async () => {
      web = await startLabWeb();
      lab = createFleetLab();
      media = mkdtempSync(path.join(tmpdir(), 'attack-bad-input-'));
      runnerDir = newRunnerDir();
      valid = fullInputs(web.serve('/bad-input/setup', fleetInstaller(media)), web.base);
      before = snapshotFiles(lab.root) as Record<string, string>;
    });
    afterAll(async () => {
      await web?.close();
      lab?.cleanup();
      for (const dir of [media, runnerDir]) if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('has at least 30 cases over at least 25 different inputs', () => {
      expect(BAD.length).toBeGreaterThanOrEqual(30);
      expect(new Set(BAD.map(([input]) => input)).size).toBeGreaterThanOrEqual(25);
    });

    it.each(BAD.map(([input, value, extra]) => ({ input, value, extra, label: JSON.stringify(value).slice(0, 40) })))('$input = $label', async ({ input, value, extra }) => {
      const inputs = { ...valid, [input]: value, ...extra };
      if (input === 'min-version') inputs['expected-version'] = '1.1.2505.0';
      if (input === 'remove-proxy') inputs['proxy-url'] = 'http://proxy.contoso.com:8080';
      if (input === 'gmsa-name') inputs.gmsa = 'create';
      if (input === 'tenant-password' && value === '') inputs['tenant-username'] = 'hia@contoso.onmicrosoft.com';
      const run = await runEntry('main', inputs, { env: lab.env, runnerDir });

      expect(run.code).not.toBe(0);
      const lines = errorLines(run);
      expect(lines, run.stdout).toHaveLength(1);
      expect(lines[0]).toContain(`'${input}'`);
      expect(lines[0].length, lines[0].slice(0, 300)).toBeLessThan(600);
      // No stack trace where the user looks (the ::debug:: line holds one for whoever turns debugging on).
      const visible = `${run.stdout
        .split('\n')
        .filter((l) => !l.startsWith('::debug::'))
        .join('\n')}\n${run.stderr}`;
      expect(visible).not.toMatch(/\n\s+at .+:\d+:\d+/);
      expect(visible).not.toMatch(/(TypeError|ReferenceError|SyntaxError|InputError):/);
      // Nothing on the server changed, and no engine was started (commandlines.log would have grown).
      expect(snapshotFiles(lab.root)).toEqual(before);
      expect(filesUnder(path.join(runnerDir, 'tool-cache'))).toEqual([]);
    });
  },
  { concurrent: true },
);
