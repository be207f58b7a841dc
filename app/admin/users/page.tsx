import type { Metadata } from "next";
import { UsersAdmin } from "./users-admin";

export const metadata: Metadata = { title: "Users · Metron" };

// /admin/users — admins create users, reset passwords, grant or take back admin, delete.
export default function UsersRoute() {
  return <UsersAdmin />;
}
