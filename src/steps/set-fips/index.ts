import { runStepAction } from '../../shared/run-action.js';
import { setFipsStep } from './step.js';
await runStepAction(setFipsStep);
