/**
 * The runner's stop request. When a person cancels a run, the runner sends the step's node process
 * SIGINT (Ctrl-C on Windows), 7.5 s later SIGTERM (Ctrl-Break), and 2.5 s after that kills the
 * process tree (docs.github.com, "Workflow cancellation reference"). Handling both signals keeps
 * node from exiting on them: the PowerShell request in flight (the installer, say) goes on for as
 * long as the runner allows, and nothing new starts (no next step, no installer retry).
 */
import { StepError } from './errors.js';

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
let received: NodeJS.Signals | undefined;

/** The first stop signal received, if any. */
export function stopRequested(): NodeJS.Signals | undefined {
  return received;
}

/** Throws the one-line failure for work that was not started because the runner asked to stop. */
export function throwIfStopRequested(notStarted: string): void {
  if (received) throw new StepError(`Stopped: the runner asked this job to stop (${received}); not started: ${notStarted}.`, 'Stopped');
}

/** Listens for the runner's stop signals until the returned function is called. */
export function watchStopSignals(log: (message: string) => void): () => void {
  const handler = (signal: NodeJS.Signals) => {
    if (received) {
      log(`The runner sent ${signal} as well: still letting the running step finish; the runner stops the job's processes soon.`);
      return;
    }
    received = signal;
    log(`The runner asked this job to stop (${signal}): the running step finishes, nothing new starts (no further step, no new installer run).`);
  };
  for (const signal of SIGNALS) process.on(signal, handler);
  return () => {
    for (const signal of SIGNALS) process.off(signal, handler);
  };
}
