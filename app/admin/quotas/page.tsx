import { QuotasPage } from "./quotas-page";

// /admin/quotas: usage against every quota, server-wide and per experiment, and each experiment's own limits.
export default function QuotasRoute() {
  return <QuotasPage />;
}
