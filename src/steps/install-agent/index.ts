import { runStepAction } from '../../shared/run-action.js';
import { installAgentStep } from './step.js';
await runStepAction(installAgentStep);
