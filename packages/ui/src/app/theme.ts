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

/** A stable colour per service as RGB, readable on both themes (hue from the name; fixed saturation and lightness). */
export function serviceRgb(name: string): [number, number, number] {
  let hash = 2166136261;
  for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 16777619);
  return hslToRgb((hash >>> 0) % 360, 0.62, 0.48);
}

export function serviceColor(name: string): string {
  const [r, g, b] = serviceRgb(name);
  return `rgb(${r} ${g} ${b})`;
}

/** HSL (hue in degrees, saturation and lightness 0–1) to 0–255 RGB. */
export function hslToRgb(hue: number, saturation: number, lightness: number): [number, number, number] {
  const chroma = (1 - Math.abs(2 * lightness - 1)) * saturation;
  const channel = (n: number): number => {
    const k = (n + hue / 30) % 12;
    return Math.round(255 * (lightness - (chroma / 2) * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [channel(0), channel(8), channel(4)];
}
