import { getCollection, type CollectionEntry } from 'astro:content';
import type { Source } from '../../schemas/source';

export type FraudScamEntry = CollectionEntry<'fraudScams'>;

/** The scams of the anti-fraud corner (/help/fraud/), in their order: the one place that reads them. */
export async function listFraudScams(): Promise<FraudScamEntry[]> {
  const scams = await getCollection('fraudScams');
  return scams.sort((a, b) => a.data.order - b.data.order || a.id.localeCompare(b.id));
}

/** The sources of the given scams and of the corner's own facts, each once, in first-seen order. */
export function cornerSources(scams: readonly FraudScamEntry[], own: readonly Source[]): Source[] {
  const seen = new Map<string, Source>();
  for (const source of [...own, ...scams.flatMap((scam) => scam.data.sources)]) {
    const key = `${source.title}|${source.issuer}|${source.year}`;
    if (!seen.has(key)) seen.set(key, source);
  }
  return [...seen.values()];
}
