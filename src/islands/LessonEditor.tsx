import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { Source } from '../schemas/source';
import type { StudioProblem } from '../lib/studio-tree';
import { BlockView, Field, blockLabel, type BlockChange } from './editor/BlockView';
import { newBlockId, newComponentBlock, parseLesson, problemsByBlock, writeLessonWithOwners, type Block, type BlockComponentName } from './editor/mdx-blocks';
import { LESSON_PALETTE } from './editor/palette';
import { clearDraft, draftKey, readDraft, sameDraft, saveLesson, sendOnLeaving, writeDraft, type LessonDraft, type SaveAnswer } from './editor/save';
import './editor/editor.css';
import { formatTimeOfDay } from '../lib/beijing-time';

/**
 * The lesson editor (ISSUE 13): an instructor writes a studio lesson as blocks — paragraphs,
 * headings, lists and the lesson vocabulary's components, each with labelled fields — or, on
 * request, as its text (源码). It saves by itself every few seconds and when the page is left,
 * through the action studio.saveLesson; until the server has confirmed, the text is kept in this
 * browser, so a sign-in that ran out, a dropped network or a closed tab loses nothing. A save
 * refused because someone saved since is shown, never overwritten by itself. Imports no zod.
 */
export interface LessonEditorProps {
  courseId: number;
  lessonId: number;
  revision: number;
  title: string;
  summary: string;
  body: string;
  sources: Source[];
  minutes: number | null;
  previewUrl: string;
  courseUrl: string;
  /** What compileStudioLesson says about the saved body now. */
  problems: StudioProblem[];
  /** Shown until the editor has started (the page's 源码 form, which works without JavaScript). */
  children?: ReactNode;
}

/** How often unsaved text is sent. */
const AUTOSAVE_MS = 3000;
/** Typing in one field within this time is undone as one step. */
const UNDO_PAUSE_MS = 1500;

interface SourceRow {
  title: string;
  issuer: string;
  year: string;
}

/** Everything the author can change, as typed (undo goes back through these). */
interface Doc {
  title: string;
  summary: string;
  minutes: string;
  sources: SourceRow[];
  mode: 'blocks' | 'source';
  blocks: Block[];
  source: string;
}

type Status =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: number }
  | { kind: 'problems' }
  | { kind: 'conflict'; revision: number; byName: string; at: number }
  | { kind: 'signed-out' }
  | { kind: 'refused'; message: string }
  | { kind: 'offline' };

const PALETTE_ORDER: BlockComponentName[] = ['KeyPoints', 'Quote', 'Timeline', 'Figure', 'Discussion', 'SelfCheck', 'LessonQuiz'];


/** The doc a lesson's text opens as: blocks when it is blocks, otherwise 源码 and why. */
function openBody(body: string): { mode: Doc['mode']; blocks: Block[]; source: string; note: string | null } {
  const parsed = parseLesson(body);
  if (parsed.ok) return { mode: 'blocks', blocks: parsed.blocks, source: body, note: null };
  return { mode: 'source', blocks: [], source: body, note: `${parsed.reason}，编辑器不能把它显示成方块，所以打开了源码。可以直接在源码里改。` };
}

function docOf(draft: LessonDraft): { doc: Doc; note: string | null } {
  const opened = openBody(draft.body);
  return {
    doc: {
      title: draft.title,
      summary: draft.summary,
      minutes: draft.minutes === null ? '' : String(draft.minutes),
      sources: draft.sources.map((source) => ({ title: source.title, issuer: source.issuer, year: source.year === undefined ? '' : String(source.year) })),
      mode: opened.mode,
      blocks: opened.blocks,
      source: opened.source,
    },
    note: opened.note,
  };
}

function written(doc: Doc): { text: string; ids: string[] } {
  return doc.mode === 'blocks' ? writeLessonWithOwners(doc.blocks) : { text: doc.source, ids: [] };
}

function draftOf(doc: Doc): LessonDraft {
  const minutes = doc.minutes.trim();
  return {
    title: doc.title,
    summary: doc.summary,
    body: written(doc).text,
    minutes: /^\d+$/.test(minutes) ? Number(minutes) : null,
    sources: doc.sources.map((row) => ({ title: row.title.trim(), issuer: row.issuer.trim(), year: Number.parseInt(row.year, 10) || 0 })),
  };
}

