export type Theme = 'light' | 'dark';

const KEY = 'skein.theme';

/** The theme chosen in the header, else the system's (`prefers-color-scheme`). */
export function initialTheme(): Theme {
  const stored = localStorage.getItem(KEY);
  if (stored === 'light' || stored === 'dark') return stored;
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function applyTheme(theme: Theme, remember: boolean): void {
  document.documentElement.dataset.theme = theme;
  if (remember) localStorage.setItem(KEY, theme);
}

/** A stable colour per service, readable on both themes (hue from the name; fixed saturation and lightness). */
export function serviceColor(name: string): string {
  let hash = 2166136261;
  for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 16777619);
  const hue = (hash >>> 0) % 360;
  return `hsl(${hue} 62% 48%)`;
}
