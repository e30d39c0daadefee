import type { StudioEventKind, StudioState } from '../../db/schema/studio';
import type { Resource } from './permissions';
import type { Result } from './result';

/**
 * The review workflow of a studio course in plain Chinese: where a course stands and what happened
 * to it (studio_events), for the author, the reviewer and admins. Pure: no I/O.
 */

/** What studio_events.detail may hold. */
export interface StudioEventDetail {
  /** The version published, unpublished or restored. */
  version?: number;
  /** The lesson concerned (its title at the time). */
  lessonTitle?: string;
  /** How many comments a return came with. */
  comments?: number;
  /** author.added / removed, transferred: the person concerned. */
  name?: string;
}

export interface StudioEventEntry {
  kind: string;
  actorName: string;
  at: number;
  detail: StudioEventDetail;
}

/** The state of the draft in words, with what happens next. */
export function describeState(state: StudioState, published: { number: number } | null, draftDiffers: boolean): { title: string; next: string } {
  const live = published ? `学员现在看到的是第${published.number}版。` : '学员现在还看不到这门课。';
  switch (state) {
    case 'submitted':
      return { title: '已提交，等待审核', next: `审核人员看过后会发布，或者写上意见退回给您修改。${live}` };
    case 'returned':
      return { title: '已退回，请按意见修改', next: `审核人员的意见写在下面各课的标题旁边。改好后再提交审核。${live}` };
    default:
      if (published && !draftDiffers) return { title: `已发布（第${published.number}版）`, next: '学员看到的就是现在的内容。以后修改了，要再提交审核才会更新给学员。' };
      if (published) return { title: `已发布（第${published.number}版），有还没提交的修改`, next: `修改好后提交审核，审核通过后学员才会看到新的内容。${live}` };
      return { title: '草稿，还没有提交审核', next: `写好后提交审核，审核通过后学员才能看到。${live}` };
  }
}

/** One line of the course's history: 张三 提交了审核. */
export function describeStudioEvent(event: StudioEventEntry): string {
  const who = event.actorName || '（已注销的账号）';
  const d = event.detail;
  const lesson = d.lessonTitle ? `“${d.lessonTitle}”` : '';
  switch (event.kind as StudioEventKind) {
    case 'created':
      return `${who}新建了这门课`;
    case 'edited':
      return lesson ? `${who}修改了${lesson}这一课` : `${who}修改了课程信息`;
    case 'lesson.added':
      return `${who}添加了一课${lesson}`;
    case 'lesson.removed':
      return `${who}删去了一课${lesson}`;
    case 'lesson.moved':
      return `${who}调整了${lesson || '课'}的顺序`;
    case 'submitted':
      return `${who}提交了审核`;
    case 'returned':
      return `${who}退回修改${d.comments ? `（${d.comments}条意见）` : ''}`;
    case 'approved':
      return `${who}审核通过`;
    case 'published':
      return `${who}发布了第${d.version ?? ''}版`;
    case 'unpublished':
      return `${who}停止发布（学员暂时看不到这门课）`;
    case 'restored':
      return `${who}把第${d.version ?? ''}版恢复为草稿`;
    case 'author.added':
      return `${who}请${d.name ?? ''}一起编写`;
    case 'author.removed':
      return `${who}不再请${d.name ?? ''}一起编写`;
    case 'transferred':
      return `${who}把课程转交给${d.name ?? ''}`;
    case 'imported':
      return `${who}导入了课程`;
    default:
      return `${who}：${event.kind}`;
  }
}

export interface WorkflowComment {
  id: number;
  lessonId: number | null;
  authorName: string;
  body: string;
  createdAt: number;
  resolvedAt: number | null;
}

/** Everything the workflow panel shows about one course. */
export interface WorkflowView {
  course: { id: number; title: string; state: StudioState; revision: number };
  published: { number: number } | null;
  /** The draft differs from what learners see (or nothing is published). */
  draftDiffers: boolean;
  lessons: Array<{ id: number; title: string; position: number }>;
  /** Newest first. */
  comments: WorkflowComment[];
  /** Newest first. */
  events: Array<StudioEventEntry & { id: number }>;
  /** What is missing before it may be submitted (studio-courses.ts's submissionProblems): null lessonId is the course's details. */
  problems: Array<{ lessonId: number | null; message: string }>;
}

/** Everything Workflow.astro needs about one course (src/lib/server/studio-review.ts's workflowPanel). */
export interface WorkflowPanel {
  view: WorkflowView;
  /** Owner and co-authors, for can(). */
  resource: Resource;
  /** The outcome of the workflow button just pressed, if any. */
  notice: Result<string | { message: string }> | undefined;
}
