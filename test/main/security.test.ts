import { describe, expect, it } from 'vitest';
import { isAllowedExternal, isAppUrl } from '../../src/main/security.ts';

const origin = 'http://localhost:4321';

describe('window navigation lock', () => {
  it('keeps only the RP origin inside the window', () => {
    expect(isAppUrl('http://localhost:4321/history?x=1', origin)).toBe(true);
    expect(isAppUrl('http://localhost:4322/', origin)).toBe(false);
    expect(isAppUrl('http://127.0.0.1:4321/', origin)).toBe(false);
    expect(isAppUrl('https://localhost:4321/', origin)).toBe(false);
    expect(isAppUrl('file:///etc/passwd', origin)).toBe(false);
    expect(isAppUrl('not a url', origin)).toBe(false);
  });

  it('hands only allow-listed https addresses and the RP origin to the system browser', () => {
    expect(isAllowedExternal('https://www.w3.org/TR/webauthn-3/#sctn-authenticator-data', origin)).toBe(true);
    expect(isAllowedExternal('https://fidoalliance.org/specs/', origin)).toBe(true);
    expect(isAllowedExternal('http://localhost:4321/?ceremony=1', origin)).toBe(true);
    expect(isAllowedExternal('http://www.w3.org/TR/webauthn-3/', origin)).toBe(false);
    expect(isAllowedExternal('https://www.w3.org.evil.example/', origin)).toBe(false);
    expect(isAllowedExternal('https://user:pw@www.w3.org/', origin)).toBe(false);
    expect(isAllowedExternal('https://www.w3.org:8443/', origin)).toBe(false);
    expect(isAllowedExternal('javascript:alert(1)', origin)).toBe(false);
    expect(isAllowedExternal('file:///C:/Windows/system32/calc.exe', origin)).toBe(false);
    expect(isAllowedExternal('ms-msdt:/id', origin)).toBe(false);
  });
});