/** The line and column of a problem in words. */
const place = (problem: StudioProblem): string => `第 ${problem.line} 行第 ${problem.column} 个字`;

export function LessonEditor(props: LessonEditorProps): ReactNode {
  const { courseId, lessonId, previewUrl, courseUrl } = props;
  const key = draftKey(courseId, lessonId);
  const initial = useMemo(() => docOf(props), []); // eslint-disable-line react-hooks/exhaustive-deps -- the server's text at page load
  const [ready, setReady] = useState(false);
  const [doc, setDoc] = useState<Doc>(initial.doc);
  const [note, setNote] = useState<string | null>(initial.note);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [announce, setAnnounce] = useState('');
  const [otherTab, setOtherTab] = useState(false);
  const [restored, setRestored] = useState(false);
  const [problems, setProblems] = useState<{ text: string; ids: string[]; list: StudioProblem[] }>(() => ({
    // The problems are about the saved text, which opened as these blocks (one block per part of it).
    text: props.body,
    ids: initial.doc.mode === 'blocks' ? initial.doc.blocks.map((block) => block.id) : [],
    list: props.problems,
  }));
  const [linkOpen, setLinkOpen] = useState(false);
  const [linkAddress, setLinkAddress] = useState('');
  const [focusRequest, setFocusRequest] = useState<string | null>(null);

  const docRef = useRef(doc);
  docRef.current = doc;
  const past = useRef<Doc[]>([]);
  const future = useRef<Doc[]>([]);
  const lastChange = useRef<{ key: string; at: number }>({ key: '', at: 0 });
  const revision = useRef(props.revision);
  /** What the server has now, as far as this tab knows: no need to send it again. */
  const confirmed = useRef<LessonDraft>(draftOf(initial.doc));
  /** Text the server refused (problems): sent again only once changed. */
  const refused = useRef<LessonDraft | null>(null);
  const saving = useRef(false);
  const statusRef = useRef(status);
  statusRef.current = status;
  const tab = useRef(`t${Math.random().toString(36).slice(2)}`);
  const lastField = useRef<string | null>(null);
  const lastBlock = useRef<string | null>(null);

  const draft = useMemo(() => draftOf(doc), [doc]);
  const draftRef = useRef(draft);
  draftRef.current = draft;
  const dirty = !sameDraft(draft, confirmed.current);

  const change = useCallback((changeKey: string, update: (doc: Doc) => Doc): void => {
    const now = Date.now();
    if (changeKey !== lastChange.current.key || now - lastChange.current.at > UNDO_PAUSE_MS) {
      past.current = [...past.current.slice(-199), docRef.current];
      future.current = [];
    }
    lastChange.current = { key: changeKey, at: now };
    const next = update(docRef.current);
    docRef.current = next;
    setDoc(next);
  }, []);

  /** Goes one step back (撤销) or forward again (重做) through the changes. */
  const step = (from: Doc[], to: Doc[], done: string, none: string): void => {
    const target = from.pop();
    if (!target) return setAnnounce(none);
    to.push(docRef.current);
    lastChange.current = { key: '', at: 0 };
    docRef.current = target;
    setDoc(target);
    setAnnounce(done);
  };
  const undo = (): void => step(past.current, future.current, '已撤销', '没有可以撤销的了');
  const redo = (): void => step(future.current, past.current, '已重做', '没有可以重做的了');

  const save = useCallback(async (): Promise<void> => {
    if (saving.current) return;
    const snapshot = draftRef.current;
    const owners = written(docRef.current);
    saving.current = true;
    setStatus({ kind: 'saving' });
    const answer: SaveAnswer = await saveLesson({ courseId, lessonId, revision: revision.current, ...snapshot });
    saving.current = false;
    switch (answer.kind) {
      case 'saved':
        revision.current = answer.revision;
        confirmed.current = snapshot;
        refused.current = null;
        if (sameDraft(draftRef.current, snapshot)) clearDraft(key);
        setProblems({ ...owners, list: [] });
        setStatus({ kind: 'saved', at: answer.savedAt });
        return;
      case 'problems':
        refused.current = snapshot;
        setProblems({ ...owners, list: answer.problems });
        setStatus({ kind: 'problems' });
        return;
      case 'refused':
        refused.current = snapshot;
        setStatus(answer);
        return;
      default:
        setStatus(answer);
    }
  }, [courseId, lessonId, key]);

  // Started: take over from the page's 源码 form, and bring back text this browser kept that the
  // server never confirmed (a sign-in that ran out, a closed tab).
  useEffect(() => {
    setReady(true);
    const stored = readDraft(key);
    if (!stored) return;
    if (sameDraft(stored.draft, confirmed.current) || sameDraft(stored.draft, { title: props.title, summary: props.summary, body: props.body, sources: props.sources, minutes: props.minutes })) {
      clearDraft(key);
      return;
    }
    const opened = docOf(stored.draft);
    // Based on an older revision: saving it will be refused as a conflict and shown, not overwrite.
    revision.current = Math.min(stored.base, props.revision);
    docRef.current = opened.doc;
    setDoc(opened.doc);
    setNote(opened.note);
    setRestored(true);
  }, []); // eslint-disable-line react-hooks/exhaustive-deps -- once, at start

  // Every change is kept in this browser until the server confirms it.
  useEffect(() => {
    if (ready && dirty) writeDraft(key, { base: revision.current, draft, tab: tab.current });
  }, [ready, dirty, draft, key]);

  // Autosave every few seconds; after a refusal for problems only once the text has changed.
  useEffect(() => {
    if (!ready) return;
    const timer = window.setInterval(() => {
      const current = statusRef.current.kind;
      if (saving.current || current === 'conflict') return;
      if (sameDraft(draftRef.current, confirmed.current)) return;
      if (refused.current && sameDraft(draftRef.current, refused.current)) return;
      void save();
    }, AUTOSAVE_MS);
    return () => window.clearInterval(timer);
  }, [ready, save]);

  // Leaving the page (another tab, another app, closing it): save now; as the page goes, send it anyway.
  useEffect(() => {
    if (!ready) return;
    const unsaved = (): boolean => !sameDraft(draftRef.current, confirmed.current) && statusRef.current.kind !== 'conflict' && !(refused.current && sameDraft(draftRef.current, refused.current));
    const hidden = (): void => {
      if (document.visibilityState === 'hidden' && unsaved()) void save();
      if (document.visibilityState === 'visible' && statusRef.current.kind === 'signed-out') void save();
    };
    const leaving = (): void => {
      if (unsaved()) sendOnLeaving({ courseId, lessonId, revision: revision.current, ...draftRef.current });
    };
    // Back from the browser's page cache: what this tab knows of the revision may be old.
    const back = (event: PageTransitionEvent): void => {
      if (event.persisted) window.location.reload();
    };
    const focus = (): void => {
      if (statusRef.current.kind === 'signed-out' || statusRef.current.kind === 'offline') void save();
    };
    document.addEventListener('visibilitychange', hidden);
    window.addEventListener('pagehide', leaving);
    window.addEventListener('pageshow', back);
    window.addEventListener('focus', focus);
    return () => {
      document.removeEventListener('visibilitychange', hidden);
      window.removeEventListener('pagehide', leaving);
      window.removeEventListener('pageshow', back);
      window.removeEventListener('focus', focus);
    };
  }, [ready, save, courseId, lessonId]);

  // Another tab writing the same lesson: say so at once.
  useEffect(() => {
    const storage = (event: StorageEvent): void => {
      if (event.key !== key || !event.newValue) return;
      const stored = readDraft(key);
      if (stored && stored.tab !== tab.current) setOtherTab(true);
    };
    window.addEventListener('storage', storage);
    return () => window.removeEventListener('storage', storage);
  }, [key]);

  // A block just added or moved: its first field (or the block) gets the focus.
  useEffect(() => {
    if (!focusRequest) return;
    const block = document.querySelector<HTMLElement>(`[data-block="${focusRequest}"]`);
    const field = block?.querySelector<HTMLElement>('input, textarea');
    (field ?? block)?.focus();
    setFocusRequest(null);
  }, [focusRequest]);

  const changeBlock: BlockChange = (changeKey, update) => {
    const id = changeKey.split(':')[0];
    change(changeKey, (current) => ({ ...current, blocks: current.blocks.map((block) => (block.id === id ? update(block) : block)) }));
  };

  const insert = (block: Block, label: string): void => {
    change(`insert:${block.id}`, (current) => {
      const after = current.blocks.findIndex((b) => b.id === lastBlock.current);
      const at = after >= 0 ? after + 1 : current.blocks.length;
      return { ...current, blocks: [...current.blocks.slice(0, at), block, ...current.blocks.slice(at)] };
    });
    lastBlock.current = block.id;
    setAnnounce(`已加入：${label}`);
    setFocusRequest(block.id);
  };

  const move = (id: string, by: -1 | 1): void => {
    change(`move:${id}:${Date.now()}`, (current) => {
      const at = current.blocks.findIndex((b) => b.id === id);
      const to = at + by;
      if (at < 0 || to < 0 || to >= current.blocks.length) return current;
      const blocks = [...current.blocks];
      const [moved] = blocks.splice(at, 1);
      if (moved) blocks.splice(to, 0, moved);
      return { ...current, blocks };
    });
    setAnnounce(by < 0 ? '已上移' : '已下移');
    window.requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-block="${id}"]`)?.focus());
  };

  const remove = (id: string): void => {
    const at = docRef.current.blocks.findIndex((b) => b.id === id);
    const block = docRef.current.blocks[at];
    change(`remove:${id}`, (current) => ({ ...current, blocks: current.blocks.filter((b) => b.id !== id) }));
    setAnnounce(`已删除：${block ? blockLabel(block) : ''}。点“撤销”可以找回来`);
    const next = docRef.current.blocks[Math.min(at, docRef.current.blocks.length - 1)];
    if (next) setFocusRequest(next.id);
    else document.getElementById('editor-toolbar-title')?.focus();
  };

  /** Wraps the selection of the text field last used (or inserts at its cursor). */
  const markSelection = (make: (selected: string) => string, what: string): void => {
    const field = lastField.current ? document.getElementById(lastField.current) : null;
    if (!(field instanceof HTMLTextAreaElement || field instanceof HTMLInputElement)) {
      setAnnounce(`请先点一下要${what}的文字所在的框，选中文字，再点“${what}”`);
      return;
    }
    const start = field.selectionStart ?? field.value.length;
    const end = field.selectionEnd ?? start;
    const inserted = make(field.value.slice(start, end));
    const value = field.value.slice(0, start) + inserted + field.value.slice(end);
    // Through React's own setter, so the block's onChange runs as if typed.
    const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field), 'value')?.set;
    setter?.call(field, value);
    field.dispatchEvent(new Event('input', { bubbles: true }));
    field.focus();
    field.setSelectionRange(start + inserted.length, start + inserted.length);
    setAnnounce(`已${what}`);
  };

  const toSource = (): void => {
    change('mode', (current) => ({ ...current, mode: 'source', source: written(current).text }));
    setNote(null);
    setAnnounce('现在显示源码');
  };
  const toBlocks = (): void => {
    const parsed = parseLesson(docRef.current.source);
    if (!parsed.ok) {
      setNote(`${parsed.reason}，编辑器不能把它显示成方块。请在源码里改好，或者删掉这一处，再点“方块”。`);
      return;
    }
    change('mode', (current) => ({ ...current, mode: 'blocks', blocks: parsed.blocks }));
    setNote(null);
    setAnnounce('现在显示方块');
  };

  const onKeyDown = (event: KeyboardEvent): void => {
    if (!(event.ctrlKey || event.metaKey)) return;
    const letter = event.key.toLowerCase();
    if (letter === 'z' && !event.shiftKey) {
      event.preventDefault();
      undo();
    } else if (letter === 'y' || (letter === 'z' && event.shiftKey)) {
      event.preventDefault();
      redo();
    } else if (letter === 'b') {
      event.preventDefault();
      markSelection((selected) => `**${selected || '要加粗的字'}**`, '加粗');
    }
  };

  const byBlock = useMemo(() => problemsByBlock(problems.text, problems.ids, problems.list), [problems]);
  const showProblemsAtBlocks = doc.mode === 'blocks';

  const goToProblem = (problem: StudioProblem): void => {
    if (doc.mode === 'source') {
      const area = document.getElementById('editor-source');
      if (area instanceof HTMLTextAreaElement) {
        const lines = area.value.split('\n');
        const start = lines.slice(0, problem.line - 1).reduce((sum, line) => sum + line.length + 1, 0);
        area.focus();
        area.setSelectionRange(start, start + (lines[problem.line - 1]?.length ?? 0));
      }
      return;
    }
    const owner = [...byBlock.entries()].find(([, list]) => list.includes(problem))?.[0];
    const block = owner ? document.querySelector<HTMLElement>(`[data-block="${owner}"]`) : null;
    block?.scrollIntoView({ block: 'start' });
    block?.focus();
  };

  if (!ready) {
    return (
      <div className="lesson-editor-fallback">
        <p className="hint">编辑器正在准备。要是一直用不了，可以在下面直接改这一课的源码。</p>
        {props.children}
      </div>
    );
  }

  const statusWords = ((): string => {
    switch (status.kind) {
      case 'idle':
        return dirty ? '有改动，几秒后自动保存' : '没有改动';
      case 'saving':
        return '正在保存…';
      case 'saved':
        return dirty ? '有新的改动，几秒后自动保存' : `已保存（${formatTimeOfDay(status.at)}）`;
      case 'problems':
        return '没有保存：这一课有要改的地方，见下面。改好后会自动保存。';
      case 'conflict':
        return '没有保存：这一课在别处被保存过了，见下面。';
      case 'signed-out':
        return '没有保存：登录已经过期，见下面。';
      case 'refused':
        return `没有保存：${status.message}`;
      case 'offline':
        return '网络断了，还没有保存。网络恢复后会自动保存，文字留在这台电脑上。';
    }
  })();

  const sourceRows = doc.sources;
  const setSource = (at: number, field: keyof SourceRow, value: string): void =>
    change(`source-${at}-${field}`, (current) => ({ ...current, sources: current.sources.map((row, i) => (i === at ? { ...row, [field]: value } : row)) }));

  return (
    <div className="lesson-editor" onKeyDown={onKeyDown} onFocus={(event) => {
      const target = event.target as HTMLElement;
      if (target.matches('[data-text-field], #editor-source')) lastField.current = target.id;
      const block = target.closest<HTMLElement>('[data-block]');
      if (block) lastBlock.current = block.dataset['block'] ?? null;
    }}>
      <p className="editor-status" role="status" data-save-status={status.kind}>
        {statusWords}
      </p>
      <p className="visually-hidden" aria-live="polite">
        {announce}
      </p>

      {restored && (
        <div className="editor-notice" role="alert">
          <p>这台电脑上留着这一课还没保存的文字，已经放回编辑器里，会自动保存。</p>
          <button type="button" className="secondary" onClick={() => setRestored(false)}>
            知道了
          </button>
        </div>
      )}
      {otherTab && (
        <div className="editor-notice" role="alert">
          <p>另一个窗口也在编辑这一课。请只在一个窗口里写：两边都写，后保存的一边会被拦下，不会互相覆盖。</p>
          <button type="button" className="secondary" onClick={() => setOtherTab(false)}>
            知道了
          </button>
        </div>
      )}
      {status.kind === 'signed-out' && (
        <div className="editor-notice" role="alert">
          <h2>请重新登录</h2>
          <p>登录已经过期，刚才写的字没有丢，都留在这台电脑上。请点下面的链接，在新窗口里重新登录；登录好了回到这个窗口，会自动保存。</p>
          <p>
            <a className="button" href="/login/?next=%2Fstudio%2F" target="_blank" rel="noopener">
              重新登录（新窗口）
            </a>
          </p>
          <button type="button" className="secondary" onClick={() => void save()}>
            我已经登录好了，现在保存
          </button>
        </div>
      )}
      {status.kind === 'conflict' && (
        <div className="editor-notice" role="alert">
          <h2>这一课在别处被保存过了</h2>
          <p>
            {status.byName}在{formatTimeOfDay(status.at)}保存了这一课（也可能是您在另一个窗口保存的）。为了不覆盖那个版本，这里的文字没有保存，还留在这里。
          </p>
          <p>
            <a href={previewUrl} target="_blank" rel="noopener">
              看看那个版本（新窗口）
            </a>
          </p>
          <button
            type="button"
            onClick={() => {
              revision.current = status.revision;
              void save();
            }}
          >
            用这里的文字保存，替换那个版本
          </button>
        </div>
      )}

      {problems.list.length > 0 && (
        <div className="editor-problems" role={status.kind === 'problems' ? 'alert' : undefined}>
          <h2>这一课有 {problems.list.length} 处要改</h2>
          <ul>
            {problems.list.map((problem, at) => (
              <li key={at}>
                <button type="button" className="secondary editor-problem-link" onClick={() => goToProblem(problem)}>
                  {place(problem)}：{problem.message}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}

      <section className="editor-details" aria-labelledby="editor-details-title">
        <h2 id="editor-details-title">这一课的名称和出处</h2>
        <Field id="editor-title" label="课的题目" value={doc.title} required onChange={(title) => change('title', (current) => ({ ...current, title }))} />
        <Field id="editor-summary" label="一句话简介" hint="在课程目录里显示。" value={doc.summary} multiline onChange={(summary) => change('summary', (current) => ({ ...current, summary }))} />
        <div className="editor-field">
          <label htmlFor="editor-minutes">大约要学几分钟</label>
          <input id="editor-minutes" type="text" inputMode="numeric" className="editor-minutes" value={doc.minutes} aria-describedby="editor-minutes-hint" onChange={(event) => {
            const minutes = event.currentTarget.value;
            change('minutes', (current) => ({ ...current, minutes }));
          }} />
          <p className="hint" id="editor-minutes-hint">
            只写数字，例如 12。{doc.minutes.trim() !== '' && !/^\d+$/.test(doc.minutes.trim()) ? '现在写的不是数字，不会保存这一项。' : ''}
          </p>
        </div>
        <fieldset className="editor-sources">
          <legend>出处（提交审核前必须写）</legend>
          {sourceRows.length === 0 && <p className="hint">还没有出处。每一课都要写明依据的文献。</p>}
          <ol>
            {sourceRows.map((row, at) => (
              <li key={at}>
                <Field id={`editor-source-${at}-title`} label={`出处 ${at + 1}：书名或文件名`} hint="有书名号就带上，例如 《中国共产党简史》" value={row.title} onChange={(value) => setSource(at, 'title', value)} />
                <Field id={`editor-source-${at}-issuer`} label={`出处 ${at + 1}：出版或发布单位`} value={row.issuer} onChange={(value) => setSource(at, 'issuer', value)} />
                <div className="editor-field">
                  <label htmlFor={`editor-source-${at}-year`}>{`出处 ${at + 1}：年份`}</label>
                  <input id={`editor-source-${at}-year`} type="text" inputMode="numeric" className="editor-minutes" value={row.year} onChange={(event) => {
                    const year = event.currentTarget.value;
                    setSource(at, 'year', year);
                  }} />
                </div>
                <button type="button" className="secondary" onClick={() => change(`source-remove-${at}`, (current) => ({ ...current, sources: current.sources.filter((_, i) => i !== at) }))}>
                  删掉出处 {at + 1}
                </button>
              </li>
            ))}
          </ol>
          <button type="button" className="secondary" onClick={() => change('source-add', (current) => ({ ...current, sources: [...current.sources, { title: '', issuer: '', year: '' }] }))}>
            加一条出处
          </button>
        </fieldset>
      </section>

      <section className="editor-toolbar" aria-labelledby="editor-toolbar-title">
        <h2 id="editor-toolbar-title" tabIndex={-1}>
          正文
        </h2>
        <div className="editor-view" role="group" aria-label="怎样显示正文">
          <button type="button" className="secondary" aria-pressed={doc.mode === 'blocks'} onClick={() => doc.mode === 'source' && toBlocks()}>
            方块
          </button>
          <button type="button" className="secondary" aria-pressed={doc.mode === 'source'} onClick={() => doc.mode === 'blocks' && toSource()}>
            源码
          </button>
        </div>
        <div className="editor-tools" role="group" aria-label="撤销和文字格式">
          <button type="button" className="secondary" onClick={undo}>
            撤销
          </button>
          <button type="button" className="secondary" onClick={redo}>
            重做
          </button>
          <button type="button" className="secondary" onMouseDown={(event) => event.preventDefault()} onClick={() => markSelection((selected) => `**${selected || '要加粗的字'}**`, '加粗')}>
            加粗
          </button>
          <button type="button" className="secondary" onMouseDown={(event) => event.preventDefault()} onClick={() => setLinkOpen(!linkOpen)} aria-expanded={linkOpen} aria-controls="editor-link">
            链接
          </button>
        </div>
        {linkOpen && (
          <div className="editor-link" id="editor-link">
            <div className="editor-field">
              <label htmlFor="editor-link-address">链接地址</label>
              <input id="editor-link-address" type="text" inputMode="url" value={linkAddress} aria-describedby="editor-link-hint" onChange={(event) => setLinkAddress(event.currentTarget.value)} />
              <p className="hint" id="editor-link-hint">
                本站的页面以 / 开头，例如 /courses/；别的网站以 https:// 开头。选中的文字会变成链接。
              </p>
            </div>
            <button
              type="button"
              onClick={() => {
                const address = linkAddress.trim();
                if (address === '') return setAnnounce('请先写链接地址');
                markSelection((selected) => `[${selected || '链接文字'}](${address})`, '加链接');
                setLinkOpen(false);
                setLinkAddress('');
              }}
            >
              加上链接
            </button>
          </div>
        )}
        {doc.mode === 'blocks' && (
          <>
            <div className="editor-insert" role="group" aria-label="加入文字">
              <button type="button" className="secondary" onClick={() => insert({ kind: 'paragraph', id: newBlockId(), text: '' }, '段落')}>
                ＋ 段落
              </button>
              <button type="button" className="secondary" onClick={() => insert({ kind: 'heading', id: newBlockId(), depth: 2, text: '' }, '大标题')}>
                ＋ 大标题
              </button>
              <button type="button" className="secondary" onClick={() => insert({ kind: 'heading', id: newBlockId(), depth: 3, text: '' }, '小标题')}>
                ＋ 小标题
              </button>
              <button type="button" className="secondary" onClick={() => insert({ kind: 'list', id: newBlockId(), ordered: false, items: [''] }, '列表')}>
                ＋ 列表
              </button>
              <button type="button" className="secondary" onClick={() => insert({ kind: 'list', id: newBlockId(), ordered: true, items: [''] }, '编号列表')}>
                ＋ 编号列表
              </button>
            </div>
            <div className="editor-insert" role="group" aria-label="加入课程组件">
              {PALETTE_ORDER.map((name) => (
                <button key={name} type="button" className="secondary" title={LESSON_PALETTE[name].hint} onClick={() => insert(newComponentBlock(name), LESSON_PALETTE[name].label)}>
                  ＋ {LESSON_PALETTE[name].label}
                </button>
              ))}
            </div>
          </>
        )}
        <p className="editor-links">
          <a href={previewUrl} target="_blank" rel="noopener">
            预览（新窗口，显示已保存的文字）
          </a>
          <a href={courseUrl}>回到课程</a>
        </p>
      </section>

      {note && (
        <p className="editor-notice" role="alert">
          {note}
        </p>
      )}

      {doc.mode === 'blocks' ? (
        <div className="editor-blocks">
          {doc.blocks.length === 0 && <p className="hint">还没有正文。点上面的“＋ 段落”开始写。</p>}
          {doc.blocks.map((block, index) => (
            <BlockView
              key={block.id}
              block={block}
              index={index}
              count={doc.blocks.length}
              problems={showProblemsAtBlocks ? (byBlock.get(block.id) ?? []) : []}
              onChange={changeBlock}
              onMove={(by) => move(block.id, by)}
              onRemove={() => remove(block.id)}
            />
          ))}
        </div>
      ) : (
        <div className="editor-field editor-source">
          <label htmlFor="editor-source">源码</label>
          <textarea id="editor-source" value={doc.source} rows={Math.max(12, doc.source.split('\n').length + 2)} spellCheck={false} aria-describedby="editor-source-hint" onChange={(event) => {
            const source = event.currentTarget.value;
            change('source', (current) => ({ ...current, source }));
          }} />
          <p className="hint" id="editor-source-hint">
            课程组件写成标签，例如 &lt;Quote source="出处"&gt;原话&lt;/Quote&gt;。改好后点“方块”回到方块显示。
          </p>
        </div>
      )}
    </div>
  );
}

export default LessonEditor;
