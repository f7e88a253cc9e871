import type { AnyStep } from '../shared/step.js';
import { installAgentStep } from './install-agent/step.js';

/** Every step, in the order the root action runs them. */
export const STEPS: AnyStep[] = [installAgentStep];
