// The 智慧助老 part of the demo (`npm start`): a volunteer's queue with one request waiting, one a
// volunteer is handling, and one answered with the time it took (霞光时间银行), so /help/ask/,
// /volunteer/ and the admins' hours page all have something real to show.
import { helpRequestEvents, helpRequests } from '../schema';
import type { HelpEventKind } from '../schema';
import type { Writer } from '../../src/lib/server/db';
import { problemText } from '../../src/lib/help-requests';
import { recordRequestHours } from '../../src/lib/server/volunteer-hours';

export interface DemoHelpPeople {
  learner: number;
  volunteer: number;
}

const HOUR = 3_600_000;

export async function seedDemoHelp(tx: Writer, people: DemoHelpPeople, now: number): Promise<void> {
  const insert = async (values: typeof helpRequests.$inferInsert, events: Array<[HelpEventKind, number, number, string?]>): Promise<number> => {
    const rows = await tx.insert(helpRequests).values(values).returning({ id: helpRequests.id });
    const id = (rows[0] as { id: number }).id;
    for (const [kind, actorId, at, note = ''] of events) await tx.insert(helpRequestEvents).values({ requestId: id, actorId, kind, note, createdAt: at });
    return id;
  };
  const { learner, volunteer } = people;

  const askedWaiting = now - 3 * HOUR;
  await insert(
    { requesterId: learner, topic: 'video-call', problem: problemText('video-call', '孙子在外地上学，想周末和他视频，每次都点不对地方。'), way: 'phone', preferredTime: '周末上午', createdAt: askedWaiting, updatedAt: askedWaiting },
    [['created', learner, askedWaiting]],
  );

  const askedClaimed = now - 26 * HOUR;
  const claimedAt = now - 20 * HOUR;
  await insert(
    { requesterId: learner, topic: 'hospital', problem: problemText('hospital', '想给老伴挂区医院的专家号。'), way: 'in-person', preferredTime: '工作日上午', status: 'claimed', claimedBy: volunteer, claimedAt, createdAt: askedClaimed, updatedAt: claimedAt },
    [
      ['created', learner, askedClaimed],
      ['claimed', volunteer, claimedAt],
    ],
  );

  const askedClosed = now - 5 * 24 * HOUR;
  const closedAt = now - 4 * 24 * HOUR;
  const answer = '已经打电话教会：在手机的“设置”里把字体调到最大，微信里的字在微信自己的设置里另外调大。王阿姨自己又试了一遍，能看清了。';
  const closedId = await insert(
    { requesterId: learner, topic: 'font', problem: problemText('font', ''), way: 'phone', preferredTime: '什么时间都可以', status: 'closed', claimedBy: volunteer, claimedAt: askedClosed + 2 * HOUR, answer, minutes: 30, closedAt, closedBy: volunteer, createdAt: askedClosed, updatedAt: closedAt },
    [
      ['created', learner, askedClosed],
      ['claimed', volunteer, askedClosed + 2 * HOUR],
      ['closed', volunteer, closedAt],
    ],
  );
  await recordRequestHours(tx, { volunteerId: volunteer, requestId: closedId, minutes: 30, servedAt: closedAt, note: '电话教调大字体', recordedBy: volunteer, now: closedAt });
}
