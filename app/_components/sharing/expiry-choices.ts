/** How long a new share link lives; the server allows up to 90 days. */
export const EXPIRY_CHOICES = [
  { label: "1 hour", hours: 1 },
  { label: "1 day", hours: 24 },
  { label: "7 days", hours: 7 * 24 },
  { label: "30 days", hours: 30 * 24 },
] as const;
