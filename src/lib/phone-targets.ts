// Pure and free of zod: the practice phone (a React island) imports this in the browser. The element
// shape is stated structurally here (src/schemas/phone-screen.ts defines it), so the schema may use
// this list to check its ids without an import cycle.

/** The fields of a drawn element (src/schemas/phone-screen.ts) that decide where it can be tapped. */
export type TargetSource =
  | { kind: 'keypad'; id: string; x: number; y: number; w: number; h: number }
  | { kind: 'slider'; id: string; x: number; y: number; w: number; stops: readonly string[] }
  | { kind: 'icon'; id?: string | undefined; name?: string | undefined; x: number; y: number; size: number; label?: string | undefined }
  | { kind: 'text'; id?: string | undefined; name?: string | undefined; x: number; y: number; w: number; text: string }
  | { kind: 'box'; id?: string | undefined; name?: string | undefined; x: number; y: number; w: number; h: number; label?: string | undefined; labelAt: string }
  | { kind: 'bubble'; id?: string | undefined; name?: string | undefined; x: number; y: number; w: number; h: number; text: string };

export interface PhoneTarget {
  id: string;
  /** What a screen reader says. */
  name: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

const KEYPAD_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '', '0', 'delete'] as const;

/**
 * Every tappable place on a screen, with its name and box: the one list the ring of a 步骤, the
 * buttons of the practice phone and the schema checks are all drawn from.
 */
export function screenTargets(screen: { elements: readonly TargetSource[] }): PhoneTarget[] {
  const targets: PhoneTarget[] = [];
  for (const element of screen.elements) {
    switch (element.kind) {
      case 'keypad': {
        const keyW = element.w / 3;
        const keyH = element.h / 4;
        KEYPAD_KEYS.forEach((key, index) => {
          if (!key) return;
          const box = { x: element.x + (index % 3) * keyW, y: element.y + Math.floor(index / 3) * keyH, w: keyW, h: keyH };
          targets.push({ id: `${element.id}-${key}`, name: key === 'delete' ? '删除' : `数字${key}`, ...box });
        });
        break;
      }
      case 'slider': {
        const step = element.w / element.stops.length;
        element.stops.forEach((stop, index) => {
          targets.push({ id: `${element.id}-${index + 1}`, name: stop, x: element.x + index * step, y: element.y - 24, w: step, h: 64 });
        });
        break;
      }
      default: {
        if (!element.id) break;
        const name = element.name ?? ('label' in element && element.label ? element.label : 'text' in element ? element.text : element.id);
        if (element.kind === 'icon') {
          targets.push({ id: element.id, name, x: element.x, y: element.y, w: element.size, h: element.size + (element.label ? 24 : 0) });
        } else if (element.kind === 'text') {
          targets.push({ id: element.id, name, x: element.x, y: element.y, w: element.w, h: 40 });
        } else {
          targets.push({ id: element.id, name, x: element.x, y: element.y, w: element.w, h: element.h + (element.kind === 'box' && element.labelAt === 'below' ? 26 : 0) });
        }
      }
    }
  }
  return targets;
}
