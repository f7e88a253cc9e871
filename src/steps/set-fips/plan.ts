import type { ConfigRequest } from '../../config/editor.js';
import type { SetFipsSettings } from './settings.js';

export interface ConfigIntent {
  request: ConfigRequest;
  /** Why the FIPS part is (not) requested, for the log and summary. */
  fipsReason: string;
}

/** What the config should say, from the inputs and the server's FIPS policy (pure). */
export function decideConfigIntent(settings: SetFipsSettings, fipsPolicyEnabled: boolean): ConfigIntent {
  const request: ConfigRequest = {};
  let fipsReason: string;
  switch (settings.fipsException) {
    case 'add':
      request.fips = 'present';
      fipsReason = "fips-exception is 'add'";
      break;
    case 'remove':
      request.fips = 'absent';
      fipsReason = "fips-exception is 'remove'";
      break;
    case 'leave':
      fipsReason = "fips-exception is 'leave'";
      break;
    default:
      if (fipsPolicyEnabled) request.fips = 'present';
      fipsReason = fipsPolicyEnabled ? 'the FIPS policy is on (auto)' : 'the FIPS policy is off, so auto leaves it alone';
  }
  if (settings.proxy === 'remove') request.proxy = 'absent';
  else if (settings.proxy) request.proxy = settings.proxy;
  return { request, fipsReason };
}

export function nothingRequested(request: ConfigRequest): boolean {
  return request.fips === undefined && request.proxy === undefined;
}
