import type { ReactNode } from 'react';
import type { PhoneElement, PhoneIcon, PhoneScreen as Screen } from '../../schemas/phone-screen';
import { PHONE_FONT as FONT, RING_TAG, ringTagPlace, screenTargets, type PhoneTarget } from '../../lib/phone-targets';
import { SCREEN_HEIGHT, SCREEN_WIDTH, wrapLines } from '../../lib/phone-geometry';
import './phone.css';

/**
 * One drawn phone screen (src/schemas/phone-screen.ts). Rendered by Astro to static SVG for the
 * pictures of a guide's 步骤 (no JavaScript reaches the page), and by the practice phone island,
 * which lays a real button over every target (`children`). Colours come from phone.css, so the
 * high-contrast theme and print apply.
 */
export interface PhoneScreenProps {
  screen: Screen;
  /** Ring this target and label it 点这里 (a guide's step). */
  ring?: string | undefined;
  /** Point an arrow at this target (the practice phone, after a second wrong tap). */
  arrow?: string | undefined;
  /** The picture's accessible name; the island hides the drawing and names its buttons instead. */
  label?: string | undefined;
  /** Overlaid on the drawing (the island's buttons), positioned in percentages of the screen. */
  children?: ReactNode;
}

/** Tones drawn as a solid colour: words and icons on them are white. */
const STRONG_TONES: ReadonlySet<string> = new Set(['primary', 'green', 'red', 'blue', 'dark']);

/** Line drawings on a 24 × 24 grid. */
const ICON_PATHS: Record<PhoneIcon, string> = {
  back: 'M15 5l-7 7 7 7',
  close: 'M6 6l12 12M18 6 6 18',
  more: 'M5 12h.01M12 12h.01M19 12h.01',
  plus: 'M12 5v14M5 12h14',
  search: 'M10.5 17a6.5 6.5 0 1 0 0-13 6.5 6.5 0 0 0 0 13zM15.5 15.5 21 21',
  video: 'M3 7h12v10H3zM15 10l6-3v10l-6-3',
  phone: 'M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a1 1 0 0 1-1 1A16 16 0 0 1 4 5a1 1 0 0 1 1-1z',
  'phone-down': 'M3 14c5-5 13-5 18 0l-2 3-4-1.5v-3a10 10 0 0 0-6 0v3L5 17z',
  mic: 'M12 3a3 3 0 0 1 3 3v6a3 3 0 0 1-6 0V6a3 3 0 0 1 3-3zM6 11a6 6 0 0 0 12 0M12 17v4M9 21h6',
  keyboard: 'M3 7h18v10H3zM7 10h.01M11 10h.01M15 10h.01M8 14h8',
  camera: 'M4 8h4l2-2h4l2 2h4v11H4zM12 17a4 4 0 1 0 0-8 4 4 0 0 0 0 8z',
  image: 'M4 5h16v14H4zM4 16l5-5 4 4 3-3 4 4M15 9h.01',
  smile: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM8 14a5 5 0 0 0 8 0M9 9h.01M15 9h.01',
  person: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21c1-4.5 4-6.5 8-6.5s7 2 8 6.5',
  people: 'M9 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM2 20c.8-3.5 3.3-5 7-5s6.2 1.5 7 5M16 5.5a3 3 0 0 1 0 5.5M18 15c2 .6 3.3 2.2 4 5',
  chat: 'M4 5h16v11H9l-5 4z',
  wifi: 'M2 9a15 15 0 0 1 20 0M5 12.5a10 10 0 0 1 14 0M8.5 16a5 5 0 0 1 7 0M12 19.5h.01',
  gear: 'M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM12 2v3M12 19v3M2 12h3M19 12h3M4.9 4.9l2.1 2.1M17 17l2.1 2.1M4.9 19.1 7 17M17 7l2.1-2.1',
  'text-size': 'M3 19 8 6l5 13M4.8 14.5h6.4M14 19l3.5-9 3.5 9M15.2 16h4.6',
  lock: 'M6 11h12v9H6zM8 11V8a4 4 0 0 1 8 0v3',
  check: 'M4 12l5 5L20 6',
  bell: 'M6 16V11a6 6 0 0 1 12 0v5l2 2H4zM10 20a2 2 0 0 0 4 0',
  trash: 'M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13',
  scan: 'M4 9V4h5M15 4h5v5M20 15v5h-5M9 20H4v-5M4 12h16',
  bus: 'M5 4h14v13H5zM5 11h14M8 17v3M16 17v3M8 14h.01M16 14h.01',
  car: 'M3 16v-4l2-5h14l2 5v4zM3 16v3M21 16v3M7 13h.01M17 13h.01',
  hospital: 'M4 21V5h16v16M10 10h4M12 8v4M9 21v-4h6v4',
  card: 'M3 6h18v12H3zM3 10h18M7 15h4',
  qr: 'M4 4h6v6H4zM14 4h6v6h-6zM4 14h6v6H4zM14 14h2v2h-2zM18 18h2v2h-2zM14 18h2',
  home: 'M3 11 12 4l9 7M6 9.5V20h12V9.5',
  chevron: 'M9 5l7 7-7 7',
  warning: 'M12 3 2 20h20zM12 10v4M12 17h.01',
  shield: 'M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6z',
  download: 'M12 4v11M7 10l5 5 5-5M5 20h14',
  app: 'M4 4h7v7H4zM13 4h7v7h-7zM4 13h7v7H4zM13 13h7v7h-7z',
  'switch-camera': 'M4 8h4l2-2h4l2 2h4v11H4zM9 13a3 3 0 0 1 5-2M15 13a3 3 0 0 1-5 2',
  speaker: 'M4 9v6h4l5 5V4L8 9zM16 9a4 4 0 0 1 0 6M18.5 6.5a8 8 0 0 1 0 11',
  send: 'M4 12 20 4l-6 16-3-7z',
  location: 'M12 21s-7-6-7-11a7 7 0 0 1 14 0c0 5-7 11-7 11zM12 12a2 2 0 1 0 0-4 2 2 0 0 0 0 4z',
};

