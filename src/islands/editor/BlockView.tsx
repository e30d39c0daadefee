import type { ReactNode } from 'react';
import type { StudioProblem } from '../../lib/studio-tree';
import type { Block, TimelineEvent } from './mdx-blocks';
import { LESSON_PALETTE } from './palette';
import { PictureUpload } from './PictureUpload';

/**
 * One block of the lesson editor: a framed part with its name as a heading, each field labelled
 * above with its hint below (from the schemas' metadata), and 上移 / 下移 / 删除. Never shows tags.
 */

/** Changes one block; `key` names the field, so typing in one field is undone as one step. */
export type BlockChange = (key: string, update: (block: Block) => Block) => void;

interface FieldProps {
  id: string;
  label: string;
  hint?: string | undefined;
  value: string;
  multiline?: boolean;
  required?: boolean;
  onChange: (value: string) => void;
}

/** A labelled text field; a text area grows with its lines. */
export function Field({ id, label, hint, value, multiline, required, onChange }: FieldProps): ReactNode {
  const hintId = hint ? `${id}-hint` : undefined;
  const common = {
    id,
    value,
    'aria-describedby': hintId,
    'aria-required': required || undefined,
    'data-text-field': '',
    onChange: (event: { currentTarget: { value: string } }) => onChange(event.currentTarget.value),
  };
  return (
    <div className="editor-field">
      <label htmlFor={id}>{label}</label>
      {multiline ? <textarea {...common} rows={Math.max(3, value.split('\n').length + 1)} /> : <input type="text" {...common} />}
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
    </div>
  );
}

/** What a block is called, as its heading says. */
export function blockLabel(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return '段落';
    case 'heading':
      return block.depth === 2 ? '大标题' : '小标题';
    case 'list':
      return block.ordered ? '编号列表' : '列表';
    case 'component':
      return LESSON_PALETTE[block.name].label;
  }
}

const lines = (text: string): string[] => text.split('\n');

interface BlockViewProps {
  block: Block;
  index: number;
  count: number;
  problems: StudioProblem[];
  onChange: BlockChange;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}

export function BlockView({ block, index, count, problems, onChange, onMove, onRemove }: BlockViewProps): ReactNode {
  const label = blockLabel(block);
  const titleId = `${block.id}-heading`;
  const set = (key: string, update: (block: Block) => Block): void => onChange(`${block.id}:${key}`, update);
  return (
    <section className={`editor-block editor-block-${block.kind === 'component' ? block.name : block.kind}${problems.length > 0 ? ' has-problem' : ''}`} aria-labelledby={titleId} data-block={block.id} id={`block-${block.id}`} tabIndex={-1}>
      <div className="editor-block-head">
        <h3 id={titleId}>
          {label}
          <span className="visually-hidden">（第 {index + 1} 块，共 {count} 块）</span>
        </h3>
        <div className="editor-block-actions">
          <button type="button" className="secondary" onClick={() => onMove(-1)} disabled={index === 0} aria-label={`上移：${label}`}>
            上移
          </button>
          <button type="button" className="secondary" onClick={() => onMove(1)} disabled={index === count - 1} aria-label={`下移：${label}`}>
            下移
          </button>
          <button type="button" className="secondary" onClick={onRemove} aria-label={`删除：${label}`}>
            删除
          </button>
        </div>
      </div>
      {problems.map((problem, at) => (
        <p className="editor-problem" key={at}>
          <strong>要改：</strong>
          {problem.message}
        </p>
      ))}
      <BlockFields block={block} set={set} />
    </section>
  );
}

