import * as core from '@actions/core';

/**
 * Every secret the action handles is registered here once: the runner masks it (and the forms a
 * secret commonly takes when something re-encodes it), and our own output paths redact it too, so
 * a log line from PowerShell or an error message never carries it even outside a GitHub runner.
 */
const secrets = new Set<string>();

export function derivedForms(value: string): string[] {
  const forms = new Set<string>([value]);
  forms.add(Buffer.from(value, 'utf8').toString('base64'));
  forms.add(Buffer.from(value, 'utf16le').toString('base64'));
  forms.add(encodeURIComponent(value));
  const json = JSON.stringify(value).slice(1, -1);
  const unicodeEscape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  forms.add(json);
  // PowerShell's ConvertTo-Json escapes <>&' and our host escapes non-ASCII: each alone and together.
  forms.add(json.replace(/[<>&']/g, unicodeEscape));
  forms.add(json.replace(/[^\x20-\x7e]/g, unicodeEscape));
  forms.add(json.replace(/[<>&']|[^\x20-\x7e]/g, unicodeEscape));
  return [...forms].filter((f) => f.length > 0);
}

export function registerSecret(value: string | undefined): void {
  if (!value) return;
  for (const form of derivedForms(value)) {
    if (secrets.has(form)) continue;
    secrets.add(form);
    core.setSecret(form);
  }
}

/** Replaces every registered secret (longest first, so a secret inside another is still caught). */
export function redact(text: string): string {
  if (secrets.size === 0 || !text) return text;
  let out = text;
  for (const form of [...secrets].sort((a, b) => b.length - a.length)) {
    if (form.length < 3 && !/[^\x20-\x7e]/.test(form)) continue; // too short to redact without mangling logs
    out = out.split(form).join('***');
  }
  return out;
}

/** For tests: forget registered secrets between cases. */
export function clearSecretsForTests(): void {
  secrets.clear();
}
