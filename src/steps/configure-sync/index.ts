import { runStepAction } from '../../shared/run-action.js';
import { configureSyncStep } from './step.js';

await runStepAction(configureSyncStep);
