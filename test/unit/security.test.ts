import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/security/csp';
import { isAppUrl, isTrustedSender } from '../../electron/security/navigation';

const fileApp = 'file:///opt/Anxin/resources/app.asar/out/renderer/index.html';
const devApp = 'http://localhost:5173/';

describe('navigation and sender checks', () => {
  test('only the app page itself is an app URL', () => {
    expect(isAppUrl(`${fileApp}#/students`, fileApp)).toBe(true);
    expect(isAppUrl('file:///etc/passwd', fileApp)).toBe(false);
    expect(isAppUrl('https://example.com/', fileApp)).toBe(false);
    expect(isAppUrl('http://localhost:5173/#/x', devApp)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', devApp)).toBe(false);
    expect(isAppUrl('not a url', devApp)).toBe(false);
  });

  test('IPC is answered only for the main frame of the app page', () => {
    expect(isTrustedSender(fileApp, fileApp, true)).toBe(true);
    expect(isTrustedSender(fileApp, fileApp, false)).toBe(false);
    expect(isTrustedSender('https://evil.example/', fileApp, true)).toBe(false);
    expect(isTrustedSender(undefined, fileApp, true)).toBe(false);
  });
});

describe('content security policy', () => {
  test('allows no remote origin and no inline or eval script', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self';");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|unsafe-eval|\*/);
  });

  test('the page carries the same policy in its meta tag', () => {
    const html = readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    // frame-ancestors is ignored in a meta tag, so only the header carries it.
    expect(meta).toBe(CONTENT_SECURITY_POLICY.replace("; frame-ancestors 'none'", ''));
  });
});
