// npm run lab's lifecycle stories: a teardown after the build, and a failing run that hands over a
// diagnostics bundle. Same shape as the other scenarios: make() -> { server, inputs }, prepare runs
// (not shown), shown runs (each with its own input changes), prove() -> { ok, line } built from what
// was checked on the outputs, the server and the bundle.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { createFreshServer, FRESH } from './fresh-server.mjs';
import { setInstallerExitCodes } from './installer.mjs';
import { getService } from './lab.mjs';
import { uninstallEntries } from './lifecycle.mjs';

const errorLines = (log) =>
  log
    .split('\n')
    .filter((l) => l.startsWith('::error::'))
    .map((l) => l.slice(9));
const SECRETS = [FRESH.hia.password, FRESH.ga.password, FRESH.domainAdmin.password];

function checker() {
  const problems = [];
  return {
    expect(condition, problem) {
      if (!condition) problems.push(problem);
    },
    result(success) {
      return problems.length ? { ok: false, line: `NOT PROVEN: ${problems.join('; ')}.` } : { ok: true, line: `Proven: ${success()}.` };
    },
  };
}

/** Every entry of the zip as text, and which secrets (in any of the usual encodings) appear in it. */
export function readBundle(zip) {
  // Loaded here, not at the top: `npm run lab` must start without node_modules (the README recipe's test).
  const { unzipSync } = createRequire(import.meta.url)('fflate');
  const entries = Object.fromEntries(Object.entries(unzipSync(readFileSync(zip))).map(([name, bytes]) => [name, Buffer.from(bytes).toString('utf8')]));
  const forms = (s) => [s, JSON.stringify(s).slice(1, -1), Buffer.from(s).toString('base64'), encodeURIComponent(s)];
  const leaks = Object.entries(entries).flatMap(([name, text]) => SECRETS.flatMap((s, i) => (forms(s).some((f) => text.includes(f)) ? [`${name} holds secret #${i}`] : [])));
  return { entries, leaks };
}

export const LIFECYCLE_SCENARIOS = {
  teardown: {
    title: 'Teardown after the build',
    server: 'A server this action has just built (agent, gMSA, domain, FIPS exception, writeback); then steps: uninstall-agent.',
    make: () => {
      const server = createFreshServer();
      return { server, inputs: server.inputs };
    },
    prepare: () => [{ label: 'build', inputs: {} }],
    runs: [
      { label: 'teardown', title: 'Teardown run: steps: uninstall-agent', inputs: { steps: 'uninstall-agent' } },
      { label: 'teardown-again', title: 'Second teardown: nothing left to remove', inputs: { steps: 'uninstall-agent' }, brief: true },
    ],
    prove({ runs: [run, again], server }) {
      const c = checker();
      const o = run.outputs;
      c.expect(run.code === 0, `the teardown exited with ${run.code}: ${errorLines(run.log).join(' | ')}`);
      c.expect(o['uninstall-agent-changed'] === 'true', `uninstall-agent-changed=${o['uninstall-agent-changed']}`);
      c.expect(uninstallEntries(server.root).length === 0, `Programs and Features still lists ${uninstallEntries(server.root).join(', ')}`);
      const left = ['AADConnectProvisioningAgent', 'AADConnectAgentUpdater', 'AzureADConnectAgentUpdater'].filter((s) => getService(server.root, s));
      c.expect(left.length === 0, `services left: ${left.join(', ')}`);
      c.expect(/tenant keeps listing this agent \(as inactive\)/.test(run.summary), 'the summary does not say the tenant keeps the agent');
      c.expect(again.code === 0 && again.outputs['uninstall-agent-changed'] === 'false', `the second teardown: exit ${again.code}, changed=${again.outputs['uninstall-agent-changed']}`);
      return c.result(
        () =>
          `the built server was torn down (removed ${o['uninstall-agent-removed']}; no Programs and Features entry and no agent or updater service left), ` +
          `the summary says the tenant keeps listing the agent as inactive, and a second teardown changed nothing`,
      );
    },
  },

  'failure-diagnostics': {
    title: 'A failing install hands over diagnostics',
    server: 'A fresh server whose installer fails (exit code 1603, a fatal MSI error); input diagnostics: on-failure (the default).',
    make: () => {
      const server = createFreshServer();
      setInstallerExitCodes(server.root, [1603]);
      return { server, inputs: server.inputs };
    },
    runs: [{ label: 'failing', title: 'Build: the installer fails', expectFailure: true }],
    prove({ runs: [run] }) {
      const c = checker();
      const errors = errorLines(run.log);
      c.expect(run.code !== 0, 'the run succeeded');
      c.expect(errors.length === 1 && /exit code 1603/.test(errors[0]), `error lines: ${errors.join(' | ')}`);
      const zip = run.outputs['diagnostics-path'];
      c.expect(!!zip, 'no diagnostics-path output');
      if (!zip) return c.result(() => '');
      const { entries, leaks } = readBundle(zip);
      const names = Object.keys(entries);
      const installerLog = names.find((n) => n.startsWith('installer-logs/'));
      c.expect(!!installerLog && /0x80070643/.test(entries[installerLog]), `the bundle has no installer log with the MSI error (entries: ${names.join(', ')})`);
      for (const name of ['report.json', 'server.json', 'manifest.txt', 'event-logs/System.txt']) c.expect(names.includes(name), `the bundle has no ${name}`);
      const report = names.includes('report.json') ? JSON.parse(entries['report.json']) : {};
      c.expect(report.failed === true && /1603/.test(report.failure ?? ''), 'report.json does not carry the failure');
      c.expect(leaks.length === 0, `secrets in the bundle: ${leaks.join(', ')}`);
      return c.result(
        () =>
          `the run failed in one line and left ${path.basename(zip)} (${names.length} files: the installer's log with 0x80070643, event logs, server state, the report); ` +
          `none of the run's ${SECRETS.length} passwords is in it`,
      );
    },
  },
};
