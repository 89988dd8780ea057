import { normalisePanelBaseUrl, panelBaseUrlProblem } from './panel-base-url.validator';

describe('panel base URL rules', () => {
  it.each([
    'http://127.0.0.1:3000',
    'https://panel.example.com',
    'http://localhost:3000/nextpanel/',
  ])('accepts %s', (url) => {
    expect(panelBaseUrlProblem(url)).toBeNull();
  });

  it.each([
    ['ftp://panel.example.com', 'http or https'],
    ['http://user:pass@panel.example.com', 'credentials'],
    ['http://panel.example.com/#x', 'fragment'],
    ['http://panel.example.com/?a=1', 'query string'],
    ['panel.example.com', 'valid absolute URL'],
    ['javascript:alert(1)', 'http or https'],
    ['', 'must be a URL'],
  ])('refuses %s', (url, why) => {
    expect(panelBaseUrlProblem(url)).toContain(why);
  });

  it('drops the trailing slash', () => {
    expect(normalisePanelBaseUrl('http://127.0.0.1:3000/')).toBe('http://127.0.0.1:3000');
    expect(normalisePanelBaseUrl('http://h/np/')).toBe('http://h/np');
  });
});
