// Pure and free of zod: the practice phone (a React island) imports this in the browser. The element
// shape is stated structurally here (src/schemas/phone-screen.ts defines it), so the schema may use
// this list to check its ids without an import cycle.
import { SCREEN_HEIGHT, SCREEN_WIDTH, wrapLines } from './phone-geometry';

/** The fields of a drawn element (src/schemas/phone-screen.ts) that decide where it can be tapped. */
export type TargetSource =
  | { kind: 'keypad'; id: string; x: number; y: number; w: number; h: number }
  | { kind: 'slider'; id: string; x: number; y: number; w: number; stops: readonly string[] }
  | { kind: 'icon'; id?: string | undefined; name?: string | undefined; x: number; y: number; size: number; label?: string | undefined }
  | { kind: 'text'; id?: string | undefined; name?: string | undefined; x: number; y: number; w: number; text: string; size?: keyof typeof PHONE_FONT | undefined }
  | { kind: 'box'; id?: string | undefined; name?: string | undefined; x: number; y: number; w: number; h: number; label?: string | undefined; labelAt: string; detail?: string | undefined; icon?: string | undefined }
  | { kind: 'bubble'; id?: string | undefined; name?: string | undefined; x: number; y: number; w: number; h: number; text: string };

/** Font sizes of the drawn words, in screen units. */
export const PHONE_FONT = { small: 13, normal: 16, large: 20, huge: 28 } as const;

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

/** A rectangle on the drawn screen, in its units (src/lib/phone-geometry.ts: 360 × 720). */
export interface ScreenBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** ELDER-UI: a primary control is at least 60 CSS px each way; the practice phone's targets grow to it. */
export const TAP_SIZE_PX = 60;
/**
 * The one exception, where 60 px would cover a neighbouring target (the keys of a keypad, the
 * stops of a slider, list rows that touch, WeChat's crowded bottom bar): there a target keeps to
 * its own half of the gap, and is never smaller than this, even if it then overlaps a little.
 */
export const TAP_FLOOR_PX = 44;

export interface TapBox extends ScreenBox {
  id: string;
  /** Short of 60 px on some side, because a neighbouring target is too close (the exception above). */
  cramped: boolean;
}

/** How far apart two boxes are along x and along y (negative: their spans overlap on that axis). */
function gaps(a: ScreenBox, b: ScreenBox): { x: number; y: number } {
  return { x: Math.max(b.x - (a.x + a.w), a.x - (b.x + b.w)), y: Math.max(b.y - (a.y + a.h), a.y - (b.y + b.h)) };
}

/** One axis of a tap box: at least `want` long where [lo, hi] allows, around the drawn span, inside [lo, hi]. */
function span(start: number, length: number, want: number, floor: number, lo: number, hi: number, screen: number): { start: number; length: number } {
  const centre = start + length / 2;
  const size = Math.max(Math.min(Math.max(length, want), hi - lo), length);
  if (size < floor) return { start: Math.min(Math.max(centre - floor / 2, 0), screen - floor), length: floor };
  return { start: Math.min(Math.max(centre - size / 2, lo), hi - size), length: size };
}

/**
 * Where the practice phone lays its buttons: each target grown to 60 CSS px (at `pxPerUnit`, the
 * drawing's CSS px per screen unit) wherever that covers no other target. Two targets closer than
 * that split the gap between them, each as far as its share, so their buttons never overlap; a button is
 * never under 44 px, the one place where it may overlap a neighbour a little. Buttons stay on the
 * screen and always cover the whole drawn target.
 */
export function tapBoxes(targets: readonly PhoneTarget[], pxPerUnit: number): TapBox[] {
  const want = TAP_SIZE_PX / pxPerUnit;
  const floor = TAP_FLOOR_PX / pxPerUnit;
  return targets.map((target) => {
    let [left, right, top, bottom] = [0, SCREEN_WIDTH, 0, SCREEN_HEIGHT];
    for (const other of targets) {
      if (other === target) continue;
      const gap = gaps(target, other);
      // Each grows at most `want` past its drawing: so far apart, they can never meet.
      if (gap.x >= 2 * want || gap.y >= 2 * want) continue;
      // Already overlapping as drawn (a screen should not do this): nothing to split.
      if (gap.x < 0 && gap.y < 0) continue;
      // Split the gap between them where each gets what it lacks of 60 px in proportion: all of it
      // to a small icon beside a large card, half each between two keys of a keypad.
      const alongX = gap.x >= gap.y;
      const lacks = (box: PhoneTarget): number => Math.max(0, want - (alongX ? box.w : box.h)) / 2;
      const share = lacks(target) + lacks(other) > 0 ? lacks(target) / (lacks(target) + lacks(other)) : 0.5;
      if (alongX) {
        if (other.x >= target.x + target.w) right = Math.min(right, target.x + target.w + gap.x * share);
        else left = Math.max(left, target.x - gap.x * share);
      } else if (other.y >= target.y + target.h) bottom = Math.min(bottom, target.y + target.h + gap.y * share);
      else top = Math.max(top, target.y - gap.y * share);
    }
    const x = span(target.x, target.w, want, floor, left, right, SCREEN_WIDTH);
    const y = span(target.y, target.h, want, floor, top, bottom, SCREEN_HEIGHT);
    const cramped = x.length < want - 0.01 || y.length < want - 0.01;
    return { id: target.id, x: x.start, y: y.start, w: x.length, h: y.length, cramped };
  });
}

