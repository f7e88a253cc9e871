import { runStepAction } from '../../shared/run-action.js';
import { uninstallAgentStep } from './step.js';
await runStepAction(uninstallAgentStep);
