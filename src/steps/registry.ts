import type { AnyStep } from '../shared/step.js';
import { verifyStep } from './verify/step.js';

/** Every step, in the order the root action runs them: install-agent, configure-gmsa, set-fips, enable-writeback, verify (last: it judges the result). */
export const STEPS: AnyStep[] = [verifyStep];
