import type { AnyStep } from '../shared/step.js';
import { configureGmsaStep } from './configure-gmsa/step.js';
import { configureSyncStep } from './configure-sync/step.js';
import { enableWritebackStep } from './enable-writeback/step.js';
import { installAgentStep } from './install-agent/step.js';
import { setFipsStep } from './set-fips/step.js';
import { uninstallAgentStep } from './uninstall-agent/step.js';
import { verifyStep } from './verify/step.js';

/**
 * Every step, in the order the root action runs them. set-fips runs after install-agent so an
 * upgrade that reset the config is repaired in the same run; configure-sync creates and starts the
 * tenant's Cloud Sync configuration once the agent is ready; verify runs last to judge the result.
 * uninstall-agent (only when listed in `steps`) runs first, so a listed reinstall starts clean.
 */
export const STEPS: AnyStep[] = [uninstallAgentStep, installAgentStep, configureGmsaStep, setFipsStep, enableWritebackStep, configureSyncStep, verifyStep];
