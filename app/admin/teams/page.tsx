import type { Metadata } from "next";
import { TeamsAdmin } from "./teams-admin";

export const metadata: Metadata = { title: "Teams · Metron" };

// /admin/teams — admins create teams and add or remove their members (grants can go to a team).
export default function TeamsRoute() {
  return <TeamsAdmin />;
}