function Icon({ icon, x, y, size }: { icon: PhoneIcon; x: number; y: number; size: number }): ReactNode {
  const scale = size / 24;
  return (
    <path
      className="ph-icon"
      d={ICON_PATHS[icon]}
      transform={`translate(${x} ${y}) scale(${scale})`}
      fill="none"
      strokeWidth={2 / scale > 2.5 ? 2.5 : 2}
      strokeLinecap="round"
      strokeLinejoin="round"
      vectorEffect="non-scaling-stroke"
    />
  );
}

function Lines({ text, x, y, width, size, align = 'left', bold = false, tone = 'plain' }: { text: string; x: number; y: number; width: number; size: number; align?: 'left' | 'center' | 'right'; bold?: boolean; tone?: string }): ReactNode {
  const lines = wrapLines(text, width, size);
  const anchor = align === 'center' ? 'middle' : align === 'right' ? 'end' : 'start';
  const lineX = align === 'center' ? x + width / 2 : align === 'right' ? x + width : x;
  return (
    <text className={`ph-text tone-${tone}`} x={lineX} y={y + size} fontSize={size} fontWeight={bold ? 700 : 400} textAnchor={anchor}>
      {lines.map((line, index) => (
        <tspan key={index} x={lineX} dy={index === 0 ? 0 : size * 1.35}>
          {line}
        </tspan>
      ))}
    </text>
  );
}

