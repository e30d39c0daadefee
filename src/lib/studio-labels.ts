import type { StudioState } from '../../db/schema/studio';

/** A line of 我的课程 (listStudioCourses). */
export interface StudioCourseSummary {
  id: number;
  slug: string;
  title: string;
  theme: string;
  state: StudioState;
  published: boolean;
  lessons: number;
  updatedAt: number;
  /** How the reader relates to it: their own, co-authored, or seen as an admin. */
  role: 'owner' | 'author' | 'admin';
}

/** Where a studio course's draft stands, as its authors read it. */
export const STUDIO_STATE_LABELS: Record<StudioState, string> = {
  draft: '草稿（还在编写）',
  submitted: '已提交，等待审核',
  returned: '审核员退回了，请按意见修改',
};

/** What the author's relation to the course is called on 我的课程. */
export const STUDIO_ROLE_LABELS = { owner: '我负责的课程', author: '我是合作讲师', admin: '管理员查看' } as const;
