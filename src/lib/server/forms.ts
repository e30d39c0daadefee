/** What the person typed, to put back in the form after an error (never passwords). */
export async function postedValues(request: Request): Promise<Record<string, string>> {
  if (request.method !== 'POST') return {};
  const form = await request.formData().catch(() => null);
  if (!form) return {};
  const values: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value === 'string' && !/password/i.test(key)) values[key] = value;
  }
  return values;
}
