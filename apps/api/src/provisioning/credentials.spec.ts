import { isPanelUsername, isStrongPassword } from '@nextpanel/shared';
import { deriveUsername, generatePanelPassword } from './credentials';

describe('generatePanelPassword', () => {
  it('is always strong and different', () => {
    const passwords = Array.from({ length: 500 }, () => generatePanelPassword());
    expect(passwords.every(isStrongPassword)).toBe(true);
    expect(new Set(passwords).size).toBe(500);
    expect(passwords.every((p) => p.length === 16)).toBe(true);
  });
});

describe('deriveUsername', () => {
  it.each([
    ['john.doe@example.com', /^johndoe\d{4}$/],
    ['J.O+billing@example.com', /^jobilling\d{4}$/],
    ['123abc@example.com', /^abc\d{4}$/],
    ['9@example.com', /^user\d{4}$/],
    ['averyveryverylongname@example.com', /^averyveryv\d{4}$/],
    ['ö@example.com', /^user\d{4}$/],
  ])('derives a panel-valid name from %s', (email, shape) => {
    const username = deriveUsername(email);
    expect(username).toMatch(shape);
    expect(isPanelUsername(username)).toBe(true);
  });
});
