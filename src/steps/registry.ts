import type { AnyStep } from '../shared/step.js';
import { verifyStep } from './verify/step.js';

/** Every step, in the order the root action runs them. */
export const STEPS: AnyStep[] = [verifyStep];
