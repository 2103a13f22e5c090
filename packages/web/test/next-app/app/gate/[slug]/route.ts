// Not wrapped: only the edge middleware (middleware.ts, matcher /gate/*) guards this route.
export async function GET(_request: Request, context: { params: Promise<{ slug: string }> }) {
  return Response.json({ reached: (await context.params).slug });
}
