import { runStepAction } from '../../shared/run-action.js';
import { enableWritebackStep } from './step.js';

await runStepAction(enableWritebackStep);
