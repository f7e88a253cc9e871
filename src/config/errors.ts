/** The config file cannot be edited safely; the message completes "The agent config ...". */
export class ConfigFormatError extends Error {
  override name = 'ConfigFormatError';
  constructor(readonly reason: string) {
    super(reason);
  }
}