function Element({ element }: { element: PhoneElement }): ReactNode {
  switch (element.kind) {
    case 'box': {
      const { x, y, w, h, radius, tone, label, labelAt, icon, detail, trailing, field } = element;
      const r = Math.min(radius, w / 2, h / 2);
      // An icon alone (a QR code in the scanner, a shop's sign) fills half its box; with words it stays small.
      const iconSize = label ? Math.min(h - 12, labelAt === 'below' ? w * 0.6 : 28) : Math.min(w, h) * 0.5;
      const textX = labelAt === 'left' ? x + (icon ? 16 + iconSize + 10 : 16) : x;
      const strong = STRONG_TONES.has(tone);
      return (
        <g>
          <rect className={`ph-box tone-${tone}${field ? ' ph-field' : ''}`} x={x} y={y} width={w} height={h} rx={r} />
          {icon && (
            <g className={strong ? 'on-strong' : undefined}>
              <Icon icon={icon} x={labelAt === 'left' ? x + 14 : x + (w - iconSize) / 2} y={labelAt === 'center' && label ? y + 6 : y + (h - iconSize) / 2} size={iconSize} />
            </g>
          )}
          {label && labelAt === 'below' && <Lines text={label} x={x - 8} y={y + h + 2} width={w + 16} size={FONT.small} align="center" />}
          {label && labelAt !== 'below' && (
            <Lines
              text={label}
              x={labelAt === 'left' ? textX : x + 4}
              y={labelAt === 'center' && icon ? y + h - FONT.small - 8 : y + (h - FONT.normal * (detail ? 2.4 : 1.3)) / 2}
              width={labelAt === 'left' ? w - (textX - x) - 36 : w - 8}
              size={labelAt === 'center' && icon ? FONT.small : FONT.normal}
              align={labelAt === 'left' ? 'left' : 'center'}
              tone={strong ? 'on-strong' : 'plain'}
            />
          )}
          {detail && <Lines text={detail} x={textX} y={y + h / 2 + 2} width={w - (textX - x) - 36} size={FONT.small} tone="muted" />}
          {trailing === 'chevron' && <Icon icon="chevron" x={x + w - 28} y={y + (h - 20) / 2} size={20} />}
          {(trailing === 'switch-on' || trailing === 'switch-off') && (
            <g>
              <rect className={`ph-switch ${trailing}`} x={x + w - 62} y={y + (h - 28) / 2} width={48} height={28} rx={14} />
              <circle className="ph-knob" cx={trailing === 'switch-on' ? x + w - 28 : x + w - 48} cy={y + h / 2} r={11} />
            </g>
          )}
        </g>
      );
    }
    case 'text':
      return <Lines text={element.text} x={element.x} y={element.y} width={element.w} size={FONT[element.size]} align={element.align} bold={element.bold} tone={element.tone} />;
    case 'bubble': {
      const { x, y, w, h, side, text, link } = element;
      return (
        <g>
          <rect className={`ph-bubble ${side}`} x={x} y={y} width={w} height={h} rx={10} />
          <Lines text={text} x={x + 12} y={y + 6} width={w - 24} size={FONT.normal} />
          {link && (
            <text className="ph-link" x={x + 12} y={y + h - 12} fontSize={FONT.normal} textDecoration="underline">
              {link}
            </text>
          )}
        </g>
      );
    }
    case 'icon':
      return (
        <g>
          {element.tone !== 'plain' && <circle className={`ph-box tone-${element.tone}`} cx={element.x + element.size / 2} cy={element.y + element.size / 2} r={element.size / 2} />}
          <g className={element.tone === 'plain' ? '' : 'on-strong'}>
            <Icon icon={element.icon} x={element.x + element.size * 0.2} y={element.y + element.size * 0.2} size={element.size * 0.6} />
          </g>
          {element.label && <Lines text={element.label} x={element.x - 20} y={element.y + element.size + 2} width={element.size + 40} size={FONT.small} align="center" tone="plain" />}
        </g>
      );
    case 'keypad':
    case 'slider':
      return <Targets element={element} />;
  }
}

