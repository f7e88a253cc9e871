import type { AnyStep } from '../shared/step.js';
import { configureGmsaStep } from './configure-gmsa/step.js';
import { enableWritebackStep } from './enable-writeback/step.js';

/** Every step, in the order the root action runs them: install-agent, configure-gmsa, set-fips, enable-writeback, verify. */
export const STEPS: AnyStep[] = [configureGmsaStep, enableWritebackStep];
