import type { AnyStep } from '../shared/step.js';
import { configureGmsaStep } from './configure-gmsa/step.js';
import { enableWritebackStep } from './enable-writeback/step.js';
import { verifyStep } from './verify/step.js';

/** Every step, in the order the root action runs them (verify last: it judges the result). */
export const STEPS: AnyStep[] = [configureGmsaStep, enableWritebackStep, verifyStep];
