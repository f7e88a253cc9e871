/** A bad input value: the message is one line that names the input and what is allowed. */
export class InputError extends Error {
  constructor(
    readonly input: string,
    detail: string,
  ) {
    super(`Input '${input}' ${detail}`);
    this.name = 'InputError';
  }
}

/** A failure the action explains itself (the message is the one line the user reads). */
export class StepError extends Error {
  constructor(
    message: string,
    readonly code = 'StepFailed',
  ) {
    super(message);
    this.name = 'StepError';
  }
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