/** Keypads and sliders are drawn from their targets, so the drawing and the buttons always agree. */
function Targets({ element }: { element: Extract<PhoneElement, { kind: 'keypad' | 'slider' }> }): ReactNode {
  const targets = screenTargets({ elements: [element] });
  if (element.kind === 'keypad') {
    return (
      <g>
        {targets.map((key) => (
          <g key={key.id}>
            <rect className="ph-box tone-plain" x={key.x + 3} y={key.y + 3} width={key.w - 6} height={key.h - 6} rx={6} />
            <Lines text={key.name.replace('数字', '')} x={key.x} y={key.y + key.h / 2 - 14} width={key.w} size={FONT.large} align="center" />
          </g>
        ))}
      </g>
    );
  }
  const lineY = element.y + 8;
  return (
    <g>
      <line className="ph-track" x1={element.x + targets[0]!.w / 2} x2={element.x + element.w - targets[0]!.w / 2} y1={lineY} y2={lineY} />
      {targets.map((stop, index) => (
        <g key={stop.id}>
          <circle className={index + 1 === element.value ? 'ph-knob current' : 'ph-stop'} cx={stop.x + stop.w / 2} cy={lineY} r={index + 1 === element.value ? 12 : 6} />
          <Lines text={stop.name} x={stop.x} y={lineY + 16} width={stop.w} size={FONT.small} align="center" />
        </g>
      ))}
    </g>
  );
}

function Ring({ screen, target }: { screen: Screen; target: PhoneTarget }): ReactNode {
  const tag = ringTagPlace(screen, target);
  return (
    <g className="ph-ring">
      <rect className="ph-ring-box" x={target.x - 5} y={target.y - 5} width={target.w + 10} height={target.h + 10} rx={12} />
      <g transform={`translate(${tag.x} ${tag.y})`}>
        <rect className="ph-ring-tag" width={RING_TAG.w} height={RING_TAG.h} rx={RING_TAG.h / 2} />
        <text className="ph-ring-words" x={RING_TAG.w / 2} y={22} fontSize={16} textAnchor="middle">
          点这里
        </text>
      </g>
    </g>
  );
}

function Arrow({ target }: { target: PhoneTarget }): ReactNode {
  const cx = target.x + target.w / 2;
  const fromBelow = target.y < SCREEN_HEIGHT / 2;
  const tip = fromBelow ? target.y + target.h + 6 : target.y - 6;
  const tail = fromBelow ? tip + 90 : tip - 90;
  const head = fromBelow ? 18 : -18;
  return (
    <g className="ph-arrow">
      <line x1={cx} y1={tail} x2={cx} y2={tip + head} />
      <path d={`M${cx - 16} ${tip + head} L${cx} ${tip} L${cx + 16} ${tip + head} Z`} />
    </g>
  );
}

export function PhoneScreen({ screen, ring, arrow, label, children }: PhoneScreenProps): ReactNode {
  const targets = screenTargets(screen);
  const ringed = ring ? targets.find((target) => target.id === ring) : undefined;
  const pointed = arrow ? targets.find((target) => target.id === arrow) : undefined;
  return (
    <div className={`phone${screen.dark ? ' dark' : ''}`}>
      <svg className="phone-drawing" viewBox={`0 0 ${SCREEN_WIDTH} ${SCREEN_HEIGHT}`} role={label ? 'img' : undefined} aria-label={label} aria-hidden={label ? undefined : true} focusable="false">
        <rect className="ph-screen" width={SCREEN_WIDTH} height={SCREEN_HEIGHT} rx={24} />
        <g className="ph-status">
          <text className="ph-text" x={20} y={20} fontSize={13}>
            10:00
          </text>
          <Icon icon="wifi" x={300} y={6} size={16} />
          <rect className="ph-battery" x={322} y={8} width={24} height={12} rx={3} />
        </g>
        {screen.title && (
          <text className="ph-text ph-title" x={SCREEN_WIDTH / 2} y={58} fontSize={18} fontWeight={700} textAnchor="middle">
            {screen.title}
          </text>
        )}
        {screen.elements.map((element, index) => (
          <Element key={index} element={element} />
        ))}
        {ringed && <Ring screen={screen} target={ringed} />}
        {pointed && <Arrow target={pointed} />}
      </svg>
      {children}
    </div>
  );
}
