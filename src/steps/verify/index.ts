import { runStepAction } from '../../shared/run-action.js';
import { verifyStep } from './step.js';

await runStepAction(verifyStep);
