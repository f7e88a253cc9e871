// The fleet simulation with real upgrades: each server is its own lab server upgraded by the
// bundled root action (install-agent, set-fips, verify), a failure injected as installer exit code
// 1603. Proves the simulation drives the real thing, and that a server past the budget is never touched.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { expect, it } from 'vitest';
import { AGENT_VERSION, FLEET_FROM_VERSION, fleetInstaller, labUpgrade, simulateRollout } from '../bench/fleet-lab.mjs';
import { describeWithPwsh } from './helpers/pwsh.js';

describeWithPwsh('fleet rollout over lab servers', () => {
  it('canary, then two at a time; the failure spends the budget of 0 and the last server is not started', async () => {
    const installer = fleetInstaller(mkdtempSync(path.join(tmpdir(), 'fleet-lab-installer-')));
    const upgraded: string[] = [];
    const real = labUpgrade(installer);
    const sim = await simulateRollout({
      servers: ['sync-01', 'sync-02', 'sync-03', 'sync-04'],
      canary: 1,
      window: 2,
      failureBudget: '0',
      failing: ['sync-02'],
      gate: 'cli',
      upgrade: async (server, how) => {
        upgraded.push(server);
        return real(server, how);
      },
    });
    // sync-01 alone; sync-02 and sync-03 together; sync-02's failure (1 > 0) keeps sync-04 from starting.
    expect(sim.rows.map((r) => [r.server, r.gate, r.result])).toEqual([
      ['sync-01', 'started', 'succeeded'],
      ['sync-02', 'started', 'failed'],
      ['sync-03', 'started', 'succeeded'],
      ['sync-04', 'skipped', 'not-started'],
    ]);
    expect(upgraded).toEqual(['sync-01', 'sync-02', 'sync-03']);
    const outcome = (s: string) => sim.rows.find((r) => r.server === s)?.outcome;
    expect(outcome('sync-01')).toMatchObject({ ok: true, from: FLEET_FROM_VERSION, to: AGENT_VERSION, healthy: true });
    expect(outcome('sync-03')).toMatchObject({ ok: true, from: FLEET_FROM_VERSION, to: AGENT_VERSION, healthy: true });
    expect(outcome('sync-02')).toMatchObject({ ok: false, exitCode: 1 });
    expect(sim.report.ok).toBe(false);
  });
});
