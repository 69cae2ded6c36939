// One colour per label (from the label schema) made readable on the editor's background: the label's hue is kept
// and its lightness moved until the text reaches a WCAG contrast ratio of at least 4.5:1 against every editor
// background of the theme kind (light or dark; high-contrast themes use the same shades), including the tint a
// confirmed tag lays under its text. The same shade colours the span's text, its outline and its label, so the
// colour works as a legend. No VS Code import: the unit tests and the contrast table use this module as it is.

/** The contrast every label colour reaches (WCAG AA for normal text). */
export const MIN_CONTRAST = 4.5;
/** The alpha (0–255) of the tint under a confirmed tag. */
export const CONFIRMED_TINT_ALPHA = 0x26;

/**
 * Editor backgrounds of VS Code's default themes (editor.background), per kind, with margin: the contrast table in
 * the integration tests checks the shades against the installed theme files themselves.
 */
export const EDITOR_BACKGROUNDS = {
  light: ['#ffffff', '#f8f8f8', '#f3f3f3'],
  dark: ['#000000', '#121314', '#1e1e1e', '#1f1f1f', '#252526'],
} as const;

export type ThemeKind = keyof typeof EDITOR_BACKGROUNDS;

type Rgb = [number, number, number];

/** #rgb, #rrggbb or #rrggbbaa → [r, g, b] in 0–255 (alpha ignored). */
export function parseHex(colour: string): Rgb {
  let c = colour.trim().replace(/^#/, '');
  if (c.length === 3 || c.length === 4) c = c.split('').map((x) => x + x).join('');
  if (!/^[0-9a-fA-F]{6}([0-9a-fA-F]{2})?$/.test(c)) throw new Error(`not a colour: ${colour}`);
  return [0, 2, 4].map((i) => parseInt(c.slice(i, i + 2), 16)) as Rgb;
}

export function toHex([r, g, b]: Rgb): string {
  return '#' + [r, g, b].map((v) => Math.round(Math.min(255, Math.max(0, v))).toString(16).padStart(2, '0')).join('');
}

/** WCAG relative luminance. */
export function luminance(colour: string): number {
  const [r, g, b] = parseHex(colour).map((v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two colours (1–21). */
export function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

/** `over` with alpha 0–255 laid on `under`. */
export function composite(under: string, over: string, alpha: number): string {
  const u = parseHex(under);
  const o = parseHex(over);
  const a = alpha / 255;
  return toHex([0, 1, 2].map((i) => o[i] * a + u[i] * (1 - a)) as Rgb);
}

function rgbToHsl([r, g, b]: Rgb): [number, number, number] {
  const [R, G, B] = [r / 255, g / 255, b / 255];
  const max = Math.max(R, G, B);
  const min = Math.min(R, G, B);
  const l = (max + min) / 2;
  if (max === min) return [0, 0, l];
  const d = max - min;
  const s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
  let h = max === R ? (G - B) / d + (G < B ? 6 : 0) : max === G ? (B - R) / d + 2 : (R - G) / d + 4;
  h /= 6;
  return [h, s, l];
}

function hslToRgb([h, s, l]: [number, number, number]): Rgb {
  if (s === 0) return [l * 255, l * 255, l * 255];
  const q = l < 0.5 ? l * (1 + s) : l + s - l * s;
  const p = 2 * l - q;
  const hue = (t: number) => {
    if (t < 0) t += 1;
    if (t > 1) t -= 1;
    if (t < 1 / 6) return p + (q - p) * 6 * t;
    if (t < 1 / 2) return q;
    if (t < 2 / 3) return p + (q - p) * (2 / 3 - t) * 6;
    return p;
  };
  return [hue(h + 1 / 3) * 255, hue(h) * 255, hue(h - 1 / 3) * 255];
}

/** The backgrounds a label's text stands on in one theme kind: the editor's, and under a confirmed tag its tint. */
export function backgroundsFor(kind: ThemeKind, colour: string, backgrounds: readonly string[] = EDITOR_BACKGROUNDS[kind]): string[] {
  return backgrounds.flatMap((bg) => [bg, composite(bg, colour, CONFIRMED_TINT_ALPHA)]);
}

/**
 * The label colour with its hue and saturation kept and its lightness moved (darker on light themes, lighter on
 * dark ones) in small steps until it reaches MIN_CONTRAST (+0.1 margin for rounding) on every background of the
 * kind. A colour that already does is returned unchanged.
 */
export function readableShade(colour: string, kind: ThemeKind): string {
  const [h, s, l0] = rgbToHsl(parseHex(colour));
  const step = kind === 'light' ? -0.01 : 0.01;
  for (let l = l0; l >= 0 && l <= 1; l += step) {
    const candidate = toHex(hslToRgb([h, s, l]));
    const worst = Math.min(...backgroundsFor(kind, candidate).map((bg) => contrast(candidate, bg)));
    if (worst >= MIN_CONTRAST + 0.1) return candidate;
  }
  return kind === 'light' ? '#000000' : '#ffffff';
}

/** Both shades of a label colour. */
export function labelShades(colour: string): Record<ThemeKind, string> {
  return { light: readableShade(colour, 'light'), dark: readableShade(colour, 'dark') };
}
