// The Graph and sign-in host overrides: an https origin, or http on the loopback interface only, never
// with user info, a path, a query or a fragment; each refusal one line naming the input.
import { describe, expect, it } from 'vitest';
import { GRAPH_HOSTS, LOGIN_HOSTS, parseGraphUrl } from '../src/graph/hosts.js';

const failure = (value: string, example?: string) => {
  try {
    parseGraphUrl('graph-url', value, example);
  } catch (error) {
    return (error as Error).message;
  }
  return 'no error';
};

describe('the hosts of each cloud', () => {
  it('are the documented ones', () => {
    expect(GRAPH_HOSTS).toEqual({ AzureCloud: 'https://graph.microsoft.com', AzureUSGovernment: 'https://graph.microsoft.us' });
    expect(LOGIN_HOSTS).toEqual({ AzureCloud: 'https://login.microsoftonline.com', AzureUSGovernment: 'https://login.microsoftonline.us' });
  });
});

describe('a host override', () => {
  it.each([
    ['https://graph.microsoft.de', 'https://graph.microsoft.de'],
    ['https://graph.microsoft.com/', 'https://graph.microsoft.com'],
    ['HTTPS://Graph.Microsoft.COM:443', 'https://graph.microsoft.com'],
    ['https://graph.contoso.com:8443', 'https://graph.contoso.com:8443'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
    ['http://localhost:1', 'http://localhost:1'],
    ['http://LOCALHOST:2/', 'http://localhost:2'],
    ['http://[::1]:9', 'http://[::1]:9'],
  ])('%s is used as %s', (value, origin) => {
    expect(parseGraphUrl('graph-url', value)).toBe(origin);
  });

  it.each([
    ['http://graph.contoso.com', "Input 'graph-url' must use https (http is allowed only for 127.0.0.1 or localhost); got 'http://graph.contoso.com'."],
    ['http://127.0.0.2:80', "Input 'graph-url' must use https (http is allowed only for 127.0.0.1 or localhost); got 'http://127.0.0.2'."],
    ['ftp://127.0.0.1', "Input 'graph-url' must use https (http is allowed only for 127.0.0.1 or localhost); got 'ftp://127.0.0.1'."],
    ['ws://localhost:8080', "Input 'graph-url' must use https (http is allowed only for 127.0.0.1 or localhost); got 'ws://localhost:8080'."],
    ['https://svc@graph.contoso.com', "Input 'graph-url' must not carry a user name or password."],
    ['https://:secret@graph.contoso.com', "Input 'graph-url' must not carry a user name or password."],
    ['http://svc:secret@127.0.0.1:8080', "Input 'graph-url' must not carry a user name or password."],
    ['https://graph.microsoft.com/v1.0', "Input 'graph-url' must be the host only (like https://graph.microsoft.com), without a path or query; got 'https://graph.microsoft.com/v1.0'."],
    ['https://graph.microsoft.com?x=1', "Input 'graph-url' must be the host only (like https://graph.microsoft.com), without a path or query; got 'https://graph.microsoft.com?x=1'."],
    ['https://graph.microsoft.com/#top', "Input 'graph-url' must be the host only (like https://graph.microsoft.com), without a path or query; got 'https://graph.microsoft.com/#top'."],
    ['graph.microsoft.com', "Input 'graph-url' must be a URL such as https://graph.microsoft.com; got 'graph.microsoft.com'."],
  ])('%s is refused', (value, expected) => {
    expect(failure(value)).toBe(expected);
  });

  it('names the example it is given, and shows at most 60 characters of the value', () => {
    expect(failure('login', 'https://login.microsoftonline.com')).toBe("Input 'graph-url' must be a URL such as https://login.microsoftonline.com; got 'login'.");
    expect(failure(`https://graph.microsoft.com/${'v'.repeat(50)}`, 'https://login.microsoftonline.com')).toBe(
      `Input 'graph-url' must be the host only (like https://login.microsoftonline.com), without a path or query; got 'https://graph.microsoft.com/${'v'.repeat(32)}'.`,
    );
    expect(failure(`no-url-${'x'.repeat(60)}`)).toBe(`Input 'graph-url' must be a URL such as https://graph.microsoft.com; got 'no-url-${'x'.repeat(53)}'.`);
  });
});
