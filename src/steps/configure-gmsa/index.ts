import { runStepAction } from '../../shared/run-action.js';
import { configureGmsaStep } from './step.js';

await runStepAction(configureGmsaStep);