function BlockFields({ block, set }: { block: Block; set: (key: string, update: (block: Block) => Block) => void }): ReactNode {
  const id = block.id;
  switch (block.kind) {
    case 'paragraph':
      return <Field id={`${id}-text`} label="这一段的文字" hint="要加粗或加链接，先选中文字，再点上面的“加粗”或“链接”。" value={block.text} multiline onChange={(text) => set('text', (b) => ({ ...b, text }))} />;
    case 'heading':
      return <Field id={`${id}-text`} label={`${block.depth === 2 ? '大标题' : '小标题'}的文字`} value={block.text} onChange={(text) => set('text', (b) => ({ ...b, text }))} />;
    case 'list':
      return <Field id={`${id}-items`} label="列表的内容" hint="一行写一条。" value={block.items.join('\n')} multiline onChange={(text) => set('items', (b) => ({ ...b, items: lines(text) }))} />;
    case 'component': {
      const entry = LESSON_PALETTE[block.name];
      return (
        <>
          <p className="hint">{entry.hint}</p>
          {block.name === 'Figure' && (
            <PictureUpload
              blockId={id}
              src={block.props['src'] ?? ''}
              alt={block.props['alt'] ?? ''}
              altFieldId={`${id}-alt`}
              onUploaded={(picture) =>
                set('upload', (b) => (b.kind === 'component' ? { ...b, props: { ...b.props, src: picture.src, width: String(picture.width), height: String(picture.height) } } : b))
              }
            />
          )}
          {entry.fields.map((field) => (
            <Field
              key={field.name}
              id={`${id}-${field.name}`}
              label={field.label}
              hint={field.hint}
              required={field.required}
              value={block.props[field.name] ?? ''}
              onChange={(value) => set(field.name, (b) => (b.kind === 'component' ? { ...b, props: { ...b.props, [field.name]: value } } : b))}
            />
          ))}
          {entry.content === 'paragraphs' && (
            <Field
              id={`${id}-body`}
              label={block.name === 'SelfCheck' ? '解释（可以不写）' : block.name === 'Quote' ? '原话' : block.name === 'Recitation' ? '原文（一字不差）' : '内容'}
              hint={block.name === 'Recitation' ? '一行写一句；分节（分段）就空一行。' : '分几段就空一行。'}
              value={block.body}
              multiline
              onChange={(body) => set('body', (b) => ({ ...b, body }))}
            />
          )}
          {entry.content === 'list' && <Field id={`${id}-items`} label="每一条要点" hint="一行写一条，三到五条。" value={block.items.join('\n')} multiline onChange={(text) => set('items', (b) => ({ ...b, items: lines(text) }))} />}
          {entry.content === 'items' && <TimelineEvents block={block} set={set} />}
        </>
      );
    }
  }
}

function TimelineEvents({ block, set }: { block: Extract<Block, { kind: 'component' }>; set: (key: string, update: (block: Block) => Block) => void }): ReactNode {
  const item = LESSON_PALETTE.TimelineItem;
  const when = item.fields.find((field) => field.name === 'when');
  const update = (key: string, change: (events: TimelineEvent[]) => TimelineEvent[]): void => set(key, (b) => (b.kind === 'component' ? { ...b, events: change(b.events) } : b));
  return (
    <ol className="editor-events">
      {block.events.map((event, at) => (
        <li key={at}>
          <fieldset>
            <legend>
              {item.label} {at + 1}
            </legend>
            <Field id={`${block.id}-when-${at}`} label={when?.label ?? '时间'} hint={when?.hint} required value={event.when} onChange={(value) => update(`when-${at}`, (events) => events.map((e, i) => (i === at ? { ...e, when: value } : e)))} />
            <Field id={`${block.id}-event-${at}`} label="这件事" value={event.text} multiline onChange={(value) => update(`event-${at}`, (events) => events.map((e, i) => (i === at ? { ...e, text: value } : e)))} />
            <button type="button" className="secondary" onClick={() => update(`remove-${at}`, (events) => events.filter((_, i) => i !== at))}>
              删掉{item.label} {at + 1}
            </button>
          </fieldset>
        </li>
      ))}
      <li className="editor-events-add">
        <button type="button" className="secondary" onClick={() => update('add', (events) => [...events, { when: '', text: '' }])}>
          加一个{item.label}
        </button>
      </li>
    </ol>
  );
}
