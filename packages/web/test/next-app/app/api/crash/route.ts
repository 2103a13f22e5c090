// Throws on purpose: what Next.js itself prints for an error, the control of the log checks.
export function GET(): Response {
  throw new Error('route crashed on purpose 7f3a');
}
