// The fleet simulation (bench/fleet-lab.mjs) plays .github/workflows/rollout.yml with the real gate
// CLI against a fake jobs API. These tests check its invariants from the event log (logical
// clock: no timing) and, for the scenario, the table worked out by hand.
import { describe, expect, it } from 'vitest';
import { simulateRollout } from '../bench/fleet-lab.mjs';

type Event = { seq: number; time: number; type: string; server: string; running?: number; result?: string };
type Sim = Awaited<ReturnType<typeof simulateRollout>>;
const names = (n: number) => Array.from({ length: n }, (_, i) => `sync-${String(i + 1).padStart(2, '0')}`);

/** Every invariant the workflow promises, read only from the events. */
function checkInvariants(sim: Sim, { canary, window, allowed }: { canary: string[]; window: number; allowed: number }) {
  const events = sim.events as Event[];
  const inFlight = new Set<string>();
  const failed = new Set<string>();
  let firstNonCanary = Infinity;
  for (const e of events) {
    if (e.type === 'upgrade-start') {
      // Nothing starts once failures exceed the budget (a canary tolerates none).
      expect(failed.size, `${e.server} started after the budget was spent`).toBeLessThanOrEqual(canary.includes(e.server) ? 0 : allowed);
      inFlight.add(e.server);
      // Canary alone: nothing else in flight while a canary runs.
      if (canary.includes(e.server)) expect([...inFlight]).toEqual([e.server]);
      else firstNonCanary = Math.min(firstNonCanary, e.seq);
      expect(inFlight.size).toBeLessThanOrEqual(canary.includes(e.server) ? 1 : window);
    }
    if (e.type === 'job-start' && !canary.includes(e.server)) {
      // Every canary ended before any other server's job began.
      for (const c of canary) expect(events.find((x) => x.server === c && (x.type === 'upgrade-end' || x.type === 'gate-skip'))!.seq).toBeLessThan(e.seq);
    }
    if (e.type === 'upgrade-end') {
      expect(inFlight.has(e.server)).toBe(true);
      inFlight.delete(e.server);
      if (e.result !== 'succeeded') failed.add(e.server);
    }
  }
  // Nothing running was stopped: every upgrade that started ended with its own result, none cancelled.
  const startedUpgrades = events.filter((e) => e.type === 'upgrade-start').map((e) => e.server);
  const ended = events.filter((e) => e.type === 'upgrade-end');
  expect(ended.map((e) => e.server).sort()).toEqual([...startedUpgrades].sort());
  expect(ended.filter((e) => e.result === 'cancelled')).toEqual([]);
  expect(inFlight.size).toBe(0);
  return { firstNonCanary };
}

describe('fleet rollout simulation', () => {
  it("the issue's scenario: 8 servers, canary 1, window 3, budget 1, failures on servers 3 and 5", async () => {
    const servers = names(8);
    const sim = await simulateRollout({ servers, canary: 1, window: 3, failureBudget: '1', failing: ['sync-03', 'sync-05'], gate: 'cli' });
    checkInvariants(sim, { canary: ['sync-01'], window: 3, allowed: 1 });
    // Worked out by hand from GitHub's scheduling, every upgrade taking 2 ticks: sync-01 alone
    // (t0-2); sync-02..04 (t2-4), sync-03 fails: 1 failure, within the budget; sync-05..07 (t4-6),
    // sync-05 fails: 2 > 1; sync-08's gate at t6 sees it and skips; the report fails.
    const table = sim.rows.map((r) => [r.server, r.order, r.wave, r.gate, r.result, r.rolledBack, r.start, r.end]);
    expect(table).toEqual([
      ['sync-01', 1, 'canary', 'started', 'succeeded', false, 0, 2],
      ['sync-02', 2, '1', 'started', 'succeeded', false, 2, 4],
      ['sync-03', 3, '1', 'started', 'failed', true, 2, 4],
      ['sync-04', 4, '1', 'started', 'succeeded', false, 2, 4],
      ['sync-05', 5, '2', 'started', 'failed', true, 4, 6],
      ['sync-06', 6, '2', 'started', 'succeeded', false, 4, 6],
      ['sync-07', 7, '2', 'started', 'succeeded', false, 4, 6],
      ['sync-08', 8, '3', 'skipped', 'not-started', false, 6, 6],
    ]);
    expect(sim.rows[7].reason).toBe('sync-08 not started: 2 failed (sync-03, sync-05), more than the failure budget of 1.');
    expect(sim.report.ok).toBe(false);
    expect(sim.report.verdict).toBe('2 servers failed (sync-03, sync-05), more than the failure budget of 1.');
    // The gate really asked the fake API: one listing per job that started.
    expect(sim.apiRequests).toBe(8);
  });

  it('a server still running when the budget is spent finishes; the ones after it are skipped', async () => {
    // sync-03 fails at t4 (within budget); sync-05 fails at t5 while sync-04 still runs (until t6).
    const durations = { 'sync-01': 2, 'sync-02': 3, 'sync-03': 2, 'sync-04': 4, 'sync-05': 1, 'sync-06': 3, 'sync-07': 3, 'sync-08': 2 };
    const sim = await simulateRollout({ servers: names(8), canary: 1, window: 3, failureBudget: '1', failing: ['sync-03', 'sync-05'], durations, gate: 'cli' });
    checkInvariants(sim, { canary: ['sync-01'], window: 3, allowed: 1 });
    const by = Object.fromEntries(sim.rows.map((r) => [r.server, r]));
    expect(by['sync-04']).toMatchObject({ gate: 'started', result: 'succeeded', start: 2, end: 6 });
    expect(['sync-06', 'sync-07', 'sync-08'].map((s) => [by[s].gate, by[s].start])).toEqual([
      ['skipped', 5],
      ['skipped', 5],
      ['skipped', 5],
    ]);
  });

  it('a failed canary stops everything: the waves job never runs', async () => {
    const sim = await simulateRollout({ servers: names(5), canary: 2, window: 2, failureBudget: '3', failing: ['sync-01'], gate: 'cli' });
    checkInvariants(sim, { canary: ['sync-01', 'sync-02'], window: 2, allowed: 3 });
    expect(sim.rows.map((r) => r.gate)).toEqual(['started', 'skipped', 'waves job skipped', 'waves job skipped', 'waves job skipped']);
    expect(sim.report.verdict).toBe('The canary failed (sync-01): no other server was started.');
  });

  it('invariants hold over many fleets, windows, budgets and failure sets (decision function)', async () => {
    for (let seed = 1; seed <= 40; seed++) {
      const n = 3 + (seed % 9);
      const servers = names(n);
      const window = 1 + (seed % 4);
      const canary = seed % 3;
      const allowed = seed % 3;
      const failing = servers.filter((_, i) => (i * 7 + seed) % 4 === 0);
      const durations = Object.fromEntries(servers.map((s, i) => [s, 1 + ((i * 5 + seed) % 4)]));
      const sim = await simulateRollout({ servers, canary, window, failureBudget: String(allowed), failing, durations, gate: 'function' });
      checkInvariants(sim, { canary: servers.slice(0, canary), window, allowed });
      // The report fails exactly when the failures exceed the budget or a canary failed.
      const failedCount = sim.rows.filter((r) => r.result === 'failed').length;
      const canaryFailed = servers.slice(0, canary).some((s) => failing.includes(s));
      expect(sim.report.ok, `seed ${seed}`).toBe(failedCount <= allowed && !canaryFailed);
    }
  });
});
