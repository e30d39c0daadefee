import type { Result } from '../result';
import type { WorkflowPanel } from '../studio-workflow';
import { actionNotice } from './action-errors';
import type { Db } from './db';
import { studioCourseResource } from './studio-access';
import { workflowView } from './studio-review';

/**
 * What the workflow panel (Workflow.astro) shows: the course's view, its owner and co-authors for
 * the permission map, and the outcome of the workflow button just pressed (`results`: the panel's
 * Astro.getActionResult of each studioReview action). Components stay off the server modules, so
 * middleware hands this to the panel as Astro.locals.studioWorkflow. Apart from studio-review.ts
 * because it reads action results (astro:actions), which scripts outside Astro cannot load.
 */
export async function workflowPanel(db: Db, courseId: number, results: readonly unknown[]): Promise<WorkflowPanel | undefined> {
  const [view, resource] = await Promise.all([workflowView(db, courseId), studioCourseResource(db, courseId)]);
  if (!view || !resource) return undefined;
  const result = results.find((entry) => entry !== undefined);
  return { view, resource, notice: actionNotice(result as { data?: Result<string>; error?: unknown } | undefined) };
}