/** The 点这里 tag beside a guide's ring, in screen units. */
export const RING_TAG = { w: 72, h: 32, gap: 12 } as const;

const overlaps = (a: ScreenBox, b: ScreenBox): boolean => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Where the words of an element are drawn (roughly: the box they are in), or nothing for a bare panel. */
function wordsBox(element: TargetSource): ScreenBox | undefined {
  switch (element.kind) {
    case 'text': {
      const size = PHONE_FONT[element.size ?? 'normal'];
      return { x: element.x, y: element.y, w: element.w, h: wrapLines(element.text, element.w, size).length * size * 1.35 + size * 0.3 };
    }
    case 'box':
      if (!element.label && !element.detail && !element.icon) return undefined;
      return element.label && element.labelAt === 'below' ? { x: element.x - 8, y: element.y, w: element.w + 16, h: element.h + 26 } : element;
    case 'bubble':
      return element;
    case 'icon':
      return element.label ? { x: element.x - 20, y: element.y, w: element.size + 40, h: element.size + 24 } : { x: element.x, y: element.y, w: element.size, h: element.size };
    default:
      return undefined;
  }
}

/**
 * Where a guide's 点这里 tag goes beside the ring round `target`: above it, else below, else to its
 * right or left, else above or below one end of a wide row, whichever first covers neither another
 * place to tap nor any words on the screen (in a stacked menu, above would cover the item above, in
 * a list under the top bar, its title). Failing that, the first that at least leaves every other
 * place to tap and the title uncovered; failing that too (a key of a keypad), on the ring's top edge.
 */
export function ringTagPlace(screen: { title?: string | undefined; elements: readonly TargetSource[] }, target: PhoneTarget): { x: number; y: number } {
  const { w, h, gap } = RING_TAG;
  const others: ScreenBox[] = screenTargets(screen).filter((other) => other.id !== target.id);
  // The title in the top bar (PhoneScreen draws it centred, 18 units high, on the line at y 58):
  // it says where one is (an SMS's sender), so it is never covered either.
  if (screen.title) others.push({ x: SCREEN_WIDTH / 2 - screen.title.length * 9 - 4, y: 38, w: screen.title.length * 18 + 8, h: 28 });
  const words = screen.elements.filter((element) => element.id !== target.id).flatMap((element) => wordsBox(element) ?? []);
  const inside = (x: number): number => Math.min(Math.max(x, 4), SCREEN_WIDTH - w - 4);
  // Above or below: centred, else (a wide row) at its left or right end, clear of a centred title.
  const across = [target.x + target.w / 2 - w / 2, target.x + 8, target.x + target.w - w - 8].map(inside);
  const middle = target.y + target.h / 2 - h / 2;
  const places = [
    { x: across[0]!, y: target.y - gap - h },
    { x: across[0]!, y: target.y + target.h + gap },
    { x: target.x + target.w + gap, y: middle },
    { x: target.x - gap - w, y: middle },
    ...across.slice(1).flatMap((x) => [
      { x, y: target.y - gap - h },
      { x, y: target.y + target.h + gap },
    ]),
  ].filter((place) => place.x >= 4 && place.x + w <= SCREEN_WIDTH - 4 && place.y >= 30 && place.y + h <= SCREEN_HEIGHT - 4);
  const clear = (boxes: readonly ScreenBox[]) => (place: { x: number; y: number }) => !boxes.some((box) => overlaps({ ...place, w, h }, box));
  // A key among keys: on the ring's top edge, over the margins of this key and the one above, clear
  // of both digits. A small icon would be hidden by that: its tag goes to the first place on screen.
  const onEdge = { x: across[0]!, y: Math.max(target.y - h / 2 - 4, 30) };
  return places.find(clear([...others, ...words])) ?? places.find(clear(others)) ?? (target.h >= 2 * h ? onEdge : (places[0] ?? onEdge));
}
