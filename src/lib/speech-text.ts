/**
 * Browsers cut long utterances short (Chrome stops after about 15 seconds), so text is spoken in
 * pieces that end at sentence punctuation and stay under `max` characters.
 */
export function splitForSpeech(text: string, max = 120): string[] {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (!clean) return [];
  // Split after sentence-ending punctuation (and any closing quotes after it); nothing is dropped.
  const sentences = clean.split(/(?<=[。！？；!?;][”’」）)]*)(?![”’」）)。！？；!?;])/);
  const pieces: string[] = [];
  let current = '';
  for (const sentence of sentences) {
    if (current && current.length + sentence.length > max) {
      pieces.push(current.trim());
      current = '';
    }
    if (sentence.length > max) {
      for (const part of splitLong(sentence, max)) pieces.push(part);
      continue;
    }
    current += sentence;
  }
  if (current.trim()) pieces.push(current.trim());
  return pieces.filter((piece) => piece.length > 0);
}

/** A sentence longer than `max`: break at commas, or hard at `max` as a last resort. */
function splitLong(sentence: string, max: number): string[] {
  const parts: string[] = [];
  let current = '';
  for (const clause of sentence.split(/(?<=[，、,：:])/)) {
    if (current && current.length + clause.length > max) {
      parts.push(current.trim());
      current = '';
    }
    current += clause;
    while (current.length > max) {
      parts.push(current.slice(0, max));
      current = current.slice(max);
    }
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}

/** Prefer a Mainland Mandarin voice, then any Chinese voice. */
export function pickChineseVoice<T extends { lang: string }>(voices: readonly T[]): T | undefined {
  const norm = (lang: string): string => lang.toLowerCase().replace('_', '-');
  return (
    voices.find((voice) => /^zh-(cn|hans)/.test(norm(voice.lang))) ??
    voices.find((voice) => /^(zh|cmn)/.test(norm(voice.lang)))
  );
}
