import { z } from "zod";

export const username = z
  .string()
  .trim()
  .min(1)
  .max(256)
  .regex(/^[^\s:]+$/u, "no spaces or colons (HTTP Basic credentials are username:password)");

/** New passwords; sign-in takes whatever was set before. */
export const newPassword = z.string().min(8, "at least 8 characters").max(1024);

export const userId = z.number().int().positive();
export const teamId = z.number().int().positive();
export const teamName = z.string().trim().min(1).max(256);
