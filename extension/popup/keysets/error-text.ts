// Rejections reach the popup as Error objects or as anything else; the user reads the message either way.
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
