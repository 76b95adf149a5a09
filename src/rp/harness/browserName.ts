/**
 * A browser's name and major version from its User-Agent, for an interactive harness report ("which
 * browser ran these ceremonies"): Electron, Edge, Opera, Chrome/Chromium, Firefox, Safari. Only the
 * product tokens are read; the rest of the string is not kept.
 */
const PRODUCTS: [RegExp, string][] = [
  [/Electron\/(\d+)/, 'Electron'],
  [/Edg\/(\d+)/, 'Edge'],
  [/OPR\/(\d+)/, 'Opera'],
  [/HeadlessChrome\/(\d+)/, 'Chrome (headless)'],
  [/Chrome\/(\d+)/, 'Chrome'],
  [/Firefox\/(\d+)/, 'Firefox'],
  [/Version\/(\d+)[^ ]* (?:Mobile\/\S+ )?Safari\//, 'Safari'],
];

const PLATFORMS: [RegExp, string][] = [
  [/Windows NT/, 'Windows'],
  [/Android/, 'Android'],
  [/iPhone|iPad/, 'iOS'],
  [/Mac OS X/, 'macOS'],
  [/CrOS/, 'ChromeOS'],
  [/Linux/, 'Linux'],
];

export function browserOf(ua: string): string {
  const product = PRODUCTS.map(([re, name]) => [ua.match(re), name] as const).find(([m]) => m);
  const platform = PLATFORMS.find(([re]) => re.test(ua))?.[1];
  if (!product) return platform ? `a browser on ${platform}` : 'the window’s browser';
  return `${product[1]} ${product[0]![1]}${platform ? ` on ${platform}` : ''}`;
}
